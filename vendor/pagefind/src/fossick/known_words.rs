//! dossier patch (part 13): the indexable forms of the words a thread has met, kept across
//! pages. Splitting, normalizing and stemming a word depend only on the word as written, the
//! page's language and `include_characters`, and a site's pages repeat a vocabulary of tens
//! of thousands of words millions of times; so each thread works out a word's forms once.
//! Part 25: by number, in flat tables, and the stems numbered once for the pages too.

use hashbrown::{DefaultHashBuilder, HashMap, HashTable};
use std::cell::RefCell;
use std::hash::BuildHasher;

use super::splitting::IndexableWord;
use crate::index::word_table::WordTable;

/// A thread keeps the forms of at most this many words per language (~30 MB as strings and
/// vectors before part 26, a record of a few dozen bytes each since); words met
/// after that are worked out once per page, as before part 13. The first words met are
/// mostly the common ones, and memory stays bounded on any number of threads. Words are
/// kept as written (`Mir,` and `mir.` are two), so a site has many: the 40,000 pages of a
/// 10,000-article corpus hold 213,000, and one thread packing them all worked out words
/// 1,058,000 times with a bound of 50,000, 535,000 times with 100,000 (part 19: +14 MB
/// peak), 309,000 with 150,000 (+33 MB).
pub(crate) const MOST_KNOWN_WORDS: usize = 100_000;

/// One indexable form of a word, by number (part 25).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct KnownForm {
    /// The stemmed form's number in the thread's [`Stems`].
    pub(crate) stem: u32,
    /// The form as written before its diacritics were folded, when that differs: its
    /// number in [`KnownWords::originals`] plus one; 0 when it does not differ.
    pub(crate) original: u32,
    pub(crate) is_compound_part: bool,
}

/// The stemmed forms a thread has met, numbered, each kept once (part 25). A page's words
/// are numbered here as they are read, so that the page's own numbering (`PageWords`)
/// needs no second hash of each word: `on_page` is the sink's scratch, each stem's number
/// on the page being read, [`NOT_ON_PAGE`] otherwise, and back to that for every stem
/// when the page is done. They are not bounded: they are the site's vocabulary, which
/// the index holds anyway.
#[derive(Debug, Default)]
pub(crate) struct Stems {
    table: WordTable,
    pub(crate) on_page: Vec<u32>,
}

/// [`Stems::on_page`] of a stem the page being read has not met.
pub(crate) const NOT_ON_PAGE: u32 = u32::MAX;

impl Stems {
    /// The number of `stem`.
    pub(crate) fn number(&mut self, stem: &str) -> u32 {
        let (number, new) = self.table.id(stem);
        if new {
            self.on_page.push(NOT_ON_PAGE);
        }
        number
    }

    pub(crate) fn word(&self, number: u32) -> &str {
        self.table.word(number)
    }
}

/// The forms of words, each word known by its key, in one run of bytes (part 26): a key's
/// record is its length and its forms' count (4 bytes each), its forms (9 bytes each:
/// stem, original, compound flag) and then its bytes, and the table holds where each
/// record starts. Finding a word met before reads its record, where its key and forms are
/// side by side, rather than a table of ends, a string and a table of forms.
#[derive(Debug, Default)]
struct FormsOfKeys {
    records: Vec<u8>,
    starts: HashTable<u32>,
}

const FORM_BYTES: usize = 9;

impl FormsOfKeys {
    fn len(&self) -> usize {
        self.starts.len()
    }

    /// Appends the forms of `key`, whose hash is `hash`, to `forms`, if it is here.
    fn find(&self, hash: u64, key: &str, forms: &mut Vec<KnownForm>) -> bool {
        let records = &self.records;
        let found = (self.starts).find(hash, |&start| key_at(records, start) == key.as_bytes());
        if let Some(&start) = found {
            let start = start as usize;
            let count = read_u32(records, start + 4) as usize;
            let bytes = &records[start + 8..start + 8 + count * FORM_BYTES];
            forms.extend(bytes.chunks_exact(FORM_BYTES).map(|form| KnownForm {
                stem: read_u32(form, 0),
                original: read_u32(form, 4),
                is_compound_part: form[8] != 0,
            }));
        }
        found.is_some()
    }

    /// Keeps `forms` as those of `key`, whose hash is `hash` (not here yet), unless the
    /// records have grown past where a `u32` reaches.
    fn insert(&mut self, hash: u64, key: &str, forms: &[KnownForm], hasher: &DefaultHashBuilder) {
        let Ok(start) = u32::try_from(self.records.len()) else {
            return;
        };
        let records = &mut self.records;
        records.extend_from_slice(&(key.len() as u32).to_ne_bytes());
        records.extend_from_slice(&(forms.len() as u32).to_ne_bytes());
        for form in forms {
            records.extend_from_slice(&form.stem.to_ne_bytes());
            records.extend_from_slice(&form.original.to_ne_bytes());
            records.push(u8::from(form.is_compound_part));
        }
        records.extend_from_slice(key.as_bytes());
        let records = &self.records;
        (self.starts).insert_unique(hash, start, |&start| {
            hasher.hash_one(key_at(records, start))
        });
    }

    fn clear(&mut self) {
        self.records.clear();
        self.starts.clear();
    }
}

/// The key of the record at `start`.
fn key_at(records: &[u8], start: u32) -> &[u8] {
    let start = start as usize;
    let length = read_u32(records, start) as usize;
    let forms = read_u32(records, start + 4) as usize;
    let key = start + 8 + forms * FORM_BYTES;
    &records[key..key + length]
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_ne_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

/// The indexable forms of the words a thread has met, for one language and one
/// `include_characters`, each word known by the key the caller gives (part 20). Part 25:
/// keys, stems and forms by number in flat tables (a lookup reads a few small arrays,
/// where a map of `String`s to vectors of `IndexableWord`s read three heap blocks).
#[derive(Debug, Default)]
pub(crate) struct KnownWords {
    /// Kept across pages, up to `MOST_KNOWN_WORDS` keys.
    known: FormsOfKeys,
    /// Past the bound, the words of one page (part 12), so a word is still worked out
    /// once per page; cleared by [`KnownWords::next_page`].
    page: FormsOfKeys,
    /// The hasher of both tables' keys (as bytes).
    hasher: DefaultHashBuilder,
    pub(crate) stems: Stems,
    pub(crate) originals: Originals,
}

/// The forms as written of stems whose diacritics were folded, numbered.
#[derive(Debug, Default)]
pub(crate) struct Originals(WordTable);

impl Originals {
    /// The number of `original` (0 for none): [`KnownForm::original`].
    fn number(&mut self, original: Option<&str>) -> u32 {
        original.map_or(0, |original| self.0.id(original).0 + 1)
    }

    /// `form` as written, when that differs from its stem.
    pub(crate) fn of(&self, form: &KnownForm) -> Option<&str> {
        (form.original > 0).then(|| self.0.word(form.original - 1))
    }
}

impl KnownWords {
    /// Appends the indexable forms of the word known by `key` to `forms`: from those kept,
    /// or worked out by `work_out` and kept while there is room, or kept for this page.
    pub(crate) fn forms_of(
        &mut self,
        key: &str,
        forms: &mut Vec<KnownForm>,
        work_out: impl FnOnce() -> Vec<IndexableWord>,
    ) {
        let hash = self.hasher.hash_one(key.as_bytes());
        if self.known.find(hash, key, forms) {
            return;
        }
        let keys = if self.known.len() < MOST_KNOWN_WORDS {
            &mut self.known
        } else if self.page.find(hash, key, forms) {
            return;
        } else {
            &mut self.page
        };
        let start = forms.len();
        for word in work_out() {
            forms.push(number_form(&mut self.stems, &mut self.originals, &word));
        }
        keys.insert(hash, key, &forms[start..], &self.hasher);
    }

    /// `word`, worked out afresh, by number.
    pub(crate) fn number(&mut self, word: &IndexableWord) -> KnownForm {
        number_form(&mut self.stems, &mut self.originals, word)
    }

    /// Forgets the words kept for one page only.
    pub(crate) fn next_page(&mut self) {
        self.page.clear();
    }
}

fn number_form(stems: &mut Stems, originals: &mut Originals, word: &IndexableWord) -> KnownForm {
    KnownForm {
        stem: stems.number(&word.stemmed),
        original: originals.number(word.original.as_deref()),
        is_compound_part: word.is_compound_part,
    }
}

thread_local! {
    static KNOWN: RefCell<HashMap<(String, Vec<char>), KnownWords>> = RefCell::new(HashMap::new());
}

/// This thread's known words for `language` and `include_characters`, taken out while a
/// page is read (so nothing stays borrowed); hand them back with [`give_back`].
pub(crate) fn take(language: &str, include_characters: &[char]) -> KnownWords {
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        let mut words = known
            .get_mut(&(language.to_string(), include_characters.to_vec()))
            .map(std::mem::take)
            .unwrap_or_default();
        words.next_page();
        words
    })
}

/// Keeps `words` for the next page this thread reads in `language`.
pub(crate) fn give_back(language: &str, include_characters: &[char], words: KnownWords) {
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        known.insert((language.to_string(), include_characters.to_vec()), words);
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::{meta_words_of_page, words_of_page};

    /// Part 21: a page's metadata words, read on a thread that knows their forms from
    /// earlier pages (as written, plain, with dotted tails), are those Pagefind works out
    /// without known words.
    #[test]
    fn metadata_words_known_from_earlier_pages_are_the_same() {
        let page = r#"<html lang="en"><head><title>T</title></head><body>
            <h1>Mir, running. Hello.World's e.g. café 2019.</h1>
            <p data-pagefind-meta="aside:Running mir. sysconfig.is_python_build Café">x</p>
            </body></html>"#;
        let earlier = r#"<html lang="en"><body><p>Mir, mir. running. Running Hello.World's
            e.g. sysconfig.is_python_build café Café 2019. 2019 aside</p></body></html>"#;
        let (fresh, expected) = std::thread::spawn(move || meta_words_of_page(page))
            .join()
            .unwrap();
        let (after_others, _) = std::thread::spawn(move || {
            words_of_page(earlier);
            meta_words_of_page(earlier);
            meta_words_of_page(page)
        })
        .join()
        .unwrap();
        assert_eq!(fresh, expected);
        assert_eq!(after_others, expected);
        for word in ["mir", "run", "2019", "python", "cafe"] {
            assert!(expected.contains_key(word), "{word}: {:?}", expected.keys());
        }
    }

    /// A page read on a thread that has read other pages (in its language and in another, with
    /// the same words in other forms) gives the same entries as on a thread that has not.
    #[test]
    fn words_known_from_earlier_pages_give_the_same_entries() {
        let page = r#"<html lang="en"><body><p>Running runners ran; "running" e.g. Hello.World's café-style runs.</p></body></html>"#;
        let earlier = [
            r#"<html lang="fr"><body><p>Running runners ran; "running" e.g. Hello.World's café-style runs.</p></body></html>"#,
            r#"<html lang="en"><body><h1>Running</h1><p>runs café-style Hello.World's</p></body></html>"#,
        ];
        let fresh = std::thread::spawn(move || words_of_page(page))
            .join()
            .unwrap();
        let after_others = std::thread::spawn(move || {
            for other in earlier {
                words_of_page(other);
            }
            words_of_page(page)
        })
        .join()
        .unwrap();
        assert_eq!(fresh, after_others);
        assert!(fresh.1.contains_key("run"), "{:?}", fresh.1.keys());

        // And on a thread that knows as many words as it keeps.
        let after_the_bound = std::thread::spawn(move || {
            let many: String = (0..super::MOST_KNOWN_WORDS)
                .map(|n| format!("w{n} "))
                .collect();
            words_of_page(&format!(
                r#"<html lang="en"><body><p>{many}</p></body></html>"#
            ));
            words_of_page(page)
        })
        .join()
        .unwrap();
        assert_eq!(fresh, after_the_bound);
    }
}
