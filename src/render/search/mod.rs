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

pub mod cache;
pub mod pack;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use pagefind::api::{CompactPage, PagePacker, PagefindIndex};
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
        // A withdrawn quote's page answers at its URL, but search does not offer it.
        .chain((dossier.quotes.iter().filter(|q| q.withdrawn.is_none())).map(|q| &q.url))
        .chain(dossier.speakers.iter().map(|s| &s.url))
        .chain(dossier.topics.iter().map(|t| &t.url))
        .map(|url| {
            // From the root: the pages of every language share one index.
            let site_path = urls::site_path_of_url(&dossier.root_path, url);
            (format!("/{site_path}"), urls::output_path(site_path))
        })
        .collect()
}

/// What an index reads, taken from the dossiers of a site's languages (its own first): the
/// language Pagefind is told to use when there is one (with several, it goes by each page's
/// `<html lang>`), and the pages as [`pages`] lists them.
#[derive(Debug, Clone)]
pub struct IndexPlan {
    language: Option<String>,
    pages: Vec<(String, String)>,
}

impl IndexPlan {
    pub fn of(dossiers: &[&Dossier]) -> IndexPlan {
        IndexPlan {
            language: match dossiers {
                [dossier] => Some(dossier.config.language.clone()),
                _ => None,
            },
            pages: dossiers.iter().flat_map(|dossier| pages(dossier)).collect(),
        }
    }

    /// The output paths of the pages, in index order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.pages.iter().map(|(_, path)| path.as_str())
    }
}

/// The search index of a site being rendered: pages are offered as they are rendered, on
/// the rendering threads, and each indexed page is read and packed at once (Pagefind's
/// `PagePacker`, a dossier patch), so neither the pages' HTML nor their full word lists are
/// kept until the index is written: at 10,000 articles that was ~2.5 GB of a 4 GB build.
pub struct Indexer {
    index: PagefindIndex,
    packer: PagePacker,
    /// Output path → (position in the index, URL) of each page the index reads.
    wanted: HashMap<String, (usize, String)>,
    packed: Mutex<Vec<(usize, CompactPage)>>,
    /// Packed pages and compressed files kept between builds, when the build keeps them.
    cache: Option<cache::SearchCache>,
    language: Option<String>,
}

impl Indexer {
    /// The index of a site in several languages (its own first): one index per language,
    /// which Pagefind keeps apart by each page's `<html lang>` (and the browser picks by
    /// the search page's).
    pub fn for_languages(dossiers: &[&Dossier]) -> Result<Indexer, Diagnostic> {
        Indexer::from_plan(&IndexPlan::of(dossiers))
    }

    /// An index of the pages `plan` names (`serve` keeps the plan, not the dossiers).
    pub fn from_plan(plan: &IndexPlan) -> Result<Indexer, Diagnostic> {
        // Pagefind reads the current folder while setting up, and panics if there is none.
        std::env::current_dir().map_err(|err| failed("no current folder", &err))?;
        let options = pagefind_options(plan.language.as_deref());
        let index = PagefindIndex::new(Some(options)).map_err(|e| failed("options", &e))?;
        let wanted = plan
            .pages
            .iter()
            .enumerate()
            .map(|(position, (url, path))| (path.clone(), (position, url.clone())))
            .collect();
        Ok(Indexer {
            packer: index.page_packer(),
            index,
            wanted,
            packed: Mutex::new(Vec::new()),
            cache: None,
            language: plan.language.clone(),
        })
    }

    /// Reuses the pages packed, and the files compressed, by earlier builds of the site at
    /// `root`, and keeps this build's for the next (see [`cache`]).
    pub fn with_cache(mut self, root: &Path) -> Indexer {
        self.cache = Some(cache::SearchCache::at(root, self.language.as_deref()));
        self
    }

    /// How many pages were taken from the cache so far.
    pub fn reused_pages(&self) -> usize {
        self.cache.as_ref().map_or(0, |cache| cache.pages.reused())
    }

    /// Reads the output file at `path` into the index if it is a page the index reads.
    pub fn offer(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let Some((position, url)) = self.wanted.get(path) else {
            return Ok(());
        };
        let pack = || {
            // Rendered pages are UTF-8: checked the fast way, copied once.
            let html = std::str::from_utf8(bytes).map_or_else(
                |_| String::from_utf8_lossy(bytes).into_owned(),
                str::to_owned,
            );
            self.packer
                .pack_html(url.clone(), html)
                .map_err(|e| failed(&format!("reading {path}"), &e))
        };
        let page = match &self.cache {
            None => pack()?,
            // Keyed by the page as rendered (what is packed is made from it alone), so that
            // a page found in the cache is not parsed at all.
            Some(cache) => {
                let key = cache.pages.key(url, bytes);
                match cache.pages.get(&key) {
                    Some(page) => page,
                    None => {
                        let page = pack()?;
                        cache.pages.put(&key, &page);
                        page
                    }
                }
            }
        };
        self.packed
            .lock()
            .expect("no panics while holding")
            .push((*position, page));
        Ok(())
    }

    /// Writes the index: Pagefind's files, under `pagefind/`, sorted by path.
    pub fn finish(self) -> Result<Vec<OutputFile>, Diagnostic> {
        let Indexer {
            mut index,
            packed,
            cache,
            ..
        } = self;
        let mut packed = packed.into_inner().expect("no panics while holding");
        // Pages arrive in the order they were rendered: number them in the dossier's.
        packed.sort_unstable_by_key(|(position, _)| *position);
        let pages = packed.into_iter().map(|(_, page)| page).collect();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|err| failed("no async runtime", &err))?;
        let synthetic = runtime.block_on(async {
            index
                .add_compact_pages(pages)
                .await
                .map_err(|e| failed("reading pages", &e))?;
            match &cache {
                Some(cache) => index.get_files_keeping(&cache.compressed).await,
                None => index.get_files().await,
            }
            .map_err(|e| failed("writing", &e))
        })?;
        if let Some(cache) = cache {
            cache.finish();
        }
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
}

fn failed(what: &str, err: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(format!("could not build the search index: {what}: {err:#}"))
        .help("set `enabled = false` under [search] in site.toml to build without search")
}

/// Pagefind's options for an index of pages in `language` (or, with none, in the language
/// of each page's `<html lang>`).
fn pagefind_options(language: Option<&str>) -> PagefindServiceConfig {
    match language {
        Some(language) => PagefindServiceConfig::builder()
            .force_language(primary_language(language))
            .build(),
        None => PagefindServiceConfig::builder().build(),
    }
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
    use rayon::prelude::*;

    use super::*;

    /// The index as Pagefind builds it from whole pages (its own API, no packing).
    fn index_through_fossicked_pages(pages: Vec<(String, String)>) -> Vec<(String, Vec<u8>)> {
        let mut index = english_index();
        written(async {
            for (url, html) in pages {
                index.add_html_file(None, Some(url), html).await.unwrap();
            }
            index.get_files().await.unwrap()
        })
    }

    /// The index as `Indexer` builds it: pages packed one by one, in any order.
    fn index_through_packed_pages(pages: Vec<(String, String)>) -> Vec<(String, Vec<u8>)> {
        index_through_packer(english_index(), pages, |packer| packer)
    }

    /// The index `index` writes from `pages` packed by its packer as `choose` sets it up.
    fn index_through_packer(
        mut index: PagefindIndex,
        pages: Vec<(String, String)>,
        choose: impl Fn(PagePacker) -> PagePacker,
    ) -> Vec<(String, Vec<u8>)> {
        let packer = choose(index.page_packer());
        // Packed in parallel and out of order, as pages are rendered; numbered in order.
        let mut packed: Vec<(usize, CompactPage)> = pages
            .into_par_iter()
            .enumerate()
            .rev()
            .map(|(i, (url, html))| (i, packer.pack_html(url, html).unwrap()))
            .collect();
        packed.sort_unstable_by_key(|(i, _)| *i);
        let pages = packed.into_iter().map(|(_, page)| page).collect();
        written(async {
            index.add_compact_pages(pages).await.unwrap();
            index.get_files().await.unwrap()
        })
    }

    fn page_text(file: &OutputFile) -> String {
        String::from_utf8(file.bytes.to_vec()).unwrap()
    }

    /// The pages a fixture site's index reads, as rendered, and the language its index is
    /// told to use (none for a site in several languages).
    fn fixture_pages(fixture: &str) -> (Option<String>, Vec<(String, String)>) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let options = crate::pipeline::BuildOptions {
            root: root.join(fixture),
            output: None,
            base_url: None,
            drafts: false,
            cache: false,
        };
        let (sources, warnings) = crate::pipeline::load(&options).unwrap();
        let site = crate::pipeline::Site::link(&sources, false, warnings).unwrap();
        let files = site.render_all().unwrap();
        let by_path: HashMap<&str, &OutputFile> =
            files.iter().map(|f| (f.path.as_str(), f)).collect();
        let dossiers: Vec<&Dossier> = site.all_languages().map(|site| &site.dossier).collect();
        let plan = IndexPlan::of(&dossiers);
        let pages = (plan.pages.iter())
            .map(|(url, path)| (url.clone(), page_text(by_path[path.as_str()])))
            .collect();
        (plan.language, pages)
    }

    #[test]
    fn the_pages_of_the_fixture_sites_are_read_plainly_and_as_lol_html_reads_them() {
        // Pagefind patch part 11 reads a plain page (well-formed HTML) without lol_html; it
        // must read it exactly as lol_html does. The rendered pages must be plain, or every
        // build would take the slower path.
        for fixture in ["bundled", "persian", "bilingual"] {
            let (language, pages) = fixture_pages(fixture);
            assert!(pages.len() >= 10, "{fixture}: {} pages", pages.len());
            let index = || PagefindIndex::new(Some(pagefind_options(language.as_deref()))).unwrap();
            let packer = index().page_packer();
            for (url, html) in &pages {
                assert!(packer.reads_plainly(html), "{fixture}: {url} is not plain");
            }
            let plain = index_through_packer(index(), pages.clone(), |packer| packer);
            let through_lol_html =
                index_through_packer(index(), pages, PagePacker::reading_with_lol_html);
            assert_eq!(plain.len(), through_lol_html.len(), "{fixture}");
            for ((name, bytes), (expected_name, expected)) in plain.iter().zip(&through_lol_html) {
                assert_eq!(name, expected_name, "{fixture}");
                assert!(bytes == expected, "{fixture}: {name} differs");
            }
        }
    }

    fn english_index() -> PagefindIndex {
        let options = PagefindServiceConfig::builder()
            .force_language("en".into())
            .build();
        PagefindIndex::new(Some(options)).unwrap()
    }

    /// The files `writing` makes, as (name, bytes), sorted.
    fn written(
        writing: impl std::future::Future<Output = Vec<pagefind::api::SyntheticFile>>,
    ) -> Vec<(String, Vec<u8>)> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let mut files: Vec<(String, Vec<u8>)> = runtime
            .block_on(writing)
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().into_owned(), f.contents))
            .collect();
        files.sort();
        files
    }

    fn assert_same_index(pages: Vec<(String, String)>) {
        let expected = index_through_fossicked_pages(pages.clone());
        let packed = index_through_packed_pages(pages);
        let names =
            |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&packed), names(&expected));
        for ((name, bytes), (_, expected_bytes)) in packed.iter().zip(&expected) {
            assert!(bytes == expected_bytes, "{name} differs");
        }
    }

    /// A kept word-index chunk: its full hash and its bytes gzipped.
    type KeptChunk = (String, Vec<u8>);

    /// Word-index chunks kept in memory, counting those reused.
    #[derive(Default)]
    struct KeptInMemory {
        chunks: Mutex<HashMap<[u8; 32], KeptChunk>>,
        reused_chunks: std::sync::atomic::AtomicUsize,
    }

    impl pagefind::api::KeptCompressedFiles for KeptInMemory {
        fn get_chunk(&self, inputs: &[u8; 32]) -> Option<KeptChunk> {
            let found = self.chunks.lock().unwrap().get(inputs).cloned();
            if found.is_some() {
                (self.reused_chunks).fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            found
        }
        fn keep_chunk(&self, inputs: &[u8; 32], hash: &str, gz: &[u8]) {
            let chunk = (hash.to_string(), gz.to_vec());
            self.chunks.lock().unwrap().insert(*inputs, chunk);
        }
    }

    /// `index_through_packed_pages`, with word-index chunks kept from earlier builds.
    fn index_keeping(pages: Vec<(String, String)>, kept: &KeptInMemory) -> Vec<(String, Vec<u8>)> {
        let mut index = english_index();
        let packer = index.page_packer();
        let pages = (pages.into_iter())
            .map(|(url, html)| packer.pack_html(url, html).unwrap())
            .collect();
        written(async {
            index.add_compact_pages(pages).await.unwrap();
            index.get_files_keeping(kept).await.unwrap()
        })
    }

    #[test]
    fn word_index_chunks_kept_from_an_earlier_build_give_the_same_index_as_a_clean_build() {
        // Enough distinct words on one page for many chunks; the edits below touch words
        // sorted after all of them. (An edit to a word before a chunk's end can move where
        // that chunk is cut, and so every chunk after it: Pagefind cuts chunks greedily.)
        let filler: String = (0..30_000).map(|i| format!("w{i}x ")).collect();
        let page = |title: &str, body: &str, meta: &str| {
            format!(
                r#"<html lang="en"><body><main data-pagefind-body>
                <h1 data-pagefind-meta="title">{title}</h1>{meta}<p>{body}</p></main></body></html>"#
            )
        };
        let site = |b_body: &str, c_meta: &str, last: bool| {
            let mut pages: Vec<(String, String)> = vec![
                (
                    "/a/".into(),
                    page("Alpha", "zshared zcommon zwords here", ""),
                ),
                ("/b/".into(), page("Beta", b_body, "")),
                (
                    "/c/".into(),
                    page("Gamma", "zcommon zwords elsewhere", c_meta),
                ),
                ("/d/".into(), page("Filler", &filler, "")),
            ];
            if last {
                pages.push(("/e/".into(), page("Zlast", "zshared zwords zend", "")));
            }
            pages
        };
        let builds = [
            site("zshared zcommon zwords zmoved", "", true),
            // A word gone from one page but still on others, a new word.
            site("zcommon zwords zmoved zeta", "", true),
            // The same words at other positions.
            site("zmoved zwords zcommon zeta", "", true),
            // Another metadata field on a page: the index numbers its fields anew.
            site(
                "zmoved zwords zcommon zeta",
                r#"<span data-pagefind-meta="aside:Zside"></span>"#,
                true,
            ),
            // The last page gone: page numbers past the end.
            site("zmoved zwords zcommon zeta", "", false),
        ];
        let kept = KeptInMemory::default();
        let mut chunks = 0;
        for (i, pages) in builds.into_iter().enumerate() {
            let before = kept
                .reused_chunks
                .load(std::sync::atomic::Ordering::Relaxed);
            let expected = index_through_fossicked_pages(pages.clone());
            let reusing = index_keeping(pages, &kept);
            let names =
                |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
            assert_eq!(names(&reusing), names(&expected), "build {i}");
            for ((name, bytes), (_, expected_bytes)) in reusing.iter().zip(&expected) {
                assert!(bytes == expected_bytes, "build {i}: {name} differs");
            }
            let reused = kept
                .reused_chunks
                .load(std::sync::atomic::Ordering::Relaxed)
                - before;
            let built = (expected.iter())
                .filter(|(name, _)| name.contains("index/"))
                .count();
            match i {
                0 => {
                    assert_eq!(reused, 0);
                    chunks = built;
                }
                // Most chunks hold only the filler's words, which no edit touches.
                _ => assert!(
                    reused > 0 && reused < built,
                    "build {i}: {reused} of {built}"
                ),
            }
        }
        assert!(chunks >= 4, "{chunks} chunks");
    }

    #[test]
    fn packed_pages_written_to_disk_are_the_files_written_to_memory() {
        // Packed pages keep their fragments gzipped, not as JSON: Pagefind's disk writer
        // must write those bytes too (it wrote empty fragments before).
        let page = r#"<html lang="en"><body><main data-pagefind-body>
            <h1 data-pagefind-meta="title">Disk</h1><p>words on disk</p></main></body></html>"#;
        let pack = || {
            let index = english_index();
            let page = (index.page_packer())
                .pack_html("/disk/".into(), page.into())
                .unwrap();
            (index, page)
        };
        let (mut in_memory, page) = pack();
        let memory = written(async {
            in_memory.add_compact_pages(vec![page]).await.unwrap();
            in_memory.get_files().await.unwrap()
        });
        let folder = tempfile::tempdir().unwrap();
        let (mut on_disk, page) = pack();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            on_disk.add_compact_pages(vec![page]).await.unwrap();
            let path = folder.path().to_string_lossy().into_owned();
            on_disk.write_files(Some(path)).await.unwrap();
        });
        let fragments: Vec<&(String, Vec<u8>)> =
            (memory.iter().filter(|(name, _)| name.contains("fragment/"))).collect();
        assert_eq!(fragments.len(), 1);
        for (name, bytes) in fragments {
            let file = std::path::Path::new(name).file_name().unwrap();
            let on_disk = std::fs::read(folder.path().join("fragment").join(file)).unwrap();
            assert!(on_disk == *bytes, "{name} differs on disk");
        }
    }

    #[test]
    fn packed_pages_give_the_same_index_as_whole_pages() {
        // Words with diacritic variants in the content and in the metadata, metadata-only
        // words, filters, sort keys of both kinds, a page without a body, and enough words
        // for several index chunks.
        let filler: String = (0..30_000).map(|i| format!("w{i}x ")).collect();
        let page = |title: &str, body: &str, date: &str, kind: &str| {
            format!(
                r#"<html lang="en"><head><title>{title}</title></head><body>
                <main data-pagefind-body data-pagefind-sort="date:{date}">
                <h1 data-pagefind-meta="title">{title}</h1>
                <span data-pagefind-filter="kind">{kind}</span>
                <p>{body}</p></main></body></html>"#
            )
        };
        let pages = vec![
            (
                "/a/".into(),
                page(
                    "Café naïve",
                    "café cafe Café résumé resume",
                    "2020-01-02",
                    "quote",
                ),
            ),
            (
                "/b/".into(),
                page("Cafe", "naïve naive coöperate", "2019-05-06", "article"),
            ),
            (
                "/c/".into(),
                page(
                    "Only meta Über",
                    r#"plain words <span data-pagefind-meta="aside:Äpfel Mëta zebra"></span>"#,
                    "2021",
                    "article",
                ),
            ),
            ("/d/".into(), page("Many", &filler, "2018-01-01", "topic")),
            (
                "/e/".into(),
                "<html lang=\"en\"><body><p>no body marker</p></body></html>".into(),
            ),
            (
                "/f/".into(),
                page("Über über", "über uber Ünter", "2022-12-31", "quote"),
            ),
        ];
        assert_same_index(pages);
    }

    /// Page numbers past what one byte (24) and two bytes (256) of CBOR hold, words met
    /// first on a late page, and variant forms on both sides of the middle of the pages
    /// (where the index's first pass over them is split between two threads).
    #[test]
    fn packed_pages_give_the_same_index_past_small_page_numbers() {
        let pages = (0..600)
            .map(|n| {
                let mut body = format!("common w{} ", n % 7);
                if n % 97 == 0 {
                    body.push_str("rare café Café ");
                }
                if n == 2 || n == 599 {
                    body.push_str("edges ");
                }
                if n == 290 || n == 330 {
                    body.push_str("naïve naive ");
                }
                if n >= 550 {
                    body.push_str("late ");
                }
                let html = format!(
                    r#"<html lang="en"><head><title>P{n}</title></head><body>
                    <main data-pagefind-body><h1 data-pagefind-meta="title">P{n}</h1>
                    <p>{body}</p></main></body></html>"#
                );
                (format!("/p{n}/"), html)
            })
            .collect();
        assert_same_index(pages);
    }

    #[test]
    fn packed_pages_give_the_same_index_on_a_whole_site() {
        let (_, pages) = fixture_pages("bundled");
        assert!(pages.len() >= 20, "{} pages", pages.len());
        assert_same_index(pages);
    }

    #[test]
    fn the_index_language_is_the_primary_subtag() {
        assert_eq!(primary_language("en-GB"), "en");
        assert_eq!(primary_language("FA"), "fa");
        assert_eq!(primary_language(""), "unknown");
    }
}
