//! Quotes: each `[[quotes]]` table linked (speaker, date, topics, id), then ids checked
//! for uniqueness, quotes sorted newest first and `responds_to` resolved into threads.

use std::collections::HashMap;

use super::articles::check_http_url;
use super::model::{Article, Original, Quote};
use super::quote_history;
use super::resolve::Names;
use super::slugs;
use crate::dates::ContentDate;
use crate::diagnostics::{Diagnostic, Location, unknown_name_help};
use crate::load::{QuoteFront, SourceFile};

/// Ids of quotes that were reported and left out: explicit ids, and the ending a derived id
/// would have (`-<first six words>`), since its speaker or date may be what failed.
#[derive(Default)]
pub(super) struct UnlinkedIds {
    pub(super) ids: std::collections::HashSet<String>,
    pub(super) endings: Vec<String>,
    pub(super) any: bool,
    /// site.toml's `slugify`: how derived ids are made.
    pub(super) mode: crate::config::SlugMode,
}

impl UnlinkedIds {
    pub(super) fn add(&mut self, quote: &QuoteFront) {
        match &quote.id {
            Some(id) => {
                self.ids.insert(id.get_ref().clone());
            }
            None => {
                let words = slugs::quote_id(self.mode, "", "", quote.text.get_ref());
                // `quote_id` gave `-` plus `-<words>`: keep `-<words>`.
                if let Some(ending) = words.strip_prefix('-')
                    && !ending.is_empty()
                {
                    self.endings.push(ending.to_string());
                }
            }
        }
    }

    pub(super) fn contains(&self, id: &str) -> bool {
        self.any
            || self.ids.contains(id)
            || self
                .endings
                .iter()
                .any(|ending| id.ends_with(ending.as_str()))
    }
}

/// A quote before ids are checked for uniqueness and `responds_to` is resolved.
pub(super) struct QuoteDraft {
    pub(super) quote: Quote,
    id_location: Location,
    /// Old ids and their places.
    aliases: Vec<(String, Location)>,
    responds_to: Option<(String, Location)>,
}

/// What a quote's names resolve against, and how its id is derived.
pub(super) struct QuoteNames<'a> {
    pub(super) speakers: &'a Names,
    pub(super) topics: &'a Names,
    /// site.toml's `slugify`.
    pub(super) mode: crate::config::SlugMode,
}

pub(super) fn link_quote(
    front: &QuoteFront,
    article_index: usize,
    article: &Article,
    file: &SourceFile,
    names: &QuoteNames,
    errors: &mut Vec<Diagnostic>,
) -> Option<QuoteDraft> {
    let QuoteNames {
        speakers,
        topics,
        mode,
    } = *names;
    let speaker = speakers.resolve(&front.speaker, file, errors);
    let said = match &front.said {
        Some(said) => match ContentDate::from_toml(said.get_ref()) {
            Ok(date) => Some(date),
            Err(message) => {
                errors.push(
                    Diagnostic::error(format!("invalid `said` date: {message}"))
                        .at(file.front_location(said.span()))
                        .help("write the day the words were said as YYYY-MM-DD: said = 2025-03-12"),
                );
                None
            }
        },
        None => Some(article.date),
    };
    let quote_topics = match &front.topics {
        Some(names) => topics.resolve_all(names, file, errors),
        None => article.topics.clone(),
    };
    for url in [&front.source_url, &front.archive_url]
        .into_iter()
        .flatten()
    {
        check_http_url(url, file, errors);
    }
    let archived = super::archive::archived(
        front.archived.as_ref(),
        front.archive_url.as_ref(),
        file,
        errors,
    );
    let text = front.text.get_ref().trim().to_string();
    if text.is_empty() {
        // An error, not a warning: it would get a page and a citation without words.
        errors.push(
            Diagnostic::error("quote text is empty")
                .at(file.front_location(front.text.span()))
                .label("a quote is the speaker's words")
                .help("paste the speaker's exact words, or remove this [[quotes]] table"),
        );
        return None;
    }
    let (speaker, said) = (speaker?, said?);
    let speaker_slug = &speakers.slugs[speaker];
    let (id, id_location) = match &front.id {
        Some(id) if slugs::is_valid(id.get_ref()) => {
            let location = file.front_location(id.span());
            if let Some(error) =
                slugs::length_error("this quote id", id.get_ref(), location.clone())
            {
                errors.push(error);
                return None;
            }
            (id.get_ref().clone(), location)
        }
        Some(id) => {
            errors.push(
                Diagnostic::error(format!("invalid quote id `{}`", id.get_ref()))
                    .at(file.front_location(id.span()))
                    .help(format!(
                        "ids are slugs: try id = \"{}\", or remove `id` to derive one",
                        slugs::slugify(id.get_ref())
                    )),
            );
            return None;
        }
        None => (
            slugs::quote_id(mode, speaker_slug, &said.iso_date(), &text),
            file.front_location(front.text.span()),
        ),
    };
    let aliases = quote_history::aliases(front, file, errors);
    let withdrawn = quote_history::withdrawal(front, file, errors);
    if let Some(original) = &front.original {
        errors.extend(super::language_tags::check(&original.language, file));
    }
    let original = front.original.as_ref().map(|o| Original {
        language: o.language.get_ref().clone(),
        text: o.text.trim().to_string(),
    });
    Some(QuoteDraft {
        quote: Quote {
            url: String::new(),
            id,
            speaker,
            text,
            said,
            context: front.context.clone(),
            topics: quote_topics,
            article: article_index,
            responds_to: None,
            responses: Vec::new(),
            status: front.status,
            aliases: aliases.iter().map(|(alias, _)| alias.clone()).collect(),
            withdrawn,
            corrections: Vec::new(),
            source_url: front
                .source_url
                .as_ref()
                .map(|u| u.get_ref().clone())
                .or_else(|| article.source_url.clone()),
            // The article's copy is of the article's source: a quote with its own source
            // has only its own copy.
            archive_url: match (&front.archive_url, &front.source_url) {
                (Some(url), _) => Some(url.get_ref().clone()),
                (None, Some(_)) => None,
                (None, None) => article.archive_url.clone(),
            },
            archived: match (&front.archive_url, &front.source_url) {
                (Some(_), _) => archived,
                (None, Some(_)) => None,
                (None, None) => article.archived,
            },
            original,
        },
        id_location,
        aliases,
        responds_to: front
            .responds_to
            .as_ref()
            .map(|r| (r.get_ref().clone(), file.front_location(r.span()))),
    })
}

/// Checks quote ids are unique, sorts quotes newest first and resolves `responds_to`.
pub(super) fn number_quotes(
    mut drafts: Vec<QuoteDraft>,
    unlinked_ids: &UnlinkedIds,
    url: &impl Fn(String) -> String,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<Quote>, HashMap<String, usize>) {
    drafts.sort_by(|a, b| {
        b.quote
            .said
            .sort_key()
            .cmp(&a.quote.said.sort_key())
            .then_with(|| a.quote.id.cmp(&b.quote.id))
    });
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (index, draft) in drafts.iter().enumerate() {
        if let Some(&first) = by_id.get(&draft.quote.id) {
            let first_place = &drafts[first].id_location;
            errors.push(
                Diagnostic::error(format!("two quotes have the id `{}`", draft.quote.id))
                    .at(draft.id_location.clone())
                    .label("second quote with this id")
                    .also(first_place.clone(), "first quote with this id")
                    .help("give one of them an explicit `id = \"…\"`"),
            );
        } else {
            by_id.insert(draft.quote.id.clone(), index);
        }
    }
    let names: Vec<quote_history::Names> = (drafts.iter())
        .map(|d| quote_history::Names {
            id_location: &d.id_location,
            aliases: &d.aliases,
        })
        .collect();
    // A `responds_to` naming an old id finds the quote that id became.
    let by_alias = quote_history::check_aliases(&names, &by_id, errors);
    let mut ids_sorted: Vec<&str> = by_id.keys().map(String::as_str).collect();
    ids_sorted.sort_unstable();
    let mut responds = Vec::with_capacity(drafts.len());
    for draft in &drafts {
        let Some((wanted, location)) = &draft.responds_to else {
            responds.push(None);
            continue;
        };
        match by_id.get(wanted) {
            Some(_) if *wanted == draft.quote.id => {
                errors.push(
                    Diagnostic::error("a quote cannot respond to itself")
                        .at(location.clone())
                        .help("name the id of the quote this one answers"),
                );
                responds.push(None);
            }
            Some(&target) => responds.push(Some(target)),
            None if by_alias.contains_key(wanted) => responds.push(by_alias.get(wanted).copied()),
            None if unlinked_ids.contains(wanted) => responds.push(None),
            None => {
                errors.push(
                    Diagnostic::error(format!(
                        "`responds_to` names an unknown quote id `{wanted}`"
                    ))
                    .at(location.clone())
                    .help_opt(unknown_name_help(
                        wanted,
                        ids_sorted.iter().copied(),
                        Some(
                            "quote ids are listed on each quote page and in data/quotes.csv".into(),
                        ),
                    )),
                );
                responds.push(None);
            }
        }
    }
    report_cycles(&drafts, &responds, errors);
    let quotes = drafts
        .into_iter()
        .zip(responds)
        .map(|(draft, responds_to)| Quote {
            url: url(format!("quotes/{}/", crate::urls::encode(&draft.quote.id))),
            responds_to,
            ..draft.quote
        })
        .collect();
    (quotes, by_id)
}

/// `responds_to` chains must end: A → B → A would make a thread with no first quote.
fn report_cycles(drafts: &[QuoteDraft], responds: &[Option<usize>], errors: &mut Vec<Diagnostic>) {
    for (start, draft) in drafts.iter().enumerate() {
        let mut current = responds[start];
        let mut steps = 0;
        while let Some(next) = current {
            if next == start {
                if let Some((_, location)) = &draft.responds_to {
                    errors.push(
                        Diagnostic::error(format!("`responds_to` of `{}` forms a loop back to itself", draft.quote.id))
                            .at(location.clone())
                            .help("a thread must start somewhere: remove `responds_to` from the quote that opened the exchange"),
                    );
                }
                break;
            }
            steps += 1;
            if steps > drafts.len() {
                break;
            }
            current = responds[next];
        }
    }
}

/// A warning for a quote whose id is derived (`front.id` absent): the id, and so the
/// quote's URL, is made from its date and first words, so correcting either would move
/// its page and break every citation of it. The help gives the line that pins it.
pub(super) fn unpinned(front: &QuoteFront, id: &str, file: &SourceFile) -> Option<Diagnostic> {
    if front.id.is_some() {
        return None;
    }
    Some(
        Diagnostic::warning(format!(
            "quote `{id}` has no `id`: its URL will change when its date or words change"
        ))
        .at(file.front_location(front.text.span()))
        .label("this quote's id is derived from its speaker, date and first words")
        .help(format!(
            "pin it: add id = \"{id}\" to this [[quotes]] table, or run `dossier fix ids` to pin every quote"
        )),
    )
}
