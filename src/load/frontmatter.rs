//! Splitting a content file into TOML front matter and Markdown body, and turning TOML
//! errors into diagnostics that point into the file (not into the front matter alone).

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Location, did_you_mean};

/// A content file's text, split. Offsets are byte offsets into `text`.
#[derive(Debug, Clone)]
pub struct SplitFile<'a> {
    pub front: &'a str,
    pub front_offset: usize,
    pub body_offset: usize,
}

/// Finds the `+++` fenced front matter at the top of `text` (after an optional BOM).
pub fn split<'a>(
    text: &'a str,
    path: &Path,
    source: &Arc<str>,
) -> Result<SplitFile<'a>, Diagnostic> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let location = |span: Range<usize>| Location {
        path: path.to_path_buf(),
        source: Some(source.clone()),
        span: Some(span),
    };
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let first_line = text[start..first_line_end].trim_end();
    if text[start..].trim().is_empty() {
        return Err(Diagnostic::error("empty file: expected TOML front matter between `+++` lines")
            .at(location(start..start))
            .help("start the file with a `+++` line, the front matter (e.g. `title = \"…\"`), and a closing `+++` line"));
    }
    if first_line == "---" {
        return Err(Diagnostic::error(
            "YAML front matter (`---`) is not supported: dossier expects TOML between `+++` lines",
        )
        .at(location(start..first_line_end))
        .label("YAML fence")
        .help(
            "replace both `---` lines with `+++` and write the fields as TOML (`title = \"…\"`)",
        ));
    }
    if first_line != "+++" {
        return Err(Diagnostic::error("missing front matter: the file must start with a `+++` line")
            .at(location(start..first_line_end))
            .label("expected `+++` here")
            .help("add TOML front matter at the top, between two `+++` lines; `dossier new` writes a valid skeleton"));
    }
    let front_offset = (first_line_end + 1).min(text.len());
    let mut line_start = front_offset;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == "+++" {
            let body_offset = (line_end + 1).min(text.len());
            return Ok(SplitFile {
                front: &text[front_offset..line_start],
                front_offset,
                body_offset,
            });
        }
        line_start = line_end + 1;
    }
    Err(
        Diagnostic::error("unclosed front matter: no closing `+++` line")
            .at(location(start..first_line_end))
            .label("front matter opened here")
            .help("add a line containing only `+++` after the last front matter field"),
    )
}

/// Parses TOML into `T`; errors point into the whole file at `offset + span`.
pub fn parse_toml<T: DeserializeOwned>(
    toml_text: &str,
    offset: usize,
    path: &Path,
    source: &Arc<str>,
) -> Result<T, Diagnostic> {
    toml::from_str(toml_text).map_err(|err| toml_diagnostic(&err, offset, path, source))
}

fn toml_diagnostic(
    err: &toml::de::Error,
    offset: usize,
    path: &Path,
    source: &Arc<str>,
) -> Diagnostic {
    let message = err.message().trim().to_string();
    let span = err
        .span()
        .map_or(offset..offset, |s| (s.start + offset)..(s.end + offset));
    let key = key_at(source, span.start);
    let (message, help) = explain_toml_message(&message, key.as_deref());
    Diagnostic::error(message)
        .at(Location {
            path: path.to_path_buf(),
            source: Some(source.clone()),
            span: Some(span),
        })
        .help_opt(help)
}

/// The key of the `key = value` line where the byte `at` of `source` is, if it is one.
fn key_at(source: &str, at: usize) -> Option<String> {
    let at = at.min(source.len());
    let start = source.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let (key, _) = source[start..].split_once('=')?;
    let key = key.trim();
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    is_key.then(|| key.to_string())
}

/// `text` as a TOML date that means the same day: itself when it is one
/// (`2025-04-12`, `2025-04-12T10:00:00Z`), else the day of a common written form
/// (`12 April 2025`, `April 12, 2025`, `2025/04/12`, `12.04.2025`).
fn as_toml_date(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(datetime) = text.parse::<toml::value::Datetime>()
        && datetime.date.is_some()
    {
        return Some(text.to_string());
    }
    const FORMATS: [&str; 8] = [
        "%d %B %Y",
        "%d %b %Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%Y/%m/%d",
        "%d.%m.%Y",
    ];
    FORMATS
        .iter()
        .find_map(|format| chrono::NaiveDate::parse_from_str(text, format).ok())
        .map(|day| day.format("%Y-%m-%d").to_string())
}

/// The help for a date written in quotes (`date = "12 April 2025"`): the line that works.
fn quoted_date_help(text: &str, key: Option<&str>) -> String {
    let key = key.unwrap_or("date");
    let partial = text.len() <= 7 && text.chars().all(|c| c.is_ascii_digit() || c == '-');
    match as_toml_date(text) {
        Some(day) => format!(
            "write it without quotes, as a TOML date: {key} = {day} (with a time: {key} = 2025-04-12T22:21:00+03:30)"
        ),
        None if partial => format!(
            "`{key}` is a whole day, written without quotes: {key} = 2025-04-12; only an event's date may be partial (\"2015\", \"2015-07\", in quotes, in [[events]])"
        ),
        None => format!(
            "write the day without quotes, as a TOML date: {key} = 2025-04-12 (year-month-day; with a time: {key} = 2025-04-12T22:21:00+03:30)"
        ),
    }
}

/// What dossier calls a field that other generators (Hugo, Jekyll, Zola) name otherwise.
fn other_generators_name(field: &str) -> Option<&'static str> {
    Some(match field.to_ascii_lowercase().as_str() {
        "tags" | "tag" | "categories" | "category" | "keywords" | "taxonomies" => "topics",
        "authors" | "byline" => "author",
        "people" | "persons" | "speaker" => "speakers",
        "url" | "link" | "source_link" | "canonical" => "source_url",
        "publishdate" | "publish_date" | "published" | "pubdate" | "created" => "date",
        "description" | "excerpt" | "abstract" => "summary",
        "quote" => "quotes",
        "event" => "events",
        "lang" => "language",
        "alias" | "redirect_from" => "aliases",
        "params" | "data" | "custom" => "extra",
        "draftstatus" | "drafts" => "draft",
        _ => return None,
    })
}

/// Rewrites serde's messages into an editor's terms and adds a did-you-mean.
fn explain_toml_message(message: &str, key: Option<&str>) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, name)| name)
            .collect();
        let habit = other_generators_name(field).filter(|ours| known.contains(ours));
        let help = match (habit, did_you_mean(field, known.iter().copied())) {
            (Some(ours), _) => {
                format!("did you mean `{ours}`? (dossier calls `{field}` `{ours}`)")
            }
            (None, Some(best)) => format!("did you mean `{best}`?"),
            (None, None) if !known.is_empty() => format!(
                "accepted fields: {}; put free-form values under [extra]",
                known.join(", ")
            ),
            (None, None) => "put free-form values under [extra]".to_string(),
        };
        return (format!("unknown field `{field}`"), Some(help));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("missing required field `{field}`"),
            Some(format!("add `{field} = …` to the front matter")),
        );
    }
    // `date = "2025-03-12"`: Hugo's and Jekyll's habit of quoting dates.
    if let Some(rest) = message.strip_prefix("invalid type: string \"")
        && let Some((text, expected)) = rest.rsplit_once('"')
        && expected.contains("datetime")
    {
        return (
            format!("a date in quotes: \"{text}\" is text, not a date"),
            Some(quoted_date_help(text, key)),
        );
    }
    if message.starts_with("invalid type") {
        return (
            message.to_string(),
            Some("check the value's type: lists are written `[\"a\", \"b\"]`, dates bare (2025-03-12), text in quotes".into()),
        );
    }
    if message.starts_with("unknown variant") {
        return (message.to_string(), None);
    }
    if message.starts_with("invalid date") || message.contains("datetime") {
        return (
            message.to_string(),
            Some("write a real calendar date as YYYY-MM-DD, optionally with a time: 2025-03-12T22:21:00+03:30".into()),
        );
    }
    (
        message.to_string(),
        Some("check the TOML syntax: text in double quotes, lists in [ ], one `key = value` per line".into()),
    )
}

#[cfg(test)]
mod quoted_date_tests {
    use super::*;

    #[test]
    fn a_quoted_date_gets_the_line_that_works() {
        let help = |text, key| quoted_date_help(text, key);
        assert!(
            help("April 12, 2025", Some("said"))
                .starts_with("write it without quotes, as a TOML date: said = 2025-04-12 ")
        );
        assert!(help("2025/04/12", Some("date")).contains("date = 2025-04-12 "));
        assert!(help("2015-07", Some("date")).contains("only an event's date may be partial"));
        assert!(
            help("sometime", Some("accessed")).contains("accessed = 2025-04-12 (year-month-day")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> &'static Path {
        Path::new("content/articles/x.md")
    }

    fn split_text(text: &str) -> Result<SplitFile<'_>, Diagnostic> {
        split(text, path(), &Arc::from(text))
    }

    /// The message and `line:col` of a diagnostic.
    fn where_and_what(diagnostic: &Diagnostic) -> (String, (usize, usize)) {
        (
            diagnostic.message.clone(),
            diagnostic.line_col().expect("a located diagnostic"),
        )
    }

    #[test]
    fn splits_front_matter_and_body_at_the_fences() {
        let text = "+++\ntitle = \"A\"\n+++\nBody +++ text\n+++ not a fence\n";
        let split = split_text(text).unwrap();
        assert_eq!(split.front, "title = \"A\"\n");
        assert_eq!(
            &text[split.front_offset..],
            "title = \"A\"\n+++\nBody +++ text\n+++ not a fence\n"
        );
        assert_eq!(
            &text[split.body_offset..],
            "Body +++ text\n+++ not a fence\n"
        );
    }

    #[test]
    fn a_closing_fence_at_the_end_of_the_file_leaves_an_empty_body() {
        let text = "+++\ntitle = \"A\"\n+++";
        let split = split_text(text).unwrap();
        assert_eq!(split.front, "title = \"A\"\n");
        assert_eq!(split.body_offset, text.len());
    }

    #[test]
    fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
        let text = "\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n";
        let split = split_text(text).unwrap();
        // The BOM is three bytes; the fence line ends after its `\r\n`.
        assert_eq!(split.front_offset, 3 + "+++\r\n".len());
        assert_eq!(split.front, "title = \"A\"\r\n");
        assert_eq!(&text[split.body_offset..], "Body\r\n");
        // Fences with trailing spaces count too.
        let spaced = "+++  \ntitle = \"A\"\n+++ \t\nBody";
        assert_eq!(&spaced[split_text(spaced).unwrap().body_offset..], "Body");
    }

    #[test]
    fn missing_yaml_empty_and_unclosed_front_matter_are_located_errors() {
        for (text, message, at) in [
            ("", "empty file", (1, 1)),
            ("\u{feff} \n\t\n", "empty file", (1, 2)),
            ("---\ntitle: A\n---\n", "YAML front matter", (1, 1)),
            ("title = \"A\"\n", "missing front matter", (1, 1)),
            (
                "\n+++\ntitle = \"A\"\n+++\n",
                "missing front matter",
                (1, 1),
            ),
            ("+++\ntitle = \"A\"\n", "unclosed front matter", (1, 1)),
            (
                "\u{feff}+++\ntitle = \"A\"\n++\n",
                "unclosed front matter",
                (1, 2),
            ),
        ] {
            let error = split_text(text).expect_err(text);
            let (found, position) = where_and_what(&error);
            assert!(found.starts_with(message), "{text:?}: {found}");
            assert_eq!(position, at, "{text:?}: {found}");
            assert!(error.is_error());
            assert!(
                error.help.is_some(),
                "{text:?}: every error says how to fix it"
            );
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        summary: Option<String>,
        topics: Option<Vec<String>>,
    }

    fn parse(text: &str) -> Result<Front, Diagnostic> {
        let split = split_text(text)?;
        parse_toml(split.front, split.front_offset, path(), &Arc::from(text))
    }

    #[test]
    fn toml_errors_point_into_the_whole_file() {
        // Line 3 of the file is line 2 of the front matter.
        let error = parse("+++\ntitle = \"A\"\nsumary = \"B\"\n+++\n").unwrap_err();
        assert_eq!(
            where_and_what(&error),
            ("unknown field `sumary`".into(), (3, 1))
        );
        assert_eq!(error.help.as_deref(), Some("did you mean `summary`?"));
        // Past a BOM and CRLF endings, the column is still counted in characters.
        let error = parse("\u{feff}+++\r\ntitle = \"A\"\r\ntopics = \"x\"\r\n+++\r\n").unwrap_err();
        let (message, position) = where_and_what(&error);
        assert!(message.starts_with("invalid type"), "{message}");
        assert_eq!(position, (3, 10));
    }

    #[test]
    fn an_unknown_key_far_from_any_field_lists_the_accepted_ones() {
        let error = parse("+++\ntitle = \"A\"\nwobble = 1\n+++\n").unwrap_err();
        assert_eq!(error.message, "unknown field `wobble`");
        let help = error.help.unwrap();
        assert!(
            help.starts_with("accepted fields: title, summary, topics"),
            "{help}"
        );
        assert!(help.contains("[extra]"), "{help}");
    }

    #[test]
    fn a_missing_field_and_a_syntax_error_say_how_to_fix_them() {
        let error = parse("+++\nsummary = \"B\"\n+++\n").unwrap_err();
        assert_eq!(error.message, "missing required field `title`");
        assert_eq!(
            error.help.as_deref(),
            Some("add `title = …` to the front matter")
        );
        let error = parse("+++\ntitle = \"A\n+++\n").unwrap_err();
        assert_eq!(error.line_col().unwrap().0, 2);
        assert!(error.help.unwrap().contains("check the TOML syntax"));
    }
}
