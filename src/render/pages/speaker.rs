//! A speaker's page.

use std::collections::HashMap;

use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
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
        /// The speaker's quotes grouped by topic.
        quotes_by_topic: List<TopicQuotes>,
        /// The speaker's quotes in time order.
        quotes: List<QuoteCard>,
        articles: List<ArticleCard>,
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
    /// A speaker's quotes on one topic.
    TopicQuotes {
        topic: Ref<TopicCard>,
        quotes: List<QuoteCard>,
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
    let mut by_topic_index: HashMap<usize, Vec<usize>> = HashMap::new();
    for &q in &s.quotes {
        for &topic in &dossier.quotes[q].topics {
            by_topic_index.entry(topic).or_default().push(q);
        }
    }
    let by_topic = s.topics.iter().map(|&topic| {
        let quotes = by_topic_index.get(&topic).map_or(&[][..], Vec::as_slice);
        TopicQuotes {
            topic: views.topics[topic].clone(),
            quotes: views.quote_list(quotes),
        }
        .into_ref()
    });
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
            bio_html: Html::new(&s.bio_html),
            extra: Extra::new(&s.extra),
            first_quoted: quoted(s.quotes.first()),
            last_quoted: quoted(s.quotes.last()),
            quotes_by_topic: List::new(by_topic),
            quotes: views.quote_list(&s.quotes),
            articles: views.article_list(&s.articles),
            topics: views.topic_list(&s.topics),
        }
        .into_ref(),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &s.url);
    spec("speaker.html", path, context, PageKind::Speaker(index))
}
