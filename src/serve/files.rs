//! The served site in memory: every file by its output path, in layers (the search index,
//! the last full render, a small overlay of files updated since), and which URL paths
//! differ between two versions (for live reload).

use std::collections::HashMap;
use std::sync::Arc;

use super::stored::Stored;
use crate::urls;

pub type Map = HashMap<String, Stored>;

/// The served site: every file by its path, in three layers. The search index's files
/// (`pagefind/`) are replaced whole by each new index; the `base` (the last full render and
/// the static files) lies over them; incremental updates go into a small `overlay` on top.
/// So a full render replaces the base alone and a new index the index alone, neither
/// copying the other's files (at 10,000 articles ~50,000 and ~40,000), and re-rendering
/// one page costs nothing in proportion to the site: the engine's thread does these
/// between edits.
#[derive(Clone, Default)]
pub struct Files {
    index: Arc<Map>,
    base: Arc<Map>,
    overlay: Arc<Map>,
}

impl Files {
    pub fn get(&self, key: &str) -> Option<&Stored> {
        (self.overlay.get(key))
            .or_else(|| self.base.get(key))
            .or_else(|| self.index.get(key))
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Every file, once each.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Stored)> {
        let index = (self.index.iter())
            .filter(|(key, _)| !self.overlay.contains_key(*key) && !self.base.contains_key(*key));
        self.iter_pages().chain(index)
    }

    /// Every file but the search index's, once each.
    fn iter_pages(&self) -> impl Iterator<Item = (&String, &Stored)> {
        let base = (self.base.iter()).filter(|(key, _)| !self.overlay.contains_key(*key));
        self.overlay.iter().chain(base)
    }

    /// These files with `updates` replacing or adding files.
    pub fn with(&self, updates: impl IntoIterator<Item = (String, Stored)>) -> Files {
        let mut overlay = (*self.overlay).clone();
        overlay.extend(updates);
        Files {
            overlay: Arc::new(overlay),
            ..self.clone()
        }
    }

    /// These files with a new base (a full render): the overlay goes, the index stays.
    pub fn with_base(&self, base: Map) -> Files {
        Files {
            index: self.index.clone(),
            base: Arc::new(base),
            overlay: Arc::default(),
        }
    }

    /// These files with a new search index.
    pub fn with_index(&self, index: Map) -> Files {
        Files {
            index: Arc::new(index),
            ..self.clone()
        }
    }

    /// Files of the given texts by path (tests).
    #[cfg(test)]
    pub fn of_texts(files: &[(&str, &str)]) -> Files {
        Files::default().with_base(
            (files.iter())
                .map(|(path, text)| (path.to_string(), Stored::new(path, text.as_bytes())))
                .collect(),
        )
    }

    /// The base and the overlay in one map: every file but the search index's.
    pub fn pages(&self) -> Map {
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
pub fn changed_paths<'a>(old: &'a Files, new: &'a Files) -> Option<Vec<String>> {
    const MAX_LISTED: usize = 5_000;
    let mut paths = Vec::new();
    let differs = |key: &String, stored: &Stored| match old.get(key) {
        Some(before) => !before.same(stored),
        None => true,
    };
    let same_index = Arc::ptr_eq(&old.index, &new.index);
    let same_base = same_index && Arc::ptr_eq(&old.base, &new.base);
    // Only the layers that are not shared can differ: after an edit, a cost in proportion
    // to the change; after a render, to the pages, not the search index.
    let files = |files: &'a Files| -> Box<dyn Iterator<Item = (&'a String, &'a Stored)> + 'a> {
        if same_index {
            Box::new(files.iter_pages())
        } else {
            Box::new(files.iter())
        }
    };
    let candidates = if same_base {
        Box::new(new.overlay.iter())
    } else {
        files(new)
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
            files(old)
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
        Files::of_texts(files)
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
    fn a_new_render_keeps_the_index_and_a_new_index_keeps_the_pages() {
        let stored =
            |path: &str, text: &str| (path.to_string(), Stored::new(path, text.as_bytes()));
        let served = site(&[("index.html", "a")])
            .with_index([stored("pagefind/pagefind.js", "i1")].into())
            .with([stored("index.html", "edited")]);
        assert_eq!(&served.get("index.html").unwrap().bytes()[..], b"edited");
        assert_eq!(served.iter().count(), 2);

        let rendered =
            served.with_base([stored("index.html", "b"), stored("new.html", "n")].into());
        assert_eq!(
            &rendered.get("index.html").unwrap().bytes()[..],
            b"b",
            "the overlay went"
        );
        assert_eq!(
            &rendered.get("pagefind/pagefind.js").unwrap().bytes()[..],
            b"i1"
        );
        assert_eq!(
            changed_paths(&served, &rendered),
            Some(vec!["/".into(), "/new.html".into()])
        );

        let indexed = rendered.with_index([stored("pagefind/pagefind.js", "i2")].into());
        assert_eq!(&indexed.get("new.html").unwrap().bytes()[..], b"n");
        assert_eq!(
            &indexed.get("pagefind/pagefind.js").unwrap().bytes()[..],
            b"i2"
        );
        assert_eq!(indexed.pages().len(), 2, "pages() leaves the index out");
    }

    #[test]
    fn a_changed_stylesheet_reloads_every_tab() {
        let old = site(&[("index.html", "a"), ("style.css", "x")]);
        let new = site(&[("index.html", "a"), ("style.css", "y")]);
        assert_eq!(changed_paths(&old, &new), None);
    }
}
