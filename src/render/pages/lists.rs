//! List pages: the paginated article and quote lists (`/articles/`, `/articles/page/2/`, …),
//! a topic's and a speaker's (`/topics/<slug>/quotes/`, …), and the topic and speaker indexes.

use std::ops::Range;

use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::paging;
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
    /// `page` and `head`: the whole dossier's articles or quotes, or a topic's or a speaker's.
    ListContext {
        /// This page's items: article cards on `articles.html`, quote cards on `quotes.html`.
        items: Items,
        paginator: Ref<Paginator>,
        /// The topic whose quotes or articles these are (`/topics/<slug>/quotes/`), or none.
        topic: Option<Ref<TopicCard>>,
        /// The speaker whose quotes or articles these are (`/speakers/<slug>/quotes/`), or
        /// none.
        speaker: Option<Ref<SpeakerCard>>,
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

/// A list split into pages: `/<dir>/`, `/<dir>/page/2/`, … where `<dir>` is `articles`,
/// `quotes`, or a topic's or speaker's folder followed by `articles` or `quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Articles,
    Quotes,
    /// A topic's articles, newest first.
    TopicArticles(usize),
    /// A topic's quotes, newest first.
    TopicQuotes(usize),
    /// A speaker's articles, newest first.
    SpeakerArticles(usize),
    /// A speaker's quotes, newest first.
    SpeakerQuotes(usize),
}

impl Listing {
    /// `page.kind` of the list's pages.
    fn kind(self) -> &'static str {
        match self {
            Listing::Articles => "articles",
            Listing::Quotes => "quotes",
            Listing::TopicArticles(_) => "topic_articles",
            Listing::TopicQuotes(_) => "topic_quotes",
            Listing::SpeakerArticles(_) => "speaker_articles",
            Listing::SpeakerQuotes(_) => "speaker_quotes",
        }
    }

    /// The list's title, from the interface strings.
    fn title(self, dossier: &Dossier) -> String {
        let strings = &dossier.strings;
        match self {
            Listing::Articles => strings.get("title.articles").to_string(),
            Listing::Quotes => strings.get("title.quotes").to_string(),
            Listing::TopicArticles(t) => strings.fill(
                "title.topic_articles",
                &[("topic", &dossier.topics[t].title)],
            ),
            Listing::TopicQuotes(t) => {
                strings.fill("title.topic_quotes", &[("topic", &dossier.topics[t].title)])
            }
            Listing::SpeakerArticles(s) => strings.fill(
                "title.speaker_articles",
                &[("speaker", &dossier.speakers[s].name)],
            ),
            Listing::SpeakerQuotes(s) => strings.fill(
                "title.speaker_quotes",
                &[("speaker", &dossier.speakers[s].name)],
            ),
        }
    }

    fn template(self) -> &'static str {
        match self {
            Listing::Articles | Listing::TopicArticles(_) | Listing::SpeakerArticles(_) => {
                "articles.html"
            }
            Listing::Quotes | Listing::TopicQuotes(_) | Listing::SpeakerQuotes(_) => "quotes.html",
        }
    }

    fn page_kind(self) -> PageKind {
        match self {
            Listing::Articles | Listing::Quotes => PageKind::List,
            Listing::TopicArticles(t) | Listing::TopicQuotes(t) => PageKind::TopicPart(t),
            Listing::SpeakerArticles(s) | Listing::SpeakerQuotes(s) => PageKind::SpeakerPart(s),
        }
    }

    fn total(self, dossier: &Dossier) -> usize {
        match self {
            Listing::Articles => dossier.articles.len(),
            Listing::Quotes => dossier.listed_quotes.len(),
            Listing::TopicArticles(t) => dossier.topics[t].articles.len(),
            Listing::TopicQuotes(t) => dossier.topics[t].quotes.len(),
            Listing::SpeakerArticles(s) => dossier.speakers[s].articles.len(),
            Listing::SpeakerQuotes(s) => dossier.speakers[s].quotes.len(),
        }
    }

    /// The items at `range` of the list, as indices into the dossier's articles or quotes.
    fn indices(self, dossier: &Dossier, range: Range<usize>) -> Vec<usize> {
        match self {
            Listing::Articles => range.collect(),
            Listing::Quotes => dossier.listed_quotes[range].to_vec(),
            Listing::TopicArticles(t) => dossier.topics[t].articles[range].to_vec(),
            Listing::TopicQuotes(t) => dossier.topics[t].quotes[range].to_vec(),
            Listing::SpeakerArticles(s) => dossier.speakers[s].articles[range].to_vec(),
            // A speaker's quotes are kept oldest first; the list is newest first.
            Listing::SpeakerQuotes(s) => {
                let quotes = &dossier.speakers[s].quotes;
                range.map(|k| quotes[quotes.len() - 1 - k]).collect()
            }
        }
    }

    fn items(self, dossier: &Dossier, views: &Views, range: Range<usize>) -> Items {
        let indices = self.indices(dossier, range);
        match self {
            Listing::Articles | Listing::TopicArticles(_) | Listing::SpeakerArticles(_) => {
                Items::Articles(views.article_list(&indices))
            }
            Listing::Quotes | Listing::TopicQuotes(_) | Listing::SpeakerQuotes(_) => {
                Items::Quotes(views.quote_list(&indices))
            }
        }
    }

    /// Whether the list is the whole dossier's (`/articles/`, `/quotes/`), which exists even
    /// when empty.
    pub fn is_site_wide(self) -> bool {
        matches!(self, Listing::Articles | Listing::Quotes)
    }

    pub fn is_empty(self, dossier: &Dossier) -> bool {
        self.total(dossier) == 0
    }

    /// How many pages the list takes (one, even when empty).
    pub fn page_count(self, dossier: &Dossier) -> usize {
        paging::page_count(self.total(dossier), paging::per_page(dossier))
    }

    /// The URL of the list's first page.
    fn first_url(self, dossier: &Dossier) -> String {
        match self {
            Listing::Articles => dossier.url("articles/"),
            Listing::Quotes => dossier.url("quotes/"),
            Listing::TopicArticles(t) => format!("{}articles/", dossier.topics[t].url),
            Listing::TopicQuotes(t) => format!("{}quotes/", dossier.topics[t].url),
            Listing::SpeakerArticles(s) => format!("{}articles/", dossier.speakers[s].url),
            Listing::SpeakerQuotes(s) => format!("{}quotes/", dossier.speakers[s].url),
        }
    }

    /// The URL of page `n` (from 1).
    pub fn url(self, dossier: &Dossier, n: usize) -> String {
        paged_url(&self.first_url(dossier), n)
    }

    /// The output path of page `n`.
    pub fn path(self, dossier: &Dossier, n: usize) -> String {
        urls::output_path_of_url(&dossier.base_path, &self.url(dossier, n))
    }
}

/// The URL of page `n` (from 1) of a list whose first page is at `first` (`…/x/` →
/// `…/x/page/n/`).
pub fn paged_url(first: &str, n: usize) -> String {
    if n == 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

/// A page's title: the list's title, and on later pages which page of how many.
pub fn paged_title(dossier: &Dossier, title: &str, n: usize, count: usize) -> String {
    if n == 1 {
        title.to_string()
    } else {
        dossier.strings.fill(
            "title.paged",
            &[
                ("title", title),
                ("n", &dossier.strings.number(n as i64)),
                ("count", &dossier.strings.number(count as i64)),
            ],
        )
    }
}

/// Where page `n` sits in a list of `total` items, `per_page` a page, page `p` at
/// `page_url(p)`; and the positions of the page's items in the list.
pub fn paginator(
    n: usize,
    per_page: usize,
    total: usize,
    page_url: impl Fn(usize) -> String,
) -> (Ref<Paginator>, Range<usize>) {
    let page_count = paging::page_count(total, per_page);
    let range = paging::page_range(n, per_page, total);
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
    let paginator = Paginator {
        current: n,
        count: page_count,
        total_items: total,
        first_item: range.start + 1,
        last_item: range.end,
        previous_url: (n > 1).then(|| page_url(n - 1)),
        next_url: (n < page_count).then(|| page_url(n + 1)),
        pages: List::new(pages),
    }
    .into_ref();
    (paginator, range)
}

/// Page `n` (from 1) of a paginated list.
pub fn listing_page(dossier: &Dossier, views: &Views, listing: Listing, n: usize) -> PageSpec {
    let total = listing.total(dossier);
    let page_count = listing.page_count(dossier);
    let url = listing.url(dossier, n);
    let title = paged_title(dossier, &listing.title(dossier), n, page_count);
    let mut context = base_context(dossier, views, listing.kind(), &title, &url, None);
    let (paginator, range) = paginator(n, paging::per_page(dossier), total, |p| {
        listing.url(dossier, p)
    });
    let (topic, speaker) = match listing {
        Listing::Articles | Listing::Quotes => (None, None),
        Listing::TopicArticles(t) | Listing::TopicQuotes(t) => {
            (Some(views.topics[t].clone()), None)
        }
        Listing::SpeakerArticles(s) | Listing::SpeakerQuotes(s) => {
            (None, Some(views.speakers[s].clone()))
        }
    };
    ListContext {
        items: listing.items(dossier, views, range),
        paginator,
        topic,
        speaker,
    }
    .insert_into(&mut context);
    spec(
        listing.template(),
        listing.path(dossier, n),
        context,
        listing.page_kind(),
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
