//! Behaviour of `dossier build` over fixture sites: chronology order, threads, overrides,
//! drafts, sub-path base URLs, determinism and output safety.

mod common;

use std::sync::LazyLock;

use common::{Built, Site, build, copy_site, dossier, fixture, hrefs, stderr, texts, tree};
use scraper::Selector;

/// The basic fixture as it is, built once for the tests that only read it.
static BASIC: LazyLock<Built> = LazyLock::new(|| Built::new("basic", &fixture("basic"), None));

/// A copy of the basic fixture, for tests that change it.
fn basic() -> tempfile::TempDir {
    copy_site(&fixture("basic"))
}

#[test]
fn chronology_orders_partial_dates_and_shows_them_as_partial() {
    let site = BASIC.site();
    // The summary lists the newest entries first, and links each year's page.
    let recent = texts(site.page("chronology/index.html"), ".timeline-date");
    assert_eq!(recent.first().map(String::as_str), Some("1 February 2024"));
    let mut dates = Vec::new();
    for year in hrefs(site.page("chronology/index.html"), ".chrono-summary li > a") {
        // A year with more entries than `paginate_by` (2 here) is on several pages.
        let mut next = Some(year);
        while let Some(url) = next {
            let page = site.page(&site.file_for(&url).unwrap());
            dates.extend(texts(page, ".timeline-date"));
            next = hrefs(page, ".pagination a[rel=next]").into_iter().next();
        }
    }
    assert_eq!(
        dates,
        [
            "c. 2003",
            "2015",
            "July 2015",
            "14 July 2015",
            "16 January 2016 – 8 May 2018",
            "10 January 2024",
            "1 February 2024"
        ]
    );
    let months = texts(
        site.page("chronology/2015/index.html"),
        ".chrono-month-title",
    );
    assert_eq!(months, ["2015, month not known", "July 2015"]);
}

#[test]
fn a_responds_to_thread_shows_on_both_quotes() {
    let site = BASIC.site();
    for page in [
        "quotes/ada-opening/index.html",
        "quotes/bo-reply/index.html",
        "quotes/ada-example-2024-02-01-and-we-answer-the-answer/index.html",
    ] {
        // One line per quote, in order: a link to each but the page's own, which is marked.
        let all = [
            "/quotes/ada-opening/",
            "/quotes/bo-reply/",
            "/quotes/ada-example-2024-02-01-and-we-answer-the-answer/",
        ];
        let html = site.page(page);
        let items = Selector::parse(".thread > li").unwrap();
        let link = Selector::parse("a[href]").unwrap();
        let lines: Vec<String> = html
            .select(&items)
            .map(|item| match item.select(&link).next() {
                Some(a) => a.value().attr("href").unwrap().to_string(),
                None => "current".into(),
            })
            .collect();
        let expected: Vec<String> = all
            .iter()
            .map(|url| {
                if page.starts_with(&url[1..]) {
                    "current".into()
                } else {
                    url.to_string()
                }
            })
            .collect();
        assert_eq!(lines, expected, "{page} shows the whole thread in order");
        assert_eq!(texts(html, ".thread [aria-current='page']").len(), 1);
    }
    let reply = site.page("quotes/bo-reply/index.html");
    let thread_section = hrefs(reply, "#thread ~ p a");
    assert!(
        thread_section.contains(&"/quotes/ada-opening/".to_string()),
        "reply links what it responds to"
    );
    assert!(
        thread_section
            .contains(&"/quotes/ada-example-2024-02-01-and-we-answer-the-answer/".to_string()),
        "reply links its response"
    );
}

#[test]
fn a_site_template_overrides_the_theme() {
    let dir = basic();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/speaker.html"),
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"custom\">Custom {{ speaker.name }}</h1>{% endblock content %}",
    )
    .unwrap();
    let site = Site::open(&build(dir.path(), &[]), "/");
    assert_eq!(
        texts(site.page("speakers/bo-sample/index.html"), "h1.custom"),
        ["Custom Bo Sample"]
    );
    // Templates not overridden still come from the theme.
    assert_eq!(texts(site.page("topics/alpha/index.html"), "h1"), ["Alpha"]);
}

#[test]
fn overridden_card_partials_show_wherever_cards_are_listed() {
    let dir = basic();
    let partials = dir.path().join("templates/partials");
    std::fs::create_dir_all(&partials).unwrap();
    std::fs::write(
        partials.join("quote.html"),
        "<p class=\"my-quote\">{{ q.id }}{% if hide_speaker %} (speaker hidden){% endif %}</p>",
    )
    .unwrap();
    std::fs::write(
        partials.join("article.html"),
        "<p class=\"my-article\">{{ a.title }} in {{ site.title }}</p>",
    )
    .unwrap();
    let site = Site::open(&build(dir.path(), &[]), "/");
    // A quote page's other quotes, with the speaker shown (its thread is one line a quote,
    // not cards).
    let more = texts(
        site.page("quotes/bo-reply/index.html"),
        "#other-speakers ~ .my-quote",
    );
    assert!(!more.is_empty());
    assert!(more.iter().all(|t| !t.contains("hidden")), "{more:?}");
    // The speaker's own page hides the speaker on every card; a topic page does not.
    let on_speaker = texts(site.page("speakers/bo-sample/index.html"), ".my-quote");
    assert!(!on_speaker.is_empty());
    assert!(
        on_speaker.iter().all(|t| t.ends_with("(speaker hidden)")),
        "{on_speaker:?}"
    );
    let on_topic = texts(site.page("topics/alpha/index.html"), ".my-quote");
    assert!(!on_topic.is_empty());
    assert!(
        on_topic.iter().all(|t| !t.contains("hidden")),
        "{on_topic:?}"
    );
    // Article cards get `site` too.
    let cards = texts(site.page("articles/index.html"), ".my-article");
    assert!(!cards.is_empty());
    assert!(
        cards.iter().all(|t| t.ends_with("in Fixture Dossier")),
        "{cards:?}"
    );
    // No theme card is left anywhere.
    assert!(texts(site.page("topics/alpha/index.html"), "figure.quote").is_empty());
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let files = tree(&BASIC.public);
    assert!(
        !files.keys().any(|p| p.contains("unfinished")),
        "draft article published"
    );
    assert!(
        !files
            .values()
            .any(|bytes| String::from_utf8_lossy(bytes).contains("must never be published"))
    );
    let dir = basic();
    let public = build(dir.path(), &["--drafts"]);
    assert!(public.join("articles/unfinished/index.html").is_file());
}

#[test]
fn a_sub_path_base_url_prefixes_every_internal_link() {
    let dir = basic();
    let public = build(dir.path(), &["--base-url", "https://example.org/sub/"]);
    let site = Site::open(&public, "/sub/");
    let links = site.internal_links("https://example.org/sub/");
    assert!(links.len() > 100);
    for (page, link) in &links {
        assert!(
            link.starts_with("/sub/") || link.starts_with('#'),
            "{page}: {link} escapes /sub/"
        );
    }
    let broken = site.broken_links("https://example.org/sub/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn two_builds_are_byte_identical() {
    // Two processes (hash seeds differ between processes, not always within one) on two
    // copies in different folders (the output does not depend on where the site is).
    let first = basic();
    let second = basic();
    let a = tree(&build(first.path(), &[]));
    let b = tree(&build(second.path(), &[]));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let dir = basic();
    let public = build(dir.path(), &[]);
    let before = tree(&public);
    let article = dir.path().join("content/articles/2024-02-01-reply.md");
    let text = std::fs::read_to_string(&article)
        .unwrap()
        .replace("speaker = \"bo-sample\"", "speaker = \"bo-sampel\"");
    std::fs::write(&article, text).unwrap();
    let output = dossier(dir.path(), &["build", "--root", "."]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("unknown speaker `bo-sampel`"), "{err}");
    assert!(err.contains("did you mean `bo-sample`?"), "{err}");
    assert!(
        err.contains("content/articles/2024-02-01-reply.md:9:11"),
        "{err}"
    );
    assert_eq!(
        tree(&public),
        before,
        "public/ changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("dossier-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn an_output_folder_dossier_did_not_create_is_left_in_place() {
    let dir = basic();
    let foreign = dir.path().join("public");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("precious.txt"), "not ours").unwrap();
    let output = dossier(dir.path(), &["build", "--root", "."]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("was not made by dossier"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(foreign.join("precious.txt")).unwrap(),
        "not ours"
    );
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);
}

#[test]
fn output_folders_outside_the_root_or_over_sources_are_refused() {
    let dir = basic();
    for bad in [
        "..",
        ".",
        "content",
        "templates",
        "static",
        "content/articles",
    ] {
        let output = dossier(dir.path(), &["build", "--root", ".", "--output", bad]);
        assert_eq!(output.status.code(), Some(1), "--output {bad} accepted");
        assert!(
            stderr(&output).contains("refusing to use"),
            "{bad}: {}",
            stderr(&output)
        );
    }
    assert!(
        dir.path()
            .join("content/articles/2024-01-10-first.md")
            .is_file()
    );
}

#[test]
fn the_article_page_renders_markdown_features_and_quotes() {
    let site = BASIC.site();
    let page = site.page("articles/first/index.html");
    assert_eq!(texts(page, ".prose h2"), ["Details", "Details"]);
    let ids: Vec<String> = {
        let selector = scraper::Selector::parse(".prose h2").unwrap();
        page.select(&selector)
            .map(|h| h.value().attr("id").unwrap().to_string())
            .collect()
    };
    assert_eq!(ids, ["details", "details-1"]);
    assert_eq!(texts(page, ".prose table th"), ["Column", "Value"]);
    assert_eq!(texts(page, ".prose del"), ["struck"]);
    assert_eq!(texts(page, ".prose .footnote-definition").len(), 1);
    assert_eq!(
        hrefs(page, ".prose a[href^='/speakers/']"),
        ["/speakers/bo-sample/"]
    );
    assert_eq!(
        hrefs(page, ".prose a[href^='/topics/']"),
        ["/topics/beta/#main"]
    );
    assert_eq!(
        texts(
            page,
            "#article-quotes ~ .quote blockquote:not(.quote-original) p"
        )
        .len(),
        2
    );
    // The Persian original renders right-to-left, and only that element.
    let selector = scraper::Selector::parse("[dir='rtl']").unwrap();
    let rtl: Vec<_> = page.select(&selector).collect();
    assert_eq!(rtl.len(), 1);
    assert_eq!(rtl[0].value().attr("lang"), Some("fa"));
}

#[test]
fn files_with_a_byte_order_mark_and_crlf_line_endings_work() {
    let dir = basic();
    let article = "\u{feff}+++\r\ntitle = \"Windows file\"\r\ndate = 2024-04-01\r\nsummary = \"Fake.\"\r\nsource = \"Fake\"\r\n\r\n[[quotes]]\r\nspeaker = \"bo-sample\"\r\ntext = \"Saved on another system.\"\r\n+++\r\n## A heading\r\n\r\nBody.\r\n";
    std::fs::write(dir.path().join("content/articles/windows.md"), article).unwrap();
    let site = Site::open(&build(dir.path(), &[]), "/");
    let page = site.page("articles/windows/index.html");
    assert_eq!(texts(page, "h1"), ["Windows file"]);
    assert_eq!(texts(page, ".prose h2"), ["A heading"]);
    assert_eq!(
        texts(page, ".quote blockquote p"),
        ["Saved on another system."]
    );
    // Errors in such a file still point at the right line and column.
    let broken = article.replace("speaker = \"bo-sample\"", "speaker = \"bo-sampel\"");
    std::fs::write(dir.path().join("content/articles/windows.md"), broken).unwrap();
    let output = dossier(dir.path(), &["build", "--root", "."]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--> content/articles/windows.md:8:11"),
        "{}",
        stderr(&output)
    );
}

/// Follows a paginated list from `first` through its `rel=next` links; returns the `href` of
/// every `selector` on its pages, and each page's `<h1>`. Every page must hold at most
/// `per_page` of them.
fn follow_list(site: &Site, first: &str, selector: &str, per_page: usize) -> Vec<String> {
    let mut found = Vec::new();
    let mut next = Some(first.to_string());
    let mut n = 0;
    while let Some(url) = next {
        n += 1;
        let file = site.file_for(&url).unwrap();
        let page = site.page(&file);
        let items = hrefs(page, selector);
        assert!(
            items.len() <= per_page,
            "{file}: {} items, more than paginate_by ({per_page})",
            items.len()
        );
        let title = texts(page, "h1").join(" ");
        if n > 1 {
            assert!(title.contains(&format!("(page {n} of ")), "{file}: {title}");
        }
        found.extend(items);
        next = hrefs(page, ".pagination a[rel=next]").into_iter().next();
    }
    found
}

/// Everything a section of a topic or speaker page leads to: the paginated list its "All N"
/// link names, or, when it has no such link (it shows them all), its own items.
fn full_list(site: &Site, page: &scraper::Html, section: &str, items: &str) -> Vec<String> {
    let section = format!("section[aria-labelledby={section}]");
    match hrefs(page, &format!("{section} .more a")).first() {
        Some(all) => follow_list(site, all, items, 2),
        None => hrefs(page, &format!("{section} {items}")),
    }
}

#[test]
fn topic_and_speaker_pages_lead_to_every_quote_article_and_entry_through_paginated_lists() {
    // paginate_by = 2 in the fixture, so every list below is on more than one page.
    let site = BASIC.site();
    // The oracle: each quote's own page names its speaker and topics.
    let quotes = follow_list(&site, "/quotes/", ".quote-link", 2);
    let mut by_topic: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut by_speaker: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for quote in &quotes {
        let page = site.page(&site.file_for(quote).unwrap());
        for topic in hrefs(page, ".facts .chips a") {
            by_topic.entry(topic).or_default().push(quote.clone());
        }
        let speaker = hrefs(page, ".quote-large .quote-speaker").remove(0);
        by_speaker.entry(speaker).or_default().push(quote.clone());
    }
    assert_eq!(by_topic.len(), 2);
    assert_eq!(by_speaker.len(), 2);
    for (topic, mut expected) in by_topic {
        let page = site.page(&site.file_for(&topic).unwrap());
        let mut listed = full_list(&site, page, "topic-quotes", ".quote-link");
        listed.sort();
        expected.sort();
        assert_eq!(listed, expected, "{topic}'s quotes");
        // Its articles: each of them names the topic.
        let articles = full_list(&site, page, "topic-articles", ".card-title a");
        assert!(!articles.is_empty());
        for article in &articles {
            let article_page = site.page(&site.file_for(article).unwrap());
            let topics = hrefs(article_page, ".page-header .chips a");
            assert!(topics.contains(&topic), "{article} is on {topic}");
        }
        let count = texts(page, ".page-header .meta").join(" ");
        assert!(
            count.starts_with(&format!("{} article", articles.len())),
            "{topic}: {count}"
        );
        // Its chronology: as many entries as its summary by year counts.
        let first = hrefs(page, "section[aria-labelledby=topic-chronology] p a");
        let entries = follow_list(&site, &first[0], ".timeline-item a", 2);
        let counted: usize = texts(page, ".chrono-summary li > .meta")
            .iter()
            .map(|text| text.split(' ').next().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(entries.len(), counted, "{topic}'s chronology");
    }
    for (speaker, mut expected) in by_speaker {
        let page = site.page(&site.file_for(&speaker).unwrap());
        let mut listed = full_list(&site, page, "quotes-in-time", ".quote-link");
        listed.sort();
        expected.sort();
        assert_eq!(listed, expected, "{speaker}'s quotes");
        // Quotes by topic: a count for each topic, linked to that search.
        let counts = texts(page, "section[aria-labelledby=speaker-topics] li");
        assert!(!counts.is_empty());
        assert!(counts.iter().all(|c| c.contains(" quote")), "{counts:?}");
    }
}

/// Pages leave out the templates' indentation, but a code block keeps its own, as the
/// Markdown wrote it.
#[test]
fn pages_drop_template_indentation_but_code_blocks_keep_theirs() {
    let dir = basic();
    let article = dir.path().join("content/articles/2024-01-10-first.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        format!(
            "{text}\n```\nfn main() {{\n    println!(\"indented\");\n\n        deeper();\n}}\n```\n"
        ),
    )
    .unwrap();
    let public = build(dir.path(), &[]);
    let site = Site::open(&public, &common::site_base_url(dir.path()));
    let page = site.page("articles/first/index.html");
    let code = scraper::Selector::parse("pre code").unwrap();
    let code: Vec<String> = page.select(&code).map(|c| c.text().collect()).collect();
    assert_eq!(
        code,
        ["fn main() {\n    println!(\"indented\");\n\n        deeper();\n}\n"]
    );
    for (path, html) in common::tree(&public) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(html).unwrap();
        let outside_code = html.split("<pre").next().unwrap();
        for line in outside_code.lines() {
            // (A line may start with one space the template wrote inside a tag, e.g.
            // "{% if author %} · by …": indentation is two or more.)
            assert!(
                !line.starts_with("  ") && !line.starts_with('\t'),
                "{path}: {line:?}"
            );
        }
    }
}
