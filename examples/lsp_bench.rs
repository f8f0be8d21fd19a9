//! Benchmark of `dossier lsp` at scale (BENCHMARKS.md, "language server"): on the corpus of
//! `examples/gen_corpus` (N articles, 3 quotes each, 40 topics, 80 speakers), an editor's
//! session through the protocol over pipes:
//!
//! - start: from starting the server until the diagnostics of an article opened with an
//!   unknown speaker arrive (the whole site loaded and linked first);
//! - keystrokes: a letter typed into a quote's speaker id, then deleted, each change timed
//!   until the article's diagnostics are published (the error appears, then goes);
//! - completion: of a speaker id, part of a name typed;
//! - the server's peak memory (VmHWM of its process).
//!
//! ```sh
//! cargo run --release --example lsp_bench -- 10000      # tmpfs if /dev/shm exists
//! ```
//!
//! The server runs in a child process (this program, started again with `--child`), so its
//! memory is its own. Every name in the corpus is fake.

#[path = "gen_corpus/corpus.rs"]
mod corpus;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const KEYSTROKES: usize = 60;
const COMPLETIONS: usize = 30;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        if let Err(message) = dossier::lsp::run() {
            eprintln!("{message}");
        }
        return;
    }
    let n: usize = args
        .first()
        .map_or(10_000, |a| a.parse().expect("articles"));
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
    drop(corpus);
    let article = first_article(&root);
    let text = std::fs::read_to_string(&article).unwrap();
    let uri = format!("file://{}", article.display());
    // The first quote's speaker id: where the keystrokes go.
    let at = text.find("\nspeaker = \"").expect("a quote") + "\nspeaker = \"".len();
    let id_end = at + text[at..].find('"').unwrap();
    let (line, column) = position(&text, id_end);
    println!(
        "{n} articles (examples/gen_corpus) in {}; load average {}",
        root.display(),
        load_average()
    );

    let started = Instant::now();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .arg("--child")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut client = Client {
        input: child.stdin.take().unwrap(),
        output: BufReader::new(child.stdout.take().unwrap()),
        next_id: 1,
    };
    client.request(
        "initialize",
        json!({"capabilities": {}, "rootUri": format!("file://{}", root.display())}),
    );
    client.notify("initialized", json!({}));
    let typo = format!("{}x{}", &text[..id_end], &text[id_end..]);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": typo}}),
    );
    client.diagnostics_of(&uri, true);
    let start = started.elapsed();

    let mut keystrokes = Vec::new();
    for i in 0..KEYSTROKES {
        // Odd changes type the letter back (an error), even ones delete it (no error).
        let typing = i % 2 == 1;
        let end = if typing { column } else { column + 1 };
        let change = json!({"range": {"start": {"line": line, "character": column},
            "end": {"line": line, "character": end}}, "text": if typing { "x" } else { "" }});
        let sent = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({
            "textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [change]}),
        );
        client.diagnostics_of(&uri, typing);
        keystrokes.push(sent.elapsed());
    }
    let mut completions = Vec::new();
    for _ in 0..COMPLETIONS {
        let sent = Instant::now();
        let items = client.request(
            "textDocument/completion",
            json!({
            "textDocument": {"uri": uri}, "position": {"line": line, "character": column - 2}}),
        );
        completions.push(sent.elapsed());
        assert!(
            !items["items"].as_array().unwrap().is_empty(),
            "completion found nothing"
        );
    }
    let peak = peak_mib(child.id());
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    child.wait().unwrap();

    println!("| what | median | 95th percentile | runs |");
    println!("|---|---:|---:|---:|");
    println!("| start → first diagnostics | {:.0} ms | | 1 |", ms(start));
    row("keystroke → diagnostics published", &mut keystrokes);
    row("completion", &mut completions);
    println!("peak RSS: {peak:.0} MiB");
}

fn row(what: &str, times: &mut [Duration]) {
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "| {what} | {:.1} ms | {:.1} ms | {} |",
        ms(median),
        ms(p95),
        times.len()
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn first_article(root: &Path) -> std::path::PathBuf {
    let mut articles: Vec<_> = std::fs::read_dir(root.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    articles.sort();
    articles.swap_remove(0)
}

/// Line and UTF-16 column of a byte offset (the corpus is ASCII: bytes).
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count(), offset - line_start)
}

fn peak_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// The editor's side of the protocol: JSON-RPC messages with `Content-Length` headers.
struct Client {
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: u64,
}

impl Client {
    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.input.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and reads until its answer.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.read();
            if message["id"] == id && message.get("method").is_none() {
                return message["result"].clone();
            }
        }
    }

    /// Reads until the diagnostics of `uri` arrive, with an error (`error`) or without.
    fn diagnostics_of(&mut self, uri: &str, error: bool) {
        loop {
            let message = self.read();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                let found = message["params"]["diagnostics"].as_array().unwrap();
                if found.iter().any(|d| d["severity"] == 1) == error {
                    return;
                }
            }
        }
    }

    fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut header = String::new();
            assert!(
                self.output.read_line(&mut header).unwrap() > 0,
                "the server stopped"
            );
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some(value) = header.strip_prefix("Content-Length: ") {
                length = value.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.output.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }
}
