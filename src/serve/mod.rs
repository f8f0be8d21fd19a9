//! `dossier serve`: builds the site in memory, serves it over HTTP (each page as soon as it
//! can be made), watches the sources, rebuilds on change and reloads open tabs over
//! server-sent events. A broken edit shows its
//! diagnostics in the terminal and over the page, while the last good site stays served.
//!
//! - [`engine`]: the rebuild engine on the build's pipeline: link, render and search index
//!   in the background, body edits applied at once on top
//! - [`rendering`]: a linked site's pages, rendered in the background or on demand
//! - [`pools`]: the background threads, by priority
//! - [`publish`]: the served snapshot, reload events and terminal lines
//! - [`files`]: the served site in memory, and which pages changed between two versions
//! - [`http`]: routes, serving only keys of the in-memory site
//! - [`watch`]: the debounced file watcher
//! - [`reload`]: the event channel and the injected script
//! - [`overlay`]: the error overlay
//!
//! Nothing is written to disk: `public/` is never touched.

mod changes;
pub mod engine;
pub mod files;
pub mod http;
pub mod overlay;
pub mod pools;
pub mod publish;
pub mod reload;
pub mod rendering;
pub mod stored;
pub mod watch;

use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

use arc_swap::ArcSwap;
use tokio::sync::watch as tokio_watch;

use crate::diagnostics::{Diagnostic, Diagnostics};
use engine::{Engine, Event};
use http::{AppState, Snapshot};
use publish::Publisher;

/// What `dossier serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// When `port` is taken, serve on the next free one (the default port: as Hugo does);
    /// otherwise (an explicit `--port`) fail, naming a port that is free.
    pub next_free_port: bool,
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
    let listener = bind(
        SocketAddr::new(options.bind, options.port),
        options.next_free_port,
    )?;
    let address = listener
        .local_addr()
        .map_err(|err| Diagnostic::error(format!("cannot listen: {err}")))?;
    // Listening on every interface: links still name this machine's loopback address.
    let shown = if options.bind.is_unspecified() {
        let loopback: IpAddr = if options.bind.is_ipv4() {
            std::net::Ipv4Addr::LOCALHOST.into()
        } else {
            std::net::Ipv6Addr::LOCALHOST.into()
        };
        SocketAddr::new(loopback, address.port())
    } else {
        address
    };
    let base_url = format!("http://{shown}/");

    let snapshot = Arc::new(ArcSwap::from_pointee(Snapshot {
        loading: true,
        ..Snapshot::default()
    }));
    let messages = reload::channel();
    let (events_tx, events) = mpsc::channel();
    let publisher = Publisher::new(
        snapshot.clone(),
        messages.clone(),
        options.quiet,
        std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    );
    let engine = Engine::new(
        root.clone(),
        base_url.clone(),
        options.drafts,
        events_tx.clone(),
        publisher,
    )?;
    let watcher = Arc::new(std::sync::Mutex::new(Some(watch::watch(&root, {
        let events = events_tx.clone();
        move |paths| {
            let _ = events.send(Event::Changed(paths));
        }
    })?)));
    // Loads and links in the background: the server answers at once ("loading"), and each
    // page as soon as the site is linked.
    std::thread::Builder::new()
        .name("dossier-rebuild".into())
        .spawn({
            let watcher = watcher.clone();
            let root = root.clone();
            move || {
                engine.run(events, |changed| {
                    watch::watch_new_folders(&watcher, &root, changed)
                })
            }
        })
        .map_err(|err| Diagnostic::error(format!("cannot start the rebuild thread: {err}")))?;

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
                "warning: serving on {}, which other machines on the network can reach: they see the preview ({}), every file of static/, and the error overlay, which quotes your content files; the default --bind 127.0.0.1 keeps it to this machine",
                options.bind,
                if options.drafts { "drafts included" } else { "drafts excluded" }
            );
        }
        if !options.quiet {
            println!(
            "serving {} at {base_url} (drafts {}); watching content/, templates/, static/, i18n/ and site.toml; Ctrl-C to stop",
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
    drop(watcher.lock().unwrap_or_else(|e| e.into_inner()).take());
    // Ends the rebuild thread (and stops a background render at its next page).
    let _ = events_tx.send(Event::Stop);
    if !options.quiet {
        println!("stopped");
    }
    result.map_err(Diagnostics::from)
}

/// Binds the port; when it is taken, the next free one (said on the terminal) if
/// `next_free`, else an error naming a port found free.
fn bind(address: SocketAddr, next_free: bool) -> Result<std::net::TcpListener, Diagnostic> {
    let listener = match std::net::TcpListener::bind(address) {
        Ok(listener) => listener,
        Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => {
            let port = address.port();
            let free = (1..=20)
                .filter_map(|step| port.checked_add(step))
                .find_map(|p| std::net::TcpListener::bind((address.ip(), p)).ok());
            match free {
                Some(listener) if next_free => {
                    let taken = port;
                    let port = listener.local_addr().map_or(0, |a| a.port());
                    eprintln!(
                        "port {taken} is in use (another `dossier serve`, or another server?): serving on port {port} instead"
                    );
                    listener
                }
                free => {
                    let error = Diagnostic::error(format!(
                        "port {port} on {} is already in use (another `dossier serve`, or another server?)",
                        address.ip()
                    ));
                    return Err(match free.and_then(|l| l.local_addr().ok()) {
                        Some(free) => error.help(format!(
                            "stop the other server, or use a port that is free now: dossier serve --port {}",
                            free.port()
                        )),
                        None => error.help("stop the other server, or choose another port with --port"),
                    });
                }
            }
        }
        Err(err) => {
            return Err(
                Diagnostic::error(format!("cannot listen on {address}: {err}"))
                    .help("check --bind (an address of this machine, e.g. 127.0.0.1) and --port"),
            );
        }
    };
    listener
        .set_nonblocking(true)
        .map_err(|err| Diagnostic::error(format!("cannot listen on {address}: {err}")))?;
    Ok(listener)
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
