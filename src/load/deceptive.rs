//! Characters that make text display as something it is not: bidirectional controls that
//! reorder what follows (a title can display reversed: U+202E RIGHT-TO-LEFT OVERRIDE) and
//! invisible characters that make two ids or names that look the same differ
//! (`ali\u{200B}-khamenei`). They are refused in front matter, raw or as a TOML escape.
//! The joiners Persian and Arabic text needs (U+200C ZERO WIDTH NON-JOINER, U+200D ZERO
//! WIDTH JOINER) and the marks U+200E/U+200F stay allowed: they change how letters join or
//! where a neutral character goes, not what the text says; right-to-left pages get `dir`
//! from their `language`.

use std::ops::Range;

/// Whether `c` is a bidirectional embedding, override or isolate control, or an invisible
/// character with no use in a title, name or id.
pub fn is_deceptive(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{180E}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{3164}'
    )
}

/// The first such character written as it is in `front`: its byte range and the character.
pub fn first_raw(front: &str) -> Option<(Range<usize>, char)> {
    let (at, c) = front.char_indices().find(|(_, c)| is_deceptive(*c))?;
    Some((at..at + c.len_utf8(), c))
}

/// How the character is named in a message: `U+202E (RIGHT-TO-LEFT OVERRIDE)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => "an invisible character",
    };
    format!("U+{:04X} ({name})", c as u32)
}

/// The help of the error, by what the character does.
pub fn help(c: char) -> &'static str {
    if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
        "delete it: it reorders the text after it, so what readers see is not what is written (a title can display reversed). For right-to-left text, set the article's `language` (\"fa\", \"ar\", \"he\"): its pages then get dir=\"rtl\""
    } else {
        "delete it: it is invisible, so a name or id with it looks the same as one without and is another (copy-pasted text often carries one)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_joiners_pass_and_overrides_and_zero_width_spaces_do_not() {
        assert!(first_raw("title = \"نقل\u{200C}قول\"").is_none());
        assert!(first_raw("title = \"x\u{200F}\"").is_none());
        let (span, c) = first_raw("title = \"a\u{202E}b\"").unwrap();
        assert_eq!((span, c), (10..13, '\u{202E}'));
        assert_eq!(describe(c), "U+202E (RIGHT-TO-LEFT OVERRIDE)");
        assert!(first_raw("id = \"ali\u{200B}-khamenei\"").is_some());
    }
}
