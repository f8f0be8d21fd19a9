//! What citation managers, social networks and timeline embeds read from a built site, on
//! sites written by code (`common::sites`): names split into family and given names as the
//! front matter says, the access date only when the editor gave one, the original-language
//! title of a quote, share images with their real size, JSON-LD that names the dossier as
//! publisher of its pages, and timeline groups only when they fit. The same outputs fed to
//! the real clients (citeproc-js, pybtex, PyLD, TimelineJS) are in `tests/clients.rs`.

mod common;

use std::sync::LazyLock;

use biblatex::ChunksExt;
use common::sites::{self, ARTICLE_SLUG, COUNCIL_QUOTE_ID, QUOTE_ID, WU_QUOTE_ID};
use common::{Built, citation_download};
use scraper::{Html, Selector};
use serde_json::{Value, json};

static SITE: LazyLock<Built> = LazyLock::new(|| {
    let root = common::scratch("citations");
    sites::citation_site(&root);
    Built::at(root, None, false)
});

fn read(rel: &str) -> String {
    std::fs::read_to_string(SITE.public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The CSL-JSON item of the page at `rel` (`articles/x/`).
fn csl(rel: &str) -> Value {
    let items: Value = serde_json::from_str(&citation_download(
        &read(&format!("{rel}index.html")),
        "json",
    ))
    .unwrap();
    items[0].clone()
}

/// The BibTeX entry of the page at `rel`, parsed by the `biblatex` crate.
fn bib(rel: &str) -> (String, biblatex::Entry) {
    let text = citation_download(&read(&format!("{rel}index.html")), "bib");
    let parsed = biblatex::Bibliography::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let entry = parsed.iter().next().expect("one entry").clone();
    (text, entry)
}

fn article() -> String {
    format!("articles/{ARTICLE_SLUG}/")
}

fn quote(id: &str) -> String {
    format!("quotes/{id}/")
}

#[test]
fn csl_names_are_family_and_given_as_the_front_matter_says() {
    assert_eq!(
        csl(&article())["author"],
        json!([{ "family": "Dast Sample", "given": "Mina" }]),
        "author_family_name = \"Dast Sample\""
    );
    assert_eq!(
        csl(&quote(QUOTE_ID))["author"],
        json!([{ "family": "Fictive", "given": "Norma" }]),
        "the simple split: the last word"
    );
    assert_eq!(
        csl(&quote(WU_QUOTE_ID))["author"],
        json!([{ "family": "Wu", "given": "Testmei" }]),
        "family_name = \"Wu\", written first"
    );
    assert_eq!(
        csl(&quote(COUNCIL_QUOTE_ID))["author"],
        json!([{ "literal": "Council of Examples" }]),
        "family_name = the whole name: an organisation, never split"
    );
}

#[test]
fn bibtex_names_use_the_same_split() {
    let (text, entry) = bib(&article());
    assert!(text.contains("  author = {Dast Sample, Mina},\n"), "{text}");
    let authors = entry.author().unwrap();
    assert_eq!(
        (authors[0].name.as_str(), authors[0].given_name.as_str()),
        ("Dast Sample", "Mina")
    );
    let (_, entry) = bib(&quote(WU_QUOTE_ID));
    let authors = entry.author().unwrap();
    assert_eq!(
        (authors[0].name.as_str(), authors[0].given_name.as_str()),
        ("Wu", "Testmei")
    );
    let (text, entry) = bib(&quote(COUNCIL_QUOTE_ID));
    assert!(
        text.contains("  author = {{Council of Examples}},\n"),
        "{text}"
    );
    let authors = entry.author().unwrap();
    assert_eq!(
        (authors[0].name.as_str(), authors[0].given_name.as_str()),
        ("Council of Examples", "")
    );
}

#[test]
fn the_access_date_comes_from_the_front_matter_or_is_left_out() {
    assert_eq!(
        csl(&article())["accessed"],
        json!({ "date-parts": [[2025, 3, 14]] })
    );
    let (_, entry) = bib(&article());
    assert_eq!(
        entry.get("urldate").unwrap().format_verbatim(),
        "2025-03-14"
    );
    // No `accessed`: none, rather than a copy of the publication date.
    let older = csl("articles/older/");
    assert!(older.get("accessed").is_none(), "{older}");
    assert!(bib("articles/older/").1.get("urldate").is_none());
    // A quote is cited at the dossier's own page: no access date either.
    assert!(csl(&quote(QUOTE_ID)).get("accessed").is_none());
    assert!(bib(&quote(QUOTE_ID)).1.get("urldate").is_none());
}

#[test]
fn a_quote_with_an_original_text_carries_it_as_original_title() {
    let item = csl(&quote(QUOTE_ID));
    assert_eq!(item["title"], "We will not let them stop us");
    assert_eq!(item["original-title"], "ما نمی‌گذاریم ما را متوقف کنند");
    assert!(csl(&quote(WU_QUOTE_ID)).get("original-title").is_none());
}

/// `(og:image, og:image:width, og:image:height, twitter:card)` of a page.
fn share_tags(rel: &str) -> (Option<String>, Option<String>, Option<String>, String) {
    let html = Html::parse_document(&read(rel));
    let meta = |selector: &str| {
        html.select(&Selector::parse(selector).unwrap())
            .next()
            .and_then(|m| m.value().attr("content").map(String::from))
    };
    (
        meta("meta[property='og:image']"),
        meta("meta[property='og:image:width']"),
        meta("meta[property='og:image:height']"),
        meta("meta[name='twitter:card']").unwrap(),
    )
}

fn some(value: impl ToString) -> Option<String> {
    Some(value.to_string())
}

#[test]
fn pages_share_the_site_image_and_speakers_their_own_with_its_size() {
    let (w, h) = sites::SHARE_SIZE;
    for rel in [
        "index.html".to_string(),
        format!("{}index.html", article()),
        "topics/talks/index.html".to_string(),
    ] {
        assert_eq!(
            share_tags(&rel),
            (
                some("https://example.test/img/share.png"),
                some(w),
                some(h),
                "summary_large_image".into()
            ),
            "{rel}"
        );
    }
    let (w, h) = sites::PORTRAIT_SIZE;
    assert_eq!(
        share_tags("speakers/norma-fictive/index.html"),
        (
            some("https://example.test/img/norma.png"),
            some(w),
            some(h),
            "summary_large_image".into()
        )
    );
    // The image files themselves are published from static/.
    assert_eq!(
        std::fs::read(SITE.public.join("img/share.png")).unwrap(),
        sites::png(sites::SHARE_SIZE)
    );
}

#[test]
fn a_site_without_an_image_has_no_og_image_and_a_summary_card() {
    let built = Built::new("no-image", &common::fixture("basic"), None);
    let html = std::fs::read_to_string(built.public.join("index.html")).unwrap();
    assert!(!html.contains("og:image"), "{html}");
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
}

/// The JSON-LD block of a page.
fn json_ld(rel: &str) -> Value {
    let html = Html::parse_document(&read(rel));
    let script = Selector::parse("script[type='application/ld+json']").unwrap();
    let text: String = html.select(&script).next().unwrap().text().collect();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn json_ld_names_the_dossier_as_publisher_and_the_newspaper_as_the_source() {
    let ld = json_ld(&format!("{}index.html", article()));
    let news = &ld["@graph"][0];
    assert_eq!(news["@type"], "NewsArticle");
    assert_eq!(
        news["publisher"],
        json!({ "@type": "Organization", "name": sites::SITE_TITLE, "url": "https://example.test/" })
    );
    assert_eq!(
        news["isBasedOn"],
        json!({
            "@type": "NewsArticle",
            "publisher": { "@type": "Organization", "name": sites::SOURCE },
            "url": "https://news.example.test/talks"
        })
    );
    let (w, h) = sites::SHARE_SIZE;
    assert_eq!(
        news["image"],
        json!({ "@type": "ImageObject", "url": "https://example.test/img/share.png", "width": w, "height": h })
    );
    let person = &json_ld("speakers/norma-fictive/index.html")["@graph"][0];
    assert_eq!(person["image"]["url"], "https://example.test/img/norma.png");
}

#[test]
fn list_topic_and_chronology_pages_are_collection_pages_with_breadcrumbs() {
    let names = |ld: &Value| -> Vec<(String, String)> {
        let graph = ld["@graph"].as_array().unwrap();
        let page = graph
            .iter()
            .find(|n| n["@type"] == "CollectionPage")
            .expect("a CollectionPage");
        let crumbs = graph
            .iter()
            .find(|n| n["@id"] == page["breadcrumb"]["@id"])
            .expect("the page's BreadcrumbList is in the graph");
        assert_eq!(crumbs["@type"], "BreadcrumbList");
        crumbs["itemListElement"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(n, item)| {
                assert_eq!(item["position"], n + 1);
                (
                    item["name"].as_str().unwrap().to_string(),
                    item["item"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let home = (
        sites::SITE_TITLE.to_string(),
        "https://example.test/".to_string(),
    );
    let crumb = |name: &str, path: &str| (name.to_string(), format!("https://example.test/{path}"));
    assert_eq!(
        names(&json_ld("articles/index.html")),
        vec![home.clone(), crumb("Articles", "articles/")]
    );
    assert_eq!(
        names(&json_ld("topics/talks/index.html")),
        vec![
            home.clone(),
            crumb("Topics", "topics/"),
            crumb("Talks", "topics/talks/")
        ]
    );
    assert_eq!(
        names(&json_ld("speakers/norma-fictive/quotes/index.html")),
        vec![
            home.clone(),
            crumb("Speakers", "speakers/"),
            crumb("Norma Fictive", "speakers/norma-fictive/"),
            crumb("Quotes by Norma Fictive", "speakers/norma-fictive/quotes/")
        ]
    );
    assert_eq!(
        names(&json_ld("chronology/2025/index.html")),
        vec![
            home,
            crumb("Chronology", "chronology/"),
            crumb("Chronology: 2025", "chronology/2025/")
        ]
    );
    // The search page is noindex and depends on the query: no JSON-LD.
    assert!(!read("search/index.html").contains("application/ld+json"));
}

#[test]
fn timeline_groups_are_left_out_when_there_are_too_many_topics() {
    let root = common::scratch("many-topics");
    sites::many_topics_site(&root, 300);
    let built = Built::at(root, None, false);
    let timeline: Value = serde_json::from_str(
        &std::fs::read_to_string(built.public.join("data/timeline.json")).unwrap(),
    )
    .unwrap();
    let events = timeline["events"].as_array().unwrap();
    assert!(events.len() > 300);
    assert!(
        events.iter().all(|e| e.get("group").is_none()),
        "a timeline of 40 topics has no groups (TimelineJS stacks one row per group)"
    );
    // With few topics (the citation site has one), events keep their first topic as group.
    let few: Value = serde_json::from_str(&read("data/timeline.json")).unwrap();
    assert!(
        few["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["group"] == "Talks")
    );
}
