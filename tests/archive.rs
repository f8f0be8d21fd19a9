//! `dossier archive` against stand-ins for the Wayback Machine's availability API and Save
//! Page Now 2 on 127.0.0.1 (`common::fake_web`), answering in their documented shapes: the
//! requests dossier sends are asserted, and what it writes into the front matter is
//! compared byte for byte with the file before. No test reaches outside the machine.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::fake_web::{self, Reply, Request, Server};
use serde_json::json;

const FOUND: &str = "https://news.example.test/found";
const CLIP: &str = "https://video.example.test/clip";
const MISSING: &str = "https://news.example.test/missing";
const BROKEN: &str = "https://news.example.test/broken";
const KEPT: &str = "https://news.example.test/kept";

/// A made-up site: `found` (a snapshot exists; its quote's own source too), `missing`
/// (none: Save Page Now captures it; a quote of `other` cites it too), `broken` (none, and
/// the capture fails) and `kept` (archived already).
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "site.toml",
        "title = \"Fake Archive Dossier\"\nbase_url = \"https://example.test/\"\n",
    );
    write("content/topics/talks.md", "+++\ntitle = \"Talks\"\n+++\n");
    write(
        "content/speakers/ada-fake.md",
        "+++\nname = \"Ada Fake\"\n+++\nA made-up person.\n",
    );
    write(
        "content/articles/2025-03-12-found.md",
        &format!(
            "+++\ntitle = \"Found\"\ndate = 2025-03-12\naccessed = 2025-03-14\nsource_url = '{FOUND}'   # the wire's copy\n\n# topics below\ntopics = [\"talks\"]\n\n[[quotes]]\nspeaker = \"ada-fake\"\nid = \"ada-clip\"\ntext = \"We made it up.\"\nsource_url = \"{CLIP}\"\ncontext = \"A fake clip\"\n+++\nA made-up body.\n"
        ),
    );
    write(
        "content/articles/2025-04-01-missing.md",
        &format!(
            "+++\ntitle = \"Missing\"\ndate = 2025-04-01T10:00:00+03:30\nsource_url = \"{MISSING}\"\ntopics = [\"talks\"]\n+++\nBody.\n"
        ),
    );
    write(
        "content/articles/2025-04-02-other.md",
        &format!(
            "+++\ntitle = \"Other\"\ndate = 2025-04-02\ntopics = [\"talks\"]\nquotes = [\n  {{ speaker = \"ada-fake\", id = \"ada-other\", text = \"Again.\", source_url = \"{MISSING}\" }},\n]\n+++\n"
        ),
    );
    write(
        "content/articles/2025-04-03-broken.md",
        &format!(
            "+++\ntitle = \"Broken\"\ndate = 2025-04-03\ndraft = true\nsource_url = \"{BROKEN}\"\ntopics = [\"talks\"]\n+++\n"
        ),
    );
    write(
        "content/articles/2025-04-04-kept.md",
        &format!(
            "+++\ntitle = \"Kept\"\ndate = 2025-04-04\nsource_url = \"{KEPT}\"\narchive_url = \"https://archive.ph/fake\"\ntopics = [\"talks\"]\n+++\n"
        ),
    );
    dir
}

/// The availability API: snapshots of `found` and `clip` only.
fn wayback(request: &Request) -> Reply {
    if request.path() != "/wayback/available" {
        return Reply::status(404);
    }
    let url = request.param("url").unwrap_or_default();
    match url.as_str() {
        FOUND | CLIP => Reply::json(json!({
            "archived_snapshots": {"closest": {
                "available": true,
                "url": format!("http://web.archive.org/web/20250313084500/{url}"),
                "timestamp": "20250313084500",
                "status": "200"
            }}
        })),
        _ => Reply::json(json!({"archived_snapshots": {}})),
    }
}

/// Save Page Now 2: `missing` is captured after one pending status, `broken` fails.
fn save_page_now() -> impl Fn(&Request) -> Reply + Send + Sync + 'static {
    let polls = Arc::new(Mutex::new(0));
    move |request: &Request| {
        if request.header("authorization") != Some("LOW fake-access:fake-secret") {
            return Reply::status(401);
        }
        match (request.method.as_str(), request.path()) {
            ("POST", "/save") => {
                let url = request.param("url").unwrap_or_default();
                let job = if url == MISSING {
                    "spn2-missing"
                } else {
                    "spn2-broken"
                };
                Reply::json(json!({"url": url, "job_id": job}))
            }
            ("GET", "/save/status/spn2-missing") => {
                let mut polls = polls.lock().unwrap();
                *polls += 1;
                if *polls == 1 {
                    Reply::json(
                        json!({"status": "pending", "job_id": "spn2-missing", "resources": []}),
                    )
                } else {
                    Reply::json(json!({
                        "status": "success", "job_id": "spn2-missing",
                        "original_url": MISSING, "timestamp": "20250601120000",
                        "duration_sec": 6.2, "http_status": 200
                    }))
                }
            }
            ("GET", "/save/status/spn2-broken") => Reply::json(json!({
                "status": "error", "job_id": "spn2-broken",
                "status_ext": "error:invalid-host-resolution",
                "message": "Couldn't resolve host for https://news.example.test/broken.",
                "exception": "[Errno -2] Name or service not known", "resources": []
            })),
            _ => Reply::status(404),
        }
    }
}

/// `dossier archive` on `root` against the servers, with keys when `keys`.
fn archive(root: &Path, wayback: &Server, save: &Server, keys: bool, extra: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command
        .args(["archive", "--root", root.to_str().unwrap()])
        .args(["--wayback-url", &wayback.url, "--save-url", &save.url])
        .args(["--poll-every", "50ms", "--timeout", "5s"])
        .args(extra)
        .env("NO_COLOR", "1")
        .env_remove("ARCHIVE_ORG_ACCESS_KEY")
        .env_remove("ARCHIVE_ORG_SECRET_KEY");
    if !extra.contains(&"--delay") {
        command.args(["--delay", "0"]);
    }
    if keys {
        command
            .env("ARCHIVE_ORG_ACCESS_KEY", "fake-access")
            .env("ARCHIVE_ORG_SECRET_KEY", "fake-secret");
    }
    command.output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn content(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    common::tree(&root.join("content"))
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("content/articles").join(rel)).unwrap()
}

/// `after` is `before` with exactly `added` inserted, each right after the line `after_line`.
fn assert_only_added(before: &str, after: &str, insertions: &[(&str, &[&str])]) {
    let mut expected: Vec<String> = Vec::new();
    for line in before.lines() {
        expected.push(line.to_string());
        for (anchor, added) in insertions {
            if line == *anchor {
                expected.extend(added.iter().map(|a| a.to_string()));
            }
        }
    }
    let mut expected = expected.join("\n");
    if before.ends_with('\n') {
        expected.push('\n');
    }
    assert_eq!(after, expected);
}

#[test]
fn archive_finds_snapshots_captures_the_rest_and_writes_only_the_new_lines() {
    let site = site();
    let root = site.path();
    let before = content(root);
    let wayback = fake_web::start(wayback);
    let save = fake_web::start(save_page_now());
    let output = archive(root, &wayback, &save, true, &[]);
    let out = stdout(&output);
    // `broken` could not be archived: the run says why and fails.
    assert_eq!(
        output.status.code(),
        Some(1),
        "{out}\n{}",
        common::stderr(&output)
    );
    assert!(
        out.contains(&format!("failed    {BROKEN}: Save Page Now: error:invalid-host-resolution: Couldn't resolve host")),
        "{out}"
    );
    assert!(
        out.ends_with(
            "archive: 4 sources without archive_url: 1 archived, 2 found existing, 1 failed\n"
        ),
        "{out}"
    );

    // The availability API was asked once per source (`missing` is cited twice), with the
    // day the source was read (`accessed`, else the article's date), never for `kept`.
    let mut asked: Vec<(String, String)> = (wayback.requests_to("/wayback/available").iter())
        .map(|r| (r.param("url").unwrap(), r.param("timestamp").unwrap()))
        .collect();
    asked.sort();
    assert_eq!(
        asked,
        [
            (BROKEN.to_string(), "20250403".to_string()),
            (FOUND.to_string(), "20250314".to_string()),
            (MISSING.to_string(), "20250401".to_string()),
            (CLIP.to_string(), "20250314".to_string()),
        ]
    );
    assert!(wayback.requests().iter().all(|r| r.method == "GET"));
    // Save Page Now: a form POST per source without snapshot, with the keys and asking for
    // JSON, then its job's status until done.
    let mut posts: Vec<String> = (save.requests_to("/save").iter())
        .map(|r| {
            assert_eq!(r.method, "POST");
            assert_eq!(r.header("accept"), Some("application/json"));
            assert_eq!(
                r.header("content-type"),
                Some("application/x-www-form-urlencoded")
            );
            r.param("url").unwrap()
        })
        .collect();
    posts.sort();
    assert_eq!(posts, [BROKEN, MISSING]);
    assert_eq!(save.requests_to("/save/status/spn2-missing").len(), 2);
    assert_eq!(save.requests_to("/save/status/spn2-broken").len(), 1);

    // The found article: the copy and its day right after each source_url; every other
    // byte (the comment, the single quotes, the blank lines) as it was.
    let found = "2025-03-12-found.md";
    let was = String::from_utf8(before[&format!("articles/{found}")].clone()).unwrap();
    assert_only_added(
        &was,
        &read(root, found),
        &[
            (
                &format!("source_url = '{FOUND}'   # the wire's copy"),
                &[
                    &format!(
                        "archive_url = \"https://web.archive.org/web/20250313084500/{FOUND}\""
                    ),
                    "archived = 2025-03-13",
                ],
            ),
            (
                &format!("source_url = \"{CLIP}\""),
                &[
                    &format!("archive_url = \"https://web.archive.org/web/20250313084500/{CLIP}\""),
                    "archived = 2025-03-13",
                ],
            ),
        ],
    );
    // The captured source, at Save Page Now's address, in both places that cite it.
    let captured = format!("{}/web/20250601120000/{MISSING}", save.url);
    let missing = "2025-04-01-missing.md";
    let was = String::from_utf8(before[&format!("articles/{missing}")].clone()).unwrap();
    assert_only_added(
        &was,
        &read(root, missing),
        &[(
            &format!("source_url = \"{MISSING}\""),
            &[
                &format!("archive_url = \"{captured}\""),
                "archived = 2025-06-01",
            ],
        )],
    );
    assert_eq!(
        read(root, "2025-04-02-other.md"),
        format!(
            "+++\ntitle = \"Other\"\ndate = 2025-04-02\ntopics = [\"talks\"]\nquotes = [\n  {{ speaker = \"ada-fake\", id = \"ada-other\", text = \"Again.\", source_url = \"{MISSING}\", archive_url = \"{captured}\", archived = 2025-06-01 }},\n]\n+++\n"
        )
    );
    // Nothing else changed.
    let after = content(root);
    for file in ["2025-04-03-broken.md", "2025-04-04-kept.md"] {
        let key = format!("articles/{file}");
        assert_eq!(after[&key], before[&key], "{file}");
    }
    // The site still checks, and a second run has only `broken` left to do.
    let check = common::dossier(
        root,
        &["check", "--root", root.to_str().unwrap(), "--drafts"],
    );
    assert!(check.status.success(), "{}", common::stderr(&check));
    let again = archive(root, &wayback, &save, false, &[]);
    assert!(
        stdout(&again).ends_with(
            "archive: 1 source without archive_url: 0 archived, 0 found existing, 1 failed\n"
        ),
        "{}",
        stdout(&again)
    );
}

#[test]
fn a_dry_run_looks_up_but_captures_nothing_and_writes_nothing() {
    let site = site();
    let root = site.path();
    let before = content(root);
    let wayback = fake_web::start(wayback);
    let save = fake_web::start(save_page_now());
    let output = archive(root, &wayback, &save, true, &["--dry-run"]);
    let out = stdout(&output);
    assert!(output.status.success(), "{out}{}", common::stderr(&output));
    assert_eq!(content(root), before, "a dry run changed a file");
    assert!(save.requests().is_empty(), "a dry run asked Save Page Now");
    assert_eq!(wayback.requests_to("/wayback/available").len(), 4);
    assert!(out.contains(&format!(
        "found     {FOUND} → https://web.archive.org/web/20250313084500/{FOUND}\n          (content/articles/2025-03-12-found.md:5:14)"
    )), "{out}");
    assert!(
        out.contains(&format!(
            "no copy   {MISSING}: a capture would be requested from Save Page Now"
        )),
        "{out}"
    );
    assert!(
        out.contains("would write archive_url into:\n  content/articles/2025-03-12-found.md\n"),
        "{out}"
    );
    assert!(
        out.ends_with("archive: 4 sources without archive_url: dry run, nothing written: 2 found existing, 2 to capture, 0 failed\n"),
        "{out}"
    );
}

#[test]
fn without_keys_a_source_with_no_snapshot_fails_with_how_to_set_them() {
    let site = site();
    let root = site.path();
    let wayback = fake_web::start(wayback);
    let save = fake_web::start(save_page_now());
    let output = archive(root, &wayback, &save, false, &[]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(save.requests().is_empty());
    assert!(
        out.contains(&format!("failed    {MISSING}: the Wayback Machine has no snapshot of it, and without archive.org keys none can be requested: set ARCHIVE_ORG_ACCESS_KEY and ARCHIVE_ORG_SECRET_KEY")),
        "{out}"
    );
    // What was found is written all the same.
    assert!(read(root, "2025-03-12-found.md").contains("archived = 2025-03-13\n"));
}

#[test]
fn a_429_is_retried_after_the_retry_after_it_gives_and_one_host_gets_one_request_at_a_time() {
    let site = site();
    let root = site.path();
    let arrivals: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
    let (active, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (seen, now_active, most_active) = (arrivals.clone(), active.clone(), most.clone());
    let wayback = fake_web::start(move |request| {
        let url = request.param("url").unwrap_or_default();
        let first = {
            let mut seen = seen.lock().unwrap();
            let first = !seen.iter().any(|(_, u)| *u == url);
            seen.push((Instant::now(), url.clone()));
            first
        };
        if url == FOUND && first {
            return Reply::status(429).header("Retry-After", "1");
        }
        // Each answer takes a while: a second request meanwhile would overlap it.
        let active = now_active.fetch_add(1, Ordering::SeqCst) + 1;
        most_active.fetch_max(active, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(50));
        now_active.fetch_sub(1, Ordering::SeqCst);
        wayback(request)
    });
    let save = fake_web::start(save_page_now());
    let start = Instant::now();
    let output = archive(
        root,
        &wayback,
        &save,
        false,
        &["--jobs", "4", "--delay", "400ms"],
    );
    assert!(
        stdout(&output).contains(&format!("found     {FOUND} →")),
        "{}",
        stdout(&output)
    );
    let arrivals = arrivals.lock().unwrap();
    let asked_found: Vec<Instant> = (arrivals.iter())
        .filter(|(_, u)| u == FOUND)
        .map(|(t, _)| *t)
        .collect();
    assert_eq!(asked_found.len(), 2, "asked again after the 429");
    assert!(asked_found[1] - asked_found[0] >= Duration::from_secs(1));
    assert!(start.elapsed() >= Duration::from_secs(1));
    // Four workers, one host: one request at a time (a request starts only once the one
    // before has its answer), their starts 400 ms apart, give or take the time a loaded
    // machine takes to hand a connection to the server's thread (up to 100 ms was seen).
    assert_eq!(most.load(Ordering::SeqCst), 1, "two requests at once");
    let mut times: Vec<Instant> = arrivals.iter().map(|(t, _)| *t).collect();
    times.sort();
    for pair in times.windows(2) {
        assert!(
            pair[1] - pair[0] >= Duration::from_millis(250),
            "{:?} between two requests to one host",
            pair[1] - pair[0]
        );
    }
}

#[test]
fn one_key_without_the_other_is_a_usage_error() {
    let site = site();
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["archive", "--root", site.path().to_str().unwrap()])
        .env("ARCHIVE_ORG_ACCESS_KEY", "fake-access")
        .env_remove("ARCHIVE_ORG_SECRET_KEY")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        common::stderr(&output)
            .contains("only one of ARCHIVE_ORG_ACCESS_KEY and ARCHIVE_ORG_SECRET_KEY is set"),
        "{}",
        common::stderr(&output)
    );
}

#[test]
fn help_names_the_commands_their_keys_and_settings() {
    let root = common::repo_root();
    let text = |args: &[&str]| {
        let output = common::dossier(&root, args);
        assert!(output.status.success(), "{args:?}");
        stdout(&output)
    };
    assert!(text(&["--help"]).contains("\n  archive "));
    let archive = text(&["archive", "--help"]);
    for wanted in [
        "ARCHIVE_ORG_ACCESS_KEY",
        "ARCHIVE_ORG_SECRET_KEY",
        "--dry-run",
        "--wayback-url <URL>",
        "[default: https://archive.org]",
        "[default: https://web.archive.org]",
        "Examples:",
        "docs/links.md",
    ] {
        assert!(
            archive.contains(wanted),
            "archive --help lacks {wanted}:\n{archive}"
        );
    }
    let check = text(&["check", "--help"]);
    for wanted in [
        "--external",
        "--max-age <DURATION>",
        "[default: 7d]",
        ".dossier/links.json",
    ] {
        assert!(
            check.contains(wanted),
            "check --help lacks {wanted}:\n{check}"
        );
    }
    // --max-age is for --external only.
    let usage = common::dossier(&root, &["check", "--max-age", "1d"]);
    assert_eq!(usage.status.code(), Some(2));
}
