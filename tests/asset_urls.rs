//! Stylesheets and scripts are linked with their content hash (`style.css?v=1a2b3c4d`), so
//! readers whose browser or CDN kept an old file get the new one after an upgrade or an
//! edit, as Hugo's `fingerprint` and Zola's `cachebust` do.

mod common;

use std::path::Path;

use common::{Site, build, copy_site, fixture};
use scraper::Selector;

/// Every stylesheet and module script URL of every page, by page.
fn asset_urls(site: &Site) -> Vec<(String, String)> {
    let selector = Selector::parse("link[rel=stylesheet], script[src]").unwrap();
    let mut urls = Vec::new();
    for (path, html) in &site.pages {
        for element in html.select(&selector) {
            let attr = element.value().attr("href").or(element.value().attr("src"));
            urls.push((path.clone(), attr.unwrap().to_string()));
        }
    }
    urls
}

/// The version a URL carries for the published file it names, checked against its bytes.
fn version(public: &Path, base_path: &str, url: &str) -> String {
    let (path, version) = url
        .split_once("?v=")
        .unwrap_or_else(|| panic!("{url}: no ?v="));
    let file = public.join(path.strip_prefix(base_path).unwrap());
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{url}: {e}"));
    assert_eq!(version, format!("{:08x}", crc32fast::hash(&bytes)), "{url}");
    version.to_string()
}

#[test]
fn every_page_links_its_stylesheet_and_script_with_the_published_file_s_hash() {
    let dir = copy_site(&fixture("basic"));
    let public = build(dir.path(), &[]);
    // The fixture's base URL is a sub-path (`https://example.org/sub/`): its path part.
    let base_url = common::site_base_url(dir.path());
    let base_path = format!("/{}", base_url.splitn(4, '/').nth(3).unwrap());
    let site = Site::open(&public, &base_path);
    let urls = asset_urls(&site);
    assert!(urls.iter().any(|(_, url)| url.contains("/search.js?v=")));
    assert_eq!(
        urls.iter()
            .filter(|(_, url)| url.contains("/style.css?v="))
            .count(),
        site.pages.len(),
        "every page has the stylesheet"
    );
    let before: Vec<String> = urls
        .iter()
        .map(|(_, url)| version(&public, &base_path, url))
        .collect();

    // The site's own stylesheet: a new hash on every page, for the new bytes.
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    std::fs::write(
        dir.path().join("static/style.css"),
        "body { color: navy }\n",
    )
    .unwrap();
    let public = build(dir.path(), &[]);
    let site = Site::open(&public, &base_path);
    for ((page, url), old) in asset_urls(&site).iter().zip(&before) {
        let new = version(&public, &base_path, url);
        if url.contains("/style.css?") {
            assert_ne!(&new, old, "{page}: {url}");
        } else {
            assert_eq!(&new, old, "{page}: {url}");
        }
    }
}
