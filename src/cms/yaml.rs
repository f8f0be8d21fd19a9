//! A small YAML writer for the CMS configuration: block maps and lists in the order they
//! are built, every string double-quoted (JSON's escapes are YAML's), so no value is read
//! as another type (`no`, `2015`, `on`).

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Str(String),
    Bool(bool),
    Int(i64),
    List(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    pub fn str(text: impl Into<String>) -> Yaml {
        Yaml::Str(text.into())
    }

    /// A map from `(key, value)` pairs, in order.
    pub fn map<const N: usize>(entries: [(&str, Yaml); N]) -> Yaml {
        Yaml::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// A list of strings.
    pub fn strs<'a>(items: impl IntoIterator<Item = &'a str>) -> Yaml {
        Yaml::List(items.into_iter().map(Yaml::str).collect())
    }

    /// Adds `key: value` to a map (nothing on another value).
    pub fn insert(&mut self, key: &str, value: Yaml) {
        if let Yaml::Map(entries) = self {
            entries.push((key.to_string(), value));
        }
    }

    /// The document: `key: value` lines, nested blocks indented by two spaces.
    pub fn write(&self) -> String {
        let mut out = String::new();
        block(self, 0, &mut out);
        out
    }
}

/// A value that fits on its key's line, written so; `None` for a non-empty map or list.
fn inline(value: &Yaml) -> Option<String> {
    match value {
        Yaml::Str(text) => Some(serde_json::to_string(text).expect("a string serialises")),
        Yaml::Bool(b) => Some(b.to_string()),
        Yaml::Int(i) => Some(i.to_string()),
        Yaml::List(items) if items.is_empty() => Some("[]".into()),
        Yaml::Map(entries) if entries.is_empty() => Some("{}".into()),
        Yaml::List(_) | Yaml::Map(_) => None,
    }
}

fn block(value: &Yaml, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Yaml::Map(entries) => {
            for (key, value) in entries {
                match inline(value) {
                    Some(text) => out.push_str(&format!("{pad}{key}: {text}\n")),
                    None => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        block(value, indent + 2, out);
                    }
                }
            }
        }
        Yaml::List(items) => {
            for item in items {
                match (item, inline(item)) {
                    (_, Some(text)) => out.push_str(&format!("{pad}- {text}\n")),
                    // A map in a list: its first key on the dash's line.
                    (Yaml::Map(_), None) => {
                        let mut inner = String::new();
                        block(item, indent + 2, &mut inner);
                        out.push_str(&format!("{pad}- {}", &inner[indent + 2..]));
                    }
                    (_, None) => {
                        out.push_str(&format!("{pad}-\n"));
                        block(item, indent + 2, out);
                    }
                }
            }
        }
        scalar => out.push_str(&format!("{pad}{}\n", inline(scalar).unwrap_or_default())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_lists_nest_in_blocks_and_strings_are_quoted() {
        let doc = Yaml::map([
            ("name", Yaml::str("articles")),
            ("create", Yaml::Bool(true)),
            ("max", Yaml::Int(3)),
            ("empty", Yaml::List(vec![])),
            ("locales", Yaml::strs(["en", "no"])),
            (
                "fields",
                Yaml::List(vec![Yaml::map([
                    ("name", Yaml::str("title")),
                    ("hint", Yaml::str("Say \"it\".\nTwo lines.")),
                    ("pattern", Yaml::strs(["^a$", "one a"])),
                ])]),
            ),
        ]);
        assert_eq!(
            doc.write(),
            "name: \"articles\"\ncreate: true\nmax: 3\nempty: []\nlocales:\n  - \"en\"\n  - \"no\"\nfields:\n  - name: \"title\"\n    hint: \"Say \\\"it\\\".\\nTwo lines.\"\n    pattern:\n      - \"^a$\"\n      - \"one a\"\n"
        );
    }
}
