//! The content model's declarations (`src/schema/fields.rs`) are exactly what the serde
//! structs that read the files accept: the same keys, the same required keys, values of the
//! declared kinds, the same defaults. And `docs/content.md` is current.
//!
//! `DOSSIER_BLESS=1 cargo test --test content_schema` rewrites docs/content.md.

use std::collections::BTreeSet;
use std::path::Path;

use dossier::config::SiteConfig;
use dossier::load::translation::{
    ArticleTranslationFront, SpeakerTranslationFront, TopicTranslationFront,
};
use dossier::load::{ArticleFront, SpeakerFront, TopicFront};
use dossier::schema::{self, Kind, ValueKind};
use toml::{Table, Value};

/// Parses `text` with the serde struct that reads files of `kind` (a file kind).
fn parse(kind: Kind, text: &str) -> Result<(), String> {
    fn with<T: serde::de::DeserializeOwned>(text: &str) -> Result<(), String> {
        toml::from_str::<T>(text)
            .map(drop)
            .map_err(|e| e.message().to_string())
    }
    match kind {
        Kind::Site => with::<SiteConfig>(text),
        Kind::Article => with::<ArticleFront>(text),
        Kind::Speaker => with::<SpeakerFront>(text),
        Kind::Topic => with::<TopicFront>(text),
        Kind::ArticleTranslation => with::<ArticleTranslationFront>(text),
        Kind::SpeakerTranslation => with::<SpeakerTranslationFront>(text),
        Kind::TopicTranslation => with::<TopicTranslationFront>(text),
        other => panic!("{other:?} is not a file"),
    }
}

/// A value of the declared kind that dossier accepts.
fn sample(value: ValueKind) -> Value {
    let date = |text: &str| Value::Datetime(text.parse().unwrap());
    let list = |item: &str| Value::Array(vec![Value::String(item.into())]);
    match value {
        ValueKind::String => "A name".into(),
        ValueKind::Text => "Two\nlines.".into(),
        ValueKind::Date => date("2025-03-12"),
        ValueKind::DateOrDatetime => date("2025-03-12T22:21:00+03:30"),
        ValueKind::PartialDate => "2015-07".into(),
        ValueKind::Bool => true.into(),
        ValueKind::Integer => 7.into(),
        ValueKind::Url => "https://example.org/a".into(),
        ValueKind::BaseUrl => "https://example.org/sub/".into(),
        ValueKind::LanguageTag => "fa".into(),
        ValueKind::Slug | ValueKind::QuoteId | ValueKind::SpeakerId => "a-slug".into(),
        ValueKind::Image => "img/share.png".into(),
        ValueKind::StaticFile => "icon.svg".into(),
        ValueKind::WikidataId => "Q57336".into(),
        ValueKind::Folder => "out".into(),
        ValueKind::Strings => list("Another Name"),
        ValueKind::SitePaths => list("/old/url/"),
        ValueKind::SpeakerIds | ValueKind::TopicIds => list("a-slug"),
        ValueKind::Enum(values) => values[values.len() - 1].into(),
        ValueKind::Table(kind) => Value::Table(full(kind)),
        ValueKind::Tables(kind) => Value::Array(vec![Value::Table(full(kind))]),
        ValueKind::TablesByLanguage(kind) => Value::Table(Table::from_iter([(
            "fa".to_string(),
            Value::Table(full(kind)),
        )])),
        ValueKind::FreeTable => Value::Table(Table::from_iter([("anything".into(), 1.into())])),
    }
}

/// A table of `kind` with every declared key.
fn full(kind: Kind) -> Table {
    schema::fields(kind)
        .iter()
        .map(|field| (field.name.to_string(), sample(field.value)))
        .collect()
}

/// Where a table of `kind` sits: the file kind that holds it and the keys that lead to it
/// there (an array of tables is entered at its first table).
fn home(kind: Kind) -> (Kind, Vec<String>) {
    fn search(at: Kind, path: Vec<String>, kind: Kind) -> Option<Vec<String>> {
        if at == kind {
            return Some(path);
        }
        schema::fields(at).iter().find_map(|field| {
            let mut path = path.clone();
            path.push(field.name.into());
            if let ValueKind::TablesByLanguage(_) = field.value {
                path.push("fa".into());
            }
            search(field.value.table_kind()?, path, kind)
        })
    }
    Kind::FILES
        .iter()
        .find_map(|&file| search(file, Vec::new(), kind).map(|path| (file, path)))
        .unwrap_or_else(|| panic!("{kind:?} is in no file"))
}

/// The table at `path` in `table`.
fn table_at<'a>(mut table: &'a mut Table, path: &[String]) -> &'a mut Table {
    for key in path {
        table = match table.get_mut(key) {
            Some(Value::Table(inner)) => inner,
            Some(Value::Array(items)) => match items.first_mut() {
                Some(Value::Table(inner)) => inner,
                _ => panic!("no table at {path:?}"),
            },
            _ => panic!("no table at {path:?}"),
        };
    }
    table
}

/// A whole file holding a table of `kind`, every declared key set, edited where `kind` sits.
fn file_with(kind: Kind, edit: impl FnOnce(&mut Table)) -> (Kind, String) {
    let (file, path) = home(kind);
    let mut document = full(file);
    edit(table_at(&mut document, &path));
    (file, toml::to_string(&document).unwrap())
}

/// The names in backticks after "expected" in serde's unknown-field message.
fn expected_names(message: &str) -> BTreeSet<String> {
    let (_, expected) = message
        .split_once("expected")
        .unwrap_or_else(|| panic!("no list in {message:?}"));
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn a_file_with_every_declared_key_parses() {
    for kind in Kind::FILES {
        let text = toml::to_string(&full(kind)).unwrap();
        parse(kind, &text).unwrap_or_else(|e| panic!("{kind:?}: {e}\n{text}"));
    }
}

#[test]
fn every_value_of_an_enum_parses() {
    for kind in Kind::ALL {
        for field in schema::fields(kind) {
            let ValueKind::Enum(values) = field.value else {
                continue;
            };
            for value in values {
                let (file, text) = file_with(kind, |t| {
                    t.insert(field.name.into(), (*value).into());
                });
                parse(file, &text).unwrap_or_else(|e| panic!("{kind:?}.{}: {e}", field.name));
            }
            let (file, text) = file_with(kind, |t| {
                t.insert(field.name.into(), "not-a-value".into());
            });
            assert!(parse(file, &text).is_err(), "{kind:?}.{}", field.name);
        }
    }
}

#[test]
fn the_keys_serde_accepts_are_the_declared_keys() {
    for kind in Kind::ALL {
        let (file, text) = file_with(kind, |t| {
            t.insert("zz_undeclared".into(), 1.into());
        });
        let message = parse(file, &text).expect_err(&format!("{kind:?} took an unknown key"));
        assert!(
            message.starts_with("unknown field `zz_undeclared`"),
            "{kind:?}: {message}"
        );
        let declared: BTreeSet<String> = schema::fields(kind)
            .iter()
            .map(|f| f.name.to_string())
            .collect();
        assert_eq!(expected_names(&message), declared, "{kind:?}");
    }
}

#[test]
fn exactly_the_declared_required_keys_are_required() {
    for kind in Kind::ALL {
        for field in schema::fields(kind) {
            let (file, text) = file_with(kind, |t| {
                t.remove(field.name);
            });
            let result = parse(file, &text);
            match field.required {
                true => assert_eq!(
                    result,
                    Err(format!("missing field `{}`", field.name)),
                    "{kind:?}.{}",
                    field.name
                ),
                false => assert_eq!(result, Ok(()), "{kind:?}.{}", field.name),
            }
        }
    }
}

#[test]
fn site_defaults_are_the_declared_ones() {
    let config: SiteConfig =
        toml::from_str("title = \"T\"\nbase_url = \"https://example.org/\"\n").unwrap();
    let written = Value::try_from(&config).unwrap();
    let mut checked = 0;
    for kind in [Kind::Site, Kind::Feeds, Kind::Search, Kind::Markdown] {
        let table = match kind {
            Kind::Site => written.as_table(),
            other => written.get(other.id()).and_then(Value::as_table),
        }
        .unwrap();
        for field in schema::fields(kind) {
            let Some(default) = field.default else {
                continue;
            };
            let declared: Value =
                toml::from_str::<Table>(&format!("v = {default}")).unwrap()["v"].clone();
            // `output_dir` is an Option resolved where it is used; its default is checked below.
            if let Some(actual) = table.get(field.name) {
                assert_eq!(actual, &declared, "{kind:?}.{}", field.name);
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "only {checked} defaults checked");
    let output_dir = schema::field(Kind::Site, "output_dir").unwrap().default;
    assert_eq!(output_dir, Some("\"public\""));
}

#[test]
fn the_content_reference_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content.md");
    let generated = schema::reference::reference();
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/content.md is stale: run `DOSSIER_BLESS=1 cargo test --test content_schema`"
    );
}
