//! The benchmark's floor: a bare pass over a dossier's content that does only what any
//! generator must. It reads every content file, renders each body's Markdown with
//! pulldown-cmark, and writes one `…/index.html` per page (article, quote, speaker, topic)
//! on 2 threads. It has no templates, links, indexes or list pages.
//!
//! ```text
//! cargo run --release --example bare_pass -- --root /dev/shm/d10k --out /dev/shm/d10k/bare
//! ```

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> ExitCode {
    let mut root: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let (Some(flag), Some(value)) = (args.next(), args.next()) {
        match flag.as_str() {
            "--root" => root = Some(value.into()),
            "--out" => out = Some(value.into()),
            _ => {}
        }
    }
    let (Some(root), Some(out)) = (root, out) else {
        eprintln!("usage: bare_pass --root SITE --out DIR");
        return ExitCode::from(2);
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("thread pool");
    match pool.install(|| run(&root, &out)) {
        Ok(pages) => {
            println!("bare pass: wrote {pages} pages into {}", out.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("bare_pass: {err}");
            ExitCode::from(1)
        }
    }
}

fn run(root: &Path, out: &Path) -> std::io::Result<usize> {
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    let mut pages = 0;
    for kind in ["articles", "speakers", "topics"] {
        let mut files: Vec<PathBuf> = fs::read_dir(root.join("content").join(kind))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        let written: std::io::Result<Vec<usize>> =
            files.par_iter().map(|path| page(path, kind, out)).collect();
        pages += written?.into_iter().sum::<usize>();
    }
    Ok(pages)
}

/// Renders one content file's page, and for an article one page per quote.
fn page(path: &Path, kind: &str, out: &Path) -> std::io::Result<usize> {
    let text = fs::read_to_string(path)?;
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let (front, body) = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .unwrap_or(("", text.as_str()));
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut html = String::with_capacity(body.len() * 3 / 2 + 64);
    html.push_str("<!doctype html><main>");
    html::push_html(&mut html, Parser::new_ext(body, options));
    html.push_str("</main>");
    write(&out.join(kind).join(&*stem), html.as_bytes())?;
    let mut pages = 1;
    if kind == "articles" {
        let mut in_quote = false;
        for line in front.lines() {
            if line == "[[quotes]]" {
                in_quote = true;
            } else if let Some(text) = line.strip_prefix("text = ").filter(|_| in_quote) {
                let page = format!("<!doctype html><main><blockquote>{text}</blockquote></main>");
                write(
                    &out.join("quotes").join(format!("{stem}-{pages}")),
                    page.as_bytes(),
                )?;
                pages += 1;
                in_quote = false;
            }
        }
    }
    Ok(pages)
}

fn write(dir: &Path, bytes: &[u8]) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    fs::write(dir.join("index.html"), bytes)
}
