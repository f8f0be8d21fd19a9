//! Stage 3, **render**: `Dossier` + templates → pages in memory. Pure and parallel.

pub mod aliases;
pub mod cards;
pub mod cite;
pub mod data;
pub mod feeds;
pub mod head;
pub mod jsonld;
pub mod pages;
pub mod search;
pub mod sitemap;
pub mod theme;
pub mod thread;
pub mod views;
pub mod xml;

use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Dossier;
pub use theme::Theme;

/// A file of the output: its path relative to the output folder (`/`-separated) and bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Arc<[u8]>,
}

/// Renders every page, then the files made for machines: feeds, sitemap, open data,
/// citations and alias redirects, into memory. Files come back sorted by path.
pub fn render(dossier: &Dossier, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let views = views::Views::build(dossier, theme)?;
    render_with_views(dossier, theme, &views)
}

/// [`render`] with the views already built (`serve` keeps them between rebuilds).
pub fn render_with_views(
    dossier: &Dossier,
    theme: &Theme,
    views: &views::Views,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let files = Mutex::new(Vec::new());
    render_each_with_views(dossier, theme, views, &|path: &str, bytes: &[u8]| {
        let file = OutputFile {
            path: path.to_string(),
            bytes: Arc::from(bytes),
        };
        files.lock().expect("no panics while holding").push(file);
        Ok(())
    })?;
    let mut files = files.into_inner().expect("no panics while holding");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Where `render_each` puts each file (path relative to the output folder, bytes); called
/// from many threads at once.
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;

/// Renders every file of the site and hands each to `sink` as soon as it is rendered, from
/// the rayon threads. `dossier build` writes each page straight into the staging folder
/// this way, so a site is never held in memory whole: at 10,000 articles the pages add up
/// to ~700 MB. Errors (template or sink) are collected, one per message; returns the number
/// of files handed to `sink`.
pub fn render_each(dossier: &Dossier, theme: &Theme, sink: &Sink) -> Result<usize, Diagnostics> {
    let views = crate::timings::stage("views", || views::Views::build(dossier, theme))?;
    render_each_with_views(dossier, theme, &views, sink)
}

/// [`render_each`] with the views already built.
pub fn render_each_with_views(
    dossier: &Dossier,
    theme: &Theme,
    views: &views::Views,
    sink: &Sink,
) -> Result<usize, Diagnostics> {
    let jobs = crate::timings::stage("list pages", || pages::page_jobs(dossier, views));
    // Every page's path is known before any is rendered, so the files made for machines
    // (which need that list) are made while the pages render, on whichever thread is free.
    let page_index: Vec<(String, pages::Subject)> =
        jobs.iter().map(|job| job.target(dossier)).collect();
    let (pages, machine) = rayon::join(
        || {
            crate::timings::stage("pages", || {
                render_jobs(dossier, theme, views, jobs, &page_index, sink)
            })
        },
        || {
            crate::timings::stage("machine files", || {
                machine_files(dossier, &page_index, sink)
            })
        },
    );
    match (pages, machine) {
        (Ok(pages), Ok(machine)) => Ok(pages + machine),
        (Err(mut errors), Err(more)) => {
            errors.extend(more);
            Err(errors)
        }
        (Err(errors), _) | (_, Err(errors)) => Err(errors),
    }
}

/// Renders every page (and the citation files beside article and quote pages) and hands
/// them to `sink`. Errors (template or sink) are collected, one per message.
fn render_jobs(
    dossier: &Dossier,
    theme: &Theme,
    views: &views::Views,
    jobs: Vec<pages::PageJob>,
    page_index: &[(String, pages::Subject)],
    sink: &Sink,
) -> Result<usize, Diagnostics> {
    let files = std::sync::atomic::AtomicUsize::new(0);
    let errors: Vec<Diagnostic> = jobs
        .into_par_iter()
        .zip(page_index.par_iter())
        .filter_map(|(job, (path, subject))| {
            match render_page(dossier, theme, views, job, path, *subject, sink) {
                Ok(count) => {
                    files.fetch_add(count, std::sync::atomic::Ordering::Relaxed);
                    None
                }
                Err(error) => Some(error),
            }
        })
        .collect();
    one_per_message(errors)?;
    Ok(files.into_inner())
}

/// Renders one page, hands it to `sink` at `path`, then the citation files beside it (for
/// an article or a quote); returns how many files it handed over.
fn render_page(
    dossier: &Dossier,
    theme: &Theme,
    views: &views::Views,
    job: pages::PageJob,
    path: &str,
    subject: pages::Subject,
    sink: &Sink,
) -> Result<usize, Diagnostic> {
    thread_local! {
        // One output buffer per thread for the whole build (rayon's `map_init` would make
        // one per work split): a topic page of a 50,000-article site is ~30 MB, and
        // growing a fresh buffer to that size again and again cost page faults.
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let spec = job.build(dossier, views);
    BUFFER.with_borrow_mut(|buffer| {
        render_spec(dossier, theme, spec, buffer)?;
        sink(path, buffer)
    })?;
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    let citations = cite::files_for(dossier, subject, dir);
    for file in &citations {
        sink(&file.path, &file.bytes)?;
    }
    Ok(1 + citations.len())
}

/// The files made for machines: feeds, sitemap, open data and alias redirects, handed to
/// `sink`; returns how many.
fn machine_files(
    dossier: &Dossier,
    page_index: &[(String, pages::Subject)],
    sink: &Sink,
) -> Result<usize, Diagnostics> {
    // Each group is handed over and dropped as soon as it is made (open data alone is
    // ~55 MB at 10,000 articles); only the paths are kept, for the alias check.
    let write = |files: Vec<OutputFile>| -> Result<Vec<String>, Diagnostic> {
        files
            .par_iter()
            .try_for_each(|file| sink(&file.path, &file.bytes))?;
        Ok(files.into_iter().map(|file| file.path).collect())
    };
    let ((feeds, sitemap), data) = rayon::join(
        || {
            rayon::join(
                || write(feeds::feeds(dossier)),
                || write(sitemap::sitemap(dossier, page_index)),
            )
        },
        || write(data::data_files(dossier)),
    );
    let mut written = feeds?;
    written.extend(sitemap?);
    written.extend(data?);
    if dossier.articles.iter().any(|a| !a.aliases.is_empty()) {
        let redirects = aliases::aliases(dossier, &taken_paths(page_index, &written))?;
        written.extend(write(redirects)?);
    }
    Ok(written.len())
}

/// Every output path but the aliases': the pages, the citation files beside article and
/// quote pages, and `machine`. An alias must replace none of them.
fn taken_paths<'a>(
    page_index: &'a [(String, pages::Subject)],
    machine: &'a [String],
) -> aliases::Taken<'a> {
    let citations = page_index
        .iter()
        .filter(|(_, subject)| {
            matches!(
                subject,
                pages::Subject::Article(_) | pages::Subject::Quote(_)
            )
        })
        .flat_map(|(path, _)| {
            let dir = path.strip_suffix("index.html").unwrap_or(path);
            cite::FILE_NAMES.map(|name| std::borrow::Cow::Owned(format!("{dir}{name}")))
        });
    page_index
        .iter()
        .map(|(path, _)| std::borrow::Cow::Borrowed(path.as_str()))
        .chain(citations)
        .chain(
            machine
                .iter()
                .map(|path| std::borrow::Cow::Borrowed(path.as_str())),
        )
        .collect()
}

/// Renders the given HTML pages only (`serve` re-renders just those whose inputs changed).
pub fn render_pages(
    dossier: &Dossier,
    theme: &Theme,
    specs: Vec<pages::PageSpec>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let results: Vec<Result<OutputFile, Diagnostic>> = specs
        .into_par_iter()
        .map(|spec| {
            let mut html = Vec::new();
            let path = render_spec(dossier, theme, spec, &mut html)?;
            Ok(OutputFile {
                path,
                bytes: Arc::from(html),
            })
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(error) => errors.push(error),
        }
    }
    one_per_message(errors)?;
    Ok(files)
}

/// Renders `spec` into `out` (cleared first); returns the page's output path.
fn render_spec(
    dossier: &Dossier,
    theme: &Theme,
    spec: pages::PageSpec,
    out: &mut Vec<u8>,
) -> Result<String, Diagnostic> {
    let mut context = spec.context;
    context.insert_value("head", head::for_page(dossier, spec.subject));
    out.clear();
    theme
        .tera
        .render_to(spec.template, &context, &mut *out)
        .map_err(|err| theme.diagnostic(&err, spec.template))?;
    Ok(spec.path)
}

/// The errors of a parallel render, each message once (a broken template fails every page
/// that uses it the same way).
fn one_per_message(errors: Vec<Diagnostic>) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut seen_messages = std::collections::HashSet::new();
    for diagnostic in errors {
        if seen_messages.insert(diagnostic.message.clone()) {
            diagnostics.push(diagnostic);
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(())
}

/// Every output that shows the Markdown body of the given articles, speakers or topics:
/// their own pages, and the Atom feeds that carry those articles (bodies included). `serve`
/// re-renders only these after an edit that changed nothing but bodies, so an output that
/// starts showing a body must be added here.
pub fn body_outputs(
    dossier: &Dossier,
    theme: &Theme,
    views: &views::Views,
    articles: &[usize],
    speakers: &[usize],
    topics: &[usize],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let specs = articles
        .iter()
        .map(|&i| pages::article(dossier, views, i))
        .chain(speakers.iter().map(|&i| pages::speaker(dossier, views, i)))
        .chain(topics.iter().map(|&i| pages::topic(dossier, views, i)))
        .collect();
    let mut files = render_pages(dossier, theme, specs)?;
    let mut feeds: Vec<OutputFile> = articles
        .iter()
        .flat_map(|&i| feeds::feeds_with_article(dossier, i))
        .collect();
    feeds.sort_by(|a, b| a.path.cmp(&b.path));
    feeds.dedup_by(|a, b| a.path == b.path);
    files.extend(feeds);
    Ok(files)
}
