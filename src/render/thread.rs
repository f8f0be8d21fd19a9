//! Dialogue threads: the quote a quote responds to, its responses, and theirs.

use std::collections::HashSet;

use crate::link::Dossier;

/// The whole thread `quote` belongs to, in reading order, with each member's depth.
/// A quote in no thread gives an empty list.
pub fn of(dossier: &Dossier, quote: usize) -> Vec<(usize, usize)> {
    let quotes = &dossier.quotes;
    if quotes[quote].responds_to.is_none() && quotes[quote].responses.is_empty() {
        return Vec::new();
    }
    let mut root = quote;
    let mut seen = HashSet::from([quote]);
    while let Some(parent) = quotes[root].responds_to {
        if !seen.insert(parent) {
            break; // a cycle; `link` rejects these, but never loop forever
        }
        root = parent;
    }
    let mut out = Vec::new();
    let mut stack = vec![(root, 0)];
    let mut visited = HashSet::new();
    while let Some((member, depth)) = stack.pop() {
        if !visited.insert(member) {
            continue;
        }
        out.push((member, depth));
        for &response in quotes[member].responses.iter().rev() {
            stack.push((response, depth + 1));
        }
    }
    out
}
