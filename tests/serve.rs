//! `dossier serve` end to end: the binary on a free port against a temporary copy of the
//! fixture site, spoken to over plain HTTP/1.1 and server-sent events.

mod common;

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{copy_site, fixture};

/// Generous for a debug build on a busy 2-core machine; every wait polls and returns early.
const DEADLINE: Duration = Duration::from_secs(30);
const ARTICLE: &str = "content/articles/2024-01-10-first.md";
const OVERLAY: &str = "id=\"dossier-error-overlay\"";
const SEARCH_NOTICE: &str = "id=\"dossier-search-notice\"";

/// The running server; killed when dropped, even when a test panics.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the server and waits until its background work is done: `/` answers and
    /// the search page no longer says that the index is being built.
    fn start(root: &Path) -> Server {
        let server = Server::start_expecting(root, 200);
        let deadline = Instant::now() + DEADLINE;
        while server.get("/search/").1.contains(SEARCH_NOTICE) {
            assert!(Instant::now() < deadline, "the search index never came");
            std::thread::sleep(Duration::from_millis(25));
        }
        server
    }

    /// Starts the server and waits until `/` answers with `status`.
    fn start_expecting(root: &Path, status: u16) -> Server {
        let port = free_port();
        let log = root.join("serve.log");
        let out = File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port"])
            .arg(port.to_string())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("start dossier serve");
        let server = Server { child, port, log };
        let deadline = Instant::now() + DEADLINE;
        while get(port, "/").map(|(s, _)| s) != Some(status) {
            assert!(
                Instant::now() < deadline,
                "the server did not answer in time; its output:\n{}",
                server.output()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
        server
    }

    fn get(&self, path: &str) -> (u16, String) {
        get(self.port, path).unwrap_or_else(|| panic!("GET {path} failed:\n{}", self.output()))
    }

    fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A raw HTTP/1.1 GET (paths are sent exactly as given, `..` and all).
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(DEADLINE)).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split(' ').nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n")?.1.to_string();
    Some((status, body))
}

/// A subscription to the reload channel: `(event name, data)` pairs, parsed on a thread.
struct Events {
    events: mpsc::Receiver<(String, String)>,
}

impl Events {
    fn subscribe(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "events: {line}");
        let mut chunked = false;
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line
                .to_ascii_lowercase()
                .starts_with("transfer-encoding: chunked")
            {
                chunked = true;
            }
            if line == "\r\n" {
                break;
            }
        }
        let (sender, events) = mpsc::channel();
        std::thread::spawn(move || {
            let mut body = Vec::new();
            let mut name = String::new();
            let mut data: Vec<String> = Vec::new();
            loop {
                // Undo the chunked transfer encoding, then split SSE lines.
                if chunked {
                    let mut size = String::new();
                    if reader.read_line(&mut size).unwrap_or(0) == 0 {
                        return;
                    }
                    let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
                        return;
                    };
                    let mut chunk = vec![0; size + 2];
                    if size == 0 || reader.read_exact(&mut chunk).is_err() {
                        return;
                    }
                    body.extend_from_slice(&chunk[..size]);
                } else {
                    let mut buffer = [0; 4096];
                    match reader.read(&mut buffer) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => body.extend_from_slice(&buffer[..n]),
                    }
                }
                while let Some(end) = body.iter().position(|&b| b == b'\n') {
                    let line: Vec<u8> = body.drain(..=end).collect();
                    let line = String::from_utf8_lossy(&line)
                        .trim_end_matches(['\r', '\n'])
                        .to_string();
                    if let Some(value) = line.strip_prefix("event:") {
                        name = value.trim().to_string();
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push(value.strip_prefix(' ').unwrap_or(value).to_string());
                    } else if line.is_empty() && !name.is_empty() {
                        let event = (std::mem::take(&mut name), data.join("\n"));
                        data.clear();
                        if sender.send(event).is_err() {
                            return;
                        }
                    } else if line.is_empty() {
                        data.clear();
                    }
                }
            }
        });
        Events { events }
    }

    /// Reload events until one that reloads the tab showing `path`; returns its paths
    /// (`None`: every tab).
    fn reload_of(&self, server: &Server, path: &str) -> Option<Vec<String>> {
        loop {
            let (name, data) = self.next(server);
            assert_eq!(name, "reload", "{data}");
            let data: serde_json::Value = serde_json::from_str(&data).unwrap();
            let paths: Option<Vec<String>> = serde_json::from_value(data["paths"].clone()).unwrap();
            match &paths {
                Some(list) if !list.iter().any(|p| p == path) => continue,
                _ => return paths,
            }
        }
    }

    /// The next event but the search index's (which follows edits in the background, at
    /// its own pace), or a panic with the server's output at the deadline.
    fn next(&self, server: &Server) -> (String, String) {
        loop {
            let event = self.events.recv_timeout(DEADLINE).unwrap_or_else(|_| {
                panic!(
                    "no event from the server in time; its output:\n{}",
                    server.output()
                )
            });
            if !event.1.contains("\"stage\":\"search\"") {
                return event;
            }
        }
    }
}

/// Saves an edit the way many editors do: a new file renamed over the old one, so the
/// watcher never sees a half-written file however loaded the machine is.
fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let path = root.join(path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    let temporary = root.join(".edit.tmp");
    std::fs::write(&temporary, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&temporary, &path).unwrap();
}

#[test]
fn serves_reloads_shows_errors_over_the_last_good_page_and_recovers() {
    let site = copy_site(&fixture("basic"));
    let root = site.path();
    let server = Server::start(root);
    let port = server.port;

    let (status, page) = server.get("/articles/first/");
    assert_eq!(status, 200);
    assert!(page.contains("Opening paragraph"));
    assert!(
        page.contains("data-dossier-serve"),
        "reload script injected"
    );
    assert!(
        page.contains(&format!("href=\"http://127.0.0.1:{port}/articles/first/\"")),
        "base_url is the local address"
    );
    assert!(!page.contains(OVERLAY));
    let (status, css) = server.get("/style.css");
    assert_eq!(status, 200);
    assert!(
        !css.contains("data-dossier-serve"),
        "only HTML gets the script"
    );

    let events = Events::subscribe(port);

    // A body edit: a reload event for that page alone, then the new text.
    edit(
        root,
        ARTICLE,
        "Opening paragraph",
        "Freshly edited paragraph",
    );
    let (name, data) = events.next(&server);
    assert_eq!(name, "reload");
    // Its page and the feeds that carry its body; no list shows a body.
    assert!(
        data.contains("\"paths\":[\"/articles/first/\",\"/atom.xml\",\"/topics/alpha/atom.xml\"]"),
        "only those changed: {data}"
    );
    let (_, page) = server.get("/articles/first/");
    assert!(page.contains("Freshly edited paragraph"), "{page}");

    // A front matter edit: a full rebuild, the article's own page first, then the rest.
    edit(
        root,
        ARTICLE,
        "title = \"First fixture article\"",
        "title = \"Renamed fixture article\"",
    );
    events.reload_of(&server, "/articles/first/");
    let (_, page) = server.get("/articles/first/");
    assert!(page.contains("Renamed fixture article"));
    events.reload_of(&server, "/articles/");
    let (_, list) = server.get("/articles/");
    assert!(list.contains("Renamed fixture article"));

    // Broken front matter: the error over the last good page, which is still served.
    edit(
        root,
        ARTICLE,
        "title = \"Renamed fixture article\"",
        "title = \"Broken fixture article",
    );
    let (name, data) = events.next(&server);
    assert_eq!(name, "build-error");
    assert!(
        data.contains(ARTICLE),
        "the event carries the diagnostics: {data}"
    );
    let (status, page) = server.get("/articles/first/");
    assert_eq!(status, 200);
    assert!(page.contains(OVERLAY), "overlay on a fresh load");
    assert!(
        page.contains(&format!("{ARTICLE}:2:")),
        "overlay names the place: {page}"
    );
    assert!(
        page.contains("Renamed fixture article"),
        "the last good page is still served"
    );
    assert!(
        server.output().contains("error"),
        "the terminal shows it too"
    );

    // Fixed: the overlay clears.
    edit(
        root,
        ARTICLE,
        "title = \"Broken fixture article",
        "title = \"Fixed fixture article\"",
    );
    // (Full rebuilds send two reloads: the edited pages first, then the rest.)
    events.reload_of(&server, "/articles/");
    let (_, page) = server.get("/articles/first/");
    assert!(!page.contains(OVERLAY));
    assert!(page.contains("Fixed fixture article"));

    // A broken internal link in the body: caught without a full rebuild, and cleared again.
    edit(
        root,
        ARTICLE,
        "(@/speakers/bo-sample.md)",
        "(@/speakers/bo-sampel.md)",
    );
    let (name, data) = events.next(&server);
    assert_eq!(name, "build-error");
    assert!(
        data.contains("did you mean `@/speakers/bo-sample.md`?"),
        "{data}"
    );
    edit(
        root,
        ARTICLE,
        "(@/speakers/bo-sampel.md)",
        "(@/speakers/bo-sample.md)",
    );
    let (name, _) = events.next(&server);
    assert_eq!(name, "reload");
    let (_, page) = server.get("/articles/first/");
    assert!(!page.contains(OVERLAY));

    assert!(
        !root.join("public").exists(),
        "serve never writes the site to disk"
    );
    stops_cleanly_on_ctrl_c(server);
}

#[cfg(unix)]
fn stops_cleanly_on_ctrl_c(mut server: Server) {
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(
                status.success(),
                "exit status {status}: {}",
                server.output()
            );
            assert!(server.output().contains("stopped"));
            return;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(not(unix))]
fn stops_cleanly_on_ctrl_c(_server: Server) {}

#[test]
fn refuses_every_path_out_of_the_site() {
    // (A symbolic link out of the site in static/ is refused when the site is loaded, by
    // serve as by build: tests/bad_input/symlink-out-*.)
    let site = copy_site(&fixture("basic"));
    let root = site.path();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/inside.txt"), "fine").unwrap();
    let server = Server::start(root);
    assert_eq!(server.get("/inside.txt"), (200, "fine".to_string()));
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2e%2e/site.toml",
        "/articles/..%2f..%2fsite.toml",
        "//etc/passwd",
        "/..\\site.toml",
        "/site.toml",
        "/content/articles/2024-01-10-first.md",
        "/secret.txt",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("top secret") && !body.contains("base_url"),
            "{path}"
        );
    }
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = copy_site(&fixture("basic"));
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let output = common::dossier(
        site.path(),
        &[
            "serve",
            "--root",
            site.path().to_str().unwrap(),
            "--port",
            &port.to_string(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = common::stderr(&output);
    assert!(stderr.contains("already in use"), "{stderr}");
    // The port it suggests was free when it looked.
    let suggested: u16 = stderr
        .split("dossier serve --port ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no port suggested:\n{stderr}"));
    assert!(suggested > port, "{stderr}");
    assert!(stderr.contains("a port that is free now"), "{stderr}");
}

#[test]
fn with_the_default_port_taken_serve_uses_the_next_free_one_and_says_so() {
    let site = copy_site(&fixture("basic"));
    // Held for the test (or already held by something else: taken either way).
    let _taken = TcpListener::bind("127.0.0.1:1111");
    let log = site.path().join("serve.log");
    let out = File::create(&log).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--root", site.path().to_str().unwrap()])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .unwrap();
    let mut server = Server {
        child,
        port: 0,
        log,
    };
    let deadline = Instant::now() + DEADLINE;
    let said =
        "port 1111 is in use (another `dossier serve`, or another server?): serving on port ";
    let port = loop {
        let output = server.output();
        if let Some(rest) = output.split(said).nth(1) {
            break rest
                .split_whitespace()
                .next()
                .unwrap()
                .parse::<u16>()
                .unwrap();
        }
        assert!(
            Instant::now() < deadline,
            "no notice of the port:\n{output}"
        );
        std::thread::sleep(Duration::from_millis(25));
    };
    assert!(port > 1111);
    server.port = port;
    while get(port, "/").map(|(s, _)| s) != Some(200) {
        assert!(Instant::now() < deadline, "{}", server.output());
        std::thread::sleep(Duration::from_millis(25));
    }
    assert!(
        server
            .output()
            .contains(&format!("at http://127.0.0.1:{port}/"))
    );
}

#[test]
fn binding_beyond_loopback_says_what_other_machines_see() {
    let site = copy_site(&fixture("basic"));
    let port = free_port();
    let log = site.path().join("serve.log");
    let out = File::create(&log).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--root", site.path().to_str().unwrap(), "--drafts"])
        .args(["--bind", "0.0.0.0", "--port", &port.to_string()])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .unwrap();
    let server = Server { child, port, log };
    let deadline = Instant::now() + DEADLINE;
    while get(port, "/").map(|(s, _)| s) != Some(200) {
        assert!(Instant::now() < deadline, "{}", server.output());
        std::thread::sleep(Duration::from_millis(25));
    }
    let output = server.output();
    assert!(
        output.contains("warning: serving on 0.0.0.0, which other machines on the network can reach: they see the preview (drafts included), every file of static/, and the error overlay, which quotes your content files"),
        "{output}"
    );
}

#[test]
fn build_output_never_carries_the_reload_script() {
    let site = copy_site(&fixture("basic"));
    let public = common::build(site.path(), &[]);
    for (path, bytes) in common::tree(&public) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__dossier") && !text.contains("dossier-error-overlay"),
            "{path}"
        );
    }
}

#[test]
fn a_site_broken_at_start_shows_the_error_until_it_builds() {
    let site = copy_site(&fixture("basic"));
    let root = site.path();
    edit(
        root,
        ARTICLE,
        "title = \"First fixture article\"",
        "title = \"Broken",
    );
    let server = Server::start_expecting(root, 404);
    let (status, page) = server.get("/");
    assert_eq!(status, 404);
    assert!(page.contains(OVERLAY), "{page}");
    assert!(page.contains(ARTICLE));
    let events = Events::subscribe(server.port);
    edit(root, ARTICLE, "title = \"Broken", "title = \"Mended\"");
    assert_eq!(
        events.reload_of(&server, "/"),
        None,
        "a first good build reloads every tab"
    );
    let (status, page) = server.get("/articles/first/");
    assert_eq!(status, 200);
    assert!(page.contains("Mended") && !page.contains(OVERLAY));
}

#[test]
fn a_static_folder_made_after_the_start_is_watched_too() {
    let site = copy_site(&fixture("basic"));
    let root = site.path();
    assert!(!root.join("static").exists());
    let server = Server::start(root);
    assert_eq!(server.get("/late.txt").0, 404);
    let events = Events::subscribe(server.port);
    std::fs::create_dir(root.join("static")).unwrap();
    std::fs::write(root.join("static/late.txt"), "late").unwrap();
    events.reload_of(&server, "/late.txt");
    assert_eq!(server.get("/late.txt"), (200, "late".to_string()));
    edit(root, "static/late.txt", "late", "later");
    events.reload_of(&server, "/late.txt");
    assert_eq!(server.get("/late.txt"), (200, "later".to_string()));
}

/// A Persian title gives a Persian URL: `new article` keeps the words in the file name, the
/// page and a quote with an id derived from Persian words are built under percent-encoded
/// URLs, served, listed in the sitemap, and pass the link check.
#[test]
fn a_persian_title_keeps_its_words_in_the_url_and_is_served_checked_and_listed() {
    let site = copy_site(&fixture("persian"));
    let root = site.path();
    let output = common::dossier(root, &["new", "article", "عراقچی: دور سوم در مسقط"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let written: Vec<String> = std::fs::read_dir(root.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("مسقط"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(
        written[0].ends_with("-عراقچی-دور-سوم-در-مسقط.md"),
        "{}",
        written[0]
    );
    // A quote in it, its id derived from its Persian words.
    let path = root.join("content/articles").join(&written[0]);
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "\n+++\n",
        "\n[[quotes]]\nspeaker = \"bahar-azmayeshi\"\ntext = \"مذاکرات در فضایی سازنده ادامه یافت.\"\n+++\n",
        2,
    );
    let text = text.replacen("speakers = []", "speakers = [\"bahar-azmayeshi\"]", 1);
    std::fs::write(&path, text).unwrap();
    let output = common::dossier(root, &["check"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let slug = "عراقچی-دور-سوم-در-مسقط";
    let encoded = |s: &str| {
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
            .to_string()
            .replace("%2D", "-")
    };
    let article_url = format!("/articles/{}/", encoded(slug));
    let quote_id = "bahar-azmayeshi-";
    // The built site: the page is a UTF-8 folder, the sitemap lists its encoded URL.
    let public = common::build(root, &[]);
    assert!(
        public
            .join("articles")
            .join(slug)
            .join("index.html")
            .is_file()
    );
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(&format!("<loc>https://example.test/fa{article_url}</loc>")),
        "{sitemap}"
    );
    let quote_dir = std::fs::read_dir(public.join("quotes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with(quote_id) && name.contains("مذاکرات"))
        .expect("the quote's id keeps its Persian words");
    assert!(
        quote_dir.ends_with("-مذاکرات-در-فضایی-سازنده-ادامه-یافت"),
        "{quote_dir}"
    );
    // Served: the encoded URL answers with the page, and the page links it encoded.
    let server = Server::start(root);
    let (status, body) = server.get(&article_url);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("عراقچی: دور سوم در مسقط"));
    let (status, _) = server.get(&format!("/quotes/{}/", encoded(&quote_dir)));
    assert_eq!(status, 200);
    let (_, list) = server.get("/articles/");
    assert!(
        list.contains(&format!("href=\"/fa{article_url}\""))
            || list.contains(&format!("href=\"{article_url}\"")),
        "{list}"
    );
}
