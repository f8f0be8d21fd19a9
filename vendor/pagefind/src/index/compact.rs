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

use anyhow::Result;
use hashbrown::HashMap;
use rayon::prelude::*;

use sha2::{Digest, Sha256};

use super::page_words::{self, PageWords};
use super::postings::Postings;
use super::{
    assemble, chunk_meta_from_bounds, meta_field_names, sort_orders, ChunkBytes, FilterMap,
    FragmentNames, IndexParts, IntermediaryPageData,
};
use crate::fossick::FossickedData;
use crate::output::KeptCompressedFiles;
use crate::utils::full_hash;
use crate::SearchOptions;

/// Part of every chunk's inputs hash (part 10): bumped when what a chunk is made from, or
/// how, changes.
const CHUNK_INPUTS_FORMAT: &str = "pagefind 1.6.0 dossier word chunk 2";

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
    pub(super) words: CompactWords,
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
pub(super) struct CompactWords {
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
pub(super) struct EntryRef<'a> {
    pub(super) word: &'a str,
    pub(super) variant: Option<&'a str>,
    pub(super) locs: &'a [i32],
    pub(super) meta_locs: &'a [i32],
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

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.entries.shrink_to_fit();
        self.numbers.shrink_to_fit();
    }

    /// How many entries the page has.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(super) fn entry(&self, i: usize) -> EntryRef<'_> {
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
/// With `kept` (part 10), each word-index chunk is then looked up by a SHA-256 of its
/// bytes (`chunk_inputs`): one an earlier build made the same is reused as it was kept,
/// gzipped, and is neither hashed for its name nor compressed again; the others are
/// gzipped here and given to `kept`. (Before part 22 the inputs were the entries' hashes,
/// and a chunk found was not built either; building one is now a copy.)
pub async fn build_compact_indexes(
    mut pages: Vec<CompactPage>,
    language: String,
    options: &SearchOptions,
    kept: Option<&dyn KeptCompressedFiles>,
) -> Result<PagefindIndexes> {
    let (sorts, meta_sorts) = sort_orders(pages.iter().map(|page| &page.sort), options);
    let meta_fields = meta_field_names(pages.iter().flat_map(|page| page.meta_fields.iter()));

    let bundles = options.max_fragments.is_some_and(|m| m > 0);
    let fragments_gz: Vec<Vec<u8>> = (pages.iter_mut())
        .map(|page| std::mem::take(&mut page.fragment_gz))
        .collect();

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

    // The fragments are named while the postings are made (part 23).
    let ((filter_map, fragments), postings) = rayon::join(
        || name_fragments(&pages, fragments_gz, &language, bundles),
        || Postings::new(&pages, &field_ids),
    );
    let chunks = postings.chunks(options.index_chunk_size);
    let index_chunks = chunk_meta_from_bounds(chunks.iter().map(|chunk| {
        (
            postings.word(chunk.start).to_string(),
            postings.word(chunk.end - 1).to_string(),
        )
    }));
    let shared_inputs = shared_chunk_inputs(&language);
    let encoded_chunks: Vec<(ChunkBytes, String)> = chunks
        .into_par_iter()
        .map(|chunk| {
            let bytes = postings.encode_chunk(chunk, &pages, &field_ids);
            let Some(kept) = kept else {
                let hash = chunk_name(&bytes, &language);
                return (ChunkBytes::Plain(bytes), hash);
            };
            let inputs = chunk_inputs(&bytes, shared_inputs.clone());
            let usable = |hash: &str| {
                // Sliced by `assemble`: a name of another shape is not reused.
                hash.len() > language.len() + 8 && hash.starts_with(&format!("{language}_"))
            };
            match kept.get_chunk(&inputs) {
                Some((hash, gz)) if usable(&hash) => (ChunkBytes::Gzipped(gz), hash),
                _ => {
                    let hash = chunk_name(&bytes, &language);
                    let gz = crate::output::gzip(&[&bytes]);
                    kept.keep_chunk(&inputs, &hash, &gz);
                    (ChunkBytes::Gzipped(gz), hash)
                }
            }
        })
        .collect();
    let word_count = postings.len();
    // The pages' words are all in the chunks now: freed (~400,000 allocations at 10,000
    // articles) while the files are made.
    rayon::spawn(move || drop((postings, pages)));

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

/// Each filter value's pages, and each page's fragment with its name.
fn name_fragments(
    pages: &[CompactPage],
    fragments_gz: Vec<Vec<u8>>,
    language: &str,
    bundles: bool,
) -> (FilterMap, FragmentNames) {
    let mut filter_map: FilterMap = HashMap::new();
    let mut fragments = FragmentNames::default();
    for ((page_number, page), fragment_gz) in pages.iter().enumerate().zip(fragments_gz) {
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
                crate::output::gunzip(&fragment_gz)
            } else {
                String::new()
            },
            compressed: Some(fragment_gz),
            word_count: page.word_count,
            page_number,
        };
        fragments.add(encoded_page, language);
    }
    (filter_map, fragments)
}

/// A word-index chunk's name, as `encode_word_chunk` names it.
fn chunk_name(bytes: &[u8], language: &str) -> String {
    format!("{}_{}", language, full_hash(bytes))
}

/// The start of every chunk's inputs hash: the format, and the language (each chunk's
/// name begins with it).
fn shared_chunk_inputs(language: &str) -> Sha256 {
    let mut hash = Sha256::new();
    hash_part(&mut hash, CHUNK_INPUTS_FORMAT.as_bytes());
    hash_part(&mut hash, language.as_bytes());
    hash
}

/// A SHA-256 of what a chunk is made from (part 10): `shared` (the format and the
/// language), then the chunk's bytes (part 22: they are at hand before it is compressed).
/// Chunks with the same inputs are the same.
fn chunk_inputs(bytes: &[u8], mut shared: Sha256) -> [u8; 32] {
    hash_part(&mut shared, bytes);
    shared.finalize().into()
}

/// `part` behind its length, so that no two sequences of parts hash the same.
fn hash_part(hash: &mut Sha256, part: &[u8]) {
    hash.update((part.len() as u64).to_le_bytes());
    hash.update(part);
}
