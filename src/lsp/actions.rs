//! Quick fixes: each did-you-mean of a diagnostic's help replaces the text it points at;
//! an unknown speaker or topic can be created (the file `dossier new` writes).

use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, Range, ResourceOp, TextDocumentEdit, TextEdit, Url, WorkspaceEdit,
};

use super::text;
use super::workspace::Workspace;

pub fn actions(
    workspace: &Workspace,
    path: &Path,
    diagnostics: &[lsp_types::Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let Some(text) = workspace.text(path) else {
        return Vec::new();
    };
    let Ok(uri) = Url::from_file_path(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for diagnostic in diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some("dossier"))
    {
        if let Some(fix) = did_you_mean(&text, &uri, diagnostic) {
            out.push(CodeActionOrCommand::CodeAction(fix));
        }
        if let Some(create) = create_missing(workspace, diagnostic) {
            out.push(CodeActionOrCommand::CodeAction(create));
        }
    }
    out
}

/// The suggestion of a help line: `did you mean `x`?` → `x`.
pub fn suggestion(help: &str) -> Option<&str> {
    let rest = help.split_once("did you mean `")?.1;
    Some(rest.split_once('`')?.0)
}

fn help_of(diagnostic: &lsp_types::Diagnostic) -> Option<&str> {
    diagnostic.data.as_ref()?.get("help")?.as_str()
}

fn did_you_mean(text: &str, uri: &Url, diagnostic: &lsp_types::Diagnostic) -> Option<CodeAction> {
    let wanted = suggestion(help_of(diagnostic)?)?;
    let span = text::span(text, diagnostic.range);
    let current = &text[span.clone()];
    let new_text = replacement(current, wanted)?;
    let mut changes = std::collections::HashMap::new();
    changes.insert(
        uri.clone(),
        vec![TextEdit {
            range: diagnostic.range,
            new_text,
        }],
    );
    Some(CodeAction {
        title: format!("Replace with `{wanted}`"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(true),
        ..CodeAction::default()
    })
}

/// What replaces `current` (the diagnostic's text) so that it says `wanted`: a quoted
/// value stays quoted, an anchor replaces only the part after `#`.
fn replacement(current: &str, wanted: &str) -> Option<String> {
    if current.is_empty() {
        return None;
    }
    if let Some(anchor) = wanted.strip_prefix('#') {
        let (before, _) = current.rsplit_once('#')?;
        return Some(format!("{before}#{anchor}"));
    }
    for quote in ['"', '\''] {
        if current.len() >= 2 && current.starts_with(quote) && current.ends_with(quote) {
            return Some(format!("{quote}{wanted}{quote}"));
        }
    }
    Some(wanted.to_string())
}

/// "Create speaker `x`" / "Create topic `x`" for an unknown id, writing the file
/// `dossier new` would (its name or title made from the id, for the editor to correct).
fn create_missing(workspace: &Workspace, diagnostic: &lsp_types::Diagnostic) -> Option<CodeAction> {
    let first_line = diagnostic.message.lines().next()?;
    let (kind, id) = ["speaker", "topic"].into_iter().find_map(|kind| {
        let id = first_line
            .strip_prefix(&format!("unknown {kind} `"))?
            .strip_suffix('`')?;
        Some((kind, id))
    })?;
    if !crate::link::slugs::is_valid(id) {
        return None;
    }
    let name = id
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ");
    let (folder, content) = match kind {
        "speaker" => ("speakers", crate::scaffold::speaker_file(&name)),
        _ => ("topics", crate::scaffold::topic_file(&name)),
    };
    let uri = Url::from_file_path(
        workspace
            .root
            .join("content")
            .join(folder)
            .join(format!("{id}.md")),
    )
    .ok()?;
    let operations = vec![
        DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
            uri: uri.clone(),
            options: Some(CreateFileOptions {
                overwrite: Some(false),
                ignore_if_exists: Some(true),
            }),
            annotation_id: None,
        })),
        DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: vec![OneOf::Left(TextEdit {
                range: Range::new(Position::new(0, 0), Position::new(0, 0)),
                new_text: content,
            })],
        }),
    ];
    Some(CodeAction {
        title: format!("Create {kind} `{id}` (content/{folder}/{id}.md)"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(operations)),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggestion_keeps_the_quotes_and_the_path_before_an_anchor() {
        assert_eq!(
            suggestion("did you mean `bo-sample`? (for a new speaker: …)"),
            Some("bo-sample")
        );
        assert_eq!(
            replacement("\"bo-sampel\"", "bo-sample").as_deref(),
            Some("\"bo-sample\"")
        );
        assert_eq!(replacement("txet", "text").as_deref(), Some("text"));
        assert_eq!(
            replacement("@/topics/x.md#bakground", "#background").as_deref(),
            Some("@/topics/x.md#background")
        );
    }
}
