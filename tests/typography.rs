//! One rule for typographic punctuation (`smart_punctuation`, on by default): front-matter
//! text (titles, summaries) gets the curly quotes, dashes and ellipses bodies get, and both
//! use the quotation marks of the text's language. (Before, front matter kept "Iran's"
//! beside a body's "Oman’s".)

mod common;

use common::{Site, build, copy_site, fixture, texts};

fn article(slug: &str, language: Option<&str>) -> String {
    let language = language.map_or(String::new(), |l| format!("language = \"{l}\"\n"));
    format!(
        "+++\ntitle = \"Iran's \\\"maximum pressure\\\" -- again...\"\ndate = 2024-04-12\n\
         {language}source = \"Sample Wire\"\nsource_url = \"https://wire.example.test/{slug}\"\n\
         topics = [\"alpha\"]\nsummary = \"The fixture's \\\"talks\\\" went on.\"\n+++\n\
         The \"talks\" and Oman's role -- again...\n\n`\"code\"`\n"
    )
}

#[test]
fn front_matter_and_bodies_get_the_same_punctuation_in_their_language() {
    let dir = copy_site(&fixture("basic"));
    let articles = dir.path().join("content/articles");
    std::fs::write(
        articles.join("2024-04-12-english.md"),
        article("english", None),
    )
    .unwrap();
    std::fs::write(
        articles.join("2024-04-12-german.md"),
        article("german", Some("de")),
    )
    .unwrap();
    let public = build(dir.path(), &[]);
    let site = Site::open(&public, "/");

    let english = site.page("articles/english/index.html");
    assert_eq!(texts(english, "h1"), ["Iran’s “maximum pressure” – again…"]);
    let body = texts(english, ".prose p").join("\n");
    assert!(
        body.contains("The “talks” and Oman’s role – again…"),
        "{body}"
    );
    assert_eq!(texts(english, ".prose code"), ["\"code\""]);

    let german = site.page("articles/german/index.html");
    assert_eq!(texts(german, "h1"), ["Iran’s „maximum pressure“ – again…"]);
    let body = texts(german, ".prose p").join("\n");
    assert!(
        body.contains("The „talks“ and Oman’s role – again…"),
        "{body}"
    );

    // Lists show the summary the same way.
    let list = texts(site.page("articles/index.html"), "p").join("\n");
    assert!(list.contains("The fixture’s “talks” went on."), "{list}");
    assert!(list.contains("The fixture’s „talks“ went on."), "{list}");
}

#[test]
fn without_smart_punctuation_front_matter_stays_as_written() {
    let dir = copy_site(&fixture("basic"));
    let config = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}\n[markdown]\nsmart_punctuation = false\n"),
    )
    .unwrap();
    let articles = dir.path().join("content/articles");
    std::fs::write(
        articles.join("2024-04-12-english.md"),
        article("english", None),
    )
    .unwrap();
    let public = build(dir.path(), &[]);
    let site = Site::open(&public, "/");
    let page = site.page("articles/english/index.html");
    assert_eq!(
        texts(page, "h1"),
        ["Iran's \"maximum pressure\" -- again..."]
    );
}
