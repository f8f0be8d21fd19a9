//! The thread pools of `serve`'s background work, by priority. Rayon runs the jobs of a
//! pool in the order they come, so work in one pool never jumps ahead of another's: an
//! edit (on rayon's global pool) must not queue behind a render, a link (which the new
//! page waits for) not behind a search index, a render (which the lists wait for) not
//! behind either. Each pool gets its own threads; on Linux the index's run at a lower
//! priority, so on a busy machine the scheduler favours edits, links and renders.

use std::sync::Arc;

use crate::diagnostics::Diagnostic;

pub struct Pools {
    pub link: Arc<rayon::ThreadPool>,
    pub render: Arc<rayon::ThreadPool>,
    pub index: Arc<rayon::ThreadPool>,
}

impl Pools {
    pub fn new() -> Result<Pools, Diagnostic> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Pools {
            link: pool("link", cores, 0)?,
            // (Render threads hold the site's read lock page by page: a lower priority would
            // keep an edit's write lock waiting on a busy machine.)
            render: pool("render", cores, 0)?,
            // One more thread: the index's own thread blocks while Pagefind's async code runs.
            index: pool("index", cores + 1, 10)?,
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
fn lower_priority(nice: i32) {
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
fn lower_priority(_nice: i32) {}
