//! Stage 4, **publish**: pages → output folder, atomically. The new site is written to a
//! temporary sibling folder and swapped in only when complete, so a failed build leaves the
//! previous output exactly as it was. Only folders `dossier` made are ever replaced.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

/// The file that marks an output folder as made by `dossier` (so it may be replaced).
pub const MARKER: &str = ".dossier-output";

/// Resolves and checks the output folder: inside the root, and not the root itself,
/// `content/`, `templates/` or `static/` (nor inside them).
pub fn output_folder(root: &Path, requested: &Path) -> Result<PathBuf, Diagnostic> {
    let root = root.canonicalize().map_err(|err| {
        Diagnostic::error(format!(
            "cannot resolve the site root {}: {err}",
            root.display()
        ))
    })?;
    let joined = if requested.is_absolute() {
        requested.to_path_buf()
    } else {
        root.join(requested)
    };
    let output = resolve_lexically(&joined);
    // Resolve symbolic links in the part of the path that exists.
    let output = canonicalize_existing_prefix(&output);
    let refuse = |why: &str| {
        Diagnostic::error(format!("refusing to use {} as the output folder: {why}", requested.display()))
            .help("choose a folder inside the site root such as `public` (`output_dir` in site.toml, or --output)")
    };
    if !output.starts_with(&root) {
        return Err(refuse("it is outside the site root"));
    }
    if output == root {
        return Err(refuse("it is the site root itself"));
    }
    for protected in ["content", "templates", "static"] {
        if output.starts_with(root.join(protected)) {
            return Err(refuse(&format!(
                "it is inside `{protected}/`, which holds the site's sources"
            )));
        }
    }
    if output.exists() && !output.is_dir() {
        return Err(refuse("it exists and is not a folder"));
    }
    Ok(output)
}

/// Whether `dir` may be replaced: it does not exist, is empty, or carries our marker.
pub fn check_replaceable(dir: &Path) -> Result<(), Diagnostic> {
    if !dir.exists() || dir.join(MARKER).is_file() {
        return Ok(());
    }
    let empty = std::fs::read_dir(dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false);
    if empty {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "the output folder {} exists and was not made by dossier; it was left untouched",
        dir.display()
    ))
    .help(format!(
        "move or delete it yourself, or choose another output folder (--output); dossier marks its own output with a `{MARKER}` file"
    )))
}

/// A staging folder being filled: files may be written into it from many threads.
pub struct Staging {
    dir: PathBuf,
}

impl Staging {
    /// Writes one file (path relative to the output folder, `/`-separated), with no copy
    /// of `bytes`. Folders are made only when the write finds one missing: the citation
    /// files beside a page then cost one open/write/close each, no `mkdir` or `stat`.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if !is_safe_relative(path) {
            return Err(Diagnostic::error(format!(
                "refusing to write `{path}`: it would land outside the output folder"
            )));
        }
        let target = self.dir.join(path);
        match std::fs::write(&target, bytes) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|err| io_diagnostic("create", parent, &err))?;
                }
                std::fs::write(&target, bytes)
            }
            written => written,
        }
        .map_err(|err| io_diagnostic("write", &target, &err))
    }

    /// Writes the theme's and the site's static files (the site's win); call before the
    /// pages, which win over both.
    pub fn write_static(&self, static_files: &[(String, Arc<[u8]>)]) -> Result<(), Diagnostic> {
        let mut tree: BTreeMap<&str, &Arc<[u8]>> = BTreeMap::new();
        for (path, bytes) in static_files {
            tree.insert(path.as_str(), bytes);
        }
        tree.into_iter()
            .try_for_each(|(path, bytes)| self.write(path, bytes))
    }
}

/// Makes a staging folder beside `output`, lets `fill` write the new site into it, and
/// swaps it in, atomically: if `fill` fails, the previous output is left as it was.
pub fn publish_with<E: From<Diagnostic>>(
    output: &Path,
    fill: impl FnOnce(&Staging) -> Result<(), E>,
) -> Result<(), E> {
    check_replaceable(output)?;
    let parent = output
        .parent()
        .ok_or_else(|| Diagnostic::error("the output folder has no parent folder"))?;
    std::fs::create_dir_all(parent).map_err(|err| io_diagnostic("create", parent, &err))?;
    let name = output
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.dossier-new-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|err| io_diagnostic("remove", &staging, &err))?;
    }
    std::fs::create_dir_all(&staging).map_err(|err| io_diagnostic("create", &staging, &err))?;
    let stage = Staging {
        dir: staging.clone(),
    };
    let result = fill(&stage).and_then(|()| {
        let marker = staging.join(MARKER);
        std::fs::write(
            &marker,
            "This folder was generated by dossier; it is replaced on every build.\n",
        )
        .map_err(|err| io_diagnostic("write", &marker, &err))?;
        crate::timings::stage("swap", || swap_in(&staging, output, parent, &name)).map_err(E::from)
    });
    if result.is_err() && staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Moves the finished tree into place; on failure the previous output is restored.
fn swap_in(staging: &Path, output: &Path, parent: &Path, name: &str) -> Result<(), Diagnostic> {
    if !output.exists() {
        return std::fs::rename(staging, output)
            .map_err(|err| io_diagnostic("move into place", output, &err));
    }
    let old = parent.join(format!(".{name}.dossier-old-{}", std::process::id()));
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|err| io_diagnostic("remove", &old, &err))?;
    }
    std::fs::rename(output, &old).map_err(|err| io_diagnostic("move aside", output, &err))?;
    if let Err(err) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(io_diagnostic("move into place", output, &err));
    }
    let _ = remove_tree(&old);
    Ok(())
}

/// Removes a folder tree on every rayon thread. The previous output of a big site has tens
/// of thousands of folders (`quotes/<id>/`); removing them one by one on the main thread
/// took ~15% of a 10,000-article rebuild. Fans out two levels deep, where they are.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let is_dir = |path: &Path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if is_dir(&path) {
            for inner in std::fs::read_dir(&path)? {
                paths.push(inner?.path());
            }
        }
    }
    paths.par_iter().for_each(|path| {
        // Errors show in the final remove_dir_all below.
        let _ = if is_dir(path) {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        };
    });
    std::fs::remove_dir_all(dir)
}

/// A relative path with no `..`, no root and no hidden first component.
fn is_safe_relative(path: &str) -> bool {
    let path = Path::new(path);
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

fn resolve_lexically(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn canonicalize_existing_prefix(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

fn io_diagnostic(action: &str, path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot {action} {}: {err}", path.display()))
}
