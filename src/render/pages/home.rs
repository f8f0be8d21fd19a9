//! The home page: the dossier at a glance.

use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::values::{List, Ref, view};
use crate::render::views::{
    ArticleCard, ChronologyEntryView, QuoteCard, SpeakerCard, TopicCard, Views,
};

const HOME_LATEST: usize = 6;

view! {
    /// The home page's context (`index.html`), besides `site`, `page` and `head`.
    HomeContext {
        /// The newest articles.
        latest_articles: List<ArticleCard>,
        /// The newest quotes.
        latest_quotes: List<QuoteCard>,
        /// The newest chronology entries, newest first.
        recent_chronology: List<ChronologyEntryView>,
        /// Every topic.
        topics: List<TopicCard>,
        /// Every speaker.
        speakers: List<SpeakerCard>,
        /// The speaker × topic matrix of quote counts.
        matrix: Ref<Matrix>,
        counts: Ref<Counts>,
    }
}

view! {
    /// Quote counts by speaker (rows) and topic (columns).
    Matrix {
        /// The columns: every topic.
        topics: List<TopicCard>,
        /// One row per speaker with at least one quote.
        rows: List<MatrixRow>,
    }
}

view! {
    /// A speaker's row of the matrix.
    MatrixRow {
        speaker: Ref<SpeakerCard>,
        /// The speaker's quote count on each topic, in the order of `matrix.topics`.
        counts: Vec<usize>,
        /// The speaker's quotes in all.
        total: usize,
    }
}

view! {
    /// How much the dossier holds.
    Counts {
        articles: usize,
        quotes: usize,
        speakers: usize,
        topics: usize,
        events: usize,
    }
}

pub fn home(dossier: &Dossier, views: &Views) -> PageSpec {
    let mut context = base_context(
        dossier,
        views,
        "home",
        &dossier.config.title,
        &dossier.base_path,
        None,
    );
    let latest: Vec<usize> = (0..dossier.articles.len().min(HOME_LATEST)).collect();
    let latest_quotes: Vec<usize> = (dossier.listed_quotes.iter().take(HOME_LATEST))
        .copied()
        .collect();
    let recent = dossier
        .chronology
        .iter()
        .rev()
        .take(HOME_LATEST)
        .map(|entry| views.chronology_entry(dossier, entry));
    let all_topics: Vec<usize> = (0..dossier.topics.len()).collect();
    let all_speakers: Vec<usize> = (0..dossier.speakers.len()).collect();
    let rows = dossier
        .matrix
        .iter()
        .enumerate()
        .filter(|(_, counts)| counts.iter().any(|&c| c > 0))
        .map(|(speaker, counts)| {
            MatrixRow {
                speaker: views.speakers[speaker].clone(),
                counts: counts.clone(),
                total: dossier.speakers[speaker].quotes.len(),
            }
            .into_ref()
        });
    HomeContext {
        latest_articles: views.article_list(&latest),
        latest_quotes: views.quote_list(&latest_quotes),
        recent_chronology: List::new(recent),
        topics: views.topic_list(&all_topics),
        speakers: views.speaker_list(&all_speakers),
        matrix: Matrix {
            topics: views.topic_list(&all_topics),
            rows: List::new(rows),
        }
        .into_ref(),
        counts: Counts {
            articles: dossier.articles.len(),
            quotes: dossier.listed_quotes.len(),
            speakers: dossier.speakers.len(),
            topics: dossier.topics.len(),
            events: dossier.events.len(),
        }
        .into_ref(),
    }
    .insert_into(&mut context);
    spec("index.html", "index.html".into(), context, PageKind::Home)
}
