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
