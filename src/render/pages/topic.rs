//! A topic's page.

use std::collections::HashMap;

use super::chronology::{YearSummary, summaries, topic_chronology_url};
use super::lists::Listing;
use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::paging;
use crate::render::values::{Extra, Html, List, Ref, view};
use crate::render::views::{ArticleCard, QuoteCard, SpeakerCard, TopicCard, Views};
use crate::urls;

view! {
    /// The topic page's context (`topic.html`), besides `site`, `page` and `head`.
    TopicContext {
        topic: Ref<TopicPage>,
    }
}

view! {
    /// A topic on its own page: the card's fields and everything the page shows. Its long
    /// lists are on pages of their own, linked from here.
    TopicPage: TopicCard {
        /// The Markdown body (background), rendered.
        body_html: Html,
        /// `[extra]` from the front matter.
        extra: Extra,
        /// The topic's chronology (articles and events) by year: each year's and month's
        /// count, linked to where they start in the topic's chronology pages.
        chronology: List<YearSummary>,
        /// The first page of the topic's chronology (`topic_chronology.html`).
        chronology_url: String,
        /// Speakers quoted on the topic.
        speakers: List<SpeakerCard>,
        /// Speakers quoted on the topic, each with how many quotes.
        speaker_counts: List<SpeakerCount>,
        /// Related topics (declared, and by shared articles).
        related: List<TopicCard>,
        /// The newest quotes on the topic (at most 10).
        latest_quotes: List<QuoteCard>,
        /// The first page of all the topic's quotes.
        quotes_url: String,
        /// The newest articles on the topic (at most 10).
        latest_articles: List<ArticleCard>,
        /// The first page of all the topic's articles.
        articles_url: String,
    }
}

view! {
    /// How many quotes one speaker has on a topic.
    SpeakerCount {
        speaker: Ref<SpeakerCard>,
        count: usize,
        /// These quotes in search (kind, speaker and topic set), when search is on.
        search_url: Option<String>,
    }
}

/// The search page listing one speaker's quotes on one topic, when search is on.
pub fn quotes_search_url(dossier: &Dossier, speaker: usize, topic: usize) -> Option<String> {
    dossier.config.search.enabled.then(|| {
        format!(
            "{}?kind=quote&speaker={}&topic={}",
            dossier.url("search/"),
            dossier.speakers[speaker].slug,
            dossier.topics[topic].slug
        )
    })
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
    let per_page = paging::per_page(dossier);
    let entries = paging::topic_entries(dossier, index);
    let chronology = summaries(dossier, &entries, |_, _, in_list, anchor| {
        format!(
            "{}#{anchor}",
            topic_chronology_url(dossier, index, paging::page_of(in_list, per_page))
        )
    });
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &q in &t.quotes {
        *counts.entry(dossier.quotes[q].speaker).or_default() += 1;
    }
    let speaker_counts = t.speakers.iter().map(|&speaker| {
        SpeakerCount {
            speaker: views.speakers[speaker].clone(),
            count: counts.get(&speaker).copied().unwrap_or(0),
            search_url: quotes_search_url(dossier, speaker, index),
        }
        .into_ref()
    });
    let latest = |list: &[usize]| list[..list.len().min(paging::LATEST)].to_vec();
    TopicContext {
        topic: TopicPage {
            base: views.topics[index].clone(),
            body_html: Html::body(&t.body_html, &dossier.strings),
            extra: Extra::new(&t.extra),
            chronology: List::new(chronology),
            chronology_url: topic_chronology_url(dossier, index, 1),
            speakers: views.speaker_list(&t.speakers),
            speaker_counts: List::new(speaker_counts),
            related: views.topic_list(&t.related),
            latest_quotes: views.quote_list(&latest(&t.quotes)),
            quotes_url: Listing::TopicQuotes(index).url(dossier, 1),
            latest_articles: views.article_list(&latest(&t.articles)),
            articles_url: Listing::TopicArticles(index).url(dossier, 1),
        }
        .into_ref(),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &t.url);
    spec("topic.html", path, context, PageKind::Topic(index))
}
