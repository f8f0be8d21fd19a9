//! Publishing outputs, checked with the parsers their readers use: Atom feeds and the
//! sitemap as XML (roxmltree), JSON-LD, dossier.json, timeline.json and cite.json as JSON,
//! quotes.csv with the csv crate, citations (the pages' downloads and data/citations-*) with biblatex. Every URL in them must name a
//! generated file under the base URL, including a sub-path deploy.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

use biblatex::{Bibliography, ChunksExt};
use common::{Site, copy_site, dossier, fixture, tree};
use scraper::{Html, Selector};
use serde_json::Value;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const SUB: &str = "https://example.org/sub/dir/";

/// A built site and what the checks need to know about it.
struct Built {
    _dir: Option<tempfile::TempDir>,
    public: PathBuf,
    base_url: String,
    base_path: String,
}

impl From<common::Built> for Built {
    fn from(built: common::Built) -> Built {
        Built {
            _dir: None,
            public: built.public,
            base_url: built.base_url,
            base_path: built.base_path,
        }
    }
}

/// Builds the site copied into `dir` (in process), at `base_url` when `override_base`, else at
/// its site.toml's, which must be `base_url`.
fn build_site(dir: tempfile::TempDir, base_url: &str, override_base: bool) -> Built {
    let built = common::Built::at(
        dir.path().to_path_buf(),
        override_base.then_some(base_url),
        false,
    );
    assert_eq!(built.base_url, base_url);
    Built {
        _dir: Some(dir),
        ..Built::from(built)
    }
}

impl Built {
    /// The generated file an absolute URL names, if there is one.
    fn file_of(&self, url: &str) -> Option<PathBuf> {
        let rest = url.strip_prefix(&self.base_url)?;
        let rest = rest.split('#').next().unwrap();
        let rel = if rest.is_empty() || rest.ends_with('/') {
            format!("{rest}index.html")
        } else {
            rest.to_string()
        };
        let path = self.public.join(rel);
        path.is_file().then_some(path)
    }

    fn assert_generated(&self, url: &str, context: &str) {
        assert!(
            self.file_of(url).is_some(),
            "{context}: {url} is not a generated file under {}",
            self.base_url
        );
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The citation download of the page at `rel` (`quotes/x/`) in the format whose file
    /// name ends in `.ext`: the link's `data:` URL, decoded.
    fn citation(&self, rel: &str, ext: &str) -> String {
        common::citation_download(&self.read(&format!("{rel}index.html")), ext)
    }

    fn json(&self, rel: &str) -> Value {
        serde_json::from_str(&self.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn html_pages(&self) -> BTreeMap<String, Html> {
        tree(&self.public)
            .into_iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, bytes)| {
                (
                    path,
                    Html::parse_document(&String::from_utf8(bytes).unwrap()),
                )
            })
            .collect()
    }

    /// The absolute URL of an output path (`a/index.html` → `…/a/`).
    fn url_of(&self, rel: &str) -> String {
        format!(
            "{}{}",
            self.base_url,
            rel.strip_suffix("index.html").unwrap_or(rel)
        )
    }
}

fn is_redirect(html: &Html) -> bool {
    html.select(&Selector::parse("meta[http-equiv=refresh]").unwrap())
        .next()
        .is_some()
}

/// A page that asks search engines not to index it (`<meta name="robots" content="noindex">`).
fn is_noindex(html: &Html) -> bool {
    let robots = Selector::parse("meta[name=robots][content*=noindex]").unwrap();
    html.select(&robots).next().is_some()
}

fn rfc3339(text: &str, context: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{context}: `{text}` is not RFC 3339: {e}"))
}

fn children<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

fn one_text(node: roxmltree::Node, name: &str, context: &str) -> String {
    let found = children(node, name);
    assert_eq!(found.len(), 1, "{context}: expected exactly one <{name}>");
    let text = found[0].text().unwrap_or("").to_string();
    assert!(!text.trim().is_empty(), "{context}: <{name}> is empty");
    text
}

fn link_href(node: roxmltree::Node, rel: &str) -> Option<String> {
    children(node, "link")
        .into_iter()
        .find(|l| l.attribute("rel").unwrap_or("alternate") == rel)
        .and_then(|l| l.attribute("href").map(String::from))
}

/// Checks one Atom feed against RFC 4287's rules and the site; returns its entries' ids.
fn check_feed(site: &Built, rel: &str, limit: usize) -> Vec<String> {
    let text = site.read(rel);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: not XML: {e}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed", "{rel}");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM), "{rel}");
    let id = one_text(feed, "id", rel);
    one_text(feed, "title", rel);
    let updated = rfc3339(&one_text(feed, "updated", rel), rel);
    assert_eq!(id, site.url_of(rel), "{rel}: feed id is its own URL");
    assert_eq!(
        link_href(feed, "self").as_deref(),
        Some(id.as_str()),
        "{rel}: rel=self"
    );
    let alternate =
        link_href(feed, "alternate").unwrap_or_else(|| panic!("{rel}: no rel=alternate"));
    site.assert_generated(&alternate, rel);
    assert_eq!(
        children(feed, "author").len(),
        1,
        "{rel}: a feed-level author"
    );
    let entries = children(feed, "entry");
    assert!(
        entries.len() <= limit,
        "{rel}: {} entries over the limit {limit}",
        entries.len()
    );
    let mut ids = Vec::new();
    let mut newest = None;
    let mut previous_published = None;
    for entry in entries {
        let id = one_text(entry, "id", rel);
        one_text(entry, "title", rel);
        let entry_updated = rfc3339(&one_text(entry, "updated", rel), rel);
        let published = rfc3339(&one_text(entry, "published", rel), rel);
        assert!(
            published <= entry_updated,
            "{rel}: {id} published after updated"
        );
        if let Some(previous) = previous_published {
            assert!(
                published <= previous,
                "{rel}: entries are not newest first at {id}"
            );
        }
        previous_published = Some(published);
        newest = newest.max(Some(entry_updated));
        let href =
            link_href(entry, "alternate").unwrap_or_else(|| panic!("{rel}: {id} has no link"));
        assert_eq!(href, id, "{rel}: the entry id is its permalink");
        site.assert_generated(&href, rel);
        assert_eq!(children(entry, "content").len(), 1, "{rel}: {id} content");
        ids.push(id);
    }
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{rel}: duplicate entry ids");
    if let Some(newest) = newest {
        assert_eq!(updated, newest, "{rel}: feed updated is its newest entry's");
    }
    ids
}

/// Every check of this file, on one built site.
fn check_site(site: &Built) {
    let pages = site.html_pages();
    let data = site.json("data/dossier.json");
    assert_eq!(data["schema"], "dossier-data/1");
    assert_eq!(data["site"]["url"], site.base_url.as_str());

    // Feeds: the site's, one per topic and speaker, each linked from its page.
    let limit = 50;
    let site_feed = check_feed(site, "atom.xml", limit);
    let articles = data["articles"].as_array().unwrap();
    let expected: Vec<&str> = articles
        .iter()
        .take(limit)
        .map(|a| a["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        site_feed, expected,
        "the site feed lists the articles newest first"
    );
    let discovery = Selector::parse("link[rel=alternate][type='application/atom+xml']").unwrap();
    let discovered = |page: &str| -> Vec<String> {
        pages[page]
            .select(&discovery)
            .map(|l| l.value().attr("href").unwrap().to_string())
            .collect()
    };
    assert_eq!(
        discovered("index.html"),
        [format!("{}atom.xml", site.base_path)]
    );
    for (kind, list) in [("topics", &data["topics"]), ("speakers", &data["speakers"])] {
        for item in list.as_array().unwrap() {
            let slug = item["id"].as_str().unwrap();
            let rel = format!("{kind}/{slug}/atom.xml");
            let ids = check_feed(site, &rel, limit);
            let wanted: Vec<&str> = if kind == "topics" {
                item["articles"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap())
                    .collect()
            } else {
                item["quotes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .rev()
                    .map(|q| q.as_str().unwrap())
                    .collect()
            };
            assert_eq!(ids.len(), wanted.len().min(limit), "{rel}");
            assert_eq!(
                discovered(&format!("{kind}/{slug}/index.html")),
                [format!("{}{kind}/{slug}/atom.xml", site.base_path)]
            );
        }
    }
    assert!(discovered("articles/index.html").is_empty());

    // 404.html is served at any URL: no canonical link or `og:url` naming itself.
    let self_url = Selector::parse("link[rel=canonical], meta[property='og:url']").unwrap();
    assert!(
        pages["404.html"].select(&self_url).next().is_none(),
        "404.html has a canonical link or og:url"
    );

    // Sitemap: every HTML page but 404, redirects and `noindex` pages (search), and nothing
    // else.
    let text = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("sitemap.xml is XML");
    let urlset = doc.root_element();
    assert_eq!(
        (urlset.tag_name().name(), urlset.tag_name().namespace()),
        ("urlset", Some(SITEMAP))
    );
    let mut listed = BTreeSet::new();
    for url in children(urlset, "url") {
        let loc = one_text(url, "loc", "sitemap");
        site.assert_generated(&loc, "sitemap");
        let lastmod = one_text(url, "lastmod", "sitemap");
        let valid = chrono::NaiveDate::parse_from_str(&lastmod, "%Y-%m-%d").is_ok()
            || chrono::DateTime::parse_from_rfc3339(&lastmod).is_ok();
        assert!(
            valid,
            "sitemap: lastmod `{lastmod}` of {loc} is not a W3C date"
        );
        assert!(listed.insert(loc.clone()), "sitemap: {loc} twice");
    }
    let expected: BTreeSet<String> = pages
        .iter()
        .filter(|(path, html)| {
            path.as_str() != "404.html" && !is_redirect(html) && !is_noindex(html)
        })
        .map(|(path, _)| site.url_of(path))
        .collect();
    assert_eq!(listed, expected, "the sitemap lists exactly the HTML pages");
    let robots = site.read("robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {}sitemap.xml\n", site.base_url)),
        "{robots}"
    );

    // JSON-LD: every block parses; each kind of page carries its type.
    let script = Selector::parse("script[type='application/ld+json']").unwrap();
    for (path, html) in &pages {
        let blocks: Vec<Value> = html
            .select(&script)
            .map(|s| {
                let text = s.text().collect::<String>();
                assert!(!text.contains('<'), "{path}: raw `<` inside JSON-LD");
                serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{path}: JSON-LD does not parse: {e}\n{text}"))
            })
            .collect();
        let types: Vec<String> = blocks.iter().flat_map(ld_types).collect();
        let want = if path.starts_with("articles/")
            && path.matches('/').count() == 2
            && path != "articles/index.html"
        {
            Some("NewsArticle")
        } else if path.starts_with("quotes/")
            && path.matches('/').count() == 2
            && path != "quotes/index.html"
        {
            Some("Quotation")
        } else if path.starts_with("speakers/")
            && path.matches('/').count() == 2
            && path != "speakers/index.html"
        {
            Some("Person")
        } else if path == "index.html" {
            Some("WebSite")
        } else if path.starts_with("search/")
            || path == "404.html"
            || html
                .select(&Selector::parse("meta[http-equiv=refresh]").unwrap())
                .next()
                .is_some()
        {
            assert!(
                types.is_empty(),
                "{path}: no JSON-LD (noindex), got {types:?}"
            );
            None
        } else {
            // Lists, topics, a speaker's lists, the chronology.
            Some("CollectionPage")
        };
        if matches!(want, Some("CollectionPage" | "Person")) {
            assert!(
                types.iter().any(|t| t == "BreadcrumbList"),
                "{path}: no BreadcrumbList in JSON-LD {types:?}"
            );
        }
        if let Some(want) = want {
            assert!(
                types.iter().any(|t| t == want),
                "{path}: no {want} in JSON-LD {types:?}"
            );
        }
        for block in &blocks {
            for url in ld_urls(block) {
                if url.starts_with("https://example.org/")
                    || url.starts_with("https://example.test/")
                {
                    site.assert_generated(&url, &format!("{path} JSON-LD"));
                }
            }
        }
    }
    let events_ld: usize = pages["chronology/index.html"]
        .select(&script)
        .map(|s| serde_json::from_str::<Value>(&s.text().collect::<String>()).unwrap())
        .flat_map(|v| ld_types(&v))
        .filter(|t| t == "Event")
        .count();
    assert_eq!(
        events_ld,
        data["events"].as_array().unwrap().len(),
        "one Event per chronology event"
    );
    for speaker in data["speakers"].as_array().unwrap() {
        let page = &pages[&format!("speakers/{}/index.html", speaker["id"].as_str().unwrap())];
        let person: Value = serde_json::from_str(
            &page
                .select(&script)
                .next()
                .unwrap()
                .text()
                .collect::<String>(),
        )
        .unwrap();
        let person = &person["@graph"][0];
        assert_eq!(person["@type"], "Person");
        assert_eq!(person["name"], speaker["name"]);
        if let Some(q) = speaker["wikidata"].as_str() {
            assert_eq!(
                person["sameAs"],
                format!("https://www.wikidata.org/wiki/{q}")
            );
        }
    }

    // Open data: cross-references resolve, URLs are pages, quotes match their pages.
    check_dossier_json(site, &data, &pages);
    check_quotes_csv(site, &data);
    check_timeline(site, &data);
    check_citations(site, &data);
}

/// Every `@type` in a JSON-LD document (top level and `@graph`).
fn ld_types(value: &Value) -> Vec<String> {
    let items: Vec<&Value> = match value.get("@graph") {
        Some(Value::Array(graph)) => graph.iter().collect(),
        _ => vec![value],
    };
    items
        .iter()
        .filter_map(|v| v["@type"].as_str().map(String::from))
        .collect()
}

/// Every string value of a JSON document that looks like a URL.
fn ld_urls(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) if s.starts_with("http") => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(ld_urls).collect(),
        Value::Object(map) => map.values().flat_map(ld_urls).collect(),
        _ => vec![],
    }
}

fn ids(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect()
}

fn check_dossier_json(site: &Built, data: &Value, pages: &BTreeMap<String, Html>) {
    let all: BTreeMap<&str, BTreeSet<String>> =
        ["articles", "speakers", "topics", "quotes", "events"]
            .into_iter()
            .map(|kind| (kind, ids(&data[kind])))
            .collect();
    let refers = |value: &Value, kind: &str, context: &str| {
        let list = match value {
            Value::Array(items) => items.clone(),
            Value::Null => vec![],
            other => vec![other.clone()],
        };
        for id in list {
            let id = id.as_str().unwrap();
            assert!(all[kind].contains(id), "{context}: unknown {kind} id {id}");
        }
    };
    for kind in ["articles", "speakers", "topics", "quotes", "events"] {
        for item in data[kind].as_array().unwrap() {
            let context = format!("dossier.json {kind} {}", item["id"]);
            site.assert_generated(item["url"].as_str().unwrap(), &context);
            for (field, target) in [
                ("topics", "topics"),
                ("speakers", "speakers"),
                ("articles", "articles"),
                ("quotes", "quotes"),
                ("events", "events"),
                ("related", "topics"),
                ("responses", "quotes"),
                ("responds_to", "quotes"),
            ] {
                if let Some(value) = item.get(field) {
                    refers(value, target, &context);
                }
            }
            if kind == "quotes" || kind == "events" {
                refers(&item["article"], "articles", &context);
            }
            if kind == "quotes" {
                refers(&item["speaker"], "speakers", &context);
            }
        }
    }
    let quote_pages = pages
        .keys()
        .filter(|p| {
            p.starts_with("quotes/")
                && p.matches('/').count() == 2
                && !p.starts_with("quotes/page/")
                && p.as_str() != "quotes/index.html"
        })
        .count();
    assert_eq!(
        quote_pages,
        all["quotes"].len(),
        "one quote page per quote in dossier.json"
    );
    let blockquote = Selector::parse(".quote-large blockquote:not(.quote-original) p").unwrap();
    for quote in data["quotes"].as_array().unwrap() {
        let page = site.file_of(quote["url"].as_str().unwrap()).unwrap();
        let rel = page
            .strip_prefix(&site.public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let shown: String = pages[&rel]
            .select(&blockquote)
            .next()
            .unwrap()
            .text()
            .collect();
        assert_eq!(
            shown,
            quote["text"].as_str().unwrap(),
            "{rel}: dossier.json text is the page's"
        );
    }
}

fn check_quotes_csv(site: &Built, data: &Value) {
    let text = site.read("data/quotes.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "speaker",
            "date",
            "text",
            "topics",
            "article",
            "source",
            "url",
            "status",
            "original_language",
            "original_text",
            "withdrawn",
            "withdrawn_reason",
            "archive_url",
            "archived"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("RFC 4180 row")).collect();
    let quotes = data["quotes"].as_array().unwrap();
    assert_eq!(rows.len(), quotes.len());
    for (row, quote) in rows.iter().zip(quotes) {
        let topics: Vec<&str> = quote["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let expected = [
            quote["id"].as_str().unwrap(),
            quote["speaker"].as_str().unwrap(),
            quote["said"].as_str().unwrap(),
            quote["text"].as_str().unwrap(),
            &topics.join(";"),
            quote["article"].as_str().unwrap(),
            quote["source_url"].as_str().unwrap_or(""),
            quote["url"].as_str().unwrap(),
            // `null` (no status stated) is an empty cell.
            quote["status"].as_str().unwrap_or(""),
            quote["original"]["language"].as_str().unwrap_or(""),
            quote["original"]["text"].as_str().unwrap_or(""),
            quote["withdrawn"].as_str().unwrap_or(""),
            quote["withdrawn_reason"].as_str().unwrap_or(""),
            quote["archive_url"].as_str().unwrap_or(""),
            quote["archived"].as_str().unwrap_or(""),
        ];
        // A cell a spreadsheet would run as a formula starts with `'` (docs/data.md).
        let expected =
            expected.map(|cell| dossier::render::data::spreadsheet_safe(cell).into_owned());
        let got: Vec<&str> = row.iter().collect();
        assert_eq!(got, expected);
    }
}

#[test]
fn a_quote_that_looks_like_a_formula_is_text_in_the_csv_and_exact_in_the_json() {
    let dir = copy_site(&fixture("basic"));
    let article = dir.path().join("content/articles/2024-04-01-formula.md");
    std::fs::write(
        &article,
        "+++\ntitle = \"Formulas\"\ndate = 2024-04-01\nsummary = \"Fake.\"\nsource_url = \"https://news.example.test/f\"\n\n[[quotes]]\nid = \"ada-formula\"\nspeaker = \"ada-example\"\ntext = '=HYPERLINK(\"http://evil.example.test\",\"x\") says the fake minister.'\n\n[[quotes]]\nid = \"ada-minus\"\nspeaker = \"ada-example\"\ntext = \"-100 percent of fake sentences are fake.\"\n+++\nFake.\n",
    )
    .unwrap();
    let site = build_site(dir, "https://example.test/", false);
    let csv_text = site.read("data/quotes.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let text_of = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap()[3].to_string();
    assert_eq!(
        text_of("ada-formula"),
        "'=HYPERLINK(\"http://evil.example.test\",\"x\") says the fake minister."
    );
    assert_eq!(
        text_of("ada-minus"),
        "'-100 percent of fake sentences are fake."
    );
    let data = site.json("data/dossier.json");
    let quote = |id: &str| {
        data["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap()["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        quote("ada-minus"),
        "-100 percent of fake sentences are fake."
    );
    assert!(quote("ada-formula").starts_with("=HYPERLINK("));
}

fn check_timeline(site: &Built, data: &Value) {
    let timeline = site.json("data/timeline.json");
    assert!(timeline["title"]["text"]["headline"].as_str().is_some());
    let slides = timeline["events"].as_array().unwrap();
    let articles = data["articles"].as_array().unwrap();
    let events = data["events"].as_array().unwrap();
    assert_eq!(
        slides.len(),
        articles.len() + events.len(),
        "one slide per article and event"
    );
    let topic_title: BTreeMap<&str, &str> = data["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap(), t["title"].as_str().unwrap()))
        .collect();
    // Groups (the first topic) only when there are at most 6 of them (docs/data.md).
    let first_topics: HashSet<&str> = articles
        .iter()
        .chain(events)
        .filter_map(|item| item["topics"][0].as_str())
        .collect();
    let grouped = first_topics.len() <= 6;
    let mut seen = HashSet::new();
    for slide in slides {
        let unique = slide["unique_id"].as_str().unwrap();
        assert!(seen.insert(unique.to_string()), "timeline: {unique} twice");
        assert!(
            slide["text"]["headline"]
                .as_str()
                .is_some_and(|h| !h.is_empty())
        );
        assert!(
            slide["start_date"]["year"].is_i64(),
            "timeline: {unique} has no year"
        );
        let (item, start, end) = if let Some(id) = unique.strip_prefix("event-") {
            let event = events
                .iter()
                .find(|e| e["id"] == id)
                .unwrap_or_else(|| panic!("timeline: {unique}"));
            (event, event["start"].clone(), event["end"].clone())
        } else {
            let id = unique
                .strip_prefix("article-")
                .expect("article- or event- id");
            let article = articles.iter().find(|a| a["id"] == id).unwrap();
            let date =
                chrono::NaiveDate::parse_from_str(article["date"].as_str().unwrap(), "%Y-%m-%d")
                    .unwrap();
            use chrono::Datelike;
            let start = serde_json::json!({ "year": date.year(), "month": date.month(), "day": date.day() });
            (article, start, Value::Null)
        };
        for part in ["year", "month", "day"] {
            assert_eq!(
                slide["start_date"]
                    .get(part)
                    .cloned()
                    .unwrap_or(Value::Null),
                start[part],
                "timeline: {unique} start {part}"
            );
            assert_eq!(
                slide
                    .get("end_date")
                    .and_then(|e| e.get(part))
                    .cloned()
                    .unwrap_or(Value::Null),
                end.get(part).cloned().unwrap_or(Value::Null),
                "timeline: {unique} end {part}"
            );
        }
        let group = item["topics"]
            .as_array()
            .unwrap()
            .first()
            .filter(|_| grouped)
            .map(|t| topic_title[t.as_str().unwrap()]);
        assert_eq!(
            slide.get("group").and_then(Value::as_str),
            group,
            "timeline: {unique} group"
        );
    }
}

/// A CSL `title` from a page's text: on one line (a line break is a space), without its
/// final period (an ellipsis stays).
fn csl_title(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') => rest.to_string(),
        _ => line,
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn check_citations(site: &Built, data: &Value) {
    for (kind, dir) in [("articles", "articles"), ("quotes", "quotes")] {
        for item in data[kind].as_array().unwrap() {
            let id = item["id"].as_str().unwrap();
            let rel = format!("{dir}/{id}/");
            let csl: Value = serde_json::from_str(&site.citation(&rel, "json")).unwrap();
            let csl = csl.as_array().expect("CSL-JSON is an array");
            assert_eq!(csl.len(), 1, "{rel}cite.json");
            let csl = &csl[0];
            assert_eq!(csl["id"], id);
            let (date, title, csl_type, bib_type) = if kind == "articles" {
                (
                    item["date"].as_str().unwrap().to_string(),
                    item["title"].as_str().unwrap(),
                    "article-newspaper",
                    if item["source"].is_null() {
                        "misc"
                    } else {
                        "article"
                    },
                )
            } else {
                (
                    item["said"].as_str().unwrap().to_string(),
                    item["text"].as_str().unwrap(),
                    "speech",
                    "misc",
                )
            };
            assert_eq!(csl["type"], csl_type);
            // No final period: styles add their own punctuation ("Stop Us.," otherwise).
            assert_eq!(csl["title"], csl_title(title), "{rel} CSL title");
            let parts: Vec<i64> = date.split('-').map(|p| p.parse().unwrap()).collect();
            assert_eq!(
                csl["issued"]["date-parts"][0],
                serde_json::json!(parts),
                "{rel}cite.json issued"
            );
            assert!(csl["URL"].as_str().unwrap().starts_with("http"));
            // Names as family and given names, as dossier.json splits them (or whole).
            let (name, family, given) = if kind == "articles" {
                (
                    &item["author"],
                    &item["author_family_name"],
                    &item["author_given_name"],
                )
            } else {
                let speaker = data["speakers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|s| s["id"] == item["speaker"])
                    .unwrap();
                (
                    &speaker["name"],
                    &speaker["family_name"],
                    &speaker["given_name"],
                )
            };
            let want_author = match (name, family.as_str()) {
                (Value::Null, _) => Value::Null,
                (_, Some(family)) => serde_json::json!([{ "family": family, "given": given }]),
                (name, None) => serde_json::json!([{ "literal": name }]),
            };
            assert_eq!(
                csl.get("author").cloned().unwrap_or(Value::Null),
                want_author,
                "{rel} CSL author"
            );

            let text = site.citation(&rel, "bib");
            let bib = Bibliography::parse(&text)
                .unwrap_or_else(|e| panic!("{rel}cite.bib: {e:?}\n{text}"));
            assert_eq!(bib.len(), 1, "{rel}cite.bib");
            let entry = bib
                .get(id)
                .unwrap_or_else(|| panic!("{rel}cite.bib: no entry {id}"));
            assert_eq!(entry.entry_type.to_string(), bib_type, "{rel}cite.bib");
            // BibTeX treats every run of white space as one space.
            let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                words(&entry.title().unwrap().format_verbatim()),
                words(title),
                "{rel}cite.bib title"
            );
            assert_eq!(entry.get("date").unwrap().format_verbatim(), date);
            // `month` is the macro (`mar`), which biblatex resolves to the month's name;
            // a braced number (`{3}`) prints as "3 2025" in classic styles.
            let month: usize = date.split('-').nth(1).unwrap().parse().unwrap();
            assert_eq!(
                entry.get("month").unwrap().format_verbatim(),
                MONTH_NAMES[month - 1],
                "{rel}cite.bib month"
            );
            assert!(
                text.contains(&format!(
                    "  month = {},\n",
                    MONTH_NAMES[month - 1][..3].to_lowercase()
                )),
                "{rel}cite.bib: month as an unbraced macro\n{text}"
            );
            let url = entry.get("url").unwrap().format_verbatim();
            assert!(url.starts_with("http"), "{rel}cite.bib url {url}");
            // The day the source was read, when the article says (`accessed`); never a
            // copy of the publication date.
            let accessed = (kind == "articles")
                .then(|| item["accessed"].as_str())
                .flatten();
            assert_eq!(
                entry.get("urldate").map(|d| d.format_verbatim()).as_deref(),
                accessed,
                "{rel}cite.bib urldate is the article's `accessed`"
            );
            let report = entry.verify();
            assert!(
                report.malformed.is_empty(),
                "{rel}cite.bib malformed fields: {:?}",
                report.malformed.iter().map(|(k, _)| k).collect::<Vec<_>>()
            );
            assert!(
                entry.author().is_ok() || kind == "articles",
                "{rel}cite.bib: a quote has its speaker as author"
            );
            if let Ok(authors) = entry.author() {
                assert_eq!(authors.len(), 1, "{rel}cite.bib: one author");
                let family = family.as_str().map(String::from);
                // A name kept whole is braced: BibTeX reads it as one family name.
                let want_family = family.unwrap_or_else(|| name.as_str().unwrap().to_string());
                assert_eq!(authors[0].name, want_family, "{rel}cite.bib author");
                assert_eq!(
                    authors[0].given_name,
                    given.as_str().unwrap_or_default(),
                    "{rel}cite.bib author's given name"
                );
            }
        }
    }
    // No citation file beside the pages: the downloads carry their content.
    assert!(
        !site.public.join("quotes").read_dir().unwrap().any(|dir| dir
            .unwrap()
            .path()
            .join("cite.json")
            .exists()),
        "no cite.json beside quote pages"
    );
    // Every article and quote in bulk, articles first, in both formats.
    let ids: Vec<&str> = ["articles", "quotes"]
        .iter()
        .flat_map(|kind| data[*kind].as_array().unwrap())
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    let bulk = site.json("data/citations-1.json");
    let bulk_ids: Vec<&str> = bulk
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    assert_eq!(bulk_ids, ids, "data/citations-1.json");
    let bib = Bibliography::parse(&site.read("data/citations-1.bib")).unwrap();
    assert_eq!(bib.len(), ids.len(), "data/citations-1.bib");
    assert!(!site.public.join("data/citations-2.json").exists());
}

#[test]
fn the_bundled_dossier_publishes_valid_feeds_sitemap_data_and_citations() {
    let site = Built::from(common::Built::new("bundled", &fixture("bundled"), None));
    check_site(&site);
}

#[test]
fn a_sub_path_deploy_keeps_every_link_feed_sitemap_and_asset_under_the_base_url() {
    let site = build_site(copy_site(&fixture("basic")), SUB, true);
    check_site(&site);
    let parsed = Site::open(&site.public, "/sub/dir/");
    let broken = parsed.broken_links(SUB);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // Every internal href/src (stylesheet included) is under the sub-path; absolute
    // links to the host are too.
    for (page, link) in parsed.internal_links(SUB) {
        assert!(
            link.starts_with("/sub/dir/") || link.starts_with('#'),
            "{page}: {link}"
        );
    }
    let any_link = Selector::parse("[href], [src], [content]").unwrap();
    for (path, html) in &parsed.pages {
        for element in html.select(&any_link) {
            let v = element.value();
            for value in [v.attr("href"), v.attr("src"), v.attr("content")]
                .into_iter()
                .flatten()
            {
                if value.contains("example.org") {
                    assert!(value.contains(SUB), "{path}: {value} is outside {SUB}");
                }
            }
        }
    }
    for (rel, bytes) in tree(&site.public) {
        let text = String::from_utf8_lossy(&bytes);
        for (at, _) in text.match_indices("https://example.org") {
            assert!(
                text[at..].starts_with(SUB),
                "{rel}: a URL outside {SUB}: {}",
                &text[at..(at + 60).min(text.len())]
            );
        }
    }
    assert!(
        parsed
            .page("index.html")
            .select(
                &Selector::parse("link[rel=stylesheet][href^='/sub/dir/style.css?v=']").unwrap()
            )
            .next()
            .is_some()
    );
}

#[test]
fn feed_limit_caps_every_feed() {
    let dir = copy_site(&fixture("basic"));
    let config = dir.path().join("site.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[feeds]\nlimit = 1\n");
    std::fs::write(&config, text).unwrap();
    let site = build_site(dir, "https://example.test/", false);
    let entries = check_feed(&site, "atom.xml", 1);
    assert_eq!(
        entries,
        ["https://example.test/articles/reply/"],
        "the newest article"
    );
    for rel in ["topics/alpha/atom.xml", "speakers/ada-example/atom.xml"] {
        assert_eq!(check_feed(&site, rel, 1).len(), 1, "{rel}");
    }
}

// ---------------------------------------------------------------------------------------
// Hostile text: markup, quotes, ampersands and right-to-left text in every field that is
// published, in a site generated by the test. All names are made up.

const NASTY_TITLE: &str =
    r#"Fake </script><script>alert("x")</script> & 'co' <!-- 100% {braces} #1_a"#;
const NASTY_SPEAKER: &str = r#"Zed "The Tester" O'Fake & Sons"#;
const NASTY_QUOTE: &str = "He said \"</script>\", then left & came back,\nline two; <b>bold</b>";
const RTL_TEXT: &str = "نص تجريبي </script> & «اقتباس»";

fn hostile_site() -> tempfile::TempDir {
    let dir = copy_site(&fixture("basic"));
    let root = dir.path();
    // Every hostile string must come out exactly as written: typographic punctuation
    // (tests/typography.rs) would curl its quotes and dashes.
    let config = root.join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}\n[markdown]\nsmart_punctuation = false\n"),
    )
    .unwrap();
    let toml_str = |s: &str| toml::Value::String(s.to_string()).to_string();
    std::fs::write(
        root.join("content/speakers/zed-fake.md"),
        format!(
            "+++\nname = {}\nrole = {}\nwikidata = \"Q2\"\n+++\nA made-up speaker.\n",
            toml_str(NASTY_SPEAKER),
            toml_str("Head of </script> & \"tests\"")
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("content/articles/2024-04-01-hostile.md"),
        format!(
            "+++\ntitle = {title}\ndate = 2024-04-01T09:30:00+03:30\nauthor = {author}\nsource = {source}\nsource_url = \"https://news.example.test/a?b=1&c=2\"\nsummary = {summary}\ntopics = [\"alpha\"]\nlanguage = \"ar\"\naliases = [\"/old/fake-url/\", \"/legacy/page.html\"]\n\n[[quotes]]\nspeaker = \"zed-fake\"\nid = \"zed-hostile\"\ntext = {quote}\ncontext = {context}\n\n[quotes.original]\nlanguage = \"ar\"\ntext = {rtl}\n\n[[events]]\ndate = \"2024-03\"\ntitle = {event}\ntopics = [\"beta\"]\n+++\nBody with <em>markup</em> & an ampersand.\n",
            title = toml_str(NASTY_TITLE),
            author = toml_str("Reporter, Jr. & Fake"),
            source = toml_str("The <Fake> & \"Test\" Times"),
            summary = toml_str("Summary </script> with & and \"quotes\"."),
            quote = toml_str(NASTY_QUOTE),
            context = toml_str("At </script> the 'fake' & venue"),
            rtl = toml_str(RTL_TEXT),
            event = toml_str("Event </script><script>alert(1)</script> & more"),
        ),
    )
    .unwrap();
    dir
}

#[test]
fn hostile_titles_and_quotes_cannot_break_json_ld_attributes_feeds_or_data() {
    let site = build_site(hostile_site(), "https://example.test/", false);
    check_site(&site);
    let pages = site.html_pages();
    let article_rel = "articles/hostile/index.html";
    let quote_rel = "quotes/zed-hostile/index.html";
    let script = Selector::parse("script").unwrap();
    let ld_script = Selector::parse("script[type='application/ld+json']").unwrap();
    // The page of 2024 that shows the event (the year is on several pages: paginate_by = 2).
    let event_page = pages
        .keys()
        .find(|rel| {
            rel.starts_with("chronology/2024/") && site.read(rel).contains("Event &lt;/script&gt;")
        })
        .expect("a page of 2024 shows the event")
        .clone();
    for rel in [
        article_rel,
        quote_rel,
        "speakers/zed-fake/index.html",
        "chronology/index.html",
        &event_page,
    ] {
        let raw = site.read(rel);
        // Text never opens or closes a script element: every `<script` is closed once, there
        // is one JSON-LD block, and the injected code is in no script but inside its JSON.
        assert_eq!(
            raw.matches("<script").count(),
            raw.matches("</script>").count(),
            "{rel}: `</script>` in the text closed a script early"
        );
        let html = &pages[rel];
        assert_eq!(
            html.select(&ld_script).count(),
            1,
            "{rel}: one JSON-LD block"
        );
        for element in html.select(&script) {
            if element.value().attr("type") != Some("application/ld+json") {
                let text: String = element.text().collect();
                assert!(
                    !text.contains("alert("),
                    "{rel}: injected script ran: {text}"
                );
            }
        }
    }
    let ld = |rel: &str| -> Value {
        let html = &pages[rel];
        serde_json::from_str(
            &html
                .select(&ld_script)
                .next()
                .unwrap()
                .text()
                .collect::<String>(),
        )
        .unwrap()
    };
    let article = ld(article_rel);
    let news = &article["@graph"][0];
    assert_eq!(news["@type"], "NewsArticle");
    assert_eq!(news["headline"], NASTY_TITLE);
    // The dossier publishes its page; the newspaper published the source.
    assert_eq!(news["publisher"]["@type"], "Organization");
    assert_eq!(news["publisher"]["url"], "https://example.test/");
    assert_eq!(
        news["isBasedOn"]["publisher"]["name"],
        "The <Fake> & \"Test\" Times"
    );
    assert_eq!(
        article["@graph"][1]["name"],
        "Event </script><script>alert(1)</script> & more"
    );
    assert_eq!(article["@graph"][1]["startDate"], "2024-03");
    let quote = ld(quote_rel);
    assert_eq!(quote["@type"], "Quotation");
    assert_eq!(quote["text"], NASTY_QUOTE);
    assert_eq!(quote["creator"]["name"], NASTY_SPEAKER);
    assert_eq!(quote["creator"]["@type"], "Person");
    // Given once, referred to by its @id.
    assert_eq!(quote["spokenByCharacter"]["@id"], quote["creator"]["@id"]);
    assert_eq!(quote["citation"][0]["@id"], quote["isPartOf"]["@id"]);
    assert_eq!(quote["dateCreated"], "2024-04-01");
    assert_eq!(quote["isPartOf"]["headline"], NASTY_TITLE);
    assert_eq!(quote["translationOfWork"]["text"], RTL_TEXT);
    let person = ld("speakers/zed-fake/index.html")["@graph"][0].clone();
    assert_eq!(person["name"], NASTY_SPEAKER);
    assert_eq!(person["sameAs"], "https://www.wikidata.org/wiki/Q2");

    // Attributes: Open Graph tags read back as the exact text (X reads them too: its
    // own title and description tags would only repeat them).
    let meta = |rel: &str, selector: &str| -> String {
        pages[rel]
            .select(&Selector::parse(selector).unwrap())
            .next()
            .unwrap_or_else(|| panic!("{rel}: {selector}"))
            .value()
            .attr("content")
            .unwrap()
            .to_string()
    };
    assert_eq!(meta(article_rel, "meta[property='og:title']"), NASTY_TITLE);
    assert_eq!(meta(article_rel, "meta[property='og:type']"), "article");
    assert_eq!(
        meta(article_rel, "meta[property='article:published_time']"),
        "2024-04-01T09:30:00+03:30"
    );
    // A line break in the quote is a space in the page's title and description.
    let one_line = NASTY_QUOTE.replace('\n', " ");
    assert_eq!(meta(quote_rel, "meta[property='og:description']"), one_line);
    for selector in ["meta[property='og:title']", "meta[name='description']"] {
        let title = meta(quote_rel, selector);
        assert!(
            !title.contains('\n') && title.contains("came back, line two"),
            "{quote_rel} {selector}: {title:?}"
        );
    }

    // Feeds carry the text exactly.
    let feed = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entry = children(doc.root_element(), "entry")[0];
    assert_eq!(one_text(entry, "title", "atom.xml"), NASTY_TITLE);
    let speaker_feed = site.read("speakers/zed-fake/atom.xml");
    let doc = roxmltree::Document::parse(&speaker_feed).unwrap();
    let entry = children(doc.root_element(), "entry")[0];
    assert_eq!(one_text(entry, "summary", "speaker feed"), NASTY_QUOTE);
    assert_eq!(
        one_text(children(entry, "author")[0], "name", "speaker feed"),
        NASTY_SPEAKER
    );

    // CSV keeps the quote (newline, quotes, commas) intact.
    let csv_text = site.read("data/quotes.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "zed-hostile")
        .unwrap();
    assert_eq!(&row[3], NASTY_QUOTE);

    // Citations read back as the text.
    let bib = Bibliography::parse(&site.citation("articles/hostile/", "bib")).unwrap();
    let entry = bib.get("hostile").unwrap();
    assert_eq!(entry.title().unwrap().format_verbatim(), NASTY_TITLE);
    assert_eq!(
        entry.get("url").unwrap().format_verbatim(),
        "https://news.example.test/a?b=1&c=2"
    );
    let bib = Bibliography::parse(&site.citation("quotes/zed-hostile/", "bib")).unwrap();
    let entry = bib.get("zed-hostile").unwrap();
    assert_eq!(
        entry.title().unwrap().format_verbatim(),
        NASTY_QUOTE.replace('\n', " ")
    );
    let csl: Value = serde_json::from_str(&site.citation("quotes/zed-hostile/", "json")).unwrap();
    assert_eq!(csl[0]["author"][0]["literal"], NASTY_SPEAKER);
    assert_eq!(csl[0]["title"], NASTY_QUOTE.replace('\n', " "));
}

#[test]
fn aliases_redirect_from_old_urls_under_the_base_path() {
    let site = build_site(hostile_site(), SUB, true);
    let target = format!("{SUB}articles/hostile/");
    for rel in ["old/fake-url/index.html", "legacy/page.html"] {
        let html = Html::parse_document(&site.read(rel));
        assert!(is_redirect(&html), "{rel} is a redirect");
        let refresh = html
            .select(&Selector::parse("meta[http-equiv=refresh]").unwrap())
            .next()
            .unwrap();
        assert_eq!(
            refresh.value().attr("content"),
            Some(format!("0; url={target}").as_str())
        );
        assert_eq!(
            common::hrefs(&html, "link[rel=canonical]"),
            [target.as_str()]
        );
        assert_eq!(common::hrefs(&html, "body a"), [target.as_str()]);
    }
    let sitemap = site.read("sitemap.xml");
    assert!(
        !sitemap.contains("fake-url") && !sitemap.contains("legacy"),
        "redirects are not in the sitemap"
    );
}

#[test]
fn an_alias_that_would_replace_a_page_or_cannot_be_a_file_fails_the_build() {
    for (alias, message) in [
        (
            "/quotes/",
            "alias `/quotes/` would replace the generated file `quotes/index.html`",
        ),
        (
            "/atom.xml",
            "alias `/atom.xml` would replace the generated file `atom.xml`",
        ),
        (
            "/old?page=2",
            "alias `/old?page=2` cannot be a file on a static host",
        ),
    ] {
        let dir = copy_site(&fixture("basic"));
        let path = dir.path().join("content/articles/2024-02-01-reply.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replacen(
            "topics = [",
            &format!("aliases = [\"{alias}\"]\ntopics = ["),
            1,
        );
        std::fs::write(&path, text).unwrap();
        let output = dossier(
            dir.path(),
            &["build", "--root", dir.path().to_str().unwrap()],
        );
        let stderr = common::stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{alias}: {stderr}");
        assert!(stderr.contains(message), "{alias}: {stderr}");
        assert!(
            !dir.path().join("public").exists(),
            "{alias}: nothing was written"
        );
    }
}

/// The open data of the bundled dossier written as if no file could exceed `max` bytes.
fn split_data(max: usize) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    let options = dossier::BuildOptions {
        root: fixture("bundled"),
        ..Default::default()
    };
    let (sources, warnings) = dossier::pipeline::load(&options).expect("the fixture loads");
    let site = dossier::pipeline::Site::link(&sources, false, warnings).expect("it links");
    let files = |limit: usize| -> BTreeMap<String, Vec<u8>> {
        dossier::render::data::data_files_within(&site.dossier, limit)
            .into_iter()
            .map(|file| (file.path, file.bytes.to_vec()))
            .collect()
    };
    (files(usize::MAX), files(max))
}

#[test]
fn open_data_too_big_for_one_file_is_split_into_parts_that_add_up_to_the_whole() {
    const MAX: usize = 4096;
    let (whole, split) = split_data(MAX);
    assert_eq!(
        whole.keys().collect::<Vec<_>>(),
        ["data/dossier.json", "data/quotes.csv", "data/timeline.json"],
        "under the limit, one file each"
    );
    for (path, bytes) in &split {
        assert!(bytes.len() <= MAX, "{path}: {} bytes", bytes.len());
    }
    let json = |bytes: &[u8]| -> Value { serde_json::from_slice(bytes).unwrap() };
    let whole_json = json(&whole["data/dossier.json"]);
    let index = json(&split["data/dossier.json"]);
    assert_eq!(whole_json["schema"], "dossier-data/1");
    assert_eq!(index["schema"], "dossier-data/2");
    assert_eq!(index["site"], whole_json["site"]);
    let file_of = |url: &Value| {
        url.as_str()
            .unwrap()
            .strip_prefix("https://example.org/iran-us/")
            .unwrap_or_else(|| panic!("{url} is under the base URL"))
            .to_string()
    };
    // The records: each kind, part after part, is the single file's list.
    let parts = index["parts"].as_array().unwrap();
    assert!(parts.len() > 1, "{parts:?}");
    let mut listed: BTreeSet<String> = BTreeSet::from(["data/dossier.json".to_string()]);
    for kind in ["articles", "speakers", "topics", "quotes", "events"] {
        let mut records = Vec::new();
        for (n, part) in parts.iter().enumerate() {
            let path = file_of(&part["url"]);
            let part_json = json(&split[&path]);
            assert_eq!(part_json["schema"], "dossier-data/2");
            assert_eq!(part_json["part"], n + 1);
            let these = part_json[kind].as_array().unwrap();
            assert_eq!(part[kind], these.len(), "{path}: its count of {kind}");
            records.extend(these.iter().cloned());
            listed.insert(path);
        }
        assert_eq!(
            Value::Array(records),
            whole_json[kind],
            "{kind} across the parts"
        );
    }
    // quotes.csv: the first part, then the next ones; each with the header.
    let csv_parts = index["quotes_csv"].as_array().unwrap();
    assert!(csv_parts.len() > 1);
    assert_eq!(file_of(&csv_parts[0]["url"]), "data/quotes.csv");
    let whole_csv = String::from_utf8(whole["data/quotes.csv"].clone()).unwrap();
    let header = whole_csv.split("\r\n").next().unwrap();
    let mut rows = String::new();
    let mut count = 0;
    for part in csv_parts {
        let path = file_of(&part["url"]);
        let text = String::from_utf8(split[&path].clone()).unwrap();
        let body = text
            .strip_prefix(&format!("{header}\r\n"))
            .expect("a header");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let n = reader.records().count();
        assert_eq!(part["quotes"], n, "{path}");
        count += n;
        rows.push_str(body);
        listed.insert(path);
    }
    assert_eq!(format!("{header}\r\n{rows}"), whole_csv);
    assert_eq!(count, whole_json["quotes"].as_array().unwrap().len());
    // The timeline: complete TimelineJS documents, oldest first; timeline.json is the newest.
    let whole_timeline = json(&whole["data/timeline.json"]);
    let timeline_parts = index["timeline"].as_array().unwrap();
    assert!(timeline_parts.len() > 1);
    assert_eq!(
        file_of(&timeline_parts.last().unwrap()["url"]),
        "data/timeline.json"
    );
    let mut events = Vec::new();
    for part in timeline_parts {
        let path = file_of(&part["url"]);
        let part_json = json(&split[&path]);
        assert_eq!(part_json["title"], whole_timeline["title"]);
        assert_eq!(
            part["events"],
            part_json["events"].as_array().unwrap().len()
        );
        events.extend(part_json["events"].as_array().unwrap().iter().cloned());
        listed.insert(path);
    }
    assert_eq!(Value::Array(events), whole_timeline["events"]);
    // The index lists every file written, and only those.
    assert_eq!(listed, split.keys().cloned().collect::<BTreeSet<_>>());
}

/// Runs `xmllint --schema` on `file`; panics with its output when the file is not valid.
fn xmllint_valid(schema: &std::path::Path, file: &std::path::Path) {
    let output = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema)
        .arg(file)
        .output()
        .expect("xmllint runs (Debian: libxml2-utils; .ci/run installs it)");
    assert!(
        output.status.success(),
        "{} is not valid against {}:\n{}",
        file.display(),
        schema.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
#[ignore = "needs xmllint (Debian libxml2-utils) and the schemas of scripts/sitemap-schemas; run with --include-ignored"]
fn a_sitemap_index_past_50000_urls_and_its_sitemaps_are_valid_against_the_sitemaps_schemas() {
    let schemas = common::repo_root().join(".ci/schemas");
    let (sitemap_xsd, index_xsd) = (schemas.join("sitemap.xsd"), schemas.join("siteindex.xsd"));
    assert!(
        sitemap_xsd.is_file() && index_xsd.is_file(),
        "no schemas in {}: run scripts/sitemap-schemas",
        schemas.display()
    );
    // The real sitemap code at the real limit: the bundled dossier's pages, and as many
    // more as it takes to pass 50,000 URLs (building 50,000 pages in a debug test is slow).
    let options = dossier::BuildOptions {
        root: fixture("bundled"),
        ..Default::default()
    };
    let (sources, warnings) = dossier::pipeline::load(&options).expect("the fixture loads");
    let site = dossier::pipeline::Site::link(&sources, false, warnings).expect("it links");
    let d = &site.dossier;
    use dossier::render::page_kind::PageKind;
    let kinds = [
        PageKind::Article(0),
        PageKind::Quote(0),
        PageKind::Topic(0),
        PageKind::Speaker(0),
        PageKind::List,
        PageKind::TopicPart(0),
    ];
    let pages: Vec<(String, PageKind)> = (0..60_000)
        .map(|i| (format!("pages/p{i}/index.html"), kinds[i % kinds.len()]))
        .collect();
    let files = dossier::render::sitemap::sitemap(d, &pages);
    let dir = tempfile::tempdir().unwrap();
    let mut written = BTreeMap::new();
    for file in &files {
        let path = dir.path().join(&file.path);
        std::fs::write(&path, &file.bytes).unwrap();
        written.insert(
            file.path.clone(),
            String::from_utf8(file.bytes.to_vec()).unwrap(),
        );
    }
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        [
            "robots.txt",
            "sitemap-1.xml",
            "sitemap-2.xml",
            "sitemap.xml"
        ]
    );
    let base = "https://example.org/iran-us/";
    let loc = Selector::parse("loc").unwrap();
    let lastmod = Selector::parse("lastmod").unwrap();
    let texts_of = |xml: &str, selector: &Selector| -> Vec<String> {
        Html::parse_fragment(xml)
            .select(selector)
            .map(|e| e.text().collect())
            .collect()
    };
    let mut urls = BTreeSet::new();
    let mut newest = Vec::new();
    for name in ["sitemap-1.xml", "sitemap-2.xml"] {
        let xml = &written[name];
        xmllint_valid(&sitemap_xsd, &dir.path().join(name));
        let locs = texts_of(xml, &loc);
        assert!(locs.len() <= 50_000, "{name}: {} URLs", locs.len());
        assert!(xml.len() <= 50 * 1000 * 1000, "{name}: {} bytes", xml.len());
        urls.extend(locs);
        newest.push(texts_of(xml, &lastmod).into_iter().max().unwrap());
    }
    let expected: BTreeSet<String> = (0..60_000).map(|i| format!("{base}pages/p{i}/")).collect();
    assert_eq!(urls, expected, "every page once, in one of the files");
    // The index: valid, listing each file with its newest date.
    xmllint_valid(&index_xsd, &dir.path().join("sitemap.xml"));
    let index = &written["sitemap.xml"];
    assert!(index.contains("<sitemapindex"), "{index}");
    assert_eq!(
        texts_of(index, &loc),
        [
            format!("{base}sitemap-1.xml"),
            format!("{base}sitemap-2.xml")
        ]
    );
    assert_eq!(texts_of(index, &lastmod), newest);
    assert!(written["robots.txt"].contains(&format!("Sitemap: {base}sitemap.xml")));
    // Below the limit, one sitemap.xml file of URLs, valid too.
    let small = dossier::render::sitemap::sitemap(d, &pages[..100]);
    let path = dir.path().join("small.xml");
    std::fs::write(&path, &small[0].bytes).unwrap();
    assert_eq!(small[0].path, "sitemap.xml");
    xmllint_valid(&sitemap_xsd, &path);
}
