//! Which front-matter values name what, and what a name stands for (for completion and
//! hover): speakers by name and role, topics by title, quotes by their words.

use crate::load::Sources;

use super::cursor::Table;
use super::index::{self, NameKind};

/// What the value of `key` in `table` names, if anything.
pub fn value_names(table: &Table, key: &str) -> Option<NameKind> {
    match (table, key) {
        (Table::Top, "speakers") | (Table::Quotes, "speaker") => Some(NameKind::Speaker),
        (Table::Top | Table::Quotes | Table::Events, "topics") | (Table::Top, "related") => {
            Some(NameKind::Topic)
        }
        (Table::Quotes, "responds_to" | "id") => Some(NameKind::Quote),
        (Table::Other(table), "quote") if table == "corrections" => Some(NameKind::Quote),
        _ => None,
    }
}

/// One name the site defines: its id, what people call it, and a line about it.
pub struct Named {
    pub id: String,
    pub label: String,
    pub detail: Option<String>,
}

/// Every name of `kind` the site defines.
pub fn all(sources: &Sources, kind: NameKind) -> Vec<Named> {
    match kind {
        NameKind::Speaker => (sources.speakers.iter())
            .map(|s| Named {
                id: s.file.stem().to_string(),
                label: s.front.name.get_ref().clone(),
                detail: s.front.role.clone(),
            })
            .collect(),
        NameKind::Topic => (sources.topics.iter())
            .map(|t| Named {
                id: t.file.stem().to_string(),
                label: t.front.title.get_ref().clone(),
                detail: t.front.description.clone(),
            })
            .collect(),
        NameKind::Quote => {
            let speakers = speaker_names(sources);
            index::quotes(sources)
                .into_iter()
                .map(|q| {
                    let speaker = speakers(q.front.speaker.get_ref());
                    Named {
                        detail: Some(format!(
                            "{} — {speaker}",
                            first_words(q.front.text.get_ref(), 8)
                        )),
                        label: q.id.clone(),
                        id: q.id,
                    }
                })
                .collect()
        }
    }
}

/// A speaker's name by id (the id itself when no file names it).
pub fn speaker_names(sources: &Sources) -> impl Fn(&str) -> String + '_ {
    |id: &str| {
        (sources.speakers.iter())
            .find(|s| s.file.stem() == id)
            .map_or_else(|| id.to_string(), |s| s.front.name.get_ref().clone())
    }
}

/// The first `count` words of `text`, with `…` when there are more.
pub fn first_words(text: &str, count: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words[..words.len().min(count)].join(" ");
    if words.len() > count {
        out.push('…');
    }
    out
}

/// Whether `typed` finds `named`: a part of its id, or of any word of its label or detail,
/// ignoring case and accents (typing "khame" finds `ali-khamenei`).
pub fn matches(named: &Named, typed: &str) -> bool {
    let typed = fold(typed);
    if typed.is_empty() {
        return true;
    }
    [Some(&named.id), Some(&named.label)]
        .into_iter()
        .flatten()
        .any(|text| fold(text).contains(&typed))
}

fn fold(text: &str) -> String {
    crate::link::slugs::slugify(text)
}
