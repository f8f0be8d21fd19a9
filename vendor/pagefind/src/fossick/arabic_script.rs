//! dossier patch (DOSSIER-PATCH.md, part 5): Persian and Arabic words are folded to one
//! spelling before they are indexed, so a reader's query finds a page whichever form either
//! side typed: Arabic and Persian forms of the same letter (ي/ی, ك/ک; ة and ۀ in Persian),
//! Persian and Arabic-Indic digits as Latin digits, vowel signs and the tatweel dropped, and
//! the zero-width non-joiner (نقل‌قول) as a word boundary inside the word, so its parts are
//! indexed too (نقل قول). Only the indexed words change: the page's content, and so its
//! excerpts, keep the words as written. Other languages are untouched. The search page folds
//! the query the same way (dossier's `theme/static/search.js`, `foldQuery`).

use std::borrow::Cow;

/// `word` as the index of a page in `language` stores it.
pub fn fold<'a>(language: &str, word: &'a str) -> Cow<'a, str> {
    let persian = match language.split('-').next().unwrap_or("") {
        "fa" => true,
        "ar" => false,
        _ => return Cow::Borrowed(word),
    };
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            // A boundary the compound splitting (ASCII punctuation) turns into a space.
            '\u{200C}' => out.push('-'),
            '۰'..='۹' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
            '٠'..='٩' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
            'ي' | 'ى' if persian => out.push('ی'),
            'ك' if persian => out.push('ک'),
            'ة' | 'ۀ' if persian => out.push('ه'),
            'ی' if !persian => out.push('ي'),
            'ک' if !persian => out.push('ك'),
            c => out.push(c),
        }
    }
    if out == word {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn persian_variants_fold_to_one_spelling() {
        assert_eq!(fold("fa", "كتاب"), "کتاب");
        assert_eq!(fold("fa", "کتاب"), "کتاب");
        assert_eq!(fold("fa", "علي"), "علی");
        assert_eq!(fold("fa", "۱۳۹۹"), "1399");
        assert_eq!(fold("fa", "١٣٩٩"), "1399");
        assert_eq!(fold("fa", "نقل\u{200C}قول"), "نقل-قول");
        assert_eq!(fold("fa", "بودجهٔ"), "بودجه");
        assert_eq!(fold("fa", "بودجۀ"), "بودجه");
        assert_eq!(fold("ar", "كتاب"), "كتاب");
        assert_eq!(fold("ar", "کتاب"), "كتاب");
        assert_eq!(fold("ar", "١٤٤٦"), "1446");
    }

    #[test]
    fn other_languages_are_untouched() {
        for (language, word) in [
            ("en", "كتاب"),
            ("de", "۱۳۹۹"),
            ("en", "Straße"),
            ("ur", "كتاب"),
        ] {
            assert_eq!(fold(language, word), word);
        }
    }
}
