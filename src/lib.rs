//! `dossier`: a static site generator for topic dossiers.
//!
//! The pipeline runs one way through four stages, one module each:
//! [`load`] (files → sources) → [`link`] (sources → [`link::Dossier`]) →
//! [`render`] (dossier + templates → pages in memory) → [`publish`] (pages → output folder,
//! atomically). `build`, `check` and `serve` are compositions of these stages.

pub mod check;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod link;
pub mod load;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod timings;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics};
use link::{Dossier, LinkOptions};
use load::Sources;
use render::{OutputFile, Theme};

/// What `dossier build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; default: `output_dir` from site.toml, else `public`, under the root.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from site.toml (e.g. the GitHub Pages URL in CI).
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// A site rendered in memory: every output file, and what it was made from.
pub struct Site {
    pub dossier: Dossier,
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
}

#[derive(Debug)]
pub struct BuildSummary {
    pub output: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub articles: usize,
    pub quotes: usize,
    pub elapsed: Duration,
    /// How long the search index took (part of `elapsed`); `None` when search is off.
    pub search_index: Option<Duration>,
    pub warnings: Diagnostics,
}

impl BuildSummary {
    /// The one-line summary `dossier build` prints.
    pub fn line(&self) -> String {
        let search = match self.search_index {
            Some(time) => format!("search index {} ms", time.as_millis()),
            None => "search off".to_string(),
        };
        format!(
            "built {} pages ({} articles, {} quotes; {} files) into {} in {} ms; {search}",
            self.pages,
            self.articles,
            self.quotes,
            self.files,
            self.output.display(),
            self.elapsed.as_millis()
        )
    }
}

/// Loads the site at `options.root`, applying command-line overrides.
pub fn load_sources(options: &BuildOptions) -> Result<(Sources, Diagnostics), Diagnostics> {
    let (mut sources, warnings) = load::load(&options.root)?;
    if let Some(url) = &options.base_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(Diagnostic::error(format!(
                "--base-url `{url}` is not an absolute http(s) URL"
            ))
            .help("e.g. --base-url https://user.github.io/repo/")
            .into());
        }
        sources.config.base_url = toml::Spanned::new(0..0, url.clone());
    }
    Ok((sources, warnings))
}

/// load → link → render, in memory, without the search index (`check` and the fuzzer: no
/// page links into the index, and on a large dossier it costs more than the pages).
pub fn render_pages(sources: &Sources, drafts: bool) -> Result<Site, Diagnostics> {
    let (dossier, warnings) = link::link(sources, LinkOptions { drafts })?;
    let theme = Theme::compile(&sources.templates)?;
    let files = render::render(&dossier, &theme)?;
    Ok(Site {
        dossier,
        files,
        warnings,
    })
}

/// The theme's static files, then the site's (which override them by name).
pub fn static_files(sources: &Sources) -> Vec<(String, Arc<[u8]>)> {
    let mut files: Vec<(String, Arc<[u8]>)> = render::theme::STATIC_FILES
        .iter()
        .map(|(name, bytes)| (name.to_string(), Arc::from(*bytes)))
        .collect();
    files.extend(
        sources
            .static_files
            .iter()
            .map(|f| (f.name.clone(), f.bytes.clone())),
    );
    files
}

/// The output folder the options and site.toml ask for, checked for safety.
pub fn output_folder(options: &BuildOptions, sources: &Sources) -> Result<PathBuf, Diagnostic> {
    // --output is relative to the current folder, like any path argument;
    // `output_dir` in site.toml is relative to the site root.
    let requested = match (&options.output, &sources.config.output_dir) {
        (Some(path), _) if path.is_relative() => std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.clone()),
        (Some(path), _) => path.clone(),
        (None, Some(dir)) => PathBuf::from(dir.get_ref()),
        (None, None) => PathBuf::from("public"),
    };
    publish::output_folder(&options.root, &requested).map_err(|d| {
        match (&options.output, &sources.config.output_dir) {
            (None, Some(dir)) => d.at(sources.config_file.location(dir.span())),
            _ => d,
        }
    })
}

/// `dossier build`: the whole pipeline, publishing atomically. Pages are written into the
/// staging folder as they are rendered (`render::render_each`), not held in memory first.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let (sources, mut warnings) = timings::stage("load", || load_sources(options))?;
    let output = output_folder(options, &sources)?;
    publish::check_replaceable(&output)?;
    let with_warnings = |mut errors: Diagnostics| {
        errors.extend(warnings.clone());
        errors.sorted()
    };
    let (dossier, link_warnings) = timings::stage("link", || {
        link::link(
            &sources,
            LinkOptions {
                drafts: options.drafts,
            },
        )
    })
    .map_err(with_warnings)?;
    // The dossier holds everything pages need: free the article sources (their text and
    // front matter, ~40% of the memory) before rendering. Diagnostics keep their own copies.
    let mut sources = sources;
    drop(std::mem::take(&mut sources.articles));
    let theme = timings::stage("templates", || Theme::compile(&sources.templates))
        .map_err(with_warnings)?;
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let mut files = 0;
    let mut search_index = None;
    // The search index reads the article, quote, speaker and topic pages: keep copies of
    // those (only) while they stream to disk.
    let indexable: std::collections::HashSet<String> = if dossier.config.search.enabled {
        render::search::pages(&dossier)
            .into_iter()
            .map(|(_, path)| path)
            .collect()
    } else {
        Default::default()
    };
    let indexed = std::sync::Mutex::new(Vec::new());
    publish::publish_with(&output, |staging| -> Result<(), Diagnostics> {
        staging.write_static(&static_files(&sources))?;
        files = render::render_each(&dossier, &theme, &|path: &str, bytes: &[u8]| {
            if path.ends_with(".html") {
                pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if indexable.contains(path) {
                    let file = OutputFile {
                        path: path.to_string(),
                        bytes: Arc::from(bytes),
                    };
                    indexed.lock().expect("no panics while holding").push(file);
                }
            }
            staging.write(path, bytes)
        })?;
        if dossier.config.search.enabled {
            let started = Instant::now();
            let kept = std::mem::take(&mut *indexed.lock().expect("no panics while holding"));
            let index = render::search::index(&dossier, &kept)?;
            for file in &index {
                staging.write(&file.path, &file.bytes)?;
            }
            files += index.len();
            search_index = Some(started.elapsed());
        }
        Ok(())
    })
    .map_err(with_warnings)?;
    warnings.extend(link_warnings);
    Ok(BuildSummary {
        output,
        pages: pages.into_inner(),
        files,
        articles: dossier.articles.len(),
        quotes: dossier.quotes.len(),
        elapsed: started.elapsed(),
        search_index,
        warnings: warnings.sorted(),
    })
}

/// What `dossier check` found when nothing failed.
#[derive(Debug)]
pub struct CheckReport {
    pub pages: usize,
    pub warnings: Diagnostics,
}

/// `dossier check`: every validation of a build, plus template errors and internal links
/// and anchors in the rendered pages. Writes nothing.
pub fn check(options: &BuildOptions) -> Result<CheckReport, Diagnostics> {
    let (sources, mut warnings) = load_sources(options)?;
    output_folder(options, &sources)?;
    let site = render_pages(&sources, options.drafts).map_err(|mut errors| {
        errors.extend(warnings.clone());
        errors.sorted()
    })?;
    warnings.extend(site.warnings);
    let link_errors = check::check_links(
        &site.files,
        &static_files(&sources),
        &site.dossier.base_url,
        &site.dossier.base_path,
    );
    if !link_errors.is_empty() {
        let mut diagnostics = Diagnostics { items: link_errors };
        diagnostics.extend(warnings);
        return Err(diagnostics.sorted());
    }
    Ok(CheckReport {
        pages: site
            .files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count(),
        warnings: warnings.sorted(),
    })
}

/// Site root given on the command line or the current folder.
pub fn default_root(root: Option<&Path>) -> PathBuf {
    root.map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Loads, links and renders the diagnostics of one article given as raw bytes, inside a
/// small fixed site. The fuzzer (`fuzz/`) drives this: whatever the bytes, it must return
/// diagnostics, never panic.
pub fn check_article_bytes(bytes: &[u8]) -> String {
    const SITE: &str = "title = \"Fuzz\"\nbase_url = \"https://example.test/\"\n";
    const SPEAKER: &str = "+++\nname = \"Fuzz Speaker\"\n+++\nBio.\n";
    const TOPIC: &str = "+++\ntitle = \"Fuzz topic\"\n+++\nBackground.\n";
    let site_text: Arc<str> = Arc::from(SITE);
    let Ok(config) = toml::from_str::<config::SiteConfig>(SITE) else {
        return String::new();
    };
    let (speaker_file, speaker) =
        load::parse_content::<load::SpeakerFront>("speakers/fuzz-speaker.md", SPEAKER.into())
            .expect("fixed speaker parses");
    let (topic_file, topic) =
        load::parse_content::<load::TopicFront>("topics/fuzz-topic.md", TOPIC.into())
            .expect("fixed topic parses");
    let article =
        match load::parse_content::<load::ArticleFront>("articles/fuzz.md", bytes.to_vec()) {
            Ok((file, front)) => load::ArticleSource { file, front },
            Err(diagnostic) => return diagnostic.render(false),
        };
    let sources = Sources {
        root: PathBuf::from("."),
        config,
        config_file: load::SourceFile {
            path: "site.toml".into(),
            content_path: "site.toml".into(),
            text: site_text,
            front_offset: 0,
            body_offset: SITE.len(),
        },
        articles: vec![article],
        speakers: vec![load::SpeakerSource {
            file: speaker_file,
            front: speaker,
        }],
        topics: vec![load::TopicSource {
            file: topic_file,
            front: topic,
        }],
        templates: Vec::new(),
        static_files: Vec::new(),
    };
    match render_pages(&sources, true) {
        Ok(site) => site.warnings.render(false),
        Err(diagnostics) => diagnostics.render(false),
    }
}
