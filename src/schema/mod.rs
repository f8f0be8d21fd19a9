//! The content model as data: every key of `site.toml` and of each kind of front matter,
//! with its documentation, value kind, whether it is required and its default.
//!
//! The declarations (`fields.rs`) are the one list the rest derives from: the content
//! reference (`docs/content.md`, [`reference`]), the JSON Schemas of `dossier schema`, the
//! CMS configuration and the language server's key completion and hover. A test
//! (`tests/content_schema.rs`) checks them against the serde structs that really read the
//! files, so the list cannot drift from what `dossier` accepts.

mod fields;
pub mod json;
mod model;
pub mod patterns;
pub mod reference;

pub use model::{Field, Kind, ValueKind};

/// Every key of a table of `kind`.
pub fn fields(kind: Kind) -> &'static [Field] {
    fields::of(kind)
}

/// The key `name` of a table of `kind`, if it has one.
pub fn field(kind: Kind, name: &str) -> Option<&'static Field> {
    fields(kind).iter().find(|field| field.name == name)
}

/// The kind of the table at `path` inside a table of `kind`: in an article, `["quotes"]` is
/// a quote and `["quotes", "original"]` its original; in site.toml `["languages", "fa"]` is
/// a language. `None` when the path leaves the declared tables (`[extra]` or an unknown key).
pub fn kind_at(kind: Kind, path: &[&str]) -> Option<Kind> {
    let Some((first, rest)) = path.split_first() else {
        return Some(kind);
    };
    match field(kind, first)?.value {
        ValueKind::Table(inner) | ValueKind::Tables(inner) => kind_at(inner, rest),
        // `[languages.fa]`: the language code is a key, not a field.
        ValueKind::TablesByLanguage(inner) => match rest.split_first() {
            Some((_code, rest)) => kind_at(inner, rest),
            None => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_of_tables_names_the_kind_it_leads_to() {
        assert_eq!(kind_at(Kind::Article, &[]), Some(Kind::Article));
        assert_eq!(kind_at(Kind::Article, &["quotes"]), Some(Kind::Quote));
        assert_eq!(
            kind_at(Kind::Article, &["quotes", "original"]),
            Some(Kind::Original)
        );
        assert_eq!(
            kind_at(Kind::Site, &["languages", "fa"]),
            Some(Kind::Language)
        );
        assert_eq!(kind_at(Kind::Site, &["languages"]), None);
        assert_eq!(kind_at(Kind::Site, &["extra"]), None);
        assert_eq!(kind_at(Kind::Article, &["title"]), None);
        assert_eq!(kind_at(Kind::Article, &["wobble"]), None);
    }

    #[test]
    fn every_kind_is_a_file_or_a_table_in_one() {
        for kind in Kind::ALL {
            let reached = Kind::FILES.iter().any(|file| {
                *file == kind
                    || fields(*file)
                        .iter()
                        .filter_map(|f| f.value.table_kind())
                        .any(|inner| {
                            inner == kind
                                || fields(inner)
                                    .iter()
                                    .any(|f| f.value.table_kind() == Some(kind))
                        })
            });
            assert!(reached, "{kind:?} is declared but no file holds it");
        }
    }

    #[test]
    fn every_field_is_documented_and_names_are_unique() {
        for kind in Kind::ALL {
            assert!(!kind.doc().is_empty(), "{kind:?}");
            let names: Vec<&str> = fields(kind).iter().map(|f| f.name).collect();
            for (i, name) in names.iter().enumerate() {
                assert!(!names[..i].contains(name), "{kind:?}.{name} twice");
            }
            for field in fields(kind) {
                assert!(
                    field.doc.ends_with('.') || field.doc.ends_with(')'),
                    "{kind:?}.{}: a sentence",
                    field.name
                );
                assert!(
                    !(field.required && field.default.is_some()),
                    "{kind:?}.{}: required with a default",
                    field.name
                );
            }
        }
    }
}
