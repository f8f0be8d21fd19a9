//! Slugs and quote ids. Text in the Latin script is transliterated to ASCII
//! (`[a-z0-9]+(-[a-z0-9]+)*`, "Évian" → `evian`); text in another script keeps its letters
//! (`unicode`, the default: "عراقچی: دور سوم" → `عراقچی-دور-سوم`), with Persian and Arabic
//! letter variants, the zero-width non-joiner and digits normalised so one title gives one
//! slug, unless site.toml says `slugify = "ascii"`. URLs carry them percent-encoded
//! (`crate::urls`), as Wikipedia and Hugo do.

use crate::config::SlugMode;

/// Whether `text` is a valid slug: lowercase words (ASCII letters and digits, or letters of
/// a script without case) joined by single hyphens.
pub fn is_valid(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || kept_non_latin(c))
        })
}

/// The longest file or folder name, in bytes, that every file system a site is built or
/// copied on takes: ext4 and APFS count 255 bytes of UTF-8, NTFS 255 UTF-16 units (never
/// more than the bytes). A longer id cannot become its page's folder.
pub const MAX_NAME_BYTES: usize = 255;

/// The error for `value` (a quote id, a slug, an alias's part), which names a folder of the
/// output and is longer than [`MAX_NAME_BYTES`]; `None` when it fits.
pub fn length_error(
    what: &str,
    value: &str,
    location: crate::diagnostics::Location,
) -> Option<crate::diagnostics::Diagnostic> {
    if value.len() <= MAX_NAME_BYTES {
        return None;
    }
    Some(
        crate::diagnostics::Diagnostic::error(format!(
            "{what} is {} bytes long: no file system takes a folder name over {MAX_NAME_BYTES}",
            value.len()
        ))
        .at(location)
        .label("this becomes a folder of the published site")
        .help("shorten it to a few words: it is part of a URL readers cite"),
    )
}

/// Slugs any text the default way (`unicode`): see the module's documentation.
pub fn slugify(text: &str) -> String {
    slugify_in(SlugMode::Unicode, text)
}

/// Slugs `text`: in the Latin script (or with `ascii`), transliterated as always; in another
/// script, its letters kept and normalised.
pub fn slugify_in(mode: SlugMode, text: &str) -> String {
    if mode == SlugMode::Ascii || !has_non_latin_letters(text) {
        return slug::slugify(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        let piece = normalised(c);
        if piece.is_empty() {
            gap = gap || is_separator(c);
            continue;
        }
        if gap && !out.is_empty() {
            out.push('-');
        }
        gap = false;
        out.push_str(&piece);
    }
    out
}

/// A character of a slug in another script: the normalised letter or digit, nothing for
/// what is dropped (a vowel sign, a tatweel), nothing for a separator.
fn normalised(c: char) -> String {
    match c {
        // Arabic letter variants to the Persian forms Persian keyboards type.
        'ي' | 'ى' => "ی".into(),
        'ك' => "ک".into(),
        'ۀ' => "ه".into(),
        'ة' => "ه".into(),
        'أ' | 'إ' | 'ٱ' => "ا".into(),
        'ؤ' => "و".into(),
        // Persian and Arabic-Indic digits as ASCII digits.
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8).to_string(),
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8).to_string(),
        // Vowel signs, hamza above, superscript alef, tatweel: not part of the word's spelling.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => String::new(),
        c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase().to_string(),
        // A Latin letter with a diacritic in a mixed title: transliterated.
        c if c.is_alphabetic() && is_latin(c) => slug::slugify(c.to_string()),
        c if kept_non_latin(c) => c.to_lowercase().collect(),
        _ => String::new(),
    }
}

/// What ends a word: spaces, the zero-width non-joiner and joiner, punctuation.
fn is_separator(c: char) -> bool {
    !kept_non_latin(c)
        && !c.is_ascii_alphanumeric()
        && !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// A letter, digit or combining mark of a script other than Latin (`ا`, `क`, `ि`).
fn kept_non_latin(c: char) -> bool {
    if c.is_ascii() || is_latin(c) || c.is_whitespace() {
        return false;
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks of the scripts whose words need them (Indic vowel signs, Hebrew points…):
/// `char` has no general category, so by block.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0591..=0x05C7 | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x0EB1..=0x0ECD | 0x3099..=0x309A)
}

fn is_latin(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// Whether `text` has a letter of a script other than Latin: only then is it slugged in
/// Unicode (Latin titles keep the slugs they always had).
pub fn has_non_latin_letters(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_alphabetic() && !c.is_ascii() && !is_latin(c))
}

/// The default slug of an article file: its name without a leading `YYYY-MM-DD-`.
pub fn article_slug_from_stem(mode: SlugMode, stem: &str) -> String {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && matches!(bytes[10], b'-' | b' ' | b'_');
    slugify_in(mode, if dated { &stem[11..] } else { stem })
}

/// `<speaker>-<YYYY-MM-DD>-<first six words, slugged>`.
pub fn quote_id(mode: SlugMode, speaker: &str, said_iso: &str, text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| slugify_in(mode, word))
        .filter(|word| !word.is_empty())
        .take(6)
        .collect();
    let mut id = format!("{speaker}-{said_iso}");
    if !words.is_empty() {
        id.push('-');
        id.push_str(&words.join("-"));
    }
    // Six very long "words" (a pasted URL) would make a folder name no file system takes:
    // cut at a hyphen. Ids short enough to have ever been written stay as they were.
    while id.len() > MAX_NAME_BYTES {
        match id.rfind('-') {
            Some(cut) => id.truncate(cut),
            None => {
                let mut end = MAX_NAME_BYTES;
                while !id.is_char_boundary(end) {
                    end -= 1;
                }
                id.truncate(end);
            }
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_slugs() {
        assert!(is_valid("ali-khamenei"));
        assert!(is_valid("jcpoa2015"));
        assert!(is_valid("عراقچی-دور-سوم"));
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "../x",
            ".hidden",
            "a/b",
            "é",
            "دور سوم",
            "a%20b",
        ] {
            assert!(!is_valid(bad), "{bad} accepted");
        }
    }

    #[test]
    fn a_derived_quote_id_fits_in_a_folder_name() {
        let long = format!("{} second {}", "x".repeat(200), "y".repeat(200));
        let id = quote_id(SlugMode::Unicode, "ada-example", "2024-01-01", &long);
        assert_eq!(
            id,
            format!("ada-example-2024-01-01-{}-second", "x".repeat(200))
        );
        let one = quote_id(
            SlugMode::Unicode,
            "ada-example",
            "2024-01-01",
            &"z".repeat(400),
        );
        assert_eq!(one, "ada-example-2024-01-01");
    }

    #[test]
    fn strips_the_date_prefix_of_article_files() {
        assert_eq!(
            article_slug_from_stem(SlugMode::Unicode, "2025-03-12-khamenei-talks"),
            "khamenei-talks"
        );
        assert_eq!(
            article_slug_from_stem(SlugMode::Unicode, "Ein Artikel über Öl"),
            "ein-artikel-uber-ol"
        );
    }

    #[test]
    fn derives_quote_ids_from_the_first_six_words() {
        assert_eq!(
            quote_id(
                SlugMode::Unicode,
                "ali-khamenei",
                "2025-03-12",
                "We spent years negotiating, and then this same person"
            ),
            "ali-khamenei-2025-03-12-we-spent-years-negotiating-and-then"
        );
    }

    #[test]
    fn persian_titles_keep_their_letters_in_one_spelling() {
        let slug = slugify("عراقچی: دور سوم در مسقط");
        assert_eq!(slug, "عراقچی-دور-سوم-در-مسقط");
        assert!(is_valid(&slug));
        // Arabic letter forms, the zero-width non-joiner, a space: one slug.
        assert_eq!(slugify("نقل‌قول كتاب"), slugify("نقل قول کتاب"));
        assert_eq!(slugify("نقل‌قول"), "نقل-قول");
        assert_eq!(slugify("بودجهٔ ۱۴۰۴"), "بودجه-1404");
        assert_eq!(
            slugify("مذاکرات فضای سازنده"),
            slugify("مذاكرات فضاي سازنده")
        );
        // With `ascii`, transliterated as before.
        assert_eq!(
            slugify_in(SlugMode::Ascii, "دور سوم"),
            slug::slugify("دور سوم")
        );
    }

    #[test]
    fn latin_titles_keep_the_slugs_they_had() {
        for title in [
            "Khamenei rejects talks after Trump's letter",
            "Ein Artikel über Öl",
            "L'Été à Genève (2025)",
            "Iran–US talks: round 3",
        ] {
            assert_eq!(slugify(title), slug::slugify(title), "{title}");
        }
    }

    #[test]
    fn quote_ids_from_persian_words_keep_them() {
        assert_eq!(
            quote_id(
                SlugMode::Unicode,
                "abbas-araghchi",
                "2025-04-12",
                "مذاکرات در فضایی سازنده، آرام و محترمانه"
            ),
            "abbas-araghchi-2025-04-12-مذاکرات-در-فضایی-سازنده-آرام-و"
        );
    }
}

/// The `dossier new <kind> "…"` command that creates the file `slug` names, with a name
/// guessed from it (`ali-khamenei` → `"Ali Khamenei"`, a topic's `nuclear-talks` →
/// `"Nuclear talks"`) when that name gives the same slug back, `"…"` otherwise.
pub fn new_command(kind: &str, slug: &str) -> String {
    let words = slug.split('-').filter(|w| !w.is_empty());
    let name: Vec<String> = words
        .enumerate()
        .map(|(i, word)| {
            if kind == "speaker" || i == 0 {
                capitalised(word)
            } else {
                word.to_string()
            }
        })
        .collect();
    let name = name.join(" ");
    let name = if !name.is_empty() && slugify(&name) == slug {
        name
    } else {
        "…".to_string()
    };
    format!("dossier new {kind} \"{name}\"")
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod new_command_tests {
    use super::new_command;

    #[test]
    fn guesses_a_name_that_gives_the_slug_back() {
        assert_eq!(
            new_command("speaker", "ali-khamenei"),
            "dossier new speaker \"Ali Khamenei\""
        );
        assert_eq!(
            new_command("topic", "nuclear-talks"),
            "dossier new topic \"Nuclear talks\""
        );
        assert_eq!(new_command("topic", "--"), "dossier new topic \"…\"");
    }
}
