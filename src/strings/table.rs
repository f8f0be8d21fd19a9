//! Reading a translation table (`theme/i18n/<language>.toml`, or a site's
//! `i18n/<language>.toml`): `[table]` sections of `name = "string"` entries, where a string
//! that depends on a count is a table of CLDR plural forms (`{ one = "…", other = "…" }`).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::message::{CATEGORIES, Message, Pattern};

/// One entry of a table: its key (`section.name`), where the key is, and the message.
#[derive(Debug)]
pub struct Entry {
    pub key: String,
    pub span: Range<usize>,
    pub message: Message,
}

/// Something wrong at a place in the table.
#[derive(Debug)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

/// The entries of `text`, and what is wrong with the ones that could not be read. A TOML
/// syntax error fails the whole table.
pub fn parse(text: &str) -> Result<(Vec<Entry>, Vec<Problem>), Problem> {
    let table = DeTable::parse(text).map_err(|err| Problem {
        span: err.span().unwrap_or(0..0),
        message: format!("invalid TOML: {}", err.message()),
        help: "a translation table is TOML: `[section]` headers and `name = \"text\"` lines".into(),
    })?;
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (section, values) in table.get_ref() {
        let DeValue::Table(values) = values.get_ref() else {
            problems.push(Problem {
                span: section.span(),
                message: format!("`{}` is not a section", section.get_ref()),
                help: format!(
                    "put the strings under a `[{}]` header, each as `name = \"text\"`",
                    section.get_ref()
                ),
            });
            continue;
        };
        for (name, value) in values {
            let key = format!("{}.{}", section.get_ref(), name.get_ref());
            match message(value.get_ref(), &key) {
                Ok(message) => entries.push(Entry {
                    key,
                    span: name.span(),
                    message,
                }),
                Err((message, help)) => problems.push(Problem {
                    span: value.span(),
                    message,
                    help,
                }),
            }
        }
    }
    Ok((entries, problems))
}

fn message(value: &DeValue, key: &str) -> Result<Message, (String, String)> {
    match value {
        DeValue::String(text) => Ok(Message::Text(Pattern::parse(text))),
        DeValue::Table(forms) => plural(forms, key),
        other => Err((
            format!("`{key}` is {}, not a string", kind(other)),
            "write the text in quotes, e.g. `articles = \"Articles\"`".into(),
        )),
    }
}

fn plural(forms: &DeTable, key: &str) -> Result<Message, (String, String)> {
    let help = format!(
        "a string that depends on a count is a table of plural forms ({}), `other` required: \
         `{key} = {{ one = \"{{count}} quote\", other = \"{{count}} quotes\" }}`",
        CATEGORIES.join(", ")
    );
    let mut patterns: [Option<Pattern>; 6] = Default::default();
    for (category, text) in forms {
        let Some(index) = CATEGORIES.iter().position(|c| *c == category.get_ref()) else {
            return Err((
                format!("`{key}`: `{}` is not a plural category", category.get_ref()),
                help,
            ));
        };
        let DeValue::String(text) = text.get_ref() else {
            return Err((
                format!(
                    "`{key}.{}` is {}, not a string",
                    category.get_ref(),
                    kind(text.get_ref())
                ),
                help,
            ));
        };
        patterns[index] = Some(Pattern::parse(text));
    }
    if patterns[5].is_none() {
        return Err((format!("`{key}` has no `other` form"), help));
    }
    Ok(Message::Plural(Box::new(patterns)))
}

fn kind(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_and_plural_forms() {
        let (entries, problems) = parse(
            "[title]\narticles = \"Articles\"\n[count]\nquotes = { one = \"{count} quote\", other = \"{count} quotes\" }\n",
        )
        .unwrap();
        assert!(problems.is_empty());
        let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["count.quotes", "title.articles"]);
        assert!(entries[0].message.is_plural());
        assert_eq!(entries[0].message.pattern(1).source(), "{count} quote");
        assert_eq!(entries[0].message.pattern(3).source(), "{count} quotes");
    }

    #[test]
    fn reports_bad_values_at_their_place() {
        let text = "[title]\narticles = 3\n[count]\nquotes = { one = \"x\" }\nmore = { dual = \"x\", other = \"y\" }\n";
        let (entries, problems) = parse(text).unwrap();
        assert!(entries.is_empty());
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`count.more`: `dual` is not a plural category",
                "`count.quotes` has no `other` form",
                "`title.articles` is an integer, not a string",
            ]
        );
        assert_eq!(&text[problems[2].span.clone()], "3");
        assert!(parse("[title\n").is_err());
    }
}
