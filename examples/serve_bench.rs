//! Benchmark of `dossier serve` at scale (BENCHMARKS.md, "serve at scale"): on the corpus of
//! `examples/gen_corpus` (N articles, 3 quotes each, 40 topics, 80 speakers, ~650 words of
//! Markdown per article) with the defaults (search on, unless `--no-search`), it measures
//!
//! - the first page: from starting the server until `/` answers 200;
//! - until every file is rendered, and until the search index is ready;
//! - body edits: save → reload event, with nothing else running, and while a full rebuild
//!   (link, render, search index) runs after a front matter edit;
//! - new articles: save → the reload event naming the new page (then the page itself), and
//!   → every list updated (the `full` event, then the home page, article list and topic
//!   page checked for the new title);
//! - the server's peak memory (VmHWM of its process).
//!
//! ```sh
//! cargo run --release --example serve_bench -- 10000            # tmpfs if /dev/shm exists
//! cargo run --release --example serve_bench -- 10000 --no-search
//! ```
//!
//! The server runs in a child process (this program, started again with `--child`), so its
//! memory is its own. Every name in the corpus is fake.

#[path = "gen_corpus/corpus.rs"]
mod corpus;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const IDLE_EDITS: usize = 15;
const BUSY_EDITS: usize = 60;
/// Front matter edits, each followed by a body edit of the same article 0.3 s later.
const RELINK_EDITS: usize = 5;
const NEW_ARTICLES: usize = 3;
const WAIT: Duration = Duration::from_secs(300);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1], args[2].parse().expect("port"));
    }
    let search = !args.iter().any(|a| a == "--no-search");
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    for n in if sizes.is_empty() {
        vec![10_000]
    } else {
        sizes
    } {
        bench(n, search);
    }
}

/// The server, in a process of its own.
fn child(root: &str, port: u16) {
    let options = dossier::serve::ServeOptions {
        root: root.into(),
        bind: "127.0.0.1".parse().unwrap(),
        port,
        next_free_port: false,
        drafts: false,
        open: false,
        quiet: true,
    };
    if let Err(err) = dossier::serve::serve(options) {
        eprint!("serve failed:\n{}", err.render(false));
        std::process::exit(1);
    }
}

struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Peak resident memory of the server so far, in MiB.
    fn peak_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kib: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0.0);
        kib / 1024.0
    }
}

fn bench(n: usize, search: bool) {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("temp dir");
    let root = dir.path().canonicalize().unwrap();
    let corpus = corpus::generate(n);
    corpus::write_dossier(&corpus, &root).expect("write the corpus");
    // gen_corpus turns search off (for Hugo); serve with the defaults unless asked.
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let toml = toml.replace("[search]\nenabled = false\n", "");
    let toml = if search {
        toml
    } else {
        format!("{toml}[search]\nenabled = false\n")
    };
    std::fs::write(root.join("site.toml"), toml).unwrap();
    println!(
        "{n} articles, {} quotes, {} topics, {} speakers (examples/gen_corpus), search {}, in {}; load average {}",
        corpus.quote_count(),
        corpus.topics.len(),
        corpus.speakers.len(),
        if search { "on" } else { "off" },
        root.display(),
        load_average()
    );
    let topic = corpus.topics[corpus.articles[0].topics[0]].slug.clone();
    let speaker = corpus.speakers[0].slug.clone();
    drop(corpus);

    let port = free_port();
    let started = Instant::now();
    let server = Server {
        child: Command::new(std::env::current_exe().unwrap())
            .args(["--child", root.to_str().unwrap(), &port.to_string()])
            .stdin(Stdio::null())
            .spawn()
            .expect("start the server"),
    };
    let events = Events::subscribe(port);
    while get(port, "/").0 != 200 {
        assert!(started.elapsed() < WAIT, "no first page");
        std::thread::sleep(Duration::from_millis(10));
    }
    let first_page = started.elapsed();
    events.wait(|e| e.stage == "full");
    let rendered = started.elapsed();
    if search {
        indexed(port);
    }
    let ready = started.elapsed();
    println!(
        "  start: first page {:.2} s; every file rendered {:.2} s; search index ready {}",
        secs(first_page),
        secs(rendered),
        if search {
            format!("{:.2} s", secs(ready))
        } else {
            "(off)".into()
        }
    );
    println!("  peak RSS after start: {:.0} MiB", server.peak_mib());

    let articles = root.join("content/articles");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&articles)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let (first, second) = (names[0].clone(), names[1].clone());
    let page_of = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let slug = &stem[11..];
        (text, format!("/articles/{slug}/"))
    };

    // Body edits with nothing else running.
    let (text, url) = page_of(&first);
    let mut idle = Vec::new();
    for edit in 0..IDLE_EDITS {
        let saved = save(&first, body_edit(&text, &format!("idle {edit}")));
        idle.push(events.wait(|e| e.stage == "incremental" && e.names(&url)) - saved);
        // The watcher's quiet period passes: each edit is a save of its own.
        std::thread::sleep(Duration::from_millis(150));
    }
    report(
        "body edit → reload, no link or render running (search index rebuilding after the first)",
        &idle,
    );

    // Body edits while a full rebuild runs (a front matter edit of another article).
    let (other, other_url) = page_of(&second);
    let retitled = other.replacen("title = \"", "title = \"Retitled ", 1);
    save(&second, retitled);
    events.wait(|e| e.stage == "priority" && e.names(&other_url));
    // Until the render is done (`full`), then until the search index built after it lands.
    let mut busy: [Vec<Duration>; 2] = Default::default();
    events.full.set(false);
    events.search.set(false);
    for edit in 0..BUSY_EDITS {
        let phase = usize::from(events.full.get());
        if phase == 1 && (!search || events.search.get()) {
            break;
        }
        let saved = save(&first, body_edit(&text, &format!("busy {edit}")));
        let at = events.wait(|e| e.stage == "incremental" && e.names(&url));
        busy[phase].push(at - saved);
        std::thread::sleep(Duration::from_millis(if phase == 0 { 200 } else { 1000 }));
    }
    report("body edit → reload while the new site renders", &busy[0]);
    report(
        "body edit → reload while the search index rebuilds",
        &busy[1],
    );
    if !events.full.get() {
        events.wait(|e| e.stage == "full");
    }

    // A body edit of the article whose front matter was saved 0.3 s before: the relink that
    // first save started is still running.
    let (mut third, third_url) = page_of(&names[2]);
    let mut relinking = Vec::new();
    for edit in 0..RELINK_EDITS {
        let retitled = third.replacen("title = \"", &format!("title = \"Retitled {edit} "), 1);
        save(&names[2], retitled.clone());
        std::thread::sleep(Duration::from_millis(300));
        // Only what the body edit brings counts.
        events.drain();
        let edited = body_edit(&retitled, &format!("relink {edit}"));
        let saved = save(&names[2], edited.clone());
        relinking.push(events.wait(|e| e.stage == "incremental" && e.names(&third_url)) - saved);
        events.wait(|e| e.stage == "full");
        third = edited;
    }
    report(
        "body edit 0.3 s after a front matter edit of the same article → reload (its relink running)",
        &relinking,
    );

    // New articles: a new file is a front matter change.
    let mut own = Vec::new();
    let mut answered = Vec::new();
    let mut lists = Vec::new();
    for i in 0..NEW_ARTICLES {
        let title = format!("Freshly added article number {i}");
        let stem = format!("2030-01-0{}-freshly-added-{i}", i + 1);
        let url = format!("/articles/freshly-added-{i}/");
        let body = text.splitn(3, "+++").nth(2).unwrap_or_default();
        let text = format!(
            "+++\ntitle = \"{title}\"\ndate = 2030-01-0{}T09:00:00Z\nsource_url = \"https://example.org/news/freshly-added-{i}\"\ntopics = [\"{topic}\"]\n\n[[quotes]]\nspeaker = \"{speaker}\"\ntext = \"A freshly added quote, number {i}.\"\n+++{body}",
            i + 1
        );
        let saved = save(&articles.join(format!("{stem}.md")), text);
        let at = events.wait(|e| e.stage == "priority" && e.names(&url));
        own.push(at - saved);
        let (status, page) = get(port, &url);
        assert!(status == 200 && page.contains(&title), "{status} {url}");
        answered.push(saved.elapsed());
        events.wait(|e| e.stage == "full");
        for list in ["/", "/articles/", &format!("/topics/{topic}/")] {
            let (status, page) = get(port, list);
            assert!(
                status == 200 && page.contains(&title),
                "{list} lacks {title}"
            );
        }
        lists.push(saved.elapsed());
    }
    report("new article → reload event for its page", &own);
    report("new article → its page answered", &answered);
    report(
        "new article → home, article list and its topic show it",
        &lists,
    );
    println!(
        "  peak RSS of serve: {:.0} MiB; load average {}",
        server.peak_mib(),
        load_average()
    );
    drop(server);
}

/// The 1, 5 and 15 minute load averages (the machine may be shared).
fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split(' ').take(3).collect::<Vec<_>>().join(" ")
}

/// Waits until the search page no longer says that the index is being built or updated.
fn indexed(port: u16) {
    let started = Instant::now();
    while get(port, "/search/").1.contains("dossier-search-notice") {
        assert!(started.elapsed() < WAIT, "the search index never caught up");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The article with one more sentence in its body.
fn body_edit(text: &str, what: &str) -> String {
    format!("{text}\nOne more sentence, {what}.\n")
}

/// Saves as editors do: written beside, renamed over the file. Returns when it was saved.
fn save(path: &Path, text: String) -> Instant {
    let temporary = path.with_extension("tmp~");
    std::fs::write(&temporary, text).unwrap();
    let saved = Instant::now();
    std::fs::rename(&temporary, path).unwrap();
    saved
}

fn report(what: &str, samples: &[Duration]) {
    if samples.is_empty() {
        println!("  {what}: no samples");
        return;
    }
    let mut sorted = samples.to_vec();
    sorted.sort();
    println!(
        "  {what}, {} saves: median {:.0} ms (min {:.0}, max {:.0})",
        sorted.len(),
        ms(sorted[sorted.len() / 2]),
        ms(sorted[0]),
        ms(*sorted.last().unwrap()),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A GET; (status, body), or (0, "") while nothing answers.
fn get(port: u16, path: &str) -> (u16, String) {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return (0, String::new());
    };
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    );
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, body.to_string())
}

/// A reload event: its stage and paths, and when it arrived.
struct Reload {
    at: Instant,
    stage: String,
    paths: Option<Vec<String>>,
}

impl Reload {
    fn names(&self, path: &str) -> bool {
        self.paths
            .as_ref()
            .is_none_or(|paths| paths.iter().any(|p| p == path))
    }
}

/// The reload events, read on a thread of their own so each is timed as it arrives.
struct Events {
    events: mpsc::Receiver<Reload>,
    /// A `full` (`search`) event arrived since it was last set to false.
    full: std::cell::Cell<bool>,
    search: std::cell::Cell<bool>,
}

impl Events {
    fn subscribe(port: u16) -> Events {
        let started = Instant::now();
        let stream = loop {
            if let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) {
                break stream;
            }
            assert!(started.elapsed() < WAIT, "the server never started");
            std::thread::sleep(Duration::from_millis(5));
        };
        let mut writer = stream.try_clone().unwrap();
        write!(
            writer,
            "GET /__dossier/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (sender, events) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            let mut reloading = false;
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                let text = line.trim_end();
                if text == "event: reload" {
                    reloading = true;
                } else if text == "event: build-error" {
                    eprintln!("the server reported a build error");
                    reloading = false;
                } else if reloading && let Some(data) = text.strip_prefix("data: ") {
                    let data: serde_json::Value = serde_json::from_str(data).expect("reload data");
                    let reload = Reload {
                        at: Instant::now(),
                        stage: data["stage"].as_str().unwrap_or("").to_string(),
                        paths: serde_json::from_value(data["paths"].clone()).unwrap_or(None),
                    };
                    reloading = false;
                    if sender.send(reload).is_err() {
                        return;
                    }
                }
                line.clear();
            }
        });
        Events {
            events,
            full: std::cell::Cell::new(false),
            search: std::cell::Cell::new(false),
        }
    }

    /// Waits for the first event that `wanted` accepts; returns when it arrived.
    /// Drops the events that arrived so far.
    fn drain(&self) {
        while let Ok(reload) = self.events.try_recv() {
            self.note(&reload);
        }
    }

    fn note(&self, reload: &Reload) {
        match reload.stage.as_str() {
            "full" => self.full.set(true),
            "search" => self.search.set(true),
            _ => {}
        }
    }

    fn wait(&self, mut wanted: impl FnMut(&Reload) -> bool) -> Instant {
        loop {
            let reload = self
                .events
                .recv_timeout(WAIT)
                .expect("no reload event in time");
            self.note(&reload);
            if wanted(&reload) {
                return reload.at;
            }
        }
    }
}
