//! A quote's history: an old id in `aliases` leaves a redirect (and still answers a
//! `responds_to`), an alias cannot be another quote's id, and a withdrawn quote keeps a
//! page that says when and why, while lists, feeds and search leave it out.

mod common;

use std::path::Path;

use common::{Site, build, copy_site, dossier, fixture, hrefs, stderr, texts};
use scraper::Selector;

const FIRST: &str = "content/articles/2024-01-10-first.md";

/// The basic fixture with `edit` applied to its first article.
fn site_with(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let site = copy_site(&fixture("basic"));
    let path = site.path().join(FIRST);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed nothing");
    std::fs::write(&path, edited).unwrap();
    site
}

fn attr(html: &scraper::Html, selector: &str, name: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(name).map(String::from))
        .collect()
}

fn renamed_with_alias(text: String) -> String {
    text.replace(
        "id = \"ada-opening\"",
        "id = \"ada-opening-remarks\"\naliases = [\"ada-opening\"]",
    )
}

#[test]
fn an_old_id_in_aliases_leaves_a_redirect_to_the_quote() {
    let site = site_with(renamed_with_alias);
    let public = build(site.path(), &[]);
    let pages = Site::open(&public, "/");
    let new = "https://example.test/quotes/ada-opening-remarks/";
    assert!(
        public
            .join("quotes/ada-opening-remarks/index.html")
            .is_file()
    );
    let redirect = pages.page("quotes/ada-opening/index.html");
    assert_eq!(attr(redirect, "link[rel=canonical]", "href"), [new]);
    assert_eq!(
        attr(redirect, "meta[http-equiv=refresh]", "content"),
        [format!("0; url={new}")]
    );
    assert_eq!(hrefs(redirect, "body a"), [new]);
    assert_eq!(attr(redirect, "meta[name=robots]", "content"), ["noindex"]);
    // The reply's `responds_to = "ada-opening"` (the old id) still finds it.
    let reply = pages.page("quotes/bo-reply/index.html");
    assert!(
        hrefs(reply, "section[aria-labelledby=thread] p a")
            .contains(&"/quotes/ada-opening-remarks/".to_string()),
        "the thread links the renamed quote"
    );
    // The open data lists the old id.
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("data/dossier.json")).unwrap()).unwrap();
    let quote = data["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "ada-opening-remarks")
        .unwrap();
    assert_eq!(quote["aliases"], serde_json::json!(["ada-opening"]));
}

#[test]
fn an_alias_that_is_another_quotes_id_is_an_error_naming_both_places() {
    let site = site_with(|text| {
        text.replace(
            "id = \"ada-opening\"",
            "id = \"ada-opening\"\naliases = [\"bo-reply\"]",
        )
    });
    let check = dossier(site.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    let report = stderr(&check);
    assert!(
        report.contains(
            "error: the alias `bo-reply` is another quote's id\n  --> content/articles/2024-01-10-first.md:14:12"
        ),
        "{report}"
    );
    assert!(
        report.contains("content/articles/2024-02-01-reply.md:10:6"),
        "the other quote's place: {report}"
    );
    assert!(report.contains("help: remove the alias"), "{report}");
}

fn withdrawn(text: String) -> String {
    text.replace(
        "id = \"ada-opening\"",
        "id = \"ada-opening\"\nwithdrawn = 2024-02-05\nwithdrawn_reason = \"The fixture's recording showed someone else said it.\"",
    )
}

#[test]
fn a_withdrawn_quote_keeps_a_page_saying_when_and_why_and_leaves_the_lists() {
    let site = site_with(withdrawn);
    let public = build(site.path(), &[]);
    let pages = Site::open(&public, "/");
    let page = pages.page("quotes/ada-opening/index.html");
    assert_eq!(
        texts(page, ".withdrawn p"),
        [
            "This quote was withdrawn on 5 February 2024.",
            "The fixture’s recording showed someone else said it."
        ]
    );
    assert_eq!(
        texts(page, "figure.quote-large.quote-withdrawn blockquote"),
        ["We open the fixture talks today."]
    );
    // No list, feed or count shows it (where the same site without `withdrawn` does).
    let listed = |html: &scraper::Html| hrefs(html, "figure.quote a.quote-link");
    let opening = "/quotes/ada-opening/".to_string();
    let plain = copy_site(&fixture("basic"));
    let plain = Site::open(&build(plain.path(), &[]), "/");
    // Every page of /quotes/, as one list.
    let all_quotes = |site: &Site| -> Vec<String> {
        (site.pages.iter())
            .filter(|(path, _)| *path == "quotes/index.html" || path.starts_with("quotes/page/"))
            .flat_map(|(_, html)| listed(html))
            .collect()
    };
    assert!(all_quotes(&plain).contains(&opening));
    assert!(!all_quotes(&pages).contains(&opening));
    let lists = [
        "index.html",
        "speakers/ada-example/index.html",
        "articles/first/index.html",
        "topics/alpha/index.html",
    ];
    for list in lists {
        assert!(listed(plain.page(list)).contains(&opening), "{list}");
    }
    for list in lists {
        assert!(
            !listed(pages.page(list)).contains(&opening),
            "{list} lists it"
        );
    }
    let feed = std::fs::read_to_string(public.join("speakers/ada-example/atom.xml")).unwrap();
    assert!(!feed.contains("/quotes/ada-opening/"), "{feed}");
    // The open data keeps it, marked.
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("data/dossier.json")).unwrap()).unwrap();
    let quote = data["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "ada-opening")
        .unwrap();
    assert_eq!(quote["withdrawn"], "2024-02-05");
    assert_eq!(
        quote["withdrawn_reason"],
        "The fixture’s recording showed someone else said it."
    );
    // /corrections/ lists it, and every page's footer links there.
    let corrections = pages.page("corrections/index.html");
    assert_eq!(
        hrefs(corrections, "#withdrawn-quotes ~ figure a.quote-link"),
        std::slice::from_ref(&opening)
    );
    assert_eq!(
        hrefs(pages.page("index.html"), "footer a[href=\"/corrections/\"]").len(),
        1
    );
    // The reply to it keeps its thread: the withdrawn quote's page is still linked.
    let reply = pages.page("quotes/bo-reply/index.html");
    assert!(hrefs(reply, "a").contains(&opening));
}

#[test]
fn a_withdrawn_quote_without_a_reason_is_an_error() {
    let site = site_with(|text| {
        text.replace(
            "id = \"ada-opening\"",
            "id = \"ada-opening\"\nwithdrawn = 2024-02-05",
        )
    });
    let check = dossier(site.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    let report = stderr(&check);
    assert!(
        report.contains("error: a withdrawn quote needs a `withdrawn_reason`\n  --> content/articles/2024-01-10-first.md:14:13"),
        "{report}"
    );
    assert!(!Path::new(&site.path().join("public")).exists());
}

#[test]
fn a_translation_gives_the_withdrawal_reason_in_its_language() {
    let site = copy_site(&fixture("bilingual"));
    let id = "jane-placeholder-2024-11-20-electric-buses-will-clean-the-air";
    let original = site.path().join("content/articles/2024-11-20-buses.md");
    let text = std::fs::read_to_string(&original).unwrap().replace(
        &format!("id = \"{id}\""),
        &format!(
            "id = \"{id}\"\nwithdrawn = 2024-12-01\nwithdrawn_reason = \"Made up, and withdrawn.\""
        ),
    );
    std::fs::write(&original, text).unwrap();
    let translation = site.path().join("content/articles/2024-11-20-buses.fa.md");
    let text = std::fs::read_to_string(&translation).unwrap().replace(
        "+++\nده",
        "withdrawn_reason = \"ساختگی، و پس گرفته شد.\"\n+++\nده",
    );
    std::fs::write(&translation, text).unwrap();
    let public = build(site.path(), &[]);
    let pages = Site::open(&public, "/dossier/");
    let reason = |page: &str| texts(pages.page(page), ".withdrawn p")[1].clone();
    assert_eq!(
        reason(&format!("quotes/{id}/index.html")),
        "Made up, and withdrawn."
    );
    assert_eq!(
        reason(&format!("fa/quotes/{id}/index.html")),
        "ساختگی، و پس گرفته شد."
    );
}

#[test]
fn a_topic_only_a_withdrawn_quote_names_is_not_reported_unused() {
    let site = site_with(|text| {
        withdrawn(text).replace(
            "context = \"A fake press conference\"",
            "context = \"A fake press conference\"\ntopics = [\"gamma\"]",
        )
    });
    std::fs::write(
        site.path().join("content/topics/gamma.md"),
        "+++\ntitle = \"Gamma\"\n+++\nA made-up topic.\n",
    )
    .unwrap();
    let check = dossier(site.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        !stderr(&check).contains("topic `gamma` is never referenced"),
        "{}",
        stderr(&check)
    );
}
