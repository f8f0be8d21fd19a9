//! A file read from the site: a content file (with where its front matter and body start),
//! or a template or static file the site provides.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::Location;

/// One content file: its text and where its front matter and body start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, as shown in diagnostics.
    pub path: PathBuf,
    /// Path relative to `content/` with `/` separators: what `@/` links name.
    pub content_path: String,
    pub text: Arc<str>,
    pub front_offset: usize,
    pub body_offset: usize,
}

impl SourceFile {
    /// A location from a span relative to the front matter (as toml's `Spanned` gives).
    pub fn front_location(&self, span: Range<usize>) -> Location {
        self.location((span.start + self.front_offset)..(span.end + self.front_offset))
    }

    /// A location from a span relative to the whole file.
    pub fn location(&self, span: Range<usize>) -> Location {
        Location {
            path: self.path.clone(),
            source: Some(self.text.clone()),
            span: Some(span),
        }
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The file name without extension, e.g. `2025-03-12-some-title`.
    pub fn stem(&self) -> &str {
        let name = self
            .content_path
            .rsplit('/')
            .next()
            .unwrap_or(&self.content_path);
        name.strip_suffix(".md").unwrap_or(name)
    }
}

/// A template or static file provided by the site, overriding or adding to the theme.
#[derive(Debug, Clone)]
pub struct SiteFile {
    /// Path relative to `templates/` or `static/`, `/`-separated.
    pub name: String,
    pub path: PathBuf,
    pub bytes: Arc<[u8]>,
}
