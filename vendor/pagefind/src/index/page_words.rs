//! dossier patch (part 18): a page's indexed words as `parse_digest` finds them, one flat
//! list of occurrences, turned into the page's index entries without a map of vectors.
//!
//! Pagefind's `FossickedData` keeps a vector of positions per word, each with its own
//! `Option<String>`, and packing a page then grouped each word's positions again (a
//! `BTreeMap` of forms, a vector per group, a sort key per position): most of a page's
//! allocations, for ~600 distinct words a page. Here a word and a variant form are numbered
//! once per page, an occurrence is 16 bytes, and the entries are made from one pass that
//! sorts the occurrences by word.

use std::collections::BTreeMap;

use hashbrown::HashMap;

use super::meta_positions_to_packed;
use super::word_table::{WordList, WordTable};
use crate::fossick::known_words::NOT_ON_PAGE;
#[cfg(test)]
use crate::fossick::FossickedWord;
use crate::fossick::{MetaFossickedWord, Stems, WordSink};

/// A page's words, each occurrence in the order read.
#[derive(Debug, Clone, Default)]
pub struct PageWords {
    /// Each word's number in the thread's `Stems`, by its number on the page (part 25:
    /// numbered through `Stems::on_page`, without hashing the word again).
    stems: Vec<u32>,
    /// Each word's text, by its number on the page, once the page is read.
    words: WordList,
    /// Each variant form's number on the page (a word as written, when its indexed form
    /// differs), plus one: 0 is the word as indexed.
    forms: WordTable,
    occurrences: Vec<Occurrence>,
}

#[derive(Debug, Clone, Copy)]
struct Occurrence {
    word: u32,
    form: u32,
    position: u32,
    weight: u8,
}

impl WordSink for PageWords {
    fn add(
        &mut self,
        stems: &mut Stems,
        stem: u32,
        position: u32,
        weight: u8,
        original: Option<&str>,
    ) {
        let word = self.word_number(stems, stem);
        let form = original.map_or(0, |form| self.form_number(form));
        self.occurrences.push(Occurrence {
            word,
            form,
            position,
            weight,
        });
    }

    fn add_once(
        &mut self,
        stems: &mut Stems,
        stem: u32,
        position: u32,
        weight: u8,
        original: Option<&str>,
    ) {
        let word = self.word_number(stems, stem);
        // Every occurrence added since the word at `position` began is at `position - 1`
        // or later, and every earlier one is before `position`: so the occurrences at
        // `position` are among the last ones, back to the first before `position - 1`.
        let already = (self.occurrences.iter().rev())
            .take_while(|o| o.position + 1 >= position)
            .any(|o| o.word == word && o.position == position);
        if !already {
            self.add(stems, stem, position, weight, original);
        }
    }

    /// Copies the page's words out of `stems`, and clears their numbers on the page there.
    fn finish(&mut self, stems: &mut Stems) {
        for &stem in &self.stems {
            self.words.push(stems.word(stem));
            stems.on_page[stem as usize] = NOT_ON_PAGE;
        }
    }
}

impl PageWords {
    pub fn is_empty(&self) -> bool {
        self.occurrences.is_empty()
    }

    fn word_number(&mut self, stems: &mut Stems, stem: u32) -> u32 {
        let number = &mut stems.on_page[stem as usize];
        if *number == NOT_ON_PAGE {
            *number = self.stems.len() as u32;
            self.stems.push(stem);
        }
        *number
    }

    fn form_number(&mut self, form: &str) -> u32 {
        self.forms.id(form).0 + 1
    }

    /// Gives each entry of the page, as (word, variant form, locations, meta locations), in
    /// the order Pagefind's `build_indexes` meets them for each word: the word's own
    /// locations, then its variants found in the content (by form), then variants found
    /// only in its metadata (by form). A word's metadata positions are taken from `meta`;
    /// the words left there are found only in the metadata.
    pub(crate) fn into_entries(
        self,
        meta: &mut HashMap<String, Vec<MetaFossickedWord>>,
        mut entry: impl FnMut(&str, Option<&str>, &[i32], &[i32]),
    ) {
        debug_assert_eq!(self.words.len(), self.stems.len(), "the page is finished");
        let words: Vec<&str> = (0..self.words.len() as u32)
            .map(|number| self.words.word(number))
            .collect();
        let forms: Vec<&str> = std::iter::once("")
            .chain((0..self.forms.len() as u32).map(|number| self.forms.word(number)))
            .collect();
        let form_ranks = ranks(&forms);
        let (starts, mut by_word) = by_word(&self.occurrences, words.len());
        let mut locs = Vec::new();
        for (number, word) in words.iter().enumerate() {
            let occurrences = &mut by_word[starts[number]..starts[number + 1]];
            // By form (the word itself first, then forms in order), then as
            // `positions_to_packed_page` orders positions. Read in order, a word's
            // occurrences are already by position: the sort is needed only for a word
            // with variants or with weights other than 1.
            // Part 26: by the forms' ranks, numbers (comparing the forms' strings for each
            // pair of occurrences was ~5% of packing a page).
            if occurrences.iter().any(|o| o.form != 0 || o.weight != 25) {
                occurrences.sort_unstable_by_key(|o| {
                    (
                        form_ranks[o.form as usize],
                        weight_order(o.weight),
                        o.position,
                    )
                });
            }
            let (meta_itself, mut meta_variants) = split_forms(meta.remove(*word));
            let itself = occurrences.partition_point(|o| o.form == 0);
            if itself > 0 || !meta_itself.is_empty() {
                encode_locations(&occurrences[..itself], &mut locs);
                entry(word, None, &locs, &meta_positions_to_packed(meta_itself));
            }
            for variant in occurrences[itself..].chunk_by(|a, b| a.form == b.form) {
                let form = forms[variant[0].form as usize];
                encode_locations(variant, &mut locs);
                let meta_locs = (meta_variants.remove(form))
                    .map(meta_positions_to_packed)
                    .unwrap_or_default();
                entry(word, Some(form), &locs, &meta_locs);
            }
            for (form, positions) in meta_variants {
                entry(word, Some(&form), &[], &meta_positions_to_packed(positions));
            }
        }
    }
}

/// The entries of a word found only in a page's metadata, as `PageWords::into_entries`
/// gives them.
pub(crate) fn meta_entries(
    word: &str,
    positions: Vec<MetaFossickedWord>,
    mut entry: impl FnMut(&str, Option<&str>, &[i32], &[i32]),
) {
    let (itself, variants) = split_forms(Some(positions));
    if !itself.is_empty() {
        entry(word, None, &[], &meta_positions_to_packed(itself));
    }
    for (form, positions) in variants {
        entry(word, Some(&form), &[], &meta_positions_to_packed(positions));
    }
}

/// The occurrences grouped by word, each word's in the order read (a counting sort), and
/// where each word's begin (`starts[w]..starts[w + 1]`).
fn by_word(occurrences: &[Occurrence], words: usize) -> (Vec<usize>, Vec<Occurrence>) {
    let mut starts = vec![0; words + 1];
    for o in occurrences {
        starts[o.word as usize + 1] += 1;
    }
    for w in 0..words {
        starts[w + 1] += starts[w];
    }
    let mut next = starts.clone();
    let mut grouped = occurrences.to_vec();
    for &o in occurrences {
        grouped[next[o.word as usize]] = o;
        next[o.word as usize] += 1;
    }
    (starts, grouped)
}

/// Each form's rank in the order the entries take them: the word itself (`""`, form 0)
/// first, then the variant forms by their text. Occurrences equal in rank, weight and
/// position are equal in all that is kept of them, so their order does not matter.
fn ranks(forms: &[&str]) -> Vec<u32> {
    let mut by_text: Vec<u32> = (1..forms.len() as u32).collect();
    by_text.sort_unstable_by_key(|&form| forms[form as usize]);
    let mut ranks = vec![0; forms.len()];
    for (rank, &form) in by_text.iter().enumerate() {
        ranks[form as usize] = rank as u32 + 1;
    }
    ranks
}

/// A weight of 1 (25) first, as `positions_to_packed_page` sorts weights.
fn weight_order(weight: u8) -> u8 {
    if weight == 25 {
        0
    } else {
        weight
    }
}

/// `positions_to_packed_page`'s locations of occurrences already in its order: positions
/// as deltas, a change of weight as a marker and an absolute position.
fn encode_locations(occurrences: &[Occurrence], locs: &mut Vec<i32>) {
    locs.clear();
    let mut current_weight = 25;
    let mut last_position = 0;
    for o in occurrences {
        if o.weight != current_weight {
            locs.push(-(o.weight as i32) - 1);
            locs.push(o.position as i32);
            current_weight = o.weight;
        } else {
            locs.push((o.position - last_position) as i32);
        }
        last_position = o.position;
    }
}

/// A word's metadata positions: those of the word itself, and those of each variant form.
fn split_forms(
    positions: Option<Vec<MetaFossickedWord>>,
) -> (
    Vec<MetaFossickedWord>,
    BTreeMap<String, Vec<MetaFossickedWord>>,
) {
    let mut itself = Vec::new();
    let mut variants: BTreeMap<String, Vec<MetaFossickedWord>> = BTreeMap::new();
    for position in positions.into_iter().flatten() {
        match &position.original_word {
            None => itself.push(position),
            Some(form) => variants.entry(form.clone()).or_default().push(position),
        }
    }
    (itself, variants)
}

/// `positions_to_packed_page`, for the tests: the same locations from `FossickedWord`s.
#[cfg(test)]
fn locations_of(words: &[FossickedWord]) -> Vec<i32> {
    let mut occurrences: Vec<Occurrence> = (words.iter())
        .map(|w| Occurrence {
            word: 0,
            form: 0,
            position: w.position,
            weight: w.weight,
        })
        .collect();
    occurrences.sort_by(|a, b| {
        (weight_order(a.weight), a.position).cmp(&(weight_order(b.weight), b.position))
    });
    let mut locs = Vec::new();
    encode_locations(&occurrences, &mut locs);
    locs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(position: u32, weight: u8) -> FossickedWord {
        FossickedWord {
            position,
            weight,
            original_word: None,
        }
    }

    #[test]
    fn locations_are_those_of_positions_to_packed_page() {
        let cases = [
            vec![word(1, 25), word(4, 25), word(9, 25)],
            vec![
                word(0, 50),
                word(3, 25),
                word(7, 12),
                word(8, 25),
                word(11, 50),
            ],
            vec![word(2, 0), word(5, 25), word(5, 25)],
            vec![],
        ];
        for words in cases {
            let expected = super::super::positions_to_packed_page(words.clone(), 0).locs;
            assert_eq!(locations_of(&words), expected, "{words:?}");
        }
    }

    #[test]
    fn a_pair_already_at_a_position_is_not_added_again() {
        let mut stems = Stems::default();
        let [ab, bc, cd, xy] = ["ab", "bc", "cd", "xy"].map(|stem| stems.number(stem));
        let mut words = PageWords::default();
        words.add(&mut stems, ab, 0, 25, None);
        words.add(&mut stems, bc, 1, 25, None);
        words.add(&mut stems, cd, 2, 25, None);
        // The pair spanning the word before is already there: not added.
        words.add_once(&mut stems, bc, 1, 12, None);
        // Another pair at the word before is.
        words.add_once(&mut stems, xy, 1, 12, None);
        let at_one: Vec<_> = (words.occurrences.iter())
            .filter(|o| o.position == 1)
            .map(|o| o.word)
            .collect();
        assert_eq!(at_one, vec![1, 3]);
    }

    /// Part 26: a word's occurrences are given by form (the word itself, then its variants
    /// by text, whatever order they were met in), then weight (1 first), then position.
    #[test]
    fn entries_go_by_form_text_then_weight_then_position() {
        let mut stems = Stems::default();
        let cafe = stems.number("cafe");
        let mut words = PageWords::default();
        words.add(&mut stems, cafe, 0, 50, Some("Cafë"));
        words.add(&mut stems, cafe, 1, 25, Some("café"));
        words.add(&mut stems, cafe, 2, 25, None);
        words.add(&mut stems, cafe, 3, 25, Some("Cafë"));
        words.add(&mut stems, cafe, 4, 50, None);
        words.add(&mut stems, cafe, 5, 25, Some("Café"));
        words.add(&mut stems, cafe, 6, 12, Some("café"));
        words.add(&mut stems, cafe, 7, 25, Some("café"));
        words.finish(&mut stems);
        let mut entries = Vec::new();
        words.into_entries(&mut HashMap::new(), |word, form, locs, _| {
            entries.push((word.to_string(), form.map(str::to_string), locs.to_vec()))
        });
        let owned = |form: Option<&str>, locs: &[i32]| {
            ("cafe".to_string(), form.map(str::to_string), locs.to_vec())
        };
        assert_eq!(
            entries,
            vec![
                owned(None, &[2, -51, 4]),
                owned(Some("Café"), &[5]),
                owned(Some("Cafë"), &[3, -51, 0]),
                owned(Some("café"), &[1, 6, -13, 6]),
            ]
        );
    }

    /// Part 25: a page's words are numbered from the thread's stems, in the order the page
    /// meets them, and a finished page leaves no number behind for the next one.
    #[test]
    fn pages_number_their_own_words_and_leave_none_behind() {
        let mut stems = Stems::default();
        let [a, b, c] = ["alpha", "beta", "gamma"].map(|stem| stems.number(stem));
        let mut first = PageWords::default();
        first.add(&mut stems, c, 0, 25, None);
        first.add(&mut stems, a, 1, 25, Some("Álpha"));
        first.add(&mut stems, c, 2, 25, None);
        first.finish(&mut stems);
        assert!(stems.on_page.iter().all(|&n| n == NOT_ON_PAGE));
        let mut second = PageWords::default();
        second.add(&mut stems, b, 0, 25, None);
        second.add(&mut stems, c, 1, 25, None);
        second.finish(&mut stems);

        let entries = |page: PageWords| {
            let mut entries = Vec::new();
            page.into_entries(&mut HashMap::new(), |word, form, locs, _| {
                entries.push((word.to_string(), form.map(str::to_string), locs.to_vec()))
            });
            entries
        };
        let owned = |word: &str, form: Option<&str>, locs: &[i32]| {
            (word.to_string(), form.map(str::to_string), locs.to_vec())
        };
        assert_eq!(
            entries(first),
            vec![
                owned("gamma", None, &[0, 2]),
                owned("alpha", Some("Álpha"), &[1])
            ]
        );
        assert_eq!(
            entries(second),
            vec![owned("beta", None, &[0]), owned("gamma", None, &[1])]
        );
    }
}
