//! What a page puts in its `<head>` beyond title and description: its Atom feed
//! (auto-discovery), Open Graph type, dates and share image, and its JSON-LD. Templates get it as `head`.

use super::page_kind::PageKind;
use super::values::{Html, List, Ref, view};
use super::{feeds, jsonld};
use crate::link::model::{Dossier, ShareImage};

view! {
    /// What a page puts in its `<head>` (`head`, on every page template).
    HeadView {
        /// The page's Atom feed (home, topic and speaker pages and their lists), for
        /// auto-discovery.
        feed: Option<Ref<FeedLink>>,
        /// Open Graph type: `website`, `article` or `profile`.
        og_type: String,
        /// RFC 3339 date of an article or quote page.
        published: Option<String>,
        /// schema.org JSON-LD, already safe inside `<script>`.
        jsonld: Option<Html>,
        /// The page's share image (og:image): a speaker's `image` on their pages, else the
        /// site's `image` from `site.toml`; none when neither is set.
        image: Option<Ref<ImageView>>,
        /// The page in each language that has it (the page's own included, the site's own
        /// language first), on a site with `[languages]`: `<link rel="alternate" hreflang>`
        /// and the language switcher. Empty when no other language has the page.
        alternates: List<AlternateLink>,
    }
}

view! {
    /// The page in one of the site's languages.
    AlternateLink {
        /// The language's code (`hreflang`, `lang`).
        language: String,
        /// The language's name in itself (`English`, `فارسی`).
        name: String,
        /// Absolute URL of the page in that language.
        permalink: String,
        /// Its URL from the host's root (`/fa/articles/x/`): the switcher's link.
        url: String,
        /// Whether this is the page being rendered.
        current: bool,
    }
}

/// The page at `permalink` in each language that has it (see [`HeadView::alternates`]).
fn alternates(dossier: &Dossier, permalink: &str) -> List<AlternateLink> {
    let Some(languages) = &dossier.languages else {
        return List::new([]);
    };
    let Some(site_path) = permalink.strip_prefix(&dossier.base_url) else {
        return List::new([]);
    };
    let path = crate::urls::output_path(site_path);
    List::new(
        languages
            .alternates(&dossier.config.language, &path)
            .into_iter()
            .map(|alternate| {
                let from_root = alternate.permalink.strip_prefix(&dossier.root_url);
                AlternateLink {
                    language: alternate.code,
                    name: alternate.name,
                    url: format!("{}{}", dossier.root_path, from_root.unwrap_or_default()),
                    permalink: alternate.permalink,
                    current: alternate.current,
                }
                .into_ref()
            }),
    )
}

view! {
    /// A share image.
    ImageView {
        /// Absolute URL.
        url: String,
        /// Size in pixels, read from the file; none for an image given as a URL.
        width: Option<usize>,
        height: Option<usize>,
    }
}

/// The share image of a page of `kind`: the speaker's own on their pages, else the site's.
pub fn share_image(dossier: &Dossier, kind: PageKind) -> Option<&ShareImage> {
    let own = match kind {
        PageKind::Speaker(i) | PageKind::SpeakerPart(i) => dossier.speakers[i].share_image.as_ref(),
        PageKind::Article(i) => dossier.articles[i].image.as_ref().map(|lead| &lead.image),
        PageKind::Home
        | PageKind::List
        | PageKind::Corrections
        | PageKind::Quote(_)
        | PageKind::Topic(_)
        | PageKind::TopicPart(_)
        | PageKind::Chronology
        | PageKind::ChronologyYear(..)
        | PageKind::Search
        | PageKind::NotFound => None,
    };
    own.or(dossier.share_image.as_ref())
}

fn image_view(image: &ShareImage) -> ImageView {
    ImageView {
        url: image.url.clone(),
        width: image.size.map(|s| s.width),
        height: image.size.map(|s| s.height),
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

/// The `head` of a page of `kind` whose context (with its `page`) is `context`.
pub fn for_context(dossier: &Dossier, kind: PageKind, context: &tera::Context) -> HeadView {
    let page_field = |name| {
        context
            .get("page")
            .and_then(|page| page.get_from_path(name))
            .and_then(|value| value.as_str())
            .unwrap_or_default()
    };
    let page = jsonld::PageRef {
        title: page_field("title"),
        permalink: page_field("permalink"),
    };
    for_page(dossier, kind, page)
}

pub fn for_page(dossier: &Dossier, kind: PageKind, page: jsonld::PageRef) -> HeadView {
    let site = &dossier.config.title;
    let feed = match kind {
        PageKind::Home => Some((feeds::site_feed_url(dossier), site.clone())),
        PageKind::Topic(i) | PageKind::TopicPart(i) => Some((
            feeds::topic_feed_url(dossier, i),
            feed_title(dossier, &dossier.topics[i].title),
        )),
        PageKind::Speaker(i) | PageKind::SpeakerPart(i) => Some((
            feeds::speaker_feed_url(dossier, i),
            feed_title(dossier, &dossier.speakers[i].name),
        )),
        PageKind::List
        | PageKind::Corrections
        | PageKind::Article(_)
        | PageKind::Quote(_)
        | PageKind::Chronology
        | PageKind::ChronologyYear(..)
        | PageKind::Search
        | PageKind::NotFound => None,
    };
    let og_type = match kind {
        PageKind::Article(_) | PageKind::Quote(_) => "article",
        PageKind::Speaker(_) => "profile",
        PageKind::Home
        | PageKind::List
        | PageKind::Corrections
        | PageKind::Topic(_)
        | PageKind::Chronology
        | PageKind::ChronologyYear(..)
        | PageKind::TopicPart(_)
        | PageKind::SpeakerPart(_)
        | PageKind::Search
        | PageKind::NotFound => "website",
    };
    let published = match kind {
        PageKind::Article(i) => Some(dossier.articles[i].date.rfc3339()),
        PageKind::Quote(i) => Some(dossier.quotes[i].said.rfc3339()),
        PageKind::Home
        | PageKind::List
        | PageKind::Corrections
        | PageKind::Topic(_)
        | PageKind::Speaker(_)
        | PageKind::Chronology
        | PageKind::ChronologyYear(..)
        | PageKind::TopicPart(_)
        | PageKind::SpeakerPart(_)
        | PageKind::Search
        | PageKind::NotFound => None,
    };
    HeadView {
        feed: feed.map(|(url, title)| FeedLink { url, title }.into_ref()),
        og_type: og_type.into(),
        published,
        jsonld: jsonld::for_page(dossier, kind, page).map(|text| Html::new(&text)),
        image: share_image(dossier, kind).map(|image| image_view(image).into_ref()),
        // The 404 page is served in place of any missing page: it has no one address.
        alternates: match kind {
            PageKind::NotFound => List::new([]),
            _ => alternates(dossier, page.permalink),
        },
    }
}
