//! Hover: what an id stands for (a speaker's name, role and counts; a topic's title,
//! description and counts; a quote's words, speaker and date), a key's documentation, and
//! an `@/` link's target title.

use std::path::Path;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::diagnostics::count;
use crate::load::{SourceFile, Sources};

use super::cursor::Place;
use super::index::{self, NameKind};
use super::names::{self, value_names};
use super::text;
use super::workspace::Workspace;

pub fn hover(workspace: &Workspace, path: &Path, position: Position) -> Option<Hover> {
    let (text, _, place) = workspace.place(path, position)?;
    let sources = workspace.sources()?;
    let (markdown, span) = match place {
        Place::Key { table, typed, span } => {
            let key = super::keys::for_table(&workspace.root, path, &table)
                .iter()
                .find(|key| key.name == typed)?;
            let summary = super::keys::summary(key);
            (
                format!("**`{}`** ({summary})\n\n{}", key.name, key.doc),
                span,
            )
        }
        Place::Value {
            table,
            key,
            string: Some((name, span)),
        } => {
            let kind = value_names(&table, &key)?;
            (about(sources, kind, &name)?, span)
        }
        Place::Link { target, span, .. } => (link_target(sources, &target)?, span),
        _ => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(text::range(&text, span)),
    })
}

/// What the name `id` of `kind` stands for, in Markdown.
pub fn about(sources: &Sources, kind: NameKind, id: &str) -> Option<String> {
    match kind {
        NameKind::Speaker => {
            let speaker = sources.speakers.iter().find(|s| s.file.stem() == id)?;
            let front = &speaker.front;
            let mut out = format!("**{}**", front.name.get_ref());
            let said = [front.role.as_deref(), front.country.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            if !said.is_empty() {
                out.push_str(&format!(" — {}", said.join(", ")));
            }
            let quotes = index::quotes(sources)
                .into_iter()
                .filter(|q| q.front.speaker.get_ref() == id)
                .count();
            let articles = files_naming(sources, NameKind::Speaker, id);
            out.push_str(&format!(
                "\n\n{}, in {}",
                count(quotes, "quote"),
                count(articles, "article")
            ));
            Some(out)
        }
        NameKind::Topic => {
            let topic = sources.topics.iter().find(|t| t.file.stem() == id)?;
            let mut out = format!("**{}**", topic.front.title.get_ref());
            if let Some(description) = &topic.front.description {
                out.push_str(&format!("\n\n{description}"));
            }
            let files = files_naming(sources, NameKind::Topic, id);
            out.push_str(&format!("\n\nnamed in {}", count(files, "file")));
            Some(out)
        }
        NameKind::Quote => {
            let quote = index::quotes(sources).into_iter().find(|q| q.id == id)?;
            let speaker = names::speaker_names(sources)(quote.front.speaker.get_ref());
            Some(format!(
                "> {}\n\n— {speaker}, {}\n\n`{}` in {}",
                quote.front.text.get_ref(),
                quote.said,
                quote.id,
                quote.article.file.path.display()
            ))
        }
    }
}

/// How many files name `id` (counted from the sources, so it holds while others are
/// broken).
fn files_naming(sources: &Sources, kind: NameKind, id: &str) -> usize {
    let mut paths: Vec<_> = index::mentions(sources, kind, id)
        .into_iter()
        .map(|mention| mention.path)
        .collect();
    paths.dedup();
    paths.len()
}

/// The title of the content file `@/path.md#anchor` names (and the heading's, for an anchor).
fn link_target(sources: &Sources, target: &str) -> Option<String> {
    let target = target.strip_prefix("@/")?;
    let (content_path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let file = index::content_files(sources)
        .into_iter()
        .find(|file| file.content_path == content_path)?;
    let mut out = format!(
        "**{}**\n\n`{}`",
        file_title(sources, file),
        file.path.display()
    );
    if let Some(anchor) = anchor {
        let heading = index::heading_ids(file.body())
            .into_iter()
            .find(|(id, _)| id == anchor);
        match heading {
            Some((_, title)) => out.push_str(&format!("\n\nsection: {title}")),
            None => out.push_str(&format!(
                "\n\nno heading `#{anchor}` in its body (its template may still write the id)"
            )),
        }
    }
    Some(out)
}

/// A content file's title: an article's or topic's title, a speaker's name.
pub fn file_title(sources: &Sources, file: &SourceFile) -> String {
    let path = &file.path;
    (sources
        .articles
        .iter()
        .find(|a| &a.file.path == path)
        .map(|a| a.front.title.get_ref().clone()))
    .or_else(|| {
        sources
            .speakers
            .iter()
            .find(|s| &s.file.path == path)
            .map(|s| s.front.name.get_ref().clone())
    })
    .or_else(|| {
        sources
            .topics
            .iter()
            .find(|t| &t.file.path == path)
            .map(|t| t.front.title.get_ref().clone())
    })
    .unwrap_or_else(|| file.content_path.clone())
}
