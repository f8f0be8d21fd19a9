//! `dossier fix ids`: pins every quote's id in its front matter. A quote without `id` gets
//! one derived from its speaker, date and first words, so correcting any of those would
//! move its page; this writes that derived id as `id = "…"` into each such `[[quotes]]`
//! table, so the URL stays whatever is corrected later. Only the new lines are added:
//! `toml_edit` keeps the rest of the front matter byte for byte, and a file whose other
//! lines would change is refused rather than reformatted ([`crate::front_edit`]).

mod edit;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::front_edit;
use crate::link::{self, LinkOptions, model::Dossier};
use crate::load::{ArticleSource, Sources};
use crate::pipeline::{self, BuildOptions};

/// A quote without `id`, and the id its link derived.
#[derive(Debug, Clone)]
pub struct Unpinned {
    /// Where the quote is (its `text`), for `--check`'s list.
    pub location: Location,
    pub id: String,
}

/// One article file's quotes without `id`.
#[derive(Debug)]
pub struct FileIds {
    /// Path relative to the site root, as shown.
    pub path: PathBuf,
    /// In front matter order; `None` for a quote that has its `id`.
    pub ids: Vec<Option<Unpinned>>,
}

impl FileIds {
    pub fn unpinned(&self) -> impl Iterator<Item = &Unpinned> {
        self.ids.iter().flatten()
    }
}

/// Every article file (drafts included) with a quote that has no `id`. The site must link:
/// a derived id is only known once its speaker and date resolve.
pub fn unpinned(root: &Path) -> Result<Vec<FileIds>, Diagnostics> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: true,
        ..BuildOptions::default()
    };
    let (sources, load_diagnostics) = pipeline::load(&options)?;
    if load_diagnostics.has_errors() {
        return Err(load_diagnostics);
    }
    let (dossier, _) = link::link(&sources, LinkOptions { drafts: true })?;
    Ok(plan(&sources, &dossier))
}

fn plan(sources: &Sources, dossier: &Dossier) -> Vec<FileIds> {
    let by_article = dossier.all_quotes_by_article();
    sources
        .articles
        .iter()
        .filter_map(|source| {
            let ids = derived_ids(source, dossier, &by_article)?;
            ids.iter().any(Option::is_some).then(|| FileIds {
                path: source.file.path.clone(),
                ids,
            })
        })
        .collect()
}

/// The ids the link derived for `source`'s quotes without `id`, in front matter order;
/// `None` when the article is not in the dossier.
fn derived_ids(
    source: &ArticleSource,
    dossier: &Dossier,
    by_article: &[Vec<usize>],
) -> Option<Vec<Option<Unpinned>>> {
    let index = (dossier.articles.iter()).position(|a| a.source_path == source.file.path)?;
    // All the article's quotes (withdrawn ones too), matched to their tables by text in
    // order: two tables with the same words take the two quotes in turn.
    let quotes = &by_article[index];
    let mut taken = vec![false; quotes.len()];
    let ids = source
        .front
        .quotes
        .iter()
        .map(|front| {
            let text = front.text.get_ref().trim();
            let found = (quotes.iter().enumerate())
                .position(|(n, &q)| !taken[n] && dossier.quotes[q].text == text)?;
            taken[found] = true;
            let id = &dossier.quotes[quotes[found]].id;
            front.id.is_none().then(|| Unpinned {
                location: source.file.front_location(front.text.span()),
                id: id.clone(),
            })
        })
        .collect();
    Some(ids)
}

/// Writes the ids of `files` into their front matter; returns the files written.
pub fn pin(root: &Path, files: &[FileIds]) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut written = Vec::new();
    for file in files {
        let path = root.join(&file.path);
        let result = std::fs::read_to_string(&path)
            .map_err(|e| io_error(&file.path, "read", &e))
            .and_then(|text| pinned_text(&text, file))
            .and_then(|text| {
                front_edit::write_atomically(&path, &text)
                    .map_err(|e| io_error(&file.path, "write", &e))
            });
        match result {
            Ok(()) => written.push(file.path.clone()),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(written)
}

fn io_error(path: &Path, what: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot {what} {}: {error}", path.display()))
        .in_file(path.to_path_buf())
        .help("check the file's permissions; no file was changed by this one")
}

/// The file's text with `id = "…"` added to each quote table of `file.ids`.
fn pinned_text(text: &str, file: &FileIds) -> Result<String, Diagnostic> {
    let ids: Vec<Option<&str>> = (file.ids.iter())
        .map(|u| u.as_ref().map(|u| u.id.as_str()))
        .collect();
    front_edit::edit_front(text, &file.path, |front| edit::add_ids(front, &ids)).map_err(|error| {
        match error {
            front_edit::EditError::Split(diagnostic) => *diagnostic,
            front_edit::EditError::Refused(problem) => refused(file, &problem),
        }
    })
}

fn refused(file: &FileIds, problem: &str) -> Diagnostic {
    let first = file.unpinned().next();
    Diagnostic::error(format!("cannot pin the quote ids of this file: {problem}"))
        .at(first.map_or_else(
            || Location {
                path: file.path.clone(),
                source: None,
                span: None,
            },
            |u| u.location.clone(),
        ))
        .help(format!(
            "add the lines by hand, one in each [[quotes]] table without `id`: {}",
            file.unpinned()
                .map(|u| format!("id = \"{}\"", u.id))
                .collect::<Vec<_>>()
                .join(", ")
        ))
}
