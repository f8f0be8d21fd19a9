//! A quote's page.

use super::corrections::CorrectionView;
use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::values::{List, Ref, short, view};
use crate::render::views::{CitationDownloads, QuoteCard, Views};
use crate::render::{cite, thread};
use crate::urls;

/// Quotes shown under "more from this speaker" and "other speakers on the topic".
/// Two each: with five, these cards were half of every quote page, and a 10,000-article
/// site passed the 1 GB that GitHub Pages publishes; with three, it was 896 MB, past the
/// 850 MB that leaves a real dossier of that size a margin (issue 28).
const MORE_QUOTES: usize = 2;

view! {
    /// The quote page's context (`quote.html`), besides `site`, `page` and `head`.
    QuoteContext {
        quote: Ref<QuotePage>,
    }
}

view! {
    /// A quote on its own page: the card's fields and everything the page shows.
    QuotePage: QuoteCard {
        /// The quote page's absolute URL.
        permalink: String,
        /// An archived copy of the quote's source (its own, else the article's).
        archive_url: Option<String>,
        /// The day the archived copy was made, `YYYY-MM-DD`.
        archived: Option<String>,
        archived_display: Option<String>,
        /// Corrections about this quote, newest first.
        corrections: List<CorrectionView>,
        /// The quote this one responds to.
        responds_to: Option<Ref<QuoteCard>>,
        /// Quotes that respond to this one.
        responses: List<QuoteCard>,
        /// The whole dialogue thread this quote belongs to, in reading order (empty when
        /// the quote is in none).
        thread: List<ThreadMember>,
        /// The speaker's other quotes on the same topics, newest first.
        more_from_speaker: List<QuoteCard>,
        /// Other speakers' quotes on the same topics.
        other_speakers: List<QuoteCard>,
        /// A ready citation, as plain text.
        citation: String,
        /// The citation as BibTeX and CSL-JSON downloads.
        citation_downloads: Ref<CitationDownloads>,
    }
}

view! {
    /// A quote of a dialogue thread, which the thread shows in one line.
    ThreadMember {
        quote: Ref<QuoteCard>,
        /// The quote's first words (about ten; the whole quote when it is short).
        excerpt: String,
        /// How many replies deep it is (0 for the thread's first quote).
        depth: usize,
        /// Whether it is the quote of this page.
        current: bool,
    }
}

pub fn quote(dossier: &Dossier, views: &Views, index: usize) -> PageSpec {
    let q = &dossier.quotes[index];
    let speaker = &dossier.speakers[q.speaker];
    let title = dossier.strings.fill(
        "title.quote",
        &[("speaker", &speaker.name), ("words", &short(&q.text, 60))],
    );
    let mut context = base_context(dossier, views, "quote", &title, &q.url, Some(&q.text));
    let more_from_speaker: Vec<usize> = speaker
        .quotes
        .iter()
        .rev()
        .copied()
        .filter(|&other| {
            other != index
                && dossier.quotes[other]
                    .topics
                    .iter()
                    .any(|t| q.topics.contains(t))
        })
        .take(MORE_QUOTES)
        .collect();
    let mut others: Vec<usize> = Vec::new();
    for &topic in &q.topics {
        for &other in &dossier.topics[topic].quotes {
            if others.len() >= MORE_QUOTES {
                break;
            }
            if dossier.quotes[other].speaker != q.speaker && !others.contains(&other) {
                others.push(other);
            }
        }
    }
    let thread = thread::of(dossier, index)
        .into_iter()
        .map(|(member, depth)| {
            ThreadMember {
                quote: views.quotes[member].clone(),
                excerpt: short(&dossier.quotes[member].text, 80),
                depth,
                current: member == index,
            }
            .into_ref()
        });
    QuoteContext {
        quote: QuotePage {
            base: views.quotes[index].clone(),
            permalink: dossier.permalink(&q.url),
            archive_url: q.archive_url.clone(),
            archived: q.archived.map(|d| d.to_string()),
            archived_display: q.archived.map(|d| dossier.strings.day(d)),
            corrections: super::corrections::correction_list(dossier, &q.corrections),
            responds_to: q.responds_to.map(|r| views.quotes[r].clone()),
            responses: views.quote_list(&q.responses),
            thread: List::new(thread),
            more_from_speaker: views.quote_list(&more_from_speaker),
            other_speakers: views.quote_list(&others),
            citation: cite::quote_text(dossier, index),
            citation_downloads: CitationDownloads::quote(dossier, index).into_ref(),
        }
        .into_ref(),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &q.url);
    spec("quote.html", path, context, PageKind::Quote(index))
}
