//! dossier patch (parts 22, 24 and 25): words numbered in the order they were met, each
//! kept once in one string.
//!
//! The index's postings (part 22) number a site's words in such a table rather than in a
//! map keyed by the page where each was first met: comparing with that page's copy was a
//! cache miss for most of 5.6 million lookups at 10,000 articles. A packed page's words
//! (part 24) and variant forms are numbered in one too, instead of a `String` allocated
//! for each word of each page; so are the stems a thread meets (part 25,
//! `fossick::known_words::Stems`), from which the pages' words are then numbered, and a
//! finished page keeps its words' text in a `WordList`, the table's strings without the
//! table.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// Words one after the other in one string, numbered in the order they were pushed.
#[derive(Default, Clone, Debug)]
pub(crate) struct WordList {
    text: String,
    /// Word `id` is `text[ends[id - 1]..ends[id]]`.
    ends: Vec<usize>,
}

impl WordList {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn word(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.text[start..self.ends[id]]
    }

    /// Appends `word`; its id.
    pub(crate) fn push(&mut self, word: &str) -> u32 {
        let id = self.ends.len() as u32;
        self.text.push_str(word);
        self.ends.push(self.text.len());
        id
    }
}

/// Words, each copied once into a [`WordList`] and numbered in the order they were met.
#[derive(Default, Clone, Debug)]
pub(crate) struct WordTable {
    words: WordList,
    ids: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl WordTable {
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    pub(crate) fn word(&self, id: u32) -> &str {
        self.words.word(id)
    }

    /// The id of `word`, and whether it is new.
    pub(crate) fn id(&mut self, word: &str) -> (u32, bool) {
        let WordTable { words, ids, hasher } = self;
        let hash = hasher.hash_one(word);
        let entry = ids.entry(
            hash,
            |&id| words.word(id) == word,
            |&id| hasher.hash_one(words.word(id)),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(id) => (*id.get(), false),
            hashbrown::hash_table::Entry::Vacant(vacant) => {
                let id = words.push(word);
                vacant.insert(id);
                (id, true)
            }
        }
    }
}
