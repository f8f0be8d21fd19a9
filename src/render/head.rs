//! What a page puts in its `<head>` beyond title and description: its Atom feed
//! (auto-discovery), Open Graph type and dates, and its JSON-LD. Templates get it as `head`:
//!
//! | key | value |
//! |---|---|
//! | `head.feed` | `{url, title}` of the page's Atom feed (home, topic, speaker), or none |
//! | `head.og_type` | `website`, `article` or `profile` |
//! | `head.published` | RFC 3339 date of an article or quote page, or none |
//! | `head.jsonld` | schema.org JSON-LD, already safe inside `<script>`, or none |

use tera::Value;

use super::pages::Subject;
use super::views::obj;
use super::{feeds, jsonld};
use crate::link::Dossier;

pub fn for_page(dossier: &Dossier, subject: Subject) -> Value {
    let site = &dossier.config.title;
    let feed = match subject {
        Subject::Home => Some((feeds::site_feed_url(dossier), site.clone())),
        Subject::Topic(i) => Some((
            feeds::topic_feed_url(dossier, i),
            format!("{} · {site}", dossier.topics[i].title),
        )),
        Subject::Speaker(i) => Some((
            feeds::speaker_feed_url(dossier, i),
            format!("{} · {site}", dossier.speakers[i].name),
        )),
        _ => None,
    };
    let og_type = match subject {
        Subject::Article(_) | Subject::Quote(_) => "article",
        Subject::Speaker(_) => "profile",
        _ => "website",
    };
    let published = match subject {
        Subject::Article(i) => Some(dossier.articles[i].date.rfc3339()),
        Subject::Quote(i) => Some(dossier.quotes[i].said.rfc3339()),
        _ => None,
    };
    obj([
        (
            "feed",
            feed.map(|(url, title)| obj([("url", url.into()), ("title", title.into())]))
                .into(),
        ),
        ("og_type", og_type.into()),
        ("published", published.into()),
        (
            "jsonld",
            jsonld::for_page(dossier, subject)
                .map(|text| Value::safe_string(&text))
                .into(),
        ),
    ])
}
