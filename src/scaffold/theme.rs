//! `dossier theme eject` and `dossier theme diff`: copy the built-in theme's files into a
//! site, where they override it, and show how a site's copies differ from the theme they
//! came from (after an upgrade of dossier, what the site's copy misses).

use std::path::{Path, PathBuf};

use super::files::write_new_bytes;
use crate::diagnostics::{Diagnostic, unknown_name_help};

/// Every file of the built-in theme, as the path a site gives it to override it
/// (`templates/base.html`, `static/style.css`), with its bytes.
pub fn theme_files() -> Vec<(String, &'static [u8])> {
    let templates = crate::render::theme::TEMPLATES
        .iter()
        .map(|(name, text)| (format!("templates/{name}"), text.as_bytes()));
    let statics = crate::render::theme::STATIC_FILES
        .iter()
        .map(|(name, bytes)| (format!("static/{name}"), *bytes));
    templates.chain(statics).collect()
}

/// The built-in theme's files, once `root` is known to be a site and every name of `only`
/// to be one of them.
fn theme_files_of_site(
    root: &Path,
    only: &[String],
) -> Result<Vec<(String, &'static [u8])>, Diagnostic> {
    if !root.join("site.toml").is_file() {
        return Err(Diagnostic::error(format!(
            "{} is not a dossier site: it has no site.toml",
            root.display()
        ))
        .help("run this in the site's folder, or pass --root DIR"));
    }
    let all = theme_files();
    check_names(&all, only)?;
    Ok(all)
}

/// `dossier theme eject [FILE]…`: copies the built-in theme's templates and static files
/// (or only `only`, by their paths in the site) into the site at `root`, where they
/// override the built-in ones and can be edited. Writes nothing if any of them exists.
pub fn eject_theme(root: &Path, only: &[String]) -> Result<Vec<PathBuf>, Diagnostic> {
    let all = theme_files_of_site(root, only)?;
    let chosen: Vec<&(String, &[u8])> = all
        .iter()
        .filter(|(path, _)| only.is_empty() || only.contains(path))
        .collect();
    let existing: Vec<&str> = chosen
        .iter()
        .filter(|(path, _)| std::fs::symlink_metadata(root.join(path)).is_ok())
        .map(|(path, _)| path.as_str())
        .collect();
    if !existing.is_empty() {
        return Err(Diagnostic::error(format!(
            "refusing to overwrite {}: the site already has {}; nothing was written",
            existing.join(", "),
            if existing.len() == 1 { "it" } else { "them" }
        ))
        .help(
            "move them aside first, or name the files to copy: dossier theme eject templates/article.html",
        ));
    }
    let mut written = Vec::new();
    for (path, bytes) in chosen {
        let path = root.join(path);
        write_new_bytes(&path, bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// How one file the site overrides compares with the built-in theme's.
#[derive(Debug, PartialEq)]
pub enum ThemeFile {
    /// The same bytes: the copy only stops the site following theme updates.
    Same(String),
    /// A unified diff, built-in (`---`) to the site's (`+++`).
    Differs { path: String, diff: String },
    /// Differs, and is not text.
    BinaryDiffers(String),
}

/// `dossier theme diff [FILE]…`: each file of the site at `root` that overrides a file of
/// the built-in theme (or only those of `only`), compared with it.
pub fn theme_diff(root: &Path, only: &[String]) -> Result<Vec<ThemeFile>, Diagnostic> {
    let all = theme_files_of_site(root, only)?;
    let mut out = Vec::new();
    for (path, builtin) in &all {
        if !only.is_empty() && !only.contains(path) {
            continue;
        }
        let Ok(mine) = std::fs::read(root.join(path)) else {
            continue;
        };
        out.push(compare(path, builtin, &mine));
    }
    Ok(out)
}

fn compare(path: &str, builtin: &[u8], mine: &[u8]) -> ThemeFile {
    if builtin == mine {
        return ThemeFile::Same(path.to_string());
    }
    let (Ok(old), Ok(new)) = (std::str::from_utf8(builtin), std::str::from_utf8(mine)) else {
        return ThemeFile::BinaryDiffers(path.to_string());
    };
    let diff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("built-in {path}"), path)
        .to_string();
    ThemeFile::Differs {
        path: path.to_string(),
        diff,
    }
}

/// An error for the first name of `only` that is no file of the theme.
fn check_names(all: &[(String, &[u8])], only: &[String]) -> Result<(), Diagnostic> {
    let known: Vec<&str> = all.iter().map(|(path, _)| path.as_str()).collect();
    for wanted in only {
        if !known.contains(&wanted.as_str()) {
            let help = unknown_name_help(wanted, known.iter().copied(), None)
                .unwrap_or_else(|| format!("the theme's files: {}", known.join(", ")));
            return Err(
                Diagnostic::error(format!("the built-in theme has no file `{wanted}`")).help(help),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eject_copies_the_whole_theme_then_refuses_to_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        assert!(
            eject_theme(root, &[])
                .unwrap_err()
                .message
                .contains("no site.toml")
        );
        std::fs::write(root.join("site.toml"), "").unwrap();
        let written = eject_theme(root, &[]).unwrap();
        assert_eq!(written.len(), theme_files().len());
        for (path, bytes) in theme_files() {
            assert_eq!(std::fs::read(root.join(&path)).unwrap(), bytes, "{path}");
        }
        std::fs::write(root.join("templates/base.html"), "mine").unwrap();
        let err = eject_theme(root, &[]).unwrap_err();
        assert!(
            err.message
                .contains("refusing to overwrite templates/base.html"),
            "{}",
            err.message
        );
        assert_eq!(
            std::fs::read_to_string(root.join("templates/base.html")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn diff_shows_what_the_site_changed_and_what_it_copied_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("site.toml"), "").unwrap();
        assert_eq!(theme_diff(root, &[]).unwrap(), []);
        eject_theme(
            root,
            &["templates/article.html".into(), "static/style.css".into()],
        )
        .unwrap();
        let article = root.join("templates/article.html");
        let text = std::fs::read_to_string(&article).unwrap();
        std::fs::write(&article, format!("{text}<p>Edited by the site.</p>\n")).unwrap();
        let found = theme_diff(root, &[]).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        let ThemeFile::Differs { path, diff } = &found[0] else {
            panic!("{found:?}");
        };
        assert_eq!(path, "templates/article.html");
        assert!(
            diff.starts_with("--- built-in templates/article.html\n+++ templates/article.html\n")
        );
        assert!(diff.contains("\n+<p>Edited by the site.</p>\n"), "{diff}");
        assert_eq!(found[1], ThemeFile::Same("static/style.css".into()));
        let only = theme_diff(root, &["static/style.css".into()]).unwrap();
        assert_eq!(only, [ThemeFile::Same("static/style.css".into())]);
        assert!(theme_diff(root, &["templates/footr.html".into()]).is_err());
    }

    #[test]
    fn eject_of_named_files_copies_only_those_and_suggests_a_near_name() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("site.toml"), "").unwrap();
        let err = eject_theme(root, &["templates/artcle.html".into()]).unwrap_err();
        assert!(
            err.help
                .iter()
                .any(|h| h.contains("templates/article.html")),
            "{:?}",
            err.help
        );
        let written = eject_theme(root, &["static/style.css".into()]).unwrap();
        assert_eq!(written, vec![root.join("static/style.css")]);
        assert!(!root.join("templates").exists());
    }
}
