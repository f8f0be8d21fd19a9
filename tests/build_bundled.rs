//! The bundled dossier, frozen as `tests/fixtures/bundled` and built once with the embedded
//! theme: every page of the URL table, every internal link resolves, and quotes, speakers,
//! articles and topics link to each other both ways. (The live `content/` is checked in
//! `live_content.rs`.)

mod common;

use std::sync::LazyLock;

use common::{Built, Site, fixture, hrefs};

static BUNDLED: LazyLock<Built> =
    LazyLock::new(|| Built::new("bundled", &fixture("bundled"), None));

fn built() -> Site {
    BUNDLED.site()
}

#[test]
fn writes_every_page_of_the_url_table() {
    let site = built();
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
    let site = built();
    assert!(site.pages.len() > 25, "only {} pages", site.pages.len());
    let broken = site.broken_links(&BUNDLED.base_url);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn quote_pages_and_their_speaker_article_and_topics_link_both_ways() {
    let site = built();
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
    let site = built();
    // The summary's most recent entries, newest first…
    let dates = common::texts(site.page("chronology/index.html"), ".timeline-date");
    assert_eq!(
        dates,
        [
            "12 March 2025",
            "12 March 2025",
            "February 2025",
            "2019",
            "2018",
            "2015"
        ]
    );
    // …and every entry on its year's page, oldest first.
    let years = hrefs(site.page("chronology/index.html"), ".chrono-summary li > a");
    let mut dates = Vec::new();
    for year in &years {
        let page = site.file_for(year).unwrap();
        dates.extend(common::texts(site.page(&page), ".timeline-date"));
    }
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
