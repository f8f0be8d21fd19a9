//! The linked dossier: every reference resolved to an index, every index built.
//! Entities refer to each other by position in the `Dossier`'s vectors (`usize`), which keeps
//! the model plain data, cheap to share across threads and free of lifetimes.

use std::collections::HashMap;
use std::path::PathBuf;

use std::sync::Arc;

use crate::config::SiteConfig;
use crate::dates::{ContentDate, PartialDate};
use crate::load::QuoteStatus;
use crate::strings::Strings;

pub use super::images::ShareImage;
pub use super::names::PersonName;

#[derive(Debug, Clone)]
pub struct Dossier {
    pub config: SiteConfig,
    /// Path part of `base_url`, starting and ending with `/`.
    pub base_path: String,
    /// `base_url` with a trailing slash: the URL of this language's home page.
    pub base_url: String,
    /// The site's root URL and its path: equal to `base_url` and `base_path` but in the
    /// pages of a language other than the site's own (`/fa/…`), whose static files, search
    /// index and sitemap are the root's.
    pub root_url: String,
    pub root_path: String,
    /// The site's languages and which pages each has, on a site with `[languages]`: pages
    /// link their translations (`hreflang`). `None` on a site in one language.
    pub languages: Option<Arc<crate::languages::Languages>>,
    /// Newest first.
    pub articles: Vec<Article>,
    /// By name.
    pub speakers: Vec<Speaker>,
    /// By title.
    pub topics: Vec<Topic>,
    /// Newest first (by date said, then id).
    pub quotes: Vec<Quote>,
    /// Oldest first.
    pub events: Vec<Event>,
    /// Oldest first: every article and event.
    pub chronology: Vec<ChronologyEntry>,
    /// `matrix[speaker][topic]` = number of quotes.
    pub matrix: Vec<Vec<usize>>,
    pub quote_by_id: HashMap<String, usize>,
    /// The quotes lists, feeds, counts and search show: all but the withdrawn, newest first.
    pub listed_quotes: Vec<usize>,
    /// Every correction of every article, newest first.
    pub corrections: Vec<Correction>,
    /// Every content file an `@/` link may name (`articles/x.md`), and its URL.
    pub content_urls: HashMap<String, String>,
    /// The interface strings in the site's language.
    pub strings: Arc<Strings>,
    /// The site's share image (`image` in `site.toml`), for pages without their own.
    pub share_image: Option<ShareImage>,
    /// The version of each published stylesheet and script (`style.css` → `1a2b3c4d`), for
    /// cache-busting URLs ([`crate::link::assets`]).
    pub asset_versions: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct LinkOptions {
    /// Include articles marked `draft = true`.
    pub drafts: bool,
}

/// An article's lead image.
#[derive(Debug, Clone)]
pub struct LeadImage {
    pub image: ShareImage,
    /// Its text alternative (empty when the editor gave none).
    pub alt: String,
    pub caption: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    pub source_path: PathBuf,
    pub title: String,
    pub date: ContentDate,
    pub author: Option<String>,
    /// `author` as citations write it (`author_family_name` says where to split).
    pub author_name: Option<PersonName>,
    /// When the editor read the source online (`accessed`), for citations.
    pub accessed: Option<chrono::NaiveDate>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub archive_url: Option<String>,
    /// The day the archived copy was made.
    pub archived: Option<chrono::NaiveDate>,
    pub summary: Option<String>,
    /// The lead image (`image`, `image_alt`, `image_caption`).
    pub image: Option<LeadImage>,
    pub language: Option<String>,
    pub aliases: Vec<String>,
    /// Its corrections (indices into `Dossier::corrections`), newest first.
    pub corrections: Vec<usize>,
    pub extra: toml::Table,
    pub body_html: Arc<str>,
    pub topics: Vec<usize>,
    /// Declared speakers plus everyone quoted, by name.
    pub speakers: Vec<usize>,
    pub quotes: Vec<usize>,
    pub events: Vec<usize>,
    /// Most shared topics first; at most five.
    pub related: Vec<usize>,
    /// The next older and next newer article.
    pub previous: Option<usize>,
    pub next: Option<usize>,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Speaker {
    pub slug: String,
    pub name: String,
    pub role: Option<String>,
    pub country: Option<String>,
    pub aliases: Vec<String>,
    pub image: Option<String>,
    /// `image` as a share image (og:image), with its size when it is a file of the site.
    pub share_image: Option<ShareImage>,
    /// `name` as citations write it (`family_name` says where to split).
    pub name_parts: PersonName,
    pub wikidata: Option<String>,
    pub extra: toml::Table,
    pub bio_html: Arc<str>,
    /// Oldest first.
    pub quotes: Vec<usize>,
    /// Newest first.
    pub articles: Vec<usize>,
    /// Topics of this speaker's quotes, by title.
    pub topics: Vec<usize>,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub extra: toml::Table,
    pub body_html: Arc<str>,
    /// Declared `related` topics first, then the topics most often sharing an article.
    pub related: Vec<usize>,
    /// Newest first.
    pub articles: Vec<usize>,
    /// Newest first.
    pub quotes: Vec<usize>,
    /// Oldest first.
    pub events: Vec<usize>,
    /// Speakers quoted on the topic, by name.
    pub speakers: Vec<usize>,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Quote {
    pub id: String,
    pub speaker: usize,
    pub text: String,
    pub said: ContentDate,
    pub context: Option<String>,
    pub topics: Vec<usize>,
    pub article: usize,
    pub responds_to: Option<usize>,
    /// Quotes that respond to this one, oldest first.
    pub responses: Vec<usize>,
    /// `None`: the editor stated no status (shown as nothing, never as "verified").
    pub status: Option<QuoteStatus>,
    /// Old ids, each with a redirect page to this quote.
    pub aliases: Vec<String>,
    /// Set when the quote was withdrawn: its page stays, saying so; lists, feeds, counts
    /// and search leave it out.
    pub withdrawn: Option<Withdrawal>,
    /// The corrections about this quote (indices into `Dossier::corrections`), newest first.
    pub corrections: Vec<usize>,
    /// The quote's own source, else the article's.
    pub source_url: Option<String>,
    /// An archived copy of `source_url`, and the day it was made.
    pub archive_url: Option<String>,
    pub archived: Option<chrono::NaiveDate>,
    pub original: Option<Original>,
    pub url: String,
}

/// A correction of an article (and of one of its quotes, with `quote`), made after it
/// was published.
#[derive(Debug, Clone)]
pub struct Correction {
    pub article: usize,
    pub quote: Option<usize>,
    pub date: chrono::NaiveDate,
    pub text: String,
}

/// When and why a quote was withdrawn.
#[derive(Debug, Clone)]
pub struct Withdrawal {
    pub date: ContentDate,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Original {
    pub language: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Event {
    /// `<article slug>-event-<n>`: stable while the article's events keep their order.
    pub id: String,
    pub date: PartialDate,
    pub title: String,
    pub topics: Vec<usize>,
    pub article: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChronologyItem {
    Article(usize),
    Event(usize),
}

#[derive(Debug, Clone)]
pub struct ChronologyEntry {
    pub date: PartialDate,
    pub item: ChronologyItem,
}

impl Dossier {
    /// The absolute URL for a site path such as `/sub/quotes/x/`.
    pub fn permalink(&self, url_path: &str) -> String {
        let origin_end = self.base_url.len() - self.base_path.len();
        format!("{}{}", &self.base_url[..origin_end], url_path)
    }

    /// Every quote of each article, withdrawn ones included (an article's `quotes` lists
    /// only those it shows), newest first: for what must see all of a file's quotes.
    pub fn all_quotes_by_article(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.articles.len()];
        for (index, quote) in self.quotes.iter().enumerate() {
            out[quote.article].push(index);
        }
        out
    }

    /// Whether the site has a `/corrections/` page: a correction or a withdrawn quote.
    pub fn has_corrections_page(&self) -> bool {
        !self.corrections.is_empty() || self.quotes.iter().any(|q| q.withdrawn.is_some())
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }
}

/// Blank entities for unit tests of the indexes.
#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn empty_dossier() -> Dossier {
        let config: SiteConfig =
            toml::from_str("title = \"T\"\nbase_url = \"https://example.org/\"\n")
                .expect("valid site.toml");
        Dossier {
            config,
            base_path: "/".into(),
            base_url: "https://example.org/".into(),
            root_path: "/".into(),
            root_url: "https://example.org/".into(),
            languages: None,
            articles: Vec::new(),
            speakers: Vec::new(),
            topics: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            chronology: Vec::new(),
            matrix: Vec::new(),
            quote_by_id: HashMap::new(),
            listed_quotes: Vec::new(),
            corrections: Vec::new(),
            content_urls: HashMap::new(),
            strings: Strings::english(),
            share_image: None,
            asset_versions: Default::default(),
        }
    }

    pub fn topic() -> Topic {
        Topic {
            slug: String::new(),
            title: String::new(),
            description: None,
            extra: toml::Table::new(),
            body_html: Arc::from(""),
            related: Vec::new(),
            articles: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            speakers: Vec::new(),
            url: String::new(),
        }
    }

    pub fn article() -> Article {
        Article {
            slug: String::new(),
            source_path: PathBuf::new(),
            title: String::new(),
            date: ContentDate::from_date(
                chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date"),
            ),
            author: None,
            author_name: None,
            accessed: None,
            source: None,
            source_url: None,
            archive_url: None,
            archived: None,
            summary: None,
            image: None,
            language: None,
            aliases: Vec::new(),
            corrections: Vec::new(),
            extra: toml::Table::new(),
            body_html: Arc::from(""),
            topics: Vec::new(),
            speakers: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            related: Vec::new(),
            previous: None,
            next: None,
            url: String::new(),
        }
    }
}
