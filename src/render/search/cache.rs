//! The search index's cache, which a later build reuses: reading and packing a page
//! (Pagefind's fossicking, stemming and packing) is most of what the index costs, and most
//! pages of a dossier are the same from one build to the next; so are most of the index's
//! word-index chunks.
//!
//! Each packed page is stored in `.dossier/cache/search.pack` (see [`super::pack`]) under
//! a BLAKE3 hash of everything the packing reads: this format's tag, dossier's version, the
//! language Pagefind is told, the page's URL and the page's HTML as it was rendered. An
//! entry is only ever found for the same input, so it is the same page the packer would
//! make: a build that reuses it writes the same bytes as a clean one. Word-index chunks are
//! stored the same way, gzipped, in `.dossier/cache/search-gzip.pack`, under Pagefind's
//! SHA-256 of what each is made from (its words, and the pages and entries holding them),
//! so that an unchanged chunk is neither built nor compressed again (Pagefind patch, part
//! 10). Each entry carries the BLAKE3 hash of what it holds, so an entry damaged on disk is
//! made again; a build keeps only the entries it used, so the cache holds one build's.
//! Nothing here can fail a build: a cache that cannot be read or written is a cache that
//! misses.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use pagefind::api::{CompactPage, KeptCompressedFiles};

use super::pack::{Key, Pack};

/// Bumped when what is stored, or how a page is packed, changes within one version.
const FORMAT: &str = "dossier search-pages 7";

/// The same for the word-index chunks.
const FORMAT_COMPRESSED: &str = "dossier search-gzip 3";

/// The folder of the cache under a site's root (`init` writes it into `.gitignore`).
pub const FOLDER: &str = ".dossier/cache";

/// A site's search cache: its packed pages and its compressed word-index chunks.
pub struct SearchCache {
    pub pages: PackCache,
    pub compressed: CompressedCache,
    folder: PathBuf,
}

impl SearchCache {
    /// The cache of the site whose root is `root`; `language` is the option the packer was
    /// given.
    pub fn at(root: &Path, language: Option<&str>) -> SearchCache {
        SearchCache {
            pages: PackCache::at(root, language),
            compressed: CompressedCache::at(root),
            folder: root.join(FOLDER),
        }
    }

    /// Keeps the entries this build used, and no others, for the next build.
    pub fn finish(self) {
        self.pages.store.finish();
        self.compressed.store.finish();
        // Earlier versions kept a file per entry in these folders.
        for old in ["search", "search-gzip"] {
            let _ = std::fs::remove_dir_all(self.folder.join(old));
        }
    }
}

/// Packed pages of earlier builds, and those this build packed or reused.
pub struct PackCache {
    store: Pack,
    /// The language option the packer was given (part of every key).
    language: String,
    reused: AtomicUsize,
}

impl PackCache {
    fn at(root: &Path, language: Option<&str>) -> PackCache {
        PackCache {
            store: Pack::at(root.join(FOLDER).join("search.pack")),
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
    store: Pack,
}

impl CompressedCache {
    fn at(root: &Path) -> CompressedCache {
        CompressedCache {
            store: Pack::at(root.join(FOLDER).join("search-gzip.pack")),
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

/// The BLAKE3 hash of `parts`, each behind its length, so that no two inputs hash the
/// same parts.
fn key_of(parts: &[&[u8]]) -> Key {
    let mut hash = blake3::Hasher::new();
    for part in parts {
        hash.update(&(part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    hash.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_change_with_every_input() {
        let cache = PackCache::at(Path::new("/nowhere"), Some("en"));
        let key = cache.key("/a/", b"<p>x</p>");
        assert_eq!(key, cache.key("/a/", b"<p>x</p>"));
        assert_ne!(key, cache.key("/b/", b"<p>x</p>"));
        assert_ne!(key, cache.key("/a/", b"<p>y</p>"));
        // The parts are delimited: moving a byte from one part to the next changes the key.
        assert_ne!(key, cache.key("/a/<", b"p>x</p>"));
        let other_language = PackCache::at(Path::new("/nowhere"), Some("fr"));
        assert_ne!(key, other_language.key("/a/", b"<p>x</p>"));
    }

    /// A chunk's inputs hash, for the tests.
    fn inputs(n: u8) -> [u8; 32] {
        [n; 32]
    }

    #[test]
    fn chunks_read_back_whole_and_only_for_the_same_inputs() {
        let root = tempfile::tempdir().unwrap();
        let first = SearchCache::at(root.path(), None);
        assert_eq!(first.compressed.get_chunk(&inputs(1)), None);
        first
            .compressed
            .keep_chunk(&inputs(1), "en_abc", b"its gzip");
        first.compressed.keep_chunk(&inputs(2), "en_dropped", b"2");
        first.finish();
        let second = SearchCache::at(root.path(), None);
        let expected = Some(("en_abc".to_string(), b"its gzip".to_vec()));
        assert_eq!(second.compressed.get_chunk(&inputs(1)), expected);
        assert_eq!(second.compressed.get_chunk(&inputs(3)), None);
        second.finish();
        // The second build did not use the second chunk: it is gone.
        let third = SearchCache::at(root.path(), None);
        assert_eq!(third.compressed.get_chunk(&inputs(1)), expected);
        assert_eq!(third.compressed.get_chunk(&inputs(2)), None);
    }

    #[test]
    fn the_folders_of_earlier_versions_are_deleted() {
        let root = tempfile::tempdir().unwrap();
        let old = root.path().join(FOLDER).join("search/ab");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("cdef"), b"an entry of an earlier version").unwrap();
        SearchCache::at(root.path(), None).finish();
        assert!(!root.path().join(FOLDER).join("search").exists());
        assert!(root.path().join(FOLDER).join("search.pack").exists());
    }
}
