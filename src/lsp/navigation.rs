//! Go to definition (an id to its speaker or topic file, `responds_to` to the quote in its
//! article, an `@/` link to its target) and find references (every article, quote, event
//! and topic that names a speaker, topic or quote).

use std::path::Path;

use lsp_types::{GotoDefinitionResponse, Location, Position, Range, Url};

use crate::load::Sources;

use super::cursor::Place;
use super::index::{self, Mention, NameKind};
use super::names::value_names;
use super::sources::ContentKind;
use super::text;
use super::workspace::Workspace;

pub fn definition(
    workspace: &Workspace,
    path: &Path,
    position: Position,
) -> Option<GotoDefinitionResponse> {
    let (_, _, place) = workspace.place(path, position)?;
    let sources = workspace.sources()?;
    let location = match place {
        Place::Value {
            table,
            key,
            string: Some((name, _)),
        } => match value_names(&table, &key)? {
            NameKind::Quote => {
                let quote = index::quotes(sources).into_iter().find(|q| q.id == name)?;
                location(&workspace.root, &quote.text_mention())?
            }
            kind => {
                let file = index::definition(sources, kind, &name)?;
                file_start(&workspace.root, &file.path)?
            }
        },
        Place::Link { target, .. } => link_location(workspace, sources, &target)?,
        _ => return None,
    };
    Some(GotoDefinitionResponse::Scalar(location))
}

pub fn references(workspace: &Workspace, path: &Path, position: Position) -> Option<Vec<Location>> {
    let (kind, name) = name_at(workspace, path, position)?;
    let sources = workspace.sources()?;
    Some(
        index::mentions(sources, kind, &name)
            .iter()
            .filter_map(|mention| location(&workspace.root, mention))
            .collect(),
    )
}

/// The name at `position`: an id in a value, or else, in a speaker's or topic's own file,
/// that speaker or topic.
pub fn name_at(
    workspace: &Workspace,
    path: &Path,
    position: Position,
) -> Option<(NameKind, String)> {
    let (_, _, place) = workspace.place(path, position)?;
    if let Place::Value {
        table,
        key,
        string: Some((name, _)),
    } = place
    {
        return Some((value_names(&table, &key)?, name));
    }
    let stem = path.file_stem()?.to_str()?.to_string();
    match ContentKind::of(&workspace.root, path)? {
        ContentKind::Speaker => Some((NameKind::Speaker, stem)),
        ContentKind::Topic => Some((NameKind::Topic, stem)),
        ContentKind::Article => None,
    }
}

pub fn location(root: &Path, mention: &Mention) -> Option<Location> {
    Some(Location {
        uri: Url::from_file_path(root.join(&mention.path)).ok()?,
        range: text::range(&mention.text, mention.span.clone()),
    })
}

fn file_start(root: &Path, shown: &Path) -> Option<Location> {
    Some(Location {
        uri: Url::from_file_path(root.join(shown)).ok()?,
        range: Range::default(),
    })
}

/// Where `@/path.md#anchor` leads: the file, at the heading when the anchor is one.
fn link_location(workspace: &Workspace, sources: &Sources, target: &str) -> Option<Location> {
    let target = target.strip_prefix("@/")?;
    let (content_path, anchor) = target.split_once('#').unwrap_or((target, ""));
    let file = index::content_files(sources)
        .into_iter()
        .find(|file| file.content_path == content_path)?;
    let mut location = file_start(&workspace.root, &file.path)?;
    if !anchor.is_empty() {
        let mut at = file.body_offset;
        for line in file.text[file.body_offset..].split_inclusive('\n') {
            if index::heading_ids(line).iter().any(|(id, _)| id == anchor) {
                let start = text::position(&file.text, at);
                location.range = Range::new(start, start);
                break;
            }
            at += line.len();
        }
    }
    Some(location)
}
