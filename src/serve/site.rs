//! The rebuild engine: keeps the last good build in memory (sources, linked dossier, views,
//! compiled theme, rendered files) and brings it up to date after a change.
//!
//! Incremental where it pays: when every file changed since the last good build is a content
//! file whose front matter is byte-for-byte unchanged (the common case while writing), only
//! those files' Markdown bodies are rendered again, and only the outputs that show a body
//! ([`render::body_outputs`]: the article, speaker or topic page, and the Atom feeds carrying
//! the article). No list, card, index or data file shows a body. A change under `static/`
//! replaces the static files alone. Anything else (front matter, a new or deleted file, a
//! template, `site.toml`) gets a full rebuild in memory, which reads again only the content
//! files that changed and serves the edited files' own pages before the rest.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostics;
use crate::link::{self, Dossier, LinkOptions};
use crate::load::{self, SourceFile, Sources, frontmatter};
use crate::render::{self, Theme, pages, views::Views};
use crate::{BuildOptions, load_sources};

type Map = HashMap<String, Arc<[u8]>>;

/// The served site: every file by its path. A full rebuild makes a new `base`; incremental
/// updates go into a small `overlay` on top of it, so re-rendering one page costs nothing
/// in proportion to the site (at 10,000 articles it has some 90,000 files).
#[derive(Clone, Default)]
pub struct Files {
    base: Arc<Map>,
    overlay: Arc<Map>,
}

impl Files {
    pub fn new(files: Map) -> Files {
        Files {
            base: Arc::new(files),
            overlay: Arc::default(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Arc<[u8]>> {
        self.overlay.get(key).or_else(|| self.base.get(key))
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.base.is_empty() && self.overlay.is_empty()
    }

    /// Every file, once each.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Arc<[u8]>)> {
        self.overlay.iter().chain(
            self.base
                .iter()
                .filter(|(key, _)| !self.overlay.contains_key(*key)),
        )
    }

    /// These files with `updates` replacing or adding files.
    pub fn with(&self, updates: impl IntoIterator<Item = (String, Arc<[u8]>)>) -> Files {
        let mut overlay = (*self.overlay).clone();
        overlay.extend(updates);
        Files {
            base: self.base.clone(),
            overlay: Arc::new(overlay),
        }
    }

    /// Everything in one map (for changes that also remove files).
    fn flatten(&self) -> Map {
        let mut map = (*self.base).clone();
        map.extend(self.overlay.iter().map(|(k, v)| (k.clone(), v.clone())));
        map
    }
}

/// Which kind of rebuild produced a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Everything loaded, linked and rendered.
    Full,
    /// Only changed bodies and the pages showing them (the fast path).
    Incremental,
    /// The first half of a full rebuild: the edited files' own pages, rendered from the
    /// new dossier before every other page, so the page being edited updates first.
    Priority,
}

/// What a rebuild did.
pub enum Outcome {
    Rebuilt {
        files: Files,
        /// Pages rendered: all of them, or only those whose inputs changed.
        rendered: usize,
        stage: Stage,
        elapsed: Duration,
        warnings: Diagnostics,
    },
    Failed {
        errors: Diagnostics,
        elapsed: Duration,
    },
    /// Nothing the site is made of changed (e.g. an editor's temporary file came and went).
    Unchanged,
}

/// The last good build, everything needed to update it in place.
struct Good {
    sources: Sources,
    dossier: Dossier,
    views: Views,
    theme: Theme,
    /// Content path (`articles/x.md`) → URL, as `@/` links resolve.
    internal: HashMap<String, String>,
    /// Which keys of `files` are rendered pages (the rest are static files).
    pages: Arc<std::collections::HashSet<String>>,
    files: Files,
}

pub struct Engine {
    root: PathBuf,
    base_url: String,
    drafts: bool,
    good: Option<Good>,
    /// Files changed since the last good build (relative to the root).
    pending: BTreeSet<PathBuf>,
}

#[derive(Clone, Copy)]
enum Kind {
    Article,
    Speaker,
    Topic,
}

impl Engine {
    pub fn new(root: PathBuf, base_url: String, drafts: bool) -> Engine {
        Engine {
            root,
            base_url,
            drafts,
            good: None,
            pending: BTreeSet::new(),
        }
    }

    /// A new engine with the same settings and nothing built (after a panic: the state may
    /// be half-updated, so the next change rebuilds everything).
    pub fn fresh(&self) -> Engine {
        Engine::new(self.root.clone(), self.base_url.clone(), self.drafts)
    }

    /// The files of the last good build, if any.
    pub fn files(&self) -> Option<Files> {
        self.good.as_ref().map(|good| good.files.clone())
    }

    /// Brings the site up to date after `changed` (paths relative to the root). A full
    /// rebuild first hands the edited files' own pages to `early` (see [`Stage::Priority`]).
    pub fn rebuild(&mut self, changed: Vec<PathBuf>, early: &mut dyn FnMut(Outcome)) -> Outcome {
        let started = Instant::now();
        self.pending.extend(changed);
        match self.try_incremental(started) {
            Some(outcome) => outcome,
            None => self.full_rebuild(early),
        }
    }

    /// Loads, links and renders everything, in memory.
    pub fn full_rebuild(&mut self, early: &mut dyn FnMut(Outcome)) -> Outcome {
        let started = Instant::now();
        let fail = |errors: Diagnostics| Outcome::Failed {
            errors: errors.sorted(),
            elapsed: started.elapsed(),
        };
        let options = BuildOptions {
            root: self.root.clone(),
            output: None,
            base_url: Some(self.base_url.clone()),
            drafts: self.drafts,
        };
        let loaded = match self.reload_changed() {
            Some(result) => result.map(|sources| (sources, Diagnostics::default())),
            None => load_sources(&options),
        };
        let (sources, mut warnings) = match loaded {
            Ok(loaded) => loaded,
            Err(errors) => return fail(errors),
        };
        let with_warnings = |mut errors: Diagnostics, warnings: &Diagnostics| {
            errors.extend(warnings.clone());
            errors
        };
        let (dossier, link_warnings) = match link::link(
            &sources,
            LinkOptions {
                drafts: self.drafts,
            },
        ) {
            Ok(linked) => linked,
            Err(errors) => return fail(with_warnings(errors, &warnings)),
        };
        warnings.extend(link_warnings);
        let theme = match Theme::compile(&sources.templates) {
            Ok(theme) => theme,
            Err(errors) => return fail(with_warnings(errors, &warnings)),
        };
        let views = match Views::build(&dossier, &theme) {
            Ok(views) => views,
            Err(errors) => return fail(with_warnings(errors, &warnings)),
        };
        if let Some(good) = &self.good {
            let specs = priority_pages(&self.pending, &dossier, &views);
            if !specs.is_empty()
                && let Ok(rendered) = render::render_pages(&dossier, &theme, specs)
            {
                let count = rendered.len();
                let files = good
                    .files
                    .with(rendered.into_iter().map(|f| (f.path, f.bytes)));
                early(Outcome::Rebuilt {
                    files,
                    rendered: count,
                    stage: Stage::Priority,
                    elapsed: started.elapsed(),
                    warnings: Diagnostics::default(),
                });
            }
        }
        let mut rendered = match render::render_with_views(&dossier, &theme, &views) {
            Ok(files) => files,
            Err(errors) => return fail(with_warnings(errors, &warnings)),
        };
        // The search index follows full rebuilds only: a body edit on the fast path leaves
        // it one edit behind until the next full rebuild (it costs seconds on big sites).
        if dossier.config.search.enabled {
            match render::search::index(&dossier, &rendered) {
                Ok(index) => rendered.extend(index),
                Err(error) => return fail(with_warnings(error.into(), &warnings)),
            }
        }
        let count = rendered.len();
        let mut files = static_map(&self.root, &sources);
        files.reserve(count);
        let pages = Arc::new(rendered.iter().map(|f| f.path.clone()).collect());
        for file in rendered {
            files.insert(file.path, file.bytes);
        }
        let files = Files::new(files);
        let internal = internal_targets(&sources, &dossier);
        self.good = Some(Good {
            sources,
            dossier,
            views,
            theme,
            internal,
            pages,
            files: files.clone(),
        });
        self.pending.clear();
        Outcome::Rebuilt {
            files,
            rendered: count,
            stage: Stage::Full,
            elapsed: started.elapsed(),
            warnings: warnings.sorted(),
        }
    }

    /// The last good sources with only the changed content files read again, when every
    /// pending change is a content file. `None`: something else changed; load everything.
    fn reload_changed(&self) -> Option<Result<Sources, Diagnostics>> {
        let good = self.good.as_ref()?;
        let mut changes = Vec::new();
        for relative in &self.pending {
            match content_kind(relative)? {
                Some(kind) => changes.push((kind, relative)),
                None => continue,
            }
        }
        let mut sources = good.sources.clone();
        let mut errors = Diagnostics::default();
        for (kind, relative) in changes {
            let path = self.root.join(relative);
            let exists = path.is_file();
            let root = &self.root;
            match kind {
                Kind::Article => replace(
                    &mut sources.articles,
                    relative,
                    exists,
                    |s| &s.file,
                    || load::load_article(root, &path),
                ),
                Kind::Speaker => replace(
                    &mut sources.speakers,
                    relative,
                    exists,
                    |s| &s.file,
                    || load::load_speaker(root, &path),
                ),
                Kind::Topic => replace(
                    &mut sources.topics,
                    relative,
                    exists,
                    |s| &s.file,
                    || load::load_topic(root, &path),
                ),
            }
            .unwrap_or_else(|diagnostic| errors.push(diagnostic));
        }
        Some(if errors.has_errors() {
            Err(errors)
        } else {
            Ok(sources)
        })
    }

    /// The fast path. `None` when the pending changes need a full rebuild.
    fn try_incremental(&mut self, started: Instant) -> Option<Outcome> {
        let good = self.good.as_mut()?;
        let mut updates: Vec<(Kind, usize, SourceFile)> = Vec::new();
        let mut static_changed = false;
        for relative in &self.pending {
            if relative.starts_with("static") {
                static_changed = true;
                continue;
            }
            let kind = match content_kind(relative)? {
                Some(kind) => kind,
                None => continue,
            };
            let content_path = content_path(relative)?;
            let path = self.root.join(relative);
            let found = match kind {
                Kind::Article => find(good.sources.articles.iter().map(|s| &s.file), &content_path),
                Kind::Speaker => find(good.sources.speakers.iter().map(|s| &s.file), &content_path),
                Kind::Topic => find(good.sources.topics.iter().map(|s| &s.file), &content_path),
            };
            let (index, old) = match found {
                Some((index, file)) => (index, file.clone()),
                // Came and went (an editor's temporary file): nothing to do.
                None if !path.exists() => continue,
                // A new file: new pages, lists, counts.
                None => return None,
            };
            let size = std::fs::metadata(&path).ok()?.len();
            if size > load::MAX_CONTENT_FILE_BYTES {
                return None;
            }
            let text: Arc<str> = Arc::from(std::fs::read_to_string(&path).ok()?);
            let new = frontmatter::split(&text, &old.path, &text).ok()?;
            let before = frontmatter::split(&old.text, &old.path, &old.text).ok()?;
            if new.front != before.front
                || new.front_offset != old.front_offset
                || new.body_offset != old.body_offset
            {
                return None;
            }
            updates.push((kind, index, SourceFile { text, ..old }));
        }
        let static_files = if static_changed {
            match load::load_static_files(&self.root) {
                Ok(files) => Some(files),
                Err(errors) => {
                    return Some(Outcome::Failed {
                        errors: errors.sorted(),
                        elapsed: started.elapsed(),
                    });
                }
            }
        } else {
            None
        };
        let updates_len = updates.len();
        // Every change is a body edit: re-render those bodies, then the pages showing them.
        let mut errors = Diagnostics::default();
        let mut rendered_bodies = Vec::with_capacity(updates.len());
        for (kind, index, file) in &updates {
            let (body, link_errors) =
                link::render_body(file, &good.dossier.config.markdown, &good.internal);
            errors.items.extend(link_errors);
            rendered_bodies.push((*kind, *index, body));
        }
        if errors.has_errors() {
            return Some(Outcome::Failed {
                errors: errors.sorted(),
                elapsed: started.elapsed(),
            });
        }
        let mut specs = Vec::new();
        for ((kind, index, body), (_, _, file)) in rendered_bodies.into_iter().zip(updates) {
            let dossier = &mut good.dossier;
            match kind {
                Kind::Article => {
                    good.sources.articles[index].file = file;
                    let path = &good.sources.articles[index].file.path;
                    // A draft outside `--drafts` is in no page.
                    if let Some(i) = dossier.articles.iter().position(|a| &a.source_path == path) {
                        dossier.articles[i].body_html = body.html;
                        dossier.articles[i].headings = body.headings;
                        specs.push((Kind::Article, i));
                    }
                }
                Kind::Speaker => {
                    let slug = link::slugs::slugify(file.stem());
                    good.sources.speakers[index].file = file;
                    if let Some(i) = dossier.speakers.iter().position(|s| s.slug == slug) {
                        dossier.speakers[i].bio_html = body.html;
                        specs.push((Kind::Speaker, i));
                    }
                }
                Kind::Topic => {
                    let slug = link::slugs::slugify(file.stem());
                    good.sources.topics[index].file = file;
                    if let Some(i) = dossier.topics.iter().position(|t| t.slug == slug) {
                        dossier.topics[i].body_html = body.html;
                        specs.push((Kind::Topic, i));
                    }
                }
            }
        }
        let of = |wanted: fn(&Kind) -> bool| -> Vec<usize> {
            specs
                .iter()
                .filter(|(k, _)| wanted(k))
                .map(|(_, i)| *i)
                .collect()
        };
        let (articles, speakers, topics) = (
            of(|k| matches!(k, Kind::Article)),
            of(|k| matches!(k, Kind::Speaker)),
            of(|k| matches!(k, Kind::Topic)),
        );
        let rendered = match render::body_outputs(
            &good.dossier,
            &good.theme,
            &good.views,
            &articles,
            &speakers,
            &topics,
        ) {
            Ok(rendered) => rendered,
            Err(errors) => {
                return Some(Outcome::Failed {
                    errors,
                    elapsed: started.elapsed(),
                });
            }
        };
        let count = rendered.len();
        self.pending.clear();
        if updates_len == 0 && static_files.is_none() {
            return Some(Outcome::Unchanged);
        }
        let mut files = good
            .files
            .with(rendered.into_iter().map(|f| (f.path, f.bytes)));
        if let Some(static_files) = static_files {
            good.sources.static_files = static_files;
            let mut map = files.flatten();
            map.retain(|key, _| good.pages.contains(key));
            for (name, bytes) in static_map(&self.root, &good.sources) {
                // A page wins over a static file of the same name, as in `build`.
                map.entry(name).or_insert(bytes);
            }
            files = Files::new(map);
        }
        good.files = files;
        Some(Outcome::Rebuilt {
            files: good.files.clone(),
            rendered: count,
            stage: Stage::Incremental,
            elapsed: started.elapsed(),
            warnings: Diagnostics::default(),
        })
    }
}

/// Puts the re-read file at `relative` into `list` (kept in the order `load` reads files:
/// by path), or takes it out if it no longer exists.
fn replace<S>(
    list: &mut Vec<S>,
    relative: &Path,
    exists: bool,
    file: impl Fn(&S) -> &SourceFile,
    read: impl FnOnce() -> Result<S, crate::diagnostics::Diagnostic>,
) -> Result<(), crate::diagnostics::Diagnostic> {
    let position = list.binary_search_by(|s| file(s).path.as_path().cmp(relative));
    match (position, exists) {
        (Ok(i), true) => list[i] = read()?,
        (Err(i), true) => list.insert(i, read()?),
        (Ok(i), false) => {
            list.remove(i);
        }
        (Err(_), false) => {}
    }
    Ok(())
}

/// The pages of the changed content files that still exist: an article's page and its
/// quotes' pages, a speaker's or a topic's page.
fn priority_pages(
    changed: &BTreeSet<PathBuf>,
    dossier: &Dossier,
    views: &Views,
) -> Vec<pages::PageSpec> {
    let mut specs = Vec::new();
    for relative in changed {
        let Some(Some(kind)) = content_kind(relative) else {
            continue;
        };
        let stem = relative.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        match kind {
            Kind::Article => {
                if let Some(i) = dossier
                    .articles
                    .iter()
                    .position(|a| a.source_path == *relative)
                {
                    specs.push(pages::article(dossier, views, i));
                    specs.extend(
                        dossier.articles[i]
                            .quotes
                            .iter()
                            .map(|&q| pages::quote(dossier, views, q)),
                    );
                }
            }
            Kind::Speaker => {
                let slug = link::slugs::slugify(stem);
                if let Some(i) = dossier.speakers.iter().position(|s| s.slug == slug) {
                    specs.push(pages::speaker(dossier, views, i));
                }
            }
            Kind::Topic => {
                let slug = link::slugs::slugify(stem);
                if let Some(i) = dossier.topics.iter().position(|t| t.slug == slug) {
                    specs.push(pages::topic(dossier, views, i));
                }
            }
        }
    }
    specs
}

/// Kinds of files that pages embed: when one changes, every tab reloads.
const SHARED_ASSETS: &[&str] = &[
    "css", "js", "mjs", "wasm", "woff", "woff2", "ttf", "otf", "png", "jpg", "jpeg", "gif", "svg",
    "webp", "avif", "ico",
];

/// The URL paths whose bytes differ between two versions of the site (added and removed
/// files included), or `None` when a file that pages embed changed (a stylesheet, an image:
/// every tab should reload) or too many changed to be worth listing.
pub fn changed_paths(old: &Files, new: &Files) -> Option<Vec<String>> {
    const MAX_LISTED: usize = 5_000;
    let mut paths = Vec::new();
    let differs = |key: &String, bytes: &Arc<[u8]>| match old.get(key) {
        Some(before) => !Arc::ptr_eq(before, bytes) && before[..] != bytes[..],
        None => true,
    };
    let same_base = Arc::ptr_eq(&old.base, &new.base);
    let candidates: Box<dyn Iterator<Item = (&String, &Arc<[u8]>)>> = if same_base {
        // Only the overlays can differ: a cost in proportion to the change, not the site.
        Box::new(new.overlay.iter())
    } else {
        Box::new(new.iter())
    };
    let changed = candidates
        .filter(|(key, bytes)| differs(key, bytes))
        .map(|(key, _)| key);
    let removed: Box<dyn Iterator<Item = &String>> = if same_base {
        Box::new(old.overlay.keys().filter(|key| {
            old.get(key).map(|b| &b[..]) != new.get(key).map(|b| &b[..])
                && !new.overlay.contains_key(*key)
        }))
    } else {
        Box::new(
            old.iter()
                .map(|(key, _)| key)
                .filter(|key| !new.contains_key(key)),
        )
    };
    for key in changed.chain(removed) {
        let extension = key.rsplit_once('.').map_or("", |(_, e)| e);
        if SHARED_ASSETS.contains(&extension) {
            return None;
        }
        paths.push(format!(
            "/{}",
            key.strip_suffix("index.html").unwrap_or(key)
        ));
        if paths.len() > MAX_LISTED {
            return None;
        }
    }
    paths.sort();
    Some(paths)
}

/// For a changed path: `None` → needs a full rebuild; `Some(None)` → ignore it (a Markdown
/// file that neither exists now nor was part of the site, such as an editor's temporary
/// file); `Some(Some(kind))` → a content file that may take the fast path.
fn content_kind(relative: &Path) -> Option<Option<Kind>> {
    let mut components = relative.iter().map(|c| c.to_str());
    if components.next()? != Some("content") {
        return None;
    }
    if relative.extension().is_none_or(|e| e != "md") {
        return None;
    }
    let kind = match components.next()?? {
        "articles" => Kind::Article,
        "speakers" => Kind::Speaker,
        "topics" => Kind::Topic,
        // Markdown elsewhere in content/ is not part of the site.
        _ => return Some(None),
    };
    Some(Some(kind))
}

/// `content/articles/x.md` → `articles/x.md` (how `SourceFile::content_path` names it).
fn content_path(relative: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = relative.iter().skip(1).map(|c| c.to_str()).collect();
    Some(parts?.join("/"))
}

fn find<'a>(
    files: impl Iterator<Item = &'a SourceFile>,
    content_path: &str,
) -> Option<(usize, &'a SourceFile)> {
    files
        .enumerate()
        .find(|(_, file)| file.content_path == content_path)
}

/// Every content file an `@/` link may name, and its URL (as the link stage builds it).
fn internal_targets(sources: &Sources, dossier: &Dossier) -> HashMap<String, String> {
    let mut internal = HashMap::new();
    let by_path: HashMap<&Path, &str> = dossier
        .articles
        .iter()
        .map(|a| (a.source_path.as_path(), a.url.as_str()))
        .collect();
    for source in &sources.articles {
        if let Some(url) = by_path.get(source.file.path.as_path()) {
            internal.insert(source.file.content_path.clone(), url.to_string());
        }
    }
    let speakers: HashMap<&str, &str> = dossier
        .speakers
        .iter()
        .map(|s| (s.slug.as_str(), s.url.as_str()))
        .collect();
    for source in &sources.speakers {
        if let Some(url) = speakers.get(link::slugs::slugify(source.file.stem()).as_str()) {
            internal.insert(source.file.content_path.clone(), url.to_string());
        }
    }
    let topics: HashMap<&str, &str> = dossier
        .topics
        .iter()
        .map(|t| (t.slug.as_str(), t.url.as_str()))
        .collect();
    for source in &sources.topics {
        if let Some(url) = topics.get(link::slugs::slugify(source.file.stem()).as_str()) {
            internal.insert(source.file.content_path.clone(), url.to_string());
        }
    }
    internal
}

/// The theme's static files, then the site's (which override them by name), less any site
/// static file that is a symbolic link out of the site.
fn static_map(root: &Path, sources: &Sources) -> HashMap<String, Arc<[u8]>> {
    let mut files: HashMap<String, Arc<[u8]>> = crate::static_files(sources).into_iter().collect();
    for file in &sources.static_files {
        if !inside(root, &root.join(&file.path)) {
            files.remove(&file.name);
        }
    }
    files
}

/// Whether `path`, with symbolic links resolved, lies inside `root` (canonical).
fn inside(root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|real| real.starts_with(root))
}

/// The diagnostics of a failed rebuild, for the terminal and the overlay.
pub fn plain_text(errors: &Diagnostics) -> String {
    errors.render(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Files {
        Files::new(
            files
                .iter()
                .map(|(k, v)| (k.to_string(), Arc::from(v.as_bytes())))
                .collect(),
        )
    }

    #[test]
    fn lists_the_pages_that_changed() {
        let old = site(&[
            ("index.html", "a"),
            ("articles/x/index.html", "b"),
            ("data/q.csv", "c"),
        ]);
        let new = site(&[
            ("index.html", "a"),
            ("articles/x/index.html", "B"),
            ("articles/y/index.html", "n"),
        ]);
        assert_eq!(
            changed_paths(&old, &new),
            Some(vec![
                "/articles/x/".into(),
                "/articles/y/".into(),
                "/data/q.csv".into()
            ])
        );
        assert_eq!(changed_paths(&old, &old), Some(vec![]));
    }

    /// A copy of the fixture site, with a canonical root as `serve` uses.
    fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let root = dir.path().canonicalize().unwrap();
        (dir, root)
    }

    fn built(engine: &mut Engine, changed: &[&str]) -> (Files, Stage) {
        let changed = changed.iter().map(PathBuf::from).collect();
        match engine.rebuild(changed, &mut |_| {}) {
            Outcome::Rebuilt { files, stage, .. } => (files, stage),
            Outcome::Failed { errors, .. } => panic!("{}", errors.render(false)),
            Outcome::Unchanged => panic!("unchanged"),
        }
    }

    fn fresh(root: &Path) -> Files {
        let mut engine = Engine::new(root.to_path_buf(), "http://127.0.0.1:1/".into(), false);
        match engine.full_rebuild(&mut |_| {}) {
            Outcome::Rebuilt { files, .. } => files,
            _ => panic!("the fresh build failed"),
        }
    }

    fn assert_same(incremental: &Files, fresh: &Files) {
        let mut keys: Vec<&String> = incremental
            .iter()
            .chain(fresh.iter())
            .map(|(key, _)| key)
            .collect();
        keys.sort();
        keys.dedup();
        // The search index is rebuilt by full rebuilds only (see `full_rebuild`).
        keys.retain(|key| !key.starts_with("pagefind/"));
        for key in keys {
            assert!(
                incremental.get(key).map(|b| &b[..]) == fresh.get(key).map(|b| &b[..]),
                "{key} differs from a fresh build"
            );
        }
    }

    #[test]
    fn every_kind_of_update_gives_the_site_a_fresh_build_gives() {
        let (_dir, root) = fixture_copy();
        let mut engine = Engine::new(root.clone(), "http://127.0.0.1:1/".into(), false);
        let _ = engine.full_rebuild(&mut |_| {});
        let article = "content/articles/2024-01-10-first.md";
        let edit = |path: &str, from: &str, to: &str| {
            let text = std::fs::read_to_string(root.join(path)).unwrap();
            assert!(text.contains(from));
            std::fs::write(root.join(path), text.replacen(from, to, 1)).unwrap();
        };

        edit(article, "Opening paragraph", "Edited paragraph");
        let (files, stage) = built(&mut engine, &[article]);
        assert_eq!(stage, Stage::Incremental);
        assert_same(&files, &fresh(&root));

        let speaker = root.join("content/speakers/bo-sample.md");
        let text = std::fs::read_to_string(&speaker).unwrap();
        std::fs::write(&speaker, format!("{text}\nA new last paragraph.\n")).unwrap();
        let (files, stage) = built(&mut engine, &["content/speakers/bo-sample.md"]);
        assert_eq!(stage, Stage::Incremental);
        assert_same(&files, &fresh(&root));

        edit(
            article,
            "title = \"First fixture article\"",
            "title = \"Retitled\"",
        );
        let (files, stage) = built(&mut engine, &[article]);
        assert_eq!(stage, Stage::Full);
        assert_same(&files, &fresh(&root));

        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/extra.css"), "p { color: red }").unwrap();
        std::fs::write(root.join("static/style.css"), "/* the site's own */").unwrap();
        let (files, stage) = built(&mut engine, &["static/extra.css", "static/style.css"]);
        assert_eq!(stage, Stage::Incremental);
        assert_eq!(
            &files.get("style.css").unwrap()[..],
            b"/* the site's own */"
        );
        assert_same(&files, &fresh(&root));
        std::fs::remove_file(root.join("static/style.css")).unwrap();
        let (files, _) = built(&mut engine, &["static/style.css"]);
        assert!(
            files.get("style.css").unwrap().starts_with(b"/*")
                && files.get("style.css").unwrap().len() > 100,
            "the theme's stylesheet is back"
        );
        assert_same(&files, &fresh(&root));

        let added = "content/articles/2024-05-01-added.md";
        std::fs::write(
            root.join(added),
            "+++\ntitle = \"Added\"\ndate = 2024-05-01\nsource_url = \"https://news.example.test/added\"\ntopics = [\"beta\"]\n+++\nNew.\n",
        )
        .unwrap();
        std::fs::remove_file(root.join("content/articles/2024-02-01-reply.md")).unwrap();
        let (files, _) = built(
            &mut engine,
            &[added, "content/articles/2024-02-01-reply.md"],
        );
        assert!(files.contains_key("articles/added/index.html"));
        assert!(!files.contains_key("articles/reply/index.html"));
        assert_same(&files, &fresh(&root));
    }

    #[test]
    fn an_update_on_top_of_a_site_compares_only_what_it_replaced() {
        let base = site(&[("index.html", "a"), ("articles/x/index.html", "b")]);
        let one = base.with([("articles/x/index.html".to_string(), Arc::from(&b"B"[..]))]);
        assert_eq!(
            changed_paths(&base, &one),
            Some(vec!["/articles/x/".into()])
        );
        assert_eq!(&one.get("articles/x/index.html").unwrap()[..], b"B");
        assert_eq!(&one.get("index.html").unwrap()[..], b"a");
        let same = one.with([("articles/x/index.html".to_string(), Arc::from(&b"B"[..]))]);
        assert_eq!(changed_paths(&one, &same), Some(vec![]));
        assert_eq!(one.iter().count(), 2);
    }

    #[test]
    fn a_changed_stylesheet_reloads_every_tab() {
        let old = site(&[("index.html", "a"), ("style.css", "x")]);
        let new = site(&[("index.html", "a"), ("style.css", "y")]);
        assert_eq!(changed_paths(&old, &new), None);
    }

    #[test]
    fn only_markdown_under_the_three_kinds_may_take_the_fast_path() {
        assert!(matches!(
            content_kind(Path::new("content/articles/a.md")),
            Some(Some(Kind::Article))
        ));
        assert!(matches!(
            content_kind(Path::new("content/speakers/a.md")),
            Some(Some(Kind::Speaker))
        ));
        assert!(matches!(
            content_kind(Path::new("content/notes/a.md")),
            Some(None)
        ));
        assert!(content_kind(Path::new("content/articles")).is_none());
        assert!(content_kind(Path::new("templates/base.html")).is_none());
        assert!(content_kind(Path::new("site.toml")).is_none());
    }
}
