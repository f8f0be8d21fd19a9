//! schema.org JSON-LD for pages: NewsArticle (article), Quotation (quote), Person (speaker),
//! Event (chronology, and an article's events), WebSite (home), and CollectionPage with a
//! BreadcrumbList for the pages that list things (lists, topics, a speaker's lists, the
//! chronology). The search page has none: it is `noindex`, and what it shows depends on
//! the query. The dossier site is the `publisher` of its own pages; the newspaper an
//! article reports on is the publisher of the source, in `isBasedOn`. Each node is a plain struct
//! serialized by serde (a field without a value is left out), and made safe to inline in
//! `<script type="application/ld+json">` as it is written: `<`, `>`, `&`, U+2028 and U+2029
//! become `\u` escapes, so no text (a title containing `</script>`, say) can close the
//! script element or start an HTML comment; the JSON still parses to the same data.
//!
//! Fields are declared in byte order of their names, so the output keeps the order it had
//! when it was built from `serde_json::Value` maps. Structs rather than `json!` values: the
//! values cost ~75,000 instructions per page, 15% of a 10,000-article build.

use serde::Serialize;

use super::page_kind::PageKind;
use super::paging;
use crate::link::model::{ChronologyItem, Dossier, ShareImage};

const CONTEXT: &str = "https://schema.org";

/// The page being described: its title and absolute URL.
#[derive(Debug, Clone, Copy)]
pub struct PageRef<'a> {
    pub title: &'a str,
    pub permalink: &'a str,
}

/// The page's JSON-LD, ready to put inside a `<script>` element, if it has any.
pub fn for_page(dossier: &Dossier, subject: PageKind, page: PageRef) -> Option<String> {
    let collection = |about| collection_graph(dossier, subject, page, about);
    Some(match subject {
        PageKind::Home => script_safe(&website(dossier)),
        PageKind::Article(i) => {
            let mut graph = vec![Node::Article(Box::new(news_article(dossier, i)))];
            graph.extend(
                dossier.articles[i]
                    .events
                    .iter()
                    .map(|&e| Node::Event(Box::new(event(dossier, e)))),
            );
            script_safe(&Graph {
                context: CONTEXT,
                graph,
            })
        }
        PageKind::Quote(i) => quotation(dossier, i),
        PageKind::Speaker(i) => script_safe(&Graph {
            context: CONTEXT,
            graph: vec![
                Node::Person(Box::new(Person {
                    context: None,
                    ..person(dossier, i)
                })),
                Node::Breadcrumbs(breadcrumbs(dossier, subject, page)),
            ],
        }),
        PageKind::List | PageKind::Corrections => script_safe(&collection(About::None)),
        PageKind::Topic(i) | PageKind::TopicPart(i) => script_safe(&collection(About::Topic(i))),
        PageKind::SpeakerPart(i) => script_safe(&collection(About::Speaker(i))),
        PageKind::Chronology | PageKind::ChronologyYear(..) => {
            // The events the page shows: the newest entries on the summary, this page's part
            // of the year on a year's page.
            let entries = match subject {
                PageKind::ChronologyYear(year, n) => {
                    let year = paging::year_range(dossier, year);
                    let part = paging::page_range(n, paging::per_page(dossier), year.len());
                    year.start + part.start..year.start + part.end
                }
                _ => {
                    dossier.chronology.len().saturating_sub(paging::RECENT)
                        ..dossier.chronology.len()
                }
            };
            let mut graph = collection(About::None);
            graph
                .graph
                .extend(
                    dossier.chronology[entries]
                        .iter()
                        .filter_map(|entry| match entry.item {
                            ChronologyItem::Event(e) => {
                                Some(Node::Event(Box::new(event(dossier, e))))
                            }
                            ChronologyItem::Article(_) => None,
                        }),
                );
            script_safe(&graph)
        }
        PageKind::Search | PageKind::NotFound => {
            return None;
        }
    })
}

/// What a collection page is about: a topic, a speaker, or nothing in particular.
#[derive(Clone, Copy)]
enum About {
    None,
    Topic(usize),
    Speaker(usize),
}

/// A list page as a `CollectionPage` of the site, with its breadcrumbs.
fn collection_graph<'a>(
    dossier: &'a Dossier,
    kind: PageKind,
    page: PageRef<'a>,
    about: About,
) -> Graph<'a> {
    let (about, mentions) = match about {
        About::None => (Vec::new(), None),
        About::Topic(t) => (topics(dossier, &[t]), None),
        About::Speaker(s) => (Vec::new(), Some(person_ref(dossier, s))),
    };
    Graph {
        context: CONTEXT,
        graph: vec![
            Node::Collection(Box::new(CollectionPage {
                id: page.permalink.to_string(),
                kind: "CollectionPage",
                about,
                breadcrumb: IdRef {
                    id: breadcrumbs_id(page),
                },
                is_part_of: website_ref(dossier),
                mentions,
                name: page.title,
                url: page.permalink.to_string(),
            })),
            Node::Breadcrumbs(breadcrumbs(dossier, kind, page)),
        ],
    }
}

fn breadcrumbs_id(page: PageRef) -> String {
    format!("{}#breadcrumbs", page.permalink)
}

/// The way from the home page to `page`: the site, the section (Topics, Speakers,
/// Chronology), the topic or speaker, then the page itself.
fn breadcrumbs<'a>(dossier: &'a Dossier, kind: PageKind, page: PageRef<'a>) -> BreadcrumbList<'a> {
    let s = &dossier.strings;
    let section = |key: &'a str, path: &str| (s.get(key), dossier.permalink(&dossier.url(path)));
    let mut trail: Vec<(&str, String)> = vec![(&dossier.config.title, dossier.base_url.clone())];
    match kind {
        PageKind::Topic(_) => trail.push(section("title.topics", "topics/")),
        PageKind::TopicPart(t) => {
            let topic = &dossier.topics[t];
            trail.push(section("title.topics", "topics/"));
            trail.push((&topic.title, dossier.permalink(&topic.url)));
        }
        PageKind::Speaker(_) => trail.push(section("title.speakers", "speakers/")),
        PageKind::SpeakerPart(i) => {
            let speaker = &dossier.speakers[i];
            trail.push(section("title.speakers", "speakers/"));
            trail.push((&speaker.name, dossier.permalink(&speaker.url)));
        }
        PageKind::ChronologyYear(..) => trail.push(section("title.chronology", "chronology/")),
        PageKind::Home
        | PageKind::List
        | PageKind::Corrections
        | PageKind::Article(_)
        | PageKind::Quote(_)
        | PageKind::Chronology
        | PageKind::Search
        | PageKind::NotFound => {}
    }
    trail.push((page.title, page.permalink.to_string()));
    BreadcrumbList {
        id: breadcrumbs_id(page),
        kind: "BreadcrumbList",
        item_list_element: trail
            .into_iter()
            .enumerate()
            .map(|(n, (name, item))| ListItem {
                kind: "ListItem",
                item,
                name,
                position: n + 1,
            })
            .collect(),
    }
}

/// Serializes `value` so it can sit inside a `<script>` element unchanged.
pub fn script_safe<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(2048);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    value
        .serialize(&mut serializer)
        .expect("JSON-LD nodes always serialize");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// serde_json's compact output, with `<`, `>`, `&`, U+2028 and U+2029 inside strings
/// written as `\u` escapes as they are written (markup characters cannot occur in JSON
/// outside strings).
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // `<`, `>`, `&` are ASCII, and U+2028/U+2029 are E2 80 A8/A9 in UTF-8. A plain byte
        // scan: the strings are short, where memchr's setup costs more than it saves.
        let bytes = fragment.as_bytes();
        let mut start = 0;
        let mut from = 0;
        while let Some(offset) = bytes[from..]
            .iter()
            .position(|&b| matches!(b, b'<' | b'>' | b'&' | 0xE2))
        {
            let at = from + offset;
            let escape = match bytes[at..] {
                [b'<', ..] => Some(("\\u003c", 1)),
                [b'>', ..] => Some(("\\u003e", 1)),
                [b'&', ..] => Some(("\\u0026", 1)),
                [_, 0x80, 0xA8, ..] => Some(("\\u2028", 3)),
                [_, 0x80, 0xA9, ..] => Some(("\\u2029", 3)),
                _ => None,
            };
            match escape {
                Some((text, width)) => {
                    writer.write_all(&bytes[start..at])?;
                    writer.write_all(text.as_bytes())?;
                    start = at + width;
                    from = start;
                }
                None => from = at + 1,
            }
        }
        writer.write_all(&bytes[start..])
    }
}

/// `{"@context": …, "@graph": […]}`: several nodes on one page.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Node<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Node<'a> {
    Article(Box<NewsArticle<'a>>),
    Event(Box<Event<'a>>),
    Person(Box<Person<'a>>),
    Collection(Box<CollectionPage<'a>>),
    Breadcrumbs(BreadcrumbList<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CollectionPage<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<Named<'a>>,
    breadcrumb: IdRef,
    is_part_of: WebSite<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mentions: Option<Person<'a>>,
    name: &'a str,
    url: String,
}

/// `{"@id": …}`: a node described elsewhere in the graph.
#[derive(Serialize)]
struct IdRef {
    #[serde(rename = "@id")]
    id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BreadcrumbList<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    item_list_element: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item: String,
    name: &'a str,
    position: usize,
}

/// A share image, with its size when known.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<usize>,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<usize>,
}

fn image_object(image: Option<&ShareImage>) -> Option<ImageObject<'_>> {
    image.map(|image| ImageObject {
        kind: "ImageObject",
        height: image.size.map(|s| s.height),
        url: &image.url,
        width: image.size.map(|s| s.width),
    })
}

/// The source an article reports on: the newspaper's article, published by the newspaper.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Source<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    archived_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebSite<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    name: &'a str,
    url: &'a str,
}

/// A typed name: `{"@type": "Organization", "name": …}`, a Thing with a URL, a Country…
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// A reference to a work: the article a quote or event comes from, or the original source.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WorkRef<'a> {
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "@type")]
    kind: &'static str,
    /// An archived copy of the work (a quote's source).
    #[serde(skip_serializing_if = "Option::is_none")]
    archived_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    archived_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<CorrectionComment<'a>>,
    /// The day of the newest correction.
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageObject<'a>>,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_based_on: Option<Source<'a>>,
    is_part_of: WebSite<'a>,
    main_entity_of_page: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<Person<'a>>,
    publisher: Named<'a>,
    url: String,
}

/// A correction of an article or quote (schema.org `CorrectionComment`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CorrectionComment<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    date_published: String,
    text: &'a str,
}

/// `correction` and `dateModified` of a work with `corrections` (newest first).
fn corrections<'a>(
    dossier: &'a Dossier,
    indices: &[usize],
) -> (Vec<CorrectionComment<'a>>, Option<String>) {
    let list = indices
        .iter()
        .map(|&c| CorrectionComment {
            kind: "CorrectionComment",
            date_published: dossier.corrections[c].date.to_string(),
            text: &dossier.corrections[c].text,
        })
        .collect();
    let modified = indices
        .first()
        .map(|&c| dossier.corrections[c].date.to_string());
    (list, modified)
}

/// A speaker. On the speaker's own page it carries more (`full`): role, country, aliases.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Person<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    alternate_name: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageObject<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity_of_page: Option<String>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nationality: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as: Option<String>,
    url: String,
}

/// A node given in full elsewhere in the same document, by its `@id` alone: JSON-LD
/// processors join them, and the page does not carry the node twice.
#[derive(Serialize)]
struct NodeRef {
    #[serde(rename = "@id")]
    id: String,
}

/// What a quote cites: its article (a reference to `isPartOf`) and its source.
#[derive(Serialize)]
#[serde(untagged)]
enum Cited<'a> {
    Node(NodeRef),
    Work(WorkRef<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Quotation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<Named<'a>>,
    citation: Vec<Cited<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<CorrectionComment<'a>>,
    /// Absent when the editor stated no status: nothing is claimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    creative_work_status: Option<&'a str>,
    creator: &'a Person<'a>,
    date_created: String,
    /// The day of the newest correction.
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_based_on: Option<&'a str>,
    is_part_of: WorkRef<'a>,
    /// The `creator`, by reference.
    spoken_by_character: NodeRef,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    translation_of_work: Option<Translation<'a>>,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Translation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    in_language: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Event<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    name: &'a str,
    start_date: String,
    subject_of: WorkRef<'a>,
    url: String,
}

fn website(dossier: &Dossier) -> WebSite<'_> {
    WebSite {
        context: Some(CONTEXT),
        id: &dossier.base_url,
        kind: "WebSite",
        description: Some(dossier.config.description.as_str()).filter(|d| !d.is_empty()),
        in_language: Some(&dossier.config.language),
        name: &dossier.config.title,
        url: &dossier.base_url,
    }
}

/// The dossier, as the site an article is part of.
fn website_ref(dossier: &Dossier) -> WebSite<'_> {
    WebSite {
        context: None,
        in_language: None,
        description: None,
        ..website(dossier)
    }
}

fn topics<'a>(dossier: &'a Dossier, indices: &[usize]) -> Vec<Named<'a>> {
    indices
        .iter()
        .map(|&t| {
            let topic = &dossier.topics[t];
            Named {
                kind: "Thing",
                name: &topic.title,
                url: Some(dossier.permalink(&topic.url)),
            }
        })
        .collect()
}

/// The article a quote or an event comes from.
fn article_ref(dossier: &Dossier, index: usize) -> WorkRef<'_> {
    let a = &dossier.articles[index];
    let permalink = dossier.permalink(&a.url);
    WorkRef {
        archived_at: None,
        id: Some(permalink.clone()),
        kind: "NewsArticle",
        headline: Some(&a.title),
        name: None,
        url: permalink,
    }
}

fn news_article<'a>(dossier: &'a Dossier, index: usize) -> NewsArticle<'a> {
    let a = &dossier.articles[index];
    let permalink = dossier.permalink(&a.url);
    let named = |kind, name: Option<&'a str>| {
        name.map(|name| Named {
            kind,
            name,
            url: None,
        })
    };
    let source = (a.source.is_some() || a.source_url.is_some()).then(|| Source {
        kind: if a.source.is_some() {
            "NewsArticle"
        } else {
            "CreativeWork"
        },
        archived_at: a.archive_url.as_deref(),
        publisher: named("Organization", a.source.as_deref()),
        url: a.source_url.as_deref(),
    });
    let (correction, date_modified) = corrections(dossier, &a.corrections);
    NewsArticle {
        id: permalink.clone(),
        kind: "NewsArticle",
        about: topics(dossier, &a.topics),
        archived_at: a.archive_url.as_deref(),
        author: named("Person", a.author.as_deref()),
        correction,
        date_modified,
        date_published: a.date.rfc3339(),
        description: a.summary.as_deref(),
        headline: &a.title,
        // Its lead image, else the site's share image.
        image: image_object(
            (a.image.as_ref().map(|lead| &lead.image)).or(dossier.share_image.as_ref()),
        ),
        in_language: a.language.as_deref().unwrap_or(&dossier.config.language),
        is_based_on: source,
        is_part_of: website_ref(dossier),
        main_entity_of_page: permalink.clone(),
        mentions: a.speakers.iter().map(|&s| person_ref(dossier, s)).collect(),
        publisher: Named {
            kind: "Organization",
            name: &dossier.config.title,
            url: Some(dossier.base_url.clone()),
        },
        url: permalink,
    }
}

/// A speaker where a page mentions them: name, URLs, Wikidata.
fn person_ref(dossier: &Dossier, index: usize) -> Person<'_> {
    let s = &dossier.speakers[index];
    let permalink = dossier.permalink(&s.url);
    Person {
        context: None,
        id: permalink.clone(),
        kind: "Person",
        alternate_name: &[],
        image: None,
        job_title: None,
        main_entity_of_page: None,
        name: &s.name,
        nationality: None,
        same_as: s
            .wikidata
            .as_ref()
            .map(|q| format!("https://www.wikidata.org/wiki/{q}")),
        url: permalink,
    }
}

/// A speaker on their own page: role, country and aliases too.
fn person(dossier: &Dossier, index: usize) -> Person<'_> {
    let s = &dossier.speakers[index];
    let short = person_ref(dossier, index);
    Person {
        context: Some(CONTEXT),
        alternate_name: &s.aliases,
        image: image_object(s.share_image.as_ref()),
        job_title: s.role.as_deref(),
        main_entity_of_page: Some(short.url.clone()),
        nationality: s.country.as_deref().map(|name| Named {
            kind: "Country",
            name,
            url: None,
        }),
        ..short
    }
}

fn quotation(dossier: &Dossier, index: usize) -> String {
    let q = &dossier.quotes[index];
    let a = &dossier.articles[q.article];
    let permalink = dossier.permalink(&q.url);
    let speaker = person_ref(dossier, q.speaker);
    let article = article_ref(dossier, q.article);
    let mut citation = vec![Cited::Node(NodeRef {
        id: article.url.clone(),
    })];
    if let Some(url) = &q.source_url {
        citation.push(Cited::Work(WorkRef {
            archived_at: q.archive_url.as_deref(),
            id: None,
            kind: "CreativeWork",
            headline: None,
            name: a.source.as_deref(),
            url: url.clone(),
        }));
    }
    let (correction, date_modified) = corrections(dossier, &q.corrections);
    script_safe(&Quotation {
        context: CONTEXT,
        id: permalink.clone(),
        kind: "Quotation",
        about: topics(dossier, &q.topics),
        citation,
        correction,
        creative_work_status: q.status.map(crate::load::QuoteStatus::as_str),
        creator: &speaker,
        date_created: q.said.iso_date(),
        date_modified,
        description: q.context.as_deref(),
        in_language: &dossier.config.language,
        is_based_on: q.source_url.as_deref(),
        is_part_of: article,
        spoken_by_character: NodeRef {
            id: speaker.id.clone(),
        },
        text: &q.text,
        translation_of_work: q.original.as_ref().map(|o| Translation {
            kind: "Quotation",
            in_language: &o.language,
            text: &o.text,
        }),
        url: permalink,
    })
}

fn event(dossier: &Dossier, index: usize) -> Event<'_> {
    let e = &dossier.events[index];
    let subject_of = article_ref(dossier, e.article);
    let url = format!("{}#{}", subject_of.url, e.id);
    Event {
        id: url.clone(),
        kind: "Event",
        about: topics(dossier, &e.topics),
        end_date: e.date.end.map(|end| end.iso()),
        name: &e.title,
        start_date: e.date.start.iso(),
        subject_of,
        url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn script_safe_escapes_markup_but_keeps_the_data() {
        let value = json!({ "t": "</script><!-- & \u{2028} “’x\u{2029}>", "u": "<plain’>" });
        let text = script_safe(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\u{2028}') && !text.contains('\u{2029}'));
        assert!(text.contains("“’x"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
