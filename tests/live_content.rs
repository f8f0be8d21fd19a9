//! The live dossier (`site.toml` and `content/` of the repository, with its own templates
//! and static files if it has any), built once. `.github/workflows/publish.yml` runs the
//! tests before deploying, so these assert only what holds for any valid content: an
//! editor who adds a valid article, speaker or topic never breaks them. Tests that need
//! exact content use the frozen copy in `tests/fixtures/bundled`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use common::{Built, Site, repo_root, texts};

static LIVE: LazyLock<Built> = LazyLock::new(|| Built::new("live", &repo_root(), None));

/// The front matter of every `.md` file under `content/<kind>/`, by file path.
fn front_matter(kind: &str) -> BTreeMap<String, toml::Table> {
    let dir = repo_root().join("content").join(kind);
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        out.insert(display(path), parse_front(path));
    }
    out
}

fn display(path: &Path) -> String {
    path.strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The TOML between the first two `+++` lines (the build itself has accepted the file).
fn parse_front(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    assert_eq!(lines.next().map(str::trim_end), Some("+++"), "{path:?}");
    let front: Vec<&str> = lines.take_while(|l| l.trim_end() != "+++").collect();
    toml::from_str(&front.join("\n")).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

fn string(table: &toml::Table, key: &str) -> String {
    table[key].as_str().unwrap().trim().to_string()
}

/// The `h1` of every page under `<kind>/<slug>/` (not the list pages).
fn titles_of(site: &Site, kind: &str) -> Vec<String> {
    site.pages
        .iter()
        .filter(|(path, _)| {
            path.starts_with(&format!("{kind}/"))
                && path.matches('/').count() == 2
                && !path.starts_with(&format!("{kind}/page/"))
                && *path != &format!("{kind}/index.html")
        })
        .flat_map(|(_, html)| texts(html, "h1"))
        .collect()
}

#[test]
fn every_published_article_speaker_and_topic_has_its_page() {
    let site = LIVE.site();
    let articles: Vec<(String, toml::Table)> = front_matter("articles")
        .into_iter()
        .filter(|(_, front)| front.get("draft").and_then(|d| d.as_bool()) != Some(true))
        .collect();
    assert!(!articles.is_empty(), "content/articles has no article");
    let mut article_titles = titles_of(&site, "articles");
    article_titles.sort();
    // Titles are published with typographic punctuation ("Iran's" → "Iran’s").
    let smart = |front: &toml::Table, key: &str| {
        let language = front
            .get("language")
            .and_then(|l| l.as_str())
            .unwrap_or("en");
        dossier::link::typography::smarten(&string(front, key), language)
    };
    let mut wanted: Vec<String> = articles.iter().map(|(_, f)| smart(f, "title")).collect();
    wanted.sort();
    assert_eq!(article_titles, wanted, "one page per published article");

    for (kind, key) in [("speakers", "name"), ("topics", "title")] {
        let mut shown = titles_of(&site, kind);
        shown.sort();
        let mut wanted: Vec<String> = front_matter(kind)
            .values()
            .map(|front| match kind {
                "topics" => smart(front, key),
                _ => string(front, key),
            })
            .collect();
        wanted.sort();
        assert_eq!(shown, wanted, "one page per file in content/{kind}");
    }
}

#[test]
fn every_quote_has_its_page_showing_its_words() {
    let site = LIVE.site();
    let mut wanted: Vec<String> = front_matter("articles")
        .values()
        .filter(|front| front.get("draft").and_then(|d| d.as_bool()) != Some(true))
        .flat_map(|front| {
            front
                .get("quotes")
                .and_then(|q| q.as_array())
                .cloned()
                .unwrap_or_default()
        })
        .map(|quote| quote["text"].as_str().unwrap().trim().to_string())
        .collect();
    wanted.sort();
    let mut shown: Vec<String> = site
        .pages
        .iter()
        .filter(|(path, _)| {
            path.starts_with("quotes/")
                && path.matches('/').count() == 2
                && !path.starts_with("quotes/page/")
                && path.as_str() != "quotes/index.html"
        })
        .flat_map(|(_, html)| texts(html, ".quote-large blockquote:not(.quote-original) p"))
        .collect();
    shown.sort();
    // A page shows each run of white space as one space.
    let words = |s: &String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        shown.iter().map(words).collect::<Vec<_>>(),
        wanted.iter().map(words).collect::<Vec<_>>(),
        "one page per quote, with its words"
    );
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let site = LIVE.site();
    let broken = site.broken_links(&LIVE.base_url);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn dossier_check_finds_no_error() {
    let options = dossier::BuildOptions {
        root: repo_root(),
        output: None,
        base_url: None,
        drafts: false,
        cache: false,
    };
    // Warnings (e.g. a quote without a source URL) are allowed: `check` fails only on errors.
    if dossier::check(&options).is_err() {
        let output = common::dossier(&repo_root(), &["check"]);
        panic!("dossier check failed:\n{}", common::stderr(&output));
    }
}
