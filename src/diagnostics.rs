//! Diagnostics: every problem found in a run, collected as values and printed together,
//! rustc-style (`path:line:col`, the offending line underlined, a help line).

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a diagnostic points: a file, and optionally a byte range of its text.
#[derive(Debug, Clone)]
pub struct Location {
    /// Path as shown to the user (relative to the site root where possible).
    pub path: PathBuf,
    /// The whole file text, needed to show the offending line.
    pub source: Option<Arc<str>>,
    /// Byte range of the offending text inside `source`.
    pub span: Option<Range<usize>>,
}

impl Location {
    /// `path:line:col` (or just `path` without a span).
    pub fn position(&self) -> String {
        match (&self.source, &self.span) {
            (Some(source), Some(span)) => {
                let (line, col) = line_col(source, span.start);
                format!("{}:{line}:{col}", self.path.display())
            }
            _ => self.path.display().to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// Label under the underlined span.
    pub label: Option<String>,
    /// How to fix it: did-you-mean, accepted values, a command.
    pub help: Option<String>,
    /// A second place involved (e.g. the other half of a duplicate id).
    pub also: Option<(Location, String)>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            label: None,
            help: None,
            also: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn in_file(self, path: impl Into<PathBuf>) -> Self {
        self.at(Location {
            path: path.into(),
            source: None,
            span: None,
        })
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn also(mut self, location: Location, label: impl Into<String>) -> Self {
        self.also = Some((location, label.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// 1-based line and column of the start of the span, if any.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let loc = self.location.as_ref()?;
        Some(line_col(loc.source.as_deref()?, loc.span.as_ref()?.start))
    }

    /// `path:line:col` (or just `path`), the way editors and terminals jump to a place.
    pub fn position(&self) -> String {
        self.location
            .as_ref()
            .map_or_else(String::new, Location::position)
    }

    /// Sort key: errors and warnings mixed, by file then position.
    fn sort_key(&self) -> (PathBuf, usize, Severity, String) {
        let (path, start) = match &self.location {
            Some(loc) => (
                loc.path.clone(),
                loc.span.as_ref().map_or(0, |span| span.start),
            ),
            None => (PathBuf::new(), 0),
        };
        (path, start, self.severity, self.message.clone())
    }

    /// Renders this diagnostic the way rustc does. `styled` adds terminal colours.
    pub fn render(&self, styled: bool) -> String {
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut elements = Vec::new();
        if let Some(loc) = &self.location {
            elements.push(snippet(loc, self.label.as_deref(), AnnotationKind::Primary));
        }
        if let Some((loc, label)) = &self.also {
            elements.push(snippet(loc, Some(label), AnnotationKind::Context));
        }
        let located = !elements.is_empty();
        let group = level
            .primary_title(self.message.as_str())
            .elements(elements);
        let help = self
            .help
            .as_ref()
            .map(|help| Group::with_title(Level::HELP.secondary_title(help.as_str())));
        match help {
            Some(help) if located => renderer.render(&[group, help]),
            // Rendered together, an empty ` |` line would stand where the snippet goes.
            Some(help) => format!(
                "{}\n{}",
                renderer.render(&[group]),
                renderer.render(&[help])
            ),
            None => renderer.render(&[group]),
        }
    }
}

fn snippet<'a>(
    loc: &'a Location,
    label: Option<&'a str>,
    kind: AnnotationKind,
) -> annotate_snippets::Element<'a> {
    let path = loc.path.to_str().unwrap_or("<non-UTF-8 path>");
    match (&loc.source, &loc.span) {
        (Some(source), Some(span)) => {
            let span = clamp_span(source, span.clone());
            let mut annotation = kind.span(span);
            if let Some(label) = label {
                annotation = annotation.label(label);
            }
            Snippet::source(&**source)
                .path(path)
                .annotation(annotation)
                .into()
        }
        _ => annotate_snippets::Origin::path(path).into(),
    }
}

/// Keeps a span inside the text and on character boundaries, so rendering never panics.
pub fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(source.len());
    let mut end = span.end.clamp(start, source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = clamp_span(source, offset..offset).start;
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// All diagnostics of a run. A run fails when it holds any error.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file and position so the report reads top to bottom.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by_cached_key(Diagnostic::sort_key);
        self
    }

    /// The whole report, with a final count line.
    pub fn render(&self, styled: bool) -> String {
        let mut out = self.render_list(styled);
        let (errors, warnings) = (self.error_count(), self.warning_count());
        if errors + warnings > 0 {
            out.push_str(&format!(
                "{}, {}\n",
                count(errors, "error"),
                count(warnings, "warning")
            ));
        }
        out
    }

    /// Every diagnostic, a blank line after each, without the count line (for a command
    /// that succeeded and says the counts in its own summary line).
    pub fn render_list(&self, styled: bool) -> String {
        let mut out = String::new();
        for diagnostic in &self.items {
            out.push_str(&diagnostic.render(styled));
            out.push_str("\n\n");
        }
        out
    }
}

/// `1 warning`, `2 warnings`, `0 errors`.
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
        }
    }
}

/// The closest candidate to a misspelt name, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(wrong, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// A help line for an unknown name: did-you-mean, else the list of known names (if short).
pub fn unknown_name_help<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    create_hint: Option<String>,
) -> Option<String> {
    if let Some(best) = did_you_mean(wrong, candidates.clone()) {
        return Some(format!("did you mean `{best}`?"));
    }
    let known: Vec<&str> = candidates.into_iter().collect();
    match create_hint {
        Some(hint) => Some(hint),
        None if known.is_empty() => None,
        None if known.len() <= 12 => Some(format!("known: {}", known.join(", "))),
        None => None,
    }
}

/// Shows a path relative to `root` when it is under it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "+++\ntitle = \"Fake\"\nspeakers = [\"bo-sampel\"]\n+++\n";

    fn at(path: &str, source: &str, span: Range<usize>) -> Location {
        Location {
            path: PathBuf::from(path),
            source: Some(Arc::from(source)),
            span: Some(span),
        }
    }

    fn typo() -> Diagnostic {
        let start = FILE.find("\"bo-sampel\"").unwrap();
        Diagnostic::error("unknown speaker `bo-sampel`")
            .at(at("content/articles/a.md", FILE, start..start + 11))
            .label("no such speaker")
            .help("did you mean `bo-sample`?")
    }

    #[test]
    fn a_diagnostic_renders_rustc_style() {
        assert_eq!(
            typo().render(false),
            "\
error: unknown speaker `bo-sampel`
 --> content/articles/a.md:3:13
  |
3 | speakers = [\"bo-sampel\"]
  |             ^^^^^^^^^^^ no such speaker
  |
help: did you mean `bo-sample`?"
        );
        // Display is the plain rendering; the styled one adds colours around the same text.
        assert_eq!(typo().to_string(), typo().render(false));
        assert!(typo().render(true).contains("\u{1b}["));
    }

    #[test]
    fn a_duplicate_shows_both_places_and_a_file_without_text_shows_its_path() {
        let second = FILE.find("title").unwrap();
        let rendered = Diagnostic::error("two articles have the slug `fake`")
            .at(at("content/articles/b.md", FILE, second..second + 5))
            .also(
                at("content/articles/a.md", FILE, second..second + 5),
                "first article with this slug",
            )
            .render(false);
        assert!(
            rendered.contains(" --> content/articles/b.md:2:1"),
            "{rendered}"
        );
        assert!(rendered.contains("content/articles/a.md:2:1"), "{rendered}");
        assert!(
            rendered.contains("first article with this slug"),
            "{rendered}"
        );
        let rendered = Diagnostic::warning("topic `unused` is never referenced")
            .in_file("content/topics/unused.md")
            .render(false);
        assert!(
            rendered.starts_with("warning: topic `unused` is never referenced"),
            "{rendered}"
        );
        assert!(rendered.contains("content/topics/unused.md"), "{rendered}");
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_render_without_panicking() {
        let text = "+++\ntitle = \"Ünïcödé\"\n+++\n";
        let inside_u = text.find('Ü').unwrap() + 1;
        // (A reversed span, too: end before start.)
        for span in [
            inside_u..inside_u + 1,
            500..600,
            Range { start: 10, end: 5 },
        ] {
            let rendered = Diagnostic::error("x")
                .at(at("a.md", text, span.clone()))
                .render(false);
            assert!(rendered.starts_with("error: x"), "{span:?}: {rendered}");
        }
    }

    #[test]
    fn line_and_column_count_characters_from_one() {
        let text = "ab\nçé x\n\nlast";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (1, 3));
        assert_eq!(line_col(text, 3), (2, 1));
        // `ç` and `é` are two bytes each: `x` is the fourth character of line 2.
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 4));
        assert_eq!(line_col(text, text.find("last").unwrap()), (4, 1));
        // Inside a character: that character; past the end: the end.
        assert_eq!(line_col(text, 4), (2, 1));
        assert_eq!(line_col(text, 1000), (4, 5));
        assert_eq!(typo().line_col(), Some((3, 13)));
        assert_eq!(Diagnostic::error("x").in_file("a.md").line_col(), None);
    }

    #[test]
    fn diagnostics_sort_by_file_then_position_then_errors_first() {
        let text: Arc<str> = Arc::from("one\ntwo\nthree\n");
        let d = |severity: Severity, path: &str, start: usize, message: &str| Diagnostic {
            severity,
            ..Diagnostic::error(message).at(Location {
                path: path.into(),
                source: Some(text.clone()),
                span: Some(start..start + 1),
            })
        };
        let all = Diagnostics {
            items: vec![
                d(Severity::Warning, "b.md", 0, "w b"),
                d(Severity::Error, "a.md", 8, "e a 8"),
                d(Severity::Warning, "a.md", 4, "w a 4"),
                d(Severity::Error, "a.md", 4, "e a 4 (2)"),
                d(Severity::Error, "a.md", 4, "e a 4 (1)"),
                Diagnostic::error("no file"),
            ],
        };
        let order: Vec<String> = all.sorted().items.into_iter().map(|d| d.message).collect();
        assert_eq!(
            order,
            ["no file", "e a 4 (1)", "e a 4 (2)", "w a 4", "e a 8", "w b"]
        );
    }

    #[test]
    fn the_report_ends_with_the_counts() {
        let mut all = Diagnostics::default();
        assert_eq!(all.render(false), "");
        assert!(!all.has_errors());
        all.push(Diagnostic::warning("w1").in_file("a.md"));
        assert!(!all.has_errors());
        assert!(all.render(false).ends_with("\n\n0 errors, 1 warning\n"));
        all.push(Diagnostic::warning("w2").in_file("a.md"));
        all.extend(Diagnostic::error("e1").in_file("b.md").into());
        assert!(all.has_errors());
        assert_eq!((all.error_count(), all.warning_count()), (1, 2));
        let report = all.render(false);
        assert!(report.ends_with("\n\n1 error, 2 warnings\n"), "{report}");
        // Every diagnostic is in the report, in the order held, a blank line after each.
        let w1 = report.find("warning: w1").unwrap();
        let w2 = report.find("warning: w2").unwrap();
        let e1 = report.find("error: e1").unwrap();
        assert!(w1 < w2 && w2 < e1, "{report}");
    }

    #[test]
    fn did_you_mean_suggests_only_close_names() {
        let names = ["ada-example", "bo-sample", "negotiations"];
        assert_eq!(did_you_mean("bo-sampel", names), Some("bo-sample"));
        assert_eq!(did_you_mean("negotiation", names), Some("negotiations"));
        assert_eq!(did_you_mean("zzz", names), None);
        assert_eq!(
            unknown_name_help("bo-sampel", names, None).as_deref(),
            Some("did you mean `bo-sample`?")
        );
        assert_eq!(
            unknown_name_help("zzz", names, None).as_deref(),
            Some("known: ada-example, bo-sample, negotiations")
        );
        assert_eq!(
            unknown_name_help("zzz", names, Some("create it".into())).as_deref(),
            Some("create it")
        );
        let many: Vec<String> = (0..13).map(|i| format!("name-{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(unknown_name_help("zzz", many.iter().copied(), None), None);
        assert_eq!(unknown_name_help("zzz", [], None), None);
    }
}
