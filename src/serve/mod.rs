//! `dossier serve`: builds the site in memory, serves it over HTTP, watches the sources,
//! rebuilds on change and reloads open tabs over server-sent events. A broken edit shows its
//! diagnostics in the terminal and over the page, while the last good site stays served.
//!
//! - [`engine`]: the rebuild engine on the build's pipeline (full, or incremental for body
//!   edits)
//! - [`files`]: the served site in memory, and which pages changed between two versions
//! - [`http`]: routes, serving only keys of the in-memory site
//! - [`watch`]: the debounced file watcher
//! - [`reload`]: the event channel and the injected script
//! - [`overlay`]: the error overlay
//!
//! Nothing is written to disk: `public/` is never touched.

pub mod engine;
pub mod files;
pub mod http;
pub mod overlay;
pub mod reload;
pub mod watch;

use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

use arc_swap::ArcSwap;
use tokio::sync::{broadcast, watch as tokio_watch};

use crate::diagnostics::{Diagnostic, Diagnostics};
use engine::{Engine, Outcome, Stage};
use http::{AppState, Snapshot};
use reload::Message;

/// What `dossier serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Print only errors (for benchmarks).
    pub quiet: bool,
}

/// Runs the server until Ctrl-C (or SIGTERM). Errors: no site, port in use, no watcher.
pub fn serve(options: ServeOptions) -> Result<(), Diagnostics> {
    serve_until(options, shutdown_signal())
}

/// Runs the server until `stop` completes (benchmarks and embedders stop it this way).
pub fn serve_until(
    options: ServeOptions,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Diagnostics> {
    let root = options.root.canonicalize().map_err(|err| {
        Diagnostic::error(format!(
            "cannot open the site root {}: {err}",
            options.root.display()
        ))
        .help("pass the folder holding site.toml with --root DIR")
    })?;
    if !root.join("site.toml").is_file() {
        return Err(Diagnostic::error(format!("no site.toml in {}", root.display()))
            .help("run dossier from the site's root folder, pass --root DIR, or create a site with `dossier init DIR`")
            .into());
    }
    let address = SocketAddr::new(options.bind, options.port);
    let listener = bind(address)?;
    // Listening on every interface: links still name this machine's loopback address.
    let shown = if options.bind.is_unspecified() {
        let loopback: IpAddr = if options.bind.is_ipv4() {
            std::net::Ipv4Addr::LOCALHOST.into()
        } else {
            std::net::Ipv6Addr::LOCALHOST.into()
        };
        SocketAddr::new(loopback, options.port)
    } else {
        address
    };
    let base_url = format!("http://{shown}/");
    let printer = Printer {
        quiet: options.quiet,
        styled: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        last_warnings: Default::default(),
    };

    let mut engine = Engine::new(root.clone(), base_url.clone(), options.drafts);
    let snapshot = Arc::new(ArcSwap::from_pointee(Snapshot::default()));
    let messages = reload::channel();
    let first = engine.full_rebuild(&mut |_| {});
    publish(&first, &engine, &snapshot, &messages, &printer);

    let (changes_tx, changes) = mpsc::channel();
    let watcher = Arc::new(std::sync::Mutex::new(Some(watch::watch(
        &root, changes_tx,
    )?)));
    {
        let snapshot = snapshot.clone();
        let messages = messages.clone();
        std::thread::Builder::new()
            .name("dossier-rebuild".into())
            .spawn({
                let watcher = watcher.clone();
                let root = root.clone();
                move || {
                    rebuild_loop(engine, changes, &snapshot, &messages, &printer, |changed| {
                        watch::watch_new_folders(&watcher, &root, changed)
                    })
                }
            })
            .map_err(|err| Diagnostic::error(format!("cannot start the rebuild thread: {err}")))?;
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|err| Diagnostic::error(format!("cannot start the server runtime: {err}")))?;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|err| Diagnostic::error(format!("cannot listen on {address}: {err}")))?;
        let (stop_tx, stop_rx) = tokio_watch::channel(false);
        let state = AppState {
            snapshot,
            messages,
            shutdown: stop_rx,
            script: Arc::from(reload::script()),
        };
        if !options.bind.is_loopback() {
            eprintln!(
                "warning: serving on {}, which other machines can reach; the default --bind 127.0.0.1 keeps the preview private",
                options.bind
            );
        }
        if !options.quiet {
            println!(
            "serving {} at {base_url} (drafts {}); watching content/, templates/, static/ and site.toml; Ctrl-C to stop",
            root.display(),
            if options.drafts { "included" } else { "excluded" }
        );
        }
        if options.open && opener::open(&base_url).is_err() {
            println!("could not open a browser: open {base_url} yourself");
        }
        axum::serve(listener, http::router(state))
            .with_graceful_shutdown(async move {
                stop.await;
                // End the event streams, or open tabs would keep the server alive.
                let _ = stop_tx.send(true);
            })
            .await
            .map_err(|err| Diagnostic::error(format!("server error: {err}")))
    });
    // Stopping the watcher closes the change channel, which ends the rebuild thread.
    drop(watcher.lock().unwrap_or_else(|e| e.into_inner()).take());
    if !options.quiet {
        println!("stopped");
    }
    result.map_err(Diagnostics::from)
}

/// Binds the port, turning "address in use" into advice.
fn bind(address: SocketAddr) -> Result<std::net::TcpListener, Diagnostic> {
    let listener = std::net::TcpListener::bind(address).map_err(|err| {
        if err.kind() == std::io::ErrorKind::AddrInUse {
            let next = address.port().checked_add(1).unwrap_or(1111);
            Diagnostic::error(format!(
                "port {} on {} is already in use (another `dossier serve`, or another server?)",
                address.port(),
                address.ip()
            ))
            .help(format!(
                "stop the other server, or choose another port: dossier serve --port {next}"
            ))
        } else {
            Diagnostic::error(format!("cannot listen on {address}: {err}"))
                .help("check --bind (an address of this machine, e.g. 127.0.0.1) and --port")
        }
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|err| Diagnostic::error(format!("cannot listen on {address}: {err}")))?;
    Ok(listener)
}

/// Waits for changes, coalescing bursts that arrive while a rebuild runs.
fn rebuild_loop(
    mut engine: Engine,
    changes: mpsc::Receiver<Vec<PathBuf>>,
    snapshot: &ArcSwap<Snapshot>,
    messages: &broadcast::Sender<Message>,
    printer: &Printer,
    on_changes: impl Fn(&[PathBuf]),
) {
    while let Ok(mut paths) = changes.recv() {
        while let Ok(more) = changes.try_recv() {
            paths.extend(more);
        }
        on_changes(&paths);
        let rebuilt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            engine.rebuild(paths, &mut |early| {
                publish_rebuilt(&early, snapshot, messages, printer);
            })
        }));
        match rebuilt {
            Ok(outcome) => publish(&outcome, &engine, snapshot, messages, printer),
            Err(_) => {
                // A bug, not the editor's mistake: keep serving the last site, start afresh.
                let text = "internal error: dossier panicked while rebuilding (a bug: please report it with the edit that caused it); the next change rebuilds everything";
                eprintln!("{text}");
                let files = snapshot.load().files.clone();
                snapshot.store(Arc::new(Snapshot {
                    files,
                    error: Some(Arc::from(text)),
                }));
                let _ = messages.send(Message::BuildError(Arc::from(text)));
                engine = engine.fresh();
            }
        }
    }
}

/// Serves the outcome and tells the open tabs.
fn publish(
    outcome: &Outcome,
    engine: &Engine,
    snapshot: &ArcSwap<Snapshot>,
    messages: &broadcast::Sender<Message>,
    printer: &Printer,
) {
    match outcome {
        Outcome::Unchanged => {}
        Outcome::Rebuilt { .. } => publish_rebuilt(outcome, snapshot, messages, printer),
        Outcome::Failed { errors, elapsed } => {
            let text: Arc<str> = Arc::from(engine::plain_text(errors));
            // The last good site (not a half-published priority step).
            let files = engine
                .files()
                .unwrap_or_else(|| snapshot.load().files.clone());
            let serving = !files.is_empty();
            // The terminal first, then the browser.
            eprint!("{}", errors.render(printer.styled));
            eprintln!(
                "rebuild failed after {} ms; {}",
                elapsed.as_millis(),
                if serving {
                    "still serving the last good site (the error shows over its pages)"
                } else {
                    "fix the error: the site appears once it builds"
                }
            );
            snapshot.store(Arc::new(Snapshot {
                files,
                error: Some(text.clone()),
            }));
            let _ = messages.send(Message::BuildError(text));
        }
    }
}

/// Serves a rebuilt site and tells the tabs whose pages changed.
fn publish_rebuilt(
    outcome: &Outcome,
    snapshot: &ArcSwap<Snapshot>,
    messages: &broadcast::Sender<Message>,
    printer: &Printer,
) {
    let Outcome::Rebuilt {
        files,
        rendered,
        stage,
        elapsed,
        warnings,
    } = outcome
    else {
        return;
    };
    let previous = snapshot.swap(Arc::new(Snapshot {
        files: files.clone(),
        error: None,
    }));
    let paths: Option<Arc<[String]>> = files::changed_paths(&previous.files, files).map(Arc::from);
    // Nothing changed and no overlay to clear (e.g. a save without changes): no event.
    let nothing_changed = paths.as_ref().is_some_and(|p| p.is_empty()) && previous.error.is_none();
    if !nothing_changed {
        let _ = messages.send(Message::Reload {
            millis: elapsed.as_millis(),
            stage: match stage {
                Stage::Full => "full",
                Stage::Incremental => "incremental",
                Stage::Priority => "priority",
            },
            paths,
        });
    }
    if printer.quiet {
        return;
    }
    // Warnings (only full rebuilds check for them) once, not on every save while they last.
    if *stage == Stage::Full {
        let report = warnings.render(printer.styled);
        let mut last = printer
            .last_warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner());
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
    let what = match stage {
        Stage::Full => "rebuilt the site",
        Stage::Incremental => "updated what the edit changed",
        Stage::Priority => "rendered the edited pages first (the rest follows)",
    };
    println!(
        "{what}: {rendered} file{} in {} ms",
        if *rendered == 1 { "" } else { "s" },
        elapsed.as_millis()
    );
}

struct Printer {
    quiet: bool,
    styled: bool,
    /// The warnings last printed.
    last_warnings: std::sync::Mutex<String>,
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
