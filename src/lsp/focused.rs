//! The fast check of one file, on every keystroke: the pipeline's link run on the edited
//! file with only what it can name (every speaker and topic), so that it costs the same on a
//! site of ten thousand articles as on one of ten. What depends on the other articles (a
//! `responds_to` or `@/` link to one of them, a quote id used twice) the full link adds
//! ([`super::background`]), moments later.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::link::{self, BodyCache, LinkOptions};
use crate::load::Sources;

use super::sources::{ContentKind, SiteSources};

/// The diagnostics of the file at `path` (absolute) as far as they depend on it alone:
/// its load diagnostics, and its link diagnostics among the site's speakers and topics.
/// `bodies` keeps the Markdown of the speakers' and topics' bodies from one keystroke to the
/// next.
pub fn diagnostics(site: &SiteSources, path: &Path, bodies: &BodyCache) -> Vec<Diagnostic> {
    let shown = crate::diagnostics::display_path(&site.root, path);
    let in_file = |d: &Diagnostic| d.location.as_ref().is_some_and(|l| l.path == shown);
    let mut out: Vec<Diagnostic> = site
        .load_diagnostics()
        .iter()
        .filter(|d| in_file(d))
        .cloned()
        .collect();
    let Some(kind) = ContentKind::of(&site.root, path) else {
        return out;
    };
    let parsed = site.sources.articles.iter().any(|a| a.file.path == shown)
        || site.sources.speakers.iter().any(|s| s.file.path == shown)
        || site.sources.topics.iter().any(|t| t.file.path == shown);
    if !parsed {
        return out; // a load error, or a translation: the full link has the rest
    }
    let sources = around(&site.sources, &shown);
    // Just the link: templates and anchors that only a rendered page has are the full
    // check's (their diagnostics are in no content file anyway, or need other pages).
    let linked = link::link_all_reusing(&sources, LinkOptions { drafts: true }, Some(bodies));
    let found = linked.errors.into_iter().chain(linked.warnings);
    out.extend(found.filter(|d| {
        // Without the articles, every speaker and topic looks unused: not this file's fault.
        in_file(d) && !(kind != ContentKind::Article && d.message.contains("is never referenced"))
    }));
    out
}

/// The sources of the site's own language reduced to the file shown as `shown`, every
/// speaker and topic, and the other articles as files that failed to load: the link then
/// takes `@/` links and `responds_to` naming them as already reported, not as errors.
fn around(sources: &Sources, shown: &Path) -> Sources {
    let mut failed = sources.failed.clone();
    failed.extend(
        (sources.articles.iter())
            .filter(|a| a.file.path != shown)
            .map(|a| a.file.content_path.clone()),
    );
    Sources {
        root: sources.root.clone(),
        config: sources.config.clone(),
        config_file: sources.config_file.clone(),
        articles: (sources.articles.iter())
            .filter(|a| a.file.path == shown)
            .cloned()
            .collect(),
        speakers: sources.speakers.clone(),
        topics: sources.topics.clone(),
        templates: sources.templates.clone(),
        static_files: sources.static_files.clone(),
        i18n: sources.i18n.clone(),
        languages: Vec::new(),
        translated: None,
        failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::workspace::Workspace;

    /// On the language server's fixture site, each file's fast diagnostics are exactly the
    /// full link's for that file: the reduction adds nothing and loses nothing that does not
    /// depend on other articles.
    #[test]
    fn a_file_alone_gives_what_the_full_link_gives_for_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/site");
        let mut workspace = Workspace::new(&root);
        workspace.analyse();
        let site = SiteSources::load(&root).unwrap();
        let shown = |d: &Diagnostic| {
            (
                d.location.as_ref().map(|l| l.path.clone()),
                d.message.clone(),
            )
        };
        for file in crate::lsp::index::content_files(&site.sources) {
            let path = root.join(&file.path);
            let bodies = BodyCache::default();
            let mut fast: Vec<_> = (diagnostics(&site, &path, &bodies).iter())
                .map(shown)
                .collect();
            let mut full: Vec<_> = (workspace.diagnostics.iter())
                .filter(|d| d.location.as_ref().is_some_and(|l| l.path == file.path))
                .map(shown)
                .collect();
            fast.sort();
            full.sort();
            assert_eq!(fast, full, "{}", file.path.display());
        }
    }
}
