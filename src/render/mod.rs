//! Stage 3, **render**: `Dossier` + templates → pages, handed to a sink as they are made.
//! Pure and parallel.
//!
//! The views (`views.rs`, `cards.rs`) are built once per site; each kind of page builds its
//! context from them (`pages/`); [`render_each`] renders every page and, on the other core,
//! the files made for machines (feeds, sitemap, open data, alias redirects).

pub mod aliases;
pub mod cards;
pub mod cite;
pub mod data;
pub mod feeds;
pub mod fold;
pub mod head;
pub mod indentation;
pub mod jsonld;
pub mod output;
pub mod page_kind;
pub mod pages;
pub mod paging;
pub mod published_page;
pub mod search;
pub mod sitemap;
pub mod template_docs;
pub mod template_edits;
pub mod theme;
pub mod thread;
pub mod values;
pub mod views;
pub mod xml;

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::model::Dossier;
use crate::timings;
use output::{OutputFile, Sink};
use page_kind::{Entity, PageKind};
use pages::PageJob;
use pages::spec::PageSpec;
use theme::Theme;
use views::Views;

/// The views of `dossier`, cards rendered through `theme`.
pub fn build_views(dossier: &Dossier, theme: &Theme) -> Result<Views, Diagnostics> {
    views_and_cards(dossier, theme, None)
}

/// [`build_views`], taking cards whose data is unchanged from `last`: views the same theme
/// made (`serve`, after a change to content only).
pub fn build_views_reusing(
    dossier: &Dossier,
    theme: &Theme,
    last: &Views,
) -> Result<Views, Diagnostics> {
    views_and_cards(dossier, theme, Some(last))
}

fn views_and_cards(
    dossier: &Dossier,
    theme: &Theme,
    last: Option<&Views>,
) -> Result<Views, Diagnostics> {
    let data = timings::stage("views: data", || views::data(dossier));
    timings::stage("views: cards", || cards::with_cards(theme, data, last))
}

/// Renders every file of the site and hands each to `sink` as soon as it is rendered, from
/// the rayon threads. `dossier build` writes each page straight into the staging folder
/// this way, so a site is never held in memory whole: at 10,000 articles the pages add up
/// to ~700 MB. Errors (template or sink) are collected, one per message; returns the number
/// of files handed to `sink`.
pub fn render_each(
    dossier: &Dossier,
    theme: &Theme,
    views: &Views,
    sink: &Sink,
) -> Result<usize, Diagnostics> {
    let jobs = timings::stage("list pages", || pages::page_jobs(dossier, views));
    // Every page's path is known before any is rendered, so the files made for machines
    // (which need that list) are made while the pages render, on whichever thread is free.
    let page_index: Vec<(String, PageKind)> = jobs.iter().map(|job| job.target(dossier)).collect();
    let (pages, machine) = rayon::join(
        || {
            timings::stage("pages", || {
                render_jobs(dossier, theme, views, jobs, &page_index, sink)
            })
        },
        || {
            timings::stage("machine files", || {
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

/// How many pages a thread renders (or packs for the index) at most before its remaining
/// work can be shared: rayon splits a piece of a parallel iterator only while another thread
/// steals it, so a piece never stolen (a quarter of the pages at first) ran on one core for
/// the last seconds of a 10,000-article build. A page takes ~0.1–1 ms, so splitting costs
/// nothing measurable. (`build`, and `serve`'s own page loop and index.)
pub const PAGES_PER_PIECE: usize = 16;

/// Renders every page and hands it to `sink`. Errors (template or sink) are collected, one
/// per message.
fn render_jobs(
    dossier: &Dossier,
    theme: &Theme,
    views: &Views,
    jobs: Vec<PageJob>,
    page_index: &[(String, PageKind)],
    sink: &Sink,
) -> Result<usize, Diagnostics> {
    let files = AtomicUsize::new(0);
    let errors: Vec<Diagnostic> = jobs
        .into_par_iter()
        .zip(page_index.par_iter())
        .with_max_len(PAGES_PER_PIECE)
        .filter_map(
            |(job, (path, _))| match render_page(dossier, theme, views, job, path, sink) {
                Ok(()) => {
                    files.fetch_add(1, Ordering::Relaxed);
                    None
                }
                Err(error) => Some(error),
            },
        )
        .collect();
    one_per_message(errors)?;
    Ok(files.into_inner())
}

/// Renders one page and hands it to `sink` at `path`.
fn render_page(
    dossier: &Dossier,
    theme: &Theme,
    views: &Views,
    job: PageJob,
    path: &str,
    sink: &Sink,
) -> Result<(), Diagnostic> {
    thread_local! {
        // One output buffer per thread for the whole build (rayon's `map_init` would make
        // one per work split): a topic page of a 50,000-article site is ~30 MB, and
        // growing a fresh buffer to that size again and again cost page faults.
        static BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let spec = job.build(dossier, views);
    // The buffer is taken out while in use (not borrowed), so a sink that itself runs
    // parallel work on this thread cannot find it borrowed.
    let mut buffer = BUFFER.take();
    let result = render_spec(dossier, theme, spec, &mut buffer).and_then(|_| sink(path, &buffer));
    BUFFER.set(buffer);
    result
}

/// The files made for machines: feeds, sitemap, open data, bulk citations and alias
/// redirects, handed to `sink`; returns how many. (`serve` calls it beside its own page loop.)
pub fn machine_files(
    dossier: &Dossier,
    page_index: &[(String, PageKind)],
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
                // A site in several languages has one sitemap of them all, made when every
                // language's pages are known (`pipeline`).
                || match dossier.languages {
                    None => write(sitemap::sitemap(dossier, page_index)),
                    Some(_) => Ok(Vec::new()),
                },
            )
        },
        || {
            rayon::join(
                || write(data::data_files(dossier)),
                || write(cite::bulk_files(dossier)),
            )
        },
    );
    let (data, citations) = data;
    let mut written = feeds?;
    written.extend(sitemap?);
    written.extend(data?);
    written.extend(citations?);
    if aliases::any(dossier) {
        let redirects = aliases::aliases(dossier, &taken_paths(page_index, &written))?;
        written.extend(write(redirects)?);
    }
    Ok(written.len())
}

/// Every output path but the aliases': the pages and `machine`. An alias must replace
/// none of them.
fn taken_paths<'a>(
    page_index: &'a [(String, PageKind)],
    machine: &'a [String],
) -> aliases::Taken<'a> {
    page_index
        .iter()
        .map(|(path, _)| Cow::Borrowed(path.as_str()))
        .chain(machine.iter().map(|path| Cow::Borrowed(path.as_str())))
        .collect()
}

/// Renders the given HTML pages only (`serve` re-renders just those whose inputs changed).
pub fn render_pages(
    dossier: &Dossier,
    theme: &Theme,
    specs: Vec<PageSpec>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let results: Vec<Result<OutputFile, Diagnostic>> = specs
        .into_par_iter()
        .map(|spec| {
            let mut html = Vec::new();
            let path = render_spec(dossier, theme, spec, &mut html)?;
            Ok(OutputFile::new(path, html))
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
    spec: PageSpec,
    out: &mut Vec<u8>,
) -> Result<String, Diagnostic> {
    let mut context = spec.context;
    let head = head::for_context(dossier, spec.kind, &context);
    context.insert_value("head", head.into_value());
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
    views: &Views,
    changed: &[Entity],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let specs = changed
        .iter()
        .map(|&entity| pages::entity_page(dossier, views, entity))
        .collect();
    let mut files = render_pages(dossier, theme, specs)?;
    let mut feeds: Vec<OutputFile> = changed
        .iter()
        .filter_map(|entity| match entity {
            Entity::Article(i) => Some(feeds::feeds_with_article(dossier, *i)),
            Entity::Topic(_) | Entity::Speaker(_) | Entity::Quote(_) => None,
        })
        .flatten()
        .collect();
    feeds.sort_by(|a, b| a.path.cmp(&b.path));
    feeds.dedup_by(|a, b| a.path == b.path);
    files.extend(feeds);
    Ok(files)
}
