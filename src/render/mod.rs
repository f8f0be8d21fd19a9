//! Stage 3, **render**: `Dossier` + templates → pages in memory. Pure and parallel.

pub mod citation;
pub mod pages;
pub mod search;
pub mod theme;
pub mod thread;
pub mod views;

use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Dossier;
pub use theme::Theme;

/// A file of the output: its path relative to the output folder (`/`-separated) and bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Arc<[u8]>,
}

/// Renders every page. Template errors are collected (one per template and message).
pub fn render(dossier: &Dossier, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let views = views::Views::build(dossier);
    let specs = pages::all_pages(dossier, &views);
    let results: Vec<Result<OutputFile, Diagnostic>> = specs
        .into_par_iter()
        .map(|spec| {
            theme
                .tera
                .render(spec.template, &spec.context)
                .map(|html| OutputFile {
                    path: spec.path,
                    bytes: Arc::from(html.into_bytes()),
                })
                .map_err(|err| theme.diagnostic(&err, spec.template))
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut diagnostics = Diagnostics::default();
    let mut seen_messages = std::collections::HashSet::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => {
                if seen_messages.insert(diagnostic.message.clone()) {
                    diagnostics.push(diagnostic);
                }
            }
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(files)
}
