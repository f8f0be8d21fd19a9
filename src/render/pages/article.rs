//! An article's page.

use super::corrections::CorrectionView;
use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::cite;
use crate::render::page_kind::PageKind;
use crate::render::values::{Extra, Html, List, Ref, view};
use crate::render::views::{
    ArticleCard, CitationDownloads, EventView, QuoteCard, SpeakerCard, Views,
};
use crate::urls;

view! {
    /// The article page's context (`article.html`), besides `site`, `page` and `head`.
    ArticleContext {
        article: Ref<ArticlePage>,
    }
}

view! {
    /// An article on its own page: the card's fields and everything the page shows.
    ArticlePage: ArticleCard {
        source_url: Option<String>,
        archive_url: Option<String>,
        /// The day the archived copy was made, `YYYY-MM-DD`.
        archived: Option<String>,
        archived_display: Option<String>,
        /// The Markdown body, rendered.
        body_html: Html,
        /// Corrections made since it was published, newest first.
        corrections: List<CorrectionView>,
        /// `[extra]` from the front matter.
        extra: Extra,
        /// Speakers named or quoted.
        speakers: List<SpeakerCard>,
        quotes: List<QuoteCard>,
        events: List<EventView>,
        /// Other articles sharing the most topics.
        related: List<ArticleCard>,
        /// The article before this one by date.
        previous: Option<Ref<ArticleNeighbour>>,
        /// The article after this one by date.
        next: Option<Ref<ArticleNeighbour>>,
        /// A ready citation, as plain text.
        citation: String,
        /// The citation as BibTeX and CSL-JSON downloads.
        citation_downloads: Ref<CitationDownloads>,
    }
}

view! {
    /// The previous or next article.
    ArticleNeighbour {
        title: String,
        url: String,
    }
}

pub fn article(dossier: &Dossier, views: &Views, index: usize) -> PageSpec {
    let a = &dossier.articles[index];
    let mut context = base_context(
        dossier,
        views,
        "article",
        &a.title,
        &a.url,
        a.summary.as_deref(),
    );
    let neighbour = |i: Option<usize>| {
        i.map(|i| {
            ArticleNeighbour {
                title: dossier.articles[i].title.clone(),
                url: dossier.articles[i].url.clone(),
            }
            .into_ref()
        })
    };
    ArticleContext {
        article: ArticlePage {
            base: views.articles[index].clone(),
            source_url: a.source_url.clone(),
            archive_url: a.archive_url.clone(),
            archived: a.archived.map(|d| d.to_string()),
            archived_display: a.archived.map(|d| dossier.strings.day(d)),
            // Footnote numbers in the pages' digits, unless the article is in another
            // language (an English article on a Persian site keeps 1, 2, 3).
            body_html: match &a.language {
                Some(language)
                    if crate::strings::primary_subtag(language)
                        != crate::strings::primary_subtag(&dossier.config.language) =>
                {
                    Html::new(&a.body_html)
                }
                _ => Html::body(&a.body_html, &dossier.strings),
            },
            corrections: super::corrections::correction_list(dossier, &a.corrections),
            extra: Extra::new(&a.extra),
            speakers: views.speaker_list(&a.speakers),
            quotes: views.quote_list(&a.quotes),
            events: views.event_list(&a.events),
            related: views.article_list(&a.related),
            previous: neighbour(a.previous),
            next: neighbour(a.next),
            citation: cite::article_text(dossier, index),
            citation_downloads: CitationDownloads::article(dossier, index).into_ref(),
        }
        .into_ref(),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &a.url);
    spec("article.html", path, context, PageKind::Article(index))
}
