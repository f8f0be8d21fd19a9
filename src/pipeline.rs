//! The one pipeline that `build`, `check` and `serve` drive:
//!
//! ```text
//! load (files → Sources) → link (Sources → Dossier) → theme + views → render (into a sink)
//!                                                                   → search index
//! ```
//!
//! [`load`] reads the site and applies the command line's overrides; [`Site::link`] runs
//! everything that turns sources into what pages are made of (the linked dossier, the compiled
//! theme, the views with their cards) and merges the diagnostics of each stage the same way
//! for every command; [`Site::render_each`] hands every output file to a sink (the staging
//! folder for `build`, memory for `check` and `serve`); [`Site::update_bodies`] is `serve`'s
//! fast path, under the same rules as a full link (drafts left out unless asked for).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::{self, LinkOptions, model::Dossier};
use crate::load::{self, SourceFile, Sources};
use crate::render::output::{OutputFile, Sink};
use crate::render::page_kind::{Entity, PageKind};
use crate::render::pages::PageJob;
use crate::render::theme::{self, Theme};
use crate::render::views::Views;
use crate::render::{self, search};
use crate::timings;

/// What a command asks of the pipeline.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; default: `output_dir` from site.toml, else `public`, under the root.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from site.toml (e.g. the GitHub Pages URL in CI).
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Whether the search index reuses the pages it packed in earlier builds, and keeps
    /// this build's, under `.dossier/cache/` (`dossier build`; not `check` or `serve`).
    pub cache: bool,
}

/// Loads the site at `options.root`, applying command-line overrides. Content files that
/// fail to load are reported in the diagnostics (as errors: [`Site::link`] fails on them)
/// and left out of the sources, so the link still reports the other files' problems.
pub fn load(options: &BuildOptions) -> Result<(Sources, Diagnostics), Diagnostics> {
    let (mut sources, warnings) = load::load_partial(&options.root)?;
    if let Some(url) = &options.base_url {
        let url = crate::config::parse_base_url(url).map_err(|(what, _)| {
            Diagnostic::error(format!("invalid --base-url: {what}"))
                .help("e.g. --base-url https://user.github.io/repo/")
        })?;
        sources.config.base_url = toml::Spanned::new(0..0, url);
    }
    Ok((sources, warnings))
}

/// A linked site, ready to render: the dossier, the compiled theme and the views.
pub struct Site {
    pub dossier: Dossier,
    pub theme: Theme,
    pub views: Views,
    /// Warnings of every stage so far (load's included).
    pub warnings: Diagnostics,
    /// The site's other languages (`[languages]`), each a site of its own rendered under
    /// its folder (`fa/`); empty on a site in one language.
    pub languages: Vec<Site>,
}

/// What `serve` keeps from one link for the next, so that a new article does not render
/// every body and card again (see [`Site::link_reusing`]).
#[derive(Clone, Copy, Default)]
pub struct Reuse<'a> {
    /// Markdown bodies, reused where they render the same.
    pub bodies: Option<&'a link::BodyCache>,
    /// The last link's views: cards whose data is unchanged keep their HTML. Only valid
    /// when the templates, interface strings and `site.toml` are those of that link.
    pub cards: Option<&'a Views>,
}

/// An edited content file whose front matter did not change: only its body is new.
pub struct BodyEdit {
    pub file: SourceFile,
}

impl Site {
    /// link → theme → views. On failure, the errors come back with the warnings gathered so
    /// far (`warnings`: load's diagnostics, which may hold errors of files that failed to
    /// load: then the link runs all the same, to report everything at once, and fails).
    pub fn link(
        sources: &Sources,
        drafts: bool,
        warnings: Diagnostics,
    ) -> Result<Site, Diagnostics> {
        Site::link_reusing(sources, drafts, warnings, Reuse::default())
    }

    /// [`Site::link`], reusing what `reuse` holds of an earlier link (for the site's own
    /// language: the other languages' bodies share its content paths, so they are linked
    /// afresh).
    pub fn link_reusing(
        sources: &Sources,
        drafts: bool,
        warnings: Diagnostics,
        reuse: Reuse,
    ) -> Result<Site, Diagnostics> {
        let mut site = Site::link_one(sources, drafts, warnings, reuse)?;
        if sources.languages.is_empty() {
            return Ok(site);
        }
        let mut errors = Diagnostics::default();
        for language in &sources.languages {
            match crate::link::translations::language_sources(sources, language, &site.dossier) {
                Ok((translated, own)) => {
                    site.warnings.items.extend(own);
                    match Site::link_one(
                        &translated,
                        drafts,
                        Diagnostics::default(),
                        Reuse::default(),
                    ) {
                        Ok(mut other) => {
                            let warnings = std::mem::take(&mut other.warnings);
                            site.warnings
                                .extend(own_diagnostics(warnings, &language.code));
                            site.languages.push(other);
                        }
                        Err(more) => errors.extend(own_diagnostics(more, &language.code)),
                    }
                }
                Err(more) => errors.items.extend(more),
            }
        }
        if errors.has_errors() {
            return Err(site.failed(errors));
        }
        site.warnings = std::mem::take(&mut site.warnings).sorted();
        site.attach_languages();
        Ok(site)
    }

    /// The dossier of one language, linked, with its theme and views.
    fn link_one(
        sources: &Sources,
        drafts: bool,
        warnings: Diagnostics,
        reuse: Reuse,
    ) -> Result<Site, Diagnostics> {
        let fail = |mut errors: Diagnostics, warnings: &Diagnostics| {
            errors.extend(warnings.clone());
            errors.sorted()
        };
        let linked = timings::stage("link", || {
            link::link_all_reusing(sources, LinkOptions { drafts }, reuse.bodies)
        });
        let mut warnings = warnings;
        warnings.items.extend(linked.warnings);
        let errors = Diagnostics {
            items: linked.errors,
        };
        let Some(dossier) = linked.dossier else {
            return Err(fail(errors, &warnings));
        };
        // Already failing, and no anchor left to check on a rendered page: stop here.
        if (errors.has_errors() || warnings.has_errors()) && linked.pending_anchors.is_empty() {
            return Err(fail(errors, &warnings));
        }
        let strings = dossier.strings.clone();
        let theme = timings::stage("templates", || Theme::compile(&sources.templates, strings))
            .map_err(|mut more| {
                more.extend(errors.clone());
                fail(more, &warnings)
            })?;
        let views = timings::stage("views", || match reuse.cards {
            Some(last) => render::build_views_reusing(&dossier, &theme, last),
            None => render::build_views(&dossier, &theme),
        })
        .map_err(|mut more| {
            more.extend(errors.clone());
            fail(more, &warnings)
        })?;
        let site = Site {
            dossier,
            theme,
            views,
            warnings: warnings.sorted(),
            languages: Vec::new(),
        };
        let mut errors = errors;
        errors.extend(site.check_anchors(&linked.pending_anchors)?);
        if errors.has_errors() || site.warnings.has_errors() {
            return Err(site.failed(errors));
        }
        Ok(site)
    }

    /// Checks `@/file.md#anchor` links whose anchor is no heading of the target's body
    /// against the ids of the rendered target page (its template may write them): renders
    /// only those pages. One error per missing anchor, at the link in the Markdown.
    fn check_anchors(&self, pending: &[link::PendingAnchor]) -> Result<Diagnostics, Diagnostics> {
        let mut errors = Diagnostics::default();
        if pending.is_empty() {
            return Ok(errors);
        }
        let mut kinds = Vec::new();
        for anchor in pending {
            let source = Path::new("content").join(&anchor.target);
            if let Some(entity) = self.entity_of_source(&source)
                && !kinds.contains(&entity)
            {
                kinds.push(entity);
            }
        }
        let pages = self
            .render_entity_pages(&kinds)
            .map_err(|errors| self.failed(errors))?;
        let ids: std::collections::HashMap<&str, std::collections::HashSet<String>> = pages
            .iter()
            .map(|page| (page.path.as_str(), crate::page_links::scan(&page.bytes).ids))
            .collect();
        let none = std::collections::HashSet::new();
        for anchor in pending {
            let Some(url) = self.dossier.content_urls.get(&anchor.target) else {
                continue;
            };
            // A translation's link to a page of another language: checked there.
            if !url.starts_with(&self.dossier.base_path) {
                continue;
            }
            let path = crate::urls::output_path_of_url(&self.dossier.base_path, url);
            let page_ids = ids.get(path.as_str()).unwrap_or(&none);
            if !page_ids.contains(&anchor.anchor) {
                errors.push(anchor.missing(page_ids));
            }
        }
        Ok(errors)
    }

    /// Errors of a later stage, with this site's warnings, sorted.
    pub fn failed(&self, mut errors: Diagnostics) -> Diagnostics {
        errors.extend(self.warnings.clone());
        errors.sorted()
    }

    /// Frees the cards of every language once the pages are rendered: a build's search
    /// index is built after them, at the build's peak of memory (at 10,000 articles the
    /// cards hold ~150 MB).
    pub fn free_views(&mut self) {
        self.views = self.views.emptied();
        for language in &mut self.languages {
            language.free_views();
        }
    }

    /// Renders every output file (pages, citations, feeds, sitemap, open data, redirects)
    /// into `sink`, as each is made; returns how many. The search index is separate: it
    /// reads the rendered pages ([`Site::search_indexer`], or [`index_plan`] in `serve`).
    pub fn render_each(&self, sink: &Sink) -> Result<usize, Diagnostics> {
        // Every path written, for `data/urls.txt`: the addresses this build answers.
        let paths = Mutex::new(Vec::new());
        let recording = |path: &str, bytes: &[u8]| {
            paths
                .lock()
                .expect("no panics while holding")
                .push(path.to_string());
            sink(path, bytes)
        };
        let files = render::render_each(&self.dossier, &self.theme, &self.views, &recording)?;
        let files = files + self.render_other_languages(&recording)?;
        let paths = paths.into_inner().expect("no panics while holding");
        let list = crate::published::url_list(paths.iter().map(String::as_str));
        sink(crate::published::URLS_PATH, list.as_bytes())?;
        Ok(files + 1)
    }

    /// Every file of the site's other languages, under their folders, and the sitemap of
    /// them all, handed to `sink`; returns how many (none on a site in one language).
    fn render_other_languages(&self, sink: &Sink) -> Result<usize, Diagnostics> {
        if self.languages.is_empty() {
            return Ok(0);
        }
        let mut files = 0;
        for language in &self.languages {
            let prefix = crate::languages::prefix(&language.dossier.config.language);
            files += render::render_each(
                &language.dossier,
                &language.theme,
                &language.views,
                &|path: &str, bytes: &[u8]| sink(&format!("{prefix}{path}"), bytes),
            )?;
        }
        let sitemap = self.multilingual_sitemap();
        for file in &sitemap {
            sink(&file.path, &file.bytes).map_err(Diagnostics::from)?;
        }
        Ok(files + sitemap.len())
    }

    /// [`Site::render_other_languages`] in memory: `serve` renders them at each link,
    /// beside its own rendering of the site's own language (so any edit to a translation
    /// relinks and renders all of them again).
    pub fn other_language_files(&self) -> Result<Vec<OutputFile>, Diagnostics> {
        in_memory(|sink| self.render_other_languages(sink))
    }

    /// The sitemap (and robots.txt) of a site in several languages: every language's pages
    /// with their translations.
    pub fn multilingual_sitemap(&self) -> Vec<OutputFile> {
        let indexes: Vec<Vec<(String, PageKind)>> = self
            .all_languages()
            .map(|site| {
                render::pages::page_jobs(&site.dossier, &site.views)
                    .iter()
                    .map(|job| job.target(&site.dossier))
                    .collect()
            })
            .collect();
        let languages: Vec<(&Dossier, &[(String, PageKind)])> = self
            .all_languages()
            .zip(&indexes)
            .map(|(site, index)| (&site.dossier, index.as_slice()))
            .collect();
        render::sitemap::for_languages(&languages)
    }

    /// Tells every language's dossier which pages each language has, for the links
    /// between translations (`hreflang`, the language switcher, the sitemap).
    fn attach_languages(&mut self) {
        let list = self
            .all_languages()
            .enumerate()
            .map(|(n, site)| {
                let code = site.dossier.config.language.clone();
                crate::languages::Language {
                    name: site.dossier.strings.get("locale.name").to_string(),
                    prefix: match n {
                        0 => String::new(),
                        _ => crate::languages::prefix(&code),
                    },
                    pages: render::pages::page_jobs(&site.dossier, &site.views)
                        .iter()
                        .map(|job| job.target(&site.dossier).0)
                        .collect(),
                    code,
                }
            })
            .collect();
        let languages = Arc::new(crate::languages::Languages {
            root_url: self.dossier.base_url.clone(),
            list,
        });
        self.dossier.languages = Some(languages.clone());
        for language in &mut self.languages {
            language.dossier.languages = Some(languages.clone());
        }
    }

    /// This site and its other languages, the site's own first.
    pub fn all_languages(&self) -> impl Iterator<Item = &Site> {
        std::iter::once(self).chain(&self.languages)
    }

    /// Every output file in memory, sorted by path (`check`, `serve`).
    pub fn render_all(&self) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut files = in_memory(|sink| self.render_each(sink))?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// The HTML files that are not pages a reader visits, left out of the page count: the
    /// alias redirects and 404.html.
    pub fn not_pages(&self) -> std::collections::HashSet<String> {
        self.dossier
            .articles
            .iter()
            .flat_map(|a| &a.aliases)
            .map(|alias| render::aliases::alias_path(alias))
            .chain(["404.html".to_string()])
            .chain(self.languages.iter().map(|language| {
                let prefix = crate::languages::prefix(&language.dossier.config.language);
                format!("{prefix}404.html")
            }))
            .collect()
    }

    /// The search index of a render, fed each page as it is rendered
    /// ([`search::Indexer::offer`]); `None` when search is off.
    pub fn search_indexer(&self) -> Result<Option<search::Indexer>, Diagnostic> {
        if !self.dossier.config.search.enabled {
            return Ok(None);
        }
        let dossiers: Vec<&Dossier> = self.all_languages().map(|site| &site.dossier).collect();
        search::Indexer::for_languages(&dossiers).map(Some)
    }

    /// Every page of the site, not yet rendered, with its output path and kind (in the
    /// order `render_each` renders them). `serve` renders them one at a time, in the
    /// background or when a browser asks for one first.
    pub fn page_jobs(&self) -> Vec<(String, PageKind, PageJob)> {
        render::pages::page_jobs(&self.dossier, &self.views)
            .into_iter()
            .map(|job| {
                let (path, kind) = job.target(&self.dossier);
                (path, kind, job)
            })
            .collect()
    }

    /// One page of [`Site::page_jobs`], rendered.
    pub fn render_job(&self, job: PageJob) -> Result<OutputFile, Diagnostics> {
        let spec = job.build(&self.dossier, &self.views);
        let path = spec.path.clone();
        render::render_pages(&self.dossier, &self.theme, vec![spec])?
            .pop()
            .ok_or_else(|| Diagnostic::error(format!("{path} was not rendered")).into())
    }

    /// The pages of `entities`, rendered alone (`serve` shows the page being edited first;
    /// anchors are checked against them).
    pub fn render_entity_pages(&self, entities: &[Entity]) -> Result<Vec<OutputFile>, Diagnostics> {
        let specs = entities
            .iter()
            .map(|&entity| render::pages::entity_page(&self.dossier, &self.views, entity))
            .collect();
        render::render_pages(&self.dossier, &self.theme, specs)
    }

    /// The entity that `source_path` (relative to the root, as `load` names files) became,
    /// if the site shows it: a draft left out of the build has none.
    pub fn entity_of_source(&self, source_path: &Path) -> Option<Entity> {
        Some(match self.source_index(source_path)? {
            (ContentKind::Article, i) => Entity::Article(i),
            (ContentKind::Speaker, i) => Entity::Speaker(i),
            (ContentKind::Topic, i) => Entity::Topic(i),
        })
    }

    /// The kind of content `source_path` is and its index in the dossier's vector of that
    /// kind, if the site shows it.
    fn source_index(&self, source_path: &Path) -> Option<(ContentKind, usize)> {
        let d = &self.dossier;
        let stem = source_path.file_stem()?.to_str()?;
        let kind = content_kind(source_path)?;
        let index = match kind {
            ContentKind::Article => {
                match d.articles.iter().position(|a| a.source_path == source_path) {
                    Some(i) => i,
                    // In another language, the translation of the original at `source_path`.
                    None => {
                        let url = d.content_urls.get(&content_path_of(source_path)?)?;
                        d.articles.iter().position(|a| &a.url == url)?
                    }
                }
            }
            ContentKind::Speaker => {
                let slug = link::slugs::slugify_in(d.config.slugify, stem);
                d.speakers.iter().position(|s| s.slug == slug)?
            }
            ContentKind::Topic => {
                let slug = link::slugs::slugify_in(d.config.slugify, stem);
                d.topics.iter().position(|t| t.slug == slug)?
            }
        };
        Some((kind, index))
    }

    /// Applies edits that changed only Markdown bodies: renders each body again and returns
    /// every output that shows one (their pages, the feeds carrying the articles). A file
    /// the site does not show (a draft without `--drafts`) is skipped, as `link` skips it.
    pub fn update_bodies(&mut self, edits: &[BodyEdit]) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut errors = Diagnostics::default();
        let mut changed = Vec::new();
        let mut bodies = Vec::new();
        for edit in edits {
            let Some((kind, index)) = self.source_index(&edit.file.path) else {
                continue;
            };
            // (Anchors of `@/` links are checked by a full link, not on this fast path.)
            let (body, link_errors) = link::render_body(
                &edit.file,
                &self.dossier.config.markdown,
                &self.dossier.content_urls,
            );
            errors.items.extend(link_errors);
            // In the marks of the text's language, as `link` gives them.
            let site = &self.dossier.config.language;
            let language = match kind {
                ContentKind::Article => self.dossier.articles[index].language.as_ref(),
                _ => None,
            };
            let html = link::typography::localise_html(&body.html, language.unwrap_or(site));
            bodies.push((kind, index, html));
        }
        if errors.has_errors() {
            return Err(errors.sorted());
        }
        for (kind, i, html) in bodies {
            let entity = match kind {
                ContentKind::Article => {
                    self.dossier.articles[i].body_html = html;
                    Entity::Article(i)
                }
                ContentKind::Speaker => {
                    self.dossier.speakers[i].bio_html = html;
                    Entity::Speaker(i)
                }
                ContentKind::Topic => {
                    self.dossier.topics[i].body_html = html;
                    Entity::Topic(i)
                }
            };
            changed.push(entity);
        }
        render::body_outputs(&self.dossier, &self.theme, &self.views, &changed)
    }
}

/// The files `render` hands its sink, collected.
fn in_memory(
    render: impl FnOnce(&Sink) -> Result<usize, Diagnostics>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let files = Mutex::new(Vec::new());
    render(&|path: &str, bytes: &[u8]| {
        let file = OutputFile::new(path.to_string(), bytes);
        files.lock().expect("no panics while holding").push(file);
        Ok(())
    })?;
    Ok(files.into_inner().expect("no panics while holding"))
}

/// Of the diagnostics of a language's link, what is not a repeat of the site's own: its
/// errors, and warnings about its translation table. (Its content warnings are the
/// original's, already reported: a translation takes every field the lints read but the
/// words from its original, and their places would point into the wrong file.)
/// What an editor's check needs of the pipeline: every language's sources linked, with the
/// diagnostics `check` gives for them, but no theme, views or pages (the language server runs
/// this on every keystroke). `dossier` is the site's own language's dossier, when the link
/// could make one.
pub struct ContentCheck {
    pub dossier: Option<Dossier>,
    pub diagnostics: Diagnostics,
}

/// Links `sources` (and each of the site's other languages, as [`Site::link`] does),
/// reusing the bodies kept in `bodies`; renders nothing.
pub fn link_content(
    sources: &Sources,
    drafts: bool,
    bodies: Option<&link::BodyCache>,
) -> ContentCheck {
    let linked = timings::stage("link", || {
        link::link_all_reusing(sources, LinkOptions { drafts }, bodies)
    });
    if !linked.pending_anchors.is_empty() {
        // An `@/…#anchor` no heading has: only the rendered target page can tell, so this
        // takes the whole link (theme and views too), as `check` does.
        let diagnostics = match Site::link(sources, drafts, Diagnostics::default()) {
            Ok(site) => site.warnings,
            Err(found) => found,
        };
        return ContentCheck {
            dossier: linked.dossier,
            diagnostics,
        };
    }
    let mut diagnostics = Diagnostics {
        items: linked.errors,
    };
    diagnostics.items.extend(linked.warnings);
    // The site's own templates, as `check` compiles them once the content links.
    if !diagnostics.has_errors()
        && let Some(dossier) = &linked.dossier
        && let Err(errors) = timings::stage("templates", || {
            Theme::compile(&sources.templates, dossier.strings.clone())
        })
    {
        diagnostics.extend(errors);
    }
    let Some(dossier) = linked.dossier else {
        return ContentCheck {
            dossier: None,
            diagnostics,
        };
    };
    for language in &sources.languages {
        match crate::link::translations::language_sources(sources, language, &dossier) {
            Ok((translated, own)) => {
                diagnostics.items.extend(own);
                let other = link::link_all(&translated, LinkOptions { drafts });
                let mut found = Diagnostics {
                    items: other.errors,
                };
                found.items.extend(other.warnings);
                diagnostics.extend(own_diagnostics(found, &language.code));
            }
            Err(more) => diagnostics.items.extend(more),
        }
    }
    ContentCheck {
        dossier: Some(dossier),
        diagnostics,
    }
}

fn own_diagnostics(diagnostics: Diagnostics, code: &str) -> Diagnostics {
    let table = format!("{code}.toml");
    let own = |path: &Path| path.starts_with("i18n") && path.to_string_lossy().ends_with(&table);
    Diagnostics {
        items: (diagnostics.items.into_iter())
            .filter(|d| {
                d.is_error()
                    || d.location
                        .as_ref()
                        .is_some_and(|location| own(&location.path))
            })
            .collect(),
    }
}

/// The files made for machines (feeds, sitemap, open data, bulk citations, redirects) of
/// `dossier`, given every page's path and kind, handed to `sink`; returns how many.
/// (`render_each` makes them beside the pages; `serve` beside its own page loop.)
pub fn machine_files(
    dossier: &Dossier,
    page_index: &[(String, PageKind)],
    sink: &Sink,
) -> Result<usize, Diagnostics> {
    render::machine_files(dossier, page_index, sink)
}

/// What the search index of `dossiers` (the site's, then its other languages') reads
/// (`serve` keeps it between index runs, not the dossiers); `None` when search is off.
pub fn index_plan(dossiers: &[&Dossier]) -> Option<search::IndexPlan> {
    dossiers
        .first()
        .is_some_and(|d| d.config.search.enabled)
        .then(|| search::IndexPlan::of(dossiers))
}

/// The output path of the search page (`search/index.html` under the base path's folder).
pub fn search_page_path(dossier: &Dossier) -> String {
    crate::urls::output_path_of_url(&dossier.base_path, &dossier.url("search/"))
}

/// The theme's static files, then the site's (which override them by name). Without
/// search (`[search] enabled = false`), the theme's `search.js` is left out: no page loads it.
/// With the site's own icon (`favicon`), the theme's (`favicon.svg`, `favicon.ico`) are
/// left out, and a PNG or ICO icon is also published as `/favicon.ico` unless the site has
/// a `static/favicon.ico`.
pub fn static_files(sources: &Sources) -> Vec<(String, Arc<[u8]>)> {
    let search = sources.config.search.enabled;
    let own_icon = sources.config.favicon.as_ref().map(|icon| icon.get_ref());
    let mut files: Vec<(String, Arc<[u8]>)> = theme::STATIC_FILES
        .iter()
        .filter(|(name, _)| search || *name != "search.js")
        .filter(|(name, _)| own_icon.is_none() || !theme::ICON_FILES.contains(name))
        .map(|(name, bytes)| (name.to_string(), Arc::from(*bytes)))
        .collect();
    let has_ico = sources.static_files.iter().any(|f| f.name == "favicon.ico");
    let icon_ico = own_icon
        .filter(|_| !has_ico)
        .and_then(|name| crate::link::images::SiteIcon::named(name))
        .and_then(|icon| {
            let file = sources.static_files.iter().find(|f| f.name == icon.name)?;
            icon.as_ico(&file.bytes)
        });
    if let Some(ico) = icon_ico {
        files.push(("favicon.ico".into(), Arc::from(ico)));
    }
    files.extend(
        sources
            .static_files
            .iter()
            .map(|f| (f.name.clone(), f.bytes.clone())),
    );
    files
}

/// The content path (`articles/x.md`) of a path relative to the root
/// (`content/articles/x.md`).
fn content_path_of(source_path: &Path) -> Option<String> {
    let relative = source_path.strip_prefix("content").ok()?;
    let parts: Option<Vec<&str>> = relative.iter().map(|part| part.to_str()).collect();
    Some(parts?.join("/"))
}

/// The kinds of content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Article,
    Speaker,
    Topic,
}

/// The kind of a content file from its path relative to the root
/// (`content/articles/x.md`); `None` for any other file.
pub fn content_kind(relative: &Path) -> Option<ContentKind> {
    let mut components = relative.iter().map(|c| c.to_str());
    if components.next()? != Some("content") || relative.extension().is_none_or(|e| e != "md") {
        return None;
    }
    match components.next()?? {
        "articles" => Some(ContentKind::Article),
        "speakers" => Some(ContentKind::Speaker),
        "topics" => Some(ContentKind::Topic),
        _ => None,
    }
}
