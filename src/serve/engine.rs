//! The rebuild engine: keeps the current site (sources, the linked site, the served files)
//! and brings it up to date after each change, through the same pipeline as `dossier build`
//! (`crate::pipeline`), without ever making an edit wait for the whole site.
//!
//! One thread (the caller of [`Engine::run`]) handles one channel of [`Event`]s: file
//! changes from the watcher, and the results of three kinds of background work, each on a
//! thread of its own, in a rayon pool of its own (`pools`: an edit never queues behind them):
//!
//! 1. **link** (load the changed files, link, list the pages): the new site is then served
//!    at once: each page is rendered when a browser asks for it, until
//! 2. **render** has made every page and machine file (one page at a time under the site's
//!    read lock: see [`Rendering`]); then
//! 3. **index**: the search index is built from the rendered pages, while the search page
//!    says so (see `http`).
//!
//! A newer link stops an older render (a generation counter). A body edit (front matter
//! byte-for-byte unchanged) is applied at once on top of whatever runs
//! ([`Site::update_bodies`] under the write lock): its pages reload in milliseconds, and
//! once the background work finishes the site is the one a fresh build gives. Body edits
//! made while a link runs are applied again to the new site when it arrives; so is the new
//! body of a file whose front matter changed too, which is shown at once under the served
//! front matter while the link runs (`ContentChange::Relink`). Anything else
//! (front matter, a new or deleted file, a template, `site.toml`) starts a link; only the
//! changed content files are read again.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use rayon::prelude::*;

use super::files::{Files, Map};
use super::http::{SearchNotice, Snapshot};
use super::pools::Pools;
use super::publish::{Publisher, Reload, Stage};
use super::rendering::Rendering;
use super::stored::Stored;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::BodyCache;
use crate::link::model::Dossier;
use crate::load::{self, Sources};
use crate::pipeline::{self, BodyEdit, BuildOptions, ContentKind, Reuse, Site};
use crate::render::output::OutputFile;
use crate::render::page_kind::{Entity, PageKind};
use crate::render::pages::PageJob;
use crate::render::search::{self, IndexPlan};
use crate::render::views::Views;
use crate::{timings, urls};

use super::changes::{
    Change, ContentChange, Edit, change_of, content_change, is_share_image, reload_changed,
    static_map,
};

/// What the engine's thread handles, in order of arrival.
pub enum Event {
    /// Files changed (relative to the root), from the watcher.
    Changed(Vec<PathBuf>),
    Linked(Box<Linked>),
    Rendered {
        generation: u64,
        result: Result<(), Diagnostics>,
    },
    Indexed(Box<Indexed>),
    /// A background thread panicked (a bug).
    Panicked(&'static str),
    /// The server stopped.
    Stop,
}

/// A finished search index.
pub struct Indexed {
    /// The version of the pages it was built from.
    version: u64,
    started: Instant,
    /// Pagefind's files, ready to serve (made on the index's thread, not the engine's).
    result: Result<Map, Diagnostic>,
}

/// A finished link.
pub struct Linked {
    generation: u64,
    started: Instant,
    /// The changes it was started for.
    changed: BTreeSet<PathBuf>,
    result: Result<LinkedSite, Diagnostics>,
}

struct LinkedSite {
    sources: Arc<Sources>,
    site: Site,
    /// The dossier as linked, for the machine files (which show no Markdown body but the
    /// feeds', which edits render again).
    dossier: Arc<Dossier>,
    /// What the search index reads, when search is on.
    index_plan: Option<Arc<IndexPlan>>,
    /// The search page's output path, when search is on.
    search_page: Option<String>,
    jobs: Vec<(String, PageKind, PageJob)>,
    statics: Map,
    /// The URL paths of the changed files' own pages, which reload first.
    priority: Vec<String>,
}

/// The site being served.
struct Current {
    generation: u64,
    started: Instant,
    /// Shared with a link while it copies them.
    sources: Arc<Sources>,
    site: Arc<RwLock<Site>>,
    /// The search page's output path, when search is on.
    search_page: Option<String>,
    /// What the search index reads (the dossier copy the render uses is dropped once the
    /// machine files are made: ~100 MB at 10,000 articles).
    index_plan: Option<Arc<IndexPlan>>,
    /// While the background render runs.
    rendering: Option<Arc<Rendering>>,
    /// The served files: complete once `rendering` is done; until then the previous
    /// site's, behind the new one's pages.
    files: Files,
    /// Which keys of `files` are static files (the rest are rendered outputs and the search
    /// index).
    statics: Arc<HashSet<String>>,
    /// A link or render failed, or a bug: the next change links everything again.
    broken: bool,
}

/// The search index's progress against the pages: `version` counts changes to the pages.
#[derive(Default)]
struct Index {
    running: bool,
    /// The version of the pages the served index was built from.
    served: Option<u64>,
    /// The version whose index failed (not tried again until the pages change).
    failed: Option<u64>,
}

pub struct Engine {
    root: PathBuf,
    base_url: String,
    drafts: bool,
    events: Sender<Event>,
    out: Publisher,
    /// Edits and each kind of background work run in pools of their own (see `pools`).
    pools: Pools,
    /// The generation being served: a render of an older one stops.
    serving: Arc<AtomicU64>,
    /// Generations handed out to links.
    links: u64,
    current: Option<Current>,
    /// While a link runs: the changes seen since it started (applied to its site after).
    linking: Option<BTreeSet<PathBuf>>,
    /// Changes waiting for a link.
    pending: BTreeSet<PathBuf>,
    /// Body edits that failed, tried again with the next change.
    retry: BTreeSet<PathBuf>,
    /// Load everything on the next link (after a bug: the sources may be half-updated).
    full_load: bool,
    /// Counts changes to the pages (for the search index).
    version: u64,
    /// The last link's Markdown bodies, for the next link.
    bodies: Arc<BodyCache>,
    index: Index,
    /// The last failure, shown over the pages until a good update.
    error: Option<Arc<str>>,
}

/// The names of two kinds of background work (in messages and thread names).
const LINK: &str = "linking";
const INDEX: &str = "building the search index";

impl Engine {
    pub fn new(
        root: PathBuf,
        base_url: String,
        drafts: bool,
        events: Sender<Event>,
        out: Publisher,
    ) -> Result<Engine, Diagnostic> {
        Ok(Engine {
            root,
            base_url,
            drafts,
            events,
            out,
            pools: Pools::new()?,
            serving: Arc::default(),
            links: 0,
            current: None,
            linking: None,
            pending: BTreeSet::new(),
            retry: BTreeSet::new(),
            full_load: false,
            version: 0,
            bodies: Arc::default(),
            index: Index::default(),
            error: None,
        })
    }

    /// Loads and links the site in the background; then handles events until [`Event::Stop`]
    /// (or until every sender is gone). `on_changes` sees each batch of changed paths first.
    pub fn run(mut self, events: Receiver<Event>, on_changes: impl Fn(&[PathBuf])) {
        self.start();
        while let Ok(event) = events.recv() {
            if let Event::Changed(paths) = &event {
                on_changes(paths);
            }
            if matches!(event, Event::Stop) {
                break;
            }
            let handled =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(event)));
            if handled.is_err() {
                self.bug("rebuilding");
            }
        }
        // Renders still running stop at their next page.
        self.serving.store(u64::MAX, Ordering::SeqCst);
    }

    /// Starts the first link (until it is done, the server answers "loading").
    pub fn start(&mut self) {
        self.link(BTreeSet::new(), None);
        self.publish();
    }

    pub fn handle(&mut self, event: Event) {
        match event {
            Event::Changed(paths) => self.apply(paths.into_iter().collect()),
            Event::Linked(linked) => self.linked(*linked),
            Event::Rendered { generation, result } => {
                timings::stage("serve: install the render", || {
                    self.rendered(generation, result)
                })
            }
            Event::Indexed(indexed) => {
                timings::stage("serve: install the index", || self.indexed(*indexed))
            }
            Event::Panicked(what) => self.bug(what),
            Event::Stop => {}
        }
    }

    /// Whether background work is running or waiting.
    pub fn busy(&self) -> bool {
        self.linking.is_some()
            || self.index.running
            || self
                .current
                .as_ref()
                .is_some_and(|c| c.rendering.is_some() && !c.broken)
    }

    /// Handles events until no background work is left (tests drive the engine this way).
    pub fn settle(&mut self, events: &Receiver<Event>) {
        while self.busy() {
            match events.recv_timeout(std::time::Duration::from_secs(120)) {
                Ok(event) => self.handle(event),
                Err(_) => return,
            }
        }
    }

    /// The served files.
    pub fn files(&self) -> Option<Files> {
        self.current.as_ref().map(|c| c.files.clone())
    }

    /// Applies changed files: body edits at once, on top of any background work; the rest
    /// through a link.
    fn apply(&mut self, mut paths: BTreeSet<PathBuf>) {
        let started = Instant::now();
        paths.extend(std::mem::take(&mut self.retry));
        if let Some(seen) = &mut self.linking {
            seen.extend(paths.iter().cloned());
        }
        let Some(current) = self.current.as_ref().filter(|c| !c.broken) else {
            self.pending.extend(paths);
            return self.maybe_link();
        };
        let mut edits = Vec::new();
        let mut static_changed = false;
        for relative in &paths {
            // A share image's size is read when the site is linked, and pages link a
            // stylesheet or a script with its content hash: a change to one needs a link.
            if relative.starts_with("static")
                && (is_share_image(&current.sources, relative)
                    || crate::link::assets::is_asset(&relative.to_string_lossy()))
            {
                self.pending.insert(relative.clone());
                continue;
            }
            if relative.starts_with("static") && current.rendering.is_none() {
                static_changed = true;
                continue;
            }
            let kind = match change_of(relative) {
                Change::Content(kind) => kind,
                Change::Ignored => continue,
                Change::Other => {
                    self.pending.insert(relative.clone());
                    continue;
                }
            };
            match content_change(&self.root, relative, kind, &current.sources) {
                ContentChange::Body(edit) => edits.push((relative.clone(), edit)),
                ContentChange::Relink { preview } => {
                    self.pending.insert(relative.clone());
                    // A new body under changed front matter shows now; the link brings both.
                    if let Some(edit) = preview {
                        edits.push((relative.clone(), edit));
                    }
                }
                // Came and went (an editor's temporary file): nothing to do.
                ContentChange::Nothing => {}
            }
        }
        if !edits.is_empty() {
            self.apply_bodies(edits, started);
        }
        if static_changed {
            self.apply_static(started);
        }
        self.maybe_link();
    }

    /// Renders the edited bodies again, with every output that shows them, on top of the
    /// served site (and of a running render).
    fn apply_bodies(&mut self, edits: Vec<(PathBuf, Edit)>, started: Instant) {
        let Some(current) = self.current.as_mut() else {
            return;
        };
        let body_edits: Vec<BodyEdit> = edits
            .iter()
            .map(|(_, (_, _, file))| BodyEdit { file: file.clone() })
            .collect();
        let lock = current.site.clone();
        let mut site = lock.write().unwrap_or_else(|e| e.into_inner());
        let editing: &mut Site = &mut site;
        let rendered = match self
            .pools
            .edit
            .install(|| editing.update_bodies(&body_edits))
        {
            Ok(rendered) => rendered,
            Err(errors) => {
                drop(site);
                self.retry.extend(edits.into_iter().map(|(path, _)| path));
                return self.fail(errors, started);
            }
        };
        if let Some(rendering) = &current.rendering {
            rendering.put_edits(&rendered);
        }
        drop(site);
        let sources = Arc::make_mut(&mut current.sources);
        for (_, (kind, index, file)) in edits {
            match kind {
                ContentKind::Article => sources.articles[index].file = file,
                ContentKind::Speaker => sources.speakers[index].file = file,
                ContentKind::Topic => sources.topics[index].file = file,
            }
        }
        let count = rendered.len();
        let old = current.files.clone();
        current.files = old.with(
            rendered
                .into_iter()
                .map(|f| (f.path.clone(), Stored::new(&f.path, &f.bytes))),
        );
        let new = current.files.clone();
        self.version += 1;
        let cleared = self.error.take().is_some();
        self.publish();
        self.out.reload(
            Stage::Incremental,
            Reload::Changed { old, new },
            cleared,
            count,
            started.elapsed(),
        );
        self.maybe_index();
    }

    /// Reads the static files again; nothing is rendered.
    fn apply_static(&mut self, started: Instant) {
        let Some(current) = self.current.as_mut() else {
            return;
        };
        let static_files = match load::load_static_files(&self.root) {
            Ok(files) => files,
            Err(errors) => return self.fail(errors, started),
        };
        Arc::make_mut(&mut current.sources).static_files = static_files;
        let mut map = current.files.pages();
        map.retain(|key, _| !current.statics.contains(key));
        let mut statics = HashSet::new();
        for (name, bytes) in static_map(&self.root, &current.sources) {
            // A page wins over a static file of the same name, as in `build`.
            if let std::collections::hash_map::Entry::Vacant(entry) = map.entry(name.clone()) {
                entry.insert(bytes);
                statics.insert(name);
            }
        }
        current.statics = Arc::new(statics);
        let with_statics = current.files.with_base(map);
        let old = std::mem::replace(&mut current.files, with_statics);
        let new = current.files.clone();
        let cleared = self.error.take().is_some();
        self.publish();
        self.out.reload(
            Stage::Incremental,
            Reload::Changed { old, new },
            cleared,
            0,
            started.elapsed(),
        );
    }

    /// Starts a link for the pending changes, unless one runs (it picks them up after).
    fn maybe_link(&mut self) {
        if self.linking.is_some() || self.pending.is_empty() {
            return;
        }
        let changed = std::mem::take(&mut self.pending);
        let sources = self
            .current
            .as_ref()
            .filter(|_| !self.full_load)
            .map(|current| current.sources.clone());
        self.link(changed, sources);
    }

    /// Links in the background: `sources` with the changed files read again, or
    /// everything loaded again.
    fn link(&mut self, changed: BTreeSet<PathBuf>, sources: Option<Arc<Sources>>) {
        self.links += 1;
        self.full_load = false;
        self.linking = Some(BTreeSet::new());
        let generation = self.links;
        let started = Instant::now();
        let options = BuildOptions {
            root: self.root.clone(),
            output: None,
            base_url: Some(self.base_url.clone()),
            drafts: self.drafts,
            cache: false,
        };
        let root = self.root.clone();
        // The served site's cards, for a link of content changes (same theme).
        let views = sources.as_ref().and(self.current.as_ref()).map(|current| {
            let site = current.site.read().unwrap_or_else(|e| e.into_inner());
            site.views.clone()
        });
        let last = Last {
            bodies: self.bodies.clone(),
            views,
        };
        self.spawn(LINK, &self.pools.link, move || {
            let result = link_site(&root, &options, sources, &changed, last);
            Event::Linked(Box::new(Linked {
                generation,
                started,
                changed,
                result,
            }))
        });
    }

    fn linked(&mut self, linked: Linked) {
        let seen = self.linking.take().unwrap_or_default();
        match linked.result {
            Err(errors) => {
                self.pending.extend(linked.changed);
                if let Some(current) = &mut self.current {
                    current.broken = true;
                }
                self.fail(errors, linked.started);
                // Changed again while linking (perhaps fixed): link again.
                if !seen.is_empty() {
                    self.pending.extend(seen);
                    self.maybe_link();
                }
            }
            Ok(site) => {
                self.adopt(linked.generation, linked.started, site);
                // The changes seen while linking, against the new site: body edits are
                // applied again on top of it; the rest links again.
                self.pending.clear();
                if !seen.is_empty() {
                    self.apply(seen);
                }
            }
        }
    }

    /// Serves a newly linked site: its pages answer at once; the render starts.
    fn adopt(&mut self, generation: u64, started: Instant, linked: LinkedSite) {
        self.serving.store(generation, Ordering::SeqCst);
        let first = self.current.is_none();
        let previous = self.files().unwrap_or_default();
        let count = linked.jobs.len();
        let site = Arc::new(RwLock::new(linked.site));
        let rendering = Arc::new(Rendering::new(
            generation,
            site.clone(),
            linked.jobs,
            linked.statics,
            previous.clone(),
        ));
        self.current = Some(Current {
            generation,
            started,
            sources: linked.sources,
            site,
            search_page: linked.search_page,
            index_plan: linked.index_plan,
            rendering: Some(rendering.clone()),
            files: previous,
            statics: Arc::default(),
            broken: false,
        });
        self.version += 1;
        let cleared = self.error.take().is_some();
        self.publish();
        // The first site reloads every tab (they showed "loading" or an error).
        let paths = (!first).then_some(linked.priority);
        self.out.reload(
            Stage::Priority,
            Reload::Paths(paths),
            cleared,
            count,
            started.elapsed(),
        );
        let serving = self.serving.clone();
        let dossier = linked.dossier;
        self.spawn("rendering", &self.pools.render, move || Event::Rendered {
            generation,
            result: rendering.run(&dossier, &serving),
        });
    }

    fn rendered(&mut self, generation: u64, result: Result<(), Diagnostics>) {
        let Some(current) = self.current.as_mut() else {
            return;
        };
        if current.generation != generation {
            return;
        }
        let Some(rendering) = current.rendering.clone() else {
            return;
        };
        if let Err(errors) = result {
            // Pages still answer on demand; the next change links everything again.
            current.broken = true;
            let started = current.started;
            return self.fail(errors, started);
        }
        let (map, statics) = rendering.files();
        let count = map.len();
        // The last search index stays until the next one is built.
        let rendered = current.files.with_base(map);
        let old = std::mem::replace(&mut current.files, rendered);
        let new = current.files.clone();
        current.statics = Arc::new(statics);
        current.rendering = None;
        let elapsed = current.started.elapsed();
        let warnings = rendering.read().warnings.clone();
        self.publish();
        self.out.reload(
            Stage::Full,
            Reload::Changed { old, new },
            false,
            count,
            elapsed,
        );
        self.out.warnings(&warnings);
        self.maybe_index();
        // Static files changed while it rendered.
        self.maybe_link();
    }

    /// Builds the search index in the background when the served one is behind the pages
    /// (one at a time: it is the biggest use of memory).
    fn maybe_index(&mut self) {
        let Some(current) = &self.current else {
            return;
        };
        let behind =
            self.index.served != Some(self.version) && self.index.failed != Some(self.version);
        let Some(plan) = current.index_plan.clone() else {
            return;
        };
        if current.search_page.is_none()
            || !behind
            || self.index.running
            || current.rendering.is_some()
            || current.broken
        {
            return;
        }
        self.index.running = true;
        let version = self.version;
        let files = current.files.clone();
        self.spawn(INDEX, &self.pools.index, move || {
            let started = Instant::now();
            let result =
                timings::stage("search index", || index_files(&plan, &files)).map(|index| {
                    (index.into_iter())
                        .map(|f| (f.path.clone(), Stored::new(&f.path, &f.bytes)))
                        .collect()
                });
            Event::Indexed(Box::new(Indexed {
                version,
                started,
                result,
            }))
        });
    }

    fn indexed(&mut self, indexed: Indexed) {
        let Indexed {
            version,
            started,
            result,
        } = indexed;
        self.index.running = false;
        let Some(current) = self.current.as_mut() else {
            return;
        };
        match result {
            Ok(index) => {
                let count = index.len();
                current.files = current.files.with_index(index);
                self.index.served = Some(version);
                let page = current
                    .search_page
                    .as_deref()
                    .map(|page| format!("/{}", urls::site_path(page)));
                self.publish();
                self.out.reload(
                    Stage::Search,
                    Reload::Paths(Some(page.into_iter().collect())),
                    false,
                    count,
                    started.elapsed(),
                );
            }
            Err(error) => {
                self.index.failed = Some(version);
                self.fail(error.into(), started);
            }
        }
        self.maybe_index();
    }

    /// Serves the current state.
    fn publish(&self) {
        let snapshot = match &self.current {
            Some(current) => Snapshot {
                files: current.files.clone(),
                error: self.error.clone(),
                rendering: current.rendering.clone(),
                search: self.search_notice(current),
                loading: false,
            },
            None => Snapshot {
                error: self.error.clone(),
                loading: self.error.is_none(),
                ..Snapshot::default()
            },
        };
        self.out.serve(snapshot);
    }

    /// What the search page says while the served index is behind the pages.
    fn search_notice(&self, current: &Current) -> Option<SearchNotice> {
        let page = current.search_page.clone()?;
        (self.index.served != Some(self.version)).then(|| SearchNotice {
            page,
            first: self.index.served.is_none(),
        })
    }

    fn fail(&mut self, errors: Diagnostics, started: Instant) {
        let serving = self.current.is_some();
        let text = self
            .out
            .failed(&errors.sorted(), serving, started.elapsed());
        self.error = Some(text.clone());
        self.publish();
        self.out.show_error(text);
    }

    /// A bug, not the editor's mistake: keep serving, and link everything on the next change.
    fn bug(&mut self, what: &str) {
        let text = format!(
            "internal error: dossier panicked while {what} (a bug: please report it with the edit that caused it); the next change rebuilds everything"
        );
        let text = self.out.internal(&text);
        self.error = Some(text.clone());
        // The work that panicked sends nothing more.
        match what {
            LINK => self.linking = None,
            INDEX => self.index.running = false,
            _ => {}
        }
        self.full_load = true;
        if let Some(current) = &mut self.current {
            current.broken = true;
        }
        self.publish();
        self.out.show_error(text);
    }

    /// Runs `work` on a thread of its own, in `pool`; its event comes back on the engine's
    /// channel.
    fn spawn(
        &self,
        what: &'static str,
        pool: &Arc<rayon::ThreadPool>,
        work: impl FnOnce() -> Event + Send + 'static,
    ) {
        let events = self.events.clone();
        let pool = pool.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("dossier {what}"))
            .spawn(move || {
                let event =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pool.install(work)))
                        .unwrap_or(Event::Panicked(what));
                let _ = events.send(event);
            });
        if spawned.is_err() {
            let _ = self.events.send(Event::Panicked(what));
        }
    }
}

/// The search index of the served pages, each inflated only while Pagefind reads it.
fn index_files(plan: &IndexPlan, files: &Files) -> Result<Vec<OutputFile>, Diagnostic> {
    let indexer = search::Indexer::from_plan(plan)?;
    let paths: Vec<&str> = plan.paths().collect();
    paths
        .into_par_iter()
        .with_max_len(crate::render::PAGES_PER_PIECE)
        .try_for_each(|path| match files.get(path) {
            Some(stored) => indexer.offer(path, &stored.bytes()),
            None => Ok(()),
        })?;
    indexer.finish()
}

/// What a link reuses of the last one (see [`pipeline::Reuse`]).
struct Last {
    bodies: Arc<BodyCache>,
    /// The served site's views, when only content files may have changed since.
    views: Option<Views>,
}

/// Loads the site (only the changed files when `sources` are given and only content files
/// changed) and links it, reusing what it can of the last link, and lists its pages.
fn link_site(
    root: &Path,
    options: &BuildOptions,
    sources: Option<Arc<Sources>>,
    changed: &BTreeSet<PathBuf>,
    last: Last,
) -> Result<LinkedSite, Diagnostics> {
    let reloaded = sources.and_then(|sources| {
        timings::stage("serve: read the changed files", || {
            reload_changed(root, &sources, changed)
        })
    });
    // Only content changed: the theme, strings and site.toml are the last link's.
    let same_theme = reloaded.is_some();
    let (sources, warnings) = match reloaded {
        Some(sources) => (sources?, Diagnostics::default()),
        None => timings::stage("load", || pipeline::load(options))?,
    };
    let reuse = Reuse {
        bodies: Some(&last.bodies),
        cards: last.views.as_ref().filter(|_| same_theme),
    };
    let site = Site::link_reusing(&sources, options.drafts, warnings, reuse)?;
    drop(last);
    let (jobs, copy) = rayon::join(
        || timings::stage("serve: page list", || site.page_jobs()),
        || timings::stage("serve: dossier copy", || Arc::new(site.dossier.clone())),
    );
    let dossier = &site.dossier;
    let search_page = dossier
        .config
        .search
        .enabled
        .then(|| pipeline::search_page_path(dossier));
    let dossiers: Vec<&Dossier> = site.all_languages().map(|site| &site.dossier).collect();
    let index_plan = pipeline::index_plan(&dossiers).map(Arc::new);
    let mut statics = static_map(root, &sources);
    // The site's other languages: rendered whole at each link (see
    // `Site::other_language_files`), served as files are.
    let translated = timings::stage("serve: other languages", || site.other_language_files())
        .map_err(|errors| site.failed(errors))?;
    statics.extend(
        translated
            .into_iter()
            .map(|file| (file.path.clone(), Stored::new(&file.path, &file.bytes))),
    );
    let mut priority = Vec::new();
    for relative in changed {
        let Some(entity) = site.entity_of_source(relative) else {
            continue;
        };
        let mut entities = vec![entity];
        if let Entity::Article(i) = entity {
            entities.extend(dossier.articles[i].quotes.iter().map(|&q| Entity::Quote(q)));
        }
        for entity in entities {
            priority.push(format!(
                "/{}",
                urls::site_path(&entity.output_path(dossier))
            ));
        }
    }
    Ok(LinkedSite {
        sources: Arc::new(sources),
        dossier: copy,
        index_plan,
        site,
        search_page,
        jobs,
        statics,
        priority,
    })
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
