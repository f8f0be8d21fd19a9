//! Which pages the site has, and what each page's template gets: one module per kind of
//! page, each declaring its context as views (`view!`) and building it from the shared
//! entity views (`views.rs`).

pub mod article;
pub mod chronology;
pub mod corrections;
pub mod home;
pub mod lists;
pub mod not_found;
pub mod quote;
pub mod search;
pub mod speaker;
pub mod spec;
pub mod topic;

use std::sync::Arc;

use crate::link::model::Dossier;
use crate::render::page_kind::{Entity, PageKind};
use crate::render::paging;
use crate::render::views::Views;
use lists::Listing;
use spec::PageSpec;

use crate::urls;

/// A page to render: a few pages come built; the many list and entity pages are built on
/// demand (`PageJob::build`), inside the parallel render loop. Building all 40,000 contexts
/// of a 10,000-article site up front took ~2 s on one thread and ~400 MB held until the end.
/// (Clone: `serve` renders a page on demand while its background render still holds it.)
#[derive(Clone)]
pub enum PageJob {
    Built(PageSpec),
    /// Page `n` (from 1) of the article or quote list.
    Listing(Listing, usize),
    /// An article's, topic's, speaker's or quote's page.
    Entity(Entity),
    /// Page `n` (from 1) of a year of the chronology.
    ChronologyYear(Arc<chronology::ChronologyYear>, usize),
    /// Page `n` (from 1) of a topic's chronology, with the topic's entries.
    TopicChronology(usize, Arc<[usize]>, usize),
}

impl PageJob {
    /// The page's output path and kind, known before its context is built (the sitemap and
    /// the alias check need every page's, while the pages render).
    pub fn target(&self, dossier: &Dossier) -> (String, PageKind) {
        match self {
            PageJob::Built(spec) => (spec.path.clone(), spec.kind),
            PageJob::Listing(listing, n) => (listing.path(dossier, *n), PageKind::List),
            PageJob::Entity(entity) => (entity.output_path(dossier), entity.page_kind()),
            PageJob::ChronologyYear(year, n) => (
                year.path(dossier, *n),
                PageKind::ChronologyYear(year.year, *n),
            ),
            PageJob::TopicChronology(topic, _, n) => (
                urls::output_path_of_url(
                    &dossier.base_path,
                    &chronology::topic_chronology_url(dossier, *topic, *n),
                ),
                PageKind::TopicPart(*topic),
            ),
        }
    }

    pub fn build(self, dossier: &Dossier, views: &Views) -> PageSpec {
        match self {
            PageJob::Built(spec) => spec,
            PageJob::Listing(listing, n) => lists::listing_page(dossier, views, listing, n),
            PageJob::Entity(entity) => entity_page(dossier, views, entity),
            PageJob::ChronologyYear(year, n) => chronology::year_page(dossier, views, &year, n),
            PageJob::TopicChronology(topic, entries, n) => {
                chronology::topic_page(dossier, views, topic, &entries, n)
            }
        }
    }
}

/// Every page of the site, in a stable order.
pub fn page_jobs(dossier: &Dossier, views: &Views) -> Vec<PageJob> {
    let pages = vec![
        home::home(dossier, views),
        lists::topics_list(dossier, views),
        lists::speakers_list(dossier, views),
        not_found::not_found(dossier, views),
    ];
    let mut jobs: Vec<PageJob> = pages.into_iter().map(PageJob::Built).collect();
    let listings = [Listing::Articles, Listing::Quotes]
        .into_iter()
        .chain(
            (0..dossier.topics.len())
                .flat_map(|t| [Listing::TopicQuotes(t), Listing::TopicArticles(t)]),
        )
        .chain(
            (0..dossier.speakers.len())
                .flat_map(|s| [Listing::SpeakerQuotes(s), Listing::SpeakerArticles(s)]),
        );
    // A topic's or speaker's lists exist when they have something to list.
    for listing in listings.filter(|listing| listing.is_site_wide() || !listing.is_empty(dossier)) {
        jobs.extend((1..=listing.page_count(dossier)).map(|n| PageJob::Listing(listing, n)));
    }
    let entities = (0..dossier.articles.len())
        .map(Entity::Article)
        .chain((0..dossier.topics.len()).map(Entity::Topic))
        .chain((0..dossier.speakers.len()).map(Entity::Speaker))
        .chain((0..dossier.quotes.len()).map(Entity::Quote));
    jobs.extend(entities.map(PageJob::Entity));
    jobs.push(PageJob::Built(chronology::chronology(dossier, views)));
    for year in chronology::ChronologyYear::all(dossier) {
        let year = Arc::new(year);
        jobs.extend(
            (1..=year.page_count(dossier)).map(|n| PageJob::ChronologyYear(year.clone(), n)),
        );
    }
    for topic in 0..dossier.topics.len() {
        let entries: Arc<[usize]> = paging::topic_entries(dossier, topic).into();
        if entries.is_empty() {
            continue;
        }
        jobs.extend(
            (1..=chronology::topic_page_count(dossier, &entries))
                .map(|n| PageJob::TopicChronology(topic, entries.clone(), n)),
        );
    }
    if dossier.config.search.enabled {
        jobs.push(PageJob::Built(search::search(dossier, views)));
    }
    if dossier.has_corrections_page() {
        jobs.push(PageJob::Built(corrections::corrections(dossier, views)));
    }
    jobs
}

/// The page of an entity, built.
pub fn entity_page(dossier: &Dossier, views: &Views, entity: Entity) -> PageSpec {
    match entity {
        Entity::Article(i) => article::article(dossier, views, i),
        Entity::Topic(i) => topic::topic(dossier, views, i),
        Entity::Speaker(i) => speaker::speaker(dossier, views, i),
        Entity::Quote(i) => quote::quote(dossier, views, i),
    }
}
