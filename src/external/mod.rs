//! `dossier check --external`: every external URL of the site, asked whether it still
//! answers. Sources and their archived copies, images, and the links of every body
//! ([`collect`]) are checked once per URL ([`probe`]: `HEAD`, else `GET`; redirects
//! followed, permanent ones reported), by a few workers with at most two requests to one
//! host at a time, spaced out ([`crate::web`]). What each URL answered is kept in
//! `.dossier/links.json` ([`cache`]): a run asks again only what is older than
//! `max_age`. A dead link is a warning where the URL is written, suggesting the archived
//! copy when there is one ([`report`]).

pub mod cache;
pub mod collect;
pub mod probe;
pub mod report;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::Duration;

use crate::diagnostics::Diagnostic;
use crate::load::Sources;
use crate::web::{self, hosts::Hosts, retry::Retry};

use cache::{Cache, Entry};
use probe::{LinkStatus, Prober};

#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// A URL checked less than this long ago is not asked again.
    pub max_age: Duration,
    /// How long one request may take.
    pub timeout: Duration,
    /// URLs checked at once.
    pub jobs: usize,
    /// Requests to one host at once, and the least time between two of them.
    pub per_host: usize,
    pub delay: Duration,
    pub retry: Retry,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            max_age: Duration::from_secs(7 * 86_400),
            timeout: Duration::from_secs(20),
            jobs: 8,
            per_host: 2,
            delay: Duration::from_millis(200),
            // One more try after a 429 or 5xx (after its Retry-After, up to a minute);
            // a timeout has waited long enough already.
            retry: Retry {
                attempts: 2,
                base: Duration::from_secs(1),
                max_wait: Duration::from_secs(60),
                transport: false,
            },
        }
    }
}

/// What the check found.
#[derive(Debug, Default)]
pub struct ExternalReport {
    /// Distinct URLs in the site.
    pub urls: usize,
    /// Asked now.
    pub checked: usize,
    /// Answered from the cache.
    pub cached: usize,
    /// That refused automated requests (401, 403, 429): not known to be dead.
    pub refused: usize,
    pub max_age: Duration,
    pub warnings: Vec<Diagnostic>,
}

impl ExternalReport {
    /// `external links: 12 URLs, 3 checked now, 9 from .dossier/links.json (younger than 7d)`.
    pub fn line(&self) -> String {
        let mut line = format!(
            "external links: {}, {} checked now, {} from {} (younger than {})",
            crate::diagnostics::count(self.urls, "URL"),
            self.checked,
            self.cached,
            cache::CACHE_PATH,
            web::duration::format(self.max_age)
        );
        if self.refused > 0 {
            line.push_str(&format!(
                "; {} refused automated requests (401, 403, 429) and could not be checked",
                self.refused
            ));
        }
        line
    }
}

/// Checks every external URL of `sources` (drafts' only with `drafts`).
pub fn check(sources: &Sources, drafts: bool, options: &ExternalOptions) -> ExternalReport {
    let occurrences = collect::occurrences(sources, drafts);
    let urls: BTreeSet<&str> = occurrences.iter().map(|o| o.url.as_str()).collect();
    let mut cache = Cache::read(&sources.root);
    let now = chrono::Utc::now();
    let mut statuses: HashMap<&str, LinkStatus> = HashMap::new();
    let mut todo = Vec::new();
    for url in &urls {
        match cache.fresh(url, now, options.max_age) {
            Some(status) => {
                statuses.insert(url, status.clone());
            }
            None => todo.push(*url),
        }
    }
    let cached = statuses.len();
    let todo = web::pool::interleave(todo, |url| web::host_of(url).unwrap_or_default());
    let hosts = Hosts::new(options.per_host, options.delay);
    let prober = Prober {
        agent: web::agent(options.timeout, false, "dossier check --external"),
        hosts: &hosts,
        retry: options.retry,
        timeout: options.timeout,
    };
    let found = web::pool::run(&todo, options.jobs, |url| prober.probe(url));
    for (url, status) in todo.iter().zip(found) {
        if status.is_lasting() {
            let entry = Entry {
                checked: now,
                status: status.clone(),
            };
            cache.links.insert(url.to_string(), entry);
        }
        statuses.insert(url, status);
    }
    let mut warnings: Vec<Diagnostic> = (occurrences.iter())
        .filter_map(|o| report::warning(o, &statuses[o.url.as_str()]))
        .collect();
    let keep: HashSet<&str> = urls.iter().copied().collect();
    if let Err(error) = cache.write(&sources.root, &keep) {
        warnings.push(
            Diagnostic::warning(format!("cannot write {}: {error}", cache::CACHE_PATH))
                .help("the next run checks every link again; check the folder's permissions"),
        );
    }
    ExternalReport {
        urls: urls.len(),
        checked: todo.len(),
        cached,
        refused: (statuses.values())
            .filter(|s| matches!(s, LinkStatus::Refused { .. }))
            .count(),
        max_age: options.max_age,
        warnings,
    }
}
