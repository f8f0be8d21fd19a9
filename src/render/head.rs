//! What a page puts in its `<head>` beyond title and description: its Atom feed
//! (auto-discovery), Open Graph type and dates, and its JSON-LD. Templates get it as `head`.

use super::page_kind::PageKind;
use super::values::{Html, Ref, view};
use super::{feeds, jsonld};
use crate::link::model::Dossier;

view! {
    /// What a page puts in its `<head>` (`head`, on every page template).
    HeadView {
        /// The page's Atom feed (home, topic and speaker pages), for auto-discovery.
        feed: Option<Ref<FeedLink>>,
        /// Open Graph type: `website`, `article` or `profile`.
        og_type: String,
        /// RFC 3339 date of an article or quote page.
        published: Option<String>,
        /// schema.org JSON-LD, already safe inside `<script>`.
        jsonld: Option<Html>,
    }
}

view! {
    /// An Atom feed.
    FeedLink {
        url: String,
        title: String,
    }
}

fn feed_title(dossier: &Dossier, name: &str) -> String {
    dossier.strings.fill(
        "feed.title",
        &[("name", name), ("site", &dossier.config.title)],
    )
}

pub fn for_page(dossier: &Dossier, kind: PageKind) -> HeadView {
    let site = &dossier.config.title;
    let feed = match kind {
        PageKind::Home => Some((feeds::site_feed_url(dossier), site.clone())),
        PageKind::Topic(i) => Some((
            feeds::topic_feed_url(dossier, i),
            feed_title(dossier, &dossier.topics[i].title),
        )),
        PageKind::Speaker(i) => Some((
            feeds::speaker_feed_url(dossier, i),
            feed_title(dossier, &dossier.speakers[i].name),
        )),
        PageKind::List
        | PageKind::Article(_)
        | PageKind::Quote(_)
        | PageKind::Chronology
        | PageKind::ChronologyYear(_)
        | PageKind::Search
        | PageKind::NotFound => None,
    };
    let og_type = match kind {
        PageKind::Article(_) | PageKind::Quote(_) => "article",
        PageKind::Speaker(_) => "profile",
        PageKind::Home
        | PageKind::List
        | PageKind::Topic(_)
        | PageKind::Chronology
        | PageKind::ChronologyYear(_)
        | PageKind::Search
        | PageKind::NotFound => "website",
    };
    let published = match kind {
        PageKind::Article(i) => Some(dossier.articles[i].date.rfc3339()),
        PageKind::Quote(i) => Some(dossier.quotes[i].said.rfc3339()),
        PageKind::Home
        | PageKind::List
        | PageKind::Topic(_)
        | PageKind::Speaker(_)
        | PageKind::Chronology
        | PageKind::ChronologyYear(_)
        | PageKind::Search
        | PageKind::NotFound => None,
    };
    HeadView {
        feed: feed.map(|(url, title)| FeedLink { url, title }.into_ref()),
        og_type: og_type.into(),
        published,
        jsonld: jsonld::for_page(dossier, kind).map(|text| Html::new(&text)),
    }
}
