//! The admin page `dossier cms` writes, in real CMSs in headless Chromium: Decap CMS with
//! its local backend (`decap-server`, started here on the site's folder) creates an article
//! that `dossier check` passes without a word and that builds with its quote pages, and
//! saves the bundled article with its values kept; Sveltia CMS reads the same configuration
//! (and a multilingual one) without a configuration error, and on a bilingual site makes a
//! translation that lands as `name.fa.md` beside its original and builds.
//!
//! The CMSs and playwright-core, which drives them (`tools/cms/drive.mjs`), are installed,
//! pinned by `tools/cms/package-lock.json`, by `scripts/cms-tools` (which `.ci/run` runs).
//! The CMS's script is served from the installed package at its unpkg address, so the
//! browser checks the page's integrity hash against the pinned bytes; nothing else is
//! fetched. These tests are ignored by a plain `cargo test`:
//! `scripts/cms-tools && cargo test --test cms_browser -- --include-ignored`.

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const NEW_ARTICLE: &str = "content/articles/2025-04-12-talks-resume-in-oman.md";
const BUNDLED_ARTICLE: &str = "2025-03-12-khamenei-rejects-talks-after-trump-letter";

fn tools() -> PathBuf {
    let dir = common::repo_root().join("tools/cms");
    assert!(
        dir.join("node_modules/decap-server").is_dir(),
        "{} has no node_modules: run `scripts/cms-tools` (needs node and npm), or `cargo test` \
         without --include-ignored to skip these tests",
        dir.display()
    );
    dir
}

fn dossier(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// A copy of a fixture site with the admin page of `dossier cms` (plus `args`).
fn site_with_cms(fixture: &str, args: &[&str]) -> tempfile::TempDir {
    let dir = common::copy_site(&common::fixture(fixture));
    let mut all = vec!["cms", "--repo", "owner/site"];
    all.extend(args);
    let out = dossier(&all, dir.path());
    assert!(out.status.success(), "{out:?}");
    dir
}

/// Decap's local backend on the site's folder, on a free port; stopped when dropped.
struct DecapServer {
    child: Child,
    port: u16,
}

impl DecapServer {
    fn start(site: &Path) -> DecapServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("node")
            .arg(tools().join("node_modules/decap-server/dist/index.js"))
            .env("PORT", port.to_string())
            .env("BIND_HOST", "127.0.0.1")
            .env("GIT_REPO_DIRECTORY", site)
            .current_dir(site)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs decap-server");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "decap-server did not listen"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        DecapServer { child, port }
    }
}

impl Drop for DecapServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs a scenario of `tools/cms/drive.mjs`; what it reports (`ok`, `errors`, `text`).
fn drive(scenario: &str, site: &Path, env: &[(&str, String)]) -> Value {
    let mut command = Command::new("node");
    command
        .arg(tools().join("drive.mjs"))
        .arg(scenario)
        .arg(site)
        .env("CHROMIUM", common::chromium());
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(stdout.trim()).unwrap_or_else(|_| {
        panic!(
            "{scenario}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn front_matter(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    let front = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split("\n+++\n").next())
        .unwrap_or_else(|| panic!("no front matter in {text}"));
    toml::from_str(front).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The warnings `dossier check` prints (it must pass), as text.
fn checked(site: &Path) -> String {
    let out = dossier(&["check"], site);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

/// The quote pages of the built site (`public/quotes/<id>/`).
fn quote_pages(site: &Path) -> Vec<String> {
    let out = dossier(&["build"], site);
    assert!(out.status.success(), "{out:?}");
    let mut ids: Vec<String> = std::fs::read_dir(site.join("public/quotes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("page") && !name.ends_with(".html"))
        .collect();
    ids.sort();
    ids
}

#[test]
#[ignore = "needs Chromium, node and the CMSs of scripts/cms-tools"]
fn an_article_created_in_decap_passes_check_and_builds_with_its_quote_pages() {
    let dir = site_with_cms("basic", &[]);
    let site = dir.path();
    let before = checked(site);
    let server = DecapServer::start(site);
    let report = drive(
        "decap-create",
        site,
        &[("DECAP_PORT", server.port.to_string())],
    );
    drop(server);
    assert_eq!(report["ok"], true, "{report:#}");
    let front = front_matter(&site.join(NEW_ARTICLE));
    // A TOML date, relations stored as ids, the Persian original, the partial date.
    assert_eq!(
        front["date"].as_datetime().unwrap().to_string(),
        "2025-04-12"
    );
    assert_eq!(front["topics"], toml::Value::from(vec!["alpha", "beta"]));
    assert_eq!(front["speakers"], toml::Value::from(vec!["ada-example"]));
    let quotes = front["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[1]["speaker"].as_str(), Some("bo-sample"));
    assert_eq!(quotes[1]["original"]["language"].as_str(), Some("fa"));
    assert_eq!(quotes[1]["original"]["text"].as_str(), Some("در باز است."));
    assert!(
        quotes[0].get("original").is_none(),
        "an empty original is left out"
    );
    assert_eq!(front["events"][0]["date"].as_str(), Some("2015-07"));
    // No error, and no warning the site did not have before.
    assert_eq!(checked(site), before);
    let ids = quote_pages(site);
    for quote in quotes {
        let id = quote["id"].as_str().expect("each quote's id is pinned");
        assert!(ids.contains(&id.to_string()), "{id} not in {ids:?}");
    }
    assert!(
        site.join("public/articles/talks-resume-in-oman/index.html")
            .is_file()
    );
}

#[test]
#[ignore = "needs Chromium, node and the CMSs of scripts/cms-tools"]
fn the_bundled_article_saved_in_decap_keeps_its_values_and_its_quote_urls() {
    let dir = site_with_cms("bundled", &[]);
    let site = dir.path();
    let path = site.join(format!("content/articles/{BUNDLED_ARTICLE}.md"));
    // The fixture's quotes have pinned ids, equal to the ids dossier derives: take them out,
    // so the save must pin them again.
    let pinned = front_matter(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let unpinned: String = (text.lines())
        .filter(|line| !line.starts_with("id = "))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_ne!(unpinned, text, "the fixture pins its quotes' ids");
    std::fs::write(&path, unpinned).unwrap();
    let pages_before = quote_pages(site);
    let server = DecapServer::start(site);
    let report = drive(
        "decap-resave",
        site,
        &[
            ("DECAP_PORT", server.port.to_string()),
            ("ARTICLE", BUNDLED_ARTICLE.to_string()),
        ],
    );
    drop(server);
    assert_eq!(report["ok"], true, "{report:#}");
    // The same values (the date-time with its offset too), and the ids it pinned are those
    // dossier derived.
    assert_eq!(front_matter(&path), pinned);
    // The ids it pinned are those dossier derived: every quote keeps its URL.
    assert_eq!(quote_pages(site), pages_before);
}

#[test]
#[ignore = "needs Chromium, node and the CMSs of scripts/cms-tools"]
fn sveltia_reads_the_configuration_without_an_error() {
    for fixture in ["basic", "bilingual"] {
        let dir = site_with_cms(fixture, &["--app", "sveltia"]);
        let report = drive("sveltia-load", dir.path(), &[]);
        let text = report["text"].as_str().unwrap();
        assert!(
            text.contains("Sign In Using Access Token"),
            "{fixture}: {report:#}"
        );
        assert!(!text.contains("error"), "{fixture}: {text}");
    }
    // The same check sees a configuration error: a relation to a collection that is not.
    let dir = site_with_cms("basic", &["--app", "sveltia"]);
    let config = dir.path().join("static/admin/config.yml");
    let broken = std::fs::read_to_string(&config)
        .unwrap()
        .replace("collection: \"speakers\"", "collection: \"speakerz\"");
    std::fs::write(&config, broken).unwrap();
    let report = drive("sveltia-load", dir.path(), &[]);
    let text = report["text"].as_str().unwrap();
    assert!(
        text.contains("errors in the CMS configuration") && text.contains("speakerz"),
        "{text}"
    );
}

/// Every file under `content/` of `root`, by path, with its text.
fn content_files(root: &Path) -> std::collections::BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            (e.path().strip_prefix(root).unwrap().to_path_buf(), text)
        })
        .collect()
}

#[test]
#[ignore = "needs Chromium, node and the CMSs of scripts/cms-tools"]
fn a_translation_made_in_sveltia_lands_beside_its_original_and_builds() {
    let dir = site_with_cms("bilingual", &["--app", "sveltia"]);
    let site = dir.path();
    let before = content_files(site);
    let warnings = checked(site);
    let report = drive("sveltia-translate", site, &[]);
    assert_eq!(report["ok"], true, "{report:#}");
    assert_eq!(report["rtl"], "rtl", "Persian is edited right to left");
    let mut after = content_files(site);
    let translation = after
        .remove(Path::new("content/topics/weather.fa.md"))
        .expect("the translation is name.fa.md beside name.md");
    assert_eq!(
        translation,
        "+++\ntitle = \"آب‌وهوا\"\ndescription = \"پیش‌بینی‌های ساختگی.\"\n+++\n"
    );
    assert_eq!(after, before, "no other file changed");
    assert_eq!(checked(site), warnings);
    assert!(dossier(&["build"], site).status.success());
    let page = std::fs::read_to_string(site.join("public/fa/topics/weather/index.html")).unwrap();
    assert!(page.contains("آب‌وهوا"));
}

#[test]
#[ignore = "needs Chromium, node and the CMSs of scripts/cms-tools"]
fn an_article_created_in_sveltia_passes_check_and_builds() {
    let dir = site_with_cms("basic", &["--app", "sveltia"]);
    let site = dir.path();
    let before = content_files(site);
    let warnings = checked(site);
    let report = drive("sveltia-create", site, &[]);
    assert_eq!(report["ok"], true, "{report:#}");
    let mut after = content_files(site);
    after.retain(|path, _| !before.contains_key(path));
    let new: Vec<PathBuf> = after.into_keys().collect();
    let [path] = &new[..] else {
        panic!("not one new file: {new:?}");
    };
    // Named as the CMS names new entries (the day it was made), dated by its field.
    assert!(
        path.to_string_lossy().ends_with("-talks-resume-in-oman.md"),
        "{}",
        path.display()
    );
    let front = front_matter(&site.join(path));
    // Sveltia writes its date-time as a TOML date-time, which dossier reads as its day.
    let date = front["date"].as_datetime().expect("a TOML date, not text");
    assert!(date.to_string().starts_with("2025-04-12T10:30"), "{date}");
    assert_eq!(front["topics"], toml::Value::from(vec!["alpha"]));
    assert_eq!(checked(site), warnings);
    assert!(dossier(&["build"], site).status.success());
    assert!(
        site.join("public/articles/talks-resume-in-oman/index.html")
            .is_file()
    );
}
