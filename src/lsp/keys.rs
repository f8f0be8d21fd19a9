//! The front-matter keys of the table being written, from the content model's declarations
//! ([`crate::schema`]), the one list the docs, the JSON Schemas and the CMS come from.

use std::path::Path;

use crate::load::translation::language_suffix;
use crate::schema::{Field, Kind};

use super::cursor::Table;
use super::sources::ContentKind;

/// The kind of the file at `path` (absolute, under `root`): site.toml, or a content file
/// (a translation, by its `name.<code>.md` name).
pub fn file_kind(root: &Path, path: &Path) -> Option<Kind> {
    if path == root.join("site.toml") {
        return Some(Kind::Site);
    }
    let kind = match ContentKind::of(root, path)? {
        ContentKind::Article => Kind::Article,
        ContentKind::Speaker => Kind::Speaker,
        ContentKind::Topic => Kind::Topic,
    };
    let name = path.file_name()?.to_str()?;
    if language_suffix(name).is_some() {
        return kind.translation();
    }
    Some(kind)
}

/// The kind of `table` in a file of kind `file`.
pub fn table_kind(file: Kind, table: &Table) -> Option<Kind> {
    let translation = matches!(
        file,
        Kind::ArticleTranslation | Kind::SpeakerTranslation | Kind::TopicTranslation
    );
    match table {
        Table::Top => Some(file),
        Table::Quotes if translation => Some(Kind::QuoteTranslation),
        Table::Quotes => Some(Kind::Quote),
        Table::Events if translation => Some(Kind::EventTranslation),
        Table::Events => Some(Kind::Event),
        Table::Original => Some(Kind::Original),
        Table::Other(name) if file == Kind::Site => match name.as_str() {
            "feeds" => Some(Kind::Feeds),
            "search" => Some(Kind::Search),
            "markdown" => Some(Kind::Markdown),
            other if other.starts_with("languages.") => Some(Kind::Language),
            _ => None,
        },
        Table::Other(name) if file == Kind::Article && name == "corrections" => {
            Some(Kind::Correction)
        }
        Table::Other(_) => None,
    }
}

/// The keys of `table` in the file at `path`.
pub fn for_table(root: &Path, path: &Path, table: &Table) -> &'static [Field] {
    file_kind(root, path)
        .and_then(|file| table_kind(file, table))
        .map_or(&[], crate::schema::fields)
}

/// One line on a key: its type, and whether it is required or its default.
pub fn summary(field: &Field) -> String {
    let value = field.value.describe();
    match (field.required, field.default) {
        (true, _) => format!("{value}, required"),
        (false, Some(default)) => format!("{value}, default {default}"),
        (false, None) => value,
    }
}
