//! The rebuild engine: keeps the last good build in memory (sources, the linked site, the
//! rendered files) and brings it up to date after a change, through the same pipeline as
//! `dossier build` (`crate::pipeline`).
//!
//! Incremental where it pays: when every file changed since the last good build is a content
//! file whose front matter is byte-for-byte unchanged (the common case while writing), only
//! those files' Markdown bodies are rendered again, with the outputs that show a body
//! ([`Site::update_bodies`]). A change under `static/` replaces the static files alone.
//! Anything else (front matter, a new or deleted file, a template, `site.toml`) gets a full
//! rebuild in memory, which reads again only the content files that changed and serves the
//! edited files' own pages before the rest.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::files::{Files, Map};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, SourceFile, Sources, frontmatter};
use crate::pipeline::{self, BodyEdit, BuildOptions, ContentKind, Site, content_kind};
use crate::render::page_kind::Entity;

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
    site: Site,
    /// Which keys of `files` are rendered outputs (the rest are static files).
    outputs: Arc<HashSet<String>>,
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

/// How a changed file may be applied.
enum Change {
    /// A content file: its body alone may have changed.
    Content(ContentKind),
    /// Markdown under `content/` outside the three kinds: not part of the site.
    Ignored,
    /// Anything else (templates, site.toml, …): a full rebuild.
    Other,
}

fn change_of(relative: &Path) -> Change {
    match content_kind(relative) {
        Some(kind) => Change::Content(kind),
        None if relative.starts_with("content")
            && relative.extension().is_some_and(|e| e == "md")
            && relative.components().count() >= 2 =>
        {
            Change::Ignored
        }
        None => Change::Other,
    }
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
            None => pipeline::load(&options),
        };
        let (sources, warnings) = match loaded {
            Ok(loaded) => loaded,
            Err(errors) => return fail(errors),
        };
        let site = match Site::link(&sources, self.drafts, warnings) {
            Ok(site) => site,
            Err(errors) => return fail(errors),
        };
        if let Some(good) = &self.good {
            let kinds = self.priority_pages(&site);
            if !kinds.is_empty()
                && let Ok(rendered) = site.render_entity_pages(&kinds)
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
        let mut rendered = match site.render_all() {
            Ok(files) => files,
            Err(errors) => return fail(site.failed(errors)),
        };
        // The search index follows full rebuilds only: a body edit on the fast path leaves
        // it one edit behind until the next full rebuild (it costs seconds on big sites).
        match site.search_index(&rendered) {
            Ok(index) => rendered.extend(index),
            Err(error) => return fail(site.failed(error.into())),
        }
        let count = rendered.len();
        let mut files = static_map(&self.root, &sources);
        files.reserve(count);
        let outputs = Arc::new(rendered.iter().map(|f| f.path.clone()).collect());
        for file in rendered {
            files.insert(file.path, file.bytes);
        }
        let files = Files::new(files);
        let warnings = site.warnings.clone();
        self.good = Some(Good {
            sources,
            site,
            outputs,
            files: files.clone(),
        });
        self.pending.clear();
        Outcome::Rebuilt {
            files,
            rendered: count,
            stage: Stage::Full,
            elapsed: started.elapsed(),
            warnings,
        }
    }

    /// The pages of the changed content files that the new site shows: an article's page
    /// and its quotes' pages, a speaker's or a topic's page.
    fn priority_pages(&self, site: &Site) -> Vec<Entity> {
        let mut entities = Vec::new();
        for relative in &self.pending {
            let Some(entity) = site.entity_of_source(relative) else {
                continue;
            };
            entities.push(entity);
            if let Entity::Article(i) = entity {
                let quotes = &site.dossier.articles[i].quotes;
                entities.extend(quotes.iter().map(|&q| Entity::Quote(q)));
            }
        }
        entities
    }

    /// The last good sources with only the changed content files read again, when every
    /// pending change is a content file. `None`: something else changed; load everything.
    fn reload_changed(&self) -> Option<Result<Sources, Diagnostics>> {
        let good = self.good.as_ref()?;
        let mut changes = Vec::new();
        for relative in &self.pending {
            match change_of(relative) {
                Change::Content(kind) => changes.push((kind, relative)),
                Change::Ignored => continue,
                Change::Other => return None,
            }
        }
        let mut sources = good.sources.clone();
        let mut errors = Diagnostics::default();
        for (kind, relative) in changes {
            let path = self.root.join(relative);
            let exists = path.is_file();
            let root = &self.root;
            match kind {
                ContentKind::Article => replace(
                    &mut sources.articles,
                    relative,
                    exists,
                    |s| &s.file,
                    || load::load_article(root, &path),
                ),
                ContentKind::Speaker => replace(
                    &mut sources.speakers,
                    relative,
                    exists,
                    |s| &s.file,
                    || load::load_speaker(root, &path),
                ),
                ContentKind::Topic => replace(
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
        let mut edits: Vec<(ContentKind, usize, SourceFile)> = Vec::new();
        let mut static_changed = false;
        for relative in &self.pending {
            if relative.starts_with("static") {
                // A share image's size is read when the site is linked: a change to one
                // needs the full rebuild.
                if is_share_image(&good.sources, relative) {
                    return None;
                }
                static_changed = true;
                continue;
            }
            let kind = match change_of(relative) {
                Change::Content(kind) => kind,
                Change::Ignored => continue,
                Change::Other => return None,
            };
            match body_edit(&self.root, relative, kind, &good.sources)? {
                Some(edit) => edits.push(edit),
                // Came and went (an editor's temporary file): nothing to do.
                None => continue,
            }
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
        let body_edits: Vec<BodyEdit> = edits
            .iter()
            .map(|(_, _, file)| BodyEdit { file: file.clone() })
            .collect();
        let rendered = match good.site.update_bodies(&body_edits) {
            Ok(rendered) => rendered,
            Err(errors) => {
                return Some(Outcome::Failed {
                    errors,
                    elapsed: started.elapsed(),
                });
            }
        };
        let edited = edits.len();
        for (kind, index, file) in edits {
            match kind {
                ContentKind::Article => good.sources.articles[index].file = file,
                ContentKind::Speaker => good.sources.speakers[index].file = file,
                ContentKind::Topic => good.sources.topics[index].file = file,
            }
        }
        let count = rendered.len();
        self.pending.clear();
        if edited == 0 && static_files.is_none() {
            return Some(Outcome::Unchanged);
        }
        let mut files = good
            .files
            .with(rendered.into_iter().map(|f| (f.path, f.bytes)));
        if let Some(static_files) = static_files {
            good.sources.static_files = static_files;
            let mut map = files.flatten();
            map.retain(|key, _| good.outputs.contains(key));
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

/// Whether `relative` (`static/img/x.png`) is the file of a share image: `image` in
/// `site.toml` or in a speaker's front matter.
fn is_share_image(sources: &Sources, relative: &Path) -> bool {
    let site = sources.config.image.as_ref();
    let speakers = sources
        .speakers
        .iter()
        .filter_map(|s| s.front.image.as_ref());
    site.into_iter()
        .chain(speakers)
        .any(|image| relative == Path::new("static").join(image.get_ref().trim_start_matches('/')))
}

/// The edited content file at `relative` as (kind, index in the sources, new file), when
/// only its body changed. `None`: needs a full rebuild (new file, front matter changed, too
/// big); `Some(None)`: a file that neither exists now nor was part of the site.
fn body_edit(
    root: &Path,
    relative: &Path,
    kind: ContentKind,
    sources: &Sources,
) -> Option<Option<(ContentKind, usize, SourceFile)>> {
    let content_path: Option<Vec<&str>> = relative.iter().skip(1).map(|c| c.to_str()).collect();
    let content_path = content_path?.join("/");
    let path = root.join(relative);
    let files: Vec<&SourceFile> = match kind {
        ContentKind::Article => sources.articles.iter().map(|s| &s.file).collect(),
        ContentKind::Speaker => sources.speakers.iter().map(|s| &s.file).collect(),
        ContentKind::Topic => sources.topics.iter().map(|s| &s.file).collect(),
    };
    let Some(index) = files.iter().position(|f| f.content_path == content_path) else {
        // A new file means new pages, lists and counts; a vanished unknown file, nothing.
        return if path.exists() { None } else { Some(None) };
    };
    let old = files[index];
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
    Some(Some((
        kind,
        index,
        SourceFile {
            text,
            ..old.clone()
        },
    )))
}

/// Puts the re-read file at `relative` into `list` (kept in the order `load` reads files:
/// by path), or takes it out if it no longer exists.
fn replace<S>(
    list: &mut Vec<S>,
    relative: &Path,
    exists: bool,
    file: impl Fn(&S) -> &SourceFile,
    read: impl FnOnce() -> Result<S, Diagnostic>,
) -> Result<(), Diagnostic> {
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

/// The theme's static files, then the site's (which override them by name), less any site
/// static file that is a symbolic link out of the site.
fn static_map(root: &Path, sources: &Sources) -> Map {
    let mut files: HashMap<String, Arc<[u8]>> =
        pipeline::static_files(sources).into_iter().collect();
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
        // The search index is rebuilt by full rebuilds only (see `Engine::full_rebuild`).
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
    fn a_changed_share_image_relinks_for_its_new_size() {
        let (_dir, root) = fixture_copy();
        let gif = |width: u8, height: u8| {
            let mut bytes = b"GIF89a".to_vec();
            bytes.extend([width, 0, height, 0, 0, 0, 0]);
            bytes.extend([0; 16]);
            bytes
        };
        let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
        std::fs::write(
            root.join("site.toml"),
            format!("{config}image = \"share.gif\"\n"),
        )
        .unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/share.gif"), gif(10, 5)).unwrap();
        let mut engine = Engine::new(root.clone(), "http://127.0.0.1:1/".into(), false);
        let _ = engine.full_rebuild(&mut |_| {});
        std::fs::write(root.join("static/share.gif"), gif(20, 8)).unwrap();
        let (files, stage) = built(&mut engine, &["static/share.gif"]);
        assert_eq!(stage, Stage::Full);
        let home = String::from_utf8(files.get("index.html").unwrap().to_vec()).unwrap();
        assert!(
            home.contains("<meta property=\"og:image:width\" content=\"20\">"),
            "{home}"
        );
        assert_same(&files, &fresh(&root));
    }

    #[test]
    fn a_draft_body_edit_is_left_out_as_the_build_leaves_it_out() {
        // The draft links to a file that does not exist: `build` never renders its body, so
        // an edit to it must not fail serve, nor make later unrelated edits fail.
        let (_dir, root) = fixture_copy();
        let mut engine = Engine::new(root.clone(), "http://127.0.0.1:1/".into(), false);
        let _ = engine.full_rebuild(&mut |_| {});
        let draft = "content/articles/2024-03-01-unfinished.md";
        let text = std::fs::read_to_string(root.join(draft)).unwrap();
        std::fs::write(
            root.join(draft),
            text.replace(
                "Draft body.",
                "Draft body, see [this](@/articles/not-written-yet.md).",
            ),
        )
        .unwrap();
        let (files, stage) = built(&mut engine, &[draft]);
        assert_eq!(stage, Stage::Incremental);
        assert!(!files.contains_key("articles/unfinished/index.html"));
        assert_same(&files, &fresh(&root));

        let article = "content/articles/2024-01-10-first.md";
        let text = std::fs::read_to_string(root.join(article)).unwrap();
        std::fs::write(
            root.join(article),
            text.replace("Opening paragraph", "Edited"),
        )
        .unwrap();
        let (files, stage) = built(&mut engine, &[article]);
        assert_eq!(stage, Stage::Incremental);
        assert_same(&files, &fresh(&root));
    }

    #[test]
    fn only_markdown_under_the_three_kinds_may_take_the_fast_path() {
        assert!(matches!(
            change_of(Path::new("content/articles/a.md")),
            Change::Content(ContentKind::Article)
        ));
        assert!(matches!(
            change_of(Path::new("content/speakers/a.md")),
            Change::Content(ContentKind::Speaker)
        ));
        assert!(matches!(
            change_of(Path::new("content/notes/a.md")),
            Change::Ignored
        ));
        assert!(matches!(
            change_of(Path::new("content/articles")),
            Change::Other
        ));
        assert!(matches!(
            change_of(Path::new("templates/base.html")),
            Change::Other
        ));
        assert!(matches!(change_of(Path::new("site.toml")), Change::Other));
    }
}
