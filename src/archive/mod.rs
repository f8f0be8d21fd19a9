//! `dossier archive`: an archived copy for every source without one. For each `source_url`
//! (an article's, or a quote's own) with no `archive_url` beside it, asks the Wayback
//! Machine for the snapshot closest to the day the source was read and, when there is none
//! and the user's archive.org keys are in the environment, asks Save Page Now for a new
//! capture and waits for it ([`wayback`]). Then writes `archive_url` and `archived` (the
//! snapshot's day) beside the `source_url`, in place: every other byte of the file is kept
//! ([`crate::front_edit`]).
//!
//! A few workers run at once; requests to one host go one at a time, spaced out, and are
//! retried with backoff on 429 and 5xx, honouring `Retry-After` ([`crate::web`]).

pub mod plan;
pub mod report;
pub mod wayback;
mod write;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pipeline::{self, BuildOptions};
use crate::web::{self, hosts::Hosts, retry::Retry};

pub use plan::{Place, Source};
pub use report::{ArchiveReport, Outcome};
pub use wayback::{Keys, Snapshot};

/// The environment variables holding the archive.org keys.
pub const ACCESS_KEY_VAR: &str = "ARCHIVE_ORG_ACCESS_KEY";
pub const SECRET_KEY_VAR: &str = "ARCHIVE_ORG_SECRET_KEY";

#[derive(Debug, Clone)]
pub struct ArchiveOptions {
    pub root: PathBuf,
    /// Look up, but request no capture and write nothing: say what would be done.
    pub dry_run: bool,
    /// The availability API's base (`https://archive.org`).
    pub wayback: String,
    /// Save Page Now's base, where snapshots are too (`https://web.archive.org`).
    pub save: String,
    pub keys: Option<Keys>,
    /// Sources worked on at once.
    pub jobs: usize,
    /// The least time between two requests to one host.
    pub delay: Duration,
    pub timeout: Duration,
    pub poll_every: Duration,
    pub poll_limit: Duration,
    pub retry: Retry,
}

impl ArchiveOptions {
    /// The real services, four workers, a second between requests to one host, Save Page
    /// Now's status asked every 5 seconds (its documentation's advice) for up to 5 minutes.
    pub fn new(root: PathBuf) -> Self {
        ArchiveOptions {
            root,
            dry_run: false,
            wayback: "https://archive.org".into(),
            save: "https://web.archive.org".into(),
            keys: None,
            jobs: 4,
            delay: Duration::from_secs(1),
            timeout: Duration::from_secs(60),
            poll_every: Duration::from_secs(5),
            poll_limit: Duration::from_secs(300),
            retry: Retry::default(),
        }
    }
}

/// The keys from `ARCHIVE_ORG_ACCESS_KEY` and `ARCHIVE_ORG_SECRET_KEY`: none when neither
/// is set, an error when only one is.
pub fn keys_from_env() -> Result<Option<Keys>, Diagnostic> {
    let read = |name| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    match (read(ACCESS_KEY_VAR), read(SECRET_KEY_VAR)) {
        (Some(access), Some(secret)) => Ok(Some(Keys {
            access: access.trim().to_string(),
            secret: secret.trim().to_string(),
        })),
        (None, None) => Ok(None),
        _ => Err(Diagnostic::error(format!(
            "only one of {ACCESS_KEY_VAR} and {SECRET_KEY_VAR} is set"
        ))
        .help("set both (your keys are at https://archive.org/account/s3.php), or neither to only look up existing snapshots")),
    }
}

/// Runs `dossier archive` on the site at `options.root`.
pub fn archive(options: &ArchiveOptions) -> Result<ArchiveReport, Diagnostics> {
    let build = BuildOptions {
        root: options.root.clone(),
        drafts: true,
        ..BuildOptions::default()
    };
    let (sources, diagnostics) = pipeline::load(&build)?;
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let todo = plan::sources(&sources);
    let hosts = Hosts::new(1, options.delay);
    let client = wayback::Client {
        agent: web::agent(options.timeout, true, "dossier archive"),
        hosts: &hosts,
        retry: options.retry,
        timeout: options.timeout,
        wayback: options.wayback.clone(),
        save: options.save.clone(),
        keys: options.keys.clone(),
        poll_every: options.poll_every,
        poll_limit: options.poll_limit,
    };
    let writes = Mutex::new(write::Writes::default());
    let outcomes = web::pool::run(&todo, options.jobs, |source| {
        let outcome = archive_one(&client, source, options.dry_run);
        if let Some(snapshot) = outcome.snapshot() {
            let mut writes = writes.lock().unwrap_or_else(|e| e.into_inner());
            writes.record(&options.root, source, snapshot, options.dry_run);
        }
        outcome
    });
    let writes = writes.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(ArchiveReport {
        dry_run: options.dry_run,
        entries: todo.into_iter().zip(outcomes).collect(),
        written: writes.files,
        errors: writes.errors,
    })
}

/// What became of one source.
fn archive_one(client: &wayback::Client, source: &Source, dry_run: bool) -> Outcome {
    match client.closest(&source.url, &source.timestamp) {
        Err(why) => Outcome::Failed(why),
        Ok(Some(snapshot)) => Outcome::Existing(snapshot),
        Ok(None) if client.keys.is_none() => Outcome::Failed(format!(
            "the Wayback Machine has no snapshot of it, and without archive.org keys none can be requested: set {ACCESS_KEY_VAR} and {SECRET_KEY_VAR} (https://archive.org/account/s3.php)"
        )),
        Ok(None) if dry_run => Outcome::WouldCapture,
        Ok(None) => match client.capture(&source.url) {
            Ok(snapshot) => Outcome::Captured(snapshot),
            Err(why) => Outcome::Failed(why),
        },
    }
}
