//! The server's state: the site's sources kept current from the editor's buffers, and the
//! diagnostics of the last link of them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::BodyCache;
use crate::load::Sources;
use crate::pipeline;

use super::sources::SiteSources;

pub struct Workspace {
    pub root: PathBuf,
    /// The sources, or `site.toml`'s errors when it cannot be read (nothing else can be).
    site: Result<SiteSources, Diagnostics>,
    /// The editor's open files, by absolute path: their text is what is checked.
    open: HashMap<PathBuf, Arc<str>>,
    /// The last analysis's diagnostics: load's and link's, every language's.
    pub diagnostics: Vec<Diagnostic>,
    bodies: BodyCache,
    /// The bodies of the last fast check of one file (its speakers' and topics').
    file_bodies: BodyCache,
}

impl Workspace {
    /// Reads the site at `root` from disk ([`Workspace::analyse`] links it).
    pub fn new(root: &Path) -> Workspace {
        Workspace {
            root: root.to_path_buf(),
            site: SiteSources::load(root),
            open: HashMap::new(),
            diagnostics: Vec::new(),
            bodies: BodyCache::default(),
            file_bodies: BodyCache::default(),
        }
    }

    /// The sources as they are now (`None` while site.toml cannot be read).
    pub fn sources(&self) -> Option<&Sources> {
        self.site.as_ref().ok().map(|site| &site.sources)
    }

    /// The text of the file at `path`: the editor's when open, else the loaded one.
    pub fn text(&self, path: &Path) -> Option<Arc<str>> {
        if let Some(text) = self.open.get(path) {
            return Some(text.clone());
        }
        let shown = crate::diagnostics::display_path(&self.root, path);
        let sources = self.sources()?;
        super::index::content_files(sources)
            .into_iter()
            .find(|file| file.path == shown)
            .map(|file| file.text.clone())
            .or_else(|| std::fs::read_to_string(path).ok().map(Arc::from))
    }

    /// The text of `path`, the byte offset of `position` in it, and what is there.
    pub fn place(
        &self,
        path: &Path,
        position: lsp_types::Position,
    ) -> Option<(Arc<str>, usize, super::cursor::Place)> {
        let text = self.text(path)?;
        let offset = super::text::offset(&text, position);
        let place = super::cursor::place(&text, offset);
        Some((text, offset, place))
    }

    /// The editor opened or changed `path`: its text is now `text`.
    pub fn edited(&mut self, path: &Path, text: Arc<str>) {
        self.open.insert(path.to_path_buf(), text.clone());
        if let Ok(site) = &mut self.site {
            site.update(path, Some(text));
        }
    }

    /// The editor closed `path`: what is on disk counts again.
    pub fn closed(&mut self, path: &Path) {
        self.open.remove(path);
        self.changed_on_disk(path);
    }

    /// A file changed, appeared or was deleted on disk. site.toml reloads the whole site
    /// (the open files' text still counts); an open file keeps the editor's text.
    pub fn changed_on_disk(&mut self, path: &Path) {
        if path == self.root.join("site.toml") || self.site.is_err() {
            self.site = SiteSources::load(&self.root);
            let open: Vec<(PathBuf, Arc<str>)> = self.open.clone().into_iter().collect();
            if let Ok(site) = &mut self.site {
                for (path, text) in open {
                    site.update(&path, Some(text));
                }
            }
            return;
        }
        if self.open.contains_key(path) {
            return;
        }
        let text = std::fs::read_to_string(path).ok().map(Arc::from);
        if let Ok(site) = &mut self.site {
            site.update(path, text);
        }
    }

    /// The diagnostics of the file at `path` that depend on it alone, fast at any size
    /// ([`super::focused`]).
    pub fn file_diagnostics(&self, path: &Path) -> Vec<Diagnostic> {
        match &self.site {
            Ok(site) => super::focused::diagnostics(site, path, &self.file_bodies),
            Err(errors) => errors.items.clone(),
        }
    }

    /// Links the sources as they are now: the diagnostics `dossier check` gives for
    /// content (every language's), without rendering a page.
    pub fn analyse(&mut self) {
        match &self.site {
            Ok(site) => {
                let checked = pipeline::link_content(&site.sources, true, Some(&self.bodies));
                let mut diagnostics = site.load_diagnostics().to_vec();
                diagnostics.extend(checked.diagnostics.items);
                // As `check`: nothing else counts while the output folder is refused.
                if let Some(error) = output_folder_error(&site.sources) {
                    diagnostics = vec![error];
                }
                self.diagnostics = diagnostics;
            }
            Err(errors) => {
                self.diagnostics = errors.items.clone();
            }
        }
    }
}

/// `output_dir` of site.toml where a build may not write (outside the site, over content).
fn output_folder_error(sources: &Sources) -> Option<Diagnostic> {
    let options = pipeline::BuildOptions {
        root: sources.root.clone(),
        ..pipeline::BuildOptions::default()
    };
    crate::build::output_folder(&options, sources).err()
}

/// The site a file belongs to: the nearest folder at or above it holding `site.toml`.
pub fn site_root(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .find(|dir| dir.join("site.toml").is_file())
        .map(Path::to_path_buf)
}
