//! A dossier in another language: the Persian fixture (`tests/fixtures/persian`, synthetic,
//! `language = "fa"`, `calendar = "persian"`, and a site table `i18n/fa.toml`) is built and
//! every page checked: right to left, no English interface string left, Solar Hijri dates
//! in Persian digits, machine outputs still ISO 8601 Gregorian. Other languages (Arabic's six
//! plural forms and the Hijri calendar, French, German, Spanish) are checked on copies of the
//! fixtures with another `language`; a site table's problems on generated sites.

mod common;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use common::{Built, copy_site, dossier, fixture, stderr};
use scraper::node::Node;
use scraper::{ElementRef, Html, Selector};

static PERSIAN: LazyLock<Built> =
    LazyLock::new(|| Built::new("persian", &fixture("persian"), None));

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector).collect()
}

fn text_of(html: &Html, selector: &str) -> String {
    let found = select(html, selector);
    assert!(!found.is_empty(), "nothing matches {selector}");
    found[0].text().collect::<String>().trim().to_string()
}

/// The literal pieces of every English interface string (the text between placeholders)
/// that have words in them and are not also Persian strings: what a page in another
/// language must not show.
fn english_pieces() -> BTreeSet<String> {
    let pieces = |path: &str| {
        let text = std::fs::read_to_string(common::repo_root().join(path)).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        let mut out = BTreeSet::new();
        for (section, values) in table {
            if section == "locale" {
                continue;
            }
            for value in values.as_table().unwrap().values() {
                let strings: Vec<&str> = match value {
                    toml::Value::String(s) => vec![s],
                    toml::Value::Table(forms) => {
                        forms.values().filter_map(|v| v.as_str()).collect()
                    }
                    _ => vec![],
                };
                for string in strings {
                    for piece in split_placeholders(string) {
                        let piece = piece.trim();
                        if piece.chars().filter(char::is_ascii_alphabetic).count() >= 2 {
                            out.insert(piece.to_string());
                        }
                    }
                }
            }
        }
        out
    };
    let persian = pieces("theme/i18n/fa.toml");
    pieces("theme/i18n/en.toml")
        .into_iter()
        .filter(|p| !persian.contains(p))
        .collect()
}

fn split_placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push(&rest[..open]);
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    out.push(rest);
    out
}

/// Whether `piece` occurs in `text` as whole words (not inside `quotes.csv` or a URL).
fn has_words(text: &str, piece: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '/' | '.');
    text.match_indices(piece).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + piece.len()..].chars().next();
        before.is_none_or(|c| !word(c))
            && after.is_none_or(|c| {
                !word(c)
                    || c == '.' && {
                        let rest = &text[at + piece.len() + 1..];
                        rest.chars().next().is_none_or(|n| !n.is_alphanumeric())
                    }
            })
    })
}

/// The interface text of a page: every text node and the attributes people read
/// (labels, placeholders, the search page's messages), outside the content areas:
/// bodies (`.prose`), quotations (`blockquote`) and anything marked as written in another
/// language (`lang`: an English article's title on a Persian site), which are the editors' words.
fn interface_text(html: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for node in html.tree.nodes() {
        match node.value() {
            Node::Text(text) => {
                let skipped = node.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| {
                        matches!(e.name(), "script" | "style" | "blockquote")
                            || e.classes().any(|c| c == "prose")
                            || (e.name() != "html" && e.attr("lang").is_some())
                    })
                });
                if !skipped && !text.trim().is_empty() {
                    out.push(text.to_string());
                }
            }
            Node::Element(element) => {
                for (name, value) in element.attrs() {
                    let read = matches!(name, "aria-label" | "placeholder" | "title" | "alt")
                        || (name.starts_with("data-")
                            && !matches!(name, "data-filter" | "data-bundle" | "data-base")
                            && !name.starts_with("data-pagefind"))
                        || (name == "content"
                            && element.attr("name").is_some_and(|n| {
                                n == "description" || n == "dossier:date-display"
                            }));
                    if read {
                        out.push(value.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Every English interface piece found in `texts`, with the text it is in.
fn english_left(texts: &[String], pieces: &BTreeSet<String>) -> Vec<String> {
    texts
        .iter()
        .flat_map(|text| {
            pieces
                .iter()
                .filter(|piece| has_words(text, piece))
                .map(move |piece| format!("`{piece}` in {:?}", text.trim()))
        })
        .collect()
}

#[test]
fn every_page_is_persian_and_right_to_left() {
    let site = PERSIAN.site();
    assert!(site.pages.len() > 30, "only {} pages", site.pages.len());
    let html = Selector::parse("html").unwrap();
    for (path, page) in &site.pages {
        let root = page.select(&html).next().unwrap().value();
        assert_eq!(
            (root.attr("lang"), root.attr("dir")),
            (Some("fa"), Some("rtl")),
            "{path}"
        );
    }
}

#[test]
fn no_english_interface_string_is_left_on_any_page_or_feed() {
    let pieces = english_pieces();
    let site = PERSIAN.site();
    let mut left = Vec::new();
    for (path, page) in &site.pages {
        for found in english_left(&interface_text(page), &pieces) {
            left.push(format!("{path}: {found}"));
        }
    }
    for (path, bytes) in common::tree(&PERSIAN.public) {
        if path.ends_with(".xml") {
            let text = String::from_utf8(bytes).unwrap();
            let document = roxmltree::Document::parse(&text).unwrap();
            let texts: Vec<String> = document
                .descendants()
                .filter(|n| n.is_text())
                .map(|n| n.text().unwrap_or("").to_string())
                .collect();
            for found in english_left(&texts, &pieces) {
                left.push(format!("{path}: {found}"));
            }
        }
    }
    // The timeline's texts, which TimelineJS shows people (the rest of the data is
    // machine-readable: ids, ISO dates, status values).
    let timeline: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(PERSIAN.public.join("data/timeline.json")).unwrap(),
    )
    .unwrap();
    let shown: Vec<String> = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| [e["text"]["text"].as_str(), e["display_date"].as_str()])
        .flatten()
        .map(|text| Html::parse_fragment(text).root_element().text().collect())
        .collect();
    for found in english_left(&shown, &pieces) {
        left.push(format!("data/timeline.json: {found}"));
    }
    assert!(
        left.is_empty(),
        "English left on the Persian site:\n{}",
        left.join("\n")
    );
}

/// The Persian half of the English + Persian fixture (`fa/`) speaks Persian too: its
/// interface strings are the `fa` table's, though the site's own language is English.
#[test]
fn the_persian_pages_of_a_bilingual_site_have_no_english_interface_string() {
    let built = Built::new("bilingual-interface", &fixture("bilingual"), None);
    let site = built.site();
    let pieces = english_pieces();
    let mut left = Vec::new();
    let persian = site
        .pages
        .iter()
        .filter(|(path, _)| path.starts_with("fa/"));
    for (path, page) in persian {
        for found in english_left(&interface_text(page), &pieces) {
            left.push(format!("{path}: {found}"));
        }
    }
    assert!(
        left.is_empty(),
        "English left under fa/:\n{}",
        left.join("\n")
    );
    // While the English pages keep theirs.
    assert!(!english_left(&interface_text(site.page("index.html")), &pieces).is_empty());
}

/// The check above can fail: on the English fixture it finds the interface everywhere.
#[test]
fn the_english_check_finds_english_on_an_english_site() {
    let built = Built::new("basic", &fixture("basic"), None);
    let site = built.site();
    let pieces = english_pieces();
    let home = english_left(&interface_text(site.page("index.html")), &pieces);
    for expected in [
        "Latest articles",
        "Skip to main content",
        "Open data:",
        "Search the dossier",
    ] {
        assert!(
            home.iter().any(|f| f.starts_with(&format!("`{expected}`"))),
            "{expected} not found in {home:?}"
        );
    }
}

#[test]
fn days_are_solar_hijri_in_persian_digits() {
    let site = PERSIAN.site();
    let article = site.page("articles/budje/index.html");
    let time = select(article, ".page-header time")[0];
    assert_eq!(time.text().collect::<String>(), "۲۲ اسفند ۱۴۰۳");
    assert_eq!(
        time.value().attr("datetime"),
        Some("2025-03-12T10:00:00+03:30")
    );
    // Every date a page shows is in Persian digits; machine-readable ones stay ISO.
    for (path, page) in &site.pages {
        for time in select(page, "time") {
            let shown: String = time.text().collect();
            assert!(
                !shown.chars().any(|c| c.is_ascii_digit()),
                "{path}: {shown:?} has ASCII digits"
            );
            let iso = time.value().attr("datetime").unwrap_or("");
            assert!(iso.starts_with("20"), "{path}: datetime {iso:?}");
        }
    }
}

#[test]
fn partial_approximate_and_ranged_dates_follow_the_language() {
    let site = PERSIAN.site();
    let events: Vec<String> = select(
        site.page("articles/budje/index.html"),
        ".timeline-event time",
    )
    .iter()
    .map(|t| t.text().collect())
    .collect();
    // A day converts to the Solar Hijri calendar; a Gregorian month or year is not one
    // month or year of it, so it stays Gregorian, in Persian words and digits.
    for expected in [
        "۲۳ تیر ۱۳۹۴",
        "۲۰۱۵",
        "ژوئیه ۲۰۱۵",
        "حدود ۲۰۰۳",
        "۲۶ دی ۱۳۹۴ تا ۱۸ اردیبهشت ۱۳۹۷",
    ] {
        assert!(
            events.iter().any(|e| e == expected),
            "{expected} not in {events:?}"
        );
    }
}

#[test]
fn counts_use_persian_digits_and_words() {
    let site = PERSIAN.site();
    let home = site.page("index.html");
    assert_eq!(
        text_of(home, ".page-header .meta"),
        "۵ مقاله · ۷ نقل‌قول · ۳ گوینده · ۲ موضوع · ۵ رویداد"
    );
    let year = site.page("chronology/2015/index.html");
    assert_eq!(text_of(year, "h1"), "۲۰۱۵");
}

#[test]
fn machine_outputs_keep_iso_gregorian_dates() {
    let public = &PERSIAN.public;
    let read = |path: &str| std::fs::read_to_string(public.join(path)).unwrap();
    let feed = read("atom.xml");
    assert!(
        feed.contains("<updated>2025-04-02T00:00:00Z</updated>"),
        "{feed}"
    );
    assert!(read("sitemap.xml").contains("<lastmod>2025-04-02</lastmod>"));
    let data = read("data/dossier.json");
    assert!(data.contains("\"date\": \"2025-03-12\""), "{data}");
    assert!(read("data/quotes.csv").contains(",2025-03-10,"));
    let article = std::fs::read_to_string(public.join("articles/budje/index.html")).unwrap();
    assert!(article.contains("\"datePublished\":\"2025-03-12T10:00:00+03:30\""));
}

#[test]
fn the_site_table_overrides_a_built_in_string() {
    let site = PERSIAN.site();
    let input = select(site.page("search/index.html"), "#search-q")[0];
    assert_eq!(
        input.value().attr("placeholder"),
        Some("مثلاً ایستگاه زعفرانیه")
    );
}

#[test]
fn latin_names_urls_and_ids_are_left_to_right_islands() {
    let site = PERSIAN.site();
    let speaker = site.page("speakers/nemoone-zade/index.html");
    let wikidata = select(speaker, "a[href*='wikidata'] bdi");
    assert_eq!(wikidata.len(), 1, "the Wikidata id is isolated");
    assert_eq!(wikidata[0].text().collect::<String>(), "Q1");
    let quote = site.page("quotes/nemoone-budje/index.html");
    assert_eq!(select(quote, "dd code[dir=ltr]").len(), 1, "the quote id");
    assert_eq!(
        select(quote, "dd a[dir=ltr]").len(),
        2,
        "the source URL and permalink"
    );
    // A citation's URLs are isolated; the full stop after each stays outside.
    let citation = select(quote, ".citation")[0].html();
    assert!(
        citation.contains("<bdi dir=\"ltr\">https://example.test/fa/quotes/nemoone-budje/</bdi>."),
        "{citation}"
    );
    let isolated = select(quote, ".citation bdi[dir=ltr]");
    assert_eq!(isolated.len(), 2, "{citation}");
}

/// The Persian fixture's content with another `language` and `calendar`.
fn persian_content_in(language: &str, calendar: &str) -> Built {
    let dir = copy_site(&fixture("persian"));
    std::fs::remove_dir_all(dir.path().join("i18n")).unwrap();
    let site = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&site)
        .unwrap()
        .replace("language = \"fa\"", &format!("language = \"{language}\""))
        .replace(
            "calendar = \"persian\"",
            &format!("calendar = \"{calendar}\""),
        );
    std::fs::write(&site, text).unwrap();
    Built::new(&format!("{language}-{calendar}"), dir.path(), None)
}

#[test]
fn arabic_counts_take_their_plural_forms_and_dates_the_hijri_calendar() {
    let built = persian_content_in("ar", "islamic-umalqura");
    let site = built.site();
    let home = site.page("index.html");
    // 5 articles, 7 quotes, 3 speakers (few), 2 topics (two), 5 events (few).
    assert_eq!(
        text_of(home, ".page-header .meta"),
        "٥ مقالات · ٧ اقتباسات · ٣ متحدثين · موضوعان · ٥ أحداث"
    );
    let article = site.page("articles/budje/index.html");
    let day: String = select(article, ".page-header time")[0].text().collect();
    assert!(day.contains("رمضان") && day.contains("١٤٤٦"), "{day}");
    let html = select(home, "html")[0].value();
    assert_eq!(
        (html.attr("lang"), html.attr("dir")),
        (Some("ar"), Some("rtl"))
    );
}

#[test]
fn french_german_and_spanish_dates_and_words() {
    for (language, date, nav) in [
        ("fr", "10 janvier 2024", "Intervenants"),
        ("de", "10. Januar 2024", "Personen"),
        ("es", "10 de enero de 2024", "Personas"),
    ] {
        let dir = copy_site(&fixture("basic"));
        let site_toml = dir.path().join("site.toml");
        let text = std::fs::read_to_string(&site_toml)
            .unwrap()
            .replace("language = \"en\"", &format!("language = \"{language}\""));
        std::fs::write(&site_toml, text).unwrap();
        let built = Built::new(&format!("basic-{language}"), dir.path(), None);
        let site = built.site();
        let article = site.page("articles/first/index.html");
        assert_eq!(text_of(article, ".page-header time"), date, "{language}");
        let links: Vec<String> = select(article, ".site-nav a")
            .iter()
            .map(|a| a.text().collect())
            .collect();
        assert!(links.contains(&nav.to_string()), "{language}: {links:?}");
        let html = select(article, "html")[0].value();
        assert_eq!(html.attr("dir"), None, "{language} is left to right");
        let table: toml::Table = toml::from_str(
            &std::fs::read_to_string(
                common::repo_root().join(format!("theme/i18n/{language}.toml")),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            text_of(article, "#cite-article"),
            table["article"]["cite"].as_str().unwrap(),
            "{language}"
        );
    }
}

/// `dossier check` on a copy of the basic fixture with `language` and an `i18n/` file.
fn check_with_table(language: &str, file: &str, table: &str, strict: bool) -> (bool, String) {
    let dir = copy_site(&fixture("basic"));
    let site_toml = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&site_toml)
        .unwrap()
        .replace("language = \"en\"", &format!("language = \"{language}\""));
    std::fs::write(&site_toml, text).unwrap();
    std::fs::create_dir_all(dir.path().join("i18n")).unwrap();
    std::fs::write(dir.path().join("i18n").join(file), table).unwrap();
    let mut args = vec!["check"];
    if strict {
        args.push("--strict");
    }
    let output = dossier(dir.path(), &args);
    (output.status.success(), stderr(&output))
}

#[test]
fn a_language_without_a_built_in_table_falls_back_to_english_with_a_warning_naming_the_keys() {
    let table = "[nav]\narticles = \"Articoli\"\n";
    let (ok, err) = check_with_table("it", "it.toml", table, false);
    assert!(ok, "{err}");
    assert!(
        err.contains("interface strings are not in i18n/it.toml, shown in English"),
        "{err}"
    );
    assert!(
        err.contains("`nav.topics`") && !err.contains("`nav.articles`"),
        "{err}"
    );
    let (ok, _) = check_with_table("it", "it.toml", table, true);
    assert!(!ok, "--strict fails on the warning");

    let dir = copy_site(&fixture("basic"));
    let site_toml = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&site_toml)
        .unwrap()
        .replace("\"en\"", "\"it\"");
    std::fs::write(&site_toml, &text).unwrap();
    std::fs::create_dir_all(dir.path().join("i18n")).unwrap();
    std::fs::write(dir.path().join("i18n/it.toml"), table).unwrap();
    let built = Built::at(dir.path().to_path_buf(), None, false);
    let site = built.site();
    let nav: Vec<String> = select(site.page("index.html"), ".site-nav a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        nav,
        ["Articoli", "Topics", "Speakers", "Quotes", "Chronology"]
    );
}

#[test]
fn a_language_with_no_table_at_all_is_one_warning() {
    let dir = copy_site(&fixture("basic"));
    let site_toml = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&site_toml)
        .unwrap()
        .replace("\"en\"", "\"sw\"");
    std::fs::write(&site_toml, &text).unwrap();
    let output = dossier(dir.path(), &["check"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert_eq!(
        err.matches("no interface strings for language `sw`")
            .count(),
        1,
        "{err}"
    );
}
