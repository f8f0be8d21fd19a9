//! Stable quote URLs: a quote without `id` is warned about, `dossier fix ids` pins every
//! quote in place (other lines byte for byte, URLs unchanged, translations too), and a
//! pinned quote keeps its page through corrections to its date, words and speaker.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Site, build, copy_site, dossier, fixture, stderr, texts, tree};

/// An English article of the bilingual fixture's world (every name made up) whose three
/// quotes have no `id`, written in the shapes editors use: `[[quotes]]` tables with a
/// comment, odd spacing, a multi-line text, an original-language subtable and a
/// `responds_to` naming a derived id.
const UNPINNED: &str = r#"+++
title = "Tram plan debated"   # the council's words, made up
date = 2025-05-01
source = "The Sample Gazette"
source_url = "https://news.example.test/tram"
summary = "A made-up debate on a made-up tram."
topics = ["transit"]

[[quotes]]
speaker = "jane-placeholder"
text = """
A tram will carry the town
into the next century."""

# John answers.
[[quotes]]
speaker   =   'john-fixture'
text = "The tram costs more than the buses ever did."
responds_to = "jane-placeholder-2025-05-01-a-tram-will-carry-the-town"

[[quotes]]
speaker = "jane-placeholder"
said = 2025-04-30
text = "Every tram stop gets a bench."

[quotes.original]
language = "fa"
text = "هر ایستگاه یک نیمکت دارد."
+++
The council debated a tram.
"#;

/// Its Persian translation: quotes paired in order, without ids.
const UNPINNED_FA: &str = r#"+++
title = "بحث دربارهٔ طرح تراموا"
summary = "بحثی ساختگی دربارهٔ ترامویی ساختگی."

[[quotes]]
text = "تراموا شهر را به قرن بعد می‌برد."

[[quotes]]
text = "تراموا از اتوبوس‌ها گران‌تر است."

[[quotes]]
text = "هر ایستگاه یک نیمکت دارد."
+++
شورا دربارهٔ تراموا بحث کرد.
"#;

const ARTICLE: &str = "content/articles/2025-05-01-tram.md";

/// The bilingual fixture with the unpinned article and its translation.
fn unpinned_site() -> tempfile::TempDir {
    let site = copy_site(&fixture("bilingual"));
    std::fs::write(site.path().join(ARTICLE), UNPINNED).unwrap();
    let fa = site.path().join("content/articles/2025-05-01-tram.fa.md");
    std::fs::write(fa, UNPINNED_FA).unwrap();
    site
}

/// Every file of the built site but the search index (whose file names are hashes of
/// its contents).
fn built_files(root: &Path) -> BTreeSet<String> {
    let public = build(root, &[]);
    tree(&public)
        .into_keys()
        .filter(|path| !path.starts_with("pagefind/"))
        .collect()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn check_warns_about_each_quote_without_id_with_the_line_that_pins_it() {
    let site = unpinned_site();
    let check = dossier(site.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let report = stderr(&check);
    let id = "jane-placeholder-2025-05-01-a-tram-will-carry-the-town";
    assert!(
        report.contains(&format!(
            "warning: quote `{id}` has no `id`: its URL will change when its date or words change\n  --> {ARTICLE}:11:8"
        )),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "help: pin it: add id = \"{id}\" to this [[quotes]] table, or run `dossier fix ids` to pin every quote"
        )),
        "{report}"
    );
    assert_eq!(report.matches("has no `id`").count(), 3, "{report}");
    let strict = dossier(site.path(), &["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn fix_ids_check_lists_the_quotes_without_id_and_changes_nothing() {
    let site = unpinned_site();
    let before = std::fs::read_to_string(site.path().join(ARTICLE)).unwrap();
    let listed = dossier(site.path(), &["fix", "ids", "--check"]);
    assert_eq!(listed.status.code(), Some(1), "{}", stderr(&listed));
    let lines: Vec<String> = stdout(&listed).lines().map(String::from).collect();
    assert_eq!(
        lines,
        [
            format!(
                "{ARTICLE}:11:8: no `id`; pin it with id = \"jane-placeholder-2025-05-01-a-tram-will-carry-the-town\""
            ),
            format!(
                "{ARTICLE}:18:8: no `id`; pin it with id = \"john-fixture-2025-05-01-the-tram-costs-more-than-the\""
            ),
            format!(
                "{ARTICLE}:24:8: no `id`; pin it with id = \"jane-placeholder-2025-04-30-every-tram-stop-gets-a-bench\""
            ),
        ]
    );
    assert!(stderr(&listed).contains("3 quotes without `id`"));
    assert_eq!(
        std::fs::read_to_string(site.path().join(ARTICLE)).unwrap(),
        before
    );
}

#[test]
fn fix_ids_pins_every_quote_keeping_every_other_line_and_every_url() {
    let site = unpinned_site();
    let sources = tree(&site.path().join("content"));
    let urls = built_files(site.path());

    let fixed = dossier(site.path(), &["fix", "ids"]);
    assert!(fixed.status.success(), "{}", stderr(&fixed));
    assert!(stdout(&fixed).starts_with("pinned 3 quote ids in:\n"));

    // Only the article changed, by three added `id = "…"` lines; the translation and every
    // other file are as they were.
    let after = tree(&site.path().join("content"));
    for (path, bytes) in &sources {
        let path_in_site = format!("content/{path}");
        if path_in_site == ARTICLE {
            continue;
        }
        assert_eq!(&after[path], bytes, "{path} changed");
    }
    let pinned = String::from_utf8(after["articles/2025-05-01-tram.md"].clone()).unwrap();
    let added: Vec<&str> = pinned
        .lines()
        .filter(|line| !UNPINNED.lines().any(|old| old == *line))
        .collect();
    assert_eq!(
        added,
        [
            "id = \"jane-placeholder-2025-05-01-a-tram-will-carry-the-town\"",
            "id = \"john-fixture-2025-05-01-the-tram-costs-more-than-the\"",
            "id = \"jane-placeholder-2025-04-30-every-tram-stop-gets-a-bench\"",
        ]
    );
    let kept: Vec<&str> = pinned.lines().filter(|l| !added.contains(l)).collect();
    assert_eq!(kept, UNPINNED.lines().collect::<Vec<_>>());

    // The same site, the same files: every URL (the Persian pages' too) is where it was.
    assert_eq!(built_files(site.path()), urls);
    let check = dossier(site.path(), &["check"]);
    assert!(
        !stderr(&check).contains("has no `id`"),
        "{}",
        stderr(&check)
    );
    let again = dossier(site.path(), &["fix", "ids", "--check"]);
    assert!(again.status.success(), "{}", stdout(&again));
    assert_eq!(stdout(&again), "every quote has an id\n");
}

#[test]
fn a_pinned_quote_keeps_its_url_when_its_date_words_and_speaker_are_corrected() {
    let site = unpinned_site();
    let fixed = dossier(site.path(), &["fix", "ids"]);
    assert!(fixed.status.success(), "{}", stderr(&fixed));
    let id = "jane-placeholder-2025-04-30-every-tram-stop-gets-a-bench";
    let page = format!("quotes/{id}/index.html");
    let urls = built_files(site.path());
    assert!(urls.contains(&page));

    // The editor corrects the article's date, the quote's date, its first words and who
    // said it.
    let path = site.path().join(ARTICLE);
    let text = std::fs::read_to_string(&path).unwrap();
    let corrected = text
        .replace("date = 2025-05-01", "date = 2025-05-02")
        .replace("said = 2025-04-30", "said = 2025-04-29")
        .replace(
            "text = \"Every tram stop gets a bench.\"",
            "text = \"Each tram stop gets a bench.\"",
        )
        .replace(
            "speaker = \"jane-placeholder\"\nsaid",
            "speaker = \"john-fixture\"\nsaid",
        );
    assert_eq!(corrected.matches("2025-05-02").count(), 1);
    assert!(corrected.contains("speaker = \"john-fixture\"\nsaid = 2025-04-29\ntext = \"Each"));
    std::fs::write(&path, corrected).unwrap();

    // Every quote page is where it was (lists paginate anew: the speaker changed).
    let quote_pages = |files: &BTreeSet<String>| -> BTreeSet<String> {
        files
            .iter()
            .filter(|f| {
                f.contains("quotes/")
                    && !f.contains("/page/")
                    && !f.contains("speakers/")
                    && !f.contains("topics/")
            })
            .cloned()
            .collect()
    };
    assert_eq!(quote_pages(&built_files(site.path())), quote_pages(&urls));
    let public = site.path().join("public");
    let pages = Site::open(&public, "/dossier/");
    let quote = pages.page(&page);
    assert_eq!(
        texts(quote, "figure.quote-large blockquote:not(.quote-original)"),
        ["Each tram stop gets a bench."]
    );
    assert_eq!(
        texts(quote, "figure.quote-large .quote-speaker"),
        ["John Fixture"]
    );
    let said: Vec<String> = {
        let selector = scraper::Selector::parse("figure.quote-large time").unwrap();
        quote
            .select(&selector)
            .filter_map(|t| t.value().attr("datetime").map(String::from))
            .collect()
    };
    assert_eq!(said, ["2025-04-29"]);
    // The Persian page of the quote stays too.
    assert!(public.join(format!("fa/{page}")).is_file());
}

#[test]
fn fix_ids_pins_a_withdrawn_quote_too() {
    let site = unpinned_site();
    let path = site.path().join(ARTICLE);
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "said = 2025-04-30\n",
        "said = 2025-04-30\nwithdrawn = 2025-05-03\nwithdrawn_reason = \"Made up, and withdrawn.\"\n",
    );
    std::fs::write(&path, text).unwrap();
    let fixed = dossier(site.path(), &["fix", "ids"]);
    assert!(fixed.status.success(), "{}", stderr(&fixed));
    assert!(stdout(&fixed).starts_with("pinned 3 quote ids in:\n"));
    let pinned = std::fs::read_to_string(&path).unwrap();
    assert!(pinned.contains(
        "text = \"Every tram stop gets a bench.\"\nid = \"jane-placeholder-2025-04-30-every-tram-stop-gets-a-bench\"\n"
    ));
}
