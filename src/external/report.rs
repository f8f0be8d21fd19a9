//! The warnings of an external link check, one at each place a bad URL is written, with
//! the archived copy suggested where there is one.

use super::collect::{Kind, Occurrence};
use super::probe::LinkStatus;
use crate::diagnostics::Diagnostic;

/// The warning for `occurrence` answering `status`, if it is one.
pub fn warning(occurrence: &Occurrence, status: &LinkStatus) -> Option<Diagnostic> {
    let url = &occurrence.url;
    let (message, help) = match status {
        LinkStatus::Ok | LinkStatus::Refused { .. } => return None,
        LinkStatus::Moved { status, to } => (
            format!("`{url}` has moved permanently ({status}) to `{to}`"),
            format!("write the new address instead: {to}"),
        ),
        LinkStatus::Dead { reason } => (format!("dead link `{url}`: {reason}"), dead_help(occurrence)),
        LinkStatus::Failing { reason } => (
            format!("`{url}` answers with a server error: {reason}"),
            "the site may be down for a while: check again later (`--max-age 0` checks every link again)".into(),
        ),
    };
    Some(
        Diagnostic::warning(message)
            .at(occurrence.location.clone())
            .help(help),
    )
}

fn dead_help(occurrence: &Occurrence) -> String {
    let url = &occurrence.url;
    match (occurrence.kind, &occurrence.archived) {
        (Kind::Source, Some(copy)) => format!(
            "its archived copy is {copy}: readers can still read the source there; if the page moved, write its new address"
        ),
        (Kind::Source, None) => "if the page moved, write its new address; else add an archived copy (archive_url = \"…\") so readers can still read it: `dossier archive` finds one in the Wayback Machine".into(),
        (Kind::Archive, _) => "the archived copy is gone: remove this archive_url and run `dossier archive` to find another".into(),
        (Kind::Image, _) => "put the image under static/ and name it by its path, or give its new address".into(),
        (Kind::BodyLink, _) => format!(
            "if the page moved, link its new address; else link an archived copy (https://web.archive.org/web/*/{url} lists the Wayback Machine's)"
        ),
    }
}
