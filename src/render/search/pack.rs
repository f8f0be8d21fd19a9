//! One file of cache entries, each under its key: what a build takes from the cache, and
//! what it leaves for the next.
//!
//! A cold build of 10,000 articles stores ~40,000 entries. Stored as a file each (a folder
//! per key prefix, a temporary name, a rename) and looked up by a failed `open` on a miss,
//! they took ~7% of a one-thread cold build (`perf`). Here a build reads the index of the pack
//! the previous build left (its keys and where each entry is), reads an entry only when it
//! is asked for, and writes every entry it uses, reused or new, one after the other into a
//! new pack under a temporary name; at its end the new pack replaces the old one. So the
//! cache holds exactly one build's entries, and a build stopped half-way leaves the old
//! pack as it was.
//!
//! The file: [`MAGIC`], then for each entry its key (32 bytes), its length (4 bytes, little
//! endian), the BLAKE3 hash of its bytes, and its bytes. An entry whose bytes do not match
//! their hash reads as missing; a pack that does not start with [`MAGIC`] is empty, and one cut
//! short keeps the entries before the cut. Nothing here can fail a build: a pack that cannot
//! be read or written is a cache that misses.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A key: the BLAKE3 hash of what an entry was made from.
pub type Key = [u8; 32];

/// The start of every pack; changed when the layout changes.
const MAGIC: &[u8] = b"dossier cache pack 2\n";

/// Key, length and checksum: what precedes an entry's bytes.
const HEADER: usize = 32 + 4 + 32;

/// The pack at a path: the entries an earlier build left there, and the pack this build
/// writes.
pub struct Pack {
    path: PathBuf,
    old: Option<OldPack>,
    new: Mutex<Writing>,
}

/// Where this build's pack stands.
enum Writing {
    /// No entry yet: the file is made at the first.
    NotYet,
    Open(NewPack),
    /// It could not be made or written: this build keeps no entry, and the old pack stays
    /// (its entries still hold for their keys).
    Failed,
}

/// The pack an earlier build left: where each entry is.
struct OldPack {
    file: Mutex<File>,
    /// Key → (offset of the entry's header, length of its bytes).
    entries: HashMap<Key, (u64, u32)>,
}

/// The pack this build writes, under a temporary name until [`Pack::finish`].
struct NewPack {
    temporary: PathBuf,
    file: BufWriter<File>,
}

impl Pack {
    /// The pack at `path` (which need not exist).
    pub fn at(path: PathBuf) -> Pack {
        Pack {
            old: OldPack::open(&path),
            new: Mutex::new(Writing::NotYet),
            path,
        }
    }

    /// What `decode` makes of the bytes stored under `key`, if they are there and whole and
    /// it makes something of them; the entry is then kept for the next build too.
    pub fn read<T>(&self, key: &Key, decode: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        let (checksum, bytes) = self.old.as_ref()?.read(key)?;
        let decoded = decode(&bytes)?;
        self.append(key, &checksum, &bytes);
        Some(decoded)
    }

    /// Stores `bytes` under `key` for the next build.
    pub fn write(&self, key: &Key, bytes: &[u8]) {
        self.append(key, blake3::hash(bytes).as_bytes(), bytes);
    }

    fn append(&self, key: &Key, checksum: &[u8; 32], bytes: &[u8]) {
        let Ok(length) = u32::try_from(bytes.len()) else {
            return;
        };
        let mut new = self.new.lock().expect("no panics while holding");
        if matches!(*new, Writing::NotYet) {
            *new = NewPack::create(&self.path).map_or(Writing::Failed, Writing::Open);
        }
        let Writing::Open(pack) = &mut *new else {
            return;
        };
        let written = (pack.file.write_all(key))
            .and_then(|()| pack.file.write_all(&length.to_le_bytes()))
            .and_then(|()| pack.file.write_all(checksum))
            .and_then(|()| pack.file.write_all(bytes));
        if written.is_err() {
            // Half an entry would cut the pack short there: none of this build's is kept.
            let _ = fs::remove_file(&pack.temporary);
            *new = Writing::Failed;
        }
    }

    /// Puts this build's pack in place of the old one: the next build finds the entries
    /// this one used, and no others.
    pub fn finish(self) {
        let new = match self.new.into_inner().expect("no panics while holding") {
            // A build that used no entry leaves an empty pack.
            Writing::NotYet => NewPack::create(&self.path),
            Writing::Open(pack) => Some(pack),
            Writing::Failed => None,
        };
        drop(self.old);
        let Some(NewPack { temporary, file }) = new else {
            return;
        };
        let flushed = file.into_inner().map_err(|e| e.into_error());
        if flushed.is_err() || fs::rename(&temporary, &self.path).is_err() {
            let _ = fs::remove_file(&temporary);
        }
        remove_other_temporaries(&self.path, &temporary);
    }
}

impl OldPack {
    /// The index of the pack at `path`, or `None` when there is none that reads.
    fn open(path: &Path) -> Option<OldPack> {
        let file = File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let mut reader = BufReader::with_capacity(256 * 1024, file);
        let mut magic = vec![0; MAGIC.len()];
        reader.read_exact(&mut magic).ok()?;
        if magic != MAGIC {
            return None;
        }
        let mut entries = HashMap::new();
        let mut offset = MAGIC.len() as u64;
        let mut header = [0; HEADER];
        while reader.read_exact(&mut header).is_ok() {
            let key: Key = header[..32].try_into().expect("32 bytes");
            let length = u32::from_le_bytes(header[32..36].try_into().expect("4 bytes"));
            let end = offset + HEADER as u64 + u64::from(length);
            if end > size || reader.seek_relative(i64::from(length)).is_err() {
                break;
            }
            entries.insert(key, (offset, length));
            offset = end;
        }
        Some(OldPack {
            file: Mutex::new(reader.into_inner()),
            entries,
        })
    }

    /// The checksum and bytes of the entry under `key`, if they match.
    fn read(&self, key: &Key) -> Option<([u8; 32], Vec<u8>)> {
        let &(offset, length) = self.entries.get(key)?;
        let mut header = [0; HEADER];
        let mut bytes = vec![0; length as usize];
        {
            let mut file = self.file.lock().expect("no panics while holding");
            file.seek(SeekFrom::Start(offset)).ok()?;
            file.read_exact(&mut header).ok()?;
            file.read_exact(&mut bytes).ok()?;
        }
        let checksum: [u8; 32] = header[36..].try_into().expect("32 bytes");
        (header[..32] == key[..] && checksum == *blake3::hash(&bytes).as_bytes())
            .then_some((checksum, bytes))
    }
}

impl NewPack {
    /// A new pack beside `path`, under a name of this process's own.
    fn create(path: &Path) -> Option<NewPack> {
        let temporary = temporary_name(path, &std::process::id().to_string())?;
        fs::create_dir_all(path.parent()?).ok()?;
        let mut file = BufWriter::with_capacity(256 * 1024, File::create(&temporary).ok()?);
        file.write_all(MAGIC).ok()?;
        Some(NewPack { temporary, file })
    }
}

/// `.search.pack.<tag>.partial` beside `search.pack`.
fn temporary_name(path: &Path, tag: &str) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    Some(path.with_file_name(format!(".{name}.{tag}.partial")))
}

/// Deletes what builds that were stopped left of their packs beside `path` (a build still
/// running elsewhere then keeps none: a cache that misses).
fn remove_other_temporaries(path: &Path, ours: &Path) {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&prefix) && file_name.ends_with(".partial") && entry.path() != ours
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> Key {
        [n; 32]
    }

    fn read(pack: &Pack, n: u8) -> Option<Vec<u8>> {
        pack.read(&key(n), |bytes| Some(bytes.to_vec()))
    }

    /// What a build that stores `entries` and nothing else leaves at `path`.
    fn build_storing(path: &Path, entries: &[(u8, &[u8])]) {
        let pack = Pack::at(path.to_path_buf());
        for (n, bytes) in entries {
            pack.write(&key(*n), bytes);
        }
        pack.finish();
    }

    #[test]
    fn entries_read_back_in_the_next_build_and_only_those_it_used_are_kept() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("cache/test.pack");
        let first = Pack::at(path.clone());
        assert_eq!(read(&first, 1), None);
        first.write(&key(1), b"one");
        first.write(&key(2), b"two");
        first.write(&key(3), b"");
        first.finish();

        let second = Pack::at(path.clone());
        assert_eq!(read(&second, 1).as_deref(), Some(&b"one"[..]));
        assert_eq!(read(&second, 3).as_deref(), Some(&b""[..]));
        assert_eq!(read(&second, 4), None);
        second.write(&key(4), b"four");
        second.finish();

        // The third build finds what the second used or wrote, not what it left unused.
        let third = Pack::at(path.clone());
        assert_eq!(read(&third, 1).as_deref(), Some(&b"one"[..]));
        assert_eq!(read(&third, 2), None);
        assert_eq!(read(&third, 4).as_deref(), Some(&b"four"[..]));
        third.finish();
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_damaged_entry_reads_as_missing_and_the_others_still_read() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("test.pack");
        build_storing(
            &path,
            &[
                (1, b"first entry"),
                (2, b"second entry"),
                (3, b"third entry"),
            ],
        );
        let mut stored = fs::read(&path).unwrap();
        let at = stored.windows(6).position(|w| w == b"second").unwrap();
        stored[at] ^= 1;
        fs::write(&path, &stored).unwrap();
        let pack = Pack::at(path.clone());
        assert_eq!(read(&pack, 1).as_deref(), Some(&b"first entry"[..]));
        assert_eq!(read(&pack, 2), None);
        assert_eq!(read(&pack, 3).as_deref(), Some(&b"third entry"[..]));

        // Cut short in the third entry: the first two are still found.
        fs::write(&path, &stored[..stored.len() - 3]).unwrap();
        let pack = Pack::at(path.clone());
        assert_eq!(read(&pack, 1).as_deref(), Some(&b"first entry"[..]));
        assert_eq!(read(&pack, 3), None);

        // Not a pack at all.
        fs::write(&path, b"not a pack").unwrap();
        assert_eq!(read(&Pack::at(path), 1), None);
    }

    #[test]
    fn a_build_stopped_half_way_leaves_the_old_pack_and_its_temporary_goes_later() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("test.pack");
        build_storing(&path, &[(1, b"one")]);
        // Stopped before `finish`: its temporary is left, the pack is as it was.
        let stopped = Pack::at(path.clone());
        stopped.write(&key(2), b"two");
        let stopped_temporary = temporary_name(&path, &std::process::id().to_string()).unwrap();
        std::mem::forget(stopped);
        let other = temporary_name(&path, "12345").unwrap();
        fs::write(&other, b"left by another build").unwrap();
        let next = Pack::at(path.clone());
        assert_eq!(read(&next, 1).as_deref(), Some(&b"one"[..]));
        next.finish();
        assert!(!other.exists());
        assert!(path.exists());
        // This process's own temporary name was taken over by `next`, and renamed.
        assert!(!stopped_temporary.exists());
    }

    #[test]
    fn a_pack_that_cannot_be_written_leaves_the_old_one() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("test.pack");
        build_storing(&path, &[(1, b"one")]);
        // This process's temporary name is taken by a folder: no new pack can be made.
        let temporary = temporary_name(&path, &std::process::id().to_string()).unwrap();
        fs::create_dir(&temporary).unwrap();
        let second = Pack::at(path.clone());
        assert_eq!(read(&second, 1).as_deref(), Some(&b"one"[..]));
        second.write(&key(2), b"two");
        second.finish();
        fs::remove_dir(&temporary).unwrap();
        let third = Pack::at(path);
        assert_eq!(read(&third, 1).as_deref(), Some(&b"one"[..]));
        assert_eq!(read(&third, 2), None);
    }
}
