//! HTTP routes: the rendered site from memory, and the live-reload event stream.
//!
//! Only keys of the in-memory site are ever served, so nothing on disk can be reached
//! through a crafted path; requests with `..`, `.`, empty segments, backslashes or NUL
//! (raw or percent-encoded) are refused with 404 before any lookup.

use std::convert::Infallible;
use std::sync::Arc;

use arc_swap::ArcSwap;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::{broadcast, watch};

use super::files::Files;
use super::overlay;
use super::reload::{self, EVENTS_PATH, Message};
use super::rendering::Rendering;
use super::stored::Stored;
use crate::diagnostics::Diagnostics;
use crate::render::published_page;

/// What is served right now: the last good site, and the last rebuild's error, if it failed.
#[derive(Default)]
pub struct Snapshot {
    pub files: Files,
    pub error: Option<Arc<str>>,
    /// While a newly linked site renders in the background: its pages, made so far or on
    /// demand (they take precedence over `files`, the previous site's).
    pub rendering: Option<Arc<Rendering>>,
    /// While the search index is behind the pages: what the search page says.
    pub search: Option<SearchNotice>,
    /// The site is being loaded and linked for the first time.
    pub loading: bool,
}

/// The search index is being built (`first`: there is none yet) or updated.
#[derive(Clone)]
pub struct SearchNotice {
    /// The search page's output path.
    pub page: String,
    pub first: bool,
}

/// What a request finds.
pub enum Found {
    File(Stored),
    /// A page of a site being rendered failed to render.
    Failed(Diagnostics),
    Missing,
}

impl Snapshot {
    /// The file at `key`: the new site's (rendered now if need be), else the files served.
    pub fn find(&self, key: &str) -> Found {
        if let Some(rendering) = &self.rendering {
            if let Some(bytes) = rendering.get(key) {
                return Found::File(bytes);
            }
            match rendering.render_now(key) {
                Some(Ok(bytes)) => return Found::File(bytes),
                Some(Err(errors)) => return Found::Failed(errors),
                None => {}
            }
            if let Some(bytes) = rendering.statics.get(key) {
                return Found::File(bytes.clone());
            }
        }
        match self.files.get(key) {
            Some(bytes) => Found::File(bytes.clone()),
            None => Found::Missing,
        }
    }

    fn has_page(&self, key: &str) -> bool {
        self.rendering.as_ref().is_some_and(|r| r.has_page(key)) || self.files.contains_key(key)
    }
}

/// What the search page says while the index is not up to date, before its content.
pub fn search_notice_html(notice: &SearchNotice) -> String {
    let text = if notice.first {
        "dossier serve is building the search index in the background: search answers once it is ready, and this page reloads by itself then."
    } else {
        "dossier serve is updating the search index after the latest changes: results may miss them until it is done, and this page reloads by itself then."
    };
    format!(
        "<div id=\"{SEARCH_NOTICE_ID}\" role=\"status\" style=\"position:sticky;top:0;z-index:2147483646;padding:.6rem 1rem;background:#fff4d6;color:#3d2c00;border-bottom:1px solid #e0c36a;font:15px/1.4 system-ui,sans-serif\">{text}</div>"
    )
}

/// The id of the search page's notice (tests look for it).
pub const SEARCH_NOTICE_ID: &str = "dossier-search-notice";

#[derive(Clone)]
pub struct AppState {
    pub snapshot: Arc<ArcSwap<Snapshot>>,
    pub messages: broadcast::Sender<Message>,
    /// Turns true when the server stops, ending the event streams.
    pub shutdown: watch::Receiver<bool>,
    /// The reload script, built once.
    pub script: Arc<str>,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(page)
        .with_state(state)
}

async fn events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = state.messages.subscribe();
    let stream = futures_util::stream::unfold(
        (receiver, state.shutdown),
        |(mut receiver, mut shutdown)| async move {
            loop {
                tokio::select! {
                    _ = shutdown.changed() => return None,
                    message = receiver.recv() => match message {
                        Ok(message) => {
                            let (name, data) = message.event();
                            let event = Event::default().event(name).data(data);
                            return Some((Ok(event), (receiver, shutdown)));
                        }
                        // A slow tab missed some messages: the next one still reaches it.
                        Err(broadcast::error::RecvError::Lagged(_)) => continue,
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn page(State(state): State<AppState>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
    }
    let snapshot = state.snapshot.load_full();
    if snapshot.loading {
        return unavailable(
            "dossier serve is loading the site; this page reloads by itself when it is ready.",
            &state.script,
        );
    }
    let Some(key) = site_key(uri.path()) else {
        return not_found(&snapshot, &state.script);
    };
    // A page may have to be rendered first: not on the server's threads.
    let found = {
        let (snapshot, key) = (snapshot.clone(), key.clone());
        tokio::task::spawn_blocking(move || snapshot.find(&key))
            .await
            .unwrap_or(Found::Missing)
    };
    match found {
        Found::File(bytes) => {
            return file_response(&key, &bytes, &snapshot, &state.script, StatusCode::OK);
        }
        Found::Failed(errors) => {
            let html = format!(
                "<!doctype html><title>Render error</title><body><h1>This page does not render</h1>{}</body>",
                overlay::html(&errors.render(false))
            );
            let html = reload::inject(html.as_bytes(), &state.script);
            return respond(
                StatusCode::INTERNAL_SERVER_ERROR,
                "text/html; charset=utf-8",
                html,
            );
        }
        Found::Missing => {}
    }
    if let Some(message) = not_ready(&snapshot, &key) {
        return unavailable(message, &state.script);
    }
    // `/articles/x` → `/articles/x/`, as static hosts do.
    if !key.is_empty() && !key.ends_with("index.html") {
        let folder = format!("{key}/index.html");
        if snapshot.has_page(&folder) {
            let location = format!("/{key}/");
            return Response::builder()
                .status(StatusCode::FOUND)
                .header(header::LOCATION, location)
                .body(Body::empty())
                .unwrap_or_default();
        }
    }
    not_found(&snapshot, &state.script)
}

/// Why a file the snapshot lacks may only be missing for now: the search index's files
/// before the first index is built; feeds, open data and the like while the site renders
/// (every page of the site answers then, so an HTML file is really missing).
fn not_ready(snapshot: &Snapshot, key: &str) -> Option<&'static str> {
    let folder = crate::render::search::FOLDER;
    let index_file = key
        .strip_prefix(folder)
        .is_some_and(|rest| rest.starts_with('/'));
    if index_file && snapshot.search.as_ref().is_some_and(|notice| notice.first) {
        return Some(
            "dossier serve is still building the search index in the background; it answers here once it is ready.",
        );
    }
    if snapshot.rendering.is_some() && !key.ends_with(".html") {
        return Some(
            "dossier serve is still rendering the site in the background; this file appears in a few seconds.",
        );
    }
    None
}

/// 503 with a plain message: what is not ready yet, and that it will be.
fn unavailable(message: &str, script: &str) -> Response {
    let html = format!(
        "<!doctype html><meta charset=\"utf-8\"><title>Not ready yet</title><body><p>{message}</p></body>"
    );
    let mut response = respond(
        StatusCode::SERVICE_UNAVAILABLE,
        "text/html; charset=utf-8",
        reload::inject(html.as_bytes(), script),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

fn not_found(snapshot: &Snapshot, script: &str) -> Response {
    match snapshot.files.get("404.html") {
        Some(bytes) => file_response("404.html", bytes, snapshot, script, StatusCode::NOT_FOUND),
        None => {
            let mut html = String::from(
                "<!doctype html><title>Not found</title><body><h1>Not found</h1></body>",
            );
            if let Some(error) = &snapshot.error {
                html = String::from_utf8(reload::inject(html.as_bytes(), &overlay::html(error)))
                    .unwrap_or_default();
            }
            let html = reload::inject(html.as_bytes(), script);
            respond(StatusCode::NOT_FOUND, "text/html; charset=utf-8", html)
        }
    }
}

fn file_response(
    key: &str,
    stored: &Stored,
    snapshot: &Snapshot,
    script: &str,
    status: StatusCode,
) -> Response {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript" => {
            "text/javascript; charset=utf-8".into()
        }
        _ => mime.essence_str().to_string(),
    };
    let bytes = stored.bytes();
    if !is_html {
        return respond(status, &content_type, bytes.into_owned());
    }
    let mut extra = String::new();
    if let Some(error) = &snapshot.error {
        extra.push_str(&overlay::html(error));
    }
    extra.push_str(script);
    // Pages are kept as rendered, for the search index; they are served as `build` writes them.
    let mut html = reload::inject(&published_page::trim(&bytes), &extra);
    if let Some(notice) = snapshot.search.as_ref().filter(|n| n.page == key) {
        html = reload::inject_after_body(&html, &search_notice_html(notice));
    }
    respond(status, &content_type, html)
}

fn respond(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // A preview must never show a stale page.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The in-memory key a request path names (`/` → `index.html`, `/a/` → `a/index.html`,
/// `/style.css` → `style.css`), or `None` for any path that tries to climb or is malformed.
pub fn site_key(raw_path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw_path)
        .decode_utf8()
        .ok()?;
    let rest = decoded.strip_prefix('/')?;
    if rest.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if *segment == "." || *segment == ".." || (segment.is_empty() && i != last) {
            return None;
        }
    }
    Some(crate::urls::output_path(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(response: Response) -> String {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = runtime
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn the_search_page_says_the_index_is_not_ready() {
        let page = "<html><body><main>Search</main></body></html>";
        let mut snapshot = Snapshot {
            files: Files::of_texts(&[("search/index.html", page), ("index.html", page)]),
            search: Some(SearchNotice {
                page: "search/index.html".into(),
                first: true,
            }),
            ..Snapshot::default()
        };
        // A page as served, with no reload script.
        let served = |key: &str, snapshot: &Snapshot| {
            let stored = snapshot.files.get(key).unwrap();
            body(file_response(key, stored, snapshot, "", StatusCode::OK))
        };
        let html = served("search/index.html", &snapshot);
        assert!(
            html.starts_with(&format!("<html><body><div id=\"{SEARCH_NOTICE_ID}\"")),
            "{html}"
        );
        assert!(html.contains("building the search index"));
        let home = served("index.html", &snapshot);
        assert!(!home.contains(SEARCH_NOTICE_ID), "only on the search page");
        assert!(not_ready(&snapshot, "pagefind/pagefind.js").is_some());
        assert!(not_ready(&snapshot, "pagefindx/a.js").is_none());

        // An index that is only behind the pages still answers; the notice says so.
        snapshot.search = Some(SearchNotice {
            page: "search/index.html".into(),
            first: false,
        });
        let html = served("search/index.html", &snapshot);
        assert!(html.contains("updating the search index"), "{html}");
        assert!(not_ready(&snapshot, "pagefind/pagefind.js").is_none());
        snapshot.search = None;
        let html = served("search/index.html", &snapshot);
        assert_eq!(html, page);
    }

    #[test]
    fn maps_paths_to_keys() {
        assert_eq!(site_key("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_key("/articles/x/").as_deref(),
            Some("articles/x/index.html")
        );
        assert_eq!(site_key("/style.css").as_deref(), Some("style.css"));
        assert_eq!(
            site_key("/quotes/caf%C3%A9/").as_deref(),
            Some("quotes/café/index.html")
        );
        // A `%` that starts no escape is kept as it is (it names no file, so: 404).
        assert_eq!(site_key("/%zz").as_deref(), Some("%zz"));
        assert_eq!(site_key("/a%20b/").as_deref(), Some("a b/index.html"));
    }

    #[test]
    fn refuses_every_way_out() {
        for path in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/a/%2e%2e/%2e%2e/site.toml",
            "/a/..%2f..%2fsite.toml",
            "//etc/passwd",
            "/a//b",
            "/./index.html",
            "/..\\site.toml",
            "/%5c..%5csite.toml",
            "/a%00b",
            "/%ff",
            "relative",
        ] {
            assert_eq!(site_key(path), None, "{path}");
        }
    }
}
