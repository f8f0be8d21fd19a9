//! `site.toml`: the site's settings. Strict: an unknown key is an error with a did-you-mean.

use std::collections::BTreeMap;

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
    /// The calendar pages show days in (feeds and data keep ISO 8601 Gregorian dates).
    #[serde(default)]
    pub calendar: Calendar,
    /// How slugs and quote ids are made from text in a script other than Latin.
    #[serde(default)]
    pub slugify: SlugMode,
    /// Output folder, relative to the site root; must resolve inside it.
    #[serde(default)]
    pub output_dir: Option<Spanned<String>>,
    /// The share image of every page without its own (og:image): a file under `static/`
    /// or an http(s) URL.
    #[serde(default)]
    pub image: Option<Spanned<String>>,
    /// The site's icon (favicon) in place of the theme's: a file under `static/`, SVG, PNG
    /// or ICO.
    #[serde(default)]
    pub favicon: Option<Spanned<String>>,
    /// Items per page on paginated lists (articles, quotes).
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    #[serde(default)]
    pub feeds: FeedsConfig,
    #[serde(default)]
    pub search: SearchConfig,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// The site's other languages (`[languages.fa]`), each published under `/<code>/` from
    /// the translation files beside the originals (`name.fa.md`). Empty: one language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub languages: BTreeMap<String, LanguageConfig>,
    /// Free-form values handed to templates as `site.extra`.
    #[serde(default)]
    pub extra: toml::Table,
}

/// One more language of the site (`[languages.<code>]`): what its pages say of the site.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site's title in this language (required: a title in another language would be
    /// the one string of the interface left untranslated).
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The calendar this language's pages show days in.
    #[serde(default)]
    pub calendar: Calendar,
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

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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

/// How slugs are made from a title or a file name in a script other than Latin: kept in
/// that script (`unicode`, percent-encoded in URLs) or transliterated to ASCII (`ascii`).
/// Latin-script text is transliterated either way.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SlugMode {
    #[default]
    Unicode,
    Ascii,
}

/// The calendar a site shows its dates in.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Calendar {
    #[default]
    Gregorian,
    /// The Solar Hijri calendar of Iran and Afghanistan.
    Persian,
    /// The Hijri calendar of Saudi Arabia (Umm al-Qura).
    IslamicUmalqura,
    /// The tabular Hijri calendar, civil epoch.
    IslamicCivil,
    /// The tabular Hijri calendar, astronomical epoch.
    IslamicTbla,
}

impl Calendar {
    /// Its name as a Unicode locale extension value (`-u-ca-…`).
    pub fn bcp47(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregory",
            Calendar::Persian => "persian",
            Calendar::IslamicUmalqura => "islamic-umalqura",
            Calendar::IslamicCivil => "islamic-civil",
            Calendar::IslamicTbla => "islamic-tbla",
        }
    }
}

/// A lower-case language code with an optional region (`fa`, `ckb`, `pt-br`): what a
/// translation file's suffix and a URL folder may be.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or("");
    let region = parts.next();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_lowercase()))
        && parts.next().is_none()
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

/// `https://example.org/sub/` → `/sub/`; `https://example.org` → `/`. The path as the URL
/// parser writes it (percent-encoded): `https://example.org/a b/` → `/a%20b/`.
pub fn base_path_of(url: &str) -> String {
    let path = match url::Url::parse(url) {
        Ok(url) => url.path().to_string(),
        Err(_) => String::new(),
    };
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// Parses a site's base URL (`base_url` in site.toml, `--base-url`, serve's address) with
/// the WHATWG URL parser: an absolute http(s) URL with a host, no credentials, query or
/// fragment. Returns it normalised (scheme and host lowercased, path percent-encoded, one
/// trailing `/`), or what is wrong and how to write it.
pub fn parse_base_url(text: &str) -> Result<String, (String, String)> {
    let example = "write the address the site is served from, e.g. https://example.org/dossier/";
    let fail = |what: String| Err((what, example.to_string()));
    let mut url = match url::Url::parse(text.trim()) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return fail(format!("`{text}` is not an absolute URL"));
        }
        Err(url::ParseError::EmptyHost) => return fail(format!("`{text}` has no host")),
        Err(err) => return fail(format!("`{text}` is not a valid URL: {err}")),
    };
    if !matches!(url.scheme(), "http" | "https") {
        return fail(format!("`{text}` is not an http(s) URL"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return fail(format!("`{text}` has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return fail(format!("`{text}` carries a user name or password"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return fail(format!("`{text}` has a query or fragment (`?…`, `#…`)"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_parsed_and_normalised() {
        for (given, normal) in [
            ("https://example.org", "https://example.org/"),
            ("HTTPS://EXAMPLE.ORG/", "https://example.org/"),
            ("https://example.org/sub", "https://example.org/sub/"),
            ("https://example.org/a b/", "https://example.org/a%20b/"),
            ("http://127.0.0.1:1111/", "http://127.0.0.1:1111/"),
            ("http://[::1]:1111/", "http://[::1]:1111/"),
            ("https://Bücher.example/", "https://xn--bcher-kva.example/"),
        ] {
            assert_eq!(parse_base_url(given).as_deref(), Ok(normal), "{given}");
        }
        for (given, what) in [
            ("https://", "`https://` has no host"),
            (
                "https://exa mple.org/",
                "`https://exa mple.org/` is not a valid URL: invalid international domain name",
            ),
            ("example.org/", "`example.org/` is not an absolute URL"),
            (
                "ftp://example.org/",
                "`ftp://example.org/` is not an http(s) URL",
            ),
            (
                "https://example.org/?a=1",
                "`https://example.org/?a=1` has a query or fragment (`?…`, `#…`)",
            ),
            (
                "https://me:pw@example.org/",
                "`https://me:pw@example.org/` carries a user name or password",
            ),
        ] {
            assert_eq!(
                parse_base_url(given).map_err(|(what, _)| what).unwrap_err(),
                what,
                "{given}"
            );
        }
        assert_eq!(base_path_of("https://example.org/a%20b/"), "/a%20b/");
    }

    #[test]
    fn base_path_keeps_only_the_path() {
        assert_eq!(base_path_of("https://example.org"), "/");
        assert_eq!(base_path_of("https://example.org/"), "/");
        assert_eq!(base_path_of("https://example.org/sub"), "/sub/");
        assert_eq!(base_path_of("https://user.github.io/repo/x/"), "/repo/x/");
    }
}
