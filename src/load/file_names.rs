//! Names of the site's own files (`static/`, `templates/`, `i18n/`) that would not survive
//! the trip to another machine or to the output: names that differ only in case or in
//! Unicode normalisation (`Logo.png` and `logo.png`, `café` written precomposed and
//! decomposed) are one file on macOS and Windows, where an editor's checkout silently
//! keeps one of them; a name that is not UTF-8 cannot be a URL; and a static file at the
//! path of a page the build generates would be replaced by that page without a word.

use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::source_file::SiteFile;
use crate::diagnostics::{Diagnostic, display_path};

/// The form under which macOS (APFS, HFS+) and Windows (NTFS) compare names: Unicode
/// canonical composition (NFC), then lowercase.
pub fn folded(name: &str) -> String {
    name.nfc().collect::<String>().to_lowercase()
}

/// One error per file of `dir` whose name folds to an earlier file's.
pub fn duplicates(dir: &str, files: &[SiteFile]) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, &SiteFile> = HashMap::new();
    let mut errors = Vec::new();
    for file in files {
        match seen.get(&folded(&file.name)) {
            Some(first) => errors.push(
                Diagnostic::error(format!(
                    "{dir}/{} and {dir}/{} differ only in case or in how an accent is encoded",
                    first.name, file.name
                ))
                .in_file(file.path.clone())
                .help("rename or delete one: on macOS and Windows the two are one file, so a checkout there keeps only one of them"),
            ),
            None => {
                seen.insert(folded(&file.name), file);
            }
        }
    }
    errors
}

/// The error for a file whose name is not UTF-8 (it cannot be written in a URL or a
/// template name); `None` for any other.
pub fn not_unicode(root: &Path, path: &Path) -> Option<Diagnostic> {
    let name = path.file_name()?;
    if name.to_str().is_some() {
        return None;
    }
    Some(
        Diagnostic::error(format!(
            "the file name {} is not UTF-8 text",
            name.to_string_lossy()
        ))
        // Shown with U+FFFD for the bytes that are not UTF-8: the path must print.
        .in_file(display_path(root, path).to_string_lossy().into_owned())
        .help("rename the file: a name that is not UTF-8 (a file copied from an old system, often Latin-1) cannot be a URL"),
    )
}

/// One error per file of the site's `static/` that a generated page or file (a path of
/// `generated`) replaces in the output, exactly or on a file system that folds names.
pub fn replaced_static<'a>(
    static_files: &[SiteFile],
    generated: impl IntoIterator<Item = &'a str>,
) -> Vec<Diagnostic> {
    if static_files.is_empty() {
        return Vec::new();
    }
    let mut claimed: HashMap<String, &SiteFile> = static_files
        .iter()
        .map(|file| (folded(&file.name), file))
        .collect();
    let mut errors: Vec<Diagnostic> = generated
        .into_iter()
        .filter_map(|path| Some((path, claimed.remove(&folded(path))?)))
        .map(|(path, file)| {
            Diagnostic::error(format!(
                "static/{} would be replaced by {path}, which the build generates",
                file.name
            ))
            .in_file(file.path.clone())
            .help("rename or move the file: a generated page takes its place in the output. To change a generated page, change its template (`dossier theme eject`)")
        })
        .collect();
    errors.sort_by(|a, b| a.message.cmp(&b.message));
    errors
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn file(name: &str) -> SiteFile {
        SiteFile {
            name: name.into(),
            path: format!("static/{name}").into(),
            bytes: Arc::from(&b""[..]),
        }
    }

    #[test]
    fn names_equal_on_macos_and_windows_are_duplicates() {
        let files = [
            file("Logo.png"),
            file("logo.png"),
            file("caf\u{e9}.txt"),
            file("cafe\u{301}.txt"),
            file("other.txt"),
        ];
        let errors = duplicates("static", &files);
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "static/Logo.png and static/logo.png differ only in case or in how an accent is encoded",
                "static/caf\u{e9}.txt and static/cafe\u{301}.txt differ only in case or in how an accent is encoded",
            ]
        );
    }

    #[test]
    fn a_static_file_at_a_generated_path_is_reported() {
        let files = [file("index.html"), file("Atom.xml"), file("img/a.png")];
        let errors = replaced_static(&files, ["index.html", "atom.xml", "articles/a/index.html"]);
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "static/Atom.xml would be replaced by atom.xml, which the build generates",
                "static/index.html would be replaced by index.html, which the build generates",
            ]
        );
    }
}
