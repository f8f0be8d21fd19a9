//! What `dossier archive` did, source by source, and its summary.

use std::fmt::Write;
use std::path::PathBuf;

use super::plan::Source;
use super::wayback::Snapshot;
use crate::diagnostics::{self, Diagnostics};

/// What became of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The Wayback Machine had a snapshot.
    Existing(Snapshot),
    /// Save Page Now made one.
    Captured(Snapshot),
    /// A dry run: there is none, and one would be requested.
    WouldCapture,
    /// Why there is none.
    Failed(String),
}

impl Outcome {
    pub fn snapshot(&self) -> Option<&Snapshot> {
        match self {
            Outcome::Existing(s) | Outcome::Captured(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub struct ArchiveReport {
    pub dry_run: bool,
    pub entries: Vec<(Source, Outcome)>,
    /// Files written (on a dry run: that would be).
    pub written: Vec<PathBuf>,
    /// Files that could not be written.
    pub errors: Diagnostics,
}

impl ArchiveReport {
    /// How many sources had each outcome: (archived, found existing, failed, would capture).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let count = |f: fn(&Outcome) -> bool| self.entries.iter().filter(|(_, o)| f(o)).count();
        (
            count(|o| matches!(o, Outcome::Captured(_))),
            count(|o| matches!(o, Outcome::Existing(_))),
            count(|o| matches!(o, Outcome::Failed(_))),
            count(|o| matches!(o, Outcome::WouldCapture)),
        )
    }

    /// Something failed: a source without copy, or a file not written.
    pub fn failed(&self) -> bool {
        self.counts().2 > 0 || self.errors.has_errors()
    }

    /// One line per source (where it is cited, what became of it), the files written and
    /// the counts.
    pub fn text(&self) -> String {
        if self.entries.is_empty() {
            return "nothing to do: every source_url has an archive_url beside it\n".into();
        }
        let mut out = String::new();
        for (source, outcome) in &self.entries {
            let at = source
                .places
                .first()
                .map(|p| p.location.position())
                .unwrap_or_default();
            let line = match outcome {
                Outcome::Existing(s) => format!("found     {} → {}", source.url, s.url),
                Outcome::Captured(s) => format!("archived  {} → {}", source.url, s.url),
                Outcome::WouldCapture => format!(
                    "no copy   {}: a capture would be requested from Save Page Now",
                    source.url
                ),
                Outcome::Failed(why) => format!("failed    {}: {why}", source.url),
            };
            let _ = writeln!(out, "{line}\n          ({at})");
        }
        if !self.written.is_empty() {
            let verb = if self.dry_run { "would write" } else { "wrote" };
            let _ = writeln!(out, "{verb} archive_url into:");
            for path in &self.written {
                let _ = writeln!(out, "  {}", path.display());
            }
        }
        let (archived, existing, failed, would) = self.counts();
        let mut summary =
            format!("{archived} archived, {existing} found existing, {failed} failed");
        if self.dry_run {
            summary = format!(
                "dry run, nothing written: {existing} found existing, {would} to capture, {failed} failed"
            );
        }
        let sources = diagnostics::count(self.entries.len(), "source");
        let _ = writeln!(out, "archive: {sources} without archive_url: {summary}");
        out
    }
}
