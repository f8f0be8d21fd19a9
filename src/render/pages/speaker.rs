//! A speaker's page.

use std::collections::HashMap;

use super::lists::Listing;
use super::spec::{PageSpec, base_context, spec};
use super::topic::quotes_search_url;
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::paging;
use crate::render::values::{Extra, Html, List, Ref, view};
use crate::render::views::{ArticleCard, QuoteCard, SpeakerCard, TopicCard, Views};
use crate::urls;

view! {
    /// The speaker page's context (`speaker.html`), besides `site`, `page` and `head`.
    SpeakerContext {
        speaker: Ref<SpeakerPage>,
    }
}

view! {
    /// A speaker on their own page: the card's fields and everything the page shows.
    SpeakerPage: SpeakerCard {
        /// Other names the speaker is known by.
        aliases: Vec<String>,
        /// An image URL from the front matter.
        image: Option<String>,
        /// The Wikidata id (`Q57336`).
        wikidata: Option<String>,
        /// The Wikidata page, when `wikidata` is set.
        wikidata_url: Option<String>,
        /// The Markdown body (biography), rendered.
        bio_html: Html,
        /// `[extra]` from the front matter.
        extra: Extra,
        /// The date of the speaker's first quote.
        first_quoted: Option<Ref<QuotedOn>>,
        /// The date of the speaker's last quote.
        last_quoted: Option<Ref<QuotedOn>>,
        /// How many quotes the speaker has on each of their topics.
        topic_counts: List<TopicCount>,
        /// The speaker's newest quotes (at most 10), newest first.
        latest_quotes: List<QuoteCard>,
        /// The first page of all the speaker's quotes.
        quotes_url: String,
        /// The newest articles quoting or naming the speaker (at most 10).
        latest_articles: List<ArticleCard>,
        /// The first page of all those articles.
        articles_url: String,
        topics: List<TopicCard>,
    }
}

view! {
    /// The day a speaker was quoted.
    QuotedOn {
        date: String,
        date_display: String,
    }
}

view! {
    /// How many quotes a speaker has on one topic.
    TopicCount {
        topic: Ref<TopicCard>,
        count: usize,
        /// These quotes in search (kind, speaker and topic set), when search is on.
        search_url: Option<String>,
    }
}

pub fn speaker(dossier: &Dossier, views: &Views, index: usize) -> PageSpec {
    let s = &dossier.speakers[index];
    let mut context = base_context(
        dossier,
        views,
        "speaker",
        &s.name,
        &s.url,
        s.role.as_deref(),
    );
    // One pass over the speaker's quotes, not one per topic.
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &q in &s.quotes {
        for &topic in &dossier.quotes[q].topics {
            *counts.entry(topic).or_default() += 1;
        }
    }
    let topic_counts = s.topics.iter().map(|&topic| {
        TopicCount {
            topic: views.topics[topic].clone(),
            count: counts.get(&topic).copied().unwrap_or(0),
            search_url: quotes_search_url(dossier, index, topic),
        }
        .into_ref()
    });
    // Quotes are kept oldest first; the page shows the newest.
    let latest_quotes: Vec<usize> = s
        .quotes
        .iter()
        .rev()
        .take(paging::LATEST)
        .copied()
        .collect();
    let latest_articles = &s.articles[..s.articles.len().min(paging::LATEST)];
    let quoted = |i: Option<&usize>| {
        i.map(|&q| {
            QuotedOn {
                date: dossier.quotes[q].said.iso_date(),
                date_display: dossier.quotes[q].said.display(&dossier.strings),
            }
            .into_ref()
        })
    };
    SpeakerContext {
        speaker: SpeakerPage {
            base: views.speakers[index].clone(),
            aliases: s.aliases.clone(),
            image: s.image.clone(),
            wikidata: s.wikidata.clone(),
            wikidata_url: s
                .wikidata
                .as_ref()
                .map(|w| format!("https://www.wikidata.org/wiki/{w}")),
            bio_html: Html::body(&s.bio_html, &dossier.strings),
            extra: Extra::new(&s.extra),
            first_quoted: quoted(s.quotes.first()),
            last_quoted: quoted(s.quotes.last()),
            topic_counts: List::new(topic_counts),
            latest_quotes: views.quote_list(&latest_quotes),
            quotes_url: Listing::SpeakerQuotes(index).url(dossier, 1),
            latest_articles: views.article_list(latest_articles),
            articles_url: Listing::SpeakerArticles(index).url(dossier, 1),
            topics: views.topic_list(&s.topics),
        }
        .into_ref(),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &s.url);
    spec("speaker.html", path, context, PageKind::Speaker(index))
}
