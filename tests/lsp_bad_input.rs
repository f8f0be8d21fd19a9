//! Every bad-input case of `tests/bad_input/` gives, through `dossier lsp`, the diagnostics
//! `dossier check` gives: the same message, severity and range (line and UTF-16 column of
//! both ends), on the same file. The server is the real binary, spoken to over its stdio.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{copy_recursively, fixture, generate, repo_root};
use serde_json::{Value, json};

/// One diagnostic as compared: file, severity, first line of the message, range.
type Seen = (String, String, String, (u64, u64, u64, u64));

#[test]
fn the_server_reports_what_check_reports_for_every_bad_input_case() {
    let mut failures = Vec::new();
    let mut cases: Vec<_> = std::fs::read_dir(repo_root().join("tests/bad_input"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    cases.sort();
    let mut compared = 0;
    for case in &cases {
        let site = tempfile::tempdir().unwrap();
        let root = site.path().canonicalize().unwrap();
        lay_out(case, &root);
        let Some(expected) = from_check(&root) else {
            continue; // site.toml itself is broken: nothing to serve (checked below).
        };
        let served = from_server(&root);
        // The server does not render pages: what only a render finds (a broken link in a
        // generated page, a static file a page replaces) is `check`'s alone.
        let expected: BTreeSet<Seen> = expected.into_iter().filter(|d| d.0 != "<render>").collect();
        if expected != served {
            failures.push(format!(
                "{}:\n  check:  {expected:?}\n  server: {served:?}",
                case.display()
            ));
        }
        compared += 1;
    }
    assert!(compared > 50, "only {compared} cases compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The basic fixture with the case's files laid over it, as `tests/bad_input.rs` does.
fn lay_out(case: &Path, root: &Path) {
    copy_recursively(&fixture("basic"), root);
    let expect: toml::Table =
        toml::from_str(&std::fs::read_to_string(case.join("expect.toml")).unwrap()).unwrap();
    for entry in std::fs::read_dir(case).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "expect.toml" {
            copy_recursively(&entry.path(), &root.join(entry.file_name()));
        }
    }
    let remove = expect.get("remove").and_then(toml::Value::as_array);
    for path in remove.into_iter().flatten().filter_map(toml::Value::as_str) {
        std::fs::remove_file(root.join(path)).unwrap();
    }
    if let Some(kind) = expect.get("generate").and_then(toml::Value::as_str) {
        generate(kind, root);
    }
}

/// What `dossier check --drafts` finds (the library function the command calls; the server
/// checks drafts too, as they are what an editor is writing), each diagnostic's range
/// computed here from its byte span; `None` when site.toml cannot be read.
fn from_check(root: &Path) -> Option<BTreeSet<Seen>> {
    let options = dossier::BuildOptions {
        root: root.to_path_buf(),
        drafts: true,
        ..dossier::BuildOptions::default()
    };
    let diagnostics = match dossier::check(&options) {
        Ok(report) => report.warnings.items,
        Err(found) => found.items,
    };
    let mut out = BTreeSet::new();
    for d in diagnostics {
        let severity = if d.is_error() { "error" } else { "warning" };
        let Some(location) = &d.location else {
            out.insert((
                "site.toml".into(),
                severity.into(),
                d.message.clone(),
                (0, 0, 0, 0),
            ));
            continue;
        };
        // Found by rendering: a broken link in a generated page, a static file that a
        // generated page replaces.
        if location.path.starts_with("<output>") || d.message.ends_with("which the build generates")
        {
            out.insert((
                "<render>".into(),
                severity.into(),
                d.message.clone(),
                (0, 0, 0, 0),
            ));
            continue;
        }
        let range = match (&location.source, &location.span) {
            (Some(text), Some(span)) => {
                let (a, b) = (
                    utf16_position(text, span.start),
                    utf16_position(text, span.end),
                );
                (a.0, a.1, b.0, b.1)
            }
            _ => (0, 0, 0, 0),
        };
        let path = location.path.to_string_lossy().into_owned();
        out.insert((path, severity.into(), d.message.clone(), range));
    }
    if out.iter().any(|d| d.0 == "site.toml" && d.1 == "error") && !root.join("site.toml").is_file()
    {
        return None;
    }
    Some(out)
}

/// Line and UTF-16 column (from 0) of a byte offset, as the protocol counts them.
fn utf16_position(text: &str, offset: usize) -> (u64, u64) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() as u64;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = before[start..].chars().map(char::len_utf16).sum();
    (line, column as u64)
}

/// What `dossier lsp` publishes for the site at `root` once started.
fn from_server(root: &Path) -> BTreeSet<Seen> {
    let mut server = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("starts dossier lsp");
    let mut input = server.stdin.take().unwrap();
    let mut output = BufReader::new(server.stdout.take().unwrap());
    let root_uri = format!("file://{}", root.display());
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}, "rootUri": root_uri}}),
    );
    let mut published = Vec::new();
    read_until_response(&mut output, 1, &mut published);
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    read_until_response(&mut output, 2, &mut published);
    send(&mut input, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(server.wait().unwrap().success());
    let mut out = BTreeSet::new();
    for params in published {
        let uri = params["uri"].as_str().unwrap();
        let path = url::Url::parse(uri).unwrap().to_file_path().unwrap();
        let path = (path.strip_prefix(root).unwrap_or(&path))
            .to_string_lossy()
            .into_owned();
        for d in params["diagnostics"].as_array().unwrap() {
            let severity = if d["severity"] == 1 {
                "error"
            } else {
                "warning"
            };
            let message = d["message"].as_str().unwrap().lines().next().unwrap_or("");
            let at = |end: &str, what: &str| d["range"][end][what].as_u64().unwrap();
            let range = (
                at("start", "line"),
                at("start", "character"),
                at("end", "line"),
                at("end", "character"),
            );
            out.insert((path.clone(), severity.into(), message.to_string(), range));
        }
    }
    out
}

fn send(input: &mut impl Write, message: Value) {
    let body = message.to_string();
    write!(input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    input.flush().unwrap();
}

/// Reads messages until the response to `id`, keeping each `publishDiagnostics`'s params
/// (the last for a file wins, as in an editor).
fn read_until_response(output: &mut impl BufRead, id: u64, published: &mut Vec<Value>) {
    loop {
        let mut length = 0;
        loop {
            let mut header = String::new();
            assert!(
                output.read_line(&mut header).unwrap() > 0,
                "the server closed its output"
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
        output.read_exact(&mut body).unwrap();
        let message: Value = serde_json::from_slice(&body).unwrap();
        if message["id"] == id && message.get("method").is_none() {
            return;
        }
        if message["method"] == "textDocument/publishDiagnostics" {
            let uri = message["params"]["uri"].clone();
            published.retain(|p: &Value| p["uri"] != uri);
            published.push(message["params"].clone());
        }
    }
}
