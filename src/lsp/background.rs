//! The full check, off the editor's path: a thread with its own copy of the workspace,
//! given the same changes, links the whole site (every file's diagnostics, every language)
//! whenever changes have come, and sends the result back. Changes that arrive while it links
//! are taken together for the next link.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::diagnostics::Diagnostic;

use super::workspace::Workspace;

/// A change the background copy must apply, in order.
pub enum Change {
    Edited(PathBuf, Arc<str>),
    Closed(PathBuf),
    OnDisk(PathBuf),
}

/// A full check's diagnostics, of the workspace as it was after change number `generation`.
pub struct Analysed {
    pub generation: u64,
    pub diagnostics: Vec<Diagnostic>,
}

/// The handle the server keeps: send changes, receive results.
pub struct Background {
    changes: Sender<(u64, Change)>,
    pub results: crossbeam_channel::Receiver<Analysed>,
    /// How many changes were sent.
    pub generation: u64,
}

impl Background {
    /// Starts the thread on a workspace of its own for the site at `root`.
    pub fn start(root: &Path) -> Background {
        let (changes, incoming) = channel();
        let (done, results) = crossbeam_channel::unbounded();
        let root = root.to_path_buf();
        std::thread::Builder::new()
            .name("dossier-lsp-check".into())
            .spawn(move || {
                // At the lowest priority, in threads of its own: a keystroke's check runs in
                // rayon's global pool and must not queue behind this one.
                crate::serve::pools::lower_priority(19);
                let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(cores)
                    .thread_name(|i| format!("dossier-lsp-check-{i}"))
                    .start_handler(|_| crate::serve::pools::lower_priority(19))
                    .build();
                run(Workspace::new(&root), pool.ok(), &incoming, &done);
            })
            .expect("start the background check");
        Background {
            changes,
            results,
            generation: 0,
        }
    }

    pub fn send(&mut self, change: Change) {
        self.generation += 1;
        // The thread ends only with the server.
        let _ = self.changes.send((self.generation, change));
    }
}

fn run(
    mut workspace: Workspace,
    pool: Option<rayon::ThreadPool>,
    incoming: &Receiver<(u64, Change)>,
    done: &crossbeam_channel::Sender<Analysed>,
) {
    while let Ok(first) = incoming.recv() {
        let mut generation = apply(&mut workspace, first);
        while let Ok(more) = incoming.try_recv() {
            generation = apply(&mut workspace, more);
        }
        match &pool {
            Some(pool) => pool.install(|| workspace.analyse()),
            None => workspace.analyse(),
        }
        let analysed = Analysed {
            generation,
            diagnostics: workspace.diagnostics.clone(),
        };
        if done.send(analysed).is_err() {
            return;
        }
    }
}

fn apply(workspace: &mut Workspace, (generation, change): (u64, Change)) -> u64 {
    match change {
        Change::Edited(path, text) => workspace.edited(&path, text),
        Change::Closed(path) => workspace.closed(&path),
        Change::OnDisk(path) => workspace.changed_on_disk(&path),
    }
    generation
}
