//! What a changed file means to `serve`'s engine: which changes may take the fast path (a
//! body edit, a static file) and which need a link, and the sources with only the changed
//! content files read again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::files::Map;
use super::stored::Stored;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, SourceFile, Sources, frontmatter};
use crate::pipeline::{self, ContentKind, content_kind};

/// How a changed file may be applied.
pub(super) enum Change {
    /// A content file: its body alone may have changed.
    Content(ContentKind),
    /// Markdown under `content/` outside the three kinds: not part of the site.
    Ignored,
    /// Anything else (templates, site.toml, …): a link.
    Other,
}

/// Whether `relative` is named as a translation file is (`x.fa.md`).
pub(super) fn is_translation(relative: &Path) -> bool {
    let name = relative.file_name().unwrap_or_default().to_string_lossy();
    crate::load::translation::language_suffix(&name).is_some()
}

pub(super) fn change_of(relative: &Path) -> Change {
    // A translation (`x.fa.md`) is read with its language: a link loads everything.
    if is_translation(relative) {
        return Change::Other;
    }
    match content_kind(relative) {
        Some(kind) => Change::Content(kind),
        None if relative.starts_with("content")
            && relative.extension().is_some_and(|e| e == "md")
            && relative.components().count() >= 2 =>
        {
            Change::Ignored
        }
        None => Change::Other,
    }
}

/// The given sources with only the changed content files read again, when every change is
/// a content file. `None`: something else changed; load everything.
pub(super) fn reload_changed(
    root: &Path,
    sources: &Sources,
    changed: &BTreeSet<PathBuf>,
) -> Option<Result<Sources, Diagnostics>> {
    let mut changes = Vec::new();
    for relative in changed {
        match change_of(relative) {
            Change::Content(kind) => changes.push((kind, relative)),
            Change::Ignored => continue,
            Change::Other => return None,
        }
    }
    let mut sources = sources.clone();
    let mut errors = Diagnostics::default();
    for (kind, relative) in changes {
        let path = root.join(relative);
        let exists = path.is_file();
        match kind {
            ContentKind::Article => replace(
                &mut sources.articles,
                relative,
                exists,
                |s| &s.file,
                || load::load_article(root, &path),
            ),
            ContentKind::Speaker => replace(
                &mut sources.speakers,
                relative,
                exists,
                |s| &s.file,
                || load::load_speaker(root, &path),
            ),
            ContentKind::Topic => replace(
                &mut sources.topics,
                relative,
                exists,
                |s| &s.file,
                || load::load_topic(root, &path),
            ),
        }
        .unwrap_or_else(|diagnostic| errors.push(diagnostic));
    }
    Some(if errors.has_errors() {
        Err(errors)
    } else {
        Ok(sources)
    })
}

/// Whether `relative` (`static/img/x.png`) is the file of a share image: `image` in
/// `site.toml` or in a speaker's front matter.
pub(super) fn is_share_image(sources: &Sources, relative: &Path) -> bool {
    let site = sources.config.image.as_ref();
    let speakers = sources
        .speakers
        .iter()
        .filter_map(|s| s.front.image.as_ref());
    site.into_iter()
        .chain(speakers)
        .any(|image| relative == Path::new("static").join(image.get_ref().trim_start_matches('/')))
}

/// The served source of the content file at `relative` (`content/…`), with its index in
/// the sources' list of its kind.
fn served_file<'a>(
    relative: &Path,
    kind: ContentKind,
    sources: &'a Sources,
) -> Option<(usize, &'a SourceFile)> {
    let content_path: Option<Vec<&str>> = relative.iter().skip(1).map(|c| c.to_str()).collect();
    let content_path = content_path?.join("/");
    let files: Vec<&SourceFile> = match kind {
        ContentKind::Article => sources.articles.iter().map(|s| &s.file).collect(),
        ContentKind::Speaker => sources.speakers.iter().map(|s| &s.file).collect(),
        ContentKind::Topic => sources.topics.iter().map(|s| &s.file).collect(),
    };
    let index = files.iter().position(|f| f.content_path == content_path)?;
    Some((index, files[index]))
}

/// A content file in the sources, re-read: (kind, index in the sources, new file).
pub(super) type Edit = (ContentKind, usize, SourceFile);

/// What a changed content file asks of the served site.
pub(super) enum ContentChange {
    /// Only its body changed: applied at once on top of the served site.
    Body(Edit),
    /// It needs a link (new file, front matter changed, too big, unreadable). When its
    /// body changed too, `preview` is the new body under the front matter the served site
    /// has: shown at once while the link runs (an editor who retitles an article and goes
    /// on writing sees each save); the linked site then has both.
    Relink { preview: Option<Edit> },
    /// It neither exists now nor was part of the site.
    Nothing,
}

/// What the changed content file at `relative` asks of the site `sources` were read for.
pub(super) fn content_change(
    root: &Path,
    relative: &Path,
    kind: ContentKind,
    sources: &Sources,
) -> ContentChange {
    let path = root.join(relative);
    let Some((index, old)) = served_file(relative, kind, sources) else {
        // A new file means new pages, lists and counts; a vanished unknown file, nothing.
        return match path.exists() {
            true => ContentChange::Relink { preview: None },
            false => ContentChange::Nothing,
        };
    };
    let edit = |text: Arc<str>| {
        let file = SourceFile {
            text,
            ..old.clone()
        };
        (kind, index, file)
    };
    let Some(text) = read_content(&path) else {
        return ContentChange::Relink { preview: None };
    };
    let (Ok(new), Ok(before)) = (
        frontmatter::split(&text, &old.path, &text),
        frontmatter::split(&old.text, &old.path, &old.text),
    ) else {
        return ContentChange::Relink { preview: None };
    };
    if new.front == before.front
        && new.front_offset == old.front_offset
        && new.body_offset == old.body_offset
    {
        return ContentChange::Body(edit(text));
    }
    let new_body = &text[new.body_offset..];
    let preview = (new_body != &old.text[old.body_offset..]).then(|| {
        edit(Arc::from(format!(
            "{}{new_body}",
            &old.text[..old.body_offset]
        )))
    });
    ContentChange::Relink { preview }
}

/// The text of the content file at `path`, unless it is too big for the fast path or
/// cannot be read.
fn read_content(path: &Path) -> Option<Arc<str>> {
    if std::fs::metadata(path).ok()?.len() > load::MAX_CONTENT_FILE_BYTES {
        return None;
    }
    Some(Arc::from(std::fs::read_to_string(path).ok()?))
}

/// Puts the re-read file at `relative` into `list` (kept in the order `load` reads files:
/// by path), or takes it out if it no longer exists.
pub(super) fn replace<S>(
    list: &mut Vec<S>,
    relative: &Path,
    exists: bool,
    file: impl Fn(&S) -> &SourceFile,
    read: impl FnOnce() -> Result<S, Diagnostic>,
) -> Result<(), Diagnostic> {
    let position = list.binary_search_by(|s| file(s).path.as_path().cmp(relative));
    match (position, exists) {
        (Ok(i), true) => list[i] = read()?,
        (Err(i), true) => list.insert(i, read()?),
        (Ok(i), false) => {
            list.remove(i);
        }
        (Err(_), false) => {}
    }
    Ok(())
}

/// The theme's static files, then the site's (which override them by name), less any site
/// static file that is a symbolic link out of the site.
pub(super) fn static_map(root: &Path, sources: &Sources) -> Map {
    let mut files: Map = pipeline::static_files(sources)
        .into_iter()
        .map(|(name, bytes)| (name, Stored::raw(bytes)))
        .collect();
    for file in &sources.static_files {
        if !inside(root, &root.join(&file.path)) {
            files.remove(&file.name);
        }
    }
    files
}

/// Whether `path`, with symbolic links resolved, lies inside `root` (canonical).
pub(super) fn inside(root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|real| real.starts_with(root))
}
