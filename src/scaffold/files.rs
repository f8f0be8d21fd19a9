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
    // Byte offsets of the characters: a slug in another script has multi-byte letters.
    let Some((end, _)) = slug.char_indices().nth(max) else {
        return slug;
    };
    match slug[..end].rfind('-') {
        Some(at) if at > 0 && slug[end..].starts_with('-') => &slug[..end],
        Some(at) if at > 0 => &slug[..at],
        _ => slug[..end].trim_end_matches('-'),
    }
}

/// site.toml's `slugify` in the site at `root` (`unicode` when it cannot be read: the
/// build reports a broken site.toml).
pub fn slug_mode(root: &std::path::Path) -> crate::config::SlugMode {
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    let table: toml::Table = toml::from_str(&text).unwrap_or_default();
    match table.get("slugify").and_then(|v| v.as_str()) {
        Some("ascii") => crate::config::SlugMode::Ascii,
        _ => crate::config::SlugMode::Unicode,
    }
}

pub fn slug_of(mode: crate::config::SlugMode, title: &str) -> Result<String, Diagnostic> {
    let slug = cut_slug(&slugs::slugify_in(mode, title), MAX_FILE_SLUG).to_string();
    if slug.is_empty() {
        return Err(
            Diagnostic::error(format!("cannot make a file name from `{title}`"))
                .help("use a title with letters or digits"),
        );
    }
    Ok(slug)
}
