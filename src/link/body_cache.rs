//! Rendered Markdown bodies kept from one link to the next, for `serve`: a new article
//! relinks the whole dossier, and rendering 10,000 unchanged bodies again was a third of
//! that link. A body is reused when its file's text is the same, the Markdown options are
//! the same and every `@/` link in it resolves to the same URL as before (so a new or
//! renamed target renders the bodies that name it again). `build` and `check` link once
//! and keep nothing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::markdown::Rendered;
use crate::config::MarkdownConfig;
use crate::load::SourceFile;

/// The bodies of the last link, by content path.
#[derive(Default)]
pub struct BodyCache {
    last: Mutex<Bodies>,
}

/// The bodies of one link, rendered with `options`.
#[derive(Default)]
pub struct Bodies {
    options: Option<MarkdownConfig>,
    by_path: HashMap<String, Cached>,
}

struct Cached {
    /// Shared with the sources, so keeping it costs no copy.
    text: Arc<str>,
    body_offset: usize,
    rendered: Rendered,
}

impl BodyCache {
    /// The last link's bodies, if they were rendered with `options` (the cache is empty
    /// until [`BodyCache::keep`]).
    pub fn take(&self, options: &MarkdownConfig) -> Bodies {
        let last = std::mem::take(&mut *self.last.lock().unwrap_or_else(|e| e.into_inner()));
        if last.options.as_ref() == Some(options) {
            last
        } else {
            Bodies::default()
        }
    }

    /// Keeps the bodies of this link for the next.
    pub fn keep<'a>(
        &self,
        options: &MarkdownConfig,
        bodies: impl Iterator<Item = (&'a SourceFile, &'a Rendered)>,
    ) {
        let by_path = bodies
            .map(|(file, rendered)| {
                let cached = Cached {
                    text: file.text.clone(),
                    body_offset: file.body_offset,
                    rendered: rendered.clone(),
                };
                (file.content_path.clone(), cached)
            })
            .collect();
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Bodies {
            options: Some(options.clone()),
            by_path,
        };
    }
}

impl Bodies {
    /// `file`'s body as the last link rendered it, if it would render the same now.
    pub fn reuse(&self, file: &SourceFile, internal: &HashMap<String, String>) -> Option<Rendered> {
        let cached = self.by_path.get(&file.content_path)?;
        let same_text = cached.body_offset == file.body_offset
            && (Arc::ptr_eq(&cached.text, &file.text) || cached.text == file.text);
        let same_links = cached
            .rendered
            .internal
            .iter()
            .all(|(path, url)| internal.get(path) == url.as_ref());
        (same_text && same_links).then(|| cached.rendered.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::markdown;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "content/articles/a.md".into(),
            content_path: "articles/a.md".into(),
            text: Arc::from(text),
            front_offset: 0,
            body_offset: 0,
        }
    }

    #[test]
    fn a_body_is_reused_only_while_its_text_options_and_links_are_the_same() {
        let options = MarkdownConfig::default();
        let internal: HashMap<String, String> =
            [("topics/t.md".to_string(), "/topics/t/".to_string())].into();
        let a = file("See [t](@/topics/t.md) and [gone](@/topics/gone.md).\n");
        let rendered = markdown::render(a.body(), &options, &internal);
        let cache = BodyCache::default();
        cache.keep(&options, [(&a, &rendered)].into_iter());
        let last = cache.take(&options);
        let reused = last.reuse(&a, &internal).expect("same text and links");
        assert!(Arc::ptr_eq(&reused.html, &rendered.html));
        let edited = file("See [t](@/topics/t.md), edited.\n");
        assert!(last.reuse(&edited, &internal).is_none());
        let moved: HashMap<String, String> =
            [("topics/t.md".to_string(), "/topics/moved/".to_string())].into();
        assert!(last.reuse(&a, &moved).is_none(), "a link's URL changed");
        let mut appeared = internal.clone();
        appeared.insert("topics/gone.md".into(), "/topics/gone/".into());
        assert!(
            last.reuse(&a, &appeared).is_none(),
            "a broken link's file appeared"
        );

        cache.keep(&options, [(&a, &rendered)].into_iter());
        let plain = MarkdownConfig {
            smart_punctuation: false,
            ..options
        };
        assert!(cache.take(&plain).reuse(&a, &internal).is_none());
    }
}
