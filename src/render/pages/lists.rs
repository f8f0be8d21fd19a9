//! List pages: the paginated article and quote lists (`/articles/`, `/articles/page/2/`, …)
//! and the topic and speaker indexes.

use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::values::{List, Ref, view};
use crate::render::views::{ArticleCard, QuoteCard, SpeakerCard, TopicCard, Views};
use crate::urls;

/// Neighbours of the current page linked on each side in a paginated list.
const PAGE_WINDOW: usize = 2;

/// What a list page shows: articles or quotes.
pub enum Items {
    Articles(List<ArticleCard>),
    Quotes(List<QuoteCard>),
}

impl From<Items> for tera::Value {
    fn from(items: Items) -> tera::Value {
        match items {
            Items::Articles(list) => list.into(),
            Items::Quotes(list) => list.into(),
        }
    }
}

view! {
    /// A paginated list page's context (`articles.html`, `quotes.html`), besides `site`,
    /// `page` and `head`.
    ListContext {
        /// This page's items: article cards on `articles.html`, quote cards on `quotes.html`.
        items: Items,
        paginator: Ref<Paginator>,
    }
}

view! {
    /// Where a page sits in a paginated list.
    Paginator {
        /// This page's number, from 1.
        current: usize,
        /// How many pages the list has (at least 1).
        count: usize,
        /// Items in the whole list.
        total_items: usize,
        /// Position of this page's first item in the list, from 1.
        first_item: usize,
        /// Position of this page's last item.
        last_item: usize,
        previous_url: Option<String>,
        next_url: Option<String>,
        /// The pages to link: the first, the last, and this one with two neighbours on each
        /// side; a `gap` entry stands for the pages left out between them.
        pages: List<PageLink>,
    }
}

view! {
    /// A link to a page of a paginated list, or a gap.
    PageLink {
        /// The page's number (none for a gap).
        number: Option<usize>,
        /// The page's URL (none for a gap).
        url: Option<String>,
        /// Whether this is the page being rendered.
        current: bool,
        /// Whether this entry stands for pages left out.
        gap: bool,
    }
}

view! {
    /// The topic index's context (`topics.html`).
    TopicsContext {
        /// Every topic.
        topics: List<TopicCard>,
    }
}

view! {
    /// The speaker index's context (`speakers.html`).
    SpeakersContext {
        /// Every speaker.
        speakers: List<SpeakerCard>,
    }
}

/// A list split into pages: `/<dir>/`, `/<dir>/page/2/`, …
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Articles,
    Quotes,
}

impl Listing {
    fn dir(self) -> &'static str {
        match self {
            Listing::Articles => "articles",
            Listing::Quotes => "quotes",
        }
    }

    /// The key of the list's title in the interface strings.
    fn title_key(self) -> &'static str {
        match self {
            Listing::Articles => "title.articles",
            Listing::Quotes => "title.quotes",
        }
    }

    fn template(self) -> &'static str {
        match self {
            Listing::Articles => "articles.html",
            Listing::Quotes => "quotes.html",
        }
    }

    fn total(self, dossier: &Dossier) -> usize {
        match self {
            Listing::Articles => dossier.articles.len(),
            Listing::Quotes => dossier.quotes.len(),
        }
    }

    fn items(self, views: &Views, range: std::ops::Range<usize>) -> Items {
        let indices: Vec<usize> = range.collect();
        match self {
            Listing::Articles => Items::Articles(views.article_list(&indices)),
            Listing::Quotes => Items::Quotes(views.quote_list(&indices)),
        }
    }

    /// How many pages the list takes (one, even when empty).
    pub fn page_count(self, dossier: &Dossier) -> usize {
        self.total(dossier)
            .div_ceil(dossier.config.paginate_by.max(1))
            .max(1)
    }

    /// The URL of page `n` (from 1).
    fn url(self, dossier: &Dossier, n: usize) -> String {
        if n == 1 {
            dossier.url(&format!("{}/", self.dir()))
        } else {
            dossier.url(&format!("{}/page/{n}/", self.dir()))
        }
    }

    /// The output path of page `n`.
    pub fn path(self, dossier: &Dossier, n: usize) -> String {
        urls::output_path_of_url(&dossier.base_path, &self.url(dossier, n))
    }
}

/// Page `n` (from 1) of a paginated list.
pub fn listing_page(dossier: &Dossier, views: &Views, listing: Listing, n: usize) -> PageSpec {
    let per_page = dossier.config.paginate_by.max(1);
    let total = listing.total(dossier);
    let page_count = listing.page_count(dossier);
    let page_url = |n: usize| listing.url(dossier, n);
    let url = page_url(n);
    let title = dossier.strings.get(listing.title_key());
    let heading = if n == 1 {
        title.to_string()
    } else {
        dossier.strings.fill(
            "title.paged",
            &[
                ("title", title),
                ("n", &n.to_string()),
                ("count", &page_count.to_string()),
            ],
        )
    };
    let mut context = base_context(dossier, views, listing.dir(), &heading, &url, None);
    let range = ((n - 1) * per_page)..(n * per_page).min(total);
    let pages = page_window(n, page_count).into_iter().map(|p| {
        match p {
            Some(p) => PageLink {
                number: Some(p),
                url: Some(page_url(p)),
                current: p == n,
                gap: false,
            },
            None => PageLink {
                number: None,
                url: None,
                current: false,
                gap: true,
            },
        }
        .into_ref()
    });
    ListContext {
        items: listing.items(views, range.clone()),
        paginator: Paginator {
            current: n,
            count: page_count,
            total_items: total,
            first_item: range.start + 1,
            last_item: range.end,
            previous_url: (n > 1).then(|| page_url(n - 1)),
            next_url: (n < page_count).then(|| page_url(n + 1)),
            pages: List::new(pages),
        }
        .into_ref(),
    }
    .insert_into(&mut context);
    spec(
        listing.template(),
        listing.path(dossier, n),
        context,
        PageKind::List,
    )
}

/// Pages linked from page `current` of `count`: the first and last, and the current one with
/// `PAGE_WINDOW` neighbours on each side; `None` marks a gap. Linking every page from every
/// page would make the list pages quadratic (1,500 quote pages × 1,500 links at 30,000 quotes).
fn page_window(current: usize, count: usize) -> Vec<Option<usize>> {
    let low = current.saturating_sub(PAGE_WINDOW).max(1);
    let high = (current + PAGE_WINDOW).min(count);
    let mut out = Vec::with_capacity(2 * PAGE_WINDOW + 5);
    if low > 1 {
        out.push(Some(1));
        if low > 2 {
            out.push(None);
        }
    }
    out.extend((low..=high).map(Some));
    if high < count {
        if high + 1 < count {
            out.push(None);
        }
        out.push(Some(count));
    }
    out
}

pub fn topics_list(dossier: &Dossier, views: &Views) -> PageSpec {
    let url = dossier.url("topics/");
    let title = dossier.strings.get("title.topics");
    let mut context = base_context(dossier, views, "topics", title, &url, None);
    TopicsContext {
        topics: views.topic_list(&(0..dossier.topics.len()).collect::<Vec<_>>()),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &url);
    spec("topics.html", path, context, PageKind::List)
}

pub fn speakers_list(dossier: &Dossier, views: &Views) -> PageSpec {
    let url = dossier.url("speakers/");
    let title = dossier.strings.get("title.speakers");
    let mut context = base_context(dossier, views, "speakers", title, &url, None);
    SpeakersContext {
        speakers: views.speaker_list(&(0..dossier.speakers.len()).collect::<Vec<_>>()),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &url);
    spec("speakers.html", path, context, PageKind::List)
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn page_window_links_ends_and_neighbours_only() {
        assert_eq!(page_window(1, 1), vec![Some(1)]);
        assert_eq!(page_window(2, 4), (1..=4).map(Some).collect::<Vec<_>>());
        assert_eq!(
            page_window(1, 100),
            vec![Some(1), Some(2), Some(3), None, Some(100)]
        );
        assert_eq!(
            page_window(50, 100),
            vec![
                Some(1),
                None,
                Some(48),
                Some(49),
                Some(50),
                Some(51),
                Some(52),
                None,
                Some(100)
            ]
        );
        assert_eq!(
            page_window(97, 100),
            vec![
                Some(1),
                None,
                Some(95),
                Some(96),
                Some(97),
                Some(98),
                Some(99),
                Some(100)
            ]
        );
    }
}
