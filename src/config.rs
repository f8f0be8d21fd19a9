//! `site.toml`: the site's settings. Strict: an unknown key is an error with a did-you-mean.

use serde::{Deserialize, Serialize};
use toml::Spanned;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL of the published site; its path part prefixes every internal link.
    pub base_url: Spanned<String>,
    #[serde(default = "default_language")]
    pub language: String,
    /// Output folder, relative to the site root; must resolve inside it.
    #[serde(default)]
    pub output_dir: Option<Spanned<String>>,
    /// Items per page on paginated lists (articles, quotes).
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    #[serde(default)]
    pub feeds: FeedsConfig,
    #[serde(default)]
    pub search: SearchConfig,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Free-form values handed to templates as `site.extra`.
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FeedsConfig {
    #[serde(default = "default_feed_limit")]
    pub limit: usize,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            limit: default_feed_limit(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    #[serde(default = "yes")]
    pub smart_punctuation: bool,
    #[serde(default)]
    pub raw_html: RawHtml,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: true,
            raw_html: RawHtml::default(),
        }
    }
}

/// What to do with raw HTML inside Markdown bodies.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep the HTML articles use (tables, figures, `abbr`, `sup`, links, images) and drop
    /// scripts, styles, event handlers, forms, frames and `javascript:`/`data:` URLs.
    #[default]
    Sanitize,
    /// Write it into the page as is: only for sites whose every editor is trusted.
    Allow,
    /// Show it as text.
    Escape,
}

fn default_language() -> String {
    "en".into()
}
fn default_paginate_by() -> usize {
    20
}
fn default_feed_limit() -> usize {
    50
}
fn yes() -> bool {
    true
}

impl SiteConfig {
    /// The path part of `base_url`, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        base_path_of(self.base_url.get_ref())
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        let url = self.base_url.get_ref().trim_end_matches('/');
        format!("{url}/")
    }
}

/// `https://example.org/sub/` → `/sub/`; `https://example.org` → `/`.
pub fn base_path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_keeps_only_the_path() {
        assert_eq!(base_path_of("https://example.org"), "/");
        assert_eq!(base_path_of("https://example.org/"), "/");
        assert_eq!(base_path_of("https://example.org/sub"), "/sub/");
        assert_eq!(base_path_of("https://user.github.io/repo/x/"), "/repo/x/");
    }
}
