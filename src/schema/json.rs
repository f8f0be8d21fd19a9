//! JSON Schemas (draft 2020-12) of `site.toml` and each kind of front matter, from the
//! declarations: what `dossier schema` writes, for taplo / Even Better TOML and other tools.
//!
//! JSON has no dates, so a TOML date is checked as the string [`toml_to_json`] makes of it
//! (`2025-03-12`, `2025-03-12T22:21:00+03:30`), as taplo does: a schema cannot tell a date
//! from the same characters in quotes. `dossier check` does.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::fields::of as fields;
use super::model::{Field, Kind, ValueKind};
use super::patterns::*;
use crate::diagnostics::Diagnostic;

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";
/// The schema of files of `kind` (one of [`Kind::FILES`]), with the tables it holds under
/// `$defs`.
pub fn schema(kind: Kind) -> Value {
    let mut root = object(kind);
    let mut defs = Map::new();
    collect_defs(kind, &mut defs);
    let root_map = root.as_object_mut().expect("an object schema");
    let mut head = Map::new();
    head.insert("$schema".into(), DRAFT.into());
    head.insert("title".into(), format!("dossier: {}", kind.title()).into());
    head.append(root_map);
    if !defs.is_empty() {
        head.insert("$defs".into(), Value::Object(defs));
    }
    Value::Object(head)
}

/// The file name `dossier schema` writes the schema of `kind` to.
pub fn file_name(kind: Kind) -> String {
    format!("{}.schema.json", kind.id())
}

/// Writes every file kind's schema into `dir`, replacing older ones; returns the paths.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let failed = |path: &Path, err: std::io::Error| {
        Diagnostic::error(format!("cannot write {}: {err}", path.display()))
            .in_file(path)
            .help("choose a folder you can write to with --out DIR")
    };
    std::fs::create_dir_all(dir).map_err(|err| failed(dir, err))?;
    let mut written = Vec::new();
    for kind in Kind::FILES {
        let path = dir.join(file_name(kind));
        let text =
            serde_json::to_string_pretty(&schema(kind)).expect("JSON values serialise") + "\n";
        std::fs::write(&path, text).map_err(|err| failed(&path, err))?;
        written.push(path);
    }
    Ok(written)
}

/// A TOML value as the schemas expect it in JSON: dates and times as the strings TOML
/// writes them (RFC 3339), everything else as is.
pub fn toml_to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Every table kind reachable from `kind`, as `$defs` entries.
fn collect_defs(kind: Kind, defs: &mut Map<String, Value>) {
    for inner in fields(kind).iter().filter_map(|f| f.value.table_kind()) {
        if !defs.contains_key(inner.id()) {
            defs.insert(inner.id().into(), object(inner));
            collect_defs(inner, defs);
        }
    }
}

/// The schema of one table: its keys, the required ones, nothing else.
fn object(kind: Kind) -> Value {
    let properties: Map<String, Value> = fields(kind)
        .iter()
        .map(|field| (field.name.to_string(), property(field)))
        .collect();
    let required: Vec<&str> = fields(kind)
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    let mut schema = json!({
        "description": kind.doc(),
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

fn property(field: &Field) -> Value {
    let mut schema = value_schema(field.value);
    schema["description"] = field.doc.into();
    if let Some(default) = field.default {
        schema["default"] = default_json(default);
    }
    schema
}

/// A default as the declarations write it (a TOML value), in JSON.
fn default_json(literal: &str) -> Value {
    let table: toml::Table =
        toml::from_str(&format!("v = {literal}")).expect("a declared default is a TOML value");
    toml_to_json(&table["v"])
}

fn value_schema(value: ValueKind) -> Value {
    let string = |pattern: &str| json!({ "type": "string", "pattern": pattern });
    let list = |item: Value| json!({ "type": "array", "items": item });
    let reference = |kind: Kind| json!({ "$ref": format!("#/$defs/{}", kind.id()) });
    match value {
        ValueKind::String
        | ValueKind::Text
        | ValueKind::Folder
        | ValueKind::Image
        | ValueKind::StaticFile => {
            json!({ "type": "string" })
        }
        ValueKind::Date | ValueKind::DateOrDatetime => string(DATE),
        ValueKind::PartialDate => json!({
            "type": "string",
            "anyOf": [{ "pattern": PARTIAL_DATE }, { "pattern": DATE }],
        }),
        ValueKind::Bool => json!({ "type": "boolean" }),
        ValueKind::Integer => json!({ "type": "integer", "minimum": 0 }),
        ValueKind::Url | ValueKind::BaseUrl => {
            json!({ "type": "string", "format": "uri", "pattern": URL })
        }
        ValueKind::LanguageTag => string(LANGUAGE_TAG),
        ValueKind::Slug | ValueKind::SpeakerId | ValueKind::QuoteId => string(SLUG),
        ValueKind::WikidataId => string(WIKIDATA),
        ValueKind::Strings => list(json!({ "type": "string" })),
        ValueKind::SitePaths => list(string(SITE_PATH)),
        ValueKind::SpeakerIds | ValueKind::TopicIds => list(string(SLUG)),
        ValueKind::Enum(values) => json!({ "type": "string", "enum": values }),
        ValueKind::Table(kind) => reference(kind),
        ValueKind::Tables(kind) => list(reference(kind)),
        ValueKind::TablesByLanguage(kind) => json!({
            "type": "object",
            "propertyNames": { "pattern": LANGUAGE_CODE },
            "additionalProperties": reference(kind),
        }),
        ValueKind::FreeTable => json!({ "type": "object" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` matches `pattern` (the patterns use only what ECMA-262 and Rust's
    /// regex agree on; tests/json_schema.rs runs a real JSON Schema validator over sites).
    fn matches(pattern: &str, text: &str) -> bool {
        regex::Regex::new(pattern).unwrap().is_match(text)
    }

    #[test]
    fn the_patterns_take_what_dossier_takes() {
        for (pattern, good, bad) in [
            (
                SLUG,
                &["ali-khamenei", "jcpoa2015"][..],
                &["Ali", "a--b", "-a", "a_b", ""][..],
            ),
            (
                DATE,
                &[
                    "2025-03-12",
                    "2025-03-12T22:21:00+03:30",
                    "2025-03-12T22:21:00",
                    "2025-03-12 22:21:00Z",
                ],
                &[
                    "2025-3-12",
                    "2025-13-01",
                    "12/03/2025",
                    "2025-03-12T25:00:00",
                ],
            ),
            (
                PARTIAL_DATE,
                &[
                    "2015",
                    "2015-07",
                    "2015-07-14",
                    "2003~",
                    "2016-01-16/2018-05-08",
                    "2015-07~",
                ],
                &["15", "2015-7", "2015-13", "2015/", "~2003", "July 2015"],
            ),
            (
                URL,
                &["https://example.org", "http://example.org/a?b=c#d"],
                &[
                    "example.org",
                    "ftp://example.org/",
                    "https://",
                    "https://a b/",
                ],
            ),
            (
                LANGUAGE_TAG,
                &["en", "fa", "pt-BR", "ckb"],
                &["english", "e", "en_US"],
            ),
            (LANGUAGE_CODE, &["fa", "pt-br"], &["Persian", "FA", "pt-BR"]),
            (WIKIDATA, &["Q57336"], &["57336", "q1", "Q"]),
            (
                SITE_PATH,
                &["/", "/old/url/", "/old"],
                &["old/", "/a/../b", "/.git/"],
            ),
        ] {
            for text in good {
                assert!(matches(pattern, text), "{pattern} refuses {text:?}");
            }
            for text in bad {
                assert!(!matches(pattern, text), "{pattern} takes {text:?}");
            }
        }
    }

    #[test]
    fn an_article_schema_refers_to_its_tables_and_refuses_other_keys() {
        let article = schema(Kind::Article);
        assert_eq!(article["$schema"], DRAFT);
        assert_eq!(article["additionalProperties"], false);
        assert_eq!(article["required"], json!(["title", "date"]));
        assert_eq!(
            article["properties"]["quotes"]["items"]["$ref"],
            "#/$defs/quote"
        );
        assert_eq!(
            article["$defs"]["quote"]["properties"]["original"]["$ref"],
            "#/$defs/original"
        );
        assert_eq!(
            article["$defs"]["original"]["required"],
            json!(["language", "text"])
        );
        assert_eq!(
            article["$defs"]["quote"]["properties"]["status"]["enum"],
            json!(["verified", "disputed", "misattributed"])
        );
        assert_eq!(
            article["properties"]["summary"]["description"],
            "One or two sentences in the editor's own words."
        );
    }

    #[test]
    fn defaults_are_json_values() {
        let site = schema(Kind::Site);
        assert_eq!(site["properties"]["paginate_by"]["default"], 20);
        assert_eq!(site["properties"]["language"]["default"], "en");
        assert_eq!(
            site["$defs"]["search"]["properties"]["enabled"]["default"],
            true
        );
        assert_eq!(
            site["properties"]["languages"]["additionalProperties"]["$ref"],
            "#/$defs/language"
        );
    }

    #[test]
    fn toml_dates_become_the_strings_toml_writes() {
        let table: toml::Table =
            toml::from_str("a = 2025-03-12\nb = 2025-03-12T22:21:00+03:30\nc = [1]").unwrap();
        assert_eq!(
            toml_to_json(&toml::Value::Table(table)),
            json!({ "a": "2025-03-12", "b": "2025-03-12T22:21:00+03:30", "c": [1] })
        );
    }
}
