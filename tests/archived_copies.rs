//! Archived copies of sources: `archive_url` (and `archived`, the day the copy was made) of
//! an article and of a quote with its own source reach the pages ("archived copy"), the
//! CSL-JSON (`archive`, `archive_location`), BibTeX (`addendum`), JSON-LD (`archivedAt`)
//! and the open data. A quote with a source of its own never shows its article's copy.

mod common;

use std::sync::LazyLock;

use common::{Built, citation_download, copy_site, fixture};
use scraper::{Html, Selector};
use serde_json::Value;

const ARTICLE_COPY: &str =
    "https://web.archive.org/web/20240314000000/https://news.example.test/first";
const QUOTE_COPY: &str = "https://archive.ph/AbCdE";
const REPLY_COPY: &str =
    "https://web.archive.org/web/20240202000000/https://wire.example.test/reply";
const QUOTE_SOURCE: &str = "https://video.example.test/remark";

/// The basic fixture with archived copies: the first article's (made 14 March 2024), the
/// first article's second quote's own source and copy, and the reply article's copy (its
/// first quote has a source of its own, not archived).
static SITE: LazyLock<Built> = LazyLock::new(|| {
    let site = copy_site(&fixture("basic"));
    let edit = |file: &str, from: &str, to: &str| {
        let path = site.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}: {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let first = "content/articles/2024-01-10-first.md";
    edit(
        first,
        "source_url = \"https://news.example.test/first\"\n",
        &format!(
            "source_url = \"https://news.example.test/first\"\narchive_url = \"{ARTICLE_COPY}\"\narchived = 2024-03-14\n"
        ),
    );
    edit(
        first,
        "said = 2024-01-09\n",
        &format!(
            "said = 2024-01-09\nsource_url = \"{QUOTE_SOURCE}\"\narchive_url = \"{QUOTE_COPY}\"\n"
        ),
    );
    let reply = "content/articles/2024-02-01-reply.md";
    edit(
        reply,
        "source_url = \"https://wire.example.test/reply\"\n",
        &format!(
            "source_url = \"https://wire.example.test/reply\"\narchive_url = \"{REPLY_COPY}\"\n"
        ),
    );
    edit(
        reply,
        "id = \"bo-reply\"\n",
        "id = \"bo-reply\"\nsource_url = \"https://radio.example.test/reply\"\n",
    );
    let root = common::scratch("archived");
    common::copy_recursively(site.path(), &root);
    Built::at(root, None, false)
});

const SECOND: &str = "ada-example-2024-01-09-a-second-remark-on-beta";

fn page(path: &str) -> (Html, String) {
    let text = std::fs::read_to_string(SITE.public.join(path)).unwrap();
    (Html::parse_document(&text), text)
}

fn archived_link(html: &Html) -> Vec<(String, Option<String>)> {
    let link = Selector::parse("a.archived-copy").unwrap();
    let time = Selector::parse("a.archived-copy + time").unwrap();
    let times: Vec<String> = html
        .select(&time)
        .filter_map(|t| t.value().attr("datetime").map(String::from))
        .collect();
    html.select(&link)
        .enumerate()
        .map(|(n, a)| {
            (
                a.value().attr("href").unwrap().to_string(),
                times.get(n).cloned(),
            )
        })
        .collect()
}

#[test]
fn the_article_and_quote_pages_link_the_archived_copy_of_their_own_source() {
    let (article, _) = page("articles/first/index.html");
    assert_eq!(
        archived_link(&article),
        [(ARTICLE_COPY.to_string(), Some("2024-03-14".to_string()))]
    );
    // A quote without a source of its own shows its article's copy.
    let (opening, _) = page("quotes/ada-opening/index.html");
    assert_eq!(
        archived_link(&opening),
        [(ARTICLE_COPY.to_string(), Some("2024-03-14".to_string()))]
    );
    let (second, _) = page(&format!("quotes/{SECOND}/index.html"));
    assert_eq!(archived_link(&second), [(QUOTE_COPY.to_string(), None)]);
    // Its own source, not archived: no copy (the article's is of another page).
    let (reply, _) = page("quotes/bo-reply/index.html");
    assert_eq!(archived_link(&reply), []);
}

#[test]
fn csl_json_and_bibtex_name_the_archive_and_the_copy() {
    let (_, article) = page("articles/first/index.html");
    let csl: Value = serde_json::from_str(&citation_download(&article, "json")).unwrap();
    let item = if csl.is_array() { &csl[0] } else { &csl };
    assert_eq!(item["archive"], "Internet Archive");
    assert_eq!(item["archive_location"], ARTICLE_COPY);
    let bib = citation_download(&article, "bib");
    assert!(
        bib.contains(&format!(
            "addendum = {{Archived copy of 14 March 2024: {ARTICLE_COPY}}}"
        )),
        "{bib}"
    );
    let (_, second) = page(&format!("quotes/{SECOND}/index.html"));
    let csl: Value = serde_json::from_str(&citation_download(&second, "json")).unwrap();
    let item = if csl.is_array() { &csl[0] } else { &csl };
    assert_eq!(item["archive"], "archive.today");
    assert_eq!(item["archive_location"], QUOTE_COPY);
    let (_, reply) = page("quotes/bo-reply/index.html");
    let csl: Value = serde_json::from_str(&citation_download(&reply, "json")).unwrap();
    let item = if csl.is_array() { &csl[0] } else { &csl };
    assert!(item.get("archive_location").is_none(), "{item}");
    assert!(!citation_download(&reply, "bib").contains("addendum"));
}

/// The `archivedAt` values anywhere in the page's JSON-LD.
fn archived_at(html: &Html) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(url)) = map.get("archivedAt") {
                    out.push(url.clone());
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let selector = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let mut out = Vec::new();
    for script in html.select(&selector) {
        let value: Value = serde_json::from_str(&script.text().collect::<String>()).unwrap();
        walk(&value, &mut out);
    }
    out
}

#[test]
fn json_ld_says_archived_at_on_the_archived_source() {
    let (second, _) = page(&format!("quotes/{SECOND}/index.html"));
    assert_eq!(archived_at(&second), [QUOTE_COPY]);
    let (reply, _) = page("quotes/bo-reply/index.html");
    assert_eq!(archived_at(&reply), Vec::<String>::new());
    let (article, _) = page("articles/first/index.html");
    assert!(archived_at(&article).contains(&ARTICLE_COPY.to_string()));
}

#[test]
fn the_open_data_holds_the_copies_and_their_dates() {
    let data: Value =
        serde_json::from_slice(&std::fs::read(SITE.public.join("data/dossier.json")).unwrap())
            .unwrap();
    let find = |list: &str, key: &str, id: &str| -> Value {
        data[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x[key] == id)
            .unwrap()
            .clone()
    };
    let article = find("articles", "id", "first");
    assert_eq!(article["archive_url"], ARTICLE_COPY);
    assert_eq!(article["archived"], "2024-03-14");
    let opening = find("quotes", "id", "ada-opening");
    assert_eq!(opening["archive_url"], ARTICLE_COPY);
    assert_eq!(opening["archived"], "2024-03-14");
    let second = find("quotes", "id", SECOND);
    assert_eq!(second["archive_url"], QUOTE_COPY);
    assert_eq!(second["archived"], Value::Null);
    assert_eq!(find("quotes", "id", "bo-reply")["archive_url"], Value::Null);

    let mut csv = csv::Reader::from_path(SITE.public.join("data/quotes.csv")).unwrap();
    let header = csv.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = csv
        .records()
        .map(Result::unwrap)
        .find(|r| &r[column("id")] == "ada-opening")
        .unwrap();
    assert_eq!(&row[column("archive_url")], ARTICLE_COPY);
    assert_eq!(&row[column("archived")], "2024-03-14");
}
