//! Mixed-direction text on right-to-left pages: the Persian fixture (`tests/fixtures/persian`,
//! with a Latin-named speaker and an English article from "Sample Wire") and the Persian
//! half of the bilingual fixture are built and every page parsed. Every inserted value that
//! can run in the other direction (a Latin name, outlet or title, a number, a date) sits in
//! its own isolate (`<bdi>` or an element with `dir`) inside its line, so the bidirectional
//! algorithm cannot pull a neighbouring number or separator into it. (The visual order of
//! one byline in Chromium is checked in `tests/search_browser.rs`.)

mod common;

use std::sync::LazyLock;

use common::{Built, fixture};
use scraper::node::Node;
use scraper::{ElementRef, Html, Selector};

static PERSIAN: LazyLock<Built> =
    LazyLock::new(|| Built::new("persian", &fixture("persian"), None));
static BILINGUAL: LazyLock<Built> =
    LazyLock::new(|| Built::new("bilingual", &fixture("bilingual"), None));

/// The elements that make a line of text of their own: what a value is "inside".
const LINES: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dd",
    "dt",
    "figcaption",
    "td",
    "th",
    "caption",
    "blockquote",
    "label",
    "legend",
    "div",
    "header",
    "footer",
    "section",
    "nav",
    "main",
    "article",
    "figure",
    "ol",
    "ul",
    "body",
];

fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && !c.is_numeric()
}

fn has_digit(text: &str) -> bool {
    text.chars().any(|c| {
        c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
    })
}

fn isolates(element: &ElementRef) -> bool {
    let value = element.value();
    value.name() == "bdi" || value.attr("dir").is_some()
}

/// Text an isolate shows, without what nested isolates hold (those are isolated already).
fn own_text(element: ElementRef) -> String {
    let mut out = String::new();
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(_) => {
                let child = ElementRef::wrap(child).unwrap();
                if !isolates(&child) {
                    out.push_str(&own_text(child));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a text node is shown to sighted readers as part of the page's running text.
fn skipped<'a>(mut ancestors: impl Iterator<Item = ElementRef<'a>>) -> bool {
    ancestors.any(|a| {
        let e = a.value();
        {
            matches!(
                e.name(),
                "head" | "script" | "style" | "noscript" | "select" | "option" | "code"
            ) || e.attr("hidden").is_some()
                // The editors' own Markdown is theirs to mark up.
                || e.classes().any(|c| c == "prose" || c == "visually-hidden")
        }
    })
}

/// Every value in `html` that is not isolated from the right-to-left line around it: a text
/// with Latin letters whose nearest isolate is missing or also holds Persian words, or a
/// number sharing its line with other words outside any isolate.
fn unisolated(html: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for node in html.tree.nodes() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let text = text.trim();
        // A text with Persian words in it is a sentence (an interface string, a Persian
        // title): a Latin word inside it is the writer's. Only its numbers are checked.
        let latin =
            text.chars().any(|c| c.is_ascii_alphabetic()) && !text.chars().any(is_arabic_script);
        // A number counts where values are joined (`date · outlet · 2 quotes`) or stands
        // alone; inside a sentence (`2 articles that quote …`) the sentence carries it.
        let number = has_digit(text) && (text.contains('·') || !text.chars().any(is_arabic_script));
        if !(latin || number) || skipped(node.ancestors().filter_map(ElementRef::wrap)) {
            continue;
        }
        let mut isolate = None;
        let mut line = None;
        for ancestor in node.ancestors().filter_map(ElementRef::wrap) {
            if isolate.is_none() && isolates(&ancestor) && ancestor.value().name() != "html" {
                isolate = Some(ancestor);
            }
            if LINES.contains(&ancestor.value().name()) {
                line = Some(ancestor);
                break;
            }
        }
        let line = line.expect("every text is in a body");
        let line_text: String = line.text().collect();
        if line_text.trim() == text {
            continue; // alone on its line: nothing to reorder around it
        }
        let context = || format!("{text:?} in {:?}", line_text.trim());
        match isolate {
            None => out.push(context()),
            Some(isolate) if latin && own_text(isolate).chars().any(is_arabic_script) => {
                out.push(format!("{} (its isolate holds Persian words)", context()))
            }
            Some(_) => {}
        }
    }
    out
}

fn assert_isolated(built: &Built, rtl_pages: impl Fn(&str) -> bool) -> usize {
    let site = built.site();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (path, html) in site.pages.iter().filter(|(path, _)| rtl_pages(path)) {
        checked += 1;
        failures.extend(unisolated(html).into_iter().map(|f| format!("{path}: {f}")));
    }
    assert!(
        failures.is_empty(),
        "{} values are not isolated:\n{}",
        failures.len(),
        failures.join("\n")
    );
    checked
}

#[test]
fn every_latin_name_outlet_and_number_on_a_persian_site_is_isolated() {
    let checked = assert_isolated(&PERSIAN, |_| true);
    assert!(checked > 30, "only {checked} pages");
}

#[test]
fn every_latin_name_outlet_and_number_on_the_persian_pages_of_a_bilingual_site_is_isolated() {
    let checked = assert_isolated(&BILINGUAL, |path| path.starts_with("fa/"));
    assert!(checked > 20, "only {checked} pages");
}

/// The byline of the issue: a Persian date, a Latin outlet and a count, each its own isolate.
#[test]
fn a_card_byline_isolates_its_outlet_and_its_count() {
    let site = PERSIAN.site();
    let home = site.page("articles/index.html");
    let selector = Selector::parse("article.card p.meta").unwrap();
    let byline = home
        .select(&selector)
        .find(|p| p.text().any(|t| t.contains("Sample Wire")))
        .expect("the English article's card");
    let isolated: Vec<String> = byline
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(isolates)
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(
        isolated,
        ["۲۴ فروردین ۱۴۰۴", "Sample Wire", "۲ نقل‌قول"],
        "{}",
        byline.html()
    );
}

/// What the test above checks must fail on a line built the old way.
#[test]
fn the_checker_finds_a_byline_that_is_not_isolated() {
    let html = Html::parse_document(
        "<html lang=fa dir=rtl><body><p class=meta>۲۴ فروردین ۱۴۰۴ · <a>Sample Wire</a> · ۲ نقل‌قول</p>\
         <p>گفتهٔ <a>Jane</a> و <bdi>Sample <b>Wire</b> بهار</bdi></p>\
         <p><bdi>John Fixture</bdi> · <time dir=auto>۲۴ فروردین</time> · <bdi>۲ نقل‌قول</bdi></p></body></html>",
    );
    let found = unisolated(&html);
    assert_eq!(found.len(), 6, "{found:#?}");
}

/// The English article of the Persian fixture: its quotes' words, wherever they are shown.
const ENGLISH_QUOTE: &str = "The fictional talks went well this week.";

#[test]
fn an_english_quote_carries_its_language_on_every_page_that_shows_it() {
    let site = PERSIAN.site();
    let blockquotes = Selector::parse("blockquote").unwrap();
    let mut shown_on = Vec::new();
    for (path, html) in &site.pages {
        for quote in html.select(&blockquotes) {
            if quote.text().collect::<String>().trim() != ENGLISH_QUOTE {
                continue;
            }
            let value = quote.value();
            assert_eq!(
                (value.attr("lang"), value.attr("dir")),
                (Some("en"), Some("ltr")),
                "{path}: {}",
                quote.html()
            );
            shown_on.push(path.as_str());
        }
    }
    for page in [
        "index.html",
        "quotes/index.html",
        "topics/budje/index.html",
        "speakers/john-fixture/index.html",
        "quotes/john-fixture-talks-went-well/index.html",
        "articles/talks/index.html",
    ] {
        assert!(shown_on.contains(&page), "{page} not in {shown_on:?}");
    }
    // Its article's card: title and summary in English.
    let card = Selector::parse("article.card [lang=en][dir=ltr]").unwrap();
    let cards = site.page("articles/index.html").select(&card).count();
    assert_eq!(cards, 2, "the card's title and summary");
    // The feeds: the article's entry in the site's, the quote's in the speaker's.
    for (feed, entry_url) in [
        ("atom.xml", "/articles/talks/"),
        (
            "speakers/john-fixture/atom.xml",
            "/quotes/john-fixture-talks-went-well/",
        ),
    ] {
        let xml = std::fs::read_to_string(PERSIAN.public.join(feed)).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let entry = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .find(|n| {
                n.descendants().any(|c| {
                    c.has_tag_name("id") && c.text().is_some_and(|t| t.ends_with(entry_url))
                })
            })
            .unwrap_or_else(|| panic!("{feed}: no entry for the quote"));
        let lang = entry.attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
        assert_eq!(lang, Some("en"), "{feed}");
    }
}

/// An English article on a Persian site: its own words (title, summary, body) are marked
/// English and left to right, the page's interface around them (the kicker, the section
/// headings, the citation) stays Persian and right to left: `lang` on the whole `<article>`
/// made the Persian headings "English" and laid the citation out left to right.
#[test]
fn an_english_article_on_a_persian_site_marks_only_its_own_words() {
    let site = PERSIAN.site();
    let page = site.page("articles/talks/index.html");
    let select = |selector: &str| {
        page.select(&Selector::parse(selector).unwrap())
            .map(|e| e.value().clone())
            .collect::<Vec<_>>()
    };
    let article = select("article.article");
    assert_eq!(article.len(), 1);
    assert_eq!(
        article[0].attr("lang"),
        None,
        "the interface inside it is Persian"
    );
    for own in ["h1", ".summary", ".prose"] {
        let found = select(&format!("article.article {own}"));
        assert_eq!(found.len(), 1, "{own}");
        assert_eq!(
            (found[0].attr("lang"), found[0].attr("dir")),
            (Some("en"), Some("ltr")),
            "{own}"
        );
    }
    // Nothing of the interface is inside an English element.
    for interface in [".kicker", "#article-quotes", ".citation"] {
        assert_eq!(
            select(&format!("[lang=en] {interface}")).len(),
            0,
            "{interface} is Persian"
        );
    }
}

/// Footnote numbers on a Persian page are in Persian digits, like every other number there
/// (pulldown-cmark writes 1, 2, 3; other digits are the unit test's in src/link/markdown.rs).
#[test]
fn footnote_numbers_on_a_persian_page_are_in_persian_digits() {
    let site = PERSIAN.site();
    let page = site.page("articles/budje/index.html");
    assert_eq!(common::texts(page, "sup.footnote-reference a"), ["۱"]);
    assert_eq!(common::texts(page, "sup.footnote-definition-label"), ["۱"]);
}
