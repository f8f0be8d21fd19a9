//! Views: the small, reusable pieces of template context (a link to a topic, a quote card…),
//! built once per entity and shared by every page that shows them. `tera::Value` clones are
//! reference-counted, so a topic page listing 5,000 quotes copies pointers, not quotes.

use rayon::prelude::*;
use tera::Value;

use super::Theme;
use crate::dates::PartialDate;
use crate::diagnostics::Diagnostics;
use crate::link::{ChronologyEntry, ChronologyItem, Dossier};

/// Builds a template map from `(key, value)` pairs.
pub fn obj<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from(
        pairs
            .into_iter()
            .map(|(key, value)| (tera::value::Key::from(key), value))
            .collect::<tera::Map>(),
    )
}

pub fn list(values: impl IntoIterator<Item = Value>) -> Value {
    Value::from(values.into_iter().collect::<Vec<Value>>())
}

/// Text direction of a language tag: right-to-left for Persian, Arabic, Hebrew, Urdu…
pub fn text_direction(language: &str) -> &'static str {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(
        primary.as_str(),
        "fa" | "ar" | "he" | "ur" | "ps" | "yi" | "dv" | "ckb" | "sd"
    ) {
        "rtl"
    } else {
        "ltr"
    }
}

/// A month of a chronology year (`None`: dated to the year only) and its entries.
type MonthGroup = (Option<u32>, Vec<Value>);

/// Every entity's view, indexed like the dossier's vectors.
pub struct Views {
    /// What every template gets as `site`.
    pub site: Value,
    pub topics: Vec<Value>,
    pub speakers: Vec<Value>,
    pub articles: Vec<Value>,
    pub quotes: Vec<Value>,
    pub events: Vec<Value>,
}

impl Views {
    /// Every entity's view, with the quote and article cards rendered through `theme`
    /// (`cards.rs`).
    pub fn build(dossier: &Dossier, theme: &Theme) -> Result<Views, Diagnostics> {
        let mut views = Views::data(dossier);
        super::cards::add_cards(theme, &mut views)?;
        Ok(views)
    }

    /// The views' data, before cards are rendered.
    fn data(dossier: &Dossier) -> Views {
        let topics: Vec<Value> = dossier
            .topics
            .iter()
            .map(|t| {
                obj([
                    ("slug", t.slug.as_str().into()),
                    ("title", t.title.as_str().into()),
                    ("url", t.url.as_str().into()),
                    ("description", t.description.clone().into()),
                    ("article_count", t.articles.len().into()),
                    ("quote_count", t.quotes.len().into()),
                ])
            })
            .collect();
        let speakers: Vec<Value> = dossier
            .speakers
            .iter()
            .map(|s| {
                obj([
                    ("slug", s.slug.as_str().into()),
                    ("name", s.name.as_str().into()),
                    ("url", s.url.as_str().into()),
                    ("role", s.role.clone().into()),
                    ("country", s.country.clone().into()),
                    ("quote_count", s.quotes.len().into()),
                    ("article_count", s.articles.len().into()),
                ])
            })
            .collect();
        let topic_list = |indices: &[usize]| list(indices.iter().map(|&i| topics[i].clone()));
        let articles: Vec<Value> = dossier
            .articles
            .par_iter()
            .map(|a| {
                obj([
                    ("slug", a.slug.as_str().into()),
                    ("title", a.title.as_str().into()),
                    ("url", a.url.as_str().into()),
                    ("date", a.date.iso_date().into()),
                    ("datetime", a.date.rfc3339().into()),
                    ("date_display", a.date.display().into()),
                    ("summary", a.summary.clone().into()),
                    ("author", a.author.clone().into()),
                    ("source", a.source.clone().into()),
                    ("topics", topic_list(&a.topics)),
                    ("quote_count", a.quotes.len().into()),
                ])
            })
            .collect();
        let article_links: Vec<Value> = dossier
            .articles
            .iter()
            .map(|a| {
                obj([
                    ("title", a.title.as_str().into()),
                    ("url", a.url.as_str().into()),
                    ("date", a.date.iso_date().into()),
                    ("date_display", a.date.display().into()),
                    ("source", a.source.clone().into()),
                ])
            })
            .collect();
        let quotes: Vec<Value> = dossier
            .quotes
            .par_iter()
            .map(|q| {
                let original = q.original.as_ref().map(|o| {
                    obj([
                        ("language", o.language.as_str().into()),
                        ("dir", text_direction(&o.language).into()),
                        ("text", o.text.as_str().into()),
                    ])
                });
                obj([
                    ("id", q.id.as_str().into()),
                    ("url", q.url.as_str().into()),
                    ("text", q.text.as_str().into()),
                    ("said", q.said.iso_date().into()),
                    ("said_display", q.said.display().into()),
                    ("context", q.context.clone().into()),
                    ("status", q.status.as_str().into()),
                    ("source_url", q.source_url.clone().into()),
                    ("speaker", speakers[q.speaker].clone()),
                    ("topics", topic_list(&q.topics)),
                    ("article", article_links[q.article].clone()),
                    ("original", original.into()),
                    (
                        "responds_to",
                        q.responds_to.map(|r| dossier.quotes[r].id.clone()).into(),
                    ),
                    ("response_count", q.responses.len().into()),
                ])
            })
            .collect();
        let events: Vec<Value> = dossier
            .events
            .iter()
            .map(|e| {
                let article = &dossier.articles[e.article];
                obj([
                    ("id", e.id.as_str().into()),
                    ("title", e.title.as_str().into()),
                    ("date", e.date.iso().into()),
                    ("datetime", e.date.start.iso().into()),
                    ("date_display", e.date.display().into()),
                    ("precision", precision_name(&e.date).into()),
                    ("approximate", e.date.approximate.into()),
                    ("topics", topic_list(&e.topics)),
                    ("article", article_links[e.article].clone()),
                    ("url", format!("{}#{}", article.url, e.id).into()),
                ])
            })
            .collect();
        Views {
            site: super::pages::site_value(dossier),
            topics,
            speakers,
            articles,
            quotes,
            events,
        }
    }

    pub fn topic_list(&self, indices: &[usize]) -> Value {
        list(indices.iter().map(|&i| self.topics[i].clone()))
    }

    pub fn speaker_list(&self, indices: &[usize]) -> Value {
        list(indices.iter().map(|&i| self.speakers[i].clone()))
    }

    pub fn article_list(&self, indices: &[usize]) -> Value {
        list(indices.iter().map(|&i| self.articles[i].clone()))
    }

    pub fn quote_list(&self, indices: &[usize]) -> Value {
        list(indices.iter().map(|&i| self.quotes[i].clone()))
    }

    pub fn event_list(&self, indices: &[usize]) -> Value {
        list(indices.iter().map(|&i| self.events[i].clone()))
    }

    /// A chronology entry: `kind` is `article` or `event`.
    pub fn chronology_entry(&self, dossier: &Dossier, entry: &ChronologyEntry) -> Value {
        let (kind, item) = match entry.item {
            ChronologyItem::Article(i) => ("article", self.articles[i].clone()),
            ChronologyItem::Event(i) => ("event", self.events[i].clone()),
        };
        let title = match entry.item {
            ChronologyItem::Article(i) => dossier.articles[i].title.as_str(),
            ChronologyItem::Event(i) => dossier.events[i].title.as_str(),
        };
        obj([
            ("kind", kind.into()),
            ("title", title.into()),
            ("date", entry.date.iso().into()),
            ("datetime", entry.date.start.iso().into()),
            ("date_display", entry.date.display().into()),
            ("precision", precision_name(&entry.date).into()),
            ("item", item),
        ])
    }

    /// Entries grouped by year, then by month (a group with no month first).
    pub fn chronology_years(
        &self,
        dossier: &Dossier,
        entries: &[&ChronologyEntry],
    ) -> Vec<(i32, Value)> {
        let mut years: Vec<(i32, Vec<MonthGroup>)> = Vec::new();
        for entry in entries {
            let year = entry.date.start.year;
            let month = entry.date.start.month;
            if years.last().is_none_or(|(y, _)| *y != year) {
                years.push((year, Vec::new()));
            }
            let months = &mut years.last_mut().expect("pushed above").1;
            if months.last().is_none_or(|(m, _)| *m != month) {
                months.push((month, Vec::new()));
            }
            months
                .last_mut()
                .expect("pushed above")
                .1
                .push(self.chronology_entry(dossier, entry));
        }
        years
            .into_iter()
            .map(|(year, months)| {
                let count: usize = months.iter().map(|(_, e)| e.len()).sum();
                let months = list(months.into_iter().map(|(month, entries)| {
                    let point = crate::dates::DatePoint {
                        year,
                        month,
                        day: None,
                    };
                    obj([
                        ("month", month.into()),
                        ("name", point.month_name().into()),
                        (
                            "id",
                            match month {
                                Some(m) => format!("y{year}-m{m:02}"),
                                None => format!("y{year}-undated"),
                            }
                            .into(),
                        ),
                        ("entries", list(entries)),
                    ])
                }));
                let value = obj([
                    ("year", year.into()),
                    ("url", dossier.url(&format!("chronology/{year}/")).into()),
                    ("count", count.into()),
                    ("months", months),
                ]);
                (year, value)
            })
            .collect()
    }
}

fn precision_name(date: &PartialDate) -> &'static str {
    match date.precision() {
        crate::dates::Precision::Year => "year",
        crate::dates::Precision::Month => "month",
        crate::dates::Precision::Day => "day",
    }
}
