//! A linked site being rendered in the background. Its pages are served as soon as they
//! exist: from what the background render has made so far, or rendered on demand when a
//! browser asks for one first. Body edits go on top while it runs (see [`Rendering::put_edits`]).
//!
//! The site sits behind a read-write lock: the background render and on-demand renders
//! take the read lock for one page at a time, so an edit (the write lock) waits for at most
//! the pages being rendered at that moment, never for the whole render.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use rayon::prelude::*;

use super::files::{Files, Map};
use super::stored::Stored;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::model::Dossier;
use crate::pipeline::{self, Site};
use crate::render::output::OutputFile;
use crate::render::page_kind::PageKind;
use crate::render::pages::PageJob;

pub struct Rendering {
    /// Which link made this site: a newer one stops this render.
    pub generation: u64,
    pub site: Arc<RwLock<Site>>,
    /// The site's static files (a page of the same name wins, as in `build`).
    pub statics: Map,
    /// Every page of the site by output path.
    jobs: HashMap<String, PageJob>,
    /// Every page's path and kind, in render order (the sitemap needs them).
    page_index: Vec<(String, PageKind)>,
    done: Mutex<Done>,
    /// The files served before this site: a page rendered the same is kept as it was
    /// (one copy in memory, and no reload for it).
    previous: Files,
}

#[derive(Default)]
struct Done {
    files: Map,
    /// Written by edits while the render ran: the render never replaces them (its feeds
    /// come from the dossier as linked, before the edit).
    edited: HashSet<String>,
}

impl Rendering {
    pub fn new(
        generation: u64,
        site: Arc<RwLock<Site>>,
        jobs: Vec<(String, PageKind, PageJob)>,
        statics: Map,
        previous: Files,
    ) -> Rendering {
        let page_index = jobs
            .iter()
            .map(|(path, kind, _)| (path.clone(), *kind))
            .collect();
        Rendering {
            generation,
            site,
            statics,
            jobs: jobs.into_iter().map(|(path, _, job)| (path, job)).collect(),
            page_index,
            done: Mutex::default(),
            previous,
        }
    }

    /// A file rendered so far.
    pub fn get(&self, key: &str) -> Option<Stored> {
        self.lock_done().files.get(key).cloned()
    }

    /// Whether `key` is a page of this site (rendered or not).
    pub fn has_page(&self, key: &str) -> bool {
        self.jobs.contains_key(key)
    }

    /// The page at `key`, rendered now from the current site (`None`: no such page). Not
    /// kept: the background render makes it in its turn.
    pub fn render_now(&self, key: &str) -> Option<Result<Stored, Diagnostics>> {
        let job = self.jobs.get(key)?.clone();
        let site = self.read();
        Some(site.render_job(job).map(|file| Stored::raw(file.bytes)))
    }

    /// Puts the outputs of an edit on top (called with the site's write lock held, so no
    /// page of the old body can land after them).
    pub fn put_edits(&self, files: &[OutputFile]) {
        let mut done = self.lock_done();
        for file in files {
            done.edited.insert(file.path.clone());
            done.files
                .insert(file.path.clone(), Stored::new(&file.path, &file.bytes));
        }
    }

    /// Renders every page and machine file, on the current rayon pool, until done or until
    /// `serving` moves past this generation. The machine files are made from `linked`, a
    /// copy of the dossier as linked, without the lock (they take seconds): the only ones
    /// showing a body, the feeds, are made again by each edit, which the render then
    /// leaves alone. Errors: one per message.
    pub fn run(&self, linked: &Dossier, serving: &AtomicU64) -> Result<(), Diagnostics> {
        let stale = || serving.load(Ordering::SeqCst) != self.generation;
        let cancelled = || Diagnostic::error("cancelled: a newer version of the site is linked");
        let jobs: Vec<(&String, &PageJob)> = self.jobs.iter().collect();
        let (pages, machine) = rayon::join(
            || {
                jobs.into_par_iter()
                    .with_max_len(crate::render::PAGES_PER_PIECE)
                    .filter_map(|(path, job)| {
                        if stale() {
                            return Some(Diagnostics::from(cancelled()));
                        }
                        // Held until the page is stored: an edit's write lock comes after.
                        let site = self.read();
                        match site.render_job(job.clone()) {
                            Ok(file) => {
                                self.put(path, &file.bytes);
                                None
                            }
                            Err(errors) => Some(errors),
                        }
                    })
                    .collect::<Vec<Diagnostics>>()
            },
            || {
                pipeline::machine_files(linked, &self.page_index, &|path, bytes| {
                    if stale() {
                        return Err(cancelled());
                    }
                    self.put(path, bytes);
                    Ok(())
                })
            },
        );
        let mut errors: Vec<Diagnostic> = pages.into_iter().flat_map(|d| d.items).collect();
        if let Err(more) = machine {
            errors.extend(more.items);
        }
        if stale() {
            return Err(cancelled().into());
        }
        one_per_message(errors)
    }

    /// Everything this site serves, once the render is done: the rendered files, and the
    /// static files whose names no page took (a page wins over a static file of the same
    /// name); and those static files' names.
    pub fn files(&self) -> (Map, HashSet<String>) {
        let mut map = std::mem::take(&mut self.lock_done().files);
        let mut statics = HashSet::new();
        for (name, file) in &self.statics {
            if !map.contains_key(name) {
                map.insert(name.clone(), file.clone());
                statics.insert(name.clone());
            }
        }
        (map, statics)
    }

    pub fn read(&self) -> RwLockReadGuard<'_, Site> {
        self.site.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Site> {
        self.site.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Stores a file the background render made, unless an edit wrote it meanwhile.
    fn put(&self, path: &str, bytes: &[u8]) {
        let stored = Stored::new(path, bytes);
        // The previous copy, if the same: one copy in memory.
        let stored = match self.previous.get(path) {
            Some(old) if old.same(&stored) => old.clone(),
            _ => stored,
        };
        let mut done = self.lock_done();
        if !done.edited.contains(path) {
            done.files.insert(path.to_string(), stored);
        }
    }

    fn lock_done(&self) -> std::sync::MutexGuard<'_, Done> {
        self.done.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The errors of a parallel render, each message once (a broken template fails every page
/// that uses it the same way).
fn one_per_message(errors: Vec<Diagnostic>) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut seen = HashSet::new();
    for diagnostic in errors {
        if seen.insert(diagnostic.message.clone()) {
            diagnostics.push(diagnostic);
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(())
}
