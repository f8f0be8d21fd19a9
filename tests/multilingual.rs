//! A dossier in two languages: the bilingual fixture (`tests/fixtures/bilingual`, synthetic,
//! English at the root and Persian under `/fa/`, served from a sub-path) is built once and
//! read as a reader and a crawler would: every page that exists in both languages links the
//! other with `hreflang` (both ways, plus `x-default`) and a language switcher; pages with no
//! translation link none and are not invented under `/fa/`; every internal link resolves;
//! feeds, sitemap, open data and the search index cover both languages.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use common::{Built, copy_site, dossier, fixture, hrefs, stderr, texts};
use scraper::{Html, Selector};

static BILINGUAL: LazyLock<Built> =
    LazyLock::new(|| Built::new("bilingual", &fixture("bilingual"), None));

const ROOT: &str = "https://example.test/dossier/";

fn read(path: &str) -> String {
    std::fs::read_to_string(BILINGUAL.public.join(path))
        .unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn attr_all(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(String::from))
        .collect()
}

/// `hreflang` → URL of a page's `<link rel="alternate" hreflang>`s.
fn alternates(html: &Html) -> BTreeMap<String, String> {
    let selector = Selector::parse("head link[rel=alternate][hreflang]").unwrap();
    html.select(&selector)
        .map(|e| {
            let value = e.value();
            (
                value.attr("hreflang").unwrap().to_string(),
                value.attr("href").unwrap().to_string(),
            )
        })
        .collect()
}

/// The output path of an absolute URL of the site.
fn output_path(url: &str) -> String {
    let path = url
        .strip_prefix(ROOT)
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[test]
fn translated_pages_link_each_other_with_hreflang_both_ways() {
    let site = BILINGUAL.site();
    let mut linked = 0;
    for (path, html) in &site.pages {
        let links = alternates(html);
        let persian = path.starts_with("fa/");
        let other = match persian {
            true => path.trim_start_matches("fa/").to_string(),
            false => format!("fa/{path}"),
        };
        let translated = site.pages.contains_key(&other) && !path.ends_with("404.html");
        if !translated {
            assert!(
                links.is_empty(),
                "{path} has no translation but links {links:?}"
            );
            continue;
        }
        linked += 1;
        let english = if persian { &other } else { path };
        let expected: BTreeMap<String, String> = [
            ("x-default", english.clone()),
            ("en", english.clone()),
            ("fa", format!("fa/{english}")),
        ]
        .into_iter()
        .map(|(lang, path)| {
            let site_path = path.strip_suffix("index.html").unwrap_or(&path);
            (lang.to_string(), format!("{ROOT}{site_path}"))
        })
        .collect();
        assert_eq!(links, expected, "{path}");
        // Reciprocal: the page each link names links back with the same set.
        for url in links.values() {
            assert_eq!(alternates(site.page(&output_path(url))), expected, "{url}");
        }
        // The page's own language is the one `<html lang>` says.
        let lang = attr_all(html, "html", "lang");
        assert_eq!(lang, [if persian { "fa" } else { "en" }], "{path}");
    }
    // Home, lists, the translated articles, quotes, speakers and topics, chronology, search.
    assert!(linked >= 40, "only {linked} pages link a translation");
}

#[test]
fn the_language_switcher_offers_only_what_exists() {
    let site = BILINGUAL.site();
    let selector = "nav.language-switcher a";
    let article = site.page("fa/articles/budget-debate/index.html");
    assert_eq!(
        texts(article, selector),
        ["English", "فارسی"],
        "the switcher names each language in itself"
    );
    assert_eq!(
        hrefs(article, selector),
        [
            "/dossier/articles/budget-debate/",
            "/dossier/fa/articles/budget-debate/"
        ]
    );
    assert_eq!(attr_all(article, selector, "lang"), ["en", "fa"]);
    assert_eq!(attr_all(article, selector, "hreflang"), ["en", "fa"]);
    assert_eq!(
        attr_all(article, &format!("{selector}[aria-current]"), "lang"),
        ["fa"]
    );
    assert_eq!(
        attr_all(article, "nav.language-switcher", "aria-label"),
        ["زبان‌ها"]
    );
    // An article, speaker, topic and quote with no Persian translation: no switcher.
    for path in [
        "articles/reply/index.html",
        "articles/rain/index.html",
        "speakers/zed-untranslated/index.html",
        "topics/weather/index.html",
        "quotes/zed-untranslated-2025-04-02-the-minister-forgets-the-rain-delays/index.html",
    ] {
        assert!(texts(site.page(path), selector).is_empty(), "{path}");
        assert!(
            !site.pages.contains_key(&format!("fa/{path}")),
            "fa/{path} was invented"
        );
    }
    // Every switcher link names a page that exists.
    for (path, html) in &site.pages {
        for href in hrefs(html, selector) {
            let file = site.file_for(&href).unwrap();
            assert!(site.pages.contains_key(&file), "{path}: {href}");
        }
    }
}

#[test]
fn every_internal_link_of_both_languages_resolves() {
    let site = BILINGUAL.site();
    assert!(site.pages.keys().any(|p| p.starts_with("fa/")));
    let broken = site.broken_links(&BILINGUAL.base_url);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn persian_lists_show_only_what_is_translated_in_persian() {
    let site = BILINGUAL.site();
    let fa = |path: &str| site.page(&format!("fa/{path}"));
    assert_eq!(
        texts(fa("speakers/index.html"), "main a[href*='/speakers/']").len(),
        2,
        "two speakers are translated"
    );
    let speakers: BTreeSet<String> = hrefs(fa("speakers/index.html"), "main a")
        .into_iter()
        .filter(|href| href.contains("/speakers/"))
        .collect();
    assert!(speakers.iter().all(|href| href.starts_with("/dossier/fa/")));
    assert!(
        !speakers
            .iter()
            .any(|href| href.contains("zed-untranslated"))
    );
    // Every link of every Persian page stays under /fa/ but for the static files, the
    // search bundle, the switcher and a translated body's link to a page not yet in
    // Persian (which goes to the English page).
    for (path, html) in site.pages.iter().filter(|(p, _)| p.starts_with("fa/")) {
        for href in hrefs(html, "body a[href^='/']") {
            let allowed = href.starts_with("/dossier/fa/")
                || href == "/dossier/articles/reply/"
                || hrefs(html, "nav.language-switcher a").contains(&href);
            assert!(allowed, "{path} links {href}");
        }
    }
    // The body's `@/` link to the untranslated article goes to the English page, and a
    // link to a translated page to its Persian one.
    let body = hrefs(fa("articles/budget-debate/index.html"), "main p a");
    assert!(
        body.contains(&"/dossier/articles/reply/".to_string()),
        "{body:?}"
    );
    assert!(body.contains(&"/dossier/fa/speakers/jane-placeholder/".to_string()));
    // The Persian words, Persian dates (Solar Hijri, Persian digits), right to left.
    let article = fa("articles/budget-debate/index.html");
    assert_eq!(attr_all(article, "html", "dir"), ["rtl"]);
    assert!(texts(article, "h1")[0].contains("بودجهٔ قطار"));
    assert!(texts(article, "main").join(" ").contains("۲۲ اسفند ۱۴۰۳"));
}

#[test]
fn quotes_keep_their_ids_and_their_thread_in_persian() {
    let site = BILINGUAL.site();
    let quotes = |prefix: &str| -> BTreeSet<String> {
        site.pages
            .keys()
            .filter_map(|p| p.strip_prefix(prefix)?.strip_prefix("quotes/"))
            .filter(|p| !p.starts_with("page/") && *p != "index.html")
            .map(String::from)
            .collect()
    };
    let (english, persian) = (quotes(""), quotes("fa/"));
    assert_eq!(persian.len(), 3);
    assert!(persian.is_subset(&english), "{persian:?} ⊄ {english:?}");
    // The reply is translated with the words it answers: the thread holds in Persian; the
    // English reply to it (not translated) is not shown.
    let reply =
        site.page("fa/quotes/john-fixture-2025-03-13-doubling-the-budget-will-not-buy/index.html");
    let links = hrefs(reply, "main a");
    assert!(
        links.contains(
            &"/dossier/fa/quotes/jane-placeholder-2025-03-12-the-train-budget-will-double-this/"
                .to_string()
        ),
        "{links:?}"
    );
    assert!(
        !links.iter().any(|l| l.contains("zed-untranslated")),
        "{links:?}"
    );
    assert!(
        texts(reply, "main blockquote")
            .join(" ")
            .contains("حتی یک قطار تازه نمی‌خرد")
    );
}

#[test]
fn each_language_has_its_feeds_and_open_data() {
    let english = read("atom.xml");
    let persian = read("fa/atom.xml");
    assert!(english.contains("Sampletown council debates the train budget"));
    assert!(english.contains("A spokesperson replies to the minister"));
    assert!(persian.contains("شورای شهر نمونه دربارهٔ بودجهٔ قطار بحث کرد"));
    assert!(
        !persian.contains("A spokesperson replies"),
        "an untranslated article"
    );
    let feed = roxmltree::Document::parse(&persian).unwrap();
    let links: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("link"))
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert!(!links.is_empty());
    for link in links {
        assert!(link.starts_with(&format!("{ROOT}fa/")), "{link}");
        assert!(BILINGUAL.public.join(output_path(link)).is_file(), "{link}");
    }
    for path in [
        "fa/topics/budget/atom.xml",
        "fa/speakers/jane-placeholder/atom.xml",
    ] {
        roxmltree::Document::parse(&read(path)).unwrap();
    }
    // Open data per language: the same quote ids, the words of each language.
    let data = |path: &str| -> serde_json::Value { serde_json::from_str(&read(path)).unwrap() };
    let ids = |data: &serde_json::Value| -> BTreeSet<String> {
        data["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (en, fa) = (data("data/dossier.json"), data("fa/data/dossier.json"));
    assert!(ids(&fa).is_subset(&ids(&en)));
    assert_eq!(ids(&fa).len(), 3);
    assert!(read("fa/data/quotes.csv").contains("بودجهٔ قطار امسال دو برابر می‌شود"));
}

#[test]
fn the_sitemap_lists_both_languages_with_their_alternates() {
    let text = read("sitemap.xml");
    assert!(
        !BILINGUAL.public.join("fa/sitemap.xml").exists(),
        "one sitemap for the site"
    );
    assert!(!BILINGUAL.public.join("fa/robots.txt").exists());
    let doc = roxmltree::Document::parse(&text).unwrap();
    let xhtml = "http://www.w3.org/1999/xhtml";
    let mut listed = BTreeMap::new();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .unwrap()
            .to_string();
        let links: BTreeMap<String, String> = url
            .children()
            .filter(|n| n.has_tag_name((xhtml, "link")))
            .map(|n| {
                assert_eq!(n.attribute("rel"), Some("alternate"));
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        listed.insert(loc, links);
    }
    let site = BILINGUAL.site();
    for (path, html) in &site.pages {
        if path.ends_with("404.html") || path.ends_with("search/index.html") {
            continue;
        }
        let loc = format!("{ROOT}{}", path.strip_suffix("index.html").unwrap_or(path));
        let links = listed
            .get(&loc)
            .unwrap_or_else(|| panic!("{loc} not in the sitemap"));
        // The sitemap's alternates are the page's own.
        assert_eq!(links, &alternates(html), "{loc}");
    }
    assert_eq!(
        listed.len(),
        site.pages.len() - 4,
        "each page once, no other"
    );
    assert!(
        listed
            .keys()
            .any(|loc| loc.starts_with(&format!("{ROOT}fa/")))
    );
}

/// xmllint with sitemaps.org's schema (scripts/sitemap-schemas), as tests/publishing.rs does
/// for the single-language sitemap. Its wildcard for other namespaces is strict, so the
/// `xhtml:link` alternates are declared by tests/schemas/xhtml-link.xsd (Google's form of
/// them); a schema importing both validates the file.
#[test]
#[ignore = "needs xmllint (Debian libxml2-utils) and the schemas of scripts/sitemap-schemas; run with --include-ignored"]
fn the_sitemap_with_alternates_is_valid_against_the_sitemaps_schema() {
    let root = common::repo_root();
    let sitemap_xsd = root.join(".ci/schemas/sitemap.xsd");
    assert!(
        sitemap_xsd.is_file(),
        "no {}: run scripts/sitemap-schemas",
        sitemap_xsd.display()
    );
    let both = tempfile::tempdir().unwrap();
    let schema = both.path().join("sitemap-with-alternates.xsd");
    let import = |namespace: &str, path: &std::path::Path| {
        format!(
            "  <xsd:import namespace=\"{namespace}\" schemaLocation=\"{}\"/>\n",
            path.display()
        )
    };
    std::fs::write(
        &schema,
        format!(
            "<?xml version=\"1.0\"?>\n<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n{}{}</xsd:schema>\n",
            import("http://www.sitemaps.org/schemas/sitemap/0.9", &sitemap_xsd),
            import("http://www.w3.org/1999/xhtml", &root.join("tests/schemas/xhtml-link.xsd")),
        ),
    )
    .unwrap();
    let output = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(&schema)
        .arg(BILINGUAL.public.join("sitemap.xml"))
        .output()
        .expect("xmllint runs (Debian: libxml2-utils)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn one_search_index_holds_each_language_apart() {
    let entry: serde_json::Value =
        serde_json::from_str(&read("pagefind/pagefind-entry.json")).unwrap();
    let languages: BTreeSet<&str> = entry["languages"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(languages, BTreeSet::from(["en", "fa"]));
    let count = |lang: &str| entry["languages"][lang]["page_count"].as_u64().unwrap();
    // Articles, quotes, speakers and topics: 4 + 4 + 3 + 3 in English, 2 + 3 + 2 + 2 in Persian.
    assert_eq!((count("en"), count("fa")), (14, 9));
    // The Persian search page asks for the shared bundle at the root.
    let search = BILINGUAL.site();
    let page = search.page("fa/search/index.html");
    assert_eq!(
        attr_all(page, "#search-form", "data-bundle"),
        ["/dossier/pagefind/"]
    );
    assert_eq!(attr_all(page, "#search-form", "data-base"), ["/dossier/"]);
    assert_eq!(attr_all(page, "html", "lang"), ["fa"]);
}

#[test]
fn check_passes_and_new_writes_a_translation_beside_its_original() {
    let site = copy_site(&fixture("bilingual"));
    let output = dossier(site.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = dossier(
        site.path(),
        &["new", "speaker", "Jane Placeholder", "--lang", "fa"],
    );
    // The speaker's translation exists already: `new` refuses to overwrite it.
    assert!(!output.status.success(), "{}", stderr(&output));
    let output = dossier(site.path(), &["new", "topic", "Weather", "--lang", "fa"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written =
        std::fs::read_to_string(site.path().join("content/topics/weather.fa.md")).unwrap();
    assert!(written.starts_with("+++\ntitle = "), "{written}");
    let output = dossier(site.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    // An article: found by its title beside its dated file, with its events to translate.
    let output = dossier(
        site.path(),
        &[
            "new",
            "article",
            "Rain delays the made-up trains",
            "--lang",
            "fa",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let written =
        std::fs::read_to_string(site.path().join("content/articles/2024-06-01-rain.fa.md"))
            .unwrap();
    assert!(
        written.contains("[[events]]\ntitle = \"A storm that never happened\""),
        "{written}"
    );
    let output = dossier(site.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    // A language site.toml does not declare is refused, with the table to add.
    let output = dossier(site.path(), &["new", "topic", "Budget", "--lang", "de"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("[languages.de]"),
        "{}",
        stderr(&output)
    );
}

/// A quote said in Persian (its `original`) is shown once on its Persian page: the
/// translation's words are the original's; the English pages show the English words and
/// the Persian original, marked as Persian.
#[test]
fn a_quote_said_in_persian_shows_its_words_once_in_persian() {
    let site = BILINGUAL.site();
    let id = "jane-placeholder-2024-11-20-electric-buses-will-clean-the-air";
    let words = "اتوبوس‌های برقی هوای شهر را پاک‌تر می‌کنند.";
    let persian = texts(
        site.page(&format!("fa/quotes/{id}/index.html")),
        "main blockquote",
    );
    assert_eq!(
        persian.iter().filter(|t| t.contains(words)).count(),
        1,
        "{persian:?}"
    );
    for page in [
        format!("quotes/{id}/index.html"),
        "index.html".to_string(),
        "topics/transit/index.html".to_string(),
        "speakers/jane-placeholder/index.html".to_string(),
    ] {
        let html = site.page(&page);
        let langs = attr_all(html, "blockquote.quote-original", "lang");
        assert!(
            !langs.is_empty() && langs.iter().all(|l| l == "fa"),
            "{page}: {langs:?}"
        );
        let dirs = attr_all(html, "blockquote.quote-original", "dir");
        assert!(dirs.iter().all(|d| d == "rtl"), "{page}: {dirs:?}");
    }
}

#[test]
fn a_persian_translation_is_prefilled_with_the_persian_originals_of_its_quotes() {
    let site = copy_site(&fixture("bilingual"));
    let output = dossier(
        site.path(),
        &[
            "new",
            "article",
            "A spokesperson replies to the minister",
            "--lang",
            "fa",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let written =
        std::fs::read_to_string(site.path().join("content/articles/2025-04-02-reply.fa.md"))
            .unwrap();
    assert!(
        written.contains("text = \"وزیر فراموش می‌کند که باران هر قطاری را دیر می‌کند.\""),
        "{written}"
    );
    assert!(!written.contains("The minister forgets"), "{written}");
}

#[test]
fn a_translation_left_in_the_original_language_warns() {
    let site = copy_site(&fixture("bilingual"));
    // The budget debate's translation, its title and first quote left in English.
    let path = site
        .path()
        .join("content/articles/2025-03-12-budget-debate.fa.md");
    let translation = std::fs::read_to_string(&path).unwrap();
    let translation = translation
        .replace(
            "title = \"شورای شهر نمونه دربارهٔ بودجهٔ قطار بحث کرد\"",
            "title = \"Sampletown council debates the train budget\"",
        )
        .replace(
            "text = \"بودجهٔ قطار امسال دو برابر می‌شود.\"",
            "text = \"The train budget will double this year.\"",
        );
    std::fs::write(&path, translation).unwrap();
    let output = dossier(site.path(), &["check"]);
    let err = stderr(&output);
    assert!(
        err.contains("this title is the same as its original's: it is not translated into `fa`"),
        "{err}"
    );
    assert!(
        err.contains("this quote is the same as its original's: it is not translated into `fa`"),
        "{err}"
    );
    assert!(err.contains("2025-03-12-budget-debate.fa.md:2:"), "{err}");
    assert!(output.status.success(), "warnings only: {err}");
}

/// An article's lead image is the original's on the translated page too, with the
/// translation's `image_alt` and `image_caption`; a translation without them warns.
#[test]
fn a_translated_article_shows_the_lead_image_with_its_own_words() {
    let site = copy_site(&fixture("bilingual"));
    let root = site.path();
    std::fs::create_dir_all(root.join("static/img")).unwrap();
    std::fs::write(
        root.join("static/img/buses.png"),
        common::sites::png((32, 18)),
    )
    .unwrap();
    let edit = |file: &str, insert: &str| {
        let path = root.join("content/articles").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replacen("+++\n", &format!("+++\n{insert}\n"), 1),
        )
        .unwrap();
    };
    edit(
        "2024-11-20-buses.md",
        "image = \"img/buses.png\"\nimage_alt = \"A bus\"\nimage_caption = \"A bus. Photo: nobody\"",
    );
    let output = dossier(root, &["build"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains("the original has an `image_alt`, this translation none")
            && err.contains("the original has an `image_caption`, this translation none"),
        "{err}"
    );
    edit(
        "2024-11-20-buses.fa.md",
        "image_alt = \"یک اتوبوس\"\nimage_caption = \"یک اتوبوس. عکس: هیچ‌کس\"",
    );
    let output = dossier(root, &["build"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(!err.contains("image_"), "{err}");
    let page = |path: &str| {
        Html::parse_document(&std::fs::read_to_string(root.join("public").join(path)).unwrap())
    };
    for (path, alt, caption) in [
        ("articles/buses/index.html", "A bus", "A bus. Photo: nobody"),
        (
            "fa/articles/buses/index.html",
            "یک اتوبوس",
            "یک اتوبوس. عکس: هیچ‌کس",
        ),
    ] {
        let html = page(path);
        assert_eq!(
            attr_all(&html, "figure.lead-image img", "src"),
            ["/dossier/img/buses.png"],
            "{path}"
        );
        assert_eq!(
            attr_all(&html, "figure.lead-image img", "alt"),
            [alt],
            "{path}"
        );
        assert_eq!(
            texts(&html, "figure.lead-image figcaption"),
            [caption],
            "{path}"
        );
    }
}
