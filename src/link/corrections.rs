//! `[[corrections]]`: what was corrected in an article after it was published, and when;
//! with `quote`, the id of the quote it is about (or one of its old ids). Each correction
//! shows on its article's page, on its quote's page and on `/corrections/`.

use std::collections::HashMap;

use super::model::{Article, Correction, Quote};
use super::quotes::UnlinkedIds;
use crate::dates::ContentDate;
use crate::diagnostics::{Diagnostic, unknown_name_help};
use crate::load::{ArticleSource, CorrectionFront, SourceFile};

/// Every correction, newest first (then by article, in the order written); each article
/// and quote gets the indices of its own.
pub(super) fn link(
    articles: &mut [(Article, &ArticleSource)],
    quotes: &mut [Quote],
    by_id: &HashMap<String, usize>,
    unlinked: &UnlinkedIds,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Correction> {
    let by_alias: HashMap<&str, usize> = (quotes.iter().enumerate())
        .flat_map(|(i, q)| q.aliases.iter().map(move |a| (a.as_str(), i)))
        .collect();
    let mut corrections = Vec::new();
    for (index, (_, source)) in articles.iter().enumerate() {
        for front in &source.front.corrections {
            // Only this article's quotes: a correction shows where its quote was reported.
            let find = |id: &str| {
                let found = by_id.get(id).or(by_alias.get(id)).copied()?;
                Some((found, quotes[found].article == index))
            };
            if let Some(correction) = one(front, index, &source.file, find, unlinked, errors) {
                corrections.push(correction);
            }
        }
    }
    corrections.sort_by(|a, b| b.date.cmp(&a.date).then(a.article.cmp(&b.article)));
    for (n, correction) in corrections.iter().enumerate() {
        articles[correction.article].0.corrections.push(n);
        if let Some(quote) = correction.quote {
            quotes[quote].corrections.push(n);
        }
    }
    corrections
}

fn one(
    front: &CorrectionFront,
    article: usize,
    file: &SourceFile,
    find: impl Fn(&str) -> Option<(usize, bool)>,
    unlinked: &UnlinkedIds,
    errors: &mut Vec<Diagnostic>,
) -> Option<Correction> {
    let date = match ContentDate::from_toml(front.date.get_ref()) {
        Ok(date) => date.date,
        Err(message) => {
            errors.push(
                Diagnostic::error(format!("invalid correction date: {message}"))
                    .at(file.front_location(front.date.span()))
                    .help("write the day of the correction as YYYY-MM-DD: date = 2025-03-14"),
            );
            return None;
        }
    };
    let text = front.text.get_ref().trim();
    if text.is_empty() {
        errors.push(
            Diagnostic::error("a correction without `text`")
                .at(file.front_location(front.text.span()))
                .help("say what was corrected: text = \"The quote's date was 12 March, not 13 March.\""),
        );
        return None;
    }
    let quote = match &front.quote {
        None => None,
        Some(id) => match find(id.get_ref()) {
            Some((quote, true)) => Some(quote),
            Some((_, false)) => {
                errors.push(
                    Diagnostic::error(format!("the quote `{}` is reported in another article", id.get_ref()))
                        .at(file.front_location(id.span()))
                        .help("put this correction in the [[corrections]] of the article whose [[quotes]] holds that quote"),
                );
                return None;
            }
            None if unlinked.contains(id.get_ref()) => return None,
            None => {
                errors.push(
                    Diagnostic::error(format!("this correction names an unknown quote `{}`", id.get_ref()))
                        .at(file.front_location(id.span()))
                        .help_opt(unknown_name_help(id.get_ref(), std::iter::empty(), Some("name the id of one of this article's quotes (`id = \"…\"` in its [[quotes]] table)".into()))),
                );
                return None;
            }
        },
    };
    Some(Correction {
        article,
        quote,
        date,
        text: text.to_string(),
    })
}
