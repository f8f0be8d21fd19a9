//! No published URL disappears unnoticed: every build writes `data/urls.txt`, and
//! `dossier check --previous <folder or URL>` warns about each published URL the new build
//! would no longer answer (failing with `--strict`), and is content when a redirect is left.
//! The URL case is served by a local server on 127.0.0.1: nothing leaves the machine.

mod common;

use std::path::Path;

use common::{build, copy_site, dossier, fixture, stderr};

const FIRST: &str = "content/articles/2024-01-10-first.md";
const REPLY: &str = "content/articles/2024-02-01-reply.md";
const GONE: &str = "`/quotes/ada-opening/` is published";

/// The basic fixture, built; its published `public/` moved to `published/` beside it.
fn published_site() -> tempfile::TempDir {
    let site = copy_site(&fixture("basic"));
    let public = build(site.path(), &[]);
    std::fs::rename(&public, site.path().join("published")).unwrap();
    site
}

/// Gives the quote `ada-opening` a new id (and its reply the new `responds_to`).
fn rename_quote(root: &Path) {
    edit(
        root,
        FIRST,
        "id = \"ada-opening\"",
        "id = \"ada-opening-remarks\"",
    );
    edit(
        root,
        REPLY,
        "responds_to = \"ada-opening\"",
        "responds_to = \"ada-opening-remarks\"",
    );
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn every_build_lists_its_pages_redirects_and_feeds_in_data_urls_txt() {
    let site = published_site();
    let list = std::fs::read_to_string(site.path().join("published/data/urls.txt")).unwrap();
    let urls: Vec<&str> = list.lines().collect();
    for url in ["/", "/quotes/ada-opening/", "/articles/first/", "/atom.xml"] {
        assert!(urls.contains(&url), "{url} missing from\n{list}");
    }
    assert!(
        !urls
            .iter()
            .any(|u| u.ends_with(".css") || u.contains("404"))
    );
    let mut sorted = urls.clone();
    sorted.sort_unstable();
    assert_eq!(urls, sorted);
}

#[test]
fn check_previous_folder_reports_a_url_that_disappears_and_passes_with_a_redirect() {
    let site = published_site();
    let published = site.path().join("published");
    let published = published.to_str().unwrap();
    rename_quote(site.path());
    let check = dossier(site.path(), &["check", "--previous", published]);
    assert!(check.status.success(), "a warning: {}", stderr(&check));
    let report = stderr(&check);
    assert!(report.contains(&format!("warning: {GONE}")), "{report}");
    assert!(
        report.contains("help: if the quote's id changed, add aliases = [\"ada-opening\"] to it"),
        "{report}"
    );
    assert_eq!(report.matches("would disappear").count(), 1, "{report}");
    let strict = dossier(site.path(), &["check", "--strict", "--previous", published]);
    assert_eq!(strict.status.code(), Some(1));

    // The old id left as an alias: a redirect answers the old URL.
    let fixed = copy_site(site.path());
    std::fs::rename(
        site.path().join("published"),
        fixed.path().join("published"),
    )
    .unwrap();
    let published = fixed.path().join("published");
    edit(
        fixed.path(),
        FIRST,
        "id = \"ada-opening-remarks\"",
        "id = \"ada-opening-remarks\"\naliases = [\"ada-opening\"]",
    );
    let check = dossier(
        fixed.path(),
        &["check", "--previous", published.to_str().unwrap()],
    );
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        !stderr(&check).contains("would disappear"),
        "{}",
        stderr(&check)
    );
}

/// The published list served at `/site/data/urls.txt` on 127.0.0.1; the site's address.
fn serve_list(list: String, requests: usize) -> String {
    format!(
        "{}/site/",
        common::http::serve("/site/data/urls.txt", list, requests)
    )
}

#[test]
fn check_previous_url_fetches_the_published_list_and_a_missing_list_is_an_error() {
    let site = published_site();
    let list = std::fs::read_to_string(site.path().join("published/data/urls.txt")).unwrap();
    rename_quote(site.path());
    let url = serve_list(list, 2);
    let check = dossier(site.path(), &["check", "--previous", &url]);
    assert!(check.status.success(), "{}", stderr(&check));
    let report = stderr(&check);
    let from = format!("{url}data/urls.txt");
    assert!(
        report.contains(&format!("warning: {GONE} ({from}) and would disappear")),
        "{report}"
    );

    // A site with no list yet (a first publication, or a wrong address): an error.
    let elsewhere = url.replace("/site/", "/other/");
    let missing = dossier(site.path(), &["check", "--previous", &elsewhere]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains(&format!(
            "error: {elsewhere}data/urls.txt does not exist (404)"
        )),
        "{}",
        stderr(&missing)
    );
}
