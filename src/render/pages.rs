//! Which pages the site has, and what each page's template gets. Every page's context
//! holds only what that page shows, built from shared views (see `views.rs`).

use tera::{Context, Value};

use super::views::{Views, list, obj};
use crate::link::{ChronologyItem, Dossier};

const HOME_LATEST: usize = 6;
const MORE_QUOTES: usize = 5;
/// Neighbours of the current page linked on each side in a paginated list.
const PAGE_WINDOW: usize = 2;

/// One HTML page to render: its template, its output path (relative, `/`-separated), and its context.
pub struct PageSpec {
    pub template: &'static str,
    pub path: String,
    pub context: Context,
    /// What the page is about: drives its feed link, JSON-LD and sitemap date.
    pub subject: Subject,
}

/// The entity a page shows (indices into the dossier's vectors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Home,
    /// A paginated or plain list page (articles, quotes, topics, speakers).
    List,
    Article(usize),
    Topic(usize),
    Speaker(usize),
    Quote(usize),
    Chronology,
    ChronologyYear(i32),
    NotFound,
}

/// What every template gets as `site`.
pub(crate) fn site_value(dossier: &Dossier) -> Value {
    let config = &dossier.config;
    obj([
        ("title", config.title.as_str().into()),
        ("description", config.description.as_str().into()),
        ("base_url", dossier.base_url.as_str().into()),
        ("base_path", dossier.base_path.as_str().into()),
        ("language", config.language.as_str().into()),
        ("search_enabled", config.search.enabled.into()),
        ("extra", Value::from_serializable(&config.extra)),
    ])
}

/// What every page gets: `site` (built once, in the views) and `page`.
pub fn base_context(
    dossier: &Dossier,
    views: &Views,
    kind: &str,
    title: &str,
    url: &str,
    description: Option<&str>,
) -> Context {
    let config = &dossier.config;
    let page = obj([
        ("kind", kind.into()),
        ("title", title.into()),
        ("url", url.into()),
        ("permalink", dossier.permalink(url).into()),
        (
            "description",
            description.unwrap_or(&config.description).into(),
        ),
    ]);
    let mut context = Context::new();
    context.insert_value("site", views.site.clone());
    context.insert_value("page", page);
    context
}

/// `articles/x/` → `articles/x/index.html`; `` → `index.html`.
pub(crate) fn index_path(dir: &str) -> String {
    format!("{dir}index.html")
}

/// The site path (without base path) of a URL built with the base path.
pub(crate) fn rel(dossier: &Dossier, url: &str) -> String {
    url.strip_prefix(dossier.base_path.as_str())
        .unwrap_or(url)
        .to_string()
}

/// A page to render: a few pages come built; the many list and entity pages are built on demand
/// (`PageJob::build`), inside the parallel render loop. Building all 40,000 contexts of a
/// 10,000-article site up front took ~2 s on one thread and ~400 MB held until the end.
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
    /// The page's output path and subject, known before its context is built (the
    /// sitemap and the alias check need every page's, while the pages render).
    pub fn target(&self, dossier: &Dossier) -> (String, Subject) {
        let entity = |url: &str| index_path(&rel(dossier, url));
        match self {
            PageJob::Built(spec) => (spec.path.clone(), spec.subject),
            PageJob::Listing(listing, n) => (listing.path(dossier, *n), Subject::List),
            PageJob::Article(i) => (entity(&dossier.articles[*i].url), Subject::Article(*i)),
            PageJob::Topic(i) => (entity(&dossier.topics[*i].url), Subject::Topic(*i)),
            PageJob::Speaker(i) => (entity(&dossier.speakers[*i].url), Subject::Speaker(*i)),
            PageJob::Quote(i) => (entity(&dossier.quotes[*i].url), Subject::Quote(*i)),
        }
    }

    pub fn build(self, dossier: &Dossier, views: &Views) -> PageSpec {
        match self {
            PageJob::Built(spec) => spec,
            PageJob::Listing(listing, n) => listing_page(dossier, views, listing, n),
            PageJob::Article(i) => article(dossier, views, i),
            PageJob::Topic(i) => topic(dossier, views, i),
            PageJob::Speaker(i) => speaker(dossier, views, i),
            PageJob::Quote(i) => quote(dossier, views, i),
        }
    }
}

/// Every page of the site, in a stable order.
pub fn page_jobs(dossier: &Dossier, views: &Views) -> Vec<PageJob> {
    let pages = vec![
        home(dossier, views),
        topics_list(dossier, views),
        speakers_list(dossier, views),
        not_found(dossier, views),
    ];
    let mut jobs: Vec<PageJob> = pages.into_iter().map(PageJob::Built).collect();
    for listing in [Listing::Articles, Listing::Quotes] {
        jobs.extend((1..=listing.page_count(dossier)).map(|n| PageJob::Listing(listing, n)));
    }
    jobs.extend((0..dossier.articles.len()).map(PageJob::Article));
    jobs.extend((0..dossier.topics.len()).map(PageJob::Topic));
    jobs.extend((0..dossier.speakers.len()).map(PageJob::Speaker));
    jobs.extend((0..dossier.quotes.len()).map(PageJob::Quote));
    jobs.extend(chronology(dossier, views).into_iter().map(PageJob::Built));
    if dossier.config.search.enabled {
        jobs.push(PageJob::Built(search(dossier, views)));
    }
    jobs
}

fn home(dossier: &Dossier, views: &Views) -> PageSpec {
    let mut context = base_context(
        dossier,
        views,
        "home",
        &dossier.config.title,
        &dossier.base_path,
        None,
    );
    let latest: Vec<usize> = (0..dossier.articles.len().min(HOME_LATEST)).collect();
    let latest_quotes: Vec<usize> = (0..dossier.quotes.len().min(HOME_LATEST)).collect();
    let recent: Vec<Value> = dossier
        .chronology
        .iter()
        .rev()
        .take(HOME_LATEST)
        .map(|entry| views.chronology_entry(dossier, entry))
        .collect();
    let all_topics: Vec<usize> = (0..dossier.topics.len()).collect();
    let all_speakers: Vec<usize> = (0..dossier.speakers.len()).collect();
    let rows = list(
        dossier
            .matrix
            .iter()
            .enumerate()
            .filter(|(_, counts)| counts.iter().any(|&c| c > 0))
            .map(|(speaker, counts)| {
                obj([
                    ("speaker", views.speakers[speaker].clone()),
                    ("counts", list(counts.iter().map(|&c| Value::from(c)))),
                    ("total", dossier.speakers[speaker].quotes.len().into()),
                ])
            }),
    );
    context.insert_value("latest_articles", views.article_list(&latest));
    context.insert_value("latest_quotes", views.quote_list(&latest_quotes));
    context.insert_value("recent_chronology", list(recent));
    context.insert_value("topics", views.topic_list(&all_topics));
    context.insert_value("speakers", views.speaker_list(&all_speakers));
    context.insert_value(
        "matrix",
        obj([("topics", views.topic_list(&all_topics)), ("rows", rows)]),
    );
    context.insert_value(
        "counts",
        obj([
            ("articles", dossier.articles.len().into()),
            ("quotes", dossier.quotes.len().into()),
            ("speakers", dossier.speakers.len().into()),
            ("topics", dossier.topics.len().into()),
            ("events", dossier.events.len().into()),
        ]),
    );
    PageSpec {
        template: "index.html",
        path: "index.html".into(),
        context,
        subject: Subject::Home,
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

    fn title(self) -> &'static str {
        match self {
            Listing::Articles => "Articles",
            Listing::Quotes => "Quotes",
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

    fn items(self, views: &Views, range: std::ops::Range<usize>) -> Value {
        let indices: Vec<usize> = range.collect();
        match self {
            Listing::Articles => views.article_list(&indices),
            Listing::Quotes => views.quote_list(&indices),
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
    fn path(self, dossier: &Dossier, n: usize) -> String {
        index_path(&rel(dossier, &self.url(dossier, n)))
    }
}

/// Page `n` (from 1) of a paginated list.
pub fn listing_page(dossier: &Dossier, views: &Views, listing: Listing, n: usize) -> PageSpec {
    let per_page = dossier.config.paginate_by.max(1);
    let total = listing.total(dossier);
    let page_count = listing.page_count(dossier);
    let page_url = |n: usize| listing.url(dossier, n);
    let url = page_url(n);
    let title = listing.title();
    let heading = if n == 1 {
        title.to_string()
    } else {
        format!("{title} (page {n} of {page_count})")
    };
    let mut context = base_context(dossier, views, listing.dir(), &heading, &url, None);
    let range = ((n - 1) * per_page)..(n * per_page).min(total);
    context.insert_value("items", listing.items(views, range.clone()));
    context.insert_value(
        "paginator",
        obj([
            ("current", n.into()),
            ("count", page_count.into()),
            ("total_items", total.into()),
            ("first_item", (range.start + 1).into()),
            ("last_item", range.end.into()),
            ("previous_url", (n > 1).then(|| page_url(n - 1)).into()),
            ("next_url", (n < page_count).then(|| page_url(n + 1)).into()),
            (
                "pages",
                list(page_window(n, page_count).into_iter().map(|p| match p {
                    Some(p) => obj([
                        ("number", p.into()),
                        ("url", page_url(p).into()),
                        ("current", (p == n).into()),
                        ("gap", false.into()),
                    ]),
                    None => obj([("gap", true.into())]),
                })),
            ),
        ]),
    );
    PageSpec {
        template: listing.template(),
        path: listing.path(dossier, n),
        context,
        subject: Subject::List,
    }
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

pub fn article(dossier: &Dossier, views: &Views, index: usize) -> PageSpec {
    let a = &dossier.articles[index];
    let mut context = base_context(
        dossier,
        views,
        "article",
        &a.title,
        &a.url,
        a.summary.as_deref(),
    );
    let link = |i: Option<usize>| {
        i.map(|i| {
            obj([
                ("title", dossier.articles[i].title.as_str().into()),
                ("url", dossier.articles[i].url.as_str().into()),
            ])
        })
    };
    let language = a.language.clone();
    context.insert_value(
        "article",
        obj([
            ("card", views.articles[index].clone()),
            ("title", a.title.as_str().into()),
            ("url", a.url.as_str().into()),
            ("date", a.date.iso_date().into()),
            ("datetime", a.date.rfc3339().into()),
            ("date_display", a.date.display().into()),
            ("author", a.author.clone().into()),
            ("source", a.source.clone().into()),
            ("source_url", a.source_url.clone().into()),
            ("archive_url", a.archive_url.clone().into()),
            ("summary", a.summary.clone().into()),
            ("language", language.clone().into()),
            (
                "dir",
                language.as_deref().map(super::views::text_direction).into(),
            ),
            ("body_html", Value::safe_string(&a.body_html)),
            ("extra", Value::from_serializable(&a.extra)),
            ("topics", views.topic_list(&a.topics)),
            ("speakers", views.speaker_list(&a.speakers)),
            ("quotes", views.quote_list(&a.quotes)),
            ("events", views.event_list(&a.events)),
            ("related", views.article_list(&a.related)),
            ("previous", link(a.previous).into()),
            ("next", link(a.next).into()),
            ("citation", super::cite::article_text(dossier, index).into()),
        ]),
    );
    PageSpec {
        template: "article.html",
        path: index_path(&rel(dossier, &a.url)),
        context,
        subject: Subject::Article(index),
    }
}

fn topics_list(dossier: &Dossier, views: &Views) -> PageSpec {
    let url = dossier.url("topics/");
    let mut context = base_context(dossier, views, "topics", "Topics", &url, None);
    context.insert_value(
        "topics",
        views.topic_list(&(0..dossier.topics.len()).collect::<Vec<_>>()),
    );
    PageSpec {
        template: "topics.html",
        path: index_path(&rel(dossier, &url)),
        context,
        subject: Subject::List,
    }
}

pub fn topic(dossier: &Dossier, views: &Views, index: usize) -> PageSpec {
    let t = &dossier.topics[index];
    let mut context = base_context(
        dossier,
        views,
        "topic",
        &t.title,
        &t.url,
        t.description.as_deref(),
    );
    let entries: Vec<_> = dossier
        .chronology
        .iter()
        .filter(|entry| match entry.item {
            ChronologyItem::Article(i) => dossier.articles[i].topics.contains(&index),
            ChronologyItem::Event(i) => dossier.events[i].topics.contains(&index),
        })
        .collect();
    let years = views.chronology_years(dossier, &entries);
    // One pass over the topic's quotes, not one per speaker.
    let mut by_speaker: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for &q in &t.quotes {
        by_speaker
            .entry(dossier.quotes[q].speaker)
            .or_default()
            .push(q);
    }
    let quote_groups = list(t.speakers.iter().map(|&speaker| {
        let quotes = by_speaker.get(&speaker).map_or(&[][..], Vec::as_slice);
        obj([
            ("speaker", views.speakers[speaker].clone()),
            ("quotes", views.quote_list(quotes)),
        ])
    }));
    context.insert_value(
        "topic",
        obj([
            ("slug", t.slug.as_str().into()),
            ("title", t.title.as_str().into()),
            ("url", t.url.as_str().into()),
            ("description", t.description.clone().into()),
            ("body_html", Value::safe_string(&t.body_html)),
            ("extra", Value::from_serializable(&t.extra)),
            ("article_count", t.articles.len().into()),
            ("quote_count", t.quotes.len().into()),
            ("chronology", list(years.into_iter().map(|(_, v)| v))),
            ("quote_groups", quote_groups),
            ("speakers", views.speaker_list(&t.speakers)),
            ("related", views.topic_list(&t.related)),
            ("articles", views.article_list(&t.articles)),
        ]),
    );
    PageSpec {
        template: "topic.html",
        path: index_path(&rel(dossier, &t.url)),
        context,
        subject: Subject::Topic(index),
    }
}

fn speakers_list(dossier: &Dossier, views: &Views) -> PageSpec {
    let url = dossier.url("speakers/");
    let mut context = base_context(dossier, views, "speakers", "Speakers", &url, None);
    context.insert_value(
        "speakers",
        views.speaker_list(&(0..dossier.speakers.len()).collect::<Vec<_>>()),
    );
    PageSpec {
        template: "speakers.html",
        path: index_path(&rel(dossier, &url)),
        context,
        subject: Subject::List,
    }
}

pub fn speaker(dossier: &Dossier, views: &Views, index: usize) -> PageSpec {
    let s = &dossier.speakers[index];
    let mut context = base_context(
        dossier,
        views,
        "speaker",
        &s.name,
        &s.url,
        s.role.as_deref(),
    );
    // One pass over the speaker's quotes, not one per topic.
    let mut by_topic_index: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for &q in &s.quotes {
        for &topic in &dossier.quotes[q].topics {
            by_topic_index.entry(topic).or_default().push(q);
        }
    }
    let by_topic = list(s.topics.iter().map(|&topic| {
        let quotes = by_topic_index.get(&topic).map_or(&[][..], Vec::as_slice);
        obj([
            ("topic", views.topics[topic].clone()),
            ("quotes", views.quote_list(quotes)),
        ])
    }));
    let quoted = |i: Option<&usize>| {
        i.map(|&q| {
            obj([
                ("date", dossier.quotes[q].said.iso_date().into()),
                ("date_display", dossier.quotes[q].said.display().into()),
            ])
        })
    };
    context.insert_value(
        "speaker",
        obj([
            ("slug", s.slug.as_str().into()),
            ("name", s.name.as_str().into()),
            ("url", s.url.as_str().into()),
            ("role", s.role.clone().into()),
            ("country", s.country.clone().into()),
            (
                "aliases",
                list(s.aliases.iter().map(|a| Value::from(a.as_str()))),
            ),
            ("image", s.image.clone().into()),
            ("wikidata", s.wikidata.clone().into()),
            (
                "wikidata_url",
                s.wikidata
                    .as_ref()
                    .map(|w| format!("https://www.wikidata.org/wiki/{w}"))
                    .into(),
            ),
            ("bio_html", Value::safe_string(&s.bio_html)),
            ("extra", Value::from_serializable(&s.extra)),
            ("quote_count", s.quotes.len().into()),
            ("article_count", s.articles.len().into()),
            ("first_quoted", quoted(s.quotes.first()).into()),
            ("last_quoted", quoted(s.quotes.last()).into()),
            ("quotes_by_topic", by_topic),
            ("quotes", views.quote_list(&s.quotes)),
            ("articles", views.article_list(&s.articles)),
            ("topics", views.topic_list(&s.topics)),
        ]),
    );
    PageSpec {
        template: "speaker.html",
        path: index_path(&rel(dossier, &s.url)),
        context,
        subject: Subject::Speaker(index),
    }
}

pub fn quote(dossier: &Dossier, views: &Views, index: usize) -> PageSpec {
    let q = &dossier.quotes[index];
    let speaker = &dossier.speakers[q.speaker];
    let title = format!("{}: “{}”", speaker.name, short(&q.text, 60));
    let mut context = base_context(dossier, views, "quote", &title, &q.url, Some(&q.text));
    let more_from_speaker: Vec<usize> = speaker
        .quotes
        .iter()
        .rev()
        .copied()
        .filter(|&other| {
            other != index
                && dossier.quotes[other]
                    .topics
                    .iter()
                    .any(|t| q.topics.contains(t))
        })
        .take(MORE_QUOTES)
        .collect();
    let mut others: Vec<usize> = Vec::new();
    for &topic in &q.topics {
        for &other in &dossier.topics[topic].quotes {
            if others.len() >= MORE_QUOTES {
                break;
            }
            if dossier.quotes[other].speaker != q.speaker && !others.contains(&other) {
                others.push(other);
            }
        }
    }
    let thread = list(
        super::thread::of(dossier, index)
            .into_iter()
            .map(|(member, depth)| {
                obj([
                    ("quote", views.quotes[member].clone()),
                    ("depth", depth.into()),
                    ("current", (member == index).into()),
                ])
            }),
    );
    let article = &dossier.articles[q.article];
    context.insert_value(
        "quote",
        obj([
            ("card", views.quotes[index].clone()),
            ("id", q.id.as_str().into()),
            ("text", q.text.as_str().into()),
            ("url", q.url.as_str().into()),
            ("permalink", dossier.permalink(&q.url).into()),
            ("speaker", views.speakers[q.speaker].clone()),
            ("said", q.said.iso_date().into()),
            ("said_display", q.said.display().into()),
            ("context", q.context.clone().into()),
            ("status", q.status.as_str().into()),
            (
                "original",
                views.quotes[index]
                    .get_from_path("original")
                    .cloned()
                    .unwrap_or_else(Value::none),
            ),
            ("topics", views.topic_list(&q.topics)),
            (
                "article",
                obj([
                    ("title", article.title.as_str().into()),
                    ("url", article.url.as_str().into()),
                    ("source", article.source.clone().into()),
                    ("author", article.author.clone().into()),
                    ("date_display", article.date.display().into()),
                ]),
            ),
            ("source_url", q.source_url.clone().into()),
            ("archive_url", article.archive_url.clone().into()),
            (
                "responds_to",
                q.responds_to.map(|r| views.quotes[r].clone()).into(),
            ),
            ("responses", views.quote_list(&q.responses)),
            ("thread", thread),
            ("more_from_speaker", views.quote_list(&more_from_speaker)),
            ("other_speakers", views.quote_list(&others)),
            ("citation", super::cite::quote_text(dossier, index).into()),
        ]),
    );
    PageSpec {
        template: "quote.html",
        path: index_path(&rel(dossier, &q.url)),
        context,
        subject: Subject::Quote(index),
    }
}

fn chronology(dossier: &Dossier, views: &Views) -> Vec<PageSpec> {
    let entries: Vec<_> = dossier.chronology.iter().collect();
    let years = views.chronology_years(dossier, &entries);
    let url = dossier.url("chronology/");
    let mut context = base_context(dossier, views, "chronology", "Chronology", &url, None);
    context.insert_value("years", list(years.iter().map(|(_, v)| v.clone())));
    let mut pages = vec![PageSpec {
        template: "chronology.html",
        path: index_path(&rel(dossier, &url)),
        context,
        subject: Subject::Chronology,
    }];
    for (position, (year, value)) in years.iter().enumerate() {
        let url = dossier.url(&format!("chronology/{year}/"));
        let mut context = base_context(
            dossier,
            views,
            "chronology_year",
            &format!("Chronology: {year}"),
            &url,
            None,
        );
        let neighbour = |p: Option<usize>| {
            p.and_then(|p| years.get(p)).map(|(y, v)| {
                obj([
                    ("year", (*y).into()),
                    (
                        "url",
                        v.get_from_path("url").cloned().unwrap_or_else(Value::none),
                    ),
                ])
            })
        };
        context.insert_value("year", value.clone());
        context.insert_value("previous_year", neighbour(position.checked_sub(1)).into());
        context.insert_value("next_year", neighbour(Some(position + 1)).into());
        pages.push(PageSpec {
            template: "chronology_year.html",
            path: index_path(&rel(dossier, &url)),
            context,
            subject: Subject::ChronologyYear(*year),
        });
    }
    pages
}

/// `/search/`: the search form, its facets (every speaker and topic), and where Pagefind's
/// files are. Results are found and shown in the browser (`static/search.js`).
fn search(dossier: &Dossier, views: &Views) -> PageSpec {
    let url = dossier.url("search/");
    let mut context = base_context(dossier, views, "search", "Search", &url, None);
    let kinds = list(
        [
            ("article", "Articles"),
            ("quote", "Quotes"),
            ("speaker", "Speakers"),
            ("topic", "Topics"),
        ]
        .into_iter()
        .map(|(value, label)| obj([("value", value.into()), ("label", label.into())])),
    );
    context.insert_value(
        "search",
        obj([
            ("kinds", kinds),
            (
                "speakers",
                views.speaker_list(&(0..dossier.speakers.len()).collect::<Vec<_>>()),
            ),
            (
                "topics",
                views.topic_list(&(0..dossier.topics.len()).collect::<Vec<_>>()),
            ),
            (
                "bundle_url",
                dossier.url(&format!("{}/", super::search::FOLDER)).into(),
            ),
        ]),
    );
    PageSpec {
        template: "search.html",
        path: index_path(&rel(dossier, &url)),
        context,
        subject: Subject::List,
    }
}

fn not_found(dossier: &Dossier, views: &Views) -> PageSpec {
    let url = dossier.url("404.html");
    let context = base_context(dossier, views, "404", "Page not found", &url, None);
    PageSpec {
        template: "404.html",
        path: "404.html".into(),
        context,
        subject: Subject::NotFound,
    }
}

/// The first `max` characters of `text`, cut at a word, with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
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
