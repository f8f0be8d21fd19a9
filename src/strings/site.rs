//! A site's strings: the built-in table for its `language` (or English), with the site's
//! own `i18n/<language>.toml` read over it. Problems with the site's table are diagnostics
//! at their place; a string no table gives shows in English, with a warning naming it.

use std::collections::HashMap;
use std::sync::Arc;

use super::message::Message;
use super::{Strings, TABLES, builtin, primary_subtag, table};
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;

/// The strings for `config`'s language and calendar, with `site_table` (the site's
/// `i18n/<language>.toml`, when it has one) read over the built-in ones.
pub fn strings_for_site(
    config: &SiteConfig,
    site_table: Option<&SourceFile>,
) -> (Arc<Strings>, Vec<Diagnostic>) {
    let language = config.language.as_str();
    let mut diagnostics = Vec::new();
    let built_in = builtin(language);
    let has_builtin = built_in.is_some();
    let mut messages = built_in.unwrap_or_else(english);
    let english_only = primary_subtag(language) == "en";
    let mut given: Vec<String> = Vec::new();
    if let Some(file) = site_table {
        read_site_table(file, &mut messages, &mut given, &mut diagnostics);
    }
    if !has_builtin && !english_only {
        diagnostics.extend(missing_strings(language, site_table, &given));
    }
    if language
        .replace('_', "-")
        .parse::<icu_locale_core::Locale>()
        .is_err()
    {
        diagnostics.push(
            Diagnostic::warning(format!(
                "`language = \"{language}\"` is not a language tag: numbers and dates are written in English"
            ))
            .in_file("site.toml")
            .help("write a BCP 47 language tag, e.g. `en`, `fa`, `ar`, `fr-CA`"),
        );
    }
    let strings = Strings::new(messages, language, config.calendar);
    (Arc::new(strings), diagnostics)
}

fn english() -> HashMap<String, Message> {
    builtin("en").unwrap_or_default()
}

/// Reads `file` over `messages`: each known key replaces the built-in string; an unknown
/// key is a warning, a value that is not a string or a table of plural forms an error.
fn read_site_table(
    file: &SourceFile,
    messages: &mut HashMap<String, Message>,
    given: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (entries, problems) = match table::parse(&file.text) {
        Ok(read) => read,
        Err(problem) => {
            diagnostics.push(
                Diagnostic::error(problem.message)
                    .at(file.location(problem.span))
                    .help(problem.help),
            );
            return;
        }
    };
    for problem in problems {
        diagnostics.push(
            Diagnostic::error(problem.message)
                .at(file.location(problem.span))
                .help(problem.help),
        );
    }
    for entry in entries {
        match messages.get(&entry.key) {
            Some(built_in) if built_in.is_plural() == entry.message.is_plural() => {
                given.push(entry.key.clone());
                messages.insert(entry.key, entry.message);
            }
            Some(built_in) => diagnostics.push(
                Diagnostic::error(format!(
                    "`{}` is {}",
                    entry.key,
                    if built_in.is_plural() {
                        "a string that depends on a count: give its plural forms"
                    } else {
                        "one string, not plural forms"
                    }
                ))
                .at(file.location(entry.span))
                .help(format!(
                    "see `{}` in the built-in table (theme/i18n/en.toml in dossier's source)",
                    entry.key
                )),
            ),
            None => diagnostics.push(unknown_key(file, &entry.key, entry.span, messages)),
        }
    }
}

fn unknown_key(
    file: &SourceFile,
    key: &str,
    span: std::ops::Range<usize>,
    messages: &HashMap<String, Message>,
) -> Diagnostic {
    let closest = messages
        .keys()
        .map(|k| (strsim::jaro_winkler(k, key), k))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.clone());
    Diagnostic::warning(format!("unknown interface string `{key}`: it is not used"))
        .at(file.location(span))
        .help(match closest {
            Some(k) => format!("did you mean `{k}`?"),
            None => {
                "the keys are those of the built-in table, theme/i18n/en.toml in dossier's source"
                    .into()
            }
        })
}

/// The warning for a language without a built-in table: the strings its site table does
/// not give are shown in English.
fn missing_strings(
    language: &str,
    site_table: Option<&SourceFile>,
    given: &[String],
) -> Option<Diagnostic> {
    let codes: Vec<&str> = TABLES.iter().map(|(code, _)| *code).collect();
    let Some(file) = site_table else {
        return Some(
            Diagnostic::warning(format!(
                "no interface strings for language `{language}`: pages show them in English"
            ))
            .in_file("site.toml")
            .help(format!(
                "built-in languages: {}; for another, translate the strings in i18n/{language}.toml (see README, \"Languages\")",
                codes.join(", ")
            )),
        );
    };
    let mut missing: Vec<String> = english()
        .into_keys()
        .filter(|k| !given.contains(k) && k != "locale.dates")
        .collect();
    if missing.is_empty() {
        return None;
    }
    missing.sort();
    let shown: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
    let warning = Diagnostic::warning(format!(
        "{} interface string{} not in {}, shown in English: {}",
        missing.len(),
        if missing.len() == 1 { " is" } else { "s are" },
        file.path.display(),
        shown.join(", ")
    ))
    .in_file(file.path.clone())
    .help(
        "add them to the file; the English strings are in theme/i18n/en.toml in dossier's source",
    );
    Some(warning)
}
