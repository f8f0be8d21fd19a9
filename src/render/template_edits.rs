//! Changes made to a template's text before it is compiled (its indentation removed, its
//! constant strings folded in), kept so that a diagnostic can point into the template as
//! written.

/// One change: at `at` in the changed text, `changed_len` bytes stand for `original_len`
/// bytes of the text before.
#[derive(Debug, Clone, Copy)]
pub struct Edit {
    pub at: usize,
    pub changed_len: usize,
    pub original_len: usize,
}

/// `position` in the changed text as a position in the text before `edits` (sorted by
/// `at`); inside a change, its start.
pub fn original_at(edits: &[Edit], position: usize) -> usize {
    let mut shift: isize = 0;
    for edit in edits {
        if position < edit.at {
            break;
        }
        if position < edit.at + edit.changed_len {
            return (edit.at as isize + shift) as usize;
        }
        shift += edit.original_len as isize - edit.changed_len as isize;
    }
    (position as isize + shift) as usize
}
