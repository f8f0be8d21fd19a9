//! The interface strings: every word dossier shows that is not content (navigation,
//! headings, page and feed titles, redirect pages, citations, dates and numbers), read from a
//! translation table rather than written in the code or the templates. The built-in tables
//! are `theme/i18n/<language>.toml` (embedded); a site can add or override strings in its own
//! `i18n/<language>.toml` (see `site`). Templates read them with `t(key="…")`.
//!
//! Numbers, plural forms and dates come from ICU4X (CLDR data compiled in) for the site's
//! language and calendar (`locale`).

pub mod locale;
pub mod message;
pub mod site;
pub mod table;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use chrono::NaiveDate;
use icu_locale_core::Locale;

use crate::config::Calendar;
use locale::LocaleFormats;
use message::Message;

/// The built-in tables, by primary language subtag. English first: every other table is
/// read over it, so a string missing there shows in English.
pub const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("../../theme/i18n/en.toml")),
    ("ar", include_str!("../../theme/i18n/ar.toml")),
    ("de", include_str!("../../theme/i18n/de.toml")),
    ("es", include_str!("../../theme/i18n/es.toml")),
    ("fa", include_str!("../../theme/i18n/fa.toml")),
    ("fr", include_str!("../../theme/i18n/fr.toml")),
];

/// One language's strings and formats.
#[derive(Debug)]
pub struct Strings {
    /// `table.name` → message.
    messages: HashMap<String, Message>,
    formats: LocaleFormats,
    /// Whether the language is written right to left.
    rtl: bool,
}

static ENGLISH: LazyLock<Arc<Strings>> = LazyLock::new(|| {
    let messages = builtin("en").expect("the English table is built in");
    Arc::new(Strings::new(messages, "en", Calendar::Gregorian))
});

/// The built-in table for the primary subtag of `language`, read over English.
fn builtin(language: &str) -> Option<HashMap<String, Message>> {
    let text = builtin_text(language)?;
    let mut messages = HashMap::new();
    for text in [TABLES[0].1, text] {
        // The built-in tables are tested to parse without a problem.
        let (entries, _) = table::parse(text).ok()?;
        messages.extend(entries.into_iter().map(|e| (e.key, e.message)));
    }
    Some(messages)
}

/// The text of the built-in table for the primary subtag of `language`.
pub fn builtin_text(language: &str) -> Option<&'static str> {
    let primary = primary_subtag(language);
    TABLES
        .iter()
        .find(|(code, _)| *code == primary)
        .map(|(_, text)| *text)
}

/// The direction a language is written in: `rtl` for Persian, Arabic, Hebrew, Urdu…,
/// else `ltr`.
pub fn direction(language: &str) -> &'static str {
    if matches!(
        primary_subtag(language).as_str(),
        "fa" | "ar" | "he" | "ur" | "ps" | "yi" | "dv" | "ckb" | "sd"
    ) {
        "rtl"
    } else {
        "ltr"
    }
}

/// Whether `text` reads right to left: its first letter (the first strong character of
/// the Unicode bidirectional algorithm) is Hebrew, Arabic or another RTL script; `None`
/// when it has no letter (digits and punctuation only).
pub fn starts_right_to_left(text: &str) -> Option<bool> {
    text.chars().find(|c| c.is_alphabetic()).map(|c| {
        matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

/// `fa-IR` → `fa`.
pub fn primary_subtag(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

impl Strings {
    /// Strings from `messages`, numbers and dates for `language` in `calendar`.
    fn new(messages: HashMap<String, Message>, language: &str, calendar: Calendar) -> Strings {
        let formats = date_locale(language, &messages)
            .and_then(|locale| LocaleFormats::new(&locale, calendar))
            .or_else(|| LocaleFormats::new(&"en-GB".parse().ok()?, calendar))
            .expect("ICU4X has English data compiled in");
        Strings {
            messages,
            formats,
            rtl: direction(language) == "rtl",
        }
    }

    /// Whether the language is written right to left.
    pub fn rtl(&self) -> bool {
        self.rtl
    }

    /// The built-in strings for `language` (a language tag such as `en` or `fa-IR`) in
    /// the Gregorian calendar; English for a language without a built-in table.
    pub fn for_language(language: &str) -> Arc<Strings> {
        match builtin(language) {
            Some(messages) if primary_subtag(language) != "en" => {
                Arc::new(Strings::new(messages, language, Calendar::Gregorian))
            }
            _ => Strings::english(),
        }
    }

    /// The English table (also what diagnostics use to show dates).
    pub fn english() -> Arc<Strings> {
        ENGLISH.clone()
    }

    /// The message at `key`.
    pub fn message(&self, key: &str) -> Option<&Message> {
        self.messages.get(key)
    }

    /// The string at `key` (its `other` form for a plural); the key itself if there is
    /// none, so a missing string shows.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        // Every key the code asks for is in the built-in table: a typo fails the tests.
        debug_assert!(
            self.messages.contains_key(key),
            "no interface string `{key}`"
        );
        self.messages
            .get(key)
            .map_or(key, |m| m.pattern(5).source())
    }

    /// The string at `key` with each `{name}` replaced by its value in `args`; unknown
    /// names are left as they are.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.fill_form(key, 5, args)
    }

    /// The form of the string at `key` for `count` (`{count}` is the number, in the
    /// language's digits), with `args` filled in as in [`Strings::fill`].
    pub fn count(&self, key: &str, count: i64, args: &[(&str, &str)]) -> String {
        let number = self.number(count);
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(("count", number.as_str()));
        all.extend_from_slice(args);
        self.fill_form(key, self.category(count), &all)
    }

    /// [`Strings::fill`] for HTML: the string's own text escaped, `args` (already HTML)
    /// inserted as they are.
    pub fn fill_html(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.write_form(key, 5, true, args)
    }

    fn fill_form(&self, key: &str, category: usize, args: &[(&str, &str)]) -> String {
        self.write_form(key, category, false, args)
    }

    fn write_form(&self, key: &str, category: usize, html: bool, args: &[(&str, &str)]) -> String {
        let Some(message) = self.messages.get(key) else {
            debug_assert!(false, "no interface string `{key}`");
            return key.to_string();
        };
        let pattern = message.pattern(category);
        let mut out = String::with_capacity(pattern.source().len() + 32);
        pattern.write(&mut out, html, |name, out| {
            match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => {
                    out.push_str(value);
                    true
                }
                None => false,
            }
        });
        out
    }

    /// The CLDR plural category of `n`, as an index into [`message::CATEGORIES`].
    pub fn category(&self, n: i64) -> usize {
        self.formats.category(n)
    }

    /// The CLDR plural categories the language uses, as indexes into
    /// [`message::CATEGORIES`] (English: one, other; Arabic: all six).
    pub fn plural_categories(&self) -> Vec<usize> {
        self.formats.categories()
    }

    /// `n` in the language's digits.
    pub fn number(&self, n: i64) -> String {
        let mut out = String::new();
        self.formats.write_number(&mut out, n);
        out
    }

    /// Writes `n` in the language's digits into `out`.
    pub fn write_number(&self, out: &mut String, n: i64) {
        self.formats.write_number(out, n);
    }

    /// The name of `month` (1–12), e.g. `March`.
    pub fn month_name(&self, month: u32) -> String {
        self.formats.month_name(month)
    }

    /// A day, e.g. `12 March 2025`; in the site's calendar.
    pub fn day(&self, date: NaiveDate) -> String {
        self.formats.day(date)
    }

    /// A month of a year, e.g. `July 2015`.
    pub fn month(&self, year: i32, month: u32) -> String {
        self.formats.month(year, month)
    }

    /// A year, e.g. `2015`.
    pub fn year(&self, year: i32) -> String {
        self.formats.year(year)
    }

    /// Every string without placeholders or plural forms, as HTML: `(key, html)`.
    pub fn plain_strings(&self) -> impl Iterator<Item = (&str, String)> {
        self.messages
            .iter()
            .filter_map(|(key, message)| match message {
                Message::Text(pattern) => pattern.plain_html().map(|html| (key.as_str(), html)),
                Message::Plural(_) => None,
            })
    }

    /// Every key, for the test that templates and code use only keys that exist.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.messages.keys().map(String::as_str)
    }
}

/// The locale dates and numbers are written for: the site's language when it names a
/// region (`en-US`, `fr-CA`), else the table's `locale.dates` (`en` → `en-GB`: dossier has
/// always written `12 March 2025`).
fn date_locale(language: &str, messages: &HashMap<String, Message>) -> Option<Locale> {
    let given: Locale = language.replace('_', "-").parse().ok()?;
    if given.id.region.is_some() {
        return Some(given);
    }
    let preferred = messages.get("locale.dates")?.pattern(5).source();
    preferred.parse().ok().or(Some(given))
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
        assert_eq!(strings.year(2015), "2015");
        assert_eq!(strings.month_name(3), "March");
    }

    #[test]
    fn english_counts_take_the_singular_for_one_only() {
        let strings = Strings::english();
        assert_eq!(strings.count("count.quotes", 1, &[]), "1 quote");
        assert_eq!(strings.count("count.quotes", 0, &[]), "0 quotes");
        assert_eq!(strings.count("count.quotes", 12345, &[]), "12,345 quotes");
        assert_eq!(strings.number(2025), "2025");
    }

    #[test]
    fn persian_dates_are_solar_hijri_in_persian_digits() {
        let messages = builtin("fa").unwrap();
        let strings = Strings::new(messages, "fa", Calendar::Persian);
        let date = NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
        assert_eq!(strings.day(date), "۲۲ اسفند ۱۴۰۳");
        assert_eq!(strings.number(2025), "۲۰۲۵");
        assert_eq!(strings.year(2015), "۲۰۱۵");
    }

    #[test]
    fn arabic_has_six_plural_forms() {
        let strings = Strings::for_language("ar");
        let forms: Vec<usize> = [0, 1, 2, 3, 11, 100]
            .iter()
            .map(|n| strings.category(*n))
            .collect();
        assert_eq!(forms, [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn every_built_in_table_parses_cleanly_and_has_every_english_key() {
        let (english, _) = table::parse(TABLES[0].1).unwrap();
        for (code, text) in TABLES {
            let (entries, problems) = table::parse(text).unwrap();
            assert!(problems.is_empty(), "{code}: {problems:?}");
            for e in &english {
                let found = entries.iter().find(|x| x.key == e.key);
                assert!(found.is_some(), "{code}.toml has no `{}`", e.key);
            }
            for e in &entries {
                assert!(
                    english.iter().any(|x| x.key == e.key),
                    "{code}.toml: `{}` is not in en.toml",
                    e.key
                );
            }
        }
    }
}
