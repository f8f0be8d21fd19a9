//! The search index and page as the build writes them (the browser tests, in
//! `search_browser.rs`, run them): what Pagefind ships, what gets indexed, the search page
//! without JavaScript, the header's search box, `[search] enabled = false`, and the summary.

mod common;

use std::sync::LazyLock;

use common::{Built, Site, copy_site, dossier, fixture, texts};
use scraper::Selector;

/// The frozen bundled dossier, built once for the tests that read it.
static BUNDLED: LazyLock<Built> =
    LazyLock::new(|| Built::new("bundled", &fixture("bundled"), None));

#[test]
fn the_build_ships_pagefind_and_an_index_of_articles_quotes_speakers_and_topics() {
    let public = &BUNDLED.public;
    for file in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-worker.js",
        "pagefind/pagefind-ui.js",
        "pagefind/pagefind-ui.css",
        "pagefind/pagefind-highlight.js",
        "pagefind/wasm.en.pagefind",
        "pagefind/pagefind-entry.json",
        "search.js",
        "search/index.html",
    ] {
        assert!(public.join(file).is_file(), "missing {file}");
    }
    for (folder, extension) in [
        ("pagefind/fragment", "pf_fragment"),
        ("pagefind/index", "pf_index"),
        ("pagefind/filter", "pf_filter"),
    ] {
        let found = std::fs::read_dir(public.join(folder))
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == extension));
        assert!(found, "no .{extension} in {folder}");
    }
    // 1 article, 10 quotes, 3 speakers and 6 topics; no list, home or chronology page.
    let entry = std::fs::read_to_string(public.join("pagefind/pagefind-entry.json")).unwrap();
    assert!(entry.contains(r#""page_count":20"#), "{entry}");
    // Three filters: kind, speaker, topic.
    assert_eq!(
        std::fs::read_dir(public.join("pagefind/filter"))
            .unwrap()
            .count(),
        3
    );
}

/// The index's record of the page at `url` (site path such as `/quotes/x/`): Pagefind's
/// fragment, gunzipped, as the browser reads it.
fn fragment(public: &std::path::Path, url: &str) -> serde_json::Value {
    use std::io::Read;
    for entry in std::fs::read_dir(public.join("pagefind/fragment")).unwrap() {
        let gz = std::fs::read(entry.unwrap().path()).unwrap();
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .unwrap();
        let json = bytes
            .strip_prefix(b"pagefind_dcd")
            .expect("Pagefind's marker");
        let fragment: serde_json::Value = serde_json::from_slice(json).unwrap();
        if fragment["url"] == url {
            return fragment;
        }
    }
    panic!("no fragment for {url}");
}

#[test]
fn the_index_reads_each_page_s_main_content_filters_and_title() {
    let public = &BUNDLED.public;
    let quote = fragment(
        public,
        "/quotes/ali-khamenei-2025-03-12-sanctions-aren-t-completely-ineffective-but-it-s/",
    );
    let content = quote["content"].as_str().unwrap();
    assert!(content.contains("negligence"), "{content}");
    assert_eq!(quote["filters"]["kind"], serde_json::json!(["quote"]));
    assert_eq!(
        quote["filters"]["speaker"],
        serde_json::json!(["Ali Khamenei"])
    );
    assert!(!quote["filters"]["topic"].as_array().unwrap().is_empty());
    assert!(
        quote["meta"]["title"]
            .as_str()
            .unwrap()
            .starts_with("Ali Khamenei: “Sanctions")
    );
    // Navigation, related lists, other quotes and citations are not the page's content.
    let site = BUNDLED.site();
    let page = site.page(
        "quotes/ali-khamenei-2025-03-12-sanctions-aren-t-completely-ineffective-but-it-s/index.html",
    );
    let one_line = |html: &scraper::Html, selector: &str| {
        let found = texts(html, selector);
        assert!(!found.is_empty(), "no {selector}");
        found[0].split_whitespace().collect::<Vec<_>>().join(" ")
    };
    for left_out in [
        one_line(page, ".cite .citation"),
        one_line(page, ".cite h2"),
        one_line(page, ".site-nav"),
    ] {
        assert!(!left_out.is_empty());
        assert!(!content.contains(&left_out), "{left_out:?} indexed");
    }

    let article = fragment(
        public,
        "/articles/khamenei-rejects-talks-after-trump-letter/",
    );
    assert_eq!(article["filters"]["kind"], serde_json::json!(["article"]));
    let citation = one_line(
        site.page("articles/khamenei-rejects-talks-after-trump-letter/index.html"),
        ".cite .citation",
    );
    assert!(!article["content"].as_str().unwrap().contains(&citation));
    for (url, kind) in [
        ("/speakers/ali-khamenei/", "speaker"),
        ("/topics/jcpoa/", "topic"),
    ] {
        assert_eq!(
            fragment(public, url)["filters"]["kind"],
            serde_json::json!([kind])
        );
    }
}

#[test]
fn published_pages_leave_out_what_only_the_index_reads() {
    // The index has read each page as it was rendered; the page as written no longer
    // carries Pagefind's attributes or the `dossier:` metadata it read them from.
    let site = BUNDLED.site();
    let index_only = Selector::parse(
        "[data-pagefind-body], [data-pagefind-ignore], [data-pagefind-filter], \
         [data-pagefind-meta], [data-pagefind-sort], meta[name^='dossier:']",
    )
    .unwrap();
    assert!(site.pages.len() > 20);
    for (path, html) in &site.pages {
        assert!(
            html.select(&index_only).next().is_none(),
            "{path} has index-only markup"
        );
    }
}

#[test]
fn the_search_page_has_a_real_form_facets_and_says_it_needs_javascript() {
    let site = BUNDLED.site();
    let page = site.page("search/index.html");
    let form = Selector::parse("form#search-form[method=get][action='/iran-us/search/']").unwrap();
    assert!(page.select(&form).next().is_some());
    for field in [
        "input[name=q]",
        "select[name=kind]",
        "select[name=speaker]",
        "select[name=topic]",
        "select[name=sort]",
    ] {
        let selector = Selector::parse(&format!("#search-form {field}")).unwrap();
        assert!(page.select(&selector).next().is_some(), "no {field}");
    }
    let speakers = Selector::parse("select[name=speaker] option[value=ali-khamenei]").unwrap();
    let option = page.select(&speakers).next().expect("a speaker facet");
    assert_eq!(option.value().attr("data-filter"), Some("Ali Khamenei"));
    let noscript = texts(page, "noscript").join(" ");
    assert!(noscript.contains("Search needs JavaScript"), "{noscript}");
    let script = Selector::parse("script[type=module][src^='/iran-us/search.js?v=']").unwrap();
    assert!(page.select(&script).next().is_some());
    let bundle = Selector::parse("#search-form[data-bundle='/iran-us/pagefind/']").unwrap();
    assert!(page.select(&bundle).next().is_some());

    // Every other page has a plain GET search box in its header, and no script.
    let home = site.page("index.html");
    let header_form = Selector::parse(
        "header form.site-search[method=get][action='/iran-us/search/'] input[name=q]",
    )
    .unwrap();
    assert!(home.select(&header_form).next().is_some());
    let scripts = Selector::parse("script[src]").unwrap();
    for (path, html) in &site.pages {
        if path != "search/index.html" {
            assert!(
                html.select(&scripts).next().is_none(),
                "{path} loads a script"
            );
        }
    }
    assert!(site.broken_links(&BUNDLED.base_url).is_empty());
}

#[test]
fn search_disabled_builds_no_index_no_search_page_and_no_search_box() {
    let dir = copy_site(&fixture("basic"));
    let config = dir.path().join("site.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[search]\nenabled = false\n");
    std::fs::write(&config, text).unwrap();
    let output = dossier(dir.path(), &["build", "--root", "."]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let line = String::from_utf8_lossy(&output.stdout);
    assert!(line.contains("; search off"), "{line}");
    let public = dir.path().join("public");
    assert!(!public.join("pagefind").exists());
    assert!(!public.join("search").exists());
    assert!(
        !public.join("search.js").exists(),
        "search.js without search"
    );
    let site = Site::open(&public, "/");
    let search = Selector::parse(
        "form.site-search, [data-pagefind-body], meta[data-pagefind-filter], \
         script:not([type='application/ld+json'])",
    )
    .unwrap();
    for (path, html) in &site.pages {
        assert!(
            html.select(&search).next().is_none(),
            "{path} has search markup"
        );
    }
}

#[test]
fn the_summary_reports_the_time_of_the_search_index() {
    let dir = copy_site(&fixture("basic"));
    let output = dossier(dir.path(), &["build", "--root", "."]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let line = String::from_utf8_lossy(&output.stdout);
    let ms = line
        .split("; search index ")
        .nth(1)
        .and_then(|rest| rest.trim().strip_suffix(" ms"))
        .and_then(|n| n.parse::<u64>().ok());
    assert!(ms.is_some(), "no search index time in {line:?}");
}

#[test]
fn dossier_check_passes_with_the_search_page() {
    let options = dossier::BuildOptions {
        root: fixture("bundled"),
        output: None,
        base_url: None,
        drafts: false,
        cache: false,
    };
    let report = dossier::check(&options);
    assert!(
        report.is_ok(),
        "{}",
        common::stderr(&dossier(&fixture("bundled"), &["check"]))
    );
}
