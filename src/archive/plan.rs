//! Which sources need an archived copy: every `source_url` (an article's, a quote's own)
//! without an `archive_url` beside it. A URL cited in several places is asked about once.

use std::collections::BTreeMap;
use std::path::PathBuf;

use toml::Spanned;

use crate::dates::ContentDate;
use crate::diagnostics::Location;
use crate::front_edit::Target;
use crate::load::{ArticleSource, Sources};

/// One source URL to archive, and every place that cites it without a copy.
#[derive(Debug, Clone)]
pub struct Source {
    pub url: String,
    /// `YYYYMMDD`: the day the editor read it (`accessed`), else the article's date; the
    /// snapshot closest to it is the version that was cited.
    pub timestamp: String,
    pub places: Vec<Place>,
}

/// Where a `source_url` without `archive_url` is: the file, its table, the URL's place.
#[derive(Debug, Clone)]
pub struct Place {
    /// Relative to the site root, as shown.
    pub path: PathBuf,
    pub target: Target,
    pub location: Location,
}

/// The sources of every article (drafts too), by URL.
pub fn sources(sources: &Sources) -> Vec<Source> {
    let mut by_url: BTreeMap<String, Source> = BTreeMap::new();
    for article in &sources.articles {
        let timestamp = timestamp(article);
        let front = &article.front;
        let mut add = |url: &Spanned<String>, target: Target| {
            let text = url.get_ref().trim();
            if !is_web(text) {
                return;
            }
            let place = Place {
                path: article.file.path.clone(),
                target,
                location: article.file.front_location(url.span()),
            };
            (by_url.entry(text.to_string()))
                .or_insert_with(|| Source {
                    url: text.to_string(),
                    timestamp: timestamp.clone(),
                    places: Vec::new(),
                })
                .places
                .push(place);
        };
        if let (Some(url), None) = (&front.source_url, &front.archive_url) {
            add(url, Target::Top);
        }
        for (n, quote) in front.quotes.iter().enumerate() {
            if let (Some(url), None) = (&quote.source_url, &quote.archive_url) {
                add(url, Target::Quote(n));
            }
        }
    }
    by_url.into_values().collect()
}

fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn timestamp(article: &ArticleSource) -> String {
    let front = &article.front;
    let day = (front.accessed.as_ref())
        .and_then(|a| ContentDate::from_toml(a.get_ref()).ok())
        .or_else(|| ContentDate::from_toml(front.date.get_ref()).ok());
    day.map_or_else(String::new, |d| d.date.format("%Y%m%d").to_string())
}
