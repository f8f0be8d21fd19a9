//! The kinds of HTML page a site has, and the entity each one shows. What depends on the kind
//! of page (its feed link, JSON-LD, sitemap date, citation files) matches on [`PageKind`]
//! without a catch-all arm, so a new kind of page is an error at each place that must decide
//! what to do with it.

use crate::link::model::Dossier;
use crate::urls;

/// A page's kind, with indices into the dossier's vectors for entity pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    /// A paginated or plain list page (articles, quotes, topics, speakers).
    List,
    Article(usize),
    Topic(usize),
    Speaker(usize),
    Quote(usize),
    Chronology,
    /// Page `n` (from 1) of a year of the chronology.
    ChronologyYear(i32, usize),
    /// A page of one of a topic's lists (its quotes, articles or chronology).
    TopicPart(usize),
    /// A page of one of a speaker's lists (their quotes or articles).
    SpeakerPart(usize),
    Search,
    NotFound,
}

impl PageKind {
    /// The output path of an entity page (`articles/x/index.html`); `None` for pages that
    /// are not about one entity.
    pub fn entity_output_path(self, dossier: &Dossier) -> Option<String> {
        let url = match self {
            PageKind::Article(i) => &dossier.articles[i].url,
            PageKind::Topic(i) => &dossier.topics[i].url,
            PageKind::Speaker(i) => &dossier.speakers[i].url,
            PageKind::Quote(i) => &dossier.quotes[i].url,
            PageKind::Home
            | PageKind::List
            | PageKind::Chronology
            | PageKind::ChronologyYear(..)
            | PageKind::TopicPart(_)
            | PageKind::SpeakerPart(_)
            | PageKind::Search
            | PageKind::NotFound => return None,
        };
        Some(urls::output_path_of_url(&dossier.base_path, url))
    }
}
