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
    /// `/corrections/`: every correction and withdrawn quote.
    Corrections,
    NotFound,
}

/// One article, topic, speaker or quote (an index into the dossier's vectors): the
/// entities with a page of their own, which `serve` renders first after an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Article(usize),
    Topic(usize),
    Speaker(usize),
    Quote(usize),
}

impl Entity {
    /// The kind of the entity's page.
    pub fn page_kind(self) -> PageKind {
        match self {
            Entity::Article(i) => PageKind::Article(i),
            Entity::Topic(i) => PageKind::Topic(i),
            Entity::Speaker(i) => PageKind::Speaker(i),
            Entity::Quote(i) => PageKind::Quote(i),
        }
    }

    /// The output path of the entity's page (`articles/x/index.html`).
    pub fn output_path(self, dossier: &Dossier) -> String {
        let url = match self {
            Entity::Article(i) => &dossier.articles[i].url,
            Entity::Topic(i) => &dossier.topics[i].url,
            Entity::Speaker(i) => &dossier.speakers[i].url,
            Entity::Quote(i) => &dossier.quotes[i].url,
        };
        urls::output_path_of_url(&dossier.base_path, url)
    }
}
