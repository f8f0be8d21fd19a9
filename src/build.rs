//! `dossier build`: the whole pipeline, published atomically into the output folder.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Sources, file_names};
use crate::pipeline::{self, BuildOptions, Site};
use crate::publish;
use crate::render::published_page;
use crate::timings;

#[derive(Debug)]
pub struct BuildSummary {
    pub output: PathBuf,
    /// Pages a reader visits: not the alias redirects, not 404.html.
    pub pages: usize,
    pub files: usize,
    pub articles: usize,
    pub quotes: usize,
    pub elapsed: Duration,
    /// How long the search index took (part of `elapsed`); `None` when search is off.
    pub search_index: Option<Duration>,
    /// Indexed pages taken from the cache of earlier builds, not read again.
    pub search_reused: usize,
    pub warnings: Diagnostics,
}

impl BuildSummary {
    /// The one-line summary `dossier build` prints.
    pub fn line(&self) -> String {
        let search = match self.search_index {
            Some(time) if self.search_reused > 0 => format!(
                "search index {} ms ({} from the cache)",
                time.as_millis(),
                crate::diagnostics::count(self.search_reused, "page")
            ),
            Some(time) => format!("search index {} ms", time.as_millis()),
            None => "search off".to_string(),
        };
        use crate::diagnostics::count;
        format!(
            "built {} ({}, {}; {}) into {} in {} ms, {}; {search}",
            count(self.pages, "page"),
            count(self.articles, "article"),
            count(self.quotes, "quote"),
            count(self.files, "file"),
            self.output.display(),
            self.elapsed.as_millis(),
            count(self.warnings.warning_count(), "warning"),
        )
    }
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

/// `dossier build`. Pages are written into the staging folder as they are rendered, not
/// held in memory first; the search index reads each page it indexes as it is rendered.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let (sources, warnings) = timings::stage("load", || pipeline::load(options))?;
    let output = output_folder(options, &sources)?;
    publish::check_replaceable(&output)?;
    let mut site = Site::link(&sources, options.drafts, warnings)?;
    let static_files = pipeline::static_files(&sources);
    let site_static = sources.static_files.clone();
    // The dossier holds everything pages need: free the sources (article text and front
    // matter are ~40% of the memory) before rendering. Diagnostics keep their own copies.
    drop(sources);
    let pages = AtomicUsize::new(0);
    let mut files = 0;
    let mut search_index = None;
    let mut search_reused = 0;
    let not_pages = site.not_pages();
    let indexer = site.search_indexer().map_err(|d| site.failed(d.into()))?;
    let indexer = indexer.map(|indexer| match options.cache {
        true => indexer.with_cache(&options.root),
        false => indexer,
    });
    // What the build generates, to find a static file a page would replace.
    let generated = Mutex::new(Vec::new());
    publish::publish_with(&output, |staging| -> Result<(), Diagnostics> {
        staging.write_static(&static_files)?;
        files = site.render_each(&|path: &str, bytes: &[u8]| {
            if path.ends_with(".html") && !not_pages.contains(path) {
                pages.fetch_add(1, Ordering::Relaxed);
            }
            if !site_static.is_empty() {
                generated
                    .lock()
                    .expect("no panics while holding")
                    .push(path.to_string());
            }
            if let Some(indexer) = &indexer {
                indexer.offer(path, bytes)?;
            }
            if path.ends_with(".html") {
                // The index has read the page: what only it needed is left out.
                staging.write(path, &published_page::trim(bytes))
            } else {
                staging.write(path, bytes)
            }
        })?;
        site.free_views();
        if let Some(indexer) = indexer {
            search_reused = indexer.reused_pages();
            let started = Instant::now();
            let index = timings::stage("search index", || indexer.finish())?;
            // Tens of thousands of small files (a fragment per page): on every thread.
            index
                .par_iter()
                .try_for_each(|file| staging.write(&file.path, &file.bytes))?;
            files += index.len();
            search_index = Some(started.elapsed());
            if !site_static.is_empty() {
                let mut generated = generated.lock().expect("no panics while holding");
                generated.extend(index.iter().map(|f| f.path.clone()));
            }
        }
        let generated = generated.lock().expect("no panics while holding");
        let replaced =
            file_names::replaced_static(&site_static, generated.iter().map(String::as_str));
        if !replaced.is_empty() {
            return Err(Diagnostics { items: replaced });
        }
        Ok(())
    })
    .map_err(|errors| site.failed(errors))?;
    Ok(BuildSummary {
        output,
        pages: pages.into_inner(),
        files,
        articles: site.dossier.articles.len(),
        quotes: site.dossier.quotes.len(),
        elapsed: started.elapsed(),
        search_index,
        search_reused,
        warnings: std::mem::take(&mut site.warnings),
    })
}
