//! How the rebuild engine tells the world: the snapshot the server answers from, the
//! reload events for open tabs, and the lines in the terminal.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use arc_swap::ArcSwap;
use tokio::sync::broadcast;

use super::files::{self, Files};
use super::http::Snapshot;
use super::reload::Message;
use crate::diagnostics::Diagnostics;

/// Which step of the work made a reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Only changed bodies and the pages showing them (the fast path).
    Incremental,
    /// A newly linked site: its pages answer from now on (rendered on demand until the
    /// background render has made them); the edited files' pages reload first.
    Priority,
    /// The background render is done: every file of the site is up to date.
    Full,
    /// The search index caught up with the pages.
    Search,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Incremental => "incremental",
            Stage::Priority => "priority",
            Stage::Full => "full",
            Stage::Search => "search",
        }
    }
}

/// What the tabs showing which paths should do.
pub enum Reload {
    /// The paths whose bytes differ between these two versions.
    Changed { old: Files, new: Files },
    /// These URL paths (`None`: every tab).
    Paths(Option<Vec<String>>),
}

pub struct Publisher {
    pub snapshot: Arc<ArcSwap<Snapshot>>,
    pub messages: broadcast::Sender<Message>,
    pub quiet: bool,
    pub styled: bool,
    /// The warnings last printed.
    last_warnings: Mutex<String>,
}

impl Publisher {
    pub fn new(
        snapshot: Arc<ArcSwap<Snapshot>>,
        messages: broadcast::Sender<Message>,
        quiet: bool,
        styled: bool,
    ) -> Publisher {
        Publisher {
            snapshot,
            messages,
            quiet,
            styled,
            last_warnings: Mutex::default(),
        }
    }

    /// Serves `snapshot`.
    pub fn serve(&self, snapshot: Snapshot) {
        self.snapshot.store(Arc::new(snapshot));
    }

    /// Tells the tabs concerned to reload, and the terminal what was done. `cleared`: an
    /// error overlay was showing (every tab with one reloads to clear it).
    pub fn reload(
        &self,
        stage: Stage,
        reload: Reload,
        cleared: bool,
        count: usize,
        elapsed: Duration,
    ) {
        let paths = match reload {
            Reload::Changed { old, new } => files::changed_paths(&old, &new),
            Reload::Paths(paths) => paths,
        };
        // Nothing changed and no overlay to clear (e.g. a save without changes): no event.
        let nothing = paths.as_ref().is_some_and(|p| p.is_empty()) && !cleared;
        if !nothing {
            let _ = self.messages.send(Message::Reload {
                millis: elapsed.as_millis(),
                stage: stage.name(),
                paths: paths.map(Arc::from),
            });
        }
        if self.quiet {
            return;
        }
        let what = match stage {
            Stage::Full => "rendered the site",
            Stage::Incremental => "updated what the edit changed",
            Stage::Priority => {
                "linked the site; its pages answer now (the rest renders in the background)"
            }
            Stage::Search => "built the search index",
        };
        println!(
            "{what}: {count} file{} in {} ms",
            if count == 1 { "" } else { "s" },
            elapsed.as_millis()
        );
    }

    /// Prints a complete site's warnings once, not on every save while they last.
    pub fn warnings(&self, warnings: &Diagnostics) {
        if self.quiet {
            return;
        }
        let report = warnings.render(self.styled);
        let mut last = self.last_warnings.lock().unwrap_or_else(|e| e.into_inner());
        if *last != report {
            eprint!("{report}");
            *last = report;
        } else if !warnings.is_empty() {
            let count = warnings.warning_count();
            eprintln!(
                "({count} warning{} as before)",
                if count == 1 { "" } else { "s" }
            );
        }
    }

    /// A failed step, told on the terminal; returns the text of the open tabs' overlay,
    /// which `show_error` sends once the snapshot that carries it is served (a tab that
    /// hears of the error and loads its page must find the overlay there).
    pub fn failed(&self, errors: &Diagnostics, serving: bool, elapsed: Duration) -> Arc<str> {
        eprint!("{}", errors.render(self.styled));
        eprintln!(
            "rebuild failed after {} ms; {}",
            elapsed.as_millis(),
            if serving {
                "still serving the last good site (the error shows over its pages)"
            } else {
                "fix the error: the site appears once it builds"
            }
        );
        Arc::from(errors.render(false))
    }

    /// An internal error (a bug), told on the terminal; shown like a failed step.
    pub fn internal(&self, text: &str) -> Arc<str> {
        eprintln!("{text}");
        Arc::from(text)
    }

    /// Tells the open tabs to show `text` over their page.
    pub fn show_error(&self, text: Arc<str>) {
        let _ = self.messages.send(Message::BuildError(text));
    }
}
