//! Corrections: each article's `[[corrections]]` on its page and on the page of the quote
//! it is about, and `/corrections/`, every correction and every withdrawn quote of the
//! dossier, newest first (a page only a dossier with one of them has, linked from the
//! footer).

use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::values::{List, Ref, view};
use crate::render::views::{QuoteCard, Views};
use crate::urls;

view! {
    /// A correction, as the article page, the quote page and `/corrections/` show it.
    CorrectionView {
        /// `YYYY-MM-DD`.
        date: String,
        date_display: String,
        /// What was corrected, in the editor's words.
        text: String,
        /// The corrected article.
        article_title: String,
        article_url: String,
        /// The page of the quote it is about, if any.
        quote_url: Option<String>,
    }
}

view! {
    /// The `/corrections/` page's context (`corrections.html`), besides `site`, `page` and
    /// `head`.
    CorrectionsContext {
        /// Every correction, newest first.
        corrections: List<CorrectionView>,
        /// Every withdrawn quote, the most recently withdrawn first.
        withdrawn: List<QuoteCard>,
    }
}

/// The corrections at `indices` of the dossier's list.
pub fn correction_list(dossier: &Dossier, indices: &[usize]) -> List<CorrectionView> {
    List::new(indices.iter().map(|&i| correction(dossier, i)))
}

fn correction(dossier: &Dossier, index: usize) -> Ref<CorrectionView> {
    let c = &dossier.corrections[index];
    let article = &dossier.articles[c.article];
    CorrectionView {
        date: c.date.to_string(),
        date_display: dossier.strings.day(c.date),
        text: c.text.clone(),
        article_title: article.title.clone(),
        article_url: article.url.clone(),
        quote_url: c.quote.map(|q| dossier.quotes[q].url.clone()),
    }
    .into_ref()
}

pub fn corrections(dossier: &Dossier, views: &Views) -> PageSpec {
    let url = dossier.url("corrections/");
    let title = dossier.strings.get("corrections.title");
    let mut context = base_context(dossier, views, "corrections", title, &url, None);
    let mut withdrawn: Vec<usize> = (0..dossier.quotes.len())
        .filter(|&q| dossier.quotes[q].withdrawn.is_some())
        .collect();
    withdrawn.sort_by_key(|&q| {
        std::cmp::Reverse(
            dossier.quotes[q]
                .withdrawn
                .as_ref()
                .map(|w| w.date.sort_key()),
        )
    });
    let all: Vec<usize> = (0..dossier.corrections.len()).collect();
    CorrectionsContext {
        corrections: correction_list(dossier, &all),
        withdrawn: views.quote_list(&withdrawn),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &url);
    spec("corrections.html", path, context, PageKind::Corrections)
}
