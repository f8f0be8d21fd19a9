//! The search index's cache of packed pages, which a later build reuses: reading and
//! packing a page (Pagefind's fossicking, stemming and packing) is most of what the index
//! costs, and most pages of a dossier are the same from one build to the next.
//!
//! Each packed page is stored in its own file under `.dossier/cache/search/`, named by a
//! SHA-256 of everything the packing reads: this format's tag, dossier's version, the
//! language Pagefind is told, the page's URL and the page's HTML as it was rendered. An
//! entry is only ever found for the same input, so it is the same page the packer would
//! make: a build that reuses it writes the same bytes as a clean one. An entry that cannot
//! be read is packed again; entries this build did not use are deleted at its end, so the
//! cache holds one build's pages. Nothing here can fail a build: a cache that cannot be
//! read or written is a cache that misses.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use pagefind::api::CompactPage;
use sha2::{Digest, Sha256};

/// Bumped when what is stored, or how a page is packed, changes within one version.
const FORMAT: &str = "dossier search-pages 2";

/// The folder of the cache under a site's root (`init` writes it into `.gitignore`).
pub const FOLDER: &str = ".dossier/cache";

/// A key: the SHA-256 of a page's packing input.
type Key = [u8; 32];

/// Packed pages of earlier builds, and those this build packed or reused.
pub struct PackCache {
    folder: PathBuf,
    /// The language option the packer was given (part of every key).
    language: String,
    used: Mutex<HashSet<Key>>,
    reused: AtomicUsize,
}

impl PackCache {
    /// The cache of the site whose root is `root`.
    pub fn at(root: &Path, language: Option<&str>) -> PackCache {
        PackCache {
            folder: root.join(FOLDER).join("search"),
            language: language.unwrap_or("").to_string(),
            used: Mutex::new(HashSet::new()),
            reused: AtomicUsize::new(0),
        }
    }

    /// The key of the page at `url` whose rendered HTML is `html`.
    pub fn key(&self, url: &str, html: &[u8]) -> Key {
        let mut hash = Sha256::new();
        for part in [
            FORMAT.as_bytes(),
            env!("CARGO_PKG_VERSION").as_bytes(),
            self.language.as_bytes(),
            url.as_bytes(),
            html,
        ] {
            // Each part's length first, so that no two inputs hash the same parts.
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
        hash.finalize().into()
    }

    /// The page stored under `key`, if an earlier build stored one that reads back.
    pub fn get(&self, key: &Key) -> Option<CompactPage> {
        let bytes = fs::read(self.path(key)).ok()?;
        let page = postcard::from_bytes(&bytes).ok()?;
        self.used_key(key);
        self.reused.fetch_add(1, Ordering::Relaxed);
        Some(page)
    }

    /// Stores `page` under `key` for later builds (written to a temporary name first, so
    /// that an interrupted build leaves no half-written entry).
    pub fn put(&self, key: &Key, page: &CompactPage) {
        self.used_key(key);
        let Ok(bytes) = postcard::to_allocvec(page) else {
            return;
        };
        let path = self.path(key);
        let Some(folder) = path.parent() else { return };
        let temporary = path.with_extension(format!("tmp{}", std::process::id()));
        let stored = fs::create_dir_all(folder)
            .and_then(|()| fs::write(&temporary, &bytes))
            .and_then(|()| fs::rename(&temporary, &path));
        if stored.is_err() {
            let _ = fs::remove_file(&temporary);
        }
    }

    /// How many pages this build took from the cache.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// Deletes the entries this build did not use (pages that changed or went).
    pub fn forget_unused(self) {
        let used = self.used.into_inner().expect("no panics while holding");
        let Ok(shards) = fs::read_dir(&self.folder) else {
            return;
        };
        for shard in shards.flatten() {
            let prefix = shard.file_name().to_string_lossy().into_owned();
            let Ok(entries) = fs::read_dir(shard.path()) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
                if !parse_key(&name).is_some_and(|key| used.contains(&key)) {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }

    fn used_key(&self, key: &Key) {
        self.used
            .lock()
            .expect("no panics while holding")
            .insert(*key);
    }

    /// `search/ab/cdef…`: 256 folders of a few hundred files each at 100,000 pages.
    fn path(&self, key: &Key) -> PathBuf {
        let hex = to_hex(key);
        self.folder.join(&hex[..2]).join(&hex[2..])
    }
}

fn to_hex(key: &Key) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

fn parse_key(hex: &str) -> Option<Key> {
    if hex.len() != 64 {
        return None;
    }
    let mut key = [0; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_change_with_every_input_and_read_back_from_their_names() {
        let cache = PackCache::at(Path::new("/nowhere"), Some("en"));
        let key = cache.key("/a/", b"<p>x</p>");
        assert_eq!(parse_key(&to_hex(&key)), Some(key));
        assert_ne!(key, cache.key("/b/", b"<p>x</p>"));
        assert_ne!(key, cache.key("/a/", b"<p>y</p>"));
        // The parts are delimited: moving a byte from one part to the next changes the key.
        assert_ne!(key, cache.key("/a/<", b"p>x</p>"));
        let other_language = PackCache::at(Path::new("/nowhere"), Some("fr"));
        assert_ne!(key, other_language.key("/a/", b"<p>x</p>"));
        assert_eq!(parse_key("xyz"), None);
    }
}
