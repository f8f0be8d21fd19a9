//! The thread pools of `serve`'s work, by priority. Rayon runs the jobs of a pool in the
//! order they come, so work in one pool never jumps ahead of another's: an edit must not
//! queue behind a render or a search index, a link (which the new page waits for) not
//! behind an index, a render (which the lists wait for) not behind either. Each gets its
//! own threads. The search index runs in its own pool and also in rayon's global pool:
//! Pagefind does its parallel work from tokio's blocking threads, which use the global
//! pool, so nothing else of serve's does. On Linux both run at the lowest priority, so on a
//! busy machine the scheduler favours edits, links and renders.

use std::sync::Arc;

use crate::diagnostics::Diagnostic;

pub struct Pools {
    pub edit: Arc<rayon::ThreadPool>,
    pub link: Arc<rayon::ThreadPool>,
    pub render: Arc<rayon::ThreadPool>,
    pub index: Arc<rayon::ThreadPool>,
}

impl Pools {
    pub fn new() -> Result<Pools, Diagnostic> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        // Fails when the global pool already runs (tests, embedders): it then keeps its
        // priority.
        let _ = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("dossier-index-{i}"))
            .start_handler(|_| lower_priority(19))
            .build_global();
        Ok(Pools {
            edit: pool("edit", cores, 0)?,
            link: pool("link", cores, 0)?,
            // (Render threads hold the site's read lock page by page: a lower priority would
            // keep an edit's write lock waiting on a busy machine.)
            render: pool("render", cores, 0)?,
            // One more thread: the index's own thread blocks while Pagefind's async code runs.
            index: pool("index", cores + 1, 19)?,
        })
    }
}

fn pool(
    name: &'static str,
    threads: usize,
    nice: i32,
) -> Result<Arc<rayon::ThreadPool>, Diagnostic> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(move |i| format!("dossier-{name}-{i}"))
        .start_handler(move |_| lower_priority(nice))
        .build()
        .map(Arc::new)
        .map_err(|err| Diagnostic::error(format!("cannot start the {name} threads: {err}")))
}

/// Lowers the calling thread's priority by `nice` (on Linux, `setpriority` on the thread's
/// own id changes that thread alone).
#[cfg(target_os = "linux")]
pub fn lower_priority(nice: i32) {
    if nice > 0 {
        // SAFETY: plain system calls on the calling thread; failure only leaves the
        // priority as it was.
        unsafe {
            let thread = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::setpriority(libc::PRIO_PROCESS, thread, nice);
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn lower_priority(_nice: i32) {}
