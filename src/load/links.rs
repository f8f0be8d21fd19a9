//! Symbolic links in a site's folders: followed while they stay inside the site, refused
//! when they lead out of it. A build publishes what it reads, so a link out of the site
//! (`static/env.txt` → `/proc/self/environ`, a key, another project's files) would publish
//! whatever it points at; Hugo does not follow links out of its mounts either.

use std::path::Path;

use crate::diagnostics::{Diagnostic, display_path};

/// The error for `path`, a symbolic link (to a file or a folder) under the site at `root`,
/// when its target lies outside the site; `None` when it stays inside (or is broken: the
/// walk reports that).
pub fn leads_outside(root: &Path, path: &Path) -> Option<Diagnostic> {
    let target = std::fs::canonicalize(path).ok()?;
    let site = std::fs::canonicalize(root).ok()?;
    if target.starts_with(&site) {
        return None;
    }
    let shown = display_path(root, path);
    let written = std::fs::read_link(path).unwrap_or_else(|_| target.clone());
    Some(
        Diagnostic::error(format!(
            "{} is a symbolic link to {}, outside the site",
            shown.display(),
            written.display()
        ))
        .in_file(shown)
        .help(format!(
            "copy what you need into the site instead of linking it: dossier reads only files inside the site's folder, so that a link cannot publish a file from elsewhere (it points at {})",
            target.display()
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_inside_the_site_is_followed_and_one_out_of_it_refused() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("static/img")).unwrap();
        std::fs::write(root.join("static/img/a.png"), b"png").unwrap();
        std::os::unix::fs::symlink("img/a.png", root.join("static/b.png")).unwrap();
        assert!(leads_outside(root, &root.join("static/b.png")).is_none());
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("secret"), b"key").unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("secret"), root.join("static/c.txt"))
            .unwrap();
        let error = leads_outside(root, &root.join("static/c.txt")).unwrap();
        assert!(
            error
                .message
                .starts_with("static/c.txt is a symbolic link to /")
        );
        assert!(error.message.ends_with("secret, outside the site"));
    }
}
