//! Unit tests of the link over sites held in memory.

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::load::{ArticleFront, SpeakerFront, SpeakerSource, TopicFront, TopicSource};

const SITE: &str = "title = \"Fake\"\nbase_url = \"https://example.test/sub/\"\n";

/// A site in memory: two made-up speakers, one topic, and `articles` (file name, text).
fn sources(articles: &[(&str, &str)]) -> Sources {
    let speaker = |slug: &str, name: &str| {
        let text = format!("+++\nname = \"{name}\"\n+++\nA made-up person.\n");
        let (file, front) = crate::load::parse_content::<SpeakerFront>(
            &format!("speakers/{slug}.md"),
            text.into_bytes(),
        )
        .unwrap();
        SpeakerSource { file, front }
    };
    let (topic_file, topic_front) = crate::load::parse_content::<TopicFront>(
        "topics/alpha.md",
        b"+++\ntitle = \"Alpha\"\n+++\n".to_vec(),
    )
    .unwrap();
    let text: Arc<str> = Arc::from(SITE);
    Sources {
        root: PathBuf::from("."),
        config: toml::from_str(SITE).unwrap(),
        config_file: SourceFile {
            path: "site.toml".into(),
            content_path: "site.toml".into(),
            text: text.clone(),
            front_offset: 0,
            body_offset: text.len(),
        },
        i18n: None,
        languages: Vec::new(),
        translated: None,
        articles: articles
            .iter()
            .map(|(name, text)| {
                let (file, front) = crate::load::parse_content::<ArticleFront>(
                    &format!("articles/{name}"),
                    text.as_bytes().to_vec(),
                )
                .unwrap();
                ArticleSource { file, front }
            })
            .collect(),
        speakers: vec![
            speaker("ada-example", "Ada Example"),
            speaker("bo-sample", "Bo Sample"),
        ],
        topics: vec![TopicSource {
            file: topic_file,
            front: topic_front,
        }],
        templates: Vec::new(),
        static_files: Vec::new(),
        failed: Vec::new(),
    }
}

/// An article dated 2024-01-10 with `quotes` (each a `[[quotes]]` table's body).
fn article_with(quotes: &[&str]) -> String {
    let mut text = String::from(
        "+++\ntitle = \"Fake\"\ndate = 2024-01-10\nsource_url = \"https://example.test/s\"\ntopics = [\"alpha\"]\n",
    );
    for quote in quotes {
        text.push_str("\n[[quotes]]\n");
        text.push_str(quote);
        text.push('\n');
    }
    text.push_str("+++\nBody.\n");
    text
}

fn linked(quotes: &[&str]) -> Result<Dossier, Diagnostics> {
    let text = article_with(quotes);
    link(
        &sources(&[("2024-01-10-fake.md", &text)]),
        LinkOptions::default(),
    )
    .map(|(dossier, _)| dossier)
}

fn link_errors(quotes: &[&str]) -> Vec<Diagnostic> {
    let diagnostics = linked(quotes).expect_err("the link fails");
    diagnostics
        .items
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

#[test]
fn a_quote_id_is_speaker_date_said_and_first_six_words() {
    let dossier = linked(&[
        "speaker = \"ada-example\"\ntext = \"  We spent YEARS negotiating — and then, it ended.  \"",
        "speaker = \"bo-sample\"\ntext = \"Later words.\"\nsaid = 2024-02-03",
        "speaker = \"bo-sample\"\ntext = \"Chosen.\"\nid = \"my-own-id\"",
        "speaker = \"ada-example\"\ntext = \"Ça déjà vu, Œuvre!\"",
    ])
    .unwrap();
    let ids: Vec<&str> = dossier.quotes.iter().map(|q| q.id.as_str()).collect();
    // Newest said first, then by id.
    assert_eq!(
        ids,
        [
            "bo-sample-2024-02-03-later-words",
            "ada-example-2024-01-10-ca-deja-vu-oeuvre",
            "ada-example-2024-01-10-we-spent-years-negotiating-and-then",
            "my-own-id",
        ]
    );
    for (index, quote) in dossier.quotes.iter().enumerate() {
        assert_eq!(dossier.quote_by_id[&quote.id], index);
        assert_eq!(quote.url, format!("/sub/quotes/{}/", quote.id));
    }
    // The text is kept as written, trimmed.
    assert_eq!(
        dossier.quotes[2].text,
        "We spent YEARS negotiating — and then, it ended."
    );
}

#[test]
fn an_invalid_explicit_id_is_an_error_with_a_slug_to_use() {
    let errors = link_errors(&["speaker = \"ada-example\"\ntext = \"Words.\"\nid = \"My Id\""]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "invalid quote id `My Id`");
    assert!(
        errors[0]
            .help
            .as_deref()
            .unwrap()
            .contains("id = \"my-id\"")
    );
}

#[test]
fn two_quotes_with_one_id_are_an_error_naming_both_places() {
    let errors = link_errors(&[
        "speaker = \"ada-example\"\ntext = \"Same words here.\"",
        "speaker = \"ada-example\"\ntext = \"Same words here!\"",
    ]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    assert_eq!(
        error.message,
        "two quotes have the id `ada-example-2024-01-10-same-words-here`"
    );
    // Both point at the quotes' texts, lines 9 and 13 of the file.
    let (also, label) = error.also.as_ref().expect("the other place");
    assert_eq!(label, "first quote with this id");
    let lines = [
        error.line_col().unwrap().0,
        crate::diagnostics::line_col(
            also.source.as_deref().unwrap(),
            also.span.clone().unwrap().start,
        )
        .0,
    ];
    assert_eq!(
        {
            let mut sorted = lines;
            sorted.sort();
            sorted
        },
        [9, 13]
    );
    assert_ne!(lines[0], lines[1]);
}

#[test]
fn responds_to_links_a_thread_and_rejects_itself_unknown_ids_and_loops() {
    let dossier = linked(&[
        "speaker = \"ada-example\"\nid = \"opening\"\ntext = \"First.\"",
        "speaker = \"bo-sample\"\nid = \"reply\"\ntext = \"Second.\"\nresponds_to = \"opening\"",
    ])
    .unwrap();
    let reply = &dossier.quotes[dossier.quote_by_id["reply"]];
    assert_eq!(reply.responds_to, Some(dossier.quote_by_id["opening"]));

    let errors = link_errors(&[
        "speaker = \"ada-example\"\nid = \"self\"\ntext = \"Me.\"\nresponds_to = \"self\"",
    ]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "a quote cannot respond to itself");
    assert_eq!(errors[0].line_col(), Some((11, 15)));

    let errors = link_errors(&[
        "speaker = \"ada-example\"\nid = \"opening\"\ntext = \"First.\"",
        "speaker = \"bo-sample\"\nid = \"reply\"\ntext = \"Second.\"\nresponds_to = \"openin\"",
    ]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].message,
        "`responds_to` names an unknown quote id `openin`"
    );
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `opening`?"));

    // A → B → C → A: each quote of the loop is reported, at its own `responds_to`.
    let errors = link_errors(&[
        "speaker = \"ada-example\"\nid = \"a\"\ntext = \"A.\"\nresponds_to = \"c\"",
        "speaker = \"bo-sample\"\nid = \"b\"\ntext = \"B.\"\nresponds_to = \"a\"",
        "speaker = \"ada-example\"\nid = \"c\"\ntext = \"C.\"\nresponds_to = \"b\"",
    ]);
    let mut messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    messages.sort();
    assert_eq!(
        messages,
        [
            "`responds_to` of `a` forms a loop back to itself",
            "`responds_to` of `b` forms a loop back to itself",
            "`responds_to` of `c` forms a loop back to itself",
        ]
    );
    let mut lines: Vec<usize> = errors.iter().map(|e| e.line_col().unwrap().0).collect();
    lines.sort();
    assert_eq!(lines, [11, 17, 23]);
}

#[test]
fn a_quote_responding_to_a_quote_that_failed_is_not_reported_twice() {
    let errors = link_errors(&[
        "speaker = \"ada-exampel\"\nid = \"opening\"\ntext = \"First.\"",
        "speaker = \"bo-sample\"\nid = \"reply\"\ntext = \"Second.\"\nresponds_to = \"opening\"",
    ]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "unknown speaker `ada-exampel`");
    assert_eq!(
        errors[0].help.as_deref(),
        Some(
            "did you mean `ada-example`? (for a new speaker: `dossier new speaker \"Ada Exampel\"`)"
        )
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let draft = "+++\ntitle = \"Draft\"\ndate = 2024-03-01\ndraft = true\n\n[[quotes]]\nspeaker = \"bo-sample\"\ntext = \"Unpublished.\"\n+++\n";
    let published = article_with(&["speaker = \"ada-example\"\ntext = \"Published.\""]);
    let sources = sources(&[
        ("2024-01-10-fake.md", &published),
        ("2024-03-01-draft.md", draft),
    ]);
    let (dossier, _) = link(&sources, LinkOptions::default()).unwrap();
    assert_eq!(dossier.articles.len(), 1);
    assert_eq!(dossier.quotes.len(), 1);
    let (dossier, _) = link(&sources, LinkOptions { drafts: true }).unwrap();
    assert_eq!(dossier.articles.len(), 2);
    assert_eq!(dossier.articles[0].slug, "draft", "newest first");
    assert_eq!(dossier.quotes.len(), 2);
}
