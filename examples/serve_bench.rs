//! Benchmark of `dossier serve`: the time from saving one article to the reload event, on
//! generated dossiers of 1,000 and 10,000 articles (see BENCHMARKS.md, section "serve").
//!
//! ```sh
//! cargo run --release --example serve_bench            # 1,000 and 10,000 articles
//! cargo run --release --example serve_bench -- 2000    # other sizes
//! ```
//!
//! Every name in the generated corpus is fake (`Speaker Nine`, `Topic Three`…).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

const SPEAKERS: usize = 60;
const TOPICS: usize = 24;
const EDITS: usize = 15;
const FRONT_EDITS: usize = 3;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    for n in sizes {
        bench(n);
    }
}

fn bench(n: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    generate(root, n);

    // The pipeline's stages, once, for orientation.
    let options = dossier::BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let t = Instant::now();
    let (sources, warnings) = dossier::pipeline::load(&options).expect("load");
    let load = t.elapsed();
    let t = Instant::now();
    let site = dossier::pipeline::Site::link(&sources, false, warnings).expect("link");
    let files = site.render_all().expect("render");
    let full = t.elapsed();
    println!(
        "{n} articles: {} output files; full load {:.0} ms, full link+render {:.0} ms",
        files.len(),
        ms(load),
        ms(full)
    );
    drop((site, files));
    drop(sources);

    // The server, in process, on a free port.
    let port = free_port();
    let serve_options = dossier::serve::ServeOptions {
        root: root.to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port,
        drafts: false,
        open: false,
        quiet: true,
    };
    let t = Instant::now();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        let stop = async move {
            let _ = stopped.await;
        };
        if let Err(err) = dossier::serve::serve_until(serve_options, stop) {
            eprint!("serve failed:\n{}", err.render(false));
            std::process::exit(1);
        }
    });
    let mut events = connect_events(port);
    println!("  server ready after {:.0} ms", ms(t.elapsed()));

    let article = root.join("content/articles/2020-01-01-article-00000.md");
    let original = std::fs::read_to_string(&article).unwrap();
    let save = |text: String| {
        // Saved as editors do: written beside, renamed over the article.
        let temporary = root.join(".edit.tmp");
        std::fs::write(&temporary, text).unwrap();
        let t = Instant::now();
        std::fs::rename(&temporary, &article).unwrap();
        t
    };

    // Body edits: the fast path (one Markdown body, one page).
    let mut samples = Vec::new();
    for edit in 0..EDITS {
        let text = original.replace(
            "The body of a generated article.",
            &format!("The body of a generated article, edit {edit}."),
        );
        let t = save(text);
        let (server, stage) = wait_for_reload(&mut events);
        assert_eq!(stage, "incremental");
        samples.push((t.elapsed(), server));
        // Let the watcher's quiet period pass so each edit is its own save.
        std::thread::sleep(Duration::from_millis(150));
    }
    report("body edit (incremental)", &samples);

    // Front matter edits: a full rebuild in memory, the edited article's pages first.
    let mut first = Vec::new();
    let mut complete = Vec::new();
    for edit in 0..FRONT_EDITS {
        let text = original.replace(
            "title = \"Generated article 0\"",
            &format!("title = \"Generated article 0, retitled {edit}\""),
        );
        let t = save(text);
        let (server, stage) = wait_for_reload(&mut events);
        assert_eq!(stage, "priority");
        first.push((t.elapsed(), server));
        let (server, stage) = wait_for_reload(&mut events);
        assert_eq!(stage, "full");
        complete.push((t.elapsed(), server));
        std::thread::sleep(Duration::from_millis(150));
    }
    report("front matter edit, edited pages", &first);
    report("front matter edit, whole site", &complete);

    // Stop the server before the corpus is deleted.
    let _ = stop.send(());
    server.join().unwrap();
}

fn report(what: &str, samples: &[(Duration, Duration)]) {
    let mut total: Vec<Duration> = samples.iter().map(|s| s.0).collect();
    let mut server: Vec<Duration> = samples.iter().map(|s| s.1).collect();
    total.sort();
    server.sort();
    println!(
        "  {what}, save → reload event over {} saves: median {:.0} ms (min {:.0}, max {:.0}); of which rebuild (server-side) median {:.0} ms",
        samples.len(),
        ms(total[total.len() / 2]),
        ms(total[0]),
        ms(*total.last().unwrap()),
        ms(server[server.len() / 2]),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn connect_events(port: u16) -> BufReader<TcpStream> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
            write!(
                stream,
                "GET /__dossier/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
            )
            .unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(60)))
                .unwrap();
            let mut reader = BufReader::new(stream);
            let mut status = String::new();
            reader.read_line(&mut status).unwrap();
            assert!(status.contains("200"), "events: {status}");
            return reader;
        }
        assert!(Instant::now() < deadline, "the server never started");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for the next reload event; returns the rebuild time the server reports in it and
/// its stage (`incremental`, `priority`: the edited pages of a full rebuild, or `full`).
fn wait_for_reload(events: &mut BufReader<TcpStream>) -> (Duration, String) {
    let mut line = String::new();
    let mut reloading = false;
    loop {
        line.clear();
        let read = events.read_line(&mut line).expect("read events");
        assert!(read > 0, "event stream closed");
        let line = line.trim_end();
        if line == "event: reload" {
            reloading = true;
        } else if line == "event: build-error" {
            panic!("the edit failed to build");
        } else if reloading && let Some(data) = line.strip_prefix("data: ") {
            let data: serde_json::Value = serde_json::from_str(data).expect("reload data");
            let millis = data["ms"].as_u64().unwrap_or(0);
            let stage = data["stage"].as_str().unwrap_or("").to_string();
            return (Duration::from_millis(millis), stage);
        }
    }
}

/// A fake dossier: `n` articles over 60 speakers and 24 topics, two quotes and one event
/// each, a few paragraphs of body with internal links.
pub fn generate(root: &Path, n: usize) {
    let write = |path: &str, text: String| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "site.toml",
        "title = \"Generated Dossier\"\ndescription = \"A synthetic dossier; every name is fake.\"\nbase_url = \"https://example.test/gen/\"\n".into(),
    );
    for s in 0..SPEAKERS {
        write(
            &format!("content/speakers/speaker-{s:02}.md"),
            format!(
                "+++\nname = \"Speaker {s:02} Fakename\"\nrole = \"Fictional official\"\n+++\nA made-up person, number {s}.\n"
            ),
        );
    }
    for t in 0..TOPICS {
        write(
            &format!("content/topics/topic-{t:02}.md"),
            format!(
                "+++\ntitle = \"Topic {t:02}\"\ndescription = \"Fake topic {t}.\"\nrelated = [\"topic-{:02}\"]\n+++\nBackground on fake topic {t}.\n",
                (t + 1) % TOPICS
            ),
        );
    }
    for a in 0..n {
        let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
            + chrono::Duration::days((a % 2000) as i64);
        let s1 = a % SPEAKERS;
        let s2 = (a * 7 + 3) % SPEAKERS;
        let t1 = a % TOPICS;
        let t2 = (a * 5 + 1) % TOPICS;
        let other = (a + 1) % n;
        let other_day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
            + chrono::Duration::days((other % 2000) as i64);
        write(
            &format!("content/articles/2020-01-01-article-{a:05}.md"),
            format!(
                r#"+++
title = "Generated article {a}"
date = {day}
author = "Reporter {r} Fakename"
source = "The Synthetic Times"
source_url = "https://news.example.test/{a}"
summary = "A generated summary for article {a}."
topics = ["topic-{t1:02}", "topic-{t2:02}"]
speakers = ["speaker-{s1:02}"]

[[quotes]]
speaker = "speaker-{s1:02}"
text = "Generated words number {a}, said for the benchmark."

[[quotes]]
speaker = "speaker-{s2:02}"
text = "A reply to statement {a}, also generated."
said = {day}

[[events]]
date = {day}
title = "Generated event {a}"
topics = ["topic-{t1:02}"]
+++
The body of a generated article. It links to [another one](@/articles/2020-01-01-article-{other:05}.md)
and to [a speaker](@/speakers/speaker-{s1:02}.md), dated {other_day}.

## Background

Some *emphasis*, some **strong** text, a list:

- one
- two
- three

## Analysis

A second paragraph of filler text so that the Markdown renderer has something to chew on,
with a footnote.[^1]

[^1]: A generated footnote.
"#,
                r = a % 17
            ),
        );
    }
}
