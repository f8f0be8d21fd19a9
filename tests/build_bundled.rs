//! The bundled dossier builds end to end, every internal link resolves, and quotes,
//! speakers, articles and topics link to each other both ways.

mod common;

use common::{Site, build, bundled_site, hrefs};

const BASE: &str = "https://example.org/iran-us/";

fn built() -> (tempfile::TempDir, Site) {
    let dir = bundled_site();
    let public = build(dir.path(), &[]);
    let site = Site::open(&public, "/iran-us/");
    (dir, site)
}

#[test]
fn writes_every_page_of_the_url_table() {
    let (_dir, site) = built();
    for page in [
        "index.html",
        "404.html",
        "articles/index.html",
        "articles/khamenei-rejects-talks-after-trump-letter/index.html",
        "topics/index.html",
        "topics/jcpoa/index.html",
        "speakers/index.html",
        "speakers/ali-khamenei/index.html",
        "quotes/index.html",
        "quotes/ali-khamenei-2025-03-12-we-spent-years-negotiating-and-then/index.html",
        "chronology/index.html",
        "chronology/2015/index.html",
        "chronology/2025/index.html",
    ] {
        site.page(page);
    }
    assert!(site.root.join("style.css").is_file());
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let (_dir, site) = built();
    assert!(site.pages.len() > 25, "only {} pages", site.pages.len());
    let broken = site.broken_links(BASE);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn quote_pages_and_their_speaker_article_and_topics_link_both_ways() {
    let (_dir, site) = built();
    let quote_pages: Vec<&String> = site
        .pages
        .keys()
        .filter(|p| p.starts_with("quotes/") && p.matches('/').count() == 2)
        .collect();
    assert_eq!(quote_pages.len(), 10, "the bundled article has ten quotes");
    for path in quote_pages {
        let html = site.page(path);
        let quote_url = format!("/iran-us/{}", path.trim_end_matches("index.html"));
        let figcaption_speaker = hrefs(html, ".quote-large .quote-speaker");
        assert_eq!(figcaption_speaker.len(), 1, "{path}: one speaker link");
        let article = hrefs(html, ".facts a[href^='/iran-us/articles/']");
        assert_eq!(article.len(), 1, "{path}: one article link");
        let topics = hrefs(html, ".facts .chips a");
        assert!(!topics.is_empty(), "{path}: links its topics");
        for target in figcaption_speaker.iter().chain(&article).chain(&topics) {
            let target_page = site.file_for(target).unwrap();
            let back = hrefs(site.page(&target_page), "main a");
            assert!(
                back.contains(&quote_url),
                "{target_page} does not link back to {quote_url}"
            );
        }
    }
}

#[test]
fn the_chronology_shows_the_sources_dated_events() {
    let (_dir, site) = built();
    let dates = common::texts(site.page("chronology/index.html"), ".timeline-date");
    assert_eq!(
        dates,
        [
            "2015",
            "2018",
            "2019",
            "February 2025",
            "12 March 2025",
            "12 March 2025"
        ]
    );
}
