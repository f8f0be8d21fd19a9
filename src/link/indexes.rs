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
/// A withdrawn quote keeps its page and its place in threads, but no list shows it.
fn index_quotes(dossier: &mut Dossier) {
    for index in 0..dossier.quotes.len() {
        let quote = &dossier.quotes[index];
        let (speaker, article, responds_to) = (quote.speaker, quote.article, quote.responds_to);
        if let Some(target) = responds_to {
            dossier.quotes[target].responses.push(index);
        }
        let quote = &dossier.quotes[index];
        if quote.withdrawn.is_some() {
            continue;
        }
        dossier.listed_quotes.push(index);
        dossier.articles[article].quotes.push(index);
        for &topic in &quote.topics {
            dossier.topics[topic].quotes.push(index);
        }
        dossier.speakers[speaker].quotes.push(index);
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

/// Articles with more topics than this are related by scanning their topics' article lists;
/// the others through `by_subset` below, which indexes `2^topics - 1` subsets per article.
const SUBSET_TOPICS: usize = 6;

/// Related articles: most shared topics first, then newest.
///
/// Scanning every article of every topic of every article is quadratic (at 50,000 articles
/// over 40 topics, each article would visit ~10,000 others). Instead, for every non-empty
/// subset `S` of an article's topics, keep only the first `RELATED_ARTICLES + 1` articles
/// (newest first) whose topics contain `S`. That is exact: if `B` belongs in `A`'s top
/// five and `S = topics(A) ∩ topics(B)`, every article before `B` in `S`'s list shares at
/// least `|S|` topics with `A` and is newer, so ranks above `B`; fewer than five do, plus
/// `A` itself, so `B` is among the first six. Ranking those few candidates is cheap.
fn relate_articles(dossier: &mut Dossier) {
    use rayon::prelude::*;
    let topics: Vec<Vec<usize>> = dossier
        .articles
        .iter()
        .map(|a| {
            let mut t = a.topics.clone();
            t.sort_unstable();
            t.dedup();
            t
        })
        .collect();
    let mut by_subset: HashMap<Vec<usize>, Vec<usize>> = HashMap::new();
    // Articles with many topics are few; every lookup considers them directly.
    let mut wide: Vec<usize> = Vec::new();
    for (index, own) in topics.iter().enumerate() {
        if own.len() > SUBSET_TOPICS {
            wide.push(index);
            continue;
        }
        for mask in 1..(1u32 << own.len()) {
            let list = by_subset.entry(subset(own, mask)).or_default();
            if list.len() <= RELATED_ARTICLES {
                list.push(index);
            }
        }
    }
    let shared = |a: &[usize], b: &[usize]| {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    };
    let related: Vec<Vec<usize>> = {
        let dossier = &*dossier;
        (0..dossier.articles.len())
            .into_par_iter()
            .map(|index| {
                let own = &topics[index];
                let mut candidates: Vec<usize> = if own.len() > SUBSET_TOPICS {
                    own.iter()
                        .flat_map(|&t| dossier.topics[t].articles.iter().copied())
                        .collect()
                } else {
                    (1..(1u32 << own.len()))
                        .flat_map(|mask| by_subset[&subset(own, mask)].iter().copied())
                        .chain(wide.iter().copied())
                        .collect()
                };
                candidates.sort_unstable();
                candidates.dedup();
                let mut ranked: Vec<(usize, usize)> = candidates
                    .into_iter()
                    .filter(|&other| other != index)
                    .map(|other| (other, shared(own, &topics[other])))
                    .filter(|&(_, count)| count > 0)
                    .collect();
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

/// The items of `sorted` selected by the bits of `mask`.
fn subset(sorted: &[usize], mask: u32) -> Vec<usize> {
    sorted
        .iter()
        .enumerate()
        .filter(|(bit, _)| mask & (1 << bit) != 0)
        .map(|(_, &item)| item)
        .collect()
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
    for &index in &dossier.listed_quotes {
        let quote = &dossier.quotes[index];
        for &topic in &quote.topics {
            matrix[quote.speaker][topic] += 1;
        }
    }
    dossier.matrix = matrix;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward quadratic ranking, to check the subset index against.
    fn related_by_scan(topics: &[Vec<usize>], index: usize) -> Vec<usize> {
        let mut ranked: Vec<(usize, usize)> = (0..topics.len())
            .filter(|&other| other != index)
            .map(|other| {
                let count = topics[index]
                    .iter()
                    .filter(|t| topics[other].contains(t))
                    .count();
                (other, count)
            })
            .filter(|&(_, count)| count > 0)
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(RELATED_ARTICLES)
            .map(|(other, _)| other)
            .collect()
    }

    #[test]
    fn related_articles_match_a_full_scan() {
        let topic_count = 7;
        let mut seed = 12345u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as usize
        };
        let topics: Vec<Vec<usize>> = (0..300)
            .map(|i| {
                // Mostly 1–3 topics; every 37th article is "wide" (more than SUBSET_TOPICS).
                let n = if i % 37 == 0 {
                    topic_count
                } else {
                    1 + next(3)
                };
                let mut t: Vec<usize> = (0..n).map(|_| next(topic_count as u64)).collect();
                t.sort_unstable();
                t.dedup();
                t
            })
            .collect();
        let mut dossier = crate::link::model::tests::empty_dossier();
        dossier.topics = (0..topic_count)
            .map(|_| crate::link::model::tests::topic())
            .collect();
        dossier.articles = topics
            .iter()
            .map(|t| {
                let mut a = crate::link::model::tests::article();
                a.topics = t.clone();
                a
            })
            .collect();
        index_articles(&mut dossier);
        relate_articles(&mut dossier);
        for index in 0..topics.len() {
            assert_eq!(
                dossier.articles[index].related,
                related_by_scan(&topics, index),
                "article {index} with topics {:?}",
                topics[index]
            );
        }
    }
}
