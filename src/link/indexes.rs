//! The indexes pages need, built once by walking the dossier, never by scanning per page:
//! per topic and per speaker lists, related articles and topics, previous/next, quote
//! threads, the chronology and the speaker × topic matrix.

use std::collections::HashMap;

use crate::dates::PartialDate;
use crate::link::model::{ChronologyEntry, ChronologyItem, Dossier};

const RELATED_ARTICLES: usize = 5;
const RELATED_TOPICS: usize = 6;

pub fn build(dossier: &mut Dossier, declared_related: &HashMap<usize, Vec<usize>>) {
    index_articles(dossier);
    index_quotes(dossier);
    index_events(dossier);
    relate_articles(dossier);
    relate_topics(dossier, declared_related);
    build_chronology(dossier);
    build_matrix(dossier);
}

/// Articles are sorted newest first, so every list filled in article order is too.
fn index_articles(dossier: &mut Dossier) {
    let count = dossier.articles.len();
    for index in 0..count {
        let article = &mut dossier.articles[index];
        article.next = index.checked_sub(1);
        article.previous = (index + 1 < count).then_some(index + 1);
        for &topic in &article.topics {
            dossier.topics[topic].articles.push(index);
        }
        for &speaker in &article.speakers {
            dossier.speakers[speaker].articles.push(index);
        }
    }
    for speaker in &mut dossier.speakers {
        speaker.articles.dedup();
    }
}

/// Quotes are sorted newest first; speakers list theirs oldest first.
fn index_quotes(dossier: &mut Dossier) {
    for index in 0..dossier.quotes.len() {
        let quote = &dossier.quotes[index];
        let (speaker, article, responds_to) = (quote.speaker, quote.article, quote.responds_to);
        dossier.articles[article].quotes.push(index);
        for &topic in &quote.topics {
            dossier.topics[topic].quotes.push(index);
        }
        dossier.speakers[speaker].quotes.push(index);
        if let Some(target) = responds_to {
            dossier.quotes[target].responses.push(index);
        }
    }
    for article in &mut dossier.articles {
        article.quotes.reverse();
    }
    for quote in &mut dossier.quotes {
        quote.responses.reverse();
    }
    for speaker_index in 0..dossier.speakers.len() {
        let speaker = &mut dossier.speakers[speaker_index];
        speaker.quotes.reverse();
        let mut topics: Vec<usize> = speaker
            .quotes
            .iter()
            .flat_map(|&q| dossier.quotes[q].topics.iter().copied())
            .collect();
        topics.sort_unstable();
        topics.dedup();
        speaker.topics = topics;
    }
    for topic in &mut dossier.topics {
        let mut speakers: Vec<usize> = topic
            .quotes
            .iter()
            .map(|&q| dossier.quotes[q].speaker)
            .collect();
        speakers.sort_unstable();
        speakers.dedup();
        topic.speakers = speakers;
    }
}

fn index_events(dossier: &mut Dossier) {
    for (index, event) in dossier.events.iter().enumerate() {
        dossier.articles[event.article].events.push(index);
        for &topic in &event.topics {
            dossier.topics[topic].events.push(index);
        }
    }
}

/// Related articles: most shared topics first, then newest, via the topic lists.
fn relate_articles(dossier: &mut Dossier) {
    let related: Vec<Vec<usize>> = {
        let dossier = &*dossier;
        use rayon::prelude::*;
        (0..dossier.articles.len())
            .into_par_iter()
            .map(|index| {
                let mut shared: HashMap<usize, usize> = HashMap::new();
                for &topic in &dossier.articles[index].topics {
                    for &other in &dossier.topics[topic].articles {
                        if other != index {
                            *shared.entry(other).or_default() += 1;
                        }
                    }
                }
                let mut ranked: Vec<(usize, usize)> = shared.into_iter().collect();
                // Index order is newest first, so the smaller index wins a tie.
                ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                ranked
                    .into_iter()
                    .take(RELATED_ARTICLES)
                    .map(|(other, _)| other)
                    .collect()
            })
            .collect()
    };
    for (article, related) in dossier.articles.iter_mut().zip(related) {
        article.related = related;
    }
}

/// Declared related topics first, then those sharing the most articles.
fn relate_topics(dossier: &mut Dossier, declared: &HashMap<usize, Vec<usize>>) {
    let topic_count = dossier.topics.len();
    let mut together = vec![vec![0usize; topic_count]; topic_count];
    for article in &dossier.articles {
        for &a in &article.topics {
            for &b in &article.topics {
                if a != b {
                    together[a][b] += 1;
                }
            }
        }
    }
    for (index, topic) in dossier.topics.iter_mut().enumerate() {
        let mut related: Vec<usize> = declared.get(&index).cloned().unwrap_or_default();
        let mut by_count: Vec<(usize, usize)> = together[index]
            .iter()
            .enumerate()
            .filter(|(other, count)| **count > 0 && !related.contains(other))
            .map(|(other, count)| (other, *count))
            .collect();
        by_count.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let room = RELATED_TOPICS.saturating_sub(related.len());
        related.extend(by_count.into_iter().take(room).map(|(other, _)| other));
        topic.related = related;
    }
}

/// Every article and event, oldest first; a year-only date opens its year.
fn build_chronology(dossier: &mut Dossier) {
    let mut entries: Vec<ChronologyEntry> = dossier
        .articles
        .iter()
        .enumerate()
        .map(|(index, article)| ChronologyEntry {
            date: PartialDate::from_date(article.date.date),
            item: ChronologyItem::Article(index),
        })
        .chain(
            dossier
                .events
                .iter()
                .enumerate()
                .map(|(index, event)| ChronologyEntry {
                    date: event.date,
                    item: ChronologyItem::Event(index),
                }),
        )
        .collect();
    entries.sort_by(|a, b| {
        a.date.cmp(&b.date).then_with(|| match (a.item, b.item) {
            (ChronologyItem::Event(x), ChronologyItem::Event(y)) => x.cmp(&y),
            (ChronologyItem::Event(_), ChronologyItem::Article(_)) => std::cmp::Ordering::Less,
            (ChronologyItem::Article(_), ChronologyItem::Event(_)) => std::cmp::Ordering::Greater,
            // Same day: older article first (higher index is older).
            (ChronologyItem::Article(x), ChronologyItem::Article(y)) => y.cmp(&x),
        })
    });
    dossier.chronology = entries;
}

fn build_matrix(dossier: &mut Dossier) {
    let mut matrix = vec![vec![0usize; dossier.topics.len()]; dossier.speakers.len()];
    for quote in &dossier.quotes {
        for &topic in &quote.topics {
            matrix[quote.speaker][topic] += 1;
        }
    }
    dossier.matrix = matrix;
}
