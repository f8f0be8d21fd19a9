//! The served site in memory: every file by its output path, as a base (the last full
//! rebuild) and a small overlay of files updated since, and which URL paths differ between
//! two versions (for live reload).

use std::collections::HashMap;
use std::sync::Arc;

use super::stored::Stored;
use crate::urls;

pub type Map = HashMap<String, Stored>;

/// The served site: every file by its path. A full rebuild makes a new `base`; incremental
/// updates go into a small `overlay` on top of it, so re-rendering one page costs nothing
/// in proportion to the site (at 10,000 articles it has some 90,000 files).
#[derive(Clone, Default)]
pub struct Files {
    base: Arc<Map>,
    overlay: Arc<Map>,
}

impl Files {
    pub fn new(files: Map) -> Files {
        Files {
            base: Arc::new(files),
            overlay: Arc::default(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Stored> {
        self.overlay.get(key).or_else(|| self.base.get(key))
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.base.is_empty() && self.overlay.is_empty()
    }

    /// Every file, once each.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Stored)> {
        self.overlay.iter().chain(
            self.base
                .iter()
                .filter(|(key, _)| !self.overlay.contains_key(*key)),
        )
    }

    /// These files with `updates` replacing or adding files.
    pub fn with(&self, updates: impl IntoIterator<Item = (String, Stored)>) -> Files {
        let mut overlay = (*self.overlay).clone();
        overlay.extend(updates);
        Files {
            base: self.base.clone(),
            overlay: Arc::new(overlay),
        }
    }

    /// Everything in one map (for changes that also remove files).
    pub fn flatten(&self) -> Map {
        let mut map = (*self.base).clone();
        map.extend(self.overlay.iter().map(|(k, v)| (k.clone(), v.clone())));
        map
    }
}

/// Kinds of files that pages embed: when one changes, every tab reloads.
const SHARED_ASSETS: &[&str] = &[
    "css", "js", "mjs", "wasm", "woff", "woff2", "ttf", "otf", "png", "jpg", "jpeg", "gif", "svg",
    "webp", "avif", "ico",
];

/// The URL paths whose bytes differ between two versions of the site (added and removed
/// files included), or `None` when a file that pages embed changed (a stylesheet, an image:
/// every tab should reload) or too many changed to be worth listing.
pub fn changed_paths(old: &Files, new: &Files) -> Option<Vec<String>> {
    const MAX_LISTED: usize = 5_000;
    let mut paths = Vec::new();
    let differs = |key: &String, stored: &Stored| match old.get(key) {
        Some(before) => !before.same(stored),
        None => true,
    };
    let same_base = Arc::ptr_eq(&old.base, &new.base);
    let candidates: Box<dyn Iterator<Item = (&String, &Stored)>> = if same_base {
        // Only the overlays can differ: a cost in proportion to the change, not the site.
        Box::new(new.overlay.iter())
    } else {
        Box::new(new.iter())
    };
    let changed = candidates
        .filter(|(key, bytes)| differs(key, bytes))
        .map(|(key, _)| key);
    let removed: Box<dyn Iterator<Item = &String>> = if same_base {
        Box::new(old.overlay.keys().filter(|key| {
            let same = match (old.get(key), new.get(key)) {
                (Some(before), Some(after)) => before.same(after),
                (before, after) => before.is_none() && after.is_none(),
            };
            !same && !new.overlay.contains_key(*key)
        }))
    } else {
        Box::new(
            old.iter()
                .map(|(key, _)| key)
                .filter(|key| !new.contains_key(key)),
        )
    };
    for key in changed.chain(removed) {
        let extension = key.rsplit_once('.').map_or("", |(_, e)| e);
        if SHARED_ASSETS.contains(&extension) {
            return None;
        }
        paths.push(format!("/{}", urls::site_path(key)));
        if paths.len() > MAX_LISTED {
            return None;
        }
    }
    paths.sort();
    Some(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Files {
        Files::new(
            files
                .iter()
                .map(|(k, v)| (k.to_string(), Stored::new(k, v.as_bytes())))
                .collect(),
        )
    }

    #[test]
    fn lists_the_pages_that_changed() {
        let old = site(&[
            ("index.html", "a"),
            ("articles/x/index.html", "b"),
            ("data/q.csv", "c"),
        ]);
        let new = site(&[
            ("index.html", "a"),
            ("articles/x/index.html", "B"),
            ("articles/y/index.html", "n"),
        ]);
        assert_eq!(
            changed_paths(&old, &new),
            Some(vec![
                "/articles/x/".into(),
                "/articles/y/".into(),
                "/data/q.csv".into()
            ])
        );
        assert_eq!(changed_paths(&old, &old), Some(vec![]));
    }

    #[test]
    fn an_update_on_top_of_a_site_compares_only_what_it_replaced() {
        let base = site(&[("index.html", "a"), ("articles/x/index.html", "b")]);
        let page = |text: &str| Stored::new("articles/x/index.html", text.as_bytes());
        let one = base.with([("articles/x/index.html".to_string(), page("B"))]);
        assert_eq!(
            changed_paths(&base, &one),
            Some(vec!["/articles/x/".into()])
        );
        assert_eq!(&one.get("articles/x/index.html").unwrap().bytes()[..], b"B");
        assert_eq!(&one.get("index.html").unwrap().bytes()[..], b"a");
        let same = one.with([("articles/x/index.html".to_string(), page("B"))]);
        assert_eq!(changed_paths(&one, &same), Some(vec![]));
        assert_eq!(one.iter().count(), 2);
    }

    #[test]
    fn a_changed_stylesheet_reloads_every_tab() {
        let old = site(&[("index.html", "a"), ("style.css", "x")]);
        let new = site(&[("index.html", "a"), ("style.css", "y")]);
        assert_eq!(changed_paths(&old, &new), None);
    }
}
