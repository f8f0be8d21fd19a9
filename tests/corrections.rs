//! `[[corrections]]`: a correction reaches its article's page, the page of the quote it is
//! about, `/corrections/` (linked from the footer), the Atom entry's `updated`, the JSON-LD
//! (`correction` as `CorrectionComment`, `dateModified`) and the open data.

mod common;

use std::sync::LazyLock;

use common::{Built, Site, build, copy_site, dossier, fixture, hrefs, stderr, texts};
use scraper::{Html, Selector};
use serde_json::Value;

const FIRST: &str = "content/articles/2024-01-10-first.md";

const CORRECTIONS: &str = r#"
[[corrections]]
date = 2024-02-10
text = "The fixture's venue was misnamed."

[[corrections]]
date = 2024-03-05
text = "The opening quote's first word was wrong."
quote = "ada-opening"
"#;

/// The basic fixture, its first article with two corrections (one about its opening quote).
static SITE: LazyLock<Built> = LazyLock::new(|| {
    let root = common::scratch("corrections");
    let site = copy_site(&fixture("basic"));
    common::copy_recursively(site.path(), &root);
    let path = root.join(FIRST);
    let text = std::fs::read_to_string(&path).unwrap();
    let (front, body) = text[3..].split_once("+++\n").unwrap();
    std::fs::write(&path, format!("+++{front}{CORRECTIONS}+++\n{body}")).unwrap();
    Built::at(root, None, false)
});

fn page(path: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(SITE.public.join(path)).unwrap())
}

fn datetimes(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|t| t.value().attr("datetime").map(String::from))
        .collect()
}

#[test]
fn corrections_show_on_the_article_the_quote_and_the_corrections_page() {
    let article = page("articles/first/index.html");
    assert_eq!(
        texts(&article, "section.corrections p.correction"),
        [
            "5 March 2024: The opening quote’s first word was wrong. (the quote)",
            "10 February 2024: The fixture’s venue was misnamed.",
        ]
    );
    assert_eq!(
        datetimes(&article, "section.corrections time"),
        ["2024-03-05", "2024-02-10"]
    );
    let quote = page("quotes/ada-opening/index.html");
    assert_eq!(
        texts(&quote, "section.corrections p.correction"),
        ["5 March 2024: The opening quote’s first word was wrong."]
    );
    let list = page("corrections/index.html");
    assert_eq!(
        hrefs(&list, ".corrections-list p.correction a"),
        [
            "/articles/first/",
            "/quotes/ada-opening/",
            "/articles/first/"
        ]
    );
    // Every page's footer links it.
    for path in ["index.html", "articles/reply/index.html"] {
        assert_eq!(
            hrefs(&page(path), "footer a[href$=\"/corrections/\"]"),
            ["/corrections/"]
        );
    }
    assert!(
        Site::open(&SITE.public, "/")
            .broken_links(&SITE.base_url)
            .is_empty()
    );
}

#[test]
fn a_dossier_without_corrections_has_no_corrections_page_or_link() {
    let site = copy_site(&fixture("basic"));
    let public = build(site.path(), &[]);
    assert!(!public.join("corrections/index.html").exists());
    let home = Html::parse_document(&std::fs::read_to_string(public.join("index.html")).unwrap());
    assert!(hrefs(&home, "footer a[href$=\"/corrections/\"]").is_empty());
}

#[test]
fn the_feed_entry_is_updated_on_the_day_of_the_newest_correction() {
    let feed = std::fs::read_to_string(SITE.public.join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entry = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .find(|e| {
            e.children().any(|c| {
                c.has_tag_name("id") && c.text().is_some_and(|t| t.ends_with("/articles/first/"))
            })
        })
        .expect("the article's entry");
    let child = |name: &str| {
        entry
            .children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap()
            .to_string()
    };
    assert!(
        child("updated").starts_with("2024-03-05"),
        "{}",
        child("updated")
    );
    assert!(
        child("published").starts_with("2024-01-10"),
        "{}",
        child("published")
    );
}

/// The JSON-LD nodes of `html` whose `@type` is `kind`.
fn json_ld(html: &Html, kind: &str) -> Vec<Value> {
    fn walk(value: &Value, kind: &str, out: &mut Vec<Value>) {
        match value {
            Value::Object(map) => {
                if map.get("@type").and_then(Value::as_str) == Some(kind) {
                    out.push(value.clone());
                }
                map.values().for_each(|v| walk(v, kind, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, kind, out)),
            _ => {}
        }
    }
    let selector = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let mut out = Vec::new();
    for script in html.select(&selector) {
        let value: Value = serde_json::from_str(&script.text().collect::<String>()).unwrap();
        walk(&value, kind, &mut out);
    }
    out
}

#[test]
fn json_ld_and_the_open_data_carry_the_corrections() {
    let article = &json_ld(&page("articles/first/index.html"), "NewsArticle")[0];
    assert_eq!(article["dateModified"], "2024-03-05");
    assert_eq!(
        article["correction"],
        serde_json::json!([
            {"@type": "CorrectionComment", "datePublished": "2024-03-05", "text": "The opening quote’s first word was wrong."},
            {"@type": "CorrectionComment", "datePublished": "2024-02-10", "text": "The fixture’s venue was misnamed."},
        ])
    );
    let quotation = &json_ld(&page("quotes/ada-opening/index.html"), "Quotation")[0];
    assert_eq!(quotation["dateModified"], "2024-03-05");
    assert_eq!(quotation["correction"].as_array().unwrap().len(), 1);

    let data: Value =
        serde_json::from_slice(&std::fs::read(SITE.public.join("data/dossier.json")).unwrap())
            .unwrap();
    let first = data["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "first")
        .unwrap();
    assert_eq!(
        first["corrections"],
        serde_json::json!([
            {"date": "2024-03-05", "text": "The opening quote’s first word was wrong.", "quote": "ada-opening"},
            {"date": "2024-02-10", "text": "The fixture’s venue was misnamed.", "quote": null},
        ])
    );
}

#[test]
fn a_correction_naming_an_unknown_quote_is_an_error_at_its_line() {
    let site = copy_site(&fixture("basic"));
    let path = site.path().join(FIRST);
    let text = std::fs::read_to_string(&path).unwrap();
    let (front, body) = text[3..].split_once("+++\n").unwrap();
    let bad = CORRECTIONS.replace("quote = \"ada-opening\"", "quote = \"ada-openin\"");
    std::fs::write(&path, format!("+++{front}{bad}+++\n{body}")).unwrap();
    let check = dossier(site.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    let report = stderr(&check);
    assert!(
        report.contains("error: this correction names an unknown quote `ada-openin`"),
        "{report}"
    );
    assert!(report.contains(&format!("--> {FIRST}:")), "{report}");
}
