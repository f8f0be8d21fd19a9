//! Control characters: HTML forbids them (a NUL or ESC in a page is a parse error, and
//! renders as nothing or as garbage), and they are invisible in most editors. They are
//! refused wherever they are: raw in the file, or written as a TOML escape (`\u0000`,
//! `\e`, `\b`) in a front matter string.

use std::ops::Range;

/// Whether `c` may not appear in an HTML page: C0 controls other than tab, line feed, form
/// feed and carriage return; DEL; C1 controls.
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// The first forbidden character in `text`: its byte range and the character, and how many
/// there are in all.
pub fn first_raw(text: &str) -> Option<(Range<usize>, char, usize)> {
    let mut found = text.char_indices().filter(|(_, c)| is_forbidden(*c));
    let (at, c) = found.next()?;
    Some((at..at + c.len_utf8(), c, 1 + found.count()))
}

/// The first escape in a TOML basic string of `front` that stands for a forbidden
/// character: its byte range (the whole escape) and the character. Literal strings
/// (`'…'`) and comments are skipped: a backslash means nothing there.
pub fn first_escape(front: &str) -> Option<(Range<usize>, char)> {
    first_escape_of(front, is_forbidden)
}

/// The first escape in a TOML basic string of `front` that stands for a character `wanted`
/// accepts (see [`first_escape`]).
pub fn first_escape_of(front: &str, wanted: fn(char) -> bool) -> Option<(Range<usize>, char)> {
    if !front.contains('\\') {
        return None;
    }
    let bytes = front.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                i = front[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'\'' => {
                let close = if front[i..].starts_with("'''") {
                    "'''"
                } else {
                    "'"
                };
                let from = i + close.len();
                i = front[from..]
                    .find(close)
                    .map_or(bytes.len(), |n| from + n + close.len());
            }
            b'"' => {
                let close = if front[i..].starts_with("\"\"\"") {
                    "\"\"\""
                } else {
                    "\""
                };
                i += close.len();
                // Byte by byte (a byte index may fall inside a character here: compare
                // bytes, never slice the text there).
                while i < bytes.len() {
                    if bytes[i..].starts_with(close.as_bytes()) {
                        i += close.len();
                        break;
                    }
                    if bytes[i] == b'\\' {
                        if let Some((len, c)) = escape_at(&bytes[i..])
                            && wanted(c)
                        {
                            return Some((i..i + len, c));
                        }
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The escape at the start of `text` (which starts with `\`): its length and character.
fn escape_at(text: &[u8]) -> Option<(usize, char)> {
    let kind = *text.get(1)?;
    let hex = |digits: usize| {
        let code = std::str::from_utf8(text.get(2..2 + digits)?).ok()?;
        let c = char::from_u32(u32::from_str_radix(code, 16).ok()?)?;
        Some((2 + digits, c))
    };
    match kind {
        b'b' => Some((2, '\u{8}')),
        b'e' => Some((2, '\u{1b}')),
        b'x' => hex(2),
        b'u' => hex(4),
        b'U' => hex(8),
        _ => None,
    }
}

/// How a control character is named in a message: `U+001B (ESC)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{8}' => " (backspace)",
        '\u{1b}' => " (ESC)",
        '\u{7f}' => " (DEL)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_characters_html_forbids_are_refused() {
        for c in ['\t', '\n', '\r', '\u{c}', ' ', 'é', '\u{a0}', '\u{200b}'] {
            assert!(!is_forbidden(c), "{c:?}");
        }
        for c in [
            '\0', '\u{1}', '\u{8}', '\u{b}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        assert_eq!(first_raw("ab\u{1b}[0m c\u{0}"), Some((2..3, '\u{1b}', 2)));
        assert_eq!(first_raw("plain\ttext\r\n"), None);
    }

    #[test]
    fn escapes_are_found_in_basic_strings_only() {
        let front = "a = \"x\\u0000y\"\n";
        assert_eq!(first_escape(front), Some((6..12, '\0')));
        assert_eq!(
            first_escape("a = \"\\e[1m\"\n").map(|e| e.1),
            Some('\u{1b}')
        );
        assert_eq!(
            first_escape("a = \"\\U0000001B\"\n").map(|e| e.1),
            Some('\u{1b}')
        );
        assert_eq!(
            first_escape("a = \"\"\"\n\\b\n\"\"\"\n").map(|e| e.1),
            Some('\u{8}')
        );
        // Non-ASCII text around and after escapes (found by the fuzzer: this panicked).
        assert_eq!(
            first_escape("a = \"é\\\"ü\"\nb = \"ä\\u0000\"\n").map(|e| e.1),
            Some('\0')
        );
        assert_eq!(first_escape("a = \"’ \\é\"\n"), None);
        // Allowed escapes, literal strings, comments and escaped quotes are fine.
        for fine in [
            "a = \"tab\\there \\u00e9 \\\" \\\\u0000\"\n",
            "a = 'C:\\u0000'\n",
            "a = '''\n\\e\n'''\n",
            "# \\u0000 in a comment\na = 1\n",
        ] {
            assert_eq!(first_escape(fine), None, "{fine}");
        }
    }
}
