//! Rename a speaker, topic or quote id across every file of the site, as one workspace
//! edit: every front-matter value that names it, every `@/` link to a speaker's or topic's
//! file, and the file itself (with its translations); a quote whose id is derived gets the
//! new id pinned (`id = "…"`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_types::{
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, PrepareRenameResponse, RenameFile, ResourceOp, TextDocumentEdit, TextEdit, Url,
    WorkspaceEdit,
};

use crate::link::slugs;
use crate::load::Sources;

use super::cursor::Place;
use super::index::{self, NameKind};
use super::names::value_names;
use super::text;
use super::workspace::Workspace;

/// The id under the cursor, when it can be renamed.
pub fn prepare(
    workspace: &Workspace,
    path: &Path,
    position: Position,
) -> Option<PrepareRenameResponse> {
    let (text, _, place) = workspace.place(path, position)?;
    let Place::Value {
        table,
        key,
        string: Some((name, span)),
    } = place
    else {
        return None;
    };
    value_names(&table, &key)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: text::range(&text, span),
        placeholder: name,
    })
}

pub fn rename(
    workspace: &Workspace,
    path: &Path,
    position: Position,
    new_name: &str,
) -> Result<Option<WorkspaceEdit>, String> {
    let Some((kind, old)) = super::navigation::name_at(workspace, path, position) else {
        return Ok(None);
    };
    if !slugs::is_valid(new_name) {
        return Err(format!(
            "`{new_name}` is not an id: ids are lowercase letters, digits and single dashes (try `{}`)",
            slugs::slugify(new_name)
        ));
    }
    let Some(sources) = workspace.sources() else {
        return Ok(None);
    };
    let mut edits: BTreeMap<PathBuf, (std::sync::Arc<str>, Vec<TextEdit>)> = BTreeMap::new();
    let mut edit = |path: &Path,
                    text: &std::sync::Arc<str>,
                    span: std::ops::Range<usize>,
                    new_text: String| {
        let entry = edits
            .entry(path.to_path_buf())
            .or_insert_with(|| (text.clone(), Vec::new()));
        entry.1.push(TextEdit {
            range: text::range(text, span),
            new_text,
        });
    };
    for mention in index::mentions(sources, kind, &old) {
        edit(
            &mention.path,
            &mention.text,
            mention.inner(),
            new_name.to_string(),
        );
    }
    let mut renames = Vec::new();
    match kind {
        NameKind::Quote => {
            if let Some(quote) = index::quotes(sources)
                .into_iter()
                .find(|q| q.id == old && !q.pinned)
            {
                let mention = quote.text_mention();
                let line_start = mention.text[..mention.span.start]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                edit(
                    &mention.path,
                    &mention.text,
                    line_start..line_start,
                    format!("id = \"{new_name}\"\n"),
                );
            }
        }
        _ => {
            let folder = if kind == NameKind::Speaker {
                "speakers"
            } else {
                "topics"
            };
            for (path, text, span) in links_to(sources, &format!("@/{folder}/{old}.md")) {
                edit(&path, &text, span, format!("@/{folder}/{new_name}.md"));
            }
            renames = file_renames(sources, folder, &old, new_name);
        }
    }
    Ok(Some(workspace_edit(&workspace.root, edits, renames)))
}

/// Every `@/` link to `target` (with or without an anchor) in every body, as the span of
/// its path.
fn links_to(
    sources: &Sources,
    target: &str,
) -> Vec<(PathBuf, std::sync::Arc<str>, std::ops::Range<usize>)> {
    let mut files = index::content_files(sources);
    for language in &sources.languages {
        files.extend(language.articles.iter().map(|a| &a.file));
        files.extend(language.speakers.iter().map(|s| &s.file));
        files.extend(language.topics.iter().map(|t| &t.file));
    }
    let mut out = Vec::new();
    for file in files {
        for (at, _) in file.text[file.body_offset..].match_indices(target) {
            let start = file.body_offset + at;
            let after = file.text[start + target.len()..].chars().next();
            if after.is_none_or(|c| matches!(c, ')' | '#' | '>' | '"' | ' ' | '\n')) {
                out.push((
                    file.path.clone(),
                    file.text.clone(),
                    start..start + target.len(),
                ));
            }
        }
    }
    out
}

/// The definition file of a speaker or topic, and its translations, under the new name.
fn file_renames(sources: &Sources, folder: &str, old: &str, new: &str) -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new("content").join(folder);
    let mut out = vec![(dir.join(format!("{old}.md")), dir.join(format!("{new}.md")))];
    for language in &sources.languages {
        let code = &language.code;
        let translated = dir.join(format!("{old}.{code}.md"));
        let exists = language
            .speakers
            .iter()
            .map(|s| &s.file.path)
            .chain(language.topics.iter().map(|t| &t.file.path))
            .any(|path| *path == translated);
        if exists {
            out.push((translated, dir.join(format!("{new}.{code}.md"))));
        }
    }
    out
}

fn workspace_edit(
    root: &Path,
    edits: BTreeMap<PathBuf, (std::sync::Arc<str>, Vec<TextEdit>)>,
    renames: Vec<(PathBuf, PathBuf)>,
) -> WorkspaceEdit {
    let uri = |path: &Path| Url::from_file_path(root.join(path)).ok();
    let mut operations = Vec::new();
    for (path, (_, edits)) in edits {
        let Some(uri) = uri(&path) else { continue };
        operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        }));
    }
    // After the edits, whose positions are in the files under their old names.
    for (old, new) in renames {
        if let (Some(old_uri), Some(new_uri)) = (uri(&old), uri(&new)) {
            operations.push(DocumentChangeOperation::Op(ResourceOp::Rename(
                RenameFile {
                    old_uri,
                    new_uri,
                    options: None,
                    annotation_id: None,
                },
            )));
        }
    }
    WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Operations(operations)),
        change_annotations: None,
    }
}
