//! dossier patch (part 22): which pages hold each word, already encoded as the word index
//! stores them.
//!
//! A word-index chunk lists, for each of its words, every page that has the word with its
//! locations (`PackedWord`, CBOR). Building a chunk from `(page, entry)` pairs read each
//! entry from its page at random (three dependent cache misses per entry, 5.6 million
//! entries at 10,000 articles) and made a `PackedPage` with two vectors for each: most of
//! the index's time. Here each page's entries are read once, in page order, and each is
//! written straight into its word's place in one buffer as the bytes the chunk holds; a
//! chunk is then its words' bytes behind a header. The buffer (~55 MB at 10,000 articles)
//! is smaller than the pairs and their content hashes it replaces.
//!
//! Variant forms (`café` under `cafe`) are rare: their entries are kept as pairs and
//! encoded with `PackedVariant`, as before.

use std::ops::Range;

use hashbrown::HashSet;

use super::compact::{CompactPage, EntryRef};
use super::index_words::{PackedPage, PackedVariant};
use super::word_table::WordTable;

/// Which pages hold each word: the site's words sorted, and for each the CBOR of its
/// pages (`PackedPage`s, page numbers delta-encoded), in page order.
pub(super) struct Postings {
    /// The site's words: `table.word(order[w])` is the `w`th in sorted order.
    table: WordTable,
    order: Vec<u32>,
    /// `encoded[starts[w]..starts[w + 1]]` are word `w`'s pages.
    starts: Vec<usize>,
    encoded: Vec<u8>,
    /// How many pages each word's bytes hold.
    page_counts: Vec<u32>,
    /// (word, page number, entry on that page) of every variant form's entry, by word and
    /// then page.
    variants: Vec<(u32, u32, u32)>,
    /// Each word's size as `chunk_index` counts it: one per page that has it, plus its
    /// locations there, plus one per distinct variant form.
    sizes: Vec<usize>,
}

/// What the first pass learns of each word, by the order words were met.
#[derive(Default)]
struct WordTally {
    /// Bytes of its pages' CBOR.
    bytes: usize,
    pages: u32,
    /// The first and the last page that had it (as a page, not a variant): the last for
    /// the next delta, the first to mend its delta when two tallies are merged.
    first_page: u32,
    last_page: u32,
    size: usize,
}

/// The first pass over some of the pages: their words numbered, each word's tally, and
/// each entry's word id, page by page.
struct Tally<'p> {
    table: WordTable,
    tallies: Vec<WordTally>,
    /// The variant forms met, by word id (each counts once in its word's size).
    forms: HashSet<(u32, &'p str)>,
    entry_ids: Vec<u32>,
}

impl<'p> Tally<'p> {
    /// The tally of the pages `range`; its entry ids get room for `capacity` (the first
    /// half's for both halves, so that merging does not copy them).
    fn of(
        pages: &'p [CompactPage],
        range: Range<usize>,
        field_ids: &[Vec<i32>],
        capacity: usize,
    ) -> Tally<'p> {
        let mut tally = Tally {
            table: WordTable::default(),
            tallies: Vec::new(),
            forms: HashSet::new(),
            entry_ids: Vec::with_capacity(capacity),
        };
        for page_number in range {
            let words = &pages[page_number].words;
            for entry in 0..words.len() {
                tally.add(
                    page_number as u32,
                    words.entry(entry),
                    &field_ids[page_number],
                );
            }
        }
        tally
    }

    fn add(&mut self, page_number: u32, entry: EntryRef<'p>, field_ids: &[i32]) {
        let (id, new) = self.table.id(entry.word);
        if new {
            self.tallies.push(WordTally::default());
        }
        let tally = &mut self.tallies[id as usize];
        tally.size += entry.locs.len() + entry.meta_locs.len() + 1;
        match entry.variant {
            Some(form) => {
                if self.forms.insert((id, form)) {
                    tally.size += 1;
                }
            }
            None => {
                let delta = page_number - tally.last_page;
                tally.bytes += page_len(delta, entry.locs, entry.meta_locs, field_ids);
                if tally.pages == 0 {
                    tally.first_page = page_number;
                }
                tally.last_page = page_number;
                tally.pages += 1;
            }
        }
        self.entry_ids.push(id);
    }

    /// This tally followed by `later`'s, of the pages after this one's: as one pass over
    /// both. A word's first page in `later` was measured with a delta from page 0; it is
    /// measured again from the word's last page here.
    fn merge(mut self, later: Tally<'p>) -> Tally<'p> {
        let ids: Vec<u32> = (0..later.table.len() as u32)
            .map(|id| {
                let (merged, new) = self.table.id(later.table.word(id));
                if new {
                    self.tallies.push(WordTally::default());
                }
                merged
            })
            .collect();
        for (id, more) in later.tallies.iter().enumerate() {
            let tally = &mut self.tallies[ids[id] as usize];
            tally.size += more.size;
            tally.bytes += more.bytes;
            if more.pages > 0 {
                if tally.pages > 0 {
                    let from_zero = head_len(more.first_page as u64);
                    let from_last = head_len((more.first_page - tally.last_page) as u64);
                    tally.bytes = tally.bytes + from_last - from_zero;
                } else {
                    tally.first_page = more.first_page;
                }
                tally.last_page = more.last_page;
                tally.pages += more.pages;
            }
        }
        for (id, form) in later.forms {
            if !self.forms.insert((ids[id as usize], form)) {
                // Counted in both: once is its share.
                self.tallies[ids[id as usize] as usize].size -= 1;
            }
        }
        self.entry_ids
            .extend(later.entry_ids.iter().map(|&id| ids[id as usize]));
        self
    }
}

impl Postings {
    /// Two passes over the pages in order: the first numbers the words and measures each
    /// one's bytes (part 23: two threads each tally half of the pages, then the tallies
    /// are merged); the second writes each entry into its word's place, so a word's pages
    /// come in page order. `field_ids` are each page's meta field ids in the index.
    pub(super) fn new(pages: &[CompactPage], field_ids: &[Vec<i32>]) -> Postings {
        let total: usize = pages.iter().map(|page| page.words.len()).sum();
        let mut seen = 0;
        let middle = pages
            .iter()
            .position(|page| {
                seen += page.words.len();
                seen > total / 2
            })
            .unwrap_or(pages.len());
        let later: usize = pages[middle..].iter().map(|page| page.words.len()).sum();
        let (first, second) = rayon::join(
            || Tally::of(pages, 0..middle, field_ids, total),
            || Tally::of(pages, middle..pages.len(), field_ids, later),
        );
        let Tally {
            table,
            tallies,
            entry_ids,
            ..
        } = first.merge(second);

        let words = table.len();
        let mut order: Vec<u32> = (0..words as u32).collect();
        order.sort_unstable_by_key(|&id| table.word(id));
        let mut rank = vec![0u32; words];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        let mut starts = Vec::with_capacity(words + 1);
        starts.push(0);
        for &id in &order {
            starts.push(starts.last().unwrap() + tallies[id as usize].bytes);
        }

        // Two threads each write the words of one half of the bytes, reading every page.
        let total_bytes = *starts.last().unwrap();
        let middle = starts
            .partition_point(|&start| start < total_bytes / 2)
            .min(words);
        let mut encoded = vec![0u8; total_bytes];
        let (low, high) = encoded.split_at_mut(starts[middle]);
        let pass = Pass {
            pages,
            field_ids,
            entry_ids: &entry_ids,
            rank: &rank,
            starts: &starts,
        };
        let (mut variants, high_variants) = rayon::join(
            || pass.write(0..middle, low),
            || pass.write(middle..words, high),
        );
        variants.extend(high_variants);

        Postings {
            page_counts: order.iter().map(|&id| tallies[id as usize].pages).collect(),
            sizes: order.iter().map(|&id| tallies[id as usize].size).collect(),
            table,
            order,
            starts,
            encoded,
            variants,
        }
    }

    /// How many words the site has.
    pub(super) fn len(&self) -> usize {
        self.order.len()
    }

    /// The `w`th word in sorted order.
    pub(super) fn word(&self, w: usize) -> &str {
        self.table.word(self.order[w])
    }

    /// Words cut into chunks as `chunk_index` cuts them: a chunk ends once its words'
    /// locations reach `chunk_size`.
    pub(super) fn chunks(&self, chunk_size: usize) -> Vec<Range<usize>> {
        let mut chunks = Vec::new();
        let mut start = 0;
        let mut size = 0;
        for (word, word_size) in self.sizes.iter().enumerate() {
            size += word_size;
            if size >= chunk_size {
                chunks.push(start..word + 1);
                start = word + 1;
                size = 0;
            }
        }
        if start < self.len() {
            chunks.push(start..self.len());
        }
        chunks
    }

    /// The chunk of the words `chunk`, as `encode_word_chunk` encodes their `PackedWord`s:
    /// a `WordIndex`, each word an array of the word, its pages and its variants.
    pub(super) fn encode_chunk(
        &self,
        chunk: Range<usize>,
        pages: &[CompactPage],
        field_ids: &[Vec<i32>],
    ) -> Vec<u8> {
        let bytes = self.starts[chunk.end] - self.starts[chunk.start];
        let mut out = Vec::with_capacity(bytes + 16 * chunk.len());
        head(&mut out, ARRAY, 1);
        head(&mut out, ARRAY, chunk.len() as u64);
        let first_variant = self
            .variants
            .partition_point(|v| (v.0 as usize) < chunk.start);
        let mut variants = self.variants[first_variant..].iter().peekable();
        for word in chunk {
            head(&mut out, ARRAY, 3);
            let text = self.word(word);
            head(&mut out, TEXT, text.len() as u64);
            out.extend_from_slice(text.as_bytes());
            head(&mut out, ARRAY, self.page_counts[word] as u64);
            out.extend_from_slice(&self.encoded[self.starts[word]..self.starts[word + 1]]);
            let mut own = Vec::new();
            while let Some(&&(w, page, entry)) = variants.peek() {
                if w as usize != word {
                    break;
                }
                own.push((page as usize, entry as usize));
                variants.next();
            }
            let packed = packed_variants(&own, pages, field_ids);
            minicbor::encode(packed, &mut out).expect("writing to a vector");
        }
        out
    }
}

/// A word's variant forms from its variant entries `(page, entry)` in page order, each
/// form's pages in that order, forms in the order they are first met (as `build_indexes`
/// merges them), page numbers delta-encoded per form (as `encode_word_chunk` does).
fn packed_variants(
    entries: &[(usize, usize)],
    pages: &[CompactPage],
    field_ids: &[Vec<i32>],
) -> Vec<PackedVariant> {
    let mut variants: Vec<PackedVariant> = Vec::new();
    let mut last_pages: Vec<usize> = Vec::new();
    for &(page_number, entry) in entries {
        let entry = pages[page_number].words.entry(entry);
        let form = entry.variant.expect("a variant entry");
        let v = match variants.iter().position(|v| v.form == form) {
            Some(v) => v,
            None => {
                variants.push(PackedVariant {
                    form: form.to_string(),
                    pages: Vec::new(),
                });
                last_pages.push(0);
                variants.len() - 1
            }
        };
        variants[v].pages.push(PackedPage {
            page_number: page_number - last_pages[v],
            locs: entry.locs.to_vec(),
            meta_locs: global_field_ids(entry.meta_locs, &field_ids[page_number]).collect(),
        });
        last_pages[v] = page_number;
    }
    variants
}

/// Meta locations with the page's field ids (the markers `-(id + 1)`) replaced by the
/// index's.
fn global_field_ids<'a>(
    meta_locs: &'a [i32],
    field_ids: &'a [i32],
) -> impl Iterator<Item = i32> + 'a {
    meta_locs.iter().map(|&n| match n {
        n if n < 0 => -(field_ids[(-n - 1) as usize] + 1),
        n => n,
    })
}

// CBOR (RFC 8949), as minicbor writes it: each item's head is its major type and its
// argument in the fewest bytes.
const UNSIGNED: u8 = 0;
const NEGATIVE: u8 = 1;
const TEXT: u8 = 3;
const ARRAY: u8 = 4;

fn head_len(argument: u64) -> usize {
    match argument {
        0..=23 => 1,
        24..=0xff => 2,
        0x100..=0xffff => 3,
        0x1_0000..=0xffff_ffff => 5,
        _ => 9,
    }
}

fn head(out: &mut Vec<u8>, major: u8, argument: u64) {
    let mut bytes = [0u8; 9];
    let len = head_into(&mut bytes, 0, major, argument);
    out.extend_from_slice(&bytes[..len]);
}

/// Writes a head at `at` in `out`; returns where it ends.
fn head_into(out: &mut [u8], at: usize, major: u8, argument: u64) -> usize {
    let major = major << 5;
    let len = head_len(argument);
    let out = &mut out[at..at + len];
    match len {
        1 => out[0] = major | argument as u8,
        2 => out.copy_from_slice(&[major | 24, argument as u8]),
        3 => {
            out[0] = major | 25;
            out[1..].copy_from_slice(&(argument as u16).to_be_bytes());
        }
        5 => {
            out[0] = major | 26;
            out[1..].copy_from_slice(&(argument as u32).to_be_bytes());
        }
        _ => {
            out[0] = major | 27;
            out[1..].copy_from_slice(&argument.to_be_bytes());
        }
    }
    at + len
}

/// An `i32` as (major type, argument).
fn int(n: i32) -> (u8, u64) {
    if n >= 0 {
        (UNSIGNED, n as u64)
    } else {
        (NEGATIVE, (-1 - n as i64) as u64)
    }
}

/// The second pass's inputs: the pages, and where each of their entries goes.
struct Pass<'p> {
    pages: &'p [CompactPage],
    field_ids: &'p [Vec<i32>],
    /// Each entry's word id, page by page.
    entry_ids: &'p [u32],
    /// Each word id's place in sorted order.
    rank: &'p [u32],
    starts: &'p [usize],
}

impl Pass<'_> {
    /// Writes the pages of the words `words` (in sorted order) into `out`, which starts at
    /// the first one's bytes; returns their variant entries, by word then page.
    fn write(&self, words: Range<usize>, out: &mut [u8]) -> Vec<(u32, u32, u32)> {
        let offset = self.starts[words.start];
        let mut next: Vec<usize> = self.starts[words.clone()]
            .iter()
            .map(|start| start - offset)
            .collect();
        let mut last_page = vec![0u32; words.len()];
        let mut variants = Vec::new();
        let mut ids = self.entry_ids.iter();
        for (page_number, page) in self.pages.iter().enumerate() {
            for entry in 0..page.words.len() {
                let r = self.rank[*ids.next().unwrap() as usize] as usize;
                if !words.contains(&r) {
                    continue;
                }
                let e = page.words.entry(entry);
                if e.variant.is_some() {
                    variants.push((r as u32, page_number as u32, entry as u32));
                    continue;
                }
                let w = r - words.start;
                let delta = page_number as u32 - last_page[w];
                last_page[w] = page_number as u32;
                let field_ids = &self.field_ids[page_number];
                next[w] = write_page(out, next[w], delta, e.locs, e.meta_locs, field_ids);
            }
        }
        debug_assert!(next
            .iter()
            .zip(&self.starts[words.start + 1..=words.end])
            .all(|(&end, &start)| end == start - offset));
        variants.sort_by_key(|&(word, _, _)| word);
        variants
    }
}

/// The length of a `PackedPage` (page number `delta`) as `write_page` writes it.
fn page_len(delta: u32, locs: &[i32], meta_locs: &[i32], field_ids: &[i32]) -> usize {
    1 + head_len(delta as u64)
        + head_len(locs.len() as u64)
        + locs.iter().map(|&n| head_len(int(n).1)).sum::<usize>()
        + head_len(meta_locs.len() as u64)
        + global_field_ids(meta_locs, field_ids)
            .map(|n| head_len(int(n).1))
            .sum::<usize>()
}

/// Writes a `PackedPage` (page number `delta`, meta locations with the index's field
/// ids) at `at` in `out`; returns where it ends.
fn write_page(
    out: &mut [u8],
    mut at: usize,
    delta: u32,
    locs: &[i32],
    meta_locs: &[i32],
    field_ids: &[i32],
) -> usize {
    at = head_into(out, at, ARRAY, 3);
    at = head_into(out, at, UNSIGNED, delta as u64);
    at = head_into(out, at, ARRAY, locs.len() as u64);
    for &n in locs {
        let (major, argument) = int(n);
        at = head_into(out, at, major, argument);
    }
    at = head_into(out, at, ARRAY, meta_locs.len() as u64);
    for n in global_field_ids(meta_locs, field_ids) {
        let (major, argument) = int(n);
        at = head_into(out, at, major, argument);
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(major: u8, argument: u64) -> Vec<u8> {
        let mut out = Vec::new();
        head(&mut out, major, argument);
        out
    }

    /// Heads and integers at every length's bounds are the bytes minicbor writes.
    #[test]
    fn numbers_are_written_as_minicbor_writes_them() {
        let bounds = [
            0u64,
            1,
            23,
            24,
            255,
            256,
            65_535,
            65_536,
            4_294_967_295,
            4_294_967_296,
        ];
        for n in bounds {
            let mut expected = minicbor::Encoder::new(Vec::new());
            expected.u64(n).unwrap();
            assert_eq!(written(UNSIGNED, n), expected.into_writer(), "{n}");
            let mut expected = minicbor::Encoder::new(Vec::new());
            expected.array(n).unwrap();
            assert_eq!(written(ARRAY, n), expected.into_writer(), "array of {n}");
        }
        let ints = [
            0,
            23,
            24,
            -1,
            -24,
            -25,
            -256,
            -257,
            65_536,
            -65_537,
            i32::MAX,
            i32::MIN,
        ];
        for n in ints {
            let mut expected = minicbor::Encoder::new(Vec::new());
            expected.i32(n).unwrap();
            let (major, argument) = int(n);
            assert_eq!(written(major, argument), expected.into_writer(), "{n}");
        }
    }

    /// A page written in place is the `PackedPage` minicbor encodes, and `page_len` is its
    /// length, with the meta locations' field markers made the index's.
    #[test]
    fn a_page_is_written_as_a_packed_page() {
        let locs = [0, 5, 300, 70_000];
        let meta_locs = [-1, 0, 2, -2, 40];
        let field_ids = [30, 1];
        for delta in [0u32, 24, 1_000, 100_000] {
            let expected = minicbor::to_vec(PackedPage {
                page_number: delta as usize,
                locs: locs.to_vec(),
                meta_locs: vec![-31, 0, 2, -2, 40],
            })
            .unwrap();
            let length = page_len(delta, &locs, &meta_locs, &field_ids);
            let mut out = vec![0u8; length + 3];
            let end = write_page(&mut out, 3, delta, &locs, &meta_locs, &field_ids);
            assert_eq!(&out[3..end], expected, "{delta}");
            assert_eq!(end - 3, length);
        }
    }
}
