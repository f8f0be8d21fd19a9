//! A topic's page.

use std::collections::HashMap;

use super::spec::{PageSpec, base_context, spec};
use crate::link::model::{ChronologyItem, Dossier};
use crate::render::page_kind::PageKind;
use crate::render::values::{Extra, Html, List, Ref, view};
use crate::render::views::{ArticleCard, QuoteCard, SpeakerCard, TopicCard, Views, YearGroup};
use crate::urls;

view! {
    /// The topic page's context (`topic.html`), besides `site`, `page` and `head`.
    TopicContext {
        topic: Ref<TopicPage>,
    }
}

view! {
    /// A topic on its own page: the card's fields and everything the page shows.
    TopicPage: TopicCard {
        /// The Markdown body (background), rendered.
        body_html: Html,
        /// `[extra]` from the front matter.
        extra: Extra,
        /// The topic's articles and events, by year and month.
        chronology: List<YearGroup>,
        /// The topic's quotes, grouped by speaker.
        quote_groups: List<SpeakerQuotes>,
        /// Speakers quoted on the topic.
        speakers: List<SpeakerCard>,
        /// Related topics (declared, and by shared articles).
        related: List<TopicCard>,
        articles: List<ArticleCard>,
    }
}

view! {
    /// One speaker's quotes on a topic.
    SpeakerQuotes {
        speaker: Ref<SpeakerCard>,
        quotes: List<QuoteCard>,
    }
}

pub fn topic(dossier: &Dossier, views: &Views, index: usize) -> PageSpec {
    let t = &dossier.topics[index];
    let mut context = base_context(
        dossier,
        views,
        "topic",
        &t.title,
        &t.url,
        t.description.as_deref(),
    );
    let entries: Vec<_> = dossier
        .chronology
        .iter()
        .filter(|entry| match entry.item {
            ChronologyItem::Article(i) => dossier.articles[i].topics.contains(&index),
            ChronologyItem::Event(i) => dossier.events[i].topics.contains(&index),
        })
        .collect();
    let years = views.chronology_years(dossier, &entries);
    // One pass over the topic's quotes, not one per speaker.
    let mut by_speaker: HashMap<usize, Vec<usize>> = HashMap::new();
    for &q in &t.quotes {
        by_speaker
            .entry(dossier.quotes[q].speaker)
            .or_default()
            .push(q);
    }
    let quote_groups = t.speakers.iter().map(|&speaker| {
        let quotes = by_speaker.get(&speaker).map_or(&[][..], Vec::as_slice);
        SpeakerQuotes {
            speaker: views.speakers[speaker].clone(),
            quotes: views.quote_list(quotes),
        }
        .into_ref()
    });
    TopicContext {
        topic: TopicPage {
            base: views.topics[index].clone(),
            body_html: Html::new(&t.body_html),
            extra: Extra::new(&t.extra),
            chronology: List::new(years.into_iter().map(|(_, year)| year)),
            quote_groups: List::new(quote_groups),
            speakers: views.speaker_list(&t.speakers),
            related: views.topic_list(&t.related),
            articles: views.article_list(&t.articles),
        }
        .into_ref(),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &t.url);
    spec("topic.html", path, context, PageKind::Topic(index))
}
