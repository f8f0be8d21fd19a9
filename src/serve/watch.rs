//! Watching the site's sources: `content/`, `templates/`, `static/` and `site.toml`, with
//! notify's debouncer so an editor's burst of events on save becomes one rebuild.

use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::diagnostics::Diagnostic;

/// Quiet time after the last event of a burst before rebuilding. Editors save with a few
/// events within a millisecond or two; this keeps save → reload fast.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Starts watching `root` (canonical). Each debounced burst hands the changed paths,
/// relative to the root, to `changes`. Dropping the returned watcher stops it.
pub fn watch(
    root: &Path,
    changes: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<Watcher, Diagnostic> {
    let base = root.to_path_buf();
    let mut debouncer = new_debouncer(
        DEBOUNCE,
        Some(Duration::from_millis(10)),
        move |result: DebounceEventResult| match result {
            Ok(events) => {
                let mut paths: Vec<PathBuf> = events
                    .iter()
                    .filter(|event| !matches!(event.kind, EventKind::Access(_)))
                    .flat_map(|event| event.paths.iter())
                    .filter_map(|path| relevant(&base, path))
                    .collect();
                paths.sort();
                paths.dedup();
                if !paths.is_empty() {
                    changes(paths);
                }
            }
            Err(errors) => {
                for error in errors {
                    eprintln!("warning: file watcher: {error}");
                }
            }
        },
    )
    .map_err(|err| Diagnostic::error(format!("cannot watch the site for changes: {err}")))?;
    let watch_error = |path: &Path, err: notify::Error| {
        Diagnostic::error(format!("cannot watch {}: {err}", path.display()))
            .help("on Linux, raise fs.inotify.max_user_watches if the site has very many folders")
    };
    for dir in WATCHED_FOLDERS {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|err| watch_error(&path, err))?;
        }
    }
    // The root itself, not recursively: site.toml (editors often replace it by renaming).
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|err| watch_error(root, err))?;
    Ok(debouncer)
}

/// The folders of a site that its pages are made from (besides `site.toml`).
const WATCHED_FOLDERS: [&str; 4] = ["content", "templates", "static", "i18n"];

/// Starts watching any of the watched folders that `changed` shows were created after the
/// server started (the root itself is watched only one level deep).
pub fn watch_new_folders(
    watcher: &std::sync::Mutex<Option<Watcher>>,
    root: &Path,
    changed: &[PathBuf],
) {
    for relative in changed {
        let top = relative
            .to_str()
            .is_some_and(|name| WATCHED_FOLDERS.contains(&name));
        let path = root.join(relative);
        if top && path.is_dir() {
            let mut watcher = watcher.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(watcher) = watcher.as_mut()
                && let Err(err) = watcher.watch(&path, RecursiveMode::Recursive)
            {
                eprintln!("warning: cannot watch {}: {err}", path.display());
            }
        }
    }
}

/// The path relative to the root if a change there matters to the site.
pub fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut components = relative.components();
    let first = match components.next()? {
        Component::Normal(first) => first.to_str()?,
        _ => return None,
    };
    let name = relative.file_name()?.to_str()?;
    // Editors' swap, backup and lock files.
    if name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913"
    {
        return None;
    }
    let nested = components.next().is_some();
    let keep = match first {
        "site.toml" => !nested,
        // Content files are Markdown; a path without an extension may be a folder.
        "content" => {
            let extension = relative.extension().and_then(|e| e.to_str());
            matches!(extension, Some("md") | None)
        }
        "templates" | "static" => true,
        // The site's translation tables (`i18n/<language>.toml`).
        "i18n" => matches!(
            relative.extension().and_then(|e| e.to_str()),
            Some("toml") | None
        ),
        _ => false,
    };
    keep.then(|| relative.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_what_the_site_is_built_from() {
        let root = Path::new("/site");
        let keep = |p: &str| relevant(root, Path::new(p)).is_some();
        assert!(keep("/site/site.toml"));
        assert!(keep("/site/content/articles/a.md"));
        assert!(keep("/site/content/articles"));
        assert!(keep("/site/templates/base.html"));
        assert!(keep("/site/static/img/x.png"));
        assert!(keep("/site/i18n/fa.toml"));
        assert!(!keep("/site/i18n/notes.txt"));
        assert!(!keep("/site/public/index.html"));
        assert!(!keep("/site/.site.toml.swp"));
        assert!(!keep("/site/content/articles/a.md~"));
        assert!(!keep("/site/content/articles/.a.md.swp"));
        assert!(!keep("/site/content/articles/4913"));
        assert!(!keep("/site/content/articles/notes.txt"));
        assert!(!keep("/elsewhere/site.toml"));
    }
}
