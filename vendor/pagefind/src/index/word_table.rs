//! dossier patch (parts 22, 24 and 25): words numbered in the order they were met, each
//! kept once in one string.
//!
//! The index's postings (part 22) number a site's words in such a table rather than in a
//! map keyed by the page where each was first met: comparing with that page's copy was a
//! cache miss for most of 5.6 million lookups at 10,000 articles. A packed page's words
//! (part 24) and variant forms are numbered in one too, instead of a `String` allocated
//! for each word of each page; so are the stems a thread meets (part 25,
//! `fossick::known_words::Stems`), from which the pages' words are then numbered.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// Words, each copied once into one string and numbered in the order they were met.
#[derive(Default, Clone, Debug)]
pub(crate) struct WordTable {
    text: String,
    /// Word `id` is `text[ends[id - 1]..ends[id]]`.
    ends: Vec<usize>,
    ids: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl WordTable {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn word(&self, id: u32) -> &str {
        word_in(&self.text, &self.ends, id)
    }

    /// The id of `word`, and whether it is new.
    pub(crate) fn id(&mut self, word: &str) -> (u32, bool) {
        let WordTable {
            text,
            ends,
            ids,
            hasher,
        } = self;
        let hash = hasher.hash_one(word);
        let entry = ids.entry(
            hash,
            |&id| word_in(text, ends, id) == word,
            |&id| hasher.hash_one(word_in(text, ends, id)),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(id) => (*id.get(), false),
            hashbrown::hash_table::Entry::Vacant(vacant) => {
                let id = ends.len() as u32;
                text.push_str(word);
                ends.push(text.len());
                vacant.insert(id);
                (id, true)
            }
        }
    }
}

fn word_in<'t>(text: &'t str, ends: &[usize], id: u32) -> &'t str {
    let id = id as usize;
    let start = if id == 0 { 0 } else { ends[id - 1] };
    &text[start..ends[id]]
}
