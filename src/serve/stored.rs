//! A served file's bytes as `serve` keeps them in memory. `serve` holds the whole site (at
//! 10,000 articles ~0.9 GB, nearly all of it HTML), so text formats are kept deflated:
//! level 1 makes them ~3.7 times smaller at several hundred MB/s per core (flate2 on
//! zlib-rs), and a request inflates its one file (microseconds for a page). Deflate is
//! deterministic, so the same bytes are always stored the same: comparing stored files is
//! how a render finds the pages that changed.

use std::borrow::Cow;
use std::io::{Read, Write};
use std::sync::Arc;

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;

/// A file's bytes, deflated or as they are.
#[derive(Clone, Debug)]
pub struct Stored {
    data: Arc<[u8]>,
    deflated: bool,
}

/// Below this size deflating saves too little to be worth a request's inflate.
const MIN_DEFLATED: usize = 512;

/// The formats worth deflating: text. Images, fonts and Pagefind's files (already gzipped)
/// are kept as they are.
const TEXT: &[&str] = &[
    "html",
    "xml",
    "json",
    "csv",
    "txt",
    "bib",
    "js",
    "mjs",
    "css",
    "svg",
    "md",
    "webmanifest",
];

impl Stored {
    /// The file at `path` (relative, `/`-separated), deflated if it is text.
    pub fn new(path: &str, bytes: &[u8]) -> Stored {
        let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
        if bytes.len() < MIN_DEFLATED || !TEXT.contains(&extension) {
            return Stored::raw(Arc::from(bytes));
        }
        let mut encoder =
            DeflateEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::fast());
        // Writing into a Vec cannot fail.
        let deflated = encoder
            .write_all(bytes)
            .and_then(|()| encoder.finish())
            .expect("deflating into memory");
        Stored {
            data: Arc::from(deflated),
            deflated: true,
        }
    }

    /// Bytes kept as they are (static files: shared with the sources, not copied).
    pub fn raw(bytes: Arc<[u8]>) -> Stored {
        Stored {
            data: bytes,
            deflated: false,
        }
    }

    /// The file's bytes.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        if !self.deflated {
            return Cow::Borrowed(&self.data);
        }
        let mut bytes = Vec::with_capacity(self.data.len() * 4);
        DeflateDecoder::new(&self.data[..])
            .read_to_end(&mut bytes)
            .expect("inflating what was deflated in memory");
        Cow::Owned(bytes)
    }

    /// Whether both hold the same bytes (stored the same way: see the module's comment).
    pub fn same(&self, other: &Stored) -> bool {
        Arc::ptr_eq(&self.data, &other.data)
            || (self.deflated == other.deflated && self.data[..] == other.data[..])
    }

    /// Bytes held in memory.
    #[cfg(test)]
    pub fn stored_len(&self) -> usize {
        self.data.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_deflated_and_comes_back_the_same() {
        let page = "<p>fake words, fake words</p>\n".repeat(200);
        let stored = Stored::new("quotes/x/index.html", page.as_bytes());
        assert!(stored.stored_len() < page.len() / 4);
        assert_eq!(&stored.bytes()[..], page.as_bytes());
        let again = Stored::new("quotes/x/index.html", page.as_bytes());
        assert!(stored.same(&again), "deflate is deterministic");
        let other = Stored::new(
            "quotes/x/index.html",
            page.replace("fake", "sham").as_bytes(),
        );
        assert!(!stored.same(&other));
    }

    #[test]
    fn small_files_and_binary_formats_are_kept_as_they_are() {
        let small = Stored::new("robots.txt", b"User-agent: *\n");
        assert_eq!(small.stored_len(), 14);
        let gzipped = vec![7u8; 4096];
        let fragment = Stored::new("pagefind/fragment/en_1.pf_fragment", &gzipped);
        assert_eq!(fragment.stored_len(), 4096);
        assert_eq!(&fragment.bytes()[..], &gzipped[..]);
    }
}
