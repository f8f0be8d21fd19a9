//! Helpers shared by the integration tests: fixture sites copied to scratch folders and
//! built (in process, once per test binary where the tests only read the result), the
//! `dossier` binary, and an HTML link checker built on CSS selectors.
//!
//! The link checker (`Site::broken_links`) deliberately re-implements what `dossier check`
//! (`src/check.rs`) does: it is an independent oracle over the files as written to disk,
//! parsed by a real HTML parser (scraper), so a bug in the library's checker or in the
//! writer cannot hide itself.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

/// The benchmark corpus generator (`examples/gen_corpus`): made-up dossiers of any size.
#[path = "../../examples/gen_corpus/corpus.rs"]
pub mod corpus;
pub mod fake_web;
pub mod http;
pub mod release;
pub mod sites;

/// The citation download in `page` (an article's or quote's HTML) whose file name ends in
/// `.ext` (`bib`, `json`): the link's `data:` URL, decoded.
pub fn citation_download(page: &str, ext: &str) -> String {
    let html = Html::parse_document(page);
    let selector = Selector::parse(&format!(".cite a[download$=\".{ext}\"]")).unwrap();
    let href = html
        .select(&selector)
        .next()
        .unwrap_or_else(|| panic!("no .{ext} citation download"))
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let (header, data) = href
        .split_once(',')
        .unwrap_or_else(|| panic!("not a data URL: {href}"));
    assert!(
        header.starts_with("data:") && header.ends_with(";charset=utf-8"),
        "{header}"
    );
    percent_encoding::percent_decode_str(data)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// The repository root: the live dossier (`site.toml`, `content/`) lives here.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site under `tests/fixtures/`: `basic` (synthetic) or `bundled` (a frozen copy
/// of the bundled dossier, for tests that need its exact content).
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Copies a site (site.toml, content/, templates/, static/, i18n/) into a fresh temporary folder.
pub fn copy_site(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_site_into(from, dir.path());
    dir
}

fn copy_site_into(from: &Path, to: &Path) {
    for entry in ["site.toml", "content", "templates", "static", "i18n"] {
        let source = from.join(entry);
        if source.exists() {
            copy_recursively(&source, &to.join(entry));
        }
    }
}

/// A folder of this test binary under Cargo's `target/tmp`, emptied first. Sites built once
/// per binary live here rather than in a temporary folder, which a `static` never deletes.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(env!("CARGO_CRATE_NAME"))
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A site built once, in process, from a copy of `source` in a scratch folder. Hold it in a
/// `static LazyLock<Built>` so every test of a binary reads the same build.
pub struct Built {
    pub root: PathBuf,
    pub public: PathBuf,
    /// The effective base URL (`--base-url`, else site.toml's), with its trailing `/`.
    pub base_url: String,
    /// Its path part, e.g. `/iran-us/`.
    pub base_path: String,
}

impl Built {
    /// Copies the site at `source` into `scratch(name)` and builds it there.
    pub fn new(name: &str, source: &Path, base_url: Option<&str>) -> Built {
        let root = scratch(name);
        copy_site_into(source, &root);
        Built::at(root, base_url, false)
    }

    /// Builds the site already at `root` (into `root/public`).
    pub fn at(root: PathBuf, base_url: Option<&str>, drafts: bool) -> Built {
        let options = dossier::BuildOptions {
            root: root.clone(),
            output: None,
            base_url: base_url.map(String::from),
            drafts,
            cache: false,
        };
        let summary = match dossier::build(&options) {
            Ok(summary) => summary,
            // The binary reports the same diagnostics, rendered for a reader.
            Err(_) => {
                let mut args = vec!["build", "--root", "."];
                if let Some(url) = base_url {
                    args.extend(["--base-url", url]);
                }
                if drafts {
                    args.push("--drafts");
                }
                panic!(
                    "building {} failed:\n{}",
                    root.display(),
                    stderr(&dossier(&root, &args))
                )
            }
        };
        let base_url = match base_url {
            Some(url) => url.to_string(),
            None => site_base_url(&root),
        };
        let base_url = if base_url.ends_with('/') {
            base_url
        } else {
            format!("{base_url}/")
        };
        let base_path = base_url
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|at| rest[at..].to_string()))
            .unwrap_or_else(|| "/".into());
        Built {
            root,
            public: summary.output,
            base_url,
            base_path,
        }
    }

    /// Every HTML page, parsed (scraper's `Html` cannot be shared between threads, so each
    /// test parses its own).
    pub fn site(&self) -> Site {
        Site::open(&self.public, &self.base_path)
    }
}

/// `base_url` of the site.toml at `root`.
pub fn site_base_url(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let config: toml::Table = toml::from_str(&text).unwrap();
    config["base_url"].as_str().unwrap().to_string()
}

pub fn copy_recursively(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_recursively(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// Runs the `dossier` binary with `args` in `cwd`.
pub fn dossier(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run dossier")
}

/// Builds the site at `root` into `root/public`, panicking with the output on failure.
pub fn build(root: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = dossier(root, &args);
    assert!(
        output.status.success(),
        "build failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    root.join("public")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// A generated site, parsed: every HTML page by its relative path.
pub struct Site {
    pub root: PathBuf,
    pub base_path: String,
    pub pages: BTreeMap<String, Html>,
}

impl Site {
    pub fn open(root: &Path, base_path: &str) -> Site {
        let mut pages = BTreeMap::new();
        for (path, bytes) in tree(root) {
            if path.ends_with(".html") {
                pages.insert(
                    path,
                    Html::parse_document(&String::from_utf8(bytes).unwrap()),
                );
            }
        }
        Site {
            root: root.to_path_buf(),
            base_path: base_path.to_string(),
            pages,
        }
    }

    pub fn page(&self, path: &str) -> &Html {
        self.pages.get(path).unwrap_or_else(|| {
            panic!(
                "no page {path}; pages: {:?}",
                self.pages.keys().collect::<Vec<_>>()
            )
        })
    }

    /// The output file a site URL path names (`/sub/quotes/x/` → `quotes/x/index.html`).
    pub fn file_for(&self, url_path: &str) -> Option<String> {
        let rel = url_path.strip_prefix(self.base_path.as_str())?;
        let rel = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        Some(rel)
    }

    /// Every `href`/`src` of every page that stays on this site, with the page it is on.
    pub fn internal_links(&self, base_url: &str) -> Vec<(String, String)> {
        let selector = Selector::parse("[href], [src]").unwrap();
        let mut links = Vec::new();
        for (path, html) in &self.pages {
            for element in html.select(&selector) {
                let value = element.value();
                let Some(link) = value.attr("href").or_else(|| value.attr("src")) else {
                    continue;
                };
                let link = if let Some(rest) = link.strip_prefix(base_url) {
                    format!("{}{rest}", self.base_path)
                } else {
                    link.to_string()
                };
                if link.starts_with("http://")
                    || link.starts_with("https://")
                    || link.starts_with("mailto:")
                    || link.starts_with("data:")
                {
                    continue;
                }
                links.push((path.clone(), link));
            }
        }
        links
    }

    /// Checks every internal link and anchor; returns the broken ones.
    pub fn broken_links(&self, base_url: &str) -> Vec<String> {
        let id_selector = Selector::parse("[id]").unwrap();
        let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
        for (path, html) in &self.pages {
            ids.insert(
                path,
                html.select(&id_selector)
                    .filter_map(|e| e.value().attr("id").map(String::from))
                    .collect(),
            );
        }
        let mut broken = Vec::new();
        for (page, link) in self.internal_links(base_url) {
            let (path, anchor) = match link.split_once('#') {
                Some((path, anchor)) => (path.to_string(), Some(anchor.to_string())),
                None => (link.clone(), None),
            };
            // A query (`/search/?topic=x`) is read by the page's script: the page is the
            // target.
            let path = path.split('?').next().unwrap_or("").to_string();
            let target = if path.is_empty() {
                Some(page.clone())
            } else if path.starts_with('/') {
                self.file_for(&path)
            } else {
                broken.push(format!("{page}: relative link {link}"));
                continue;
            };
            let Some(target) = target else {
                broken.push(format!(
                    "{page}: {link} is outside the base path {}",
                    self.base_path
                ));
                continue;
            };
            if !self.root.join(&target).is_file() {
                broken.push(format!("{page}: {link} → missing {target}"));
                continue;
            }
            if let Some(anchor) = anchor {
                let found = ids
                    .get(target.as_str())
                    .is_some_and(|set| set.contains(&anchor));
                if !found {
                    broken.push(format!("{page}: {link} → no #{anchor} in {target}"));
                }
            }
        }
        broken
    }
}

/// `href`s of the elements `selector` matches on `html`.
pub fn hrefs(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr("href").map(String::from))
        .collect()
}

pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Chromium; panics with how to install it when there is none.
pub fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            ["chromium", "chromium-browser", "google-chrome"]
                .iter()
                .filter_map(|name| find_on_path(name)),
        )
        .find(|p| p.is_file())
        .expect(
            "this test needs Chromium, and none was found ($CHROMIUM, or chromium, \
             chromium-browser or google-chrome on the PATH); install it (Debian: apt-get install \
             chromium) or run `cargo test` without --include-ignored to skip the browser tests",
        )
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Makes the inputs of a bad-input case too big or too odd to commit (`generate` in its
/// `expect.toml`) in the site at `root`.
pub fn generate(kind: &str, root: &Path) {
    let articles = root.join("content/articles");
    match kind {
        "non-utf8" => std::fs::write(
            articles.join("bad.md"),
            b"+++\ntitle = \"caf\xe9\"\ndate = 2024-01-01\n+++\n",
        )
        .unwrap(),
        "huge-file" => {
            let mut bytes = b"+++\ntitle = \"Huge\"\ndate = 2024-01-01\n+++\n".to_vec();
            bytes.resize(50_000_000, b'a');
            std::fs::write(articles.join("bad.md"), bytes).unwrap();
        }
        "symlink-loop" => std::os::unix::fs::symlink("..", articles.join("loop")).unwrap(),
        // Links out of the site: a file of the build's environment, and a folder.
        "symlink-out-static" => {
            std::fs::create_dir_all(root.join("static")).unwrap();
            std::os::unix::fs::symlink("/proc/self/environ", root.join("static/env.txt")).unwrap();
        }
        "symlink-out-content" => {
            std::os::unix::fs::symlink("/etc", root.join("content/speakers/elsewhere")).unwrap()
        }
        "symlink-out-templates" => {
            std::fs::create_dir_all(root.join("templates")).unwrap();
            std::os::unix::fs::symlink("/proc/self/environ", root.join("templates/base.html"))
                .unwrap();
        }
        "symlink-out-i18n" => {
            std::fs::create_dir_all(root.join("i18n")).unwrap();
            std::os::unix::fs::symlink("/proc/self/environ", root.join("i18n/en.toml")).unwrap();
        }
        // Names that are one file on macOS and Windows (not committed: a checkout there
        // would keep one of them).
        "static-case-duplicate" => {
            std::fs::create_dir_all(root.join("static")).unwrap();
            std::fs::write(root.join("static/Logo.svg"), "<svg/>").unwrap();
            std::fs::write(root.join("static/logo.svg"), "<svg></svg>").unwrap();
        }
        "static-accent-duplicate" => {
            std::fs::create_dir_all(root.join("static")).unwrap();
            std::fs::write(root.join("static/caf\u{e9}.txt"), "precomposed").unwrap();
            std::fs::write(root.join("static/cafe\u{301}.txt"), "decomposed").unwrap();
        }
        "non-utf8-name" => {
            use std::os::unix::ffi::OsStrExt;
            std::fs::create_dir_all(root.join("static")).unwrap();
            let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
            std::fs::write(root.join("static").join(name), "Latin-1 name").unwrap();
        }
        "non-utf8-article-name" => {
            use std::os::unix::ffi::OsStrExt;
            let name = std::ffi::OsStr::from_bytes(b"2024-05-01-caf\xe9.md");
            std::fs::write(
                articles.join(name),
                "+++\ntitle = \"Fake\"\ndate = 2024-05-01\n+++\n",
            )
            .unwrap();
        }
        other => panic!("unknown generator {other}"),
    }
}
