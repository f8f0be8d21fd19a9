//! The default theme, embedded in the binary, and the site's overrides. A site template
//! with the same name as a theme template replaces it; other site templates are added.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use tera::{ErrorKind, Kwargs, State, StringInput, Tera, TeraResult, Value};

use super::fold::{Folded, fold};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::SiteFile;
use crate::strings::Strings;

/// Every template of the default theme (`templates/`), by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../theme/templates/base.html")),
    (
        "index.html",
        include_str!("../../theme/templates/index.html"),
    ),
    (
        "articles.html",
        include_str!("../../theme/templates/articles.html"),
    ),
    (
        "article.html",
        include_str!("../../theme/templates/article.html"),
    ),
    (
        "topics.html",
        include_str!("../../theme/templates/topics.html"),
    ),
    (
        "topic.html",
        include_str!("../../theme/templates/topic.html"),
    ),
    (
        "speakers.html",
        include_str!("../../theme/templates/speakers.html"),
    ),
    (
        "speaker.html",
        include_str!("../../theme/templates/speaker.html"),
    ),
    (
        "quotes.html",
        include_str!("../../theme/templates/quotes.html"),
    ),
    (
        "quote.html",
        include_str!("../../theme/templates/quote.html"),
    ),
    (
        "chronology.html",
        include_str!("../../theme/templates/chronology.html"),
    ),
    (
        "chronology_year.html",
        include_str!("../../theme/templates/chronology_year.html"),
    ),
    (
        "topic_chronology.html",
        include_str!("../../theme/templates/topic_chronology.html"),
    ),
    ("404.html", include_str!("../../theme/templates/404.html")),
    (
        "search.html",
        include_str!("../../theme/templates/search.html"),
    ),
    (
        "corrections.html",
        include_str!("../../theme/templates/corrections.html"),
    ),
    (
        "partials/correction.html",
        include_str!("../../theme/templates/partials/correction.html"),
    ),
    (
        "partials/quote.html",
        include_str!("../../theme/templates/partials/quote.html"),
    ),
    (
        "partials/article.html",
        include_str!("../../theme/templates/partials/article.html"),
    ),
    (
        "partials/chronology.html",
        include_str!("../../theme/templates/partials/chronology.html"),
    ),
    (
        "partials/chronology_summary.html",
        include_str!("../../theme/templates/partials/chronology_summary.html"),
    ),
    (
        "partials/timeline_entry.html",
        include_str!("../../theme/templates/partials/timeline_entry.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../theme/templates/partials/pagination.html"),
    ),
];

/// Every file of the default theme's `static/`, by path.
pub const STATIC_FILES: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../theme/static/style.css")),
    ("search.js", include_bytes!("../../theme/static/search.js")),
    (
        "favicon.svg",
        include_bytes!("../../theme/static/favicon.svg"),
    ),
    (
        "favicon.ico",
        include_bytes!("../../theme/static/favicon.ico"),
    ),
];

/// The theme's icon files, which a site's own icon (`favicon` in site.toml) replaces.
pub const ICON_FILES: &[&str] = &["favicon.svg", "favicon.ico"];

/// Compiled templates, ready to render from many threads.
pub struct Theme {
    pub tera: Tera,
    /// Each template's path (for messages) and text, after overrides.
    sources: BTreeMap<String, (PathBuf, Arc<str>)>,
    /// Each template as compiled: its constant interface strings folded in.
    folded: BTreeMap<String, Folded>,
}

impl Theme {
    /// Compiles the theme with the site's overrides. Template errors point into the file.
    pub fn compile(
        site_templates: &[SiteFile],
        strings: Arc<Strings>,
    ) -> Result<Theme, Diagnostics> {
        let mut sources: BTreeMap<String, (PathBuf, Arc<str>)> = TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (
                        PathBuf::from(format!("<theme>/templates/{name}")),
                        Arc::from(*text),
                    ),
                )
            })
            .collect();
        let mut diagnostics = Diagnostics::default();
        for file in site_templates {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => {
                    sources.insert(file.name.clone(), (file.path.clone(), Arc::from(text)));
                }
                Err(_) => diagnostics.push(
                    Diagnostic::error("template is not valid UTF-8").in_file(file.path.clone()),
                ),
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        register_filters(&mut tera);
        register_strings(&mut tera, strings.clone());
        // Add one by one first so a syntax error names its own file.
        for (name, (path, text)) in &sources {
            let mut probe = Tera::new();
            register_filters(&mut probe);
            register_strings(&mut probe, strings.clone());
            if let Err(err) = probe.add_raw_template(name, text)
                && matches!(err.kind(), ErrorKind::SyntaxError(_))
            {
                diagnostics.push(template_diagnostic(&err, path, text));
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let plain: HashMap<String, String> = strings
            .plain_strings()
            .map(|(key, html)| (key.to_string(), html))
            .collect();
        let folded: BTreeMap<String, Folded> = sources
            .iter()
            .map(|(name, (_, text))| (name.clone(), fold(text, &plain)))
            .collect();
        let all: Vec<(&str, &str)> = folded
            .iter()
            .map(|(name, folded)| (name.as_str(), folded.text.as_str()))
            .collect();
        if let Err(err) = tera.add_raw_templates(all) {
            let name = error_template(&err).unwrap_or("");
            let (path, text) = sources
                .get(name)
                .map(|(path, text)| (path.clone(), text.clone()))
                .unwrap_or_else(|| (PathBuf::from("templates"), Arc::from("")));
            let unchanged = Folded::unchanged(&text);
            let folded = folded.get(name).unwrap_or(&unchanged);
            return Err(mapped_diagnostic(&err, &path, &text, folded).into());
        }
        Ok(Theme {
            tera,
            sources,
            folded,
        })
    }

    /// A rendering error of template `name` as a diagnostic pointing into that template.
    pub fn diagnostic(&self, err: &tera::Error, name: &str) -> Diagnostic {
        let report_name = error_template(err)
            .filter(|n| self.sources.contains_key(*n))
            .unwrap_or(name);
        match (self.sources.get(report_name), self.folded.get(report_name)) {
            (Some((path, text)), Some(folded)) => mapped_diagnostic(err, path, text, folded),
            _ => template_diagnostic(
                err,
                &PathBuf::from(format!("templates/{name}")),
                &Arc::from(""),
            ),
        }
    }
}

fn error_template(err: &tera::Error) -> Option<&str> {
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            Some(report.filename())
        }
        ErrorKind::MissingParent { current, .. } => Some(current),
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => Some(tpl),
        _ => None,
    }
}

/// A Tera error in a folded template, pointing into the template as written.
fn mapped_diagnostic(
    err: &tera::Error,
    path: &std::path::Path,
    text: &Arc<str>,
    folded: &Folded,
) -> Diagnostic {
    let mut diagnostic = template_diagnostic(err, path, text);
    if let Some(location) = &mut diagnostic.location
        && let Some(span) = location.span.take()
    {
        location.span = Some(folded.original(span));
    }
    diagnostic
}

/// A Tera error as a diagnostic, underlining the template span when Tera gives one.
pub fn template_diagnostic(
    err: &tera::Error,
    path: &std::path::Path,
    text: &Arc<str>,
) -> Diagnostic {
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            Diagnostic::error(format!("template error: {}", report.message()))
                .at(Location {
                    path: path.to_path_buf(),
                    source: Some(text.clone()),
                    span: Some(report.span().range.clone()),
                })
                .help("fix the template; see the template context reference in README.md")
        }
        other => Diagnostic::error(format!("template error: {other}"))
            .in_file(path.to_path_buf())
            .help("fix the template; see the template context reference in README.md"),
    }
}

/// Our own filters. `date` formats an ISO date or RFC 3339 datetime with chrono.
fn register_filters(tera: &mut Tera) {
    tera.register_filter("date", date_filter);
}

/// `t(key="title.articles")`: the interface string at `key` in the site's language
/// (`theme/i18n/`, and the site's `i18n/`). `count=n` picks the plural form for `n` and fills
/// `{count}`; every other argument fills the placeholder of its name (numbers in the
/// language's digits; text escaped unless it is already HTML, e.g. a `{% set %}` block).
/// An unknown key, or a placeholder without its argument, fails the render naming it.
/// `unfilled=true` leaves the placeholders for a script to fill.
/// `num`: an integer in the language's digits (`2025`, `۲۰۲۵`).
fn register_strings(tera: &mut Tera, strings: Arc<Strings>) {
    let for_t = strings.clone();
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> TeraResult<Value> {
            translate(&for_t, &kwargs, state)
        },
    );
    let for_num = strings.clone();
    tera.register_filter("num", move |value: i64, _: Kwargs, _: &State| -> String {
        for_num.number(value)
    });
    let rtl = strings.rtl();
    tera.register_filter(
        "isolate_urls",
        move |text: StringInput, _: Kwargs, state: &State| -> TeraResult<Value> {
            isolate_urls(text, rtl, state)
        },
    );
}

/// `isolate_urls`: on a right-to-left site, each `http(s)://` URL of a text (a citation) and
/// each run of Latin-script words (a name, an outlet, an English title) is isolated as left
/// to right (`<bdi dir="ltr">`), so the bidirectional algorithm does not move its slashes,
/// the numbers beside it and the full stop after it; elsewhere the text is printed as it is.
fn isolate_urls(text: StringInput, rtl: bool, state: &State) -> TeraResult<Value> {
    if !rtl || text.is_safe() || !state.autoescaping_enabled() {
        return Ok(text.into_value());
    }
    let mut out = String::with_capacity(text.as_str().len() + 32);
    let mut open = false;
    for (i, word) in text.as_str().split(' ').enumerate() {
        let core_start = word.len() - word.trim_start_matches(OPENING).len();
        let (lead, rest) = word.split_at(core_start);
        let core = rest.trim_end_matches(CLOSING);
        let trail = &rest[core.len()..];
        let url = core.starts_with("http://") || core.starts_with("https://");
        let latin = url || is_latin_word(core);
        let continues = open && latin && !url && lead.is_empty();
        if open && !continues {
            out.push_str("</bdi>");
            open = false;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&state.escape(lead)?);
        if latin && !open {
            out.push_str("<bdi dir=\"ltr\">");
            open = true;
        }
        out.push_str(&state.escape(core)?);
        if open && (url || !trail.is_empty()) {
            out.push_str("</bdi>");
            open = false;
        }
        out.push_str(&state.escape(trail)?);
    }
    if open {
        out.push_str("</bdi>");
    }
    Ok(Value::safe_string(&out))
}

/// Punctuation that opens or closes a word of a citation: it stays outside an isolate.
const OPENING: &[char] = &['«', '"', '“', '(', '['];
const CLOSING: &[char] = &['.', ',', ';', ':', '،', '؛', '»', '"', '”', ')', ']'];

/// A word with Latin letters and none of a right-to-left script.
fn is_latin_word(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_alphabetic())
        && crate::strings::starts_right_to_left(word) != Some(true)
}

fn translate(strings: &Strings, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    let key: &str = kwargs.must_get("key")?;
    let Some(message) = strings.message(key) else {
        return Err(tera::Error::message(format!(
            "`t`: no interface string `{key}` (see theme/i18n/en.toml)"
        )));
    };
    let count: Option<i64> = kwargs.get("count")?;
    let category = match count {
        Some(n) => strings.category(n),
        None if message.is_plural() => {
            return Err(tera::Error::message(format!(
                "`t`: `{key}` depends on a count: pass `count=`"
            )));
        }
        None => 5,
    };
    let html = state.autoescaping_enabled();
    let pattern = message.pattern(category);
    let mut out = String::with_capacity(pattern.source().len() + 64);
    if kwargs.get::<bool>("unfilled")? == Some(true) {
        // For a script to fill in (search.js): the `{placeholders}` stay.
        pattern.write(&mut out, html, |_, _| false);
        return Ok(safe_if(html, out));
    }
    let mut failure: Option<tera::Error> = None;
    pattern.write(&mut out, html, |name, out| {
        if name == "count"
            && let Some(n) = count
        {
            strings.write_number(out, n);
            return true;
        }
        match kwargs.get::<&Value>(name) {
            Ok(Some(value)) => match write_arg(strings, value, html, state, out) {
                Ok(()) => true,
                Err(err) => {
                    failure.get_or_insert(err);
                    true
                }
            },
            _ => {
                failure.get_or_insert_with(|| {
                    tera::Error::message(format!("`t`: `{key}` needs `{name}=`"))
                });
                false
            }
        }
    });
    match failure {
        Some(err) => Err(err),
        None => Ok(safe_if(html, out)),
    }
}

/// `out`, marked as HTML when it was escaped for HTML.
fn safe_if(html: bool, out: String) -> Value {
    if html {
        Value::safe_string(&out)
    } else {
        Value::from(out)
    }
}

/// Writes one argument of `t`: an integer in the language's digits, HTML as it is, other
/// text escaped when the template escapes (and isolated in `<bdi>` when it is written in
/// the other direction than the page).
fn write_arg(
    strings: &Strings,
    value: &Value,
    html: bool,
    state: &State,
    out: &mut String,
) -> TeraResult<()> {
    if let Some(n) = value.as_i64() {
        strings.write_number(out, n);
        return Ok(());
    }
    match value.as_str() {
        Some(text) if !html || value.is_safe() => out.push_str(text),
        // A name or title in the other direction (a Latin name in a Persian sentence) is
        // isolated, so the sentence's punctuation and numbers stay where they belong.
        Some(text) if crate::strings::starts_right_to_left(text) == Some(!strings.rtl()) => {
            out.push_str("<bdi>");
            out.push_str(&state.escape(text)?);
            out.push_str("</bdi>");
        }
        Some(text) => out.push_str(&state.escape(text)?),
        None => out.push_str(&state.escape_if_needed(value)?),
    }
    Ok(())
}

fn date_filter(value: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let format: &str = kwargs.get("format")?.unwrap_or("%-d %B %Y");
    use std::fmt::Write;
    let mut out = String::new();
    // chrono reports a bad format string as a fmt::Error; `to_string` would panic on it.
    let written = if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(value) {
        write!(out, "{}", dt.format(format))
    } else if let Ok(date) = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        write!(out, "{}", date.format(format))
    } else {
        return Err(tera::Error::message(format!(
            "`date` filter: `{value}` is not a date (expected YYYY-MM-DD or RFC 3339)"
        )));
    };
    written
        .map_err(|_| tera::Error::message(format!("`date` filter: invalid format `{format}`")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file in theme/templates/ and theme/static/ is embedded, and nothing else.
    #[test]
    fn the_embedded_theme_matches_the_theme_folders() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (dir, embedded) in [
            (
                "theme/templates",
                TEMPLATES.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ),
            (
                "theme/static",
                STATIC_FILES.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ),
        ] {
            let mut on_disk: Vec<String> = walkdir::WalkDir::new(root.join(dir))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    e.path()
                        .strip_prefix(root.join(dir))
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/")
                })
                .collect();
            on_disk.sort();
            let mut embedded: Vec<String> = embedded.into_iter().map(String::from).collect();
            embedded.sort();
            assert_eq!(on_disk, embedded, "{dir}/ and the embedded list differ");
        }
    }

    /// A template error after a folded string points into the template as written.
    #[test]
    fn errors_in_a_folded_template_point_at_the_written_text() {
        let text = "<p>{{ site.i18n.nav.articles }}</p>{{ nothing_here.field }}";
        let file = SiteFile {
            name: "404.html".into(),
            path: PathBuf::from("templates/404.html"),
            bytes: Arc::from(text.as_bytes()),
        };
        let theme = Theme::compile(&[file], Strings::english()).expect("it compiles");
        let err = theme
            .tera
            .render("404.html", &tera::Context::new())
            .expect_err("`nothing_here` is not defined");
        let diagnostic = theme.diagnostic(&err, "404.html");
        let span = diagnostic.location.and_then(|l| l.span).expect("a span");
        assert!(
            text[span.clone()].starts_with("nothing_here"),
            "{:?} in {text:?}",
            &text[span]
        );
    }

    #[test]
    fn the_default_theme_compiles() {
        assert!(Theme::compile(&[], Strings::english()).is_ok());
    }
}
