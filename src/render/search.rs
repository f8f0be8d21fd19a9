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

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use lol_html::{HtmlRewriter, Settings, element};
use rayon::prelude::*;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::output::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::link::model::Dossier;
use crate::urls;

/// The folder of the output that holds the index and Pagefind's browser code.
pub const FOLDER: &str = "pagefind";

/// The pages the index reads, in the dossier's order (so the index is stable): each
/// article, quote, speaker and topic page as (site URL such as `/quotes/x/`, output path).
pub fn pages(dossier: &Dossier) -> Vec<(String, String)> {
    dossier
        .articles
        .iter()
        .map(|a| &a.url)
        .chain(dossier.quotes.iter().map(|q| &q.url))
        .chain(dossier.speakers.iter().map(|s| &s.url))
        .chain(dossier.topics.iter().map(|t| &t.url))
        .map(|url| {
            let site_path = urls::site_path_of_url(&dossier.base_path, url);
            (format!("/{site_path}"), urls::output_path(site_path))
        })
        .collect()
}

/// Indexes the article, quote, speaker and topic pages among `files` (the rendered site)
/// and returns Pagefind's files, under `pagefind/`, sorted by path.
pub fn index(dossier: &Dossier, files: &[OutputFile]) -> Result<Vec<OutputFile>, Diagnostic> {
    let by_path: HashMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut pages_found: Vec<(String, &OutputFile)> = Vec::new();
    for (url, path) in pages(dossier) {
        if let Some(file) = by_path.get(path.as_str()) {
            pages_found.push((url, file));
        }
    }
    // Pagefind parses pages one at a time; trim them first, in parallel.
    let pages: Vec<(String, String)> = pages_found
        .into_par_iter()
        .map(|(url, file)| (url, without_ignored_parts(&file.bytes)))
        .collect();

    let failed = |what: &str, err: &dyn std::fmt::Display| {
        Diagnostic::error(format!("could not build the search index: {what}: {err:#}"))
            .help("set `enabled = false` under [search] in site.toml to build without search")
    };
    // Pagefind reads the current folder while setting up, and panics if there is none.
    std::env::current_dir().map_err(|err| failed("no current folder", &err))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|err| failed("no async runtime", &err))?;
    let language = primary_language(&dossier.config.language);
    let synthetic = runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(language)
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| failed("options", &e))?;
        let started = std::time::Instant::now();
        index
            .add_html_files(pages)
            .await
            .map_err(|e| failed("reading pages", &e))?;
        crate::timings::report("search: add pages", started);
        let started = std::time::Instant::now();
        let files = index.get_files().await.map_err(|e| failed("writing", &e));
        crate::timings::report("search: write", started);
        files
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

/// The page without its `data-pagefind-ignore` parts, which Pagefind would parse only to
/// skip them (on a quote page, the related quotes are most of the page). When an ignored
/// part carries a filter, meta or sort key (which Pagefind would still read), or cannot be
/// parsed, the page is kept whole.
fn without_ignored_parts(html: &[u8]) -> String {
    const KEYS: [&str; 5] = [
        "data-pagefind-filter",
        "data-pagefind-meta",
        "data-pagefind-default-meta",
        "data-pagefind-sort",
        "data-pagefind-body",
    ];
    let keeps_data = KEYS
        .iter()
        .flat_map(|key| {
            [
                format!("[data-pagefind-ignore][{key}]"),
                format!("[data-pagefind-ignore] [{key}]"),
            ]
        })
        .collect::<Vec<_>>()
        .join(", ");
    let whole = || String::from_utf8_lossy(html).into_owned();
    let keep_whole = Cell::new(false);
    let mut out = Vec::with_capacity(html.len() / 2);
    let result = {
        let mut rewriter = HtmlRewriter::new(
            Settings::new()
                .append_element_content_handler(element!("[data-pagefind-ignore]", |el| {
                    el.remove();
                    Ok(())
                }))
                .append_element_content_handler(element!(keeps_data.as_str(), |_| {
                    keep_whole.set(true);
                    Ok(())
                })),
            |chunk: &[u8]| out.extend_from_slice(chunk),
        );
        rewriter.write(html).and_then(|()| rewriter.end())
    };
    if result.is_err() || keep_whole.get() {
        return whole();
    }
    String::from_utf8(out).unwrap_or_else(|_| whole())
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
    fn ignored_parts_are_trimmed_unless_they_carry_search_data() {
        let page = r#"<html lang="en"><body><main data-pagefind-body><p>Kept</p><section data-pagefind-ignore><p>Dropped <b>here</b></p></section></main></body></html>"#;
        let trimmed = without_ignored_parts(page.as_bytes());
        assert!(
            trimmed.contains("Kept") && !trimmed.contains("Dropped"),
            "{trimmed}"
        );
        for page in [
            r#"<main data-pagefind-body><dl data-pagefind-ignore><dd data-pagefind-meta="context">Kept</dd></dl></main>"#,
            r#"<main data-pagefind-body><p data-pagefind-ignore data-pagefind-filter="kind:quote">Kept</p></main>"#,
        ] {
            assert_eq!(without_ignored_parts(page.as_bytes()), page);
        }
    }

    #[test]
    fn the_index_language_is_the_primary_subtag() {
        assert_eq!(primary_language("en-GB"), "en");
        assert_eq!(primary_language("FA"), "fa");
        assert_eq!(primary_language(""), "unknown");
    }
}
