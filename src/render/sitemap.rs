//! `sitemap.xml` (every HTML page but the 404 page, the search page (`noindex`) and
//! redirects, absolute URLs, `lastmod`
//! from content dates) and `robots.txt` pointing to it.

use super::output::OutputFile;
use super::page_kind::PageKind;
use super::paging;
use super::xml::XmlWriter;
use crate::dates::ContentDate;
use crate::link::model::{ChronologyItem, Dossier};
use crate::urls;

/// The content date a page last changed on: its newest article (or its quote's article).
pub fn lastmod(dossier: &Dossier, subject: PageKind) -> Option<ContentDate> {
    let newest = |articles: &[usize]| articles.first().map(|&a| dossier.articles[a].date);
    match subject {
        PageKind::Home | PageKind::List | PageKind::Search | PageKind::Chronology => {
            dossier.articles.first().map(|a| a.date)
        }
        PageKind::Article(i) => Some(dossier.articles[i].date),
        PageKind::Topic(i) | PageKind::TopicPart(i) => newest(&dossier.topics[i].articles),
        PageKind::Speaker(i) | PageKind::SpeakerPart(i) => newest(&dossier.speakers[i].articles),
        PageKind::Quote(i) => Some(dossier.articles[dossier.quotes[i].article].date),
        PageKind::ChronologyYear(year, _) => dossier.chronology[paging::year_range(dossier, year)]
            .iter()
            .map(|entry| match entry.item {
                ChronologyItem::Article(a) => dossier.articles[a].date,
                ChronologyItem::Event(e) => dossier.articles[dossier.events[e].article].date,
            })
            .max_by_key(ContentDate::sort_key),
        PageKind::Corrections => (dossier.corrections.first())
            .map(|c| ContentDate::from_date(c.date))
            .or_else(|| dossier.articles.first().map(|a| a.date)),
        PageKind::NotFound => None,
    }
}

/// A W3C datetime: the day alone, or the full RFC 3339 instant when a time was given.
fn w3c(date: &ContentDate) -> String {
    match date.datetime {
        Some(_) => date.rfc3339(),
        None => date.iso_date(),
    }
}

/// The absolute URL of an output path (`articles/x/index.html` → `…/articles/x/`).
pub fn page_permalink(dossier: &Dossier, path: &str) -> String {
    format!("{}{}", dossier.base_url, urls::site_path(path))
}

/// The sitemap protocol's limit of URLs per file (the other, 50 MB, is far away at ~100
/// bytes per URL).
const MAX_URLS: usize = 50_000;

/// One URL of the sitemap: where, when last changed, and the same page in the site's other
/// languages (`xhtml:link` alternates, hreflang and URL).
#[derive(Debug, Clone, Default)]
struct Entry {
    loc: String,
    lastmod: Option<String>,
    alternates: Vec<(String, String)>,
}

/// `sitemap.xml` and `robots.txt` for `pages` (output path and subject of each HTML page).
/// Past 50,000 pages, `sitemap.xml` becomes a sitemap index of `sitemap-<n>.xml` files.
pub fn sitemap(dossier: &Dossier, pages: &[(String, PageKind)]) -> Vec<OutputFile> {
    let entries = entries(dossier, pages);
    files(dossier, &entries)
}

/// The sitemap of a site in several languages: every language's pages (`languages`: each
/// language's dossier and pages, the site's own first), each with its translations as
/// `xhtml:link` alternates (Google's way of listing translations in a sitemap).
pub fn for_languages(languages: &[(&Dossier, &[(String, PageKind)])]) -> Vec<OutputFile> {
    let Some((root, _)) = languages.first() else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for (dossier, pages) in languages {
        entries.extend(entries_with_alternates(dossier, pages));
    }
    files(root, &entries)
}

/// The listed pages of one language, sorted by path.
fn listed(pages: &[(String, PageKind)]) -> Vec<&(String, PageKind)> {
    let mut listed: Vec<&(String, PageKind)> = pages
        .iter()
        // Not the 404 page, nor the search page, which asks not to be indexed (`noindex`).
        .filter(|(_, subject)| !matches!(subject, PageKind::NotFound | PageKind::Search))
        .collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    listed
}

fn entries(dossier: &Dossier, pages: &[(String, PageKind)]) -> Vec<Entry> {
    listed(pages)
        .into_iter()
        .map(|(path, subject)| Entry {
            loc: page_permalink(dossier, path),
            lastmod: lastmod(dossier, *subject).map(|d| w3c(&d)),
            alternates: Vec::new(),
        })
        .collect()
}

fn entries_with_alternates(dossier: &Dossier, pages: &[(String, PageKind)]) -> Vec<Entry> {
    let mut entries = entries(dossier, pages);
    let Some(languages) = &dossier.languages else {
        return entries;
    };
    for (entry, (path, _)) in entries.iter_mut().zip(listed(pages)) {
        let alternates = languages.alternates(&dossier.config.language, path);
        if let Some(first) = alternates.first() {
            entry
                .alternates
                .push(("x-default".into(), first.permalink.clone()));
        }
        entry.alternates.extend(
            alternates
                .into_iter()
                .map(|alternate| (alternate.code, alternate.permalink)),
        );
    }
    entries
}

/// The sitemap files and `robots.txt` of `entries`, for the site of `dossier`.
fn files(dossier: &Dossier, entries: &[Entry]) -> Vec<OutputFile> {
    let robots = format!(
        "# robots.txt is only read at the root of a host; under a sub-path, copy these lines there.\nUser-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        dossier.base_url
    );
    let mut files: Vec<OutputFile> = sitemap_files(entries, &dossier.base_url, MAX_URLS)
        .into_iter()
        .map(|(path, xml)| OutputFile {
            path,
            bytes: xml.into_bytes().into(),
        })
        .collect();
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: robots.into_bytes().into(),
    });
    files
}

/// The sitemap files for `entries`: one `sitemap.xml` urlset, or, past `max` URLs,
/// `sitemap-1.xml`… and a `sitemap.xml` index of them.
fn sitemap_files(entries: &[Entry], base_url: &str, max: usize) -> Vec<(String, String)> {
    let urlset = |chunk: &[Entry]| {
        let mut xml = XmlWriter::new();
        // The XHTML namespace only where there are alternates: a site in one language keeps
        // the plain sitemap.
        if chunk.iter().any(|entry| !entry.alternates.is_empty()) {
            xml.open("urlset", &[("xmlns", NAMESPACE), ("xmlns:xhtml", XHTML)]);
        } else {
            xml.open("urlset", &[("xmlns", NAMESPACE)]);
        }
        for entry in chunk {
            xml.open("url", &[]);
            xml.text("loc", &[], &entry.loc);
            if let Some(lastmod) = &entry.lastmod {
                xml.text("lastmod", &[], lastmod);
            }
            for (hreflang, href) in &entry.alternates {
                xml.empty(
                    "xhtml:link",
                    &[("rel", "alternate"), ("hreflang", hreflang), ("href", href)],
                );
            }
            xml.close();
        }
        xml.finish()
    };
    if entries.len() <= max {
        return vec![("sitemap.xml".into(), urlset(entries))];
    }
    let mut files = Vec::new();
    let mut index = XmlWriter::new();
    index.open("sitemapindex", &[("xmlns", NAMESPACE)]);
    for (n, chunk) in entries.chunks(max.max(1)).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.open("sitemap", &[]);
        index.text("loc", &[], &format!("{base_url}{name}"));
        // W3C dates sort as text within one site (same offsets aside): newest last.
        if let Some(newest) = chunk
            .iter()
            .filter_map(|entry| entry.lastmod.as_ref())
            .max()
        {
            index.text("lastmod", &[], newest);
        }
        index.close();
        files.push((name, urlset(chunk)));
    }
    files.insert(0, ("sitemap.xml".into(), index.finish()));
    files
}

const XHTML: &str = "http://www.w3.org/1999/xhtml";
const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                loc: format!("https://example.test/p{i}/"),
                lastmod: Some(format!("2024-01-{:02}", i + 1)),
                alternates: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn one_urlset_up_to_the_limit() {
        let files = sitemap_files(&entries(3), "https://example.test/", 3);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert_eq!(files[0].1.matches("<url>").count(), 3);
    }

    #[test]
    fn past_the_limit_an_index_of_urlsets() {
        let files = sitemap_files(&entries(5), "https://example.test/", 2);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = &files[0].1;
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://example.test/sitemap-3.xml</loc>"));
        assert!(index.contains("<lastmod>2024-01-04</lastmod>"));
        assert_eq!(files[3].1.matches("<url>").count(), 1);
    }
}
