//! The live-reload channel: messages broadcast to every open tab over server-sent events,
//! and the script injected into HTML responses (only by `serve`; `build` never sees it).

use std::sync::Arc;

use tokio::sync::broadcast;

use super::overlay;

/// Where browsers subscribe to rebuild messages. Reserved: never a site path.
pub const EVENTS_PATH: &str = "/__dossier/events";

/// What a rebuild tells the open tabs.
#[derive(Debug, Clone)]
pub enum Message {
    /// A rebuild succeeded: reload the tabs showing one of `paths` (URL paths such as
    /// `/articles/x/`), or every tab when `paths` is `None`. `millis`: the rebuild time.
    Reload {
        millis: u128,
        /// `incremental` (a body edit), `priority` (a newly linked site, whose pages answer
        /// at once: more follows), `full` (every file rendered) or `search` (the search
        /// index caught up).
        stage: &'static str,
        paths: Option<Arc<[String]>>,
    },
    /// A rebuild failed: show the plain-text diagnostics over the page.
    BuildError(Arc<str>),
}

impl Message {
    /// The SSE event name and data.
    pub fn event(&self) -> (&'static str, String) {
        match self {
            Message::Reload {
                millis,
                stage,
                paths,
            } => (
                "reload",
                serde_json::json!({ "ms": millis, "stage": stage, "paths": paths.as_deref() })
                    .to_string(),
            ),
            Message::BuildError(text) => ("build-error", text.to_string()),
        }
    }
}

/// The sending half: cheap to clone, one receiver per open tab.
pub fn channel() -> broadcast::Sender<Message> {
    broadcast::channel(16).0
}

/// The `<script>` injected before `</body>`: listens for reloads and build errors.
/// (`error` is EventSource's own connection-error event, hence `build-error`.)
pub fn script() -> String {
    format!(
        r#"<script data-dossier-serve>/* live reload, injected by `dossier serve` only */
(function () {{
  var source = new EventSource("{EVENTS_PATH}");
  source.addEventListener("reload", function (event) {{
    var paths = null;
    try {{ paths = JSON.parse(event.data).paths; }} catch (e) {{}}
    var here = decodeURI(location.pathname).replace(/index\.html$/, "");
    // Reload if this page changed, or to clear an error overlay.
    if (!paths || paths.indexOf(here) >= 0 || document.getElementById("{id}")) {{
      location.reload();
    }}
  }});
  source.addEventListener("build-error", function (event) {{
    var overlay = document.getElementById("{id}");
    if (!overlay) {{
      overlay = document.createElement("div");
      overlay.id = "{id}";
      overlay.setAttribute("role", "alert");
      overlay.setAttribute("style", "{style}");
      document.body.appendChild(overlay);
    }}
    var title = document.createElement("strong");
    title.textContent = "{title}";
    var text = document.createElement("pre");
    text.setAttribute("style", "{pre_style}");
    text.textContent = event.data;
    var hint = document.createElement("p");
    hint.textContent = "{hint}";
    overlay.replaceChildren(title, text, hint);
  }});
}})();
</script>"#,
        id = overlay::ID,
        style = overlay::STYLE,
        pre_style = overlay::PRE_STYLE,
        title = overlay::TITLE,
        hint = overlay::HINT,
    )
}

/// `html` with `extra` inserted before the last `</body>` (or appended if there is none).
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let at = rfind_ascii_case_insensitive(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// `html` with `extra` inserted right after the opening `<body …>` tag (or first, if none).
pub fn inject_after_body(html: &[u8], extra: &str) -> Vec<u8> {
    let at = find_ascii_case_insensitive(html, b"<body")
        .and_then(|start| {
            html[start..]
                .iter()
                .position(|&b| b == b'>')
                .map(|end| start + end + 1)
        })
        .unwrap_or(0);
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_closing_body_tag() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", "<script></script>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body><p>x</p><script></script></BODY></html>"
        );
        let out = inject(b"<p>no body</p>", "<i></i>");
        assert_eq!(String::from_utf8(out).unwrap(), "<p>no body</p><i></i>");
    }

    #[test]
    fn injects_after_the_opening_body_tag() {
        let out = inject_after_body(b"<html><BODY class=\"x\"><p>x</p></body>", "<b></b>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><BODY class=\"x\"><b></b><p>x</p></body>"
        );
        assert_eq!(
            inject_after_body(b"<p>x</p>", "<b></b>"),
            b"<b></b><p>x</p>"
        );
    }

    #[test]
    fn the_script_listens_on_the_events_path() {
        let script = script();
        assert!(script.contains(EVENTS_PATH));
        assert!(script.contains("build-error"));
    }
}
