//! The error overlay: a broken edit's diagnostics shown over the last good page. The server
//! puts it into HTML responses while the last rebuild failed (so a fresh page load shows it);
//! the injected script draws the same element when a `build-error` event arrives.

/// The overlay element's id (tests look for it).
pub const ID: &str = "dossier-error-overlay";
pub const STYLE: &str = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;background:rgba(24,8,8,.94);color:#fde8e8;font:15px/1.5 system-ui,sans-serif";
pub const PRE_STYLE: &str =
    "white-space:pre-wrap;font:13px/1.45 ui-monospace,monospace;color:#fff;margin:1rem 0";
pub const TITLE: &str =
    "dossier: the last edit does not build. The page below is the last good version.";
pub const HINT: &str = "Fix the file and save: this page reloads by itself.";

/// The overlay as HTML, for injection into a served page.
pub fn html(diagnostics: &str) -> String {
    format!(
        "<div id=\"{ID}\" role=\"alert\" style=\"{STYLE}\"><strong>{}</strong><pre style=\"{PRE_STYLE}\">{}</pre><p>{}</p></div>",
        escape(TITLE),
        escape(diagnostics),
        escape(HINT)
    )
}

/// Escapes text for an HTML element body, with Tera's escaper (the one templates use).
fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_diagnostics() {
        let out = html("error: `<script>` & \"quotes\"");
        assert!(out.contains("`&lt;script&gt;` &amp; &quot;quotes&quot;"));
        assert!(!out.contains("<script>"));
        assert!(out.contains(ID));
    }
}
