//! The search index's cache, which a later build reuses: reading and packing a page
//! (Pagefind's fossicking, stemming and packing) is most of what the index costs, and most
//! pages of a dossier are the same from one build to the next; so are most of the index's
//! word-index chunks.
//!
//! Each packed page is stored in its own file under `.dossier/cache/search/`, named by a
//! SHA-256 of everything the packing reads: this format's tag, dossier's version, the
//! language Pagefind is told, the page's URL and the page's HTML as it was rendered. An
//! entry is only ever found for the same input, so it is the same page the packer would
//! make: a build that reuses it writes the same bytes as a clean one. Word-index chunks are
//! stored the same way, gzipped, under `.dossier/cache/search-gzip/`, named by Pagefind's
//! SHA-256 of what each is made from (its words, and the pages and entries holding them),
//! so that an unchanged chunk is neither built nor compressed again (Pagefind patch, part
//! 10). Each entry carries the SHA-256 of what it holds, so an entry damaged on disk is
//! made again; entries a build did not use are deleted at its end, so the cache holds one
//! build's. Nothing here can fail a build: a cache that cannot be read or written is a
//! cache that misses.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use pagefind::api::{CompactPage, KeptCompressedFiles};
use sha2::{Digest, Sha256};

/// Bumped when what is stored, or how a page is packed, changes within one version.
const FORMAT: &str = "dossier search-pages 6";

/// The same for the word-index chunks.
const FORMAT_COMPRESSED: &str = "dossier search-gzip 2";

/// The folder of the cache under a site's root (`init` writes it into `.gitignore`).
pub const FOLDER: &str = ".dossier/cache";

/// A key: the SHA-256 of what an entry was made from (a page's packing input, or a chunk's
/// inputs).
type Key = [u8; 32];

/// A site's search cache: its packed pages and its compressed word-index chunks.
pub struct SearchCache {
    pub pages: PackCache,
    pub compressed: CompressedCache,
}

impl SearchCache {
    /// The cache of the site whose root is `root`; `language` is the option the packer was
    /// given.
    pub fn at(root: &Path, language: Option<&str>) -> SearchCache {
        SearchCache {
            pages: PackCache::at(root, language),
            compressed: CompressedCache::at(root),
        }
    }

    /// Deletes the entries this build did not use.
    pub fn forget_unused(self) {
        self.pages.store.forget_unused();
        self.compressed.store.forget_unused();
    }
}

/// Packed pages of earlier builds, and those this build packed or reused.
pub struct PackCache {
    store: Store,
    /// The language option the packer was given (part of every key).
    language: String,
    reused: AtomicUsize,
}

impl PackCache {
    fn at(root: &Path, language: Option<&str>) -> PackCache {
        PackCache {
            store: Store::at(root.join(FOLDER).join("search")),
            language: language.unwrap_or("").to_string(),
            reused: AtomicUsize::new(0),
        }
    }

    /// The key of the page at `url` whose rendered HTML is `html`.
    pub fn key(&self, url: &str, html: &[u8]) -> Key {
        key_of(&[
            FORMAT.as_bytes(),
            env!("CARGO_PKG_VERSION").as_bytes(),
            self.language.as_bytes(),
            url.as_bytes(),
            html,
        ])
    }

    /// The page stored under `key`, if an earlier build stored one that reads back.
    pub fn get(&self, key: &Key) -> Option<CompactPage> {
        let page = self
            .store
            .read(key, |bytes| postcard::from_bytes(bytes).ok())?;
        self.reused.fetch_add(1, Ordering::Relaxed);
        Some(page)
    }

    /// Stores `page` under `key` for later builds.
    pub fn put(&self, key: &Key, page: &CompactPage) {
        if let Ok(bytes) = postcard::to_allocvec(page) {
            self.store.write(key, &bytes);
        }
    }

    /// How many pages this build took from the cache.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }
}

/// The word-index chunks of earlier builds, gzipped, with their names, by their inputs.
/// After a small edit most chunks are the same as before and need not be built or
/// compressed again.
pub struct CompressedCache {
    store: Store,
}

impl CompressedCache {
    fn at(root: &Path) -> CompressedCache {
        CompressedCache {
            store: Store::at(root.join(FOLDER).join("search-gzip")),
        }
    }

    /// The key of a word-index chunk, from Pagefind's hash of what it is made of (which
    /// covers Pagefind's own format; dossier's version covers the patch).
    fn chunk_key(inputs: &[u8; 32]) -> Key {
        key_of(&[
            FORMAT_COMPRESSED.as_bytes(),
            env!("CARGO_PKG_VERSION").as_bytes(),
            b"word-index chunk",
            inputs,
        ])
    }
}

impl KeptCompressedFiles for CompressedCache {
    fn get_chunk(&self, inputs: &[u8; 32]) -> Option<(String, Vec<u8>)> {
        self.store.read(&Self::chunk_key(inputs), |stored| {
            let (&length, rest) = stored.split_first()?;
            let (hash, gz) = rest.split_at_checked(usize::from(length))?;
            Some((String::from_utf8(hash.to_vec()).ok()?, gz.to_vec()))
        })
    }

    fn keep_chunk(&self, inputs: &[u8; 32], hash: &str, gz: &[u8]) {
        // Stored as the hash's length (a byte), the hash, then the gzip.
        let Ok(length) = u8::try_from(hash.len()) else {
            return;
        };
        let mut stored = Vec::with_capacity(1 + hash.len() + gz.len());
        stored.push(length);
        stored.extend_from_slice(hash.as_bytes());
        stored.extend_from_slice(gz);
        self.store.write(&Self::chunk_key(inputs), &stored);
    }
}

/// The SHA-256 of `parts`, each behind its length, so that no two inputs hash the same
/// parts.
fn key_of(parts: &[&[u8]]) -> Key {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    hash.finalize().into()
}

/// A folder of entries named by their keys, each stored behind the SHA-256 of its bytes
/// (an entry damaged on disk reads as missing), and the keys this build used.
struct Store {
    folder: PathBuf,
    used: Mutex<HashSet<Key>>,
}

impl Store {
    fn at(folder: PathBuf) -> Store {
        Store {
            folder,
            used: Mutex::new(HashSet::new()),
        }
    }

    /// What `decode` makes of the bytes stored under `key`, if they are there and whole
    /// and it makes something of them; `key` then counts as used.
    fn read<T>(&self, key: &Key, decode: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        let stored = fs::read(self.path(key)).ok()?;
        let (checksum, bytes) = stored.split_at_checked(32)?;
        if checksum != &Sha256::digest(bytes)[..] {
            return None;
        }
        let decoded = decode(bytes)?;
        self.used(key);
        Some(decoded)
    }

    /// Stores `bytes` under `key` (written to a temporary name first, so that an
    /// interrupted build leaves no half-written entry; a temporary left behind is deleted
    /// with the unused entries), and counts `key` as used.
    fn write(&self, key: &Key, bytes: &[u8]) {
        self.used(key);
        let path = self.path(key);
        let mut stored = Sha256::digest(bytes).to_vec();
        stored.extend_from_slice(bytes);
        if let Some(folder) = path.parent() {
            let _ = fs::create_dir_all(folder)
                .and_then(|()| crate::front_edit::write_atomically(&path, &stored));
        }
    }

    fn used(&self, key: &Key) {
        self.used
            .lock()
            .expect("no panics while holding")
            .insert(*key);
    }

    /// Deletes the entries this build did not use.
    fn forget_unused(self) {
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

    /// `ab/cdef…`: 256 folders of a few hundred files each at 100,000 pages.
    fn path(&self, key: &Key) -> PathBuf {
        let hex = to_hex(key);
        self.folder.join(&hex[..2]).join(&hex[2..])
    }
}

/// Called for every entry read or written (40,000 at 10,000 articles): into one string,
/// not a string per byte.
fn to_hex(key: &Key) -> String {
    use std::fmt::Write;
    let mut hex = String::with_capacity(2 * key.len());
    for byte in key {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
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

    /// A chunk's inputs hash, for the tests.
    fn inputs(n: u8) -> [u8; 32] {
        [n; 32]
    }

    #[test]
    fn chunks_read_back_whole_and_only_for_the_same_inputs() {
        let root = tempfile::tempdir().unwrap();
        let cache = CompressedCache::at(root.path());
        assert_eq!(cache.get_chunk(&inputs(1)), None);
        cache.keep_chunk(&inputs(1), "en_abc", b"its gzip");
        let expected = Some(("en_abc".to_string(), b"its gzip".to_vec()));
        assert_eq!(cache.get_chunk(&inputs(1)), expected);
        assert_eq!(cache.get_chunk(&inputs(2)), None);
        // A byte changed on disk: the entry no longer reads.
        let path = cache.store.path(&CompressedCache::chunk_key(&inputs(1)));
        let mut stored = fs::read(&path).unwrap();
        *stored.last_mut().unwrap() ^= 1;
        fs::write(&path, &stored).unwrap();
        assert_eq!(cache.get_chunk(&inputs(1)), None);
        // Too short to hold its checksum.
        fs::write(&path, b"short").unwrap();
        assert_eq!(cache.get_chunk(&inputs(1)), None);
    }

    #[test]
    fn entries_a_build_did_not_use_are_deleted_at_its_end() {
        let root = tempfile::tempdir().unwrap();
        let first = CompressedCache::at(root.path());
        first.keep_chunk(&inputs(1), "en_kept", b"1");
        first.keep_chunk(&inputs(2), "en_dropped", b"2");
        first.store.forget_unused();
        let second = CompressedCache::at(root.path());
        assert!(second.get_chunk(&inputs(1)).is_some());
        // What a build killed while writing an entry leaves: its temporary file.
        let kept = second.store.path(&CompressedCache::chunk_key(&inputs(1)));
        let name = kept.file_name().unwrap().to_string_lossy();
        let temporary = kept.with_file_name(format!(".{name}.dossier-edit"));
        fs::write(&temporary, b"half").unwrap();
        second.store.forget_unused();
        assert!(!temporary.exists());
        let third = CompressedCache::at(root.path());
        assert!(third.get_chunk(&inputs(1)).is_some());
        assert_eq!(third.get_chunk(&inputs(2)), None);
    }
}
