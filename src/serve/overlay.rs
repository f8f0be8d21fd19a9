//! The error overlay: a broken edit's diagnostics shown over the last good page. The server
//! puts it into HTML responses while the last rebuild failed (so a fresh page load shows it);
//! the injected script draws the same element when a `build-error` event arrives.

/// The overlay element's id (tests look for it).
pub const ID: &str = "dossier-error-overlay";
/// A panel across the top of the page, opaque (a see-through one let the page's header show
/// through its text), as high as its text and at most 85% of the window, the page below it.
pub const STYLE: &str = "position:fixed;inset:0 0 auto;max-height:85vh;z-index:2147483647;overflow:auto;padding:1.5rem 2rem;background:#180808;border-bottom:3px solid #e5484d;box-shadow:0 .5rem 2rem #000a;color:#fde8e8;font:15px/1.5 system-ui,sans-serif";
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

    /// The page's header would show through a see-through overlay, its text over the
    /// diagnostics': the overlay is opaque, a panel at the top, the page below it.
    #[test]
    fn the_overlay_is_an_opaque_panel_at_the_top() {
        let background = STYLE
            .split(';')
            .find_map(|rule| rule.strip_prefix("background:"))
            .expect("a background");
        assert!(
            background.starts_with('#') && background.len() == 7,
            "an opaque colour: {background}"
        );
        assert!(STYLE.contains("inset:0 0 auto") && STYLE.contains("max-height:"));
    }
}
