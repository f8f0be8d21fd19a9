//! `dossier cms` (and `dossier init --cms`): a Git-based CMS for editors without a terminal.
//! Writes `static/admin/config.yml` (`config.rs`, from the content model's declarations)
//! and `static/admin/index.html` (`page.rs`, with dossier's preSave hook, `hook.js`), which
//! every build copies to `<site>/admin/`, for Decap CMS or Sveltia CMS (`app.rs`); Sveltia
//! on a multilingual site, the only one that reads dossier's translation files.

pub mod app;
pub mod config;
pub mod page;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
pub use app::App;
pub use config::CmsSite;

/// What `dossier cms` was asked for.
#[derive(Debug, Clone)]
pub struct CmsOptions {
    /// The CMS; by default Decap, or Sveltia on a multilingual site.
    pub app: Option<App>,
    /// `owner/name` on GitHub; by default the `origin` remote of the site's git checkout.
    pub repo: Option<String>,
    pub branch: String,
    /// Replace files that differ from what would be written (edited by hand).
    pub force: bool,
}

/// Writes the admin page and configuration for the site at `root`; returns the files
/// written (none when both are already current).
pub fn write(root: &Path, options: &CmsOptions) -> Result<Vec<PathBuf>, Diagnostic> {
    let (config, _) = crate::load::load_config(root)?;
    let mut languages = vec![config.language.clone()];
    languages.extend(config.languages.keys().cloned());
    let multilingual = languages.len() > 1;
    let app = match options.app {
        Some(App::Decap) if multilingual => return Err(decap_cannot_translate(&languages[1..])),
        Some(app) => app,
        None if multilingual => App::Sveltia,
        None => App::Decap,
    };
    let site = CmsSite {
        repo: options
            .repo
            .clone()
            .or_else(|| github_origin(root))
            .unwrap_or_else(|| "OWNER/REPO".into()),
        branch: options.branch.clone(),
        base_url: config.base_url(),
        base_path: config.base_path(),
        languages,
        app,
    };
    let files = [
        ("static/admin/config.yml", config::config_yml(&site)),
        (
            "static/admin/index.html",
            page::index_html(app, &config.title),
        ),
    ];
    for (path, text) in &files {
        refuse_edited(root, path, text, options.force)?;
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let full = root.join(path);
        if std::fs::read_to_string(&full).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        let failed = |err: std::io::Error| {
            Diagnostic::error(format!("cannot write {path}: {err}"))
                .in_file(path)
                .help("check that the site folder is writable")
        };
        std::fs::create_dir_all(full.parent().expect("a file in a folder")).map_err(failed)?;
        std::fs::write(&full, text).map_err(failed)?;
        written.push(full);
    }
    Ok(written)
}

/// Decap CMS names a translation's original `name.<language>.md` too (it has no
/// `omit_default_locale_from_filename`): on a multilingual site it would show originals
/// empty and save them under a name dossier refuses. Sveltia CMS reads dossier's layout.
fn decap_cannot_translate(others: &[String]) -> Diagnostic {
    Diagnostic::error(format!(
        "Decap CMS cannot edit a site with translations ([languages.{}] in site.toml)",
        others.join("], [languages.")
    ))
    .in_file("site.toml")
    .help("use Sveltia CMS, which reads dossier's `name.md` + `name.fa.md` layout: dossier cms --app sveltia")
}

/// An error when `path` exists and differs from `text`, unless `force`: it names the lines
/// that differ, so an editor's change is not lost unseen.
fn refuse_edited(root: &Path, path: &str, text: &str, force: bool) -> Result<(), Diagnostic> {
    let Ok(current) = std::fs::read_to_string(root.join(path)) else {
        return Ok(());
    };
    if force || current == text {
        return Ok(());
    }
    let new: Vec<&str> = text.lines().collect();
    let old: Vec<&str> = current.lines().collect();
    let mut differs: Vec<String> = old
        .iter()
        .filter(|line| !new.contains(line))
        .map(|line| format!("  - {line}"))
        .take(5)
        .collect();
    differs.extend(
        new.iter()
            .filter(|line| !old.contains(line))
            .map(|line| format!("  + {line}"))
            .take(5),
    );
    Err(Diagnostic::error(format!(
        "{path} differs from what `dossier cms` writes (edited by hand, or from another version):\n{}",
        differs.join("\n")
    ))
    .in_file(path)
    .help("run `dossier cms --force` to replace it (its edits are lost: the lines marked - above), or keep it as it is"))
}

/// `owner/name` of the GitHub `origin` remote in the site's `.git/config`, if any.
fn github_origin(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join(".git/config")).ok()?;
    let section = text.split("[remote \"origin\"]").nth(1)?;
    let url = section
        .lines()
        .map(str::trim)
        .find_map(|line| line.strip_prefix("url = "))?;
    let path = url
        .strip_prefix("https://github.com/")
        .or_else(|| url.strip_prefix("git@github.com:"))?;
    let path = path.trim_end_matches('/').trim_end_matches(".git");
    (path.split('/').count() == 2).then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repository_comes_from_a_github_origin() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        for (url, repo) in [
            ("https://github.com/owner/site.git", Some("owner/site")),
            ("git@github.com:owner/site.git", Some("owner/site")),
            ("https://gitlab.com/owner/site.git", None),
        ] {
            std::fs::write(
                dir.path().join(".git/config"),
                format!("[core]\n\tbare = false\n[remote \"origin\"]\n\turl = {url}\n"),
            )
            .unwrap();
            assert_eq!(github_origin(dir.path()).as_deref(), repo, "{url}");
        }
    }
}
