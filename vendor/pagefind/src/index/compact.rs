//! dossier patch: an index builder for sites held in memory that keeps memory low.
//!
//! `build_indexes` needs every page's `FossickedData` at once: each word of each page is a
//! hash-map entry with a vector of 32-byte positions, about 32 KB for a 650-word page, and
//! a site's HTML is usually kept until all of it has been fossicked. Here each page is
//! packed as soon as it is fossicked (`CompactPage::new`, on whichever thread rendered it),
//! into the locations the index stores (delta-encoded `i32`s, as `PackedPage::locs`) and
//! one string of its words: a few KB. `build_compact_indexes` then lists which pages hold
//! each word and encodes the word index one chunk at a time, so the site's whole inverted
//! index never exists in memory as `PackedWord`s. The files are the same, byte for byte,
//! as `build_indexes` writes for the same pages in the same order.

use std::collections::BTreeMap;
use std::ops::Range;

use anyhow::Result;
use hashbrown::{HashMap, HashSet};
use rayon::prelude::*;

use super::index_words::{PackedPage, PackedVariant, PackedWord};
use sha2::{Digest, Sha256};
use siphasher::sip::SipHasher13;
use std::hash::Hasher;

use super::{
    assemble, chunk_meta_from_bounds, encode_word_chunk, meta_field_names, sort_orders,
    ChunkBytes, FilterMap, FragmentNames, IndexParts, IntermediaryPageData,
};
use super::page_words::{self, PageWords};
use crate::fossick::FossickedData;
use crate::output::KeptCompressedFiles;
use crate::utils::full_hash;
use crate::SearchOptions;

/// Part of every chunk's inputs hash (part 10): bumped when what a chunk is made from, or
/// how, changes.
const CHUNK_INPUTS_FORMAT: &str = "pagefind 1.6.0 dossier word chunk 1";

use super::PagefindIndexes;

/// One fossicked page, reduced to what its language's index needs. It can be stored and
/// read back (serde) so that a caller can keep the pages it packed for a later build.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct CompactPage {
    pub(crate) language: String,
    pub(crate) has_custom_body: bool,
    pub(crate) force_inclusion: bool,
    pub(crate) has_default_ui_reference: bool,
    pub(crate) has_words: bool,
    sort: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
    /// The page's metadata field names, sorted: its meta locations number fields by their
    /// position here.
    meta_fields: Vec<String>,
    word_count: usize,
    /// The full hash of the page's fragment (JSON).
    fragment_hash: String,
    /// The fragment file's bytes (its JSON gzipped), made on the thread that packed the
    /// page, and kept with it by a caller that stores packed pages (part 8). The JSON
    /// itself is not kept: it is read back only to bundle fragments (`max_fragments`).
    fragment_gz: Vec<u8>,
    words: CompactWords,
}

impl CompactPage {
    pub(crate) fn new(page: FossickedData<PageWords>) -> CompactPage {
        let FossickedData {
            fragment,
            word_data,
            mut meta_word_data,
            sort,
            has_custom_body,
            force_inclusion,
            has_default_ui_reference,
            language,
            ..
        } = page;
        let has_words = !word_data.is_empty();
        let mut words = CompactWords::default();
        let mut push = |word: &str, form: Option<&str>, locs: &[i32], meta_locs: &[i32]| {
            words.push(word, form, locs, meta_locs)
        };
        word_data.into_entries(&mut meta_word_data, &mut push);
        for (word, meta_positions) in meta_word_data {
            page_words::meta_entries(&word, meta_positions, &mut push);
        }
        words.shrink_to_fit();
        let fragment_json = serde_json::to_string(&fragment.data).unwrap();
        CompactPage {
            language,
            has_custom_body,
            force_inclusion,
            has_default_ui_reference,
            has_words,
            sort,
            meta_fields: fragment.data.meta.keys().cloned().collect(),
            filters: fragment.data.filters,
            word_count: fragment.data.word_count,
            fragment_hash: full_hash(fragment_json.as_bytes()),
            fragment_gz: crate::output::gzip(&[fragment_json.as_bytes()]),
            words,
        }
    }
}

/// A page's words, flat: each entry is a word (or a diacritic variant of one) with its
/// locations in the page's content and in its metadata.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct CompactWords {
    /// Every entry's word, then its variant form if it is one, one after the other.
    text: String,
    entries: Vec<WordEntry>,
    /// Every entry's locations, then its meta locations, one after the other.
    numbers: Vec<i32>,
}

/// Where an entry's parts end in `CompactWords::text` and `CompactWords::numbers` (each
/// starts where the previous entry's last part ended).
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
struct WordEntry {
    word_end: u32,
    form_end: u32,
    locs_end: u32,
    meta_locs_end: u32,
    variant: bool,
}

/// One entry, read back.
struct EntryRef<'a> {
    word: &'a str,
    variant: Option<&'a str>,
    locs: &'a [i32],
    meta_locs: &'a [i32],
}

impl CompactWords {
    fn push(&mut self, word: &str, variant: Option<&str>, locs: &[i32], meta_locs: &[i32]) {
        self.text.push_str(word);
        let word_end = self.text.len() as u32;
        self.text.push_str(variant.unwrap_or(""));
        self.numbers.extend_from_slice(locs);
        let locs_end = self.numbers.len() as u32;
        self.numbers.extend_from_slice(meta_locs);
        self.entries.push(WordEntry {
            word_end,
            form_end: self.text.len() as u32,
            locs_end,
            meta_locs_end: self.numbers.len() as u32,
            variant: variant.is_some(),
        });
    }

    /// A 64-bit hash of each entry's content as a chunk encodes it: its variant form, its
    /// locations and its meta locations with the index's field ids (`field_ids`), so an
    /// entry hashes the same wherever it is on its page and whichever build made it
    /// (part 10). SipHash-1-3 with fixed keys: stable, and two different entries share a
    /// hash with a chance of 2^-64, against the handful of entries an edit changes.
    fn entry_hashes(&self, field_ids: &[i32]) -> Vec<u64> {
        (0..self.entries.len())
            .map(|i| {
                let entry = self.entry(i);
                let mut hash =
                    SipHasher13::new_with_keys(0x646f_7373_6965_7220, 0x0070_6172_7420_3130);
                match entry.variant {
                    None => hash.write_u8(0),
                    Some(form) => {
                        hash.write_u8(1);
                        hash.write_u64(form.len() as u64);
                        hash.write(form.as_bytes());
                    }
                }
                hash.write_u64(entry.locs.len() as u64);
                for &n in entry.locs {
                    hash.write_i32(n);
                }
                let meta_locs = global_field_ids(entry.meta_locs, field_ids);
                hash.write_u64(meta_locs.len() as u64);
                for n in meta_locs {
                    hash.write_i32(n);
                }
                hash.finish()
            })
            .collect()
    }

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.entries.shrink_to_fit();
        self.numbers.shrink_to_fit();
    }

    fn entry(&self, i: usize) -> EntryRef<'_> {
        let (text_start, numbers_start) = match i {
            0 => (0, 0),
            _ => {
                let previous = self.entries[i - 1];
                (previous.form_end as usize, previous.meta_locs_end as usize)
            }
        };
        let e = self.entries[i];
        let (word_end, form_end) = (e.word_end as usize, e.form_end as usize);
        let (locs_end, meta_locs_end) = (e.locs_end as usize, e.meta_locs_end as usize);
        EntryRef {
            word: &self.text[text_start..word_end],
            variant: e.variant.then(|| &self.text[word_end..form_end]),
            locs: &self.numbers[numbers_start..locs_end],
            meta_locs: &self.numbers[locs_end..meta_locs_end],
        }
    }
}

/// Builds a language's index from its pages, in page order. Produces the same files as
/// `build_indexes` would from the pages' `FossickedData`.
///
/// With `kept` (part 10), each word-index chunk is first looked up by a SHA-256 of its
/// inputs (`Postings::chunk_inputs`): one an earlier build made from the same inputs is
/// reused as it was kept, gzipped, and is neither built nor compressed again; the others
/// are built, gzipped here and given to `kept`. After a small edit most chunks are reused:
/// building them was most of the index's time in such a rebuild.
pub async fn build_compact_indexes(
    mut pages: Vec<CompactPage>,
    language: String,
    options: &SearchOptions,
    kept: Option<&dyn KeptCompressedFiles>,
) -> Result<PagefindIndexes> {
    let (sorts, meta_sorts) = sort_orders(pages.iter().map(|page| &page.sort), options);
    let meta_fields = meta_field_names(pages.iter().flat_map(|page| page.meta_fields.iter()));

    let mut filter_map: FilterMap = HashMap::new();
    let mut fragments = FragmentNames::default();
    let bundles = options.max_fragments.is_some_and(|m| m > 0);
    for (page_number, page) in pages.iter_mut().enumerate() {
        for (filter, values) in &page.filters {
            for value in values {
                filter_map
                    .entry(filter.clone())
                    .or_default()
                    .entry(value.clone())
                    .or_default()
                    .push(page_number);
            }
        }
        let encoded_page = IntermediaryPageData {
            full_hash: format!("{}_{}", language, page.fragment_hash),
            encoded_data: if bundles {
                crate::output::gunzip(&page.fragment_gz)
            } else {
                String::new()
            },
            compressed: Some(std::mem::take(&mut page.fragment_gz)),
            word_count: page.word_count,
            page_number,
        };
        fragments.add(encoded_page, &language);
    }

    // Each page's meta field ids, as ids among every page's fields. Both lists are sorted,
    // so the order of a page's meta locations stays the same.
    let field_ids: Vec<Vec<i32>> = pages
        .iter()
        .map(|page| {
            page.meta_fields
                .iter()
                .map(|name| meta_fields.iter().position(|f| f == name).unwrap() as i32)
                .collect()
        })
        .collect();

    // With `kept`, each entry's hash, page by page (part 10).
    let entry_hashes: Option<Vec<Vec<u64>>> = kept.map(|_| {
        (pages.par_iter().zip(&field_ids))
            .map(|(page, ids)| page.words.entry_hashes(ids))
            .collect()
    });
    let postings = Postings::new(&pages, entry_hashes);
    let chunks = postings.chunks(options.index_chunk_size);
    let index_chunks = chunk_meta_from_bounds(chunks.iter().map(|chunk| {
        (
            postings.words[chunk.start].to_string(),
            postings.words[chunk.end - 1].to_string(),
        )
    }));
    let encode = |chunk: Range<usize>| {
        let words = chunk
            .map(|word| postings.packed_word(word, &pages, &field_ids))
            .collect();
        encode_word_chunk(words, &language)
    };
    let shared_inputs = shared_chunk_inputs(&language);
    let encoded_chunks: Vec<(ChunkBytes, String)> = chunks
        .into_par_iter()
        .map(|chunk| {
            let Some(kept) = kept else {
                let (bytes, hash) = encode(chunk);
                return (ChunkBytes::Plain(bytes), hash);
            };
            let inputs = postings.chunk_inputs(chunk.clone(), shared_inputs.clone());
            let usable = |hash: &str| {
                // Sliced by `assemble`: a name of another shape is not reused.
                hash.len() > language.len() + 8 && hash.starts_with(&format!("{language}_"))
            };
            match kept.get_chunk(&inputs) {
                Some((hash, gz)) if usable(&hash) => (ChunkBytes::Gzipped(gz), hash),
                _ => {
                    let (bytes, hash) = encode(chunk);
                    let gz = crate::output::gzip(&[&bytes]);
                    kept.keep_chunk(&inputs, &hash, &gz);
                    (ChunkBytes::Gzipped(gz), hash)
                }
            }
        })
        .collect();
    let word_count = postings.words.len();
    // The pages' words are all in the chunks now: free them before the files are made.
    drop(postings);
    drop(pages);

    assemble(
        IndexParts {
            sorts,
            meta_sorts,
            meta_fields,
            filter_map,
            fragments,
            index_chunks,
            encoded_chunks,
            word_count,
        },
        language,
        options,
    )
}

/// Which pages hold each word: the site's words sorted, and for each the entries of the
/// pages that have it, in page order.
struct Postings<'a> {
    words: Vec<&'a str>,
    /// `entries[starts[w]..starts[w + 1]]` are word `w`'s.
    starts: Vec<usize>,
    /// (page number, entry on that page).
    entries: Vec<(u32, u32)>,
    /// Each entry's hash, in the order of `entries`, when they were given (part 10).
    hashes: Vec<u64>,
    /// Each word's size as `chunk_index` counts it: one per page that has it, plus its
    /// locations there, plus one per distinct variant form.
    sizes: Vec<usize>,
}

impl<'a> Postings<'a> {
    /// Two passes over the pages in order, no sort of the entries: the first numbers the
    /// words and counts each one's entries and size; the second puts each entry in its
    /// word's place, so a word's entries come in page order. (Sorting millions of
    /// entries, then reading every page's entries again at random to size the chunks,
    /// were most of a warm build's index time.)
    fn new(pages: &'a [CompactPage], entry_hashes: Option<Vec<Vec<u64>>>) -> Postings<'a> {
        let total: usize = pages.iter().map(|page| page.words.entries.len()).sum();
        let mut ids: HashMap<&'a str, u32> = HashMap::new();
        let mut words: Vec<&'a str> = Vec::new();
        let mut counts: Vec<usize> = Vec::new();
        let mut sizes: Vec<usize> = Vec::new();
        let mut forms: HashSet<(u32, &'a str)> = HashSet::new();
        let mut entry_ids: Vec<u32> = Vec::with_capacity(total);
        for page in pages {
            for entry in 0..page.words.entries.len() {
                let entry = page.words.entry(entry);
                let id = *ids.entry(entry.word).or_insert_with(|| {
                    words.push(entry.word);
                    counts.push(0);
                    sizes.push(0);
                    words.len() as u32 - 1
                });
                let w = id as usize;
                counts[w] += 1;
                sizes[w] += entry.locs.len() + entry.meta_locs.len() + 1;
                if let Some(form) = entry.variant {
                    if forms.insert((id, form)) {
                        sizes[w] += 1;
                    }
                }
                entry_ids.push(id);
            }
        }
        drop((ids, forms));
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        order.sort_unstable_by_key(|&id| words[id as usize]);
        let mut rank = vec![0u32; words.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        let mut starts = Vec::with_capacity(words.len() + 1);
        starts.push(0);
        for &id in &order {
            starts.push(starts.last().unwrap() + counts[id as usize]);
        }
        let mut next = starts.clone();
        let mut entries = vec![(0u32, 0u32); total];
        let mut hashes = vec![0u64; if entry_hashes.is_some() { total } else { 0 }];
        let mut ids = entry_ids.iter();
        // Each page's hashes are freed once copied: both lists at once are ~45 MB each at
        // 40,000 pages, at the build's peak of memory.
        let mut entry_hashes = entry_hashes.map(Vec::into_iter);
        for (page_number, page) in pages.iter().enumerate() {
            let page_hashes = entry_hashes.as_mut().and_then(Iterator::next);
            for entry in 0..page.words.entries.len() {
                let r = rank[*ids.next().unwrap() as usize] as usize;
                entries[next[r]] = (page_number as u32, entry as u32);
                if let Some(page_hashes) = &page_hashes {
                    hashes[next[r]] = page_hashes[entry];
                }
                next[r] += 1;
            }
        }
        Postings {
            words: order.iter().map(|&id| words[id as usize]).collect(),
            starts,
            entries,
            hashes,
            sizes: order.iter().map(|&id| sizes[id as usize]).collect(),
        }
    }

    /// A SHA-256 of everything `packed_word` and `encode_word_chunk` read for the words
    /// `chunk`: `shared` (the format and the language), then each word and, for each of
    /// its entries, the page's number and the entry's hash (its content). Chunks with the
    /// same inputs encode to the same bytes. Needs the entries' hashes.
    fn chunk_inputs(&self, chunk: Range<usize>, mut shared: Sha256) -> [u8; 32] {
        // Hashed in one go: hundreds of thousands of entries, each a few small parts.
        let mut bytes = Vec::new();
        for word in chunk {
            let text = self.words[word].as_bytes();
            bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
            bytes.extend_from_slice(text);
            let range = self.starts[word]..self.starts[word + 1];
            bytes.extend_from_slice(&(range.len() as u64).to_le_bytes());
            for (&(page, _), hash) in self.entries[range.clone()].iter().zip(&self.hashes[range]) {
                bytes.extend_from_slice(&page.to_le_bytes());
                bytes.extend_from_slice(&hash.to_le_bytes());
            }
        }
        shared.update(&bytes);
        shared.finalize().into()
    }

    fn of(&self, word: usize) -> &[(u32, u32)] {
        &self.entries[self.starts[word]..self.starts[word + 1]]
    }

    /// Words cut into chunks as `chunk_index` cuts them: a chunk ends once its words'
    /// locations reach `chunk_size`.
    fn chunks(&self, chunk_size: usize) -> Vec<Range<usize>> {
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
        if start < self.words.len() {
            chunks.push(start..self.words.len());
        }
        chunks
    }

    /// A word with its locations on every page, as `build_indexes` merges it.
    fn packed_word(
        &self,
        word: usize,
        pages: &[CompactPage],
        field_ids: &[Vec<i32>],
    ) -> PackedWord {
        let mut packed = PackedWord {
            word: self.words[word].to_string(),
            pages: Vec::new(),
            additional_variants: Vec::new(),
        };
        for &(page_number, entry) in self.of(word) {
            let page_number = page_number as usize;
            let entry = pages[page_number].words.entry(entry as usize);
            let page = PackedPage {
                page_number,
                locs: entry.locs.to_vec(),
                meta_locs: global_field_ids(entry.meta_locs, &field_ids[page_number]),
            };
            match entry.variant {
                None => packed.pages.push(page),
                Some(form) => match packed
                    .additional_variants
                    .iter_mut()
                    .find(|v| v.form == form)
                {
                    Some(variant) => variant.pages.push(page),
                    None => packed.additional_variants.push(PackedVariant {
                        form: form.to_string(),
                        pages: vec![page],
                    }),
                },
            }
        }
        packed
    }
}

/// The start of every chunk's inputs hash: the format, and the language (each chunk's
/// name begins with it).
fn shared_chunk_inputs(language: &str) -> Sha256 {
    let mut hash = Sha256::new();
    hash_part(&mut hash, CHUNK_INPUTS_FORMAT.as_bytes());
    hash_part(&mut hash, language.as_bytes());
    hash
}

/// `part` behind its length, so that no two sequences of parts hash the same.
fn hash_part(hash: &mut Sha256, part: &[u8]) {
    hash.update((part.len() as u64).to_le_bytes());
    hash.update(part);
}

/// Meta locations with the page's field ids (the markers `-(id + 1)`) replaced by the
/// index's.
fn global_field_ids(meta_locs: &[i32], field_ids: &[i32]) -> Vec<i32> {
    meta_locs
        .iter()
        .map(|&n| match n {
            n if n < 0 => -(field_ids[(-n - 1) as usize] + 1),
            n => n,
        })
        .collect()
}
