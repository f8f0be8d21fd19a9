//! dossier's diagnostics as the protocol's: one list per file, each with the exact range of
//! its span, the help line, and the second place of a diagnostic as related information.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, Url,
};

use crate::diagnostics::{self, Diagnostic, Severity};

use super::text;

/// The diagnostics of every file that has some, by absolute path. Diagnostics of no file
/// (or of a generated page) are shown on site.toml, where the site begins.
pub fn by_file(root: &Path, found: &[Diagnostic]) -> BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> {
    let mut out: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
    for diagnostic in found {
        let path = match &diagnostic.location {
            Some(location) if !location.path.starts_with("<output>") => root.join(&location.path),
            _ => root.join("site.toml"),
        };
        out.entry(path).or_default().push(convert(root, diagnostic));
    }
    out
}

/// One diagnostic. Its `message` is dossier's message, then its help on a line of its own
/// (`help: did you mean …`) as rustc prints it; the help alone is in `data.help`, for quick
/// fixes.
pub fn convert(root: &Path, diagnostic: &Diagnostic) -> lsp_types::Diagnostic {
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related = diagnostic.also.as_ref().and_then(|(location, label)| {
        Some(vec![DiagnosticRelatedInformation {
            location: Location {
                uri: Url::from_file_path(root.join(&location.path)).ok()?,
                range: range(location),
            },
            message: label.clone(),
        }])
    });
    lsp_types::Diagnostic {
        range: diagnostic
            .location
            .as_ref()
            .map_or_else(Range::default, range),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: None::<NumberOrString>,
        code_description: None,
        source: Some("dossier".into()),
        message,
        related_information: related,
        tags: None,
        data: Some(serde_json::json!({
            "help": diagnostic.help,
            "label": diagnostic.label,
        })),
    }
}

/// The range of a location's span, or the start of its file.
fn range(location: &diagnostics::Location) -> Range {
    match (&location.source, &location.span) {
        (Some(source), Some(span)) => {
            let span = diagnostics::clamp_span(source, span.clone());
            text::range(source, span)
        }
        _ => Range::default(),
    }
}
