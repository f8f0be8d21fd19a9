//! `dossier check --external` against stand-ins for other sites on 127.0.0.1
//! (`common::fake_web`): a page that answers, one moved permanently (301) and one
//! temporarily (302), pages gone (404, 410), a server that never answers, one that refuses
//! `HEAD` (405) but answers `GET`, and one that refuses robots (403). Dead links and
//! permanent redirects are warnings at the place the URL is written; the answers are
//! cached in `.dossier/links.json`. No test reaches outside the machine.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::fake_web::{self, Reply, Request, Server};

/// The news site: `/ok`, `/old` (301 → `/new`), `/temp` (302 → `/ok`), `/gone` (404),
/// `/removed` (410), `/private` (403).
fn news() -> Server {
    fake_web::start(|request: &Request| match request.path() {
        "/ok" | "/new" | "/copy" => Reply::status(200).body("a page"),
        "/old" => Reply::status(301).header("Location", "/new"),
        "/temp" => Reply::status(302).header("Location", "/ok"),
        "/removed" => Reply::status(410),
        "/private" => Reply::status(403),
        _ => Reply::status(404),
    })
}

/// A server that answers `GET` but refuses `HEAD`.
fn no_head() -> Server {
    fake_web::start(|request: &Request| match request.method.as_str() {
        "HEAD" => Reply::status(405).header("Allow", "GET"),
        _ => Reply::status(200).body("a page"),
    })
}

/// A server that answers too late.
fn silent() -> Server {
    fake_web::start(|_: &Request| Reply::status(200).after(Duration::from_secs(4)))
}

struct Sites {
    news: Server,
    no_head: Server,
    silent: Server,
}

fn site(sites: &Sites) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let (news, no_head, silent) = (&sites.news.url, &sites.no_head.url, &sites.silent.url);
    write(
        "site.toml",
        "title = \"Fake Link Dossier\"\nbase_url = \"https://example.test/\"\n",
    );
    write(
        "content/topics/talks.md",
        &format!("+++\ntitle = \"Talks\"\n+++\nSee [the record]({no_head}/record).\n"),
    );
    write(
        "content/speakers/ada-fake.md",
        &format!("+++\nname = \"Ada Fake\"\n+++\nHer [made-up page]({silent}/ada).\n"),
    );
    write(
        "content/articles/2025-03-12-links.md",
        &format!(
            "+++\ntitle = \"Links\"\ndate = 2025-03-12\nsummary = \"Made up.\"\nsource_url = \"{news}/gone\"\narchive_url = \"{news}/copy\"\ntopics = [\"talks\"]\nimage = \"{news}/lead-gone\"\nimage_alt = \"A lost picture\"\n\n[[quotes]]\nspeaker = \"ada-fake\"\nid = \"ada-links\"\ntext = \"We made it up.\"\nsource_url = \"{news}/removed\"\n+++\nThe [first report]({news}/old) and [a later one]({news}/temp), [a third]({news}/ok), [a private one]({news}/private).\n"
        ),
    );
    dir
}

fn check(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "check",
        "--root",
        root.to_str().unwrap(),
        "--external",
        "--timeout",
        "1s",
    ];
    args.extend_from_slice(extra);
    common::dossier(root, &args)
}

/// Each warning's first line and the `file:line:col` under it.
fn warnings(output: &Output) -> Vec<(String, String)> {
    let stderr = common::stderr(output);
    let lines: Vec<&str> = stderr.lines().collect();
    (lines.iter().enumerate())
        .filter(|(_, l)| l.starts_with("warning: "))
        .map(|(n, l)| {
            let at = lines.get(n + 1).and_then(|a| a.trim().strip_prefix("--> "));
            (
                l["warning: ".len()..].to_string(),
                at.unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn start() -> (Sites, tempfile::TempDir) {
    let sites = Sites {
        news: news(),
        no_head: no_head(),
        silent: silent(),
    };
    let dir = site(&sites);
    (sites, dir)
}

#[test]
fn dead_links_and_permanent_redirects_are_warnings_where_the_url_is_written() {
    let (sites, dir) = start();
    let root = dir.path();
    let output = check(root, &[]);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = common::stderr(&output);
    assert!(output.status.success(), "{stdout}{stderr}");
    let news = &sites.news.url;
    let article = "content/articles/2025-03-12-links.md";
    let mut found = warnings(&output);
    found.sort();
    let mut expected = vec![
        (
            format!("dead link `{news}/gone`: 404 Not Found"),
            format!("{article}:5:14"),
        ),
        (
            format!("dead link `{news}/removed`: 410 Gone"),
            format!("{article}:15:14"),
        ),
        (
            format!("`{news}/old` has moved permanently (301) to `{news}/new`"),
            format!("{article}:17:20"),
        ),
        (
            format!("dead link `{news}/lead-gone`: 404 Not Found"),
            format!("{article}:8:9"),
        ),
        (
            format!("dead link `{}/ada`: no answer within 1s", sites.silent.url),
            "content/speakers/ada-fake.md:4:20".to_string(),
        ),
    ];
    expected.sort();
    assert_eq!(found, expected, "{stderr}");
    // The help suggests the archived copy where there is one, `dossier archive` elsewhere.
    assert!(
        stderr.contains(&format!(
            "help: its archived copy is {news}/copy: readers can still read the source there"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("`dossier archive` finds one in the Wayback Machine"));
    assert!(stderr.contains(&format!("help: write the new address instead: {news}/new")));
    // HEAD first; GET only where HEAD was refused.
    let record = sites.no_head.requests();
    let methods: Vec<&str> = record.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["HEAD", "GET"]);
    let ok: Vec<String> = (sites.news.requests_to("/ok").iter())
        .map(|r| r.method.clone())
        .collect();
    assert_eq!(ok, ["HEAD", "HEAD"], "/ok, and /temp's redirect to it");
    assert_eq!(
        stdout.lines().next().unwrap(),
        "external links: 10 URLs, 10 checked now, 0 from .dossier/links.json (younger than 7d); 1 refused automated requests (401, 403, 429) and could not be checked"
    );
    // Warnings fail the check with --strict.
    let strict = check(root, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn a_second_run_answers_from_the_cache_until_it_is_older_than_max_age() {
    let (sites, dir) = start();
    let root = dir.path();
    let first = check(root, &[]);
    assert!(first.status.success(), "{}", common::stderr(&first));
    let cache: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join(".dossier/links.json")).unwrap())
            .unwrap();
    assert_eq!(
        cache["links"][format!("{}/gone", sites.news.url)]["status"],
        serde_json::json!({"kind": "dead", "reason": "404 Not Found"})
    );
    let counts =
        |sites: &Sites| [&sites.news, &sites.no_head, &sites.silent].map(|s| s.requests().len());
    let before = counts(&sites);
    let second = check(root, &[]);
    // No server saw a request; the warnings are the same.
    assert_eq!(counts(&sites), before, "the cache was not used");
    assert_eq!(warnings(&second), warnings(&first));
    let stdout = String::from_utf8_lossy(&second.stdout).into_owned();
    assert!(
        stdout.starts_with(
            "external links: 10 URLs, 0 checked now, 10 from .dossier/links.json (younger than 7d)"
        ),
        "{stdout}"
    );
    // --max-age 0: everything is asked again.
    let third = check(root, &["--max-age", "0"]);
    assert!(third.status.success());
    assert!(
        counts(&sites)
            .iter()
            .zip(before)
            .all(|(now, was)| *now > was)
    );
}

#[test]
fn the_gitignore_of_a_new_site_keeps_the_cache_out_of_git() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new");
    let output = common::dossier(
        dir.path(),
        &["init", site.to_str().unwrap(), "--ci", "none"],
    );
    assert!(output.status.success(), "{}", common::stderr(&output));
    let ignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == ".dossier/"), "{ignore}");
}

#[test]
fn a_server_error_is_asked_again_and_one_that_lasts_is_a_warning_not_cached() {
    let flaky_seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = flaky_seen.clone();
    let server = fake_web::start(move |request: &Request| match request.path() {
        // The first answer asks to come back (at once); the second is the page.
        "/flaky" if seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 => {
            Reply::status(503).header("Retry-After", "0")
        }
        "/flaky" => Reply::status(200),
        _ => Reply::status(500),
    });
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "site.toml",
        "title = \"Fake\"\nbase_url = \"https://example.test/\"\n",
    );
    write(
        "content/topics/talks.md",
        &format!(
            "+++\ntitle = \"Talks\"\n+++\n[Flaky]({0}/flaky) and [down]({0}/down).\n",
            server.url
        ),
    );
    let output = check(dir.path(), &[]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let line = format!("[Flaky]({0}/flaky) and [down]({0}/down).", server.url);
    let column = line
        .find("http://127.0.0.1:")
        .map(|_| line.rfind("http").unwrap() + 1);
    let found: Vec<(String, String)> = (warnings(&output).into_iter())
        .filter(|(message, _)| message.contains(&server.url))
        .collect();
    assert_eq!(
        found,
        [(
            format!(
                "`{}/down` answers with a server error: 500 Internal Server Error",
                server.url
            ),
            format!("content/topics/talks.md:4:{}", column.unwrap())
        )]
    );
    assert_eq!(flaky_seen.load(std::sync::atomic::Ordering::SeqCst), 2);
    // The server error is not kept: the next run asks again.
    let downs = || server.requests_to("/down").len();
    let before = downs();
    check(dir.path(), &[]);
    assert!(downs() > before);
}
