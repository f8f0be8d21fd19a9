//! The site's sources as the editor sees them: read from disk once, then kept current file
//! by file from the editor's unsaved text (and from the disk for files it does not have
//! open), so a keystroke re-parses one file, not the site.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::translation::{self, FileLanguage, Translation};
use crate::load::{self, Sources};

/// The kinds of content file, by their folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Article,
    Speaker,
    Topic,
}

impl ContentKind {
    /// The kind of the file at `path` (absolute, under `root`), when it is a content file.
    pub fn of(root: &Path, path: &Path) -> Option<ContentKind> {
        let relative = path.strip_prefix(root.join("content")).ok()?;
        if path.extension().is_none_or(|ext| ext != "md") {
            return None;
        }
        match relative.components().next()?.as_os_str().to_str()? {
            "articles" => Some(ContentKind::Article),
            "speakers" => Some(ContentKind::Speaker),
            "topics" => Some(ContentKind::Topic),
            _ => None,
        }
    }

    /// The folder name, as `explain_unknown_field` and content paths spell it.
    pub fn folder(self) -> &'static str {
        match self {
            ContentKind::Article => "articles",
            ContentKind::Speaker => "speakers",
            ContentKind::Topic => "topics",
        }
    }
}

/// The sources, with the diagnostics of loading them kept by file so that a file parsed
/// again replaces its own.
pub struct SiteSources {
    pub root: PathBuf,
    pub sources: Sources,
    load_diagnostics: Vec<Diagnostic>,
}

impl SiteSources {
    /// Reads the site at `root` from disk. Fails only when `site.toml` does.
    pub fn load(root: &Path) -> Result<SiteSources, Diagnostics> {
        let (sources, diagnostics) = load::load_partial(root)?;
        Ok(SiteSources {
            root: root.to_path_buf(),
            sources,
            load_diagnostics: diagnostics.items,
        })
    }

    /// The diagnostics of loading the files as they are now.
    pub fn load_diagnostics(&self) -> &[Diagnostic] {
        &self.load_diagnostics
    }

    /// Replaces the content file at `path` (absolute) with `text`, or removes it (`None`:
    /// deleted). Files that are not content files are ignored.
    pub fn update(&mut self, path: &Path, text: Option<Arc<str>>) {
        let Some(kind) = ContentKind::of(&self.root, path) else {
            return;
        };
        let shown = crate::diagnostics::display_path(&self.root, path);
        self.remove(&shown);
        let Some(text) = text else {
            return;
        };
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match translation::file_language(&name, &self.sources.config) {
            FileLanguage::Original => self.add_original(kind, path, text),
            FileLanguage::Translation(code) => self.add_translation(kind, &code, path, text),
            FileLanguage::Undeclared(suffix) => {
                let diagnostic = translation::undeclared(&shown, &suffix, &self.sources.config);
                self.load_diagnostics.push(diagnostic);
            }
        }
    }

    /// Forgets everything known of the file shown as `shown`.
    fn remove(&mut self, shown: &Path) {
        let sources = &mut self.sources;
        sources.articles.retain(|a| a.file.path != shown);
        sources.speakers.retain(|s| s.file.path != shown);
        sources.topics.retain(|t| t.file.path != shown);
        for language in &mut sources.languages {
            language.articles.retain(|a| a.file.path != shown);
            language.speakers.retain(|s| s.file.path != shown);
            language.topics.retain(|t| t.file.path != shown);
        }
        let content_path = load::content_path(&self.root, &self.root.join(shown));
        sources.failed.retain(|failed| *failed != content_path);
        self.load_diagnostics
            .retain(|d| d.location.as_ref().is_none_or(|l| l.path != shown));
    }

    fn add_original(&mut self, kind: ContentKind, path: &Path, text: Arc<str>) {
        let root = self.root.clone();
        let sources = &mut self.sources;
        let added = match kind {
            ContentKind::Article => load::parse_text(&root, path, text).map(|(file, front)| {
                insert(
                    &mut sources.articles,
                    load::ArticleSource { file, front },
                    |a| &a.file.path,
                )
            }),
            ContentKind::Speaker => load::parse_text(&root, path, text).map(|(file, front)| {
                insert(
                    &mut sources.speakers,
                    load::SpeakerSource { file, front },
                    |s| &s.file.path,
                )
            }),
            ContentKind::Topic => load::parse_text(&root, path, text).map(|(file, front)| {
                insert(
                    &mut sources.topics,
                    load::TopicSource { file, front },
                    |t| &t.file.path,
                )
            }),
        };
        if let Err(diagnostic) = added {
            self.load_diagnostics.push(diagnostic);
            self.sources.failed.push(load::content_path(&root, path));
        }
    }

    fn add_translation(&mut self, kind: ContentKind, code: &str, path: &Path, text: Arc<str>) {
        let root = self.root.clone();
        let Some(language) = self.sources.languages.iter_mut().find(|l| l.code == code) else {
            return;
        };
        let added = match kind {
            ContentKind::Article => load::parse_text(&root, path, text).map(|(file, front)| {
                insert(&mut language.articles, Translation { file, front }, |a| {
                    &a.file.path
                })
            }),
            ContentKind::Speaker => load::parse_text(&root, path, text).map(|(file, front)| {
                insert(&mut language.speakers, Translation { file, front }, |s| {
                    &s.file.path
                })
            }),
            ContentKind::Topic => load::parse_text(&root, path, text).map(|(file, front)| {
                insert(&mut language.topics, Translation { file, front }, |t| {
                    &t.file.path
                })
            }),
        };
        if let Err(diagnostic) = added {
            let diagnostic = translation::explain_unknown_field(diagnostic, kind.folder());
            self.load_diagnostics.push(diagnostic);
        }
    }
}

/// Inserts `item` where the loader would have read it (files in name order).
fn insert<T>(items: &mut Vec<T>, item: T, path: impl Fn(&T) -> &PathBuf) {
    let at = items.partition_point(|other| path(other) < path(&item));
    items.insert(at, item);
}
