//! Writing a new file of `dossier new` and `init`: its name from a title, its TOML
//! strings, and never over an existing file.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::link::slugs;

/// A TOML string literal for `text`, escaped.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

pub fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    write_new_bytes(path, text.as_bytes())
}

pub fn write_new_bytes(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|err| {
            Diagnostic::error(format!("cannot create {}: {err}", parent.display()))
        })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|err| {
            if err.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::error(format!(
                    "{} already exists; not overwriting it",
                    path.display()
                ))
                .help("choose another title, or edit the existing file")
            } else {
                Diagnostic::error(format!("cannot write {}: {err}", path.display()))
            }
        })?;
    std::io::Write::write_all(&mut file, bytes)
        .map_err(|err| Diagnostic::error(format!("cannot write {}: {err}", path.display())))
}

/// File names are cut to this many characters of slug (at a word boundary): a long title
/// stays the title, not the file name (file systems refuse names over 255 bytes).
pub const MAX_FILE_SLUG: usize = 60;

/// `slug` cut to at most `max` characters, at a `-` between words when there is one.
pub fn cut_slug(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    // A slug is ASCII: any byte index is a character boundary.
    match slug[..=max].rfind('-') {
        Some(at) if at > 0 => &slug[..at],
        _ => slug[..max].trim_end_matches('-'),
    }
}

pub fn slug_of(title: &str) -> Result<String, Diagnostic> {
    let slug = cut_slug(&slugs::slugify(title), MAX_FILE_SLUG).to_string();
    if slug.is_empty() {
        return Err(
            Diagnostic::error(format!("cannot make a file name from `{title}`"))
                .help("use a title with letters or digits"),
        );
    }
    Ok(slug)
}
