//! The default theme's promises, checked on every page of the frozen bundled dossier and of
//! the synthetic fixture, both built with the embedded theme: one `h1`, headings that skip no level, `lang` on `<html>`, a
//! working skip link, tables with headers, no external requests, a small stylesheet. (The
//! Nu Html Checker and axe-core run in `scripts/validate-html`.)

mod common;

use std::sync::LazyLock;

use common::{Built, fixture, hrefs};
use scraper::Selector;

static BUNDLED: LazyLock<Built> =
    LazyLock::new(|| Built::new("bundled", &fixture("bundled"), None));
static BASIC: LazyLock<Built> = LazyLock::new(|| Built::new("basic", &fixture("basic"), None));

/// Every page of both sites, by site and path.
fn every_page(check: impl Fn(&str, &scraper::Html)) {
    for built in [&*BUNDLED, &*BASIC] {
        let site = built.site();
        for (path, html) in &site.pages {
            let name = built.root.file_name().unwrap().to_string_lossy();
            check(&format!("{name}: {path}"), html);
        }
    }
}

fn select(html: &scraper::Html, selector: &str) -> usize {
    html.select(&Selector::parse(selector).unwrap()).count()
}

#[test]
fn every_page_has_one_h1_a_language_landmarks_and_a_skip_link() {
    every_page(|path, html| {
        assert_eq!(select(html, "h1"), 1, "{path}: one h1");
        assert_eq!(select(html, "html[lang='en']"), 1, "{path}: lang on <html>");
        assert_eq!(select(html, "main#main"), 1, "{path}: main landmark");
        assert_eq!(
            select(html, "header.site-header nav[aria-label]"),
            1,
            "{path}: labelled navigation"
        );
        assert_eq!(hrefs(html, "a.skip-link"), ["#main"], "{path}: skip link");
        assert_eq!(
            select(html, "table:not(:has(th))"),
            0,
            "{path}: tables have headers"
        );
        assert_eq!(
            select(html, "meta[name='viewport']"),
            1,
            "{path}: responsive viewport"
        );
    });
}

#[test]
fn pages_make_no_external_requests() {
    let resources = Selector::parse("link[rel='stylesheet'], script[src], img[src], iframe, link[rel='preload'], link[rel='icon']").unwrap();
    every_page(|path, html| {
        for element in html.select(&resources) {
            let url = element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
                .unwrap_or("");
            assert!(
                !url.contains("://") && !url.starts_with("//"),
                "{path}: external resource {url}"
            );
        }
    });
    let css = std::fs::read_to_string(BUNDLED.public.join("style.css")).unwrap();
    assert!(
        !css.contains("@import") && !css.contains("url("),
        "the stylesheet loads nothing"
    );
}

#[test]
fn the_stylesheet_is_small_and_covers_dark_mode_and_print() {
    // The theme's stylesheet, as the build writes it.
    let css = std::fs::read_to_string(BUNDLED.public.join("style.css")).unwrap();
    assert!(css.len() < 20 * 1024, "style.css is {} bytes", css.len());
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
    assert!(css.contains("@media print"));
    assert!(css.contains(":focus-visible"));
}

#[test]
fn headings_never_skip_a_level() {
    let headings = Selector::parse("h1, h2, h3, h4, h5, h6").unwrap();
    every_page(|path, html| {
        let mut previous = 0;
        for heading in html.select(&headings) {
            let level: usize = heading.value().name()[1..].parse().unwrap();
            assert!(
                level <= previous + 1,
                "{path}: an h{level} follows an h{previous} ({:?})",
                heading.text().collect::<String>().trim()
            );
            previous = level;
        }
    });
}
