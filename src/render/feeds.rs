//! Atom 1.0 feeds: the whole dossier (`/atom.xml`, its articles), each topic
//! (`/topics/<slug>/atom.xml`, the topic's articles) and each speaker
//! (`/speakers/<slug>/atom.xml`, the speaker's quotes). Newest first, at most
//! `[feeds] limit` entries, absolute URLs, the permalink as entry id, and `updated` taken
//! from the content's dates (never the build time), so two builds give the same bytes.

use rayon::prelude::*;

use super::output::OutputFile;
use super::values::short;
use super::xml::{XmlWriter, escape};
use crate::dates::ContentDate;
use crate::link::model::Dossier;
use crate::urls;

/// Used as `updated` of a feed with no entries in a dossier with no articles.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// Site path of the whole dossier's feed.
pub fn site_feed_url(dossier: &Dossier) -> String {
    dossier.url("atom.xml")
}

pub fn topic_feed_url(dossier: &Dossier, topic: usize) -> String {
    format!("{}atom.xml", dossier.topics[topic].url)
}

pub fn speaker_feed_url(dossier: &Dossier, speaker: usize) -> String {
    format!("{}atom.xml", dossier.speakers[speaker].url)
}

struct Entry {
    url: String,
    /// Language of the entry when it differs from the site's (`xml:lang`).
    language: Option<String>,
    title: String,
    updated: ContentDate,
    published: ContentDate,
    author: Option<String>,
    topics: Vec<usize>,
    summary: Option<String>,
    content_html: String,
}

struct Feed<'a> {
    url: String,
    page_url: &'a str,
    title: String,
    subtitle: Option<&'a str>,
    entries: Vec<Entry>,
}

/// Every feed of the site.
pub fn feeds(dossier: &Dossier) -> Vec<OutputFile> {
    let mut out = vec![site_feed(dossier)];
    out.par_extend(
        (0..dossier.topics.len())
            .into_par_iter()
            .map(|i| topic_feed(dossier, i)),
    );
    out.par_extend(
        (0..dossier.speakers.len())
            .into_par_iter()
            .map(|i| speaker_feed(dossier, i)),
    );
    out
}

/// The feeds that carry article `index` (its body included): the whole dossier's and its
/// topics', where it is among the newest `[feeds] limit`. `serve` renders only these after
/// an edit to the article's body.
pub fn feeds_with_article(dossier: &Dossier, index: usize) -> Vec<OutputFile> {
    let limit = dossier.config.feeds.limit;
    let mut out = Vec::new();
    if index < limit {
        out.push(site_feed(dossier));
    }
    for &topic in &dossier.articles[index].topics {
        if dossier.topics[topic]
            .articles
            .iter()
            .take(limit)
            .any(|&a| a == index)
        {
            out.push(topic_feed(dossier, topic));
        }
    }
    out
}

fn site_feed(dossier: &Dossier) -> OutputFile {
    let all: Vec<usize> = (0..dossier.articles.len()).collect();
    write(
        dossier,
        Feed {
            url: site_feed_url(dossier),
            page_url: &dossier.base_path,
            title: dossier.config.title.clone(),
            subtitle: Some(dossier.config.description.as_str()).filter(|d| !d.is_empty()),
            entries: articles(dossier, &all, dossier.config.feeds.limit),
        },
    )
}

fn topic_feed(dossier: &Dossier, i: usize) -> OutputFile {
    let topic = &dossier.topics[i];
    write(
        dossier,
        Feed {
            url: topic_feed_url(dossier, i),
            page_url: &topic.url,
            title: dossier.strings.fill(
                "feed.title",
                &[("name", &topic.title), ("site", &dossier.config.title)],
            ),
            subtitle: topic.description.as_deref(),
            entries: articles(dossier, &topic.articles, dossier.config.feeds.limit),
        },
    )
}

fn speaker_feed(dossier: &Dossier, i: usize) -> OutputFile {
    let speaker = &dossier.speakers[i];
    // `speaker.quotes` is oldest first.
    let newest_first: Vec<usize> = speaker.quotes.iter().rev().copied().collect();
    write(
        dossier,
        Feed {
            url: speaker_feed_url(dossier, i),
            page_url: &speaker.url,
            title: dossier.strings.fill(
                "feed.title",
                &[("name", &speaker.name), ("site", &dossier.config.title)],
            ),
            subtitle: speaker.role.as_deref(),
            entries: quotes(dossier, &newest_first, dossier.config.feeds.limit),
        },
    )
}

/// Entries for articles given newest first.
fn articles(dossier: &Dossier, indices: &[usize], limit: usize) -> Vec<Entry> {
    let strings = &dossier.strings;
    indices
        .iter()
        .take(limit)
        .map(|&i| {
            let a = &dossier.articles[i];
            let mut html = String::new();
            if let Some(summary) = &a.summary {
                html.push_str(&format!("<p><strong>{}</strong></p>\n", escape(summary)));
            }
            html.push_str(&a.body_html);
            if !a.quotes.is_empty() {
                html.push_str(&format!(
                    "\n<h2>{}</h2>\n<ul>\n",
                    escape(strings.get("feed.quotes"))
                ));
                for &q in &a.quotes {
                    let quote = &dossier.quotes[q];
                    html.push_str(&format!(
                        "<li><a href=\"{}\"><bdi>{}</bdi></a>: “{}”</li>\n",
                        escape(&dossier.permalink(&quote.url)),
                        escape(&dossier.speakers[quote.speaker].name),
                        escape(&quote.text)
                    ));
                }
                html.push_str("</ul>\n");
            }
            if let (Some(url), source) = (&a.source_url, &a.source) {
                let link = format!(
                    "<a href=\"{}\"><bdi>{}</bdi></a>",
                    escape(url),
                    escape(source.as_deref().unwrap_or(url))
                );
                html.push_str(&format!(
                    "<p>{}</p>\n",
                    strings.fill("feed.source", &[("link", &link)])
                ));
            }
            Entry {
                url: a.url.clone(),
                language: a.language.clone(),
                title: a.title.clone(),
                // A correction updates the entry: readers' feed readers show it again.
                updated: corrected(dossier, a.date, &a.corrections),
                published: a.date,
                author: a.author.clone(),
                topics: a.topics.clone(),
                summary: a.summary.clone(),
                content_html: html,
            }
        })
        .collect()
}

/// `date`, or the day of the newest of `corrections` when that is later.
fn corrected(dossier: &Dossier, date: ContentDate, corrections: &[usize]) -> ContentDate {
    match corrections.first().map(|&c| dossier.corrections[c].date) {
        Some(day) if day > date.date => ContentDate::from_date(day),
        _ => date,
    }
}

/// Entries for quotes given newest first.
fn quotes(dossier: &Dossier, indices: &[usize], limit: usize) -> Vec<Entry> {
    let strings = &dossier.strings;
    indices
        .iter()
        .take(limit)
        .map(|&i| {
            let q = &dossier.quotes[i];
            let speaker = &dossier.speakers[q.speaker];
            let article = &dossier.articles[q.article];
            let mut html = format!("<blockquote><p>{}</p></blockquote>\n", escape(&q.text));
            let context = q
                .context
                .as_deref()
                .map(|c| format!(" ({})", escape(c)))
                .unwrap_or_default();
            let link = format!(
                "<a href=\"{}\"><bdi>{}</bdi></a>",
                escape(&dossier.permalink(&article.url)),
                escape(&article.title)
            );
            let reported = strings.fill(
                "feed.quote_reported",
                &[
                    // Names and dates isolated: a Latin name in a Persian line keeps its place.
                    ("speaker", &format!("<bdi>{}</bdi>", escape(&speaker.name))),
                    (
                        "date",
                        &format!("<bdi>{}</bdi>", escape(&q.said.display(strings))),
                    ),
                    ("context", &context),
                    ("article", &link),
                ],
            );
            html.push_str(&format!("<p>{reported}</p>\n"));
            // The quote entered the dossier with its article: that is when it was updated.
            let updated = if article.date.sort_key() > q.said.sort_key() {
                article.date
            } else {
                q.said
            };
            Entry {
                url: q.url.clone(),
                // The quote's words are in its article's language.
                language: article.language.clone(),
                title: strings.fill(
                    "title.quote",
                    &[("speaker", &speaker.name), ("words", &short(&q.text, 80))],
                ),
                updated: corrected(dossier, updated, &q.corrections),
                published: q.said,
                author: Some(speaker.name.clone()),
                topics: q.topics.clone(),
                summary: Some(q.text.clone()),
                content_html: html,
            }
        })
        .collect()
}

fn write(dossier: &Dossier, feed: Feed) -> OutputFile {
    let updated = feed
        .entries
        .iter()
        .map(|e| e.updated)
        .max_by_key(ContentDate::sort_key)
        .or_else(|| dossier.articles.first().map(|a| a.date))
        .map_or_else(|| EPOCH.to_string(), |d| d.rfc3339());
    let feed_permalink = dossier.permalink(&feed.url);
    let mut xml = XmlWriter::new();
    xml.open(
        "feed",
        &[
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xml:lang", &dossier.config.language),
            ("xml:base", &dossier.base_url),
        ],
    );
    xml.text("id", &[], &feed_permalink);
    xml.text("title", &[("type", "text")], &feed.title);
    if let Some(subtitle) = feed.subtitle {
        xml.text("subtitle", &[("type", "text")], subtitle);
    }
    xml.text("updated", &[], &updated);
    xml.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &feed_permalink),
        ],
    );
    xml.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &dossier.permalink(feed.page_url)),
        ],
    );
    xml.open("author", &[]);
    xml.text("name", &[], &dossier.config.title);
    xml.text("uri", &[], &dossier.base_url);
    xml.close();
    xml.text("generator", &[], "dossier");
    let scheme = dossier.permalink(&dossier.url("topics/"));
    for entry in &feed.entries {
        let permalink = dossier.permalink(&entry.url);
        // The entry's own page as base: `#footnote` links in the body resolve to it.
        let mut attrs = vec![("xml:base", permalink.as_str())];
        if let Some(language) = &entry.language {
            attrs.push(("xml:lang", language.as_str()));
        }
        xml.open("entry", &attrs);
        xml.text("id", &[], &permalink);
        xml.text("title", &[("type", "text")], &entry.title);
        xml.text("updated", &[], &entry.updated.rfc3339());
        xml.text("published", &[], &entry.published.rfc3339());
        xml.empty(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "text/html"),
                ("href", &permalink),
            ],
        );
        if let Some(author) = &entry.author {
            xml.open("author", &[]);
            xml.text("name", &[], author);
            xml.close();
        }
        for &t in &entry.topics {
            let topic = &dossier.topics[t];
            xml.empty(
                "category",
                &[
                    ("term", &topic.slug),
                    ("label", &topic.title),
                    ("scheme", &scheme),
                ],
            );
        }
        if let Some(summary) = &entry.summary {
            xml.text("summary", &[("type", "text")], summary);
        }
        xml.text("content", &[("type", "html")], &entry.content_html);
        xml.close();
    }
    OutputFile {
        path: urls::site_path_of_url(&dossier.base_path, &feed.url).to_string(),
        bytes: xml.finish().into_bytes().into(),
    }
}
