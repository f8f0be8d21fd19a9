//! Behaviour of `dossier build` over fixture sites: chronology order, threads, overrides,
//! drafts, sub-path base URLs, determinism and output safety.

mod common;

use std::sync::LazyLock;

use common::{Built, Site, build, copy_site, dossier, fixture, hrefs, stderr, texts, tree};

/// The basic fixture as it is, built once for the tests that only read it.
static BASIC: LazyLock<Built> = LazyLock::new(|| Built::new("basic", &fixture("basic"), None));

/// A copy of the basic fixture, for tests that change it.
fn basic() -> tempfile::TempDir {
    copy_site(&fixture("basic"))
}

#[test]
fn chronology_orders_partial_dates_and_shows_them_as_partial() {
    let site = BASIC.site();
    let dates = texts(site.page("chronology/index.html"), ".timeline-date");
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
        let thread = hrefs(site.page(page), ".thread .quote-link");
        assert_eq!(
            thread,
            [
                "/quotes/ada-opening/",
                "/quotes/bo-reply/",
                "/quotes/ada-example-2024-02-01-and-we-answer-the-answer/"
            ],
            "{page} shows the whole thread in order"
        );
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
    // A quote page's thread, in order, with the speaker shown.
    assert_eq!(
        texts(site.page("quotes/bo-reply/index.html"), ".thread .my-quote"),
        [
            "ada-opening",
            "bo-reply",
            "ada-example-2024-02-01-and-we-answer-the-answer"
        ]
    );
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
