//! Stage 3, **render**: `Dossier` + templates → pages in memory. Pure and parallel.

pub mod citation;
pub mod pages;
pub mod theme;
pub mod thread;
pub mod views;

use std::sync::Arc;

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

/// Renders every page into memory. Template errors are collected (one per template and
/// message). Files come back sorted by path.
pub fn render(dossier: &Dossier, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let files = std::sync::Mutex::new(Vec::new());
    render_each(dossier, theme, &|path: &str, bytes: &[u8]| {
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

/// Renders every page and hands it to `sink` as soon as it is rendered, from the rayon
/// threads. `dossier build` writes each page straight into the staging folder this way,
/// so a site is never held in memory whole: at 10,000 articles the pages add up to
/// ~700 MB, and keeping them all made peak memory grow with the site. Each thread renders
/// into one reused buffer. Errors (template or sink) are collected, one per message;
/// returns the number of files handed to `sink`.
pub fn render_each(dossier: &Dossier, theme: &Theme, sink: &Sink) -> Result<usize, Diagnostics> {
    let views = views::Views::build(dossier);
    let jobs = pages::page_jobs(dossier, &views);
    let count = jobs.len();
    thread_local! {
        // One output buffer per thread for the whole build (rayon's `map_init` would make
        // one per work split): a topic page of a 50,000-article site is ~30 MB, and
        // growing a fresh buffer to that size again and again cost page faults.
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let errors: Vec<Diagnostic> = jobs
        .into_par_iter()
        .filter_map(|job| {
            let spec = job.build(dossier, &views);
            BUFFER.with_borrow_mut(|buffer| {
                buffer.clear();
                theme
                    .tera
                    .render_to(spec.template, &spec.context, &mut *buffer)
                    .map_err(|err| theme.diagnostic(&err, spec.template))
                    .and_then(|()| sink(&spec.path, buffer))
                    .err()
            })
        })
        .collect();
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
    Ok(count)
}
