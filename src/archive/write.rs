//! Writing a snapshot into the front matter of every place that cites its source:
//! `archive_url` right after the `source_url`, `archived` (the snapshot's day) after it,
//! every other byte kept. Each file is read again just before, so what changed since the
//! run started is kept too; a `source_url` that changed meanwhile is left alone.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::plan::Source;
use super::wayback::Snapshot;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::front_edit::{self, EditError, NewKey};

/// What the writes did: the files written (or, on a dry run, that would be), and why
/// others could not be.
#[derive(Debug, Default)]
pub struct Writes {
    pub files: Vec<PathBuf>,
    pub errors: Diagnostics,
}

impl Writes {
    /// Writes `snapshot` at every place of `source` (on a dry run, only checks it can).
    pub fn record(&mut self, root: &Path, source: &Source, snapshot: &Snapshot, dry_run: bool) {
        for place in &source.places {
            let keys = keys(source, place.target, snapshot);
            match edit(&root.join(&place.path), &place.path, &keys, dry_run) {
                Ok(()) => {
                    if !self.files.contains(&place.path) {
                        self.files.push(place.path.clone());
                    }
                }
                Err(problem) => self.errors.push(
                    Diagnostic::error(format!(
                        "cannot write the archived copy of {}: {problem}",
                        source.url
                    ))
                    .at(place.location.clone())
                    .help(format!(
                        "add it by hand after the source_url: archive_url = \"{}\"",
                        snapshot.url
                    )),
                ),
            }
        }
        self.files.sort();
    }
}

/// `archive_url` after the `source_url` (while it still is the source's), and `archived`.
fn keys(source: &Source, target: front_edit::Target, snapshot: &Snapshot) -> Vec<NewKey> {
    let mut keys = vec![
        NewKey::new(target, "archive_url", snapshot.url.as_str())
            .after("source_url")
            .only_if("source_url", &source.url),
    ];
    if let Some(day) = day(&snapshot.timestamp) {
        keys.push(NewKey::new(target, "archived", day).after("archive_url"));
    }
    keys
}

/// `20250312101500` → the TOML date 2025-03-12.
fn day(timestamp: &str) -> Option<toml_edit::Datetime> {
    let date = NaiveDate::parse_from_str(timestamp.get(..8)?, "%Y%m%d").ok()?;
    date.format("%Y-%m-%d").to_string().parse().ok()
}

fn edit(path: &Path, shown: &Path, keys: &[NewKey], dry_run: bool) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    let edited = front_edit::edit_front(&text, shown, |front| front_edit::add_keys(front, keys))
        .map_err(|error| match error {
            EditError::Split(diagnostic) => diagnostic.message,
            EditError::Refused(problem) => problem,
        })?;
    if dry_run {
        return Ok(());
    }
    front_edit::write_atomically(path, &edited).map_err(|e| format!("cannot write it: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_is_the_snapshots() {
        assert_eq!(day("20250312101500").unwrap().to_string(), "2025-03-12");
        assert_eq!(day("2025"), None);
        assert_eq!(day("20251340000000"), None);
    }
}
