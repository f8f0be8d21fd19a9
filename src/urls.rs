//! The one mapping between a page's **site path** (its URL without the scheme, host and
//! base path: `articles/x/`, `atom.xml`, `` for the home page) and its **output path** (the
//! file under the output folder: `articles/x/index.html`). Pretty URLs end in `/` and are
//! served from the folder's `index.html`; anything else is a file of that name.
//!
//! Every stage that turns one into the other (rendering, the sitemap, the search index,
//! `check`'s link checker, alias redirects, `serve`'s request lookup and live reload) goes
//! through these functions, so a change of URL scheme is made here once.
//!
//! A slug in another script than Latin (`عراقچی-دور-سوم`) is percent-encoded in URLs, as
//! Wikipedia and Hugo write them (`%D8%B9…`), and written to disk as its UTF-8 file name:
//! `output_path` decodes, `site_path` encodes.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// What a path of the site percent-encodes besides every non-ASCII byte.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// A slug or path as a URL writes it: `عراقچی` → `%D8%B9%D8%B1…`; ASCII slugs unchanged.
pub fn encode(path: &str) -> Cow<'_, str> {
    utf8_percent_encode(path, PATH).into()
}

/// `articles/x/` → `articles/x/index.html`; `` → `index.html`; `atom.xml` stays. A leading
/// `/` is ignored; percent-encoded letters are decoded (`%D8%B9/` → `ع/index.html`).
pub fn output_path(site_path: &str) -> String {
    let decoded = percent_decode_str(site_path).decode_utf8_lossy();
    let site_path = decoded.trim_start_matches('/');
    if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    }
}

/// `articles/x/index.html` → `articles/x/`; `index.html` → ``; `atom.xml` stays; a file
/// name in another script percent-encoded (`ع/index.html` → `%D8%B9/`).
pub fn site_path(output_path: &str) -> Cow<'_, str> {
    match output_path.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => encode(dir),
        _ => encode(output_path),
    }
}

/// The site path of a URL that starts with the site's base path (`/repo/articles/x/` →
/// `articles/x/`); a URL without it is returned as it is.
pub fn site_path_of_url<'a>(base_path: &str, url: &'a str) -> &'a str {
    url.strip_prefix(base_path).unwrap_or(url)
}

/// The output path of a page whose URL (with the base path) is `url`.
pub fn output_path_of_url(base_path: &str, url: &str) -> String {
    output_path(site_path_of_url(base_path, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_and_output_paths_map_both_ways() {
        for (site, output) in [
            ("", "index.html"),
            ("articles/x/", "articles/x/index.html"),
            ("atom.xml", "atom.xml"),
            ("404.html", "404.html"),
            ("topics/a/atom.xml", "topics/a/atom.xml"),
        ] {
            assert_eq!(output_path(site), output);
            assert_eq!(output_path(&format!("/{site}")), output);
            assert_eq!(site_path(output), site);
        }
        // A slug in another script: encoded in the URL, a UTF-8 file name on disk.
        assert_eq!(
            output_path("articles/%D8%B9%D9%84%DB%8C/"),
            "articles/علی/index.html"
        );
        assert_eq!(
            site_path("articles/علی/index.html"),
            "articles/%D8%B9%D9%84%DB%8C/"
        );
        // A file that merely ends in the same letters is not a folder's index.
        assert_eq!(site_path("notindex.html"), "notindex.html");
        assert_eq!(
            output_path_of_url("/repo/", "/repo/quotes/q/"),
            "quotes/q/index.html"
        );
        assert_eq!(site_path_of_url("/repo/", "/other/"), "/other/");
    }
}
