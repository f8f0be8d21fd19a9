//! What a published site answers, kept so a later build can tell which of its URLs would
//! disappear: every build writes `data/urls.txt` (every page, redirect and Atom feed, one
//! site path a line), and `dossier check --previous` compares a published list with the
//! new build's ([`compare`]), fetching it from a folder or a URL ([`fetch`]).

pub mod fetch;

use std::collections::BTreeSet;

use crate::diagnostics::Diagnostic;

/// Where the list is, under the site's root.
pub const URLS_PATH: &str = "data/urls.txt";

/// `data/urls.txt` for the given output paths: each page (`quotes/x/index.html` →
/// `/quotes/x/`), redirect and Atom feed, sorted, one a line. Static files, the search
/// index, open data and 404 pages are left out: they are no address a reader cites.
pub fn url_list<'a>(output_paths: impl Iterator<Item = &'a str>) -> String {
    let urls: BTreeSet<String> = output_paths
        .filter(|path| is_listed(path))
        .map(|path| format!("/{}", crate::urls::site_path(path)))
        .collect();
    let mut text = String::with_capacity(urls.iter().map(|u| u.len() + 1).sum());
    for url in urls {
        text.push_str(&url);
        text.push('\n');
    }
    text
}

fn is_listed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let feed = name == "atom.xml";
    let page = path.ends_with(".html") && name != "404.html";
    (feed || page) && !path.starts_with("pagefind/")
}

/// The URLs of a `data/urls.txt`: its non-empty lines.
pub fn parse(text: &str) -> BTreeSet<&str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

/// One warning for each URL of `previous` that `current` lacks. A list's later pages
/// (`…/page/3/`) are left out: they come and go as lists grow and shrink, and nobody
/// cites one.
pub fn compare(previous: &str, current: &str, from: &str) -> Vec<Diagnostic> {
    let now = parse(current);
    parse(previous)
        .into_iter()
        .filter(|url| !now.contains(url) && !is_list_page(url))
        .map(|url| disappearing(url, from))
        .collect()
}

/// `/quotes/page/2/`, `/fa/chronology/2024/page/3/`.
fn is_list_page(url: &str) -> bool {
    let parts: Vec<&str> = url.trim_matches('/').split('/').collect();
    parts.len() >= 2
        && parts[parts.len() - 2] == "page"
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

fn disappearing(url: &str, from: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "`{url}` is published ({from}) and would disappear: this build has no page or redirect at it"
    ))
    .help(fix_for(url))
}

/// How to keep `url` answering, by the kind of page it was.
fn fix_for(url: &str) -> String {
    let parts: Vec<&str> = url.trim_matches('/').split('/').collect();
    // A language's pages are under its folder: `/fa/quotes/x/`.
    let tail = match parts.as_slice() {
        [language, rest @ ..] if language.len() <= 3 && !rest.is_empty() => rest,
        all => all,
    };
    match tail {
        ["quotes", id] => format!(
            "if the quote's id changed, add aliases = [\"{id}\"] to it; if it was removed, put it back marked withdrawn = <date> with a withdrawn_reason"
        ),
        ["articles", _] => format!(
            "if the article's slug changed, add aliases = [\"{url}\"] to it, so the old address redirects"
        ),
        _ => format!(
            "add `aliases = [\"{url}\"]` to the article that replaces it, or check that this change is meant"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_pages_redirects_and_feeds_only() {
        let list = url_list(
            [
                "index.html",
                "quotes/x/index.html",
                "old/page.html",
                "atom.xml",
                "fa/topics/t/atom.xml",
                "404.html",
                "fa/404.html",
                "style.css",
                "data/dossier.json",
                "sitemap.xml",
                "pagefind/pagefind-ui.html",
            ]
            .into_iter(),
        );
        assert_eq!(
            list,
            "/\n/atom.xml\n/fa/topics/t/atom.xml\n/old/page.html\n/quotes/x/\n"
        );
    }

    #[test]
    fn a_url_that_disappears_is_a_warning_unless_it_is_a_later_list_page() {
        let previous = "/\n/quotes/a/\n/quotes/page/2/\n/fa/quotes/a/\n/articles/b/\n";
        let current = "/\n/articles/b/\n";
        let found = compare(previous, current, "https://example.test/data/urls.txt");
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`/fa/quotes/a/` is published (https://example.test/data/urls.txt) and would disappear: this build has no page or redirect at it",
                "`/quotes/a/` is published (https://example.test/data/urls.txt) and would disappear: this build has no page or redirect at it",
            ]
        );
        assert!(
            found[1]
                .help
                .as_deref()
                .unwrap()
                .contains("aliases = [\"a\"]")
        );
        assert!(found.iter().all(|d| !d.is_error()));
    }
}
