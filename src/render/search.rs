//! The full-text search index, built with Pagefind inside the build: no extra command, no
//! Node, no network. Pagefind reads the rendered HTML of every article, quote, speaker and
//! topic page, in memory, and returns its index and its browser code (`pagefind.js`, the
//! worker, the WebAssembly, the Default UI) as files, which join the site's other output
//! files under `pagefind/` and are published (or served) with them.
//!
//! What gets indexed is decided in the templates, with Pagefind's attributes:
//! - `data-pagefind-body` marks the main content of a page; other pages and everything
//!   outside it (header, navigation, related lists) are not indexed;
//! - `data-pagefind-ignore` skips parts of the main content (lists of other quotes,
//!   citations);
//! - `<meta data-pagefind-filter="kind[content]" content="quote">` and the like, in
//!   `<head>`, give each page its filters `kind`, `speaker` and `topic`, its `date` sort key
//!   and its result title (see the `search_meta` block of each page template).
//!
//! The index is deterministic: Pagefind names its files by content hashes, sorts words,
//! filters and pages, and gzips without timestamps; pages are fed in the dossier's order.

use std::collections::HashMap;
use std::sync::Arc;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::link::Dossier;

/// The folder of the output that holds the index and Pagefind's browser code.
pub const FOLDER: &str = "pagefind";

/// Indexes the article, quote, speaker and topic pages among `files` (the rendered site)
/// and returns Pagefind's files, under `pagefind/`, sorted by path.
pub fn index(dossier: &Dossier, files: &[OutputFile]) -> Result<Vec<OutputFile>, Diagnostic> {
    let by_path: HashMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    // Site-relative URLs (`/quotes/x/`), in the dossier's order so the index is stable.
    let urls = dossier
        .articles
        .iter()
        .map(|a| &a.url)
        .chain(dossier.quotes.iter().map(|q| &q.url))
        .chain(dossier.speakers.iter().map(|s| &s.url))
        .chain(dossier.topics.iter().map(|t| &t.url));
    let mut pages: Vec<(String, &OutputFile)> = Vec::new();
    for url in urls {
        let site_path = url.strip_prefix(dossier.base_path.as_str()).unwrap_or(url);
        if let Some(file) = by_path.get(format!("{site_path}index.html").as_str()) {
            pages.push((format!("/{site_path}"), file));
        }
    }

    let failed = |what: &str, err: &dyn std::fmt::Display| {
        Diagnostic::error(format!("could not build the search index: {what}: {err:#}"))
            .help("set `enabled = false` under [search] in site.toml to build without search")
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|err| failed("no async runtime", &err))?;
    let language = primary_language(&dossier.config.language);
    let synthetic = runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(language)
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| failed("options", &e))?;
        for (url, file) in pages {
            let html = String::from_utf8_lossy(&file.bytes).into_owned();
            index
                .add_html_file(None, Some(url.clone()), html)
                .await
                .map_err(|e| failed(&url, &e))?;
        }
        index.get_files().await.map_err(|e| failed("writing", &e))
    })?;

    let mut out: Vec<OutputFile> = synthetic
        .into_iter()
        .map(|file| {
            let name = file
                .filename
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            OutputFile {
                path: format!("{FOLDER}/{name}"),
                bytes: Arc::from(file.contents),
            }
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// `en-GB` → `en`: Pagefind keeps one index per language, and the search page loads the
/// index of its own `<html lang>`, so every page is indexed as the site's language.
fn primary_language(language: &str) -> String {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    if primary.is_empty() {
        "unknown".into()
    } else {
        primary.to_ascii_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_language_is_the_primary_subtag() {
        assert_eq!(primary_language("en-GB"), "en");
        assert_eq!(primary_language("FA"), "fa");
        assert_eq!(primary_language(""), "unknown");
    }
}
