//! Every relative link of README.md and docs/*.md leads somewhere: the file or folder exists
//! in the repository, and a `#fragment` names a heading of the Markdown file it points at
//! (with GitHub's heading ids, which is where these files are read).

mod common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown files whose links are checked.
fn documents(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// GitHub's id for a heading: lowercased, every character but letters, digits, spaces,
/// `-` and `_` dropped, spaces turned into `-`; a repeated id gets `-1`, `-2`, ….
fn github_ids(markdown: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::all()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = heading.take().unwrap_or_default();
                let base: String = text
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                let count = seen.entry(base.clone()).or_insert(0);
                let id = if *count == 0 {
                    base.clone()
                } else {
                    format!("{base}-{count}")
                };
                *count += 1;
                ids.insert(id);
            }
            _ => {}
        }
    }
    // Anchors written as HTML (`<a id="…">`) count too.
    for part in markdown.split("id=\"").skip(1) {
        if let Some(id) = part.split('"').next() {
            ids.insert(id.to_string());
        }
    }
    ids
}

/// Every link destination of `markdown` (links and images).
fn links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, Options::all())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

fn is_external(link: &str) -> bool {
    link.contains("://") || link.starts_with("mailto:") || link.starts_with("data:")
}

fn dead_links(root: &Path) -> Vec<String> {
    let mut dead = Vec::new();
    for document in documents(root) {
        let text = std::fs::read_to_string(&document).unwrap();
        let shown = document.strip_prefix(root).unwrap().display().to_string();
        for link in links(&text) {
            if is_external(&link) {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() {
                document.clone()
            } else {
                document.parent().unwrap().join(path)
            };
            if !target.exists() {
                dead.push(format!("{shown}: {link} (no such file)"));
                continue;
            }
            let is_markdown = target.extension().is_some_and(|x| x == "md");
            if !fragment.is_empty() && is_markdown {
                let ids = github_ids(&std::fs::read_to_string(&target).unwrap());
                if !ids.contains(fragment) {
                    dead.push(format!("{shown}: {link} (no heading with that id)"));
                }
            }
        }
    }
    dead
}

#[test]
fn every_relative_link_of_the_docs_leads_somewhere() {
    let root = common::repo_root();
    let dead = dead_links(&root);
    assert!(dead.is_empty(), "dead links:\n{}", dead.join("\n"));
}

#[test]
fn the_checker_finds_a_dead_file_and_a_dead_heading() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir(root.join("docs")).unwrap();
    std::fs::write(
        root.join("README.md"),
        "# Top\n\n## A section: `x/2`\n\n[ok](#a-section-x2) [ok](docs/a.md#b) [gone](docs/z.md) [bad](#nowhere)\n",
    )
    .unwrap();
    std::fs::write(root.join("docs/a.md"), "# B\n\n[up](../README.md#top)\n").unwrap();
    assert_eq!(
        dead_links(root),
        [
            "README.md: docs/z.md (no such file)",
            "README.md: #nowhere (no heading with that id)",
        ]
    );
}
