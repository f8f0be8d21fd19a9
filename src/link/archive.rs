//! Archived copies of sources (`archive_url`, and `archived`: the day the copy was made),
//! for an article and for a quote with a source of its own: a source that rots keeps a
//! readable copy, as fact-checkers and Wikipedia keep one for every citation.

use chrono::NaiveDate;
use toml::Spanned;
use toml::value::Datetime;

use crate::dates::ContentDate;
use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;

/// `archived`: a date, and only beside an `archive_url`.
pub(super) fn archived(
    archived: Option<&Spanned<Datetime>>,
    archive_url: Option<&Spanned<String>>,
    file: &SourceFile,
    errors: &mut Vec<Diagnostic>,
) -> Option<NaiveDate> {
    let archived = archived?;
    let at = file.front_location(archived.span());
    if archive_url.is_none() {
        errors.push(
            Diagnostic::error("`archived` without an `archive_url`")
                .at(at)
                .help("add the archived copy's address beside it: archive_url = \"https://web.archive.org/…\""),
        );
        return None;
    }
    match ContentDate::from_toml(archived.get_ref()) {
        Ok(date) => Some(date.date),
        Err(message) => {
            errors.push(
                Diagnostic::error(format!("invalid `archived`: {message}"))
                    .at(at)
                    .help("write the day the copy was made as YYYY-MM-DD: archived = 2025-03-14"),
            );
            None
        }
    }
}
