//! What ICU4X knows of a language: its plural rules, its digits, and how it writes dates
//! in the site's calendar. Built once per build; each formatter is reused for every value.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Mutex;

use chrono::{Datelike, NaiveDate};
use icu_calendar::{Date, Iso};
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{M, Y, YM, YMD};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

use crate::config::Calendar;

/// Formatters for one locale and calendar.
pub struct LocaleFormats {
    plurals: PluralRules,
    numbers: DecimalFormatter,
    /// Whether numbers below 10,000 are written as plain ASCII digits (English, French…),
    /// which lets them skip the formatter.
    plain_digits: bool,
    /// A day, in the site's calendar.
    day: DateTimeFormatter<YMD>,
    /// A month or a year: in the Gregorian calendar, since a Gregorian month or year is not
    /// one month or year of another calendar (the sources give them so).
    month: DateTimeFormatter<YM>,
    year: DateTimeFormatter<Y>,
    month_name: DateTimeFormatter<M>,
    /// Days already written: a build shows the same day on many cards and pages, and a
    /// lookup is cheaper than formatting.
    days: Mutex<HashMap<NaiveDate, String>>,
}

impl std::fmt::Debug for LocaleFormats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LocaleFormats")
    }
}

impl LocaleFormats {
    /// Formatters for `locale` (a BCP 47 tag) in `calendar`; `None` when ICU4X has no data
    /// to build them (it falls back to the root locale for unknown languages, so this is
    /// rare).
    pub fn new(locale: &Locale, calendar: Calendar) -> Option<LocaleFormats> {
        let mut in_calendar = locale.clone();
        in_calendar
            .extensions
            .unicode
            .keywords
            .set("ca".parse().ok()?, calendar.bcp47().parse().ok()?);
        let mut gregorian = locale.clone();
        gregorian
            .extensions
            .unicode
            .keywords
            .set("ca".parse().ok()?, "gregory".parse().ok()?);
        let plurals = PluralRules::try_new_cardinal(locale.into()).ok()?;
        let mut options = DecimalFormatterOptions::default();
        options.grouping_strategy = Some(GroupingStrategy::Min2);
        let numbers = DecimalFormatter::try_new(locale.into(), options).ok()?;
        let mut formats = LocaleFormats {
            plurals,
            numbers,
            plain_digits: false,
            day: DateTimeFormatter::try_new((&in_calendar).into(), YMD::long()).ok()?,
            month: DateTimeFormatter::try_new((&gregorian).into(), YM::long()).ok()?,
            year: DateTimeFormatter::try_new((&gregorian).into(), Y::long()).ok()?,
            month_name: DateTimeFormatter::try_new((&gregorian).into(), M::long()).ok()?,
            days: Mutex::default(),
        };
        let mut probe = String::new();
        formats.write_formatted(&mut probe, 1_234_567_890 % 10_000);
        formats.plain_digits = probe == "7890";
        Some(formats)
    }

    /// The CLDR plural category of `n` (an index into `message::CATEGORIES`).
    pub fn category(&self, n: i64) -> usize {
        match self.plurals.category_for(n) {
            PluralCategory::Zero => 0,
            PluralCategory::One => 1,
            PluralCategory::Two => 2,
            PluralCategory::Few => 3,
            PluralCategory::Many => 4,
            PluralCategory::Other => 5,
        }
    }

    /// The plural categories the language uses (indexes into `message::CATEGORIES`).
    pub fn categories(&self) -> Vec<usize> {
        let used: Vec<PluralCategory> = self.plurals.categories().collect();
        [
            PluralCategory::Zero,
            PluralCategory::One,
            PluralCategory::Two,
            PluralCategory::Few,
            PluralCategory::Many,
            PluralCategory::Other,
        ]
        .iter()
        .enumerate()
        .filter(|(_, c)| used.contains(c))
        .map(|(index, _)| index)
        .collect()
    }

    /// Writes `n` in the language's digits, grouped from five digits on (`12,345`, not
    /// `1,234`, so years read as years).
    pub fn write_number(&self, out: &mut String, n: i64) {
        if self.plain_digits && (0..10_000).contains(&n) {
            let _ = write!(out, "{n}");
        } else {
            self.write_formatted(out, n);
        }
    }

    fn write_formatted(&self, out: &mut String, n: i64) {
        let _ = write!(out, "{}", self.numbers.format(&Decimal::from(n)));
    }

    /// A day, e.g. `12 March 2025`, `۲۲ اسفند ۱۴۰۳`.
    pub fn day(&self, date: NaiveDate) -> String {
        if let Some(shown) = self
            .days
            .lock()
            .ok()
            .and_then(|days| days.get(&date).cloned())
        {
            return shown;
        }
        let shown = match iso(date.year(), date.month(), date.day()) {
            Some(d) => self.day.format(&d).to_string(),
            None => date.to_string(),
        };
        if let Ok(mut days) = self.days.lock() {
            days.insert(date, shown.clone());
        }
        shown
    }

    /// A month of a year, e.g. `March 2025`.
    pub fn month(&self, year: i32, month: u32) -> String {
        match iso(year, month, 1) {
            Some(d) => self.month.format(&d).to_string(),
            None => format!("{year:04}-{month:02}"),
        }
    }

    /// A year, e.g. `2025`, `۲۰۲۵`.
    pub fn year(&self, year: i32) -> String {
        match iso(year, 1, 1) {
            Some(d) => self.year.format(&d).to_string(),
            None => format!("{year:04}"),
        }
    }

    /// The name of a month (1–12) of the Gregorian calendar, e.g. `March`, `مارس`.
    pub fn month_name(&self, month: u32) -> String {
        match iso(2000, month.clamp(1, 12), 1) {
            Some(d) => self.month_name.format(&d).to_string(),
            None => month.to_string(),
        }
    }
}

fn iso(year: i32, month: u32, day: u32) -> Option<Date<Iso>> {
    Date::try_new_iso(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
}
