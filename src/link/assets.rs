//! Cache-busting URLs for the stylesheets and scripts at the site's root: `style.css` is
//! linked as `style.css?v=<content hash>`, so a reader's browser (or a CDN) that kept the
//! old file fetches the new one as soon as a page names a new hash, and the files
//! themselves may be cached for as long as a host likes. The hash is of the bytes that are
//! published: the site's own `static/style.css` when it has one, else the theme's.
//!
//! Only `.css` and `.js` files are hashed: they are few and small, while `static/` may hold
//! hundreds of megabytes of images that `serve` would hash again on every change.

use std::collections::BTreeMap;

use crate::load::SiteFile;

/// The file names a version is kept for.
pub fn is_asset(name: &str) -> bool {
    name.ends_with(".css") || name.ends_with(".js")
}

/// Each published `.css` and `.js` file (the theme's, then the site's, which replace them
/// by name) with its version: 8 hex digits of its CRC-32. Without search, the theme's
/// `search.js` is not published.
pub fn versions(site_files: &[SiteFile], search: bool) -> BTreeMap<String, String> {
    let theme = crate::render::theme::STATIC_FILES
        .iter()
        .filter(|(name, _)| search || *name != "search.js")
        .map(|(name, bytes)| (name.to_string(), *bytes));
    let site = site_files.iter().map(|f| (f.name.clone(), &f.bytes[..]));
    theme
        .chain(site)
        .filter(|(name, _)| is_asset(name))
        .map(|(name, bytes)| (name, format!("{:08x}", crc32fast::hash(bytes))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, bytes: &str) -> SiteFile {
        SiteFile {
            name: name.into(),
            path: format!("static/{name}").into(),
            bytes: bytes.as_bytes().into(),
        }
    }

    #[test]
    fn a_site_file_replaces_the_theme_s_and_changes_its_version() {
        let theme = versions(&[], true);
        assert!(theme.contains_key("style.css") && theme.contains_key("search.js"));
        let own = versions(
            &[file("style.css", "body{}"), file("logo.png", "png")],
            true,
        );
        assert_ne!(own["style.css"], theme["style.css"]);
        assert_eq!(
            own["style.css"],
            format!("{:08x}", crc32fast::hash(b"body{}"))
        );
        assert!(!own.contains_key("logo.png"));
        assert!(!versions(&[], false).contains_key("search.js"));
    }
}
