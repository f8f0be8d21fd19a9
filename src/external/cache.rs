//! `.dossier/links.json`: what each external URL answered and when, so a run checks again
//! only what is older than `--max-age`. Kept beside the site (and out of git: `.dossier/`
//! is in the `.gitignore` `dossier init` writes); a missing or unreadable file is an empty
//! cache.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::probe::LinkStatus;

/// Where the cache is, under the site root.
pub const CACHE_PATH: &str = ".dossier/links.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    /// The file's format, for a later version to read or drop.
    pub version: u32,
    pub links: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub checked: DateTime<Utc>,
    pub status: LinkStatus,
}

impl Cache {
    pub fn path(root: &Path) -> PathBuf {
        root.join(CACHE_PATH)
    }

    pub fn read(root: &Path) -> Cache {
        std::fs::read_to_string(Cache::path(root))
            .ok()
            .and_then(|text| serde_json::from_str::<Cache>(&text).ok())
            .filter(|cache| cache.version == 1)
            .unwrap_or_default()
    }

    /// The answer of `url` if checked less than `max_age` before `now`.
    pub fn fresh(&self, url: &str, now: DateTime<Utc>, max_age: Duration) -> Option<&LinkStatus> {
        let entry = self.links.get(url)?;
        let age = (now - entry.checked).to_std().ok()?;
        (age < max_age).then_some(&entry.status)
    }

    /// Writes the cache (only `keep`'s URLs: links no longer in the site are dropped).
    pub fn write(
        mut self,
        root: &Path,
        keep: &std::collections::HashSet<&str>,
    ) -> std::io::Result<()> {
        self.version = 1;
        self.links.retain(|url, _| keep.contains(url.as_str()));
        let path = Cache::path(root);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut text = serde_json::to_string_pretty(&self).map_err(std::io::Error::other)?;
        text.push('\n');
        crate::front_edit::write_atomically(&path, &text)
    }
}
