//! What a quote was before its current form: its old ids (`aliases`, each left as a
//! redirect) and its withdrawal (`withdrawn`, `withdrawn_reason`: the page stays and says
//! so). Both exist so that no published quote URL ever stops answering.

use std::collections::HashMap;

use super::model::Withdrawal;
use super::slugs;
use crate::dates::ContentDate;
use crate::diagnostics::{Diagnostic, Location};
use crate::load::{QuoteFront, SourceFile};

/// The quote's `aliases`, each a valid id, with its place; invalid ones are errors.
pub(super) fn aliases(
    front: &QuoteFront,
    file: &SourceFile,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, Location)> {
    let mut out = Vec::new();
    for alias in &front.aliases {
        let location = file.front_location(alias.span());
        if slugs::is_valid(alias.get_ref()) {
            match slugs::length_error("this alias", alias.get_ref(), location.clone()) {
                Some(error) => errors.push(error),
                None => out.push((alias.get_ref().clone(), location)),
            }
        } else {
            errors.push(
                Diagnostic::error(format!("invalid quote alias `{}`", alias.get_ref()))
                    .at(location)
                    .label("a quote's alias is an old id, as its URL had it: /quotes/<id>/")
                    .help(format!(
                        "write the old id alone: \"{}\"",
                        slugs::slugify(
                            alias
                                .get_ref()
                                .trim_matches('/')
                                .rsplit('/')
                                .next()
                                .unwrap_or("")
                        )
                    )),
            );
        }
    }
    out
}

/// `withdrawn` and `withdrawn_reason`: both or neither, a valid date.
pub(super) fn withdrawal(
    front: &QuoteFront,
    file: &SourceFile,
    errors: &mut Vec<Diagnostic>,
) -> Option<Withdrawal> {
    let reason = front.withdrawn_reason.as_ref();
    let Some(date) = &front.withdrawn else {
        if let Some(reason) = reason {
            errors.push(
                Diagnostic::error("`withdrawn_reason` without `withdrawn`")
                    .at(file.front_location(reason.span()))
                    .help("add the day it was withdrawn: withdrawn = 2025-05-01"),
            );
        }
        return None;
    };
    let at = file.front_location(date.span());
    let date = match ContentDate::from_toml(date.get_ref()) {
        Ok(date) => date,
        Err(message) => {
            errors.push(
                Diagnostic::error(format!("invalid `withdrawn` date: {message}"))
                    .at(at)
                    .help("write the day the quote was withdrawn as YYYY-MM-DD: withdrawn = 2025-05-01"),
            );
            return None;
        }
    };
    let reason = reason.map(|r| r.get_ref().trim()).unwrap_or_default();
    if reason.is_empty() {
        errors.push(
            Diagnostic::error("a withdrawn quote needs a `withdrawn_reason`")
                .at(at)
                .label("its page says when and why it was withdrawn")
                .help("add withdrawn_reason = \"…\": one sentence saying why, for readers who cite it"),
        );
        return None;
    }
    Some(Withdrawal {
        date,
        reason: reason.to_string(),
    })
}

/// A quote's id and old ids, with their places, as `check_aliases` reads them.
pub(super) struct Names<'a> {
    pub id_location: &'a Location,
    pub aliases: &'a [(String, Location)],
}

/// Every alias, to the index of its quote. An alias that is a quote's id (its own or
/// another's) or that two quotes claim is an error naming both places.
pub(super) fn check_aliases(
    quotes: &[Names],
    by_id: &HashMap<String, usize>,
    errors: &mut Vec<Diagnostic>,
) -> HashMap<String, usize> {
    let mut by_alias: HashMap<String, usize> = HashMap::new();
    let mut places: HashMap<&str, &Location> = HashMap::new();
    for (index, quote) in quotes.iter().enumerate() {
        for (alias, location) in quote.aliases {
            if let Some(&other) = by_id.get(alias) {
                let whose = if other == index {
                    "this quote's own"
                } else {
                    "another quote's"
                };
                errors.push(
                    Diagnostic::error(format!("the alias `{alias}` is {whose} id"))
                        .at(location.clone())
                        .label("an alias is an old id that no quote has any more")
                        .also(quotes[other].id_location.clone(), "the quote with this id")
                        .help(
                            "remove the alias: a quote's page and a redirect cannot share one URL",
                        ),
                );
            } else if let Some(first) = places.get(alias.as_str()) {
                errors.push(
                    Diagnostic::error(format!("two quotes claim the alias `{alias}`"))
                        .at(location.clone())
                        .label("second quote with this alias")
                        .also((*first).clone(), "first quote with this alias")
                        .help("an old id redirects to one quote only: keep it where the old page's words went"),
                );
            } else {
                places.insert(alias, location);
                by_alias.insert(alias.clone(), index);
            }
        }
    }
    by_alias
}
