//! The dossier as open data: `data/dossier.json` (every entity with its id, absolute URL
//! and cross-references by id; schema documented in `docs/data.md`), `data/quotes.csv`
//! (one row per quote, RFC 4180) and `data/timeline.json` (the chronology in Knight Lab
//! TimelineJS's JSON format). Field order is fixed by the structs below, entities keep
//! the dossier's order, so the files are byte-identical between builds.

use rayon::prelude::*;
use serde::Serialize;

use super::output::OutputFile;
use crate::dates::{DatePoint, PartialDate};
use crate::link::model::{ChronologyItem, Dossier, PersonName};
use crate::load::QuoteStatus;
use crate::strings::Strings;

/// The version of `dossier.json`'s layout. Bumped on any incompatible change.
pub const SCHEMA: &str = "dossier-data/1";

/// The layout of `dossier.json` when the data is too big for one file each: an index of
/// parts, each part holding whole records of the `dossier-data/1` layout.
pub const SPLIT_SCHEMA: &str = "dossier-data/2";

mod split;

#[derive(Serialize)]
struct Data<'a> {
    schema: &'static str,
    site: Site<'a>,
    articles: Vec<Article<'a>>,
    speakers: Vec<Speaker<'a>>,
    topics: Vec<Topic<'a>>,
    quotes: Vec<Quote<'a>>,
    events: Vec<Event<'a>>,
}

#[derive(Serialize)]
struct Site<'a> {
    title: &'a str,
    description: &'a str,
    url: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct Article<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    date: String,
    datetime: Option<String>,
    author: Option<&'a str>,
    source: Option<&'a str>,
    source_url: Option<&'a str>,
    archive_url: Option<&'a str>,
    /// The day the archived copy was made, `YYYY-MM-DD`.
    archived: Option<String>,
    summary: Option<&'a str>,
    language: Option<&'a str>,
    topics: Vec<&'a str>,
    speakers: Vec<&'a str>,
    quotes: Vec<&'a str>,
    events: Vec<&'a str>,
    /// `author` split as citations write it (both null when it is kept whole).
    author_family_name: Option<&'a str>,
    author_given_name: Option<&'a str>,
    /// The day the source was read online, from the front matter.
    accessed: Option<String>,
    /// Corrections since publication, newest first.
    corrections: Vec<CorrectionRecord<'a>>,
}

/// The family and given names of a split name; both `None` for a name kept whole.
fn name_parts(name: Option<&PersonName>) -> (Option<&str>, Option<&str>) {
    match name {
        Some(PersonName::Split { family, given }) => (Some(family), Some(given)),
        Some(PersonName::Literal(_)) | None => (None, None),
    }
}

#[derive(Serialize)]
struct Speaker<'a> {
    id: &'a str,
    url: String,
    name: &'a str,
    role: Option<&'a str>,
    country: Option<&'a str>,
    aliases: &'a [String],
    wikidata: Option<&'a str>,
    topics: Vec<&'a str>,
    articles: Vec<&'a str>,
    quotes: Vec<&'a str>,
    /// `name` split as citations write it (both null when it is kept whole).
    family_name: Option<&'a str>,
    given_name: Option<&'a str>,
}

#[derive(Serialize)]
struct Topic<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    description: Option<&'a str>,
    related: Vec<&'a str>,
    speakers: Vec<&'a str>,
    articles: Vec<&'a str>,
    quotes: Vec<&'a str>,
    events: Vec<&'a str>,
}

#[derive(Serialize)]
struct CorrectionRecord<'a> {
    /// `YYYY-MM-DD`.
    date: String,
    text: &'a str,
    /// The id of the quote corrected, if the correction is about one.
    quote: Option<&'a str>,
}

#[derive(Serialize)]
struct Quote<'a> {
    id: &'a str,
    url: String,
    speaker: &'a str,
    text: &'a str,
    said: String,
    context: Option<&'a str>,
    /// `null` when the editor stated none.
    status: Option<&'static str>,
    topics: Vec<&'a str>,
    article: &'a str,
    source_url: Option<&'a str>,
    responds_to: Option<&'a str>,
    responses: Vec<&'a str>,
    original: Option<Original<'a>>,
    /// Old ids, each redirecting to `url`.
    aliases: &'a [String],
    /// The day the quote was withdrawn (`YYYY-MM-DD`), `null` for a standing quote.
    withdrawn: Option<String>,
    withdrawn_reason: Option<&'a str>,
    /// An archived copy of `source_url`, and the day it was made.
    archive_url: Option<&'a str>,
    archived: Option<String>,
}

#[derive(Serialize)]
struct Original<'a> {
    language: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct Event<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    /// The date as written: `2015`, `2015-07`, `2003~`, `2016-01-16/2018-05-08`.
    date: String,
    start: Point,
    end: Option<Point>,
    approximate: bool,
    topics: Vec<&'a str>,
    article: &'a str,
}

#[derive(Serialize)]
struct Point {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl From<DatePoint> for Point {
    fn from(p: DatePoint) -> Self {
        Point {
            year: p.year,
            month: p.month,
            day: p.day,
        }
    }
}

/// The largest file of open data written: Cloudflare Pages refuses files above 25 MiB.
pub const MAX_FILE_BYTES: usize = 25 * 1024 * 1024;

/// `data/dossier.json`, `data/quotes.csv`, `data/timeline.json`; past [`MAX_FILE_BYTES`],
/// in parts (`docs/data.md`).
pub fn data_files(dossier: &Dossier) -> Vec<OutputFile> {
    data_files_within(dossier, MAX_FILE_BYTES)
}

/// [`data_files`] with no file above `max_bytes` (tests use a small limit).
#[doc(hidden)]
pub fn data_files_within(dossier: &Dossier, max_bytes: usize) -> Vec<OutputFile> {
    let file = |path: String, bytes: Vec<u8>| OutputFile {
        path,
        bytes: bytes.into(),
    };
    let (json, (csv, timeline_text)) = rayon::join(
        || dossier_json(dossier),
        || rayon::join(|| quotes_csv(dossier), || timeline_json(dossier)),
    );
    if json.len() <= max_bytes && csv.len() <= max_bytes && timeline_text.len() <= max_bytes {
        return vec![
            file("data/dossier.json".into(), json.into_bytes()),
            file("data/quotes.csv".into(), csv),
            file("data/timeline.json".into(), timeline_text.into_bytes()),
        ];
    }
    drop((json, csv, timeline_text));
    // Each record and slide serialized on its own, on one line, to be laid out in parts
    // (pretty-printed records made a 10,000-article site's data a third bigger).
    fn one_line<T: Serialize + Sync>(values: &[T]) -> Vec<String> {
        values
            .par_iter()
            .map(|v| serde_json::to_string(v).expect("plain data serializes"))
            .collect()
    }
    let data = records(dossier);
    let Timeline { title, events } = timeline(dossier);
    let input = split::Input {
        base_url: &dossier.base_url,
        schema: SPLIT_SCHEMA,
        site: serde_json::to_value(&data.site).expect("plain data serializes"),
        records: [
            ("articles", one_line(&data.articles)),
            ("speakers", one_line(&data.speakers)),
            ("topics", one_line(&data.topics)),
            ("quotes", one_line(&data.quotes)),
            ("events", one_line(&data.events)),
        ],
        csv: quotes_csv_rows(dossier),
        timeline_title: serde_json::to_string_pretty(&title).expect("plain data serializes"),
        slides: one_line(&events),
    };
    // Parts aim at four fifths of the limit, so a part is well clear of it.
    split::files(input, max_bytes / 5 * 4)
        .into_iter()
        .map(|(path, bytes)| file(path, bytes))
        .collect()
}

pub fn dossier_json(d: &Dossier) -> String {
    let mut text = serde_json::to_string_pretty(&records(d)).expect("plain data serializes");
    text.push('\n');
    text
}

/// Every record of `dossier.json`, in its layout (`dossier-data/1`).
fn records(d: &Dossier) -> Data<'_> {
    let topic_ids = |v: &[usize]| v.iter().map(|&i| d.topics[i].slug.as_str()).collect();
    let speaker_ids = |v: &[usize]| v.iter().map(|&i| d.speakers[i].slug.as_str()).collect();
    let article_ids = |v: &[usize]| v.iter().map(|&i| d.articles[i].slug.as_str()).collect();
    let quote_ids = |v: &[usize]| v.iter().map(|&i| d.quotes[i].id.as_str()).collect();
    let event_ids = |v: &[usize]| v.iter().map(|&i| d.events[i].id.as_str()).collect();
    Data {
        schema: SCHEMA,
        site: Site {
            title: &d.config.title,
            description: &d.config.description,
            url: &d.base_url,
            language: &d.config.language,
        },
        articles: d
            .articles
            .iter()
            .map(|a| {
                let (author_family_name, author_given_name) = name_parts(a.author_name.as_ref());
                Article {
                    id: &a.slug,
                    url: d.permalink(&a.url),
                    title: &a.title,
                    date: a.date.iso_date(),
                    datetime: a.date.datetime.map(|_| a.date.rfc3339()),
                    author: a.author.as_deref(),
                    source: a.source.as_deref(),
                    source_url: a.source_url.as_deref(),
                    archive_url: a.archive_url.as_deref(),
                    archived: a.archived.map(|d| d.to_string()),
                    summary: a.summary.as_deref(),
                    language: a.language.as_deref(),
                    topics: topic_ids(&a.topics),
                    speakers: speaker_ids(&a.speakers),
                    quotes: quote_ids(&a.quotes),
                    events: event_ids(&a.events),
                    corrections: (a.corrections.iter())
                        .map(|&c| {
                            let c = &d.corrections[c];
                            CorrectionRecord {
                                date: c.date.to_string(),
                                text: &c.text,
                                quote: c.quote.map(|q| d.quotes[q].id.as_str()),
                            }
                        })
                        .collect(),
                    author_family_name,
                    author_given_name,
                    accessed: a.accessed.map(|d| d.to_string()),
                }
            })
            .collect(),
        speakers: d
            .speakers
            .iter()
            .map(|s| {
                let (family_name, given_name) = name_parts(Some(&s.name_parts));
                Speaker {
                    id: &s.slug,
                    url: d.permalink(&s.url),
                    name: &s.name,
                    role: s.role.as_deref(),
                    country: s.country.as_deref(),
                    aliases: &s.aliases,
                    wikidata: s.wikidata.as_deref(),
                    topics: topic_ids(&s.topics),
                    articles: article_ids(&s.articles),
                    quotes: quote_ids(&s.quotes),
                    family_name,
                    given_name,
                }
            })
            .collect(),
        topics: d
            .topics
            .iter()
            .map(|t| Topic {
                id: &t.slug,
                url: d.permalink(&t.url),
                title: &t.title,
                description: t.description.as_deref(),
                related: topic_ids(&t.related),
                speakers: speaker_ids(&t.speakers),
                articles: article_ids(&t.articles),
                quotes: quote_ids(&t.quotes),
                events: event_ids(&t.events),
            })
            .collect(),
        quotes: d
            .quotes
            .iter()
            .map(|q| Quote {
                id: &q.id,
                url: d.permalink(&q.url),
                speaker: &d.speakers[q.speaker].slug,
                text: &q.text,
                said: q.said.iso_date(),
                context: q.context.as_deref(),
                status: q.status.map(QuoteStatus::as_str),
                topics: topic_ids(&q.topics),
                article: &d.articles[q.article].slug,
                source_url: q.source_url.as_deref(),
                responds_to: q.responds_to.map(|r| d.quotes[r].id.as_str()),
                responses: quote_ids(&q.responses),
                original: q.original.as_ref().map(|o| Original {
                    language: &o.language,
                    text: &o.text,
                }),
                aliases: &q.aliases,
                withdrawn: q.withdrawn.as_ref().map(|w| w.date.iso_date()),
                withdrawn_reason: q.withdrawn.as_ref().map(|w| w.reason.as_str()),
                archive_url: q.archive_url.as_deref(),
                archived: q.archived.map(|d| d.to_string()),
            })
            .collect(),
        events: d
            .events
            .iter()
            .map(|e| Event {
                id: &e.id,
                url: format!("{}#{}", d.permalink(&d.articles[e.article].url), e.id),
                title: &e.title,
                date: e.date.iso(),
                start: e.date.start.into(),
                end: e.date.end.map(Point::from),
                approximate: e.date.approximate,
                topics: topic_ids(&e.topics),
                article: &d.articles[e.article].slug,
            })
            .collect(),
    }
}

/// A cell as a spreadsheet shows it, not runs it: one starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a `'` before it (OWASP's guidance for CSV export), so that
/// `=HYPERLINK(…)` in a quote is text and `-100 percent…` is not a formula showing `#NAME?`.
/// Every spreadsheet hides the `'`; `dossier.json` keeps the exact text.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// One row per quote, newest first:
/// `id,speaker,date,text,topics,article,source,url,status,original_language,original_text,`
/// `withdrawn,withdrawn_reason,archive_url,archived`
/// (columns are added at the end, never renamed: readers of `dossier-data/1` keep working).
/// `speaker`, `topics` (separated by `;`) and `article` are ids of `dossier.json`.
pub fn quotes_csv(d: &Dossier) -> Vec<u8> {
    quotes_csv_rows(d).0
}

/// `quotes.csv`, and where each of its rows ends (the header's first).
fn quotes_csv_rows(d: &Dossier) -> (Vec<u8>, Vec<usize>) {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "id",
        "speaker",
        "date",
        "text",
        "topics",
        "article",
        "source",
        "url",
        "status",
        "original_language",
        "original_text",
        "withdrawn",
        "withdrawn_reason",
        "archive_url",
        "archived",
    ];
    let mut ends = Vec::with_capacity(d.quotes.len() + 1);
    let mut end = |writer: &mut csv::Writer<Vec<u8>>| {
        writer.flush().expect("writing to memory cannot fail");
        ends.push(writer.get_ref().len());
    };
    writer
        .write_record(header)
        .expect("writing to memory cannot fail");
    end(&mut writer);
    for q in &d.quotes {
        let topics: Vec<&str> = q
            .topics
            .iter()
            .map(|&t| d.topics[t].slug.as_str())
            .collect();
        let record = [
            q.id.as_str(),
            d.speakers[q.speaker].slug.as_str(),
            &q.said.iso_date(),
            q.text.as_str(),
            &topics.join(";"),
            d.articles[q.article].slug.as_str(),
            q.source_url.as_deref().unwrap_or(""),
            &d.permalink(&q.url),
            q.status.map_or("", QuoteStatus::as_str),
            q.original.as_ref().map_or("", |o| o.language.as_str()),
            q.original.as_ref().map_or("", |o| o.text.as_str()),
            &q.withdrawn
                .as_ref()
                .map_or(String::new(), |w| w.date.iso_date()),
            q.withdrawn.as_ref().map_or("", |w| w.reason.as_str()),
            q.archive_url.as_deref().unwrap_or(""),
            &q.archived.map_or(String::new(), |d| d.to_string()),
        ];
        writer
            .write_record(
                record
                    .iter()
                    .map(|cell| spreadsheet_safe(cell).into_owned()),
            )
            .expect("writing to memory cannot fail");
        end(&mut writer);
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    (bytes, ends)
}

#[derive(Serialize)]
struct Timeline<'a> {
    title: Slide<'a>,
    events: Vec<Slide<'a>>,
}

#[derive(Serialize)]
struct Slide<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<TimelineDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// TimelineJS's date object: only the parts the date is precise to.
#[derive(Serialize)]
struct TimelineDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
}

impl From<DatePoint> for TimelineDate {
    fn from(p: DatePoint) -> Self {
        TimelineDate {
            year: p.year,
            month: p.month,
            day: p.day,
        }
    }
}

/// Knight Lab TimelineJS JSON: every article and event of the chronology, oldest first;
/// the group is the first topic's title (when there are at most [`MAX_TIMELINE_GROUPS`]
/// of them); ranges have an `end_date`; partial dates carry
/// only their year (and month); approximate dates get a `display_date` ("c. 2003").
pub fn timeline_json(d: &Dossier) -> String {
    let mut text = serde_json::to_string_pretty(&timeline(d)).expect("plain data serializes");
    text.push('\n');
    text
}

/// The timeline: its title slide and one slide per chronology entry, oldest first.
fn timeline(d: &Dossier) -> Timeline<'_> {
    use super::xml::escape;
    let grouped = timeline_groups(d) <= MAX_TIMELINE_GROUPS;
    let group = |topics: &[usize]| {
        topics
            .first()
            .filter(|_| grouped)
            .map(|&t| d.topics[t].title.as_str())
    };
    let events = d
        .chronology
        .iter()
        .map(|entry| match entry.item {
            ChronologyItem::Article(i) => {
                let a = &d.articles[i];
                let mut text = a
                    .summary
                    .as_deref()
                    .map(|s| format!("<p>{}</p>", escape(s)))
                    .unwrap_or_default();
                text.push_str(&format!(
                    "<p><a href=\"{}\">{}</a></p>",
                    escape(&d.permalink(&a.url)),
                    escape(d.strings.get("data.read_article"))
                ));
                Slide {
                    start_date: Some(entry.date.start.into()),
                    end_date: None,
                    display_date: None,
                    text: Text {
                        headline: escape(&a.title),
                        text,
                    },
                    group: group(&a.topics),
                    unique_id: Some(format!("article-{}", a.slug)),
                }
            }
            ChronologyItem::Event(i) => {
                let e = &d.events[i];
                let a = &d.articles[e.article];
                Slide {
                    start_date: Some(e.date.start.into()),
                    end_date: e.date.end.map(TimelineDate::from),
                    display_date: display_date(&e.date, &d.strings),
                    text: Text {
                        headline: escape(&e.title),
                        text: format!(
                            "<p>{}</p>",
                            d.strings.fill_html(
                                "data.event_from",
                                &[(
                                    "article",
                                    &format!(
                                        "<a href=\"{}#{}\">{}</a>",
                                        escape(&d.permalink(&a.url)),
                                        escape(&e.id),
                                        escape(&a.title)
                                    )
                                )]
                            )
                        ),
                    },
                    group: group(&e.topics),
                    unique_id: Some(format!("event-{}", e.id)),
                }
            }
        })
        .collect();
    Timeline {
        title: Slide {
            start_date: None,
            end_date: None,
            display_date: None,
            text: Text {
                headline: escape(&d.config.title),
                text: escape(&d.config.description),
            },
            group: None,
            unique_id: None,
        },
        events,
    }
}

/// The most groups (rows named by a first topic) a timeline gets. TimelineJS 3.9 gives
/// each group a row of its time navigation and grows the navigation to fit them: past a
/// few rows it pushes the slides and their arrows out of a usual 650-pixel embed
/// (36 groups made it 1,116 pixels tall). A dossier with more first topics than this gets
/// no groups: one navigation where events spread over rows as TimelineJS sees fit.
pub const MAX_TIMELINE_GROUPS: usize = 6;

/// How many different first topics the chronology's articles and events have.
fn timeline_groups(d: &Dossier) -> usize {
    let first_topics = d.chronology.iter().filter_map(|entry| match entry.item {
        ChronologyItem::Article(i) => d.articles[i].topics.first(),
        ChronologyItem::Event(i) => d.events[i].topics.first(),
    });
    first_topics.collect::<std::collections::HashSet<_>>().len()
}

fn display_date(date: &PartialDate, strings: &Strings) -> Option<String> {
    date.approximate.then(|| date.display(strings))
}
