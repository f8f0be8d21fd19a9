//! Dates as a dossier knows them: an article's exact date (with or without time), and the
//! partial, approximate or ranged dates of chronology events ("2015", "2003~", "2016-01-16/2018-05-08").

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone};

use crate::strings::Strings;

/// A full calendar date, optionally with a time of day and UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentDate {
    pub date: NaiveDate,
    /// Set when the front matter gave a time; a time without offset is taken as UTC.
    pub datetime: Option<DateTime<FixedOffset>>,
}

impl ContentDate {
    pub fn from_date(date: NaiveDate) -> Self {
        ContentDate {
            date,
            datetime: None,
        }
    }

    /// Converts a TOML date or datetime. Errors are plain messages; the caller adds the place.
    pub fn from_toml(value: &toml::value::Datetime) -> Result<Self, String> {
        let Some(d) = value.date else {
            return Err("expected a date (e.g. 2025-03-12), found a time of day only".into());
        };
        let date = NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            .ok_or_else(|| {
                format!(
                    "{:04}-{:02}-{:02} is not a calendar date",
                    d.year, d.month, d.day
                )
            })?;
        let Some(t) = value.time else {
            return Ok(ContentDate::from_date(date));
        };
        let time = NaiveTime::from_hms_nano_opt(
            u32::from(t.hour),
            u32::from(t.minute),
            u32::from(t.second.unwrap_or(0)),
            t.nanosecond.unwrap_or(0),
        )
        .ok_or("invalid time of day")?;
        let offset_minutes = match value.offset {
            Some(toml::value::Offset::Custom { minutes }) => i32::from(minutes),
            _ => 0,
        };
        let offset = FixedOffset::east_opt(offset_minutes * 60).ok_or("invalid UTC offset")?;
        let datetime = offset
            .from_local_datetime(&date.and_time(time))
            .single()
            .ok_or("invalid date and time")?;
        Ok(ContentDate {
            date,
            datetime: Some(datetime),
        })
    }

    /// RFC 3339, midnight UTC when no time was given (feeds, sitemaps, JSON-LD).
    pub fn rfc3339(&self) -> String {
        match self.datetime {
            Some(dt) => dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            None => format!("{}T00:00:00Z", self.date),
        }
    }

    /// `2025-03-12`
    pub fn iso_date(&self) -> String {
        // NaiveDate's Display is ISO 8601 (`%Y-%m-%d`), written without parsing a format
        // string: chrono's `format` was 1% of a build.
        self.date.to_string()
    }

    /// `12 March 2025`, in the words of `strings`.
    pub fn display(&self, strings: &Strings) -> String {
        strings.day(self.date)
    }

    /// Orders by instant when both have a time, else by calendar date.
    pub fn sort_key(&self) -> (NaiveDate, i64) {
        (
            self.date,
            self.datetime
                .map_or(0, |dt| dt.timestamp() - midnight_utc(self.date)),
        )
    }
}

fn midnight_utc(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0)
        .map_or(0, |dt| dt.and_utc().timestamp())
}

/// One end of a partial date: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DatePoint {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl DatePoint {
    pub fn from_date(date: NaiveDate) -> Self {
        DatePoint {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Sorts a year before its months and a month before its days, so "2015" opens 2015.
    pub fn sort_key(&self) -> (i32, u32, u32) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, what: &str, len: usize| -> Result<u32, String> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("`{text}`: the {what} must be {len} digits"));
            }
            s.parse().map_err(|_| format!("`{text}`: bad {what}"))
        };
        let year = number(parts[0], "year", 4)? as i32;
        let month = match parts.get(1) {
            Some(m) => {
                let month = number(m, "month", 2)?;
                if !(1..=12).contains(&month) {
                    return Err(format!("`{text}`: month {month} does not exist (01 to 12)"));
                }
                Some(month)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => {
                let day = number(d, "day", 2)?;
                let month = month.unwrap_or(1);
                if NaiveDate::from_ymd_opt(year, month, day).is_none() {
                    return Err(format!("`{text}` is not a calendar date"));
                }
                Some(day)
            }
            None => None,
        };
        if parts.len() > 3 {
            return Err(format!("`{text}`: too many parts"));
        }
        Ok(DatePoint { year, month, day })
    }

    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    pub fn display(&self, strings: &Strings) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d)
                .map_or_else(|| self.iso(), |date| strings.day(date)),
            (Some(m), None) => NaiveDate::from_ymd_opt(self.year, m, 1)
                .map_or_else(|| self.iso(), |_| strings.month(self.year, m)),
            _ => strings.year(self.year),
        }
    }

    pub fn month_name(&self, strings: &Strings) -> Option<String> {
        let m = self.month?;
        NaiveDate::from_ymd_opt(self.year, m, 1).map(|_| strings.month_name(m))
    }
}

/// An event's date: a point at day, month or year precision, maybe approximate, maybe a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub start: DatePoint,
    pub end: Option<DatePoint>,
    pub approximate: bool,
}

impl PartialDate {
    /// An event's `date` as front matter gives it: a TOML date, or a string holding a
    /// partial, approximate or ranged date.
    pub fn from_toml_value(value: &toml::Value) -> Result<PartialDate, String> {
        match value {
            toml::Value::Datetime(datetime) => {
                ContentDate::from_toml(datetime).map(|d| PartialDate::from_date(d.date))
            }
            toml::Value::String(text) => PartialDate::parse(text),
            other => Err(format!(
                "expected a date or a string, found {}",
                other.type_str()
            )),
        }
    }
}

impl PartialDate {
    pub fn from_date(date: NaiveDate) -> Self {
        PartialDate {
            start: DatePoint::from_date(date),
            end: None,
            approximate: false,
        }
    }

    /// Parses `2015`, `2015-07`, `2015-07-14`, `2003~`, `2016-01-16/2018-05-08`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (text, approximate) = match text.strip_suffix('~') {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let (start, end) = match text.split_once('/') {
            Some((a, b)) => (DatePoint::parse(a)?, Some(DatePoint::parse(b)?)),
            None => (DatePoint::parse(text)?, None),
        };
        if let Some(end) = end
            && end.sort_key() < start.sort_key()
        {
            return Err(format!("`{text}`: the range ends before it starts"));
        }
        Ok(PartialDate {
            start,
            end,
            approximate,
        })
    }

    pub fn precision(&self) -> Precision {
        self.start.precision()
    }

    pub fn iso(&self) -> String {
        let mut out = self.start.iso();
        if let Some(end) = self.end {
            out.push('/');
            out.push_str(&end.iso());
        }
        if self.approximate {
            out.push('~');
        }
        out
    }

    pub fn display(&self, strings: &Strings) -> String {
        let start = self.start.display(strings);
        let shown = match self.end {
            Some(end) => strings.fill(
                "date.range",
                &[("start", &start), ("end", &end.display(strings))],
            ),
            None => start,
        };
        if self.approximate {
            strings.fill("date.approximate", &[("date", &shown)])
        } else {
            shown
        }
    }

    pub fn sort_key(&self) -> (i32, u32, u32) {
        self.start.sort_key()
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.iso().cmp(&other.iso()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Diagnostics (English) show dates this way; pages use `display`.
        f.write_str(&self.display(&Strings::english()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_and_iso_display_match_chrono_formats() {
        let mut date = NaiveDate::from_ymd_opt(1999, 12, 25).unwrap();
        while date.year() < 2001 {
            let content = ContentDate {
                date,
                datetime: None,
            };
            assert_eq!(content.iso_date(), date.format("%Y-%m-%d").to_string());
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn parses_every_partial_form() {
        assert_eq!(
            PartialDate::parse("2015")
                .unwrap()
                .display(&Strings::english()),
            "2015"
        );
        assert_eq!(
            PartialDate::parse("2015-07")
                .unwrap()
                .display(&Strings::english()),
            "July 2015"
        );
        assert_eq!(
            PartialDate::parse("2015-07-14")
                .unwrap()
                .display(&Strings::english()),
            "14 July 2015"
        );
        assert_eq!(
            PartialDate::parse("2003~")
                .unwrap()
                .display(&Strings::english()),
            "c. 2003"
        );
        let range = PartialDate::parse("2016-01-16/2018-05-08").unwrap();
        assert_eq!(
            range.display(&Strings::english()),
            "16 January 2016 – 8 May 2018"
        );
        assert_eq!(range.iso(), "2016-01-16/2018-05-08");
    }

    #[test]
    fn rejects_bad_partial_dates() {
        assert!(PartialDate::parse("2025-13").is_err());
        assert!(PartialDate::parse("2025-02-30").is_err());
        assert!(PartialDate::parse("25").is_err());
        assert!(PartialDate::parse("2018/2016").is_err());
    }

    #[test]
    fn a_year_sorts_before_its_months() {
        let year = PartialDate::parse("2015").unwrap();
        let month = PartialDate::parse("2015-01").unwrap();
        let day = PartialDate::parse("2015-01-01").unwrap();
        assert!(year < month && month < day);
    }
}
