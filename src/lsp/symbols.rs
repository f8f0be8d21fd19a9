//! The outline of an article: its quotes (by speaker and first words) and its events.

use std::path::Path;

use lsp_types::{DocumentSymbol, SymbolKind};

use super::index;
use super::names;
use super::text;
use super::workspace::Workspace;

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written; `tags` replaced it.
pub fn symbols(workspace: &Workspace, path: &Path) -> Option<Vec<DocumentSymbol>> {
    let sources = workspace.sources()?;
    let shown = crate::diagnostics::display_path(&workspace.root, path);
    let article = sources.articles.iter().find(|a| a.file.path == shown)?;
    let file = &article.file;
    let speaker = names::speaker_names(sources);
    let symbol = |name: String, detail: String, kind: SymbolKind, span: std::ops::Range<usize>| {
        let span = (span.start + file.front_offset)..(span.end + file.front_offset);
        let range = text::range(&file.text, span);
        DocumentSymbol {
            name,
            detail: Some(detail),
            kind,
            tags: None,
            deprecated: None,
            range,
            selection_range: range,
            children: None,
        }
    };
    let mut out = Vec::new();
    for quote in index::quotes(sources)
        .into_iter()
        .filter(|q| q.article.file.path == shown)
    {
        let front = quote.front;
        out.push(symbol(
            format!(
                "{}: {}",
                speaker(front.speaker.get_ref()),
                names::first_words(front.text.get_ref(), 6)
            ),
            quote.id.clone(),
            SymbolKind::STRING,
            front.text.span(),
        ));
    }
    for event in &article.front.events {
        let date = event
            .date
            .get_ref()
            .to_string()
            .trim_matches('"')
            .to_string();
        out.push(symbol(
            format!("{date}: {}", event.title),
            "event".into(),
            SymbolKind::EVENT,
            event.date.span(),
        ));
    }
    Some(out)
}
