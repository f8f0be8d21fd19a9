//! Generates a deterministic fake dossier for benchmarks, and optionally the same corpus as
//! a Hugo site (taxonomies `topics` and `speakers`, one content page per quote).
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 10000 --out /dev/shm/d10k [--hugo /dev/shm/h10k]
//! ```

mod corpus;

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use corpus::{Corpus, EventDate};

fn main() -> ExitCode {
    let mut articles = 1000usize;
    let mut out: Option<PathBuf> = None;
    let mut hugo: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--articles", Some(v)) => match v.parse() {
                Ok(n) => articles = n,
                Err(_) => return usage(&format!("--articles: `{v}` is not a number")),
            },
            ("--out", Some(v)) => out = Some(v.into()),
            ("--hugo", Some(v)) => hugo = Some(v.into()),
            (other, _) => return usage(&format!("unexpected argument `{other}`")),
        }
    }
    let Some(out) = out else {
        return usage("--out DIR is required");
    };
    let corpus = corpus::generate(articles);
    let result = corpus::write_dossier(&corpus, &out).and_then(|()| match &hugo {
        Some(dir) => write_hugo(&corpus, dir),
        None => Ok(()),
    });
    if let Err(err) = result {
        eprintln!("gen_corpus: {err}");
        return ExitCode::from(1);
    }
    println!(
        "generated {} articles, {} quotes, {} speakers, {} topics into {}{}",
        corpus.articles.len(),
        corpus.quote_count(),
        corpus.speakers.len(),
        corpus.topics.len(),
        out.display(),
        hugo.map(|h| format!(" (Hugo site: {})", h.display()))
            .unwrap_or_default()
    );
    ExitCode::SUCCESS
}

fn usage(message: &str) -> ExitCode {
    eprintln!("gen_corpus: {message}");
    eprintln!("usage: gen_corpus --articles N --out DIR [--hugo DIR]");
    ExitCode::from(2)
}

/// Hugo's layouts: minimal, listing the same things the dossier's templates list.
const HUGO_FILES: &[(&str, &str)] = &[
    ("config.toml", include_str!("hugo/config.toml")),
    (
        "layouts/_default/baseof.html",
        include_str!("hugo/baseof.html"),
    ),
    (
        "layouts/_default/single.html",
        include_str!("hugo/article-single.html"),
    ),
    (
        "layouts/quotes/single.html",
        include_str!("hugo/quote-single.html"),
    ),
    ("layouts/_default/term.html", include_str!("hugo/term.html")),
    (
        "layouts/_default/taxonomy.html",
        include_str!("hugo/taxonomy.html"),
    ),
    ("layouts/_default/list.html", include_str!("hugo/list.html")),
    ("layouts/index.html", include_str!("hugo/index.html")),
    (
        "layouts/partials/article.html",
        include_str!("hugo/partial-article.html"),
    ),
    (
        "layouts/partials/quote.html",
        include_str!("hugo/partial-quote.html"),
    ),
    (
        "static/style.css",
        include_str!("../../theme/static/style.css"),
    ),
];

/// `@/topics/x.md` → `/bench/topics/x/` (Hugo has no such links).
fn hugo_links(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("](@/") {
        out.push_str(&rest[..start + 2]);
        let after = &rest[start + 4..];
        let end = after.find(".md)").unwrap_or(0);
        let _ = write!(out, "/bench/{}/)", &after[..end]);
        rest = &after[end + 4..];
    }
    out.push_str(rest);
    out
}

fn write_hugo(corpus: &Corpus, dir: &Path) -> io::Result<()> {
    for sub in ["content", "layouts", "public", "resources"] {
        let path = dir.join(sub);
        if path.exists() {
            fs::remove_dir_all(&path)?;
        }
    }
    for (name, text) in HUGO_FILES {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().expect("has a parent"))?;
        fs::write(path, text)?;
    }
    let content = dir.join("content");
    for kind in ["articles", "quotes"] {
        fs::create_dir_all(content.join(kind))?;
        fs::write(
            content.join(kind).join("_index.md"),
            format!(
                "+++\ntitle = \"{}{}\"\n+++\n",
                kind[..1].to_uppercase(),
                &kind[1..]
            ),
        )?;
    }
    for t in &corpus.topics {
        let folder = content.join("topics").join(&t.slug);
        fs::create_dir_all(&folder)?;
        fs::write(
            folder.join("_index.md"),
            format!(
                "+++\ntitle = \"{}\"\ndescription = \"{}\"\n+++\n{}\n",
                t.title, t.description, t.body
            ),
        )?;
    }
    for s in &corpus.speakers {
        let folder = content.join("speakers").join(&s.slug);
        fs::create_dir_all(&folder)?;
        fs::write(
            folder.join("_index.md"),
            format!(
                "+++\ntitle = \"{}\"\nrole = \"{}\"\ncountry = \"{}\"\n+++\n{}\n",
                s.name, s.role, s.country, s.bio
            ),
        )?;
    }
    let list = |items: Vec<&str>| {
        let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
        format!("[{}]", quoted.join(", "))
    };
    for (n, a) in corpus.articles.iter().enumerate() {
        let article_url = format!("/bench/articles/{}/", a.slug);
        let topics: Vec<&str> = a
            .topics
            .iter()
            .map(|&t| corpus.topics[t].slug.as_str())
            .collect();
        let mut speakers: Vec<&str> = a
            .speakers
            .iter()
            .map(|&s| corpus.speakers[s].slug.as_str())
            .collect();
        for q in &a.quotes {
            let slug = corpus.speakers[q.speaker].slug.as_str();
            if !speakers.contains(&slug) {
                speakers.push(slug);
            }
        }
        let mut f = String::with_capacity(a.body.len() + 2048);
        let _ = writeln!(f, "+++\ntitle = \"{}\"", a.title);
        let _ = writeln!(
            f,
            "date = {}T{:02}:{:02}:00Z",
            a.date.format("%Y-%m-%d"),
            a.time.0,
            a.time.1
        );
        let _ = writeln!(f, "slug = \"{}\"", a.slug);
        let _ = writeln!(f, "author = \"{}\"\nsource = \"{}\"", a.author, a.source);
        let _ = writeln!(f, "source_url = \"https://example.org/news/{}\"", a.slug);
        let _ = writeln!(f, "summary = \"{}\"", a.summary);
        let _ = writeln!(
            f,
            "topics = {}\nspeakers = {}",
            list(topics.clone()),
            list(speakers)
        );
        for (k, q) in a.quotes.iter().enumerate() {
            let s = &corpus.speakers[q.speaker];
            let id = format!("q{n}-{}", k + 1);
            let _ = writeln!(
                f,
                "[[quotes]]\nid = \"{id}\"\ntext = \"{}\"\nspeaker_name = \"{}\"\nspeaker_url = \"/bench/speakers/{}/\"\nurl = \"/bench/quotes/{id}/\"",
                q.text, s.name, s.slug
            );
            // The quote's own page.
            let quote_topics: Vec<&str> = match &q.topics {
                Some(ts) => ts.iter().map(|&t| corpus.topics[t].slug.as_str()).collect(),
                None => topics.clone(),
            };
            let said = q.said.unwrap_or(a.date);
            let mut p = String::new();
            let short: Vec<&str> = q.text.split(' ').take(8).collect();
            let _ = writeln!(p, "+++\ntitle = \"{}: “{}…”\"", s.name, short.join(" "));
            let _ = writeln!(p, "date = {}", said.format("%Y-%m-%d"));
            let _ = writeln!(
                p,
                "topics = {}\nspeakers = [\"{}\"]",
                list(quote_topics),
                s.slug
            );
            let _ = writeln!(p, "text = \"{}\"", q.text);
            let _ = writeln!(
                p,
                "speaker_name = \"{}\"\nspeaker_role = \"{}\"\nspeaker_url = \"/bench/speakers/{}/\"",
                s.name, s.role, s.slug
            );
            let _ = writeln!(
                p,
                "article_url = \"{article_url}\"\narticle_title = \"{}\"",
                a.title
            );
            if let Some(context) = &q.context {
                let _ = writeln!(p, "context = \"{context}\"");
            }
            if let Some(target) = &q.responds_to {
                let _ = writeln!(p, "responds_to = \"{target}\"");
            }
            let _ = writeln!(p, "+++\n{}", q.text);
            fs::write(content.join("quotes").join(format!("{id}.md")), p)?;
        }
        for e in &a.events {
            let date = match &e.date {
                EventDate::Full(d) => d.format("%Y-%m-%d").to_string(),
                EventDate::Text(t) => t.clone(),
            };
            let _ = writeln!(f, "[[events]]\ndate = \"{date}\"\ntitle = \"{}\"", e.title);
        }
        let _ = writeln!(f, "+++\n{}", hugo_links(&a.body));
        fs::write(content.join("articles").join(format!("{}.md", a.slug)), f)?;
    }
    Ok(())
}
