//! `docs/content.md`, the content reference, written from the declarations.
//! `tests/content_schema.rs` checks the committed file is current.

use super::fields::of as fields;
use super::model::{Field, Kind};

/// The whole reference, as Markdown.
pub fn reference() -> String {
    let mut out = String::from(
        "# Content reference\n\n\
         <!-- Generated from the declarations in src/schema/fields.rs by \
         `DOSSIER_BLESS=1 cargo test --test content_schema`; do not edit by hand. -->\n\n\
         Every key `dossier` reads in `site.toml` and in the front matter of each kind of \
         content file. Every table is strict: an unknown key is an error with a \
         did-you-mean. Free-form values go under `[extra]`, which templates receive as \
         `extra`. `dossier schema` writes the same model as JSON Schemas.\n\n\
         Dates are TOML dates, written without quotes (`2025-03-12`); ids are slugs, lower-case \
         letters and digits joined by single hyphens (`ali-khamenei`).\n",
    );
    for file in Kind::FILES {
        section(&mut out, file, 2);
    }
    out
}

/// A kind's heading, its table of keys, then the tables it holds, one level deeper.
fn section(out: &mut String, kind: Kind, level: usize) {
    out.push_str(&format!(
        "\n{} {}\n\n{}\n\n| key | type | default | meaning |\n|---|---|---|---|\n",
        "#".repeat(level),
        heading(kind),
        kind.doc()
    ));
    for field in fields(kind) {
        out.push_str(&row(field));
    }
    for inner in fields(kind).iter().filter_map(|f| f.value.table_kind()) {
        section(out, inner, level + 1);
    }
}

/// A kind's heading: its TOML table as written (`[[quotes]]`), or its name (Article).
fn heading(kind: Kind) -> String {
    match kind {
        Kind::Article => "Article".into(),
        Kind::Speaker => "Speaker".into(),
        Kind::Topic => "Topic".into(),
        Kind::ArticleTranslation => "Article translation".into(),
        Kind::QuoteTranslation => "`[[quotes]]` of a translation".into(),
        Kind::EventTranslation => "`[[events]]` of a translation".into(),
        Kind::SpeakerTranslation => "Speaker translation".into(),
        Kind::TopicTranslation => "Topic translation".into(),
        _ => format!("`{}`", kind.title()),
    }
}

fn row(field: &Field) -> String {
    let type_cell = match field.value.table_kind() {
        Some(kind) => format!(
            "{} ([below](#{}))",
            field.value.describe(),
            anchor(&heading(kind))
        ),
        None => field.value.describe(),
    };
    let default = match (field.required, field.default) {
        (true, _) => "required".to_string(),
        (false, Some(value)) => format!("`{value}`"),
        (false, None) => String::new(),
    };
    format!(
        "| `{}` | {type_cell} | {default} | {} |\n",
        field.name, field.doc
    )
}

/// The anchor GitHub gives a heading: lower case, spaces to hyphens, other punctuation
/// dropped.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_githubs() {
        assert_eq!(anchor("`[[quotes]]`"), "quotes");
        assert_eq!(anchor("`[languages.<code>]`"), "languagescode");
        assert_eq!(
            anchor(&heading(Kind::EventTranslation)),
            "events-of-a-translation"
        );
    }

    #[test]
    fn every_kind_has_a_section_and_every_key_a_row() {
        let text = reference();
        for kind in Kind::ALL {
            assert!(text.contains(&format!("# {}\n", heading(kind))), "{kind:?}");
            for field in fields(kind) {
                assert!(
                    text.contains(&format!("| `{}` | ", field.name)),
                    "{kind:?}.{}",
                    field.name
                );
            }
        }
        assert!(text.contains("| `title` | string | required | The article's title. |"));
        assert!(
            text.contains("| `quotes` | array of tables `[[quotes]]` ([below](#quotes)) | `[]` |")
        );
    }
}
