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
    pub body: &'a str,
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
                body: &text[body_offset..],
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
    let (message, help) = explain_toml_message(&message);
    Diagnostic::error(message)
        .at(Location {
            path: path.to_path_buf(),
            source: Some(source.clone()),
            span: Some(span),
        })
        .help_opt(help)
}

/// Rewrites serde's messages into an editor's terms and adds a did-you-mean.
fn explain_toml_message(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, name)| name)
            .collect();
        let help = match did_you_mean(field, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if !known.is_empty() => format!(
                "accepted fields: {}; put free-form values under [extra]",
                known.join(", ")
            ),
            None => "put free-form values under [extra]".to_string(),
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
