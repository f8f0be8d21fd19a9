//! `sitemap.xml` (every HTML page but the 404 page and redirects, absolute URLs, `lastmod`
//! from content dates) and `robots.txt` pointing to it.

use super::OutputFile;
use super::pages::Subject;
use super::xml::XmlWriter;
use crate::dates::ContentDate;
use crate::link::{ChronologyItem, Dossier};

/// The content date a page last changed on: its newest article (or its quote's article).
pub fn lastmod(dossier: &Dossier, subject: Subject) -> Option<ContentDate> {
    let newest = |articles: &[usize]| articles.first().map(|&a| dossier.articles[a].date);
    match subject {
        Subject::Home | Subject::List | Subject::Chronology => {
            dossier.articles.first().map(|a| a.date)
        }
        Subject::Article(i) => Some(dossier.articles[i].date),
        Subject::Topic(i) => newest(&dossier.topics[i].articles),
        Subject::Speaker(i) => newest(&dossier.speakers[i].articles),
        Subject::Quote(i) => Some(dossier.articles[dossier.quotes[i].article].date),
        Subject::ChronologyYear(year) => dossier
            .chronology
            .iter()
            .filter(|entry| entry.date.start.year == year)
            .map(|entry| match entry.item {
                ChronologyItem::Article(a) => dossier.articles[a].date,
                ChronologyItem::Event(e) => dossier.articles[dossier.events[e].article].date,
            })
            .max_by_key(ContentDate::sort_key),
        Subject::NotFound => None,
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
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    format!("{}{dir}", dossier.base_url)
}

/// `sitemap.xml` and `robots.txt` for `pages` (output path and subject of each HTML page).
pub fn sitemap(dossier: &Dossier, pages: &[(String, Subject)]) -> Vec<OutputFile> {
    let mut listed: Vec<&(String, Subject)> = pages
        .iter()
        .filter(|(_, subject)| *subject != Subject::NotFound)
        .collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut xml = XmlWriter::new();
    xml.open(
        "urlset",
        &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")],
    );
    for (path, subject) in listed {
        xml.open("url", &[]);
        xml.text("loc", &[], &page_permalink(dossier, path));
        if let Some(date) = lastmod(dossier, *subject) {
            xml.text("lastmod", &[], &w3c(&date));
        }
        xml.close();
    }
    let robots = format!(
        "# robots.txt is only read at the root of a host; under a sub-path, copy these lines there.\nUser-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        dossier.base_url
    );
    vec![
        OutputFile {
            path: "sitemap.xml".into(),
            bytes: xml.finish().into_bytes().into(),
        },
        OutputFile {
            path: "robots.txt".into(),
            bytes: robots.into_bytes().into(),
        },
    ]
}
