//! Positions: the protocol counts lines from 0 and columns in UTF-16 code units (its default
//! encoding, which every client supports); dossier's spans are byte offsets into the text.

use std::ops::Range;

use lsp_types::{Position, Range as LspRange};

/// The byte offset of `position` in `text`; past the end of a line or of the text, the end.
pub fn offset(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(newline) => line_start += newline + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |newline| line_start + newline);
    let mut units = 0;
    for (index, c) in text[line_start..line_end].char_indices() {
        if units >= position.character as usize {
            return line_start + index;
        }
        units += c.len_utf16();
    }
    line_end
}

/// The position of the byte `offset` in `text` (clamped to a character boundary).
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    Position::new(line as u32, character as u32)
}

/// The protocol's range of the byte range `span` of `text`.
pub fn range(text: &str, span: Range<usize>) -> LspRange {
    LspRange::new(position(text, span.start), position(text, span.end))
}

/// The byte range of the protocol's `range` in `text`.
pub fn span(text: &str, range: LspRange) -> Range<usize> {
    let start = offset(text, range.start);
    start..offset(text, range.end).max(start)
}

/// Applies one change of a `didChange` notification: a range replaced, or the whole text.
pub fn apply_change(text: &mut String, range: Option<LspRange>, new_text: &str) {
    match range {
        Some(range) => {
            let span = span(text, range);
            text.replace_range(span, new_text);
        }
        None => *text = new_text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_and_offsets_count_bytes() {
        // "ف" is 2 bytes and 1 UTF-16 unit; "𝄞" is 4 bytes and 2 units.
        let text = "a = 1\nfa = \"ف𝄞x\"\n";
        let x = text.find('x').unwrap();
        assert_eq!(position(text, x), Position::new(1, 9));
        assert_eq!(offset(text, Position::new(1, 9)), x);
        assert_eq!(offset(text, Position::new(1, 99)), text.len() - 1);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn a_ranged_change_replaces_just_that_range() {
        let mut text = String::from("speakers = [\"ali\"]\n");
        let range = LspRange::new(Position::new(0, 16), Position::new(0, 16));
        apply_change(&mut text, Some(range), "-khamenei");
        assert_eq!(text, "speakers = [\"ali-khamenei\"]\n");
    }
}
