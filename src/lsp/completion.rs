//! Completion: front-matter keys, the ids a value names (speakers by name, topics by title,
//! quotes by their words), `status` values, language codes, today's date, and `@/` paths
//! with the `#anchors` of their target.

use std::ops::Range;
use std::path::Path;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, Position, TextEdit,
};

use super::cursor::{Place, Table};
use super::index::{self, NameKind};
use super::names::{self, value_names};
use super::text;
use super::workspace::Workspace;

/// Language codes offered for `language` (the interface's built-in languages first).
const LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("fa", "Persian (right to left)"),
    ("ar", "Arabic (right to left)"),
    ("fr", "French"),
    ("de", "German"),
    ("es", "Spanish"),
    ("he", "Hebrew (right to left)"),
    ("ur", "Urdu (right to left)"),
    ("ru", "Russian"),
    ("zh", "Chinese"),
    ("tr", "Turkish"),
];

const STATUSES: &[(&str, &str)] = &[
    ("verified", "the words are checked against the source"),
    ("disputed", "the attribution or the wording is contested"),
    (
        "misattributed",
        "widely attributed to this speaker, but not theirs",
    ),
];

/// Keys whose value is a date: today is offered, as a TOML date.
const DATE_KEYS: &[&str] = &["date", "said", "accessed", "archived"];

pub fn complete(
    workspace: &Workspace,
    path: &Path,
    position: Position,
) -> Option<CompletionResponse> {
    let (text, offset, place) = workspace.place(path, position)?;
    let sources = workspace.sources()?;
    let items = match place {
        Place::Key { table, typed, span } => {
            keys(workspace, path, &text, &table, &typed, range(&text, span))
        }
        Place::Value {
            table,
            key,
            string: Some((typed, span)),
        } => {
            let span = span.start..offset.max(span.start);
            let typed = &typed[..(span.end - span.start).min(typed.len())];
            let edit = range(&text, span);
            match value_names(&table, &key) {
                Some(kind) => ids(sources, kind, typed, edit, false),
                None if key == "status" => choices(STATUSES, edit, false),
                None if key == "language" => choices(LANGUAGES, edit, false),
                None => Vec::new(),
            }
        }
        Place::Value {
            table,
            key,
            string: None,
        } => {
            let edit = range(&text, offset..offset);
            match value_names(&table, &key) {
                Some(kind) => ids(sources, kind, "", edit, true),
                None if key == "status" => choices(STATUSES, edit, true),
                None if key == "language" => choices(LANGUAGES, edit, true),
                None if DATE_KEYS.contains(&key.as_str())
                    || table == Table::Events && key == "date" =>
                {
                    vec![today(edit)]
                }
                None => Vec::new(),
            }
        }
        Place::Link { typed, span, .. } => links(sources, &typed, range(&text, span.start..offset)),
        Place::Elsewhere => Vec::new(),
    };
    Some(CompletionResponse::List(CompletionList {
        // Ids are filtered here by name as well as by id: ask again as the editor types.
        is_incomplete: true,
        items,
    }))
}

fn range(text: &str, span: Range<usize>) -> lsp_types::Range {
    text::range(text, span)
}

fn item(
    label: String,
    kind: CompletionItemKind,
    detail: Option<String>,
    edit: lsp_types::Range,
    new_text: String,
) -> CompletionItem {
    CompletionItem {
        filter_text: Some(format!("{new_text} {label}")),
        label,
        kind: Some(kind),
        detail,
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: edit,
            new_text,
        })),
        ..CompletionItem::default()
    }
}

/// The ids of `kind` that `typed` finds, labelled with their name (or words).
fn ids(
    sources: &crate::load::Sources,
    kind: NameKind,
    typed: &str,
    edit: lsp_types::Range,
    quoted: bool,
) -> Vec<CompletionItem> {
    let item_kind = match kind {
        NameKind::Speaker => CompletionItemKind::REFERENCE,
        NameKind::Topic => CompletionItemKind::ENUM_MEMBER,
        NameKind::Quote => CompletionItemKind::VALUE,
    };
    names::all(sources, kind)
        .into_iter()
        .filter(|named| names::matches(named, typed))
        .map(|named| {
            let new_text = if quoted {
                format!("\"{}\"", named.id)
            } else {
                named.id.clone()
            };
            let mut item = item(named.label, item_kind, named.detail, edit, new_text);
            item.sort_text = Some(named.id);
            item
        })
        .collect()
}

fn choices(values: &[(&str, &str)], edit: lsp_types::Range, quoted: bool) -> Vec<CompletionItem> {
    values
        .iter()
        .map(|(value, about)| {
            let new_text = if quoted {
                format!("\"{value}\"")
            } else {
                value.to_string()
            };
            item(
                value.to_string(),
                CompletionItemKind::ENUM_MEMBER,
                Some(about.to_string()),
                edit,
                new_text,
            )
        })
        .collect()
}

fn today(edit: lsp_types::Range) -> CompletionItem {
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    item(
        today.clone(),
        CompletionItemKind::VALUE,
        Some("today, as a TOML date".into()),
        edit,
        today,
    )
}

/// Front-matter keys of the table being written, with their documentation; at the top
/// level, those already written are left out, and in a translation the keys its original
/// has come first.
fn keys(
    workspace: &Workspace,
    path: &Path,
    text: &str,
    table: &Table,
    typed: &str,
    edit: lsp_types::Range,
) -> Vec<CompletionItem> {
    let written = if *table == Table::Top {
        top_keys(text)
    } else {
        Vec::new()
    };
    let original = original_keys(workspace, path);
    super::keys::for_table(&workspace.root, path, table)
        .iter()
        .filter(|key| key.name.starts_with(typed) && !written.contains(&key.name.to_string()))
        .map(|key| {
            let in_original = *table == Table::Top && original.contains(&key.name.to_string());
            let detail = if in_original {
                format!("{} (the original has it)", super::keys::summary(key))
            } else {
                super::keys::summary(key)
            };
            let mut item = item(
                key.name.to_string(),
                CompletionItemKind::FIELD,
                Some(detail),
                edit,
                format!("{} = ", key.name),
            );
            item.sort_text = Some(format!("{}{}", if in_original { 0 } else { 1 }, key.name));
            item.documentation = Some(Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: key.doc.to_string(),
            }));
            item
        })
        .collect()
}

/// The keys written at the top level of the front matter of `text`.
fn top_keys(text: &str) -> Vec<String> {
    let Some(front) = super::cursor::front_matter(text) else {
        return Vec::new();
    };
    text[front]
        .lines()
        .take_while(|line| !line.trim_start().starts_with('['))
        .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim().to_string()))
        .collect()
}

/// For a translation (`x.fa.md`), the top-level keys of its original (`x.md`).
fn original_keys(workspace: &Workspace, path: &Path) -> Vec<String> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let Some(code) = crate::load::translation::language_suffix(name) else {
        return Vec::new();
    };
    let original = path.with_file_name(name.replace(&format!(".{code}.md"), ".md"));
    workspace
        .text(&original)
        .map_or_else(Vec::new, |text| top_keys(&text))
}

/// `@/` paths of every content file, and once a `#` is typed, the anchors of the target.
fn links(
    sources: &crate::load::Sources,
    typed: &str,
    edit: lsp_types::Range,
) -> Vec<CompletionItem> {
    if let Some((target, _)) = typed.split_once('#') {
        let content_path = target.trim_start_matches("@/");
        let Some(file) = index::content_files(sources)
            .into_iter()
            .find(|f| f.content_path == content_path)
        else {
            return Vec::new();
        };
        return index::heading_ids(file.body())
            .into_iter()
            .map(|(id, title)| {
                item(
                    format!("{target}#{id}"),
                    CompletionItemKind::REFERENCE,
                    Some(title),
                    edit,
                    format!("{target}#{id}"),
                )
            })
            .collect();
    }
    index::content_files(sources)
        .into_iter()
        .map(|file| {
            let target = format!("@/{}", file.content_path);
            item(
                target.clone(),
                CompletionItemKind::FILE,
                Some(super::hover::file_title(sources, file)),
                edit,
                target,
            )
        })
        .collect()
}
