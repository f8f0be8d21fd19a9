//! A page to render (template, output path, context) and what every page's context holds.

use tera::Context;

use crate::link::model::Dossier;
use crate::render::cite::one_line;
use crate::render::page_kind::PageKind;
use crate::render::values::view;
use crate::render::views::Views;

/// One HTML page to render: its template, its output path (relative, `/`-separated), and its
/// context.
#[derive(Clone)]
pub struct PageSpec {
    pub template: &'static str,
    pub path: String,
    pub context: Context,
    /// What the page is about: drives its feed link, JSON-LD and sitemap date.
    pub kind: PageKind,
}

view! {
    /// The page being rendered, as every page template gets it (`page`).
    PageView {
        /// The kind of page: `home`, `articles`, `quotes`, `topics`, `speakers`, `article`,
        /// `topic`, `speaker`, `quote`, `chronology`, `chronology_year`, `search`, `404`; a
        /// topic's or speaker's lists: `topic_quotes`, `topic_articles`, `topic_chronology`,
        /// `speaker_quotes`, `speaker_articles`.
        kind: String,
        /// The page's title (`<title>`, Open Graph), on one line.
        title: String,
        /// The page's URL (with the base path).
        url: String,
        /// The page's absolute URL (canonical link).
        permalink: String,
        /// The page's description (meta description, Open Graph): its summary, role or
        /// topic description, else the site's; on one line.
        description: String,
    }
}

/// What every page gets: `site` (built once, in the views) and `page`.
pub fn base_context(
    dossier: &Dossier,
    views: &Views,
    kind: &str,
    title: &str,
    url: &str,
    description: Option<&str>,
) -> Context {
    // On one line: they fill `<meta content>` (Open Graph, Twitter), where a quote's line
    // break would be kept raw.
    let page = PageView {
        kind: kind.into(),
        title: one_line(title),
        url: url.into(),
        permalink: dossier.permalink(url),
        description: one_line(description.unwrap_or(&dossier.config.description)),
    };
    let mut context = Context::new();
    context.insert_value("site", views.site.value().clone());
    context.insert_value("page", page.into_value());
    context
}

/// A page's spec from its parts.
pub fn spec(template: &'static str, path: String, context: Context, kind: PageKind) -> PageSpec {
    PageSpec {
        template,
        path,
        context,
        kind,
    }
}
