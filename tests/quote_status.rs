//! A quote's `status` is what the editor stated, and nothing when they stated none: a quote
//! without `status` shows no verification anywhere (HTML, JSON-LD, CSV, JSON), where it
//! used to be published as "verified".

mod common;

use common::{Site, build, copy_site, fixture};
use scraper::{Html, Selector};
use serde_json::Value;

/// The basic fixture, its opening quote (no `status`) beside one stated `verified`.
fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = copy_site(&fixture("basic"));
    let path = site.path().join("content/articles/2024-01-10-first.md");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "said = 2024-01-09\n",
        "said = 2024-01-09\nstatus = \"verified\"\n",
    );
    std::fs::write(&path, text).unwrap();
    let public = build(site.path(), &[]);
    (site, public)
}

const UNSTATED: &str = "ada-opening";
const VERIFIED: &str = "ada-example-2024-01-09-a-second-remark-on-beta";

fn select(html: &Html, selector: &str) -> usize {
    html.select(&Selector::parse(selector).unwrap()).count()
}

/// Every JSON-LD object of `html` whose `@type` is `kind`.
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
    let mut out = Vec::new();
    let selector = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    for script in html.select(&selector) {
        let value: Value = serde_json::from_str(&script.text().collect::<String>()).unwrap();
        walk(&value, kind, &mut out);
    }
    out
}

#[test]
fn a_quote_without_status_shows_no_verification_in_html_or_json_ld() {
    let (_site, public) = built();
    let pages = Site::open(&public, "/");
    let unstated = pages.page(&format!("quotes/{UNSTATED}/index.html"));
    // The page's own quote (its other cards show other quotes, with their own status).
    assert_eq!(select(unstated, "figure.quote-large"), 1);
    assert_eq!(
        select(
            unstated,
            "figure.quote-large.quote-verified, figure.quote-large .status, article.quote-page > p.status"
        ),
        0
    );
    let quotation = json_ld(unstated, "Quotation");
    assert_eq!(quotation.len(), 1);
    assert!(
        quotation[0].get("creativeWorkStatus").is_none(),
        "{quotation:?}"
    );
    // Its card, wherever it is listed, has no badge either.
    let card = format!("figure.quote:has(a.quote-link[href=\"/quotes/{UNSTATED}/\"])");
    let article = pages.page("articles/first/index.html");
    assert_eq!(select(article, &card), 1);
    assert_eq!(select(article, &format!("{card} .status")), 0);

    // A stated status is shown, and said in JSON-LD.
    let verified = pages.page(&format!("quotes/{VERIFIED}/index.html"));
    assert_eq!(select(verified, "figure.quote-large.quote-verified"), 1);
    assert_eq!(select(verified, "p.status.status-verified"), 1);
    assert_eq!(
        json_ld(verified, "Quotation")[0]["creativeWorkStatus"],
        "verified"
    );
}

#[test]
fn a_quote_without_status_is_empty_in_the_csv_and_null_in_the_json() {
    let (_site, public) = built();
    let data: Value =
        serde_json::from_slice(&std::fs::read(public.join("data/dossier.json")).unwrap()).unwrap();
    let status = |id: &str| {
        data["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .map(|q| q["status"].clone())
            .unwrap()
    };
    assert_eq!(status(UNSTATED), Value::Null);
    assert_eq!(status(VERIFIED), "verified");

    let mut csv = csv::Reader::from_path(public.join("data/quotes.csv")).unwrap();
    let header = csv.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let cell = |id: &str, name: &str| {
        let row = rows.iter().find(|r| &r[column("id")] == id).unwrap();
        row[column(name)].to_string()
    };
    assert_eq!(cell(UNSTATED, "status"), "");
    assert_eq!(cell(VERIFIED, "status"), "verified");
}
