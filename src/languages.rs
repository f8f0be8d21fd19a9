//! A site in several languages (`[languages.<code>]` in site.toml): the site's own language
//! at the root, each other under `/<code>/`, built from the translations (see
//! `link::translations`). This module knows which pages each language has, so that a page
//! links exactly the translations that exist (`hreflang` alternates, the language switcher,
//! the sitemap's `xhtml:link`s): a translation keeps its original's slug and quote ids, so a
//! page and its translation have the same path under their language's folder.

use std::collections::HashSet;

use crate::urls;

/// The languages of a site and the pages of each.
#[derive(Debug, Clone, Default)]
pub struct Languages {
    /// The site's root URL (`base_url`), with a trailing `/`.
    pub root_url: String,
    /// The site's own language first, then site.toml's order.
    pub list: Vec<Language>,
}

/// One language of a site.
#[derive(Debug, Clone)]
pub struct Language {
    /// Its code, as in `<html lang>` and `hreflang` (`en`, `fa`).
    pub code: String,
    /// Its name in itself (`English`, `فارسی`): what the language switcher shows.
    pub name: String,
    /// Its folder under the root: `` for the site's own language, `fa/` for the others.
    pub prefix: String,
    /// The output paths of its HTML pages, relative to its folder (`articles/x/index.html`).
    pub pages: HashSet<String>,
}

/// A page in one language, as another page links it.
#[derive(Debug, Clone)]
pub struct Alternate {
    pub code: String,
    pub name: String,
    /// Absolute URL.
    pub permalink: String,
    /// Whether it is the page itself (in the language switcher, the current language).
    pub current: bool,
}

impl Languages {
    /// The versions of the page at `path` (relative to the folder of the language `code`)
    /// in every language that has it, the site's own first; empty when no other language
    /// has it (nothing to switch to: no switcher, no alternates).
    pub fn alternates(&self, code: &str, path: &str) -> Vec<Alternate> {
        let versions: Vec<&Language> = self
            .list
            .iter()
            .filter(|language| language.pages.contains(path))
            .collect();
        if versions.len() < 2 || !versions.iter().any(|language| language.code == code) {
            return Vec::new();
        }
        versions
            .into_iter()
            .map(|language| Alternate {
                code: language.code.clone(),
                name: language.name.clone(),
                permalink: format!(
                    "{}{}{}",
                    self.root_url,
                    language.prefix,
                    urls::site_path(path)
                ),
                current: language.code == code,
            })
            .collect()
    }

    /// The language `code`.
    pub fn get(&self, code: &str) -> Option<&Language> {
        self.list.iter().find(|language| language.code == code)
    }
}

/// The folder of a language other than the site's own: `fa` → `fa/`.
pub fn prefix(code: &str) -> String {
    format!("{code}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn language(code: &str, prefix: &str, pages: &[&str]) -> Language {
        Language {
            code: code.into(),
            name: code.to_uppercase(),
            prefix: prefix.into(),
            pages: pages.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn a_page_links_only_the_languages_that_have_it() {
        let languages = Languages {
            root_url: "https://example.org/sub/".into(),
            list: vec![
                language(
                    "en",
                    "",
                    &[
                        "index.html",
                        "articles/a/index.html",
                        "articles/b/index.html",
                    ],
                ),
                language("fa", "fa/", &["index.html", "articles/a/index.html"]),
            ],
        };
        let alternates = languages.alternates("fa", "articles/a/index.html");
        let urls: Vec<(&str, &str, bool)> = alternates
            .iter()
            .map(|a| (a.code.as_str(), a.permalink.as_str(), a.current))
            .collect();
        assert_eq!(
            urls,
            [
                ("en", "https://example.org/sub/articles/a/", false),
                ("fa", "https://example.org/sub/fa/articles/a/", true),
            ]
        );
        assert!(
            languages
                .alternates("en", "articles/b/index.html")
                .is_empty()
        );
        assert_eq!(languages.alternates("en", "index.html").len(), 2);
    }
}
