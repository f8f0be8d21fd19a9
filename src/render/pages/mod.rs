//! Which pages the site has, and what each page's template gets: one module per kind of
//! page, each declaring its context as views (`view!`) and building it from the shared
//! entity views (`views.rs`).

pub mod article;
pub mod chronology;
pub mod home;
pub mod lists;
pub mod not_found;
pub mod quote;
pub mod search;
pub mod speaker;
pub mod spec;
pub mod topic;

use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::views::Views;
use lists::Listing;
use spec::PageSpec;

/// A page to render: a few pages come built; the many list and entity pages are built on
/// demand (`PageJob::build`), inside the parallel render loop. Building all 40,000 contexts
/// of a 10,000-article site up front took ~2 s on one thread and ~400 MB held until the end.
pub enum PageJob {
    Built(PageSpec),
    /// Page `n` (from 1) of the article or quote list.
    Listing(Listing, usize),
    Article(usize),
    Topic(usize),
    Speaker(usize),
    Quote(usize),
}

impl PageJob {
    /// The page's output path and kind, known before its context is built (the sitemap and
    /// the alias check need every page's, while the pages render).
    pub fn target(&self, dossier: &Dossier) -> (String, PageKind) {
        let entity = |kind: PageKind| {
            let path = kind
                .entity_output_path(dossier)
                .expect("an entity page has a path");
            (path, kind)
        };
        match self {
            PageJob::Built(spec) => (spec.path.clone(), spec.kind),
            PageJob::Listing(listing, n) => (listing.path(dossier, *n), PageKind::List),
            PageJob::Article(i) => entity(PageKind::Article(*i)),
            PageJob::Topic(i) => entity(PageKind::Topic(*i)),
            PageJob::Speaker(i) => entity(PageKind::Speaker(*i)),
            PageJob::Quote(i) => entity(PageKind::Quote(*i)),
        }
    }

    pub fn build(self, dossier: &Dossier, views: &Views) -> PageSpec {
        match self {
            PageJob::Built(spec) => spec,
            PageJob::Listing(listing, n) => lists::listing_page(dossier, views, listing, n),
            PageJob::Article(i) => article::article(dossier, views, i),
            PageJob::Topic(i) => topic::topic(dossier, views, i),
            PageJob::Speaker(i) => speaker::speaker(dossier, views, i),
            PageJob::Quote(i) => quote::quote(dossier, views, i),
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
    for listing in [Listing::Articles, Listing::Quotes] {
        jobs.extend((1..=listing.page_count(dossier)).map(|n| PageJob::Listing(listing, n)));
    }
    jobs.extend((0..dossier.articles.len()).map(PageJob::Article));
    jobs.extend((0..dossier.topics.len()).map(PageJob::Topic));
    jobs.extend((0..dossier.speakers.len()).map(PageJob::Speaker));
    jobs.extend((0..dossier.quotes.len()).map(PageJob::Quote));
    jobs.extend(
        chronology::chronology(dossier, views)
            .into_iter()
            .map(PageJob::Built),
    );
    if dossier.config.search.enabled {
        jobs.push(PageJob::Built(search::search(dossier, views)));
    }
    jobs
}

/// The page of an entity, built (`serve` renders the pages of edited files first).
pub fn entity_page(dossier: &Dossier, views: &Views, kind: PageKind) -> Option<PageSpec> {
    match kind {
        PageKind::Article(i) => Some(article::article(dossier, views, i)),
        PageKind::Topic(i) => Some(topic::topic(dossier, views, i)),
        PageKind::Speaker(i) => Some(speaker::speaker(dossier, views, i)),
        PageKind::Quote(i) => Some(quote::quote(dossier, views, i)),
        PageKind::Home
        | PageKind::List
        | PageKind::Chronology
        | PageKind::ChronologyYear(_)
        | PageKind::Search
        | PageKind::NotFound => None,
    }
}
