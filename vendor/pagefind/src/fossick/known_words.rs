//! dossier patch (part 13): the indexable forms of the words a thread has met, kept across
//! pages. Splitting, normalizing and stemming a word depend only on the word as written, the
//! page's language and `include_characters`, and a site's pages repeat a vocabulary of tens
//! of thousands of words millions of times; so each thread works out a word's forms once.

use hashbrown::HashMap;
use std::cell::RefCell;

use super::splitting::IndexableWord;

/// The forms of each word as written, for one language and one `include_characters`.
pub(crate) type KnownWords = HashMap<String, Vec<IndexableWord>>;

/// A thread keeps the forms of at most this many words per language (~30 MB); words met
/// after that are worked out once per page, as before part 13. The first words met are
/// mostly the common ones, and memory stays bounded on any number of threads. Words are
/// kept as written (`Mir,` and `mir.` are two), so a site has many: the 40,000 pages of a
/// 10,000-article corpus hold 213,000, and one thread packing them all worked out words
/// 1,058,000 times with a bound of 50,000, 535,000 times with 100,000 (part 19: +14 MB
/// peak), 309,000 with 150,000 (+33 MB).
pub(crate) const MOST_KNOWN_WORDS: usize = 100_000;

thread_local! {
    static KNOWN: RefCell<HashMap<(String, Vec<char>), KnownWords>> = RefCell::new(HashMap::new());
}

/// This thread's known words for `language` and `include_characters`, taken out while a
/// page is read (so nothing stays borrowed); hand them back with [`give_back`].
pub(crate) fn take(language: &str, include_characters: &[char]) -> KnownWords {
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        known
            .get_mut(&(language.to_string(), include_characters.to_vec()))
            .map(std::mem::take)
            .unwrap_or_default()
    })
}

/// The indexable forms of the word known by `key`: from `known`, worked out and kept there
/// while it has room (one lookup for a word met before, part 17); past its bound, from
/// `page`, the words of one page, so a word is still worked out once per page.
pub(crate) fn forms_of<'a>(
    known: &'a mut KnownWords,
    page: &'a mut KnownWords,
    key: &str,
    work_out: impl FnOnce() -> Vec<IndexableWord>,
) -> &'a Vec<IndexableWord> {
    if known.len() < MOST_KNOWN_WORDS {
        known.entry_ref(key).or_insert_with(work_out)
    } else if let Some(words) = known.get(key) {
        words
    } else {
        page.entry_ref(key).or_insert_with(work_out)
    }
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
            words_of_page(&format!(r#"<html lang="en"><body><p>{many}</p></body></html>"#));
            words_of_page(page)
        })
        .join()
        .unwrap();
        assert_eq!(fresh, after_the_bound);
    }
}
