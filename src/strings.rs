//! The interface strings: the words dossier puts together outside the templates (page
//! titles, feed titles, redirect pages, citations, dates), read from a translation table
//! (`theme/i18n/<language>.toml`, embedded) rather than written in the code. Templates read
//! the same table with `t(key="…")`.
//!
//! Only English is built in so far; any other `language` uses it too.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use chrono::{Datelike, NaiveDate};

/// The built-in tables, by language.
const TABLES: &[(&str, &str)] = &[("en", include_str!("../theme/i18n/en.toml"))];

/// One language's strings.
#[derive(Debug, Clone)]
pub struct Strings {
    /// `table.name` → text.
    map: HashMap<String, String>,
    months: Vec<String>,
}

static ENGLISH: LazyLock<Arc<Strings>> =
    LazyLock::new(|| Arc::new(Strings::parse(TABLES[0].1).expect("the built-in table parses")));

impl Strings {
    /// The strings for `language` (a language tag such as `en` or `fa-IR`).
    pub fn for_language(_language: &str) -> Arc<Strings> {
        Strings::english()
    }

    /// The English table (also what diagnostics use to show dates).
    pub fn english() -> Arc<Strings> {
        ENGLISH.clone()
    }

    fn parse(text: &str) -> Result<Strings, String> {
        let table: toml::Table = toml::from_str(text).map_err(|err| err.to_string())?;
        let mut map = HashMap::new();
        let mut months = Vec::new();
        for (section, values) in table {
            let toml::Value::Table(values) = values else {
                return Err(format!("`{section}` is not a table"));
            };
            for (name, value) in values {
                match (section.as_str(), name.as_str(), value) {
                    (_, _, toml::Value::String(text)) => {
                        map.insert(format!("{section}.{name}"), text);
                    }
                    ("date", "months", toml::Value::Array(names)) => {
                        months = names
                            .into_iter()
                            .filter_map(|n| n.as_str().map(String::from))
                            .collect();
                    }
                    (_, _, other) => {
                        return Err(format!("`{section}.{name}` is a {}", other.type_str()));
                    }
                }
            }
        }
        if months.len() != 12 {
            return Err("`date.months` must list twelve names".into());
        }
        Ok(Strings { map, months })
    }

    /// The string at `key`; the key itself if there is none (so a missing string shows).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        // Every key the code asks for is in the built-in table: a typo fails the tests.
        debug_assert!(self.map.contains_key(key), "no interface string `{key}`");
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The string at `key` with each `{name}` replaced by its value in `args`.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let template = self.get(key);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) => out.push_str(value),
                        None => out.push_str(&rest[open..open + close + 2]),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The name of `month` (1–12).
    pub fn month_name(&self, month: u32) -> &str {
        &self.months[(month as usize).clamp(1, 12) - 1]
    }

    /// A day, e.g. `12 March 2025`.
    pub fn day(&self, date: NaiveDate) -> String {
        self.fill(
            "date.day",
            &[
                ("day", &date.day().to_string()),
                ("month", self.month_name(date.month())),
                ("year", &date.year().to_string()),
            ],
        )
    }

    /// A month of a year, e.g. `July 2015`.
    pub fn month(&self, year: i32, month: u32) -> String {
        self.fill(
            "date.month",
            &[
                ("month", self.month_name(month)),
                ("year", &year.to_string()),
            ],
        )
    }

    /// A year, e.g. `2015`.
    pub fn year(&self, year: i32) -> String {
        self.fill("date.year", &[("year", &year.to_string())])
    }

    /// Every key, for the test that templates and code use only keys that exist.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_named_placeholders_and_leaves_unknown_ones() {
        let strings = Strings::english();
        assert_eq!(
            strings.fill(
                "title.paged",
                &[("title", "Quotes"), ("n", "2"), ("count", "9")]
            ),
            "Quotes (page 2 of 9)"
        );
        assert_eq!(
            strings.fill("title.chronology_year", &[]),
            "Chronology: {year}"
        );
    }

    #[test]
    fn english_dates_read_as_before() {
        let strings = Strings::english();
        for day in 0..800 {
            let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(day);
            assert_eq!(strings.day(date), date.format("%-d %B %Y").to_string());
        }
        assert_eq!(strings.month(2015, 7), "July 2015");
    }
}
