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

/// What is served right now: the last good site, and the last rebuild's error, if it failed.
#[derive(Default)]
pub struct Snapshot {
    pub files: Files,
    pub error: Option<Arc<str>>,
}

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
    let snapshot = state.snapshot.load();
    let Some(key) = site_key(uri.path()) else {
        return not_found(&snapshot, &state.script);
    };
    if let Some(bytes) = snapshot.files.get(&key) {
        return file_response(&key, bytes, &snapshot, &state.script, StatusCode::OK);
    }
    // `/articles/x` → `/articles/x/`, as static hosts do.
    if !key.is_empty() && !key.ends_with("index.html") {
        let folder = format!("{key}/index.html");
        if snapshot.files.contains_key(&folder) {
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
    bytes: &Arc<[u8]>,
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
    if !is_html {
        return respond(status, &content_type, bytes.to_vec());
    }
    let mut extra = String::new();
    if let Some(error) = &snapshot.error {
        extra.push_str(&overlay::html(error));
    }
    extra.push_str(script);
    respond(status, &content_type, reload::inject(bytes, &extra))
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
    use super::site_key;

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
