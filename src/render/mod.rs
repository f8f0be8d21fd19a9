//! Stage 3, **render**: `Dossier` + templates → pages in memory. Pure and parallel.

pub mod aliases;
pub mod citation;
pub mod cite;
pub mod data;
pub mod feeds;
pub mod head;
pub mod jsonld;
pub mod pages;
pub mod search;
pub mod sitemap;
pub mod theme;
pub mod thread;
pub mod views;
pub mod xml;

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

/// Renders every page, then the files made for machines: feeds, sitemap, open data,
/// citations and alias redirects. Template errors are collected (one per template and message).
pub fn render(dossier: &Dossier, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let views = views::Views::build(dossier);
    render_with_views(dossier, theme, &views)
}

/// [`render`] with the views already built (`serve` keeps them between rebuilds).
pub fn render_with_views(
    dossier: &Dossier,
    theme: &Theme,
    views: &views::Views,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let specs = pages::all_pages(dossier, views);
    let page_index: Vec<(String, pages::Subject)> =
        specs.iter().map(|s| (s.path.clone(), s.subject)).collect();
    let mut files = render_pages(dossier, theme, specs)?;
    files.extend(feeds::feeds(dossier));
    files.extend(sitemap::sitemap(dossier, &page_index));
    files.extend(data::data_files(dossier));
    files.extend(cite::cite_files(dossier));
    let taken: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let redirects = aliases::aliases(dossier, &taken)?;
    files.extend(redirects);
    Ok(files)
}

/// Renders the given HTML pages only (`serve` re-renders just those whose inputs changed).
pub fn render_pages(
    dossier: &Dossier,
    theme: &Theme,
    specs: Vec<pages::PageSpec>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let results: Vec<Result<OutputFile, Diagnostic>> = specs
        .into_par_iter()
        .map(|spec| {
            let mut context = spec.context;
            context.insert_value("head", head::for_page(dossier, spec.subject));
            theme
                .tera
                .render(spec.template, &context)
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

/// Every output that shows the Markdown body of the given articles, speakers or topics:
/// their own pages, and the Atom feeds that carry those articles (bodies included). `serve`
/// re-renders only these after an edit that changed nothing but bodies, so an output that
/// starts showing a body must be added here.
pub fn body_outputs(
    dossier: &Dossier,
    theme: &Theme,
    views: &views::Views,
    articles: &[usize],
    speakers: &[usize],
    topics: &[usize],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let specs = articles
        .iter()
        .map(|&i| pages::article(dossier, views, i))
        .chain(speakers.iter().map(|&i| pages::speaker(dossier, views, i)))
        .chain(topics.iter().map(|&i| pages::topic(dossier, views, i)))
        .collect();
    let mut files = render_pages(dossier, theme, specs)?;
    let mut feeds: Vec<OutputFile> = articles
        .iter()
        .flat_map(|&i| feeds::feeds_with_article(dossier, i))
        .collect();
    feeds.sort_by(|a, b| a.path.cmp(&b.path));
    feeds.dedup_by(|a, b| a.path == b.path);
    files.extend(feeds);
    Ok(files)
}
