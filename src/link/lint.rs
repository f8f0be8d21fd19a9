//! Editorial warnings: things that are allowed but probably unintended. They never fail a
//! build; `dossier check --strict` turns them into failures.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::dates::{ContentDate, DatePoint};
use crate::diagnostics::{Diagnostic, Location};
use crate::link::model::{Dossier, LinkOptions};
use crate::link::slugs;
use crate::load::Sources;

pub fn lint(
    sources: &Sources,
    dossier: &Dossier,
    options: LinkOptions,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut seen_texts: HashMap<&str, Location> = HashMap::new();
    for source in sources
        .articles
        .iter()
        .filter(|a| options.drafts || !a.front.draft)
    {
        let front = &source.front;
        let file = &source.file;
        let title = file.front_location(front.title.span());
        if front.summary.as_deref().is_none_or(|s| s.trim().is_empty()) {
            warnings.push(
                Diagnostic::warning("article has no summary")
                    .at(title.clone())
                    .help("add `summary = \"…\"`: one or two sentences in your own words, shown in lists and feeds"),
            );
        }
        if let Some(image) = &front.image
            && front
                .image_alt
                .as_deref()
                .is_none_or(|alt| alt.trim().is_empty())
        {
            warnings.push(
                Diagnostic::warning("the lead image has no `image_alt`: readers who cannot see it learn nothing from it")
                    .at(file.front_location(image.span()))
                    .help("add `image_alt = \"…\"`: what the image shows, in a sentence"),
            );
        }
        if front.source.is_none() && front.source_url.is_none() {
            warnings.push(
                Diagnostic::warning("article names no source")
                    .at(title.clone())
                    .help("add `source = \"…\"` and `source_url = \"https://…\"`"),
            );
        }
        let article_date = ContentDate::from_toml(front.date.get_ref()).ok();
        if let Some(date) = article_date
            && date.date > today
        {
            warnings.push(
                Diagnostic::warning(format!(
                    "the article is dated in the future ({})",
                    date.iso_date()
                ))
                .at(file.front_location(front.date.span()))
                .help("check the year; a future date sorts this article first everywhere"),
            );
        }
        for quote in &front.quotes {
            let text = quote.text.get_ref().trim();
            if text.is_empty() {
                continue; // reported by `link`
            }
            let here = file.front_location(quote.text.span());
            match seen_texts.get(text) {
                Some(first) => warnings.push(
                    Diagnostic::warning("this quote repeats another quote word for word")
                        .at(here)
                        .also(first.clone(), "first quoted here")
                        .help("keep one of them; if the speaker really said it twice, give each a `said` date and `context`"),
                ),
                None => {
                    seen_texts.insert(text, here);
                }
            }
            if let Some(said) = &quote.said
                && let Ok(date) = ContentDate::from_toml(said.get_ref())
            {
                if let Some(article) = article_date
                    && date.date > article.date
                {
                    warnings.push(
                        Diagnostic::warning(format!(
                            "the quote is dated {}, after its article ({})",
                            date.iso_date(),
                            article.iso_date()
                        ))
                        .at(file.front_location(said.span()))
                        .help("words are said before they are reported: check `said`, or the article's `date`"),
                    );
                } else if date.date > today {
                    warnings.push(
                        Diagnostic::warning(format!(
                            "the quote is dated in the future ({})",
                            date.iso_date()
                        ))
                        .at(file.front_location(said.span()))
                        .help("check the year of `said`"),
                    );
                }
            }
        }
        if let Some(article_date) = article_date {
            let article_point = DatePoint::from_date(article_date.date);
            for event in &front.events {
                let Ok(date) = crate::dates::PartialDate::from_toml_value(event.date.get_ref())
                else {
                    continue; // reported by `link`
                };
                // The earliest day the date can mean: "2025-06" is 1 June 2025 at the
                // earliest. An approximate date ("2025~") may mean earlier: no warning.
                let start = date.start;
                let earliest = (start.year, start.month.unwrap_or(1), start.day.unwrap_or(1));
                if earliest > article_point.sort_key() && !date.approximate {
                    warnings.push(
                        Diagnostic::warning(format!(
                            "event dated {} is after its article ({})",
                            date,
                            article_date.display(&crate::strings::Strings::english())
                        ))
                        .at(file.front_location(event.date.span()))
                        .help(
                            "an article can only report events up to its own date: check the year",
                        ),
                    );
                }
            }
        }
    }
    for (kind, file, name) in sources
        .speakers
        .iter()
        .map(|s| ("speaker", &s.file, s.front.name.span()))
        .chain(
            sources
                .topics
                .iter()
                .map(|t| ("topic", &t.file, t.front.title.span())),
        )
    {
        let slug = slugs::slugify(file.stem());
        if !slug.is_empty() && slug != file.stem() {
            warnings.push(
                Diagnostic::warning(format!(
                    "the file name `{}.md` is not a slug: this {kind}'s slug is `{slug}`",
                    file.stem()
                ))
                .at(file.front_location(name))
                .help(format!(
                    "rename the file to content/{kind}s/{slug}.md, so the name written in articles is the file's"
                )),
            );
        }
    }
    // An article that failed to load may name any speaker or topic.
    let all_loaded = !sources.failed.iter().any(|f| f.starts_with("articles/"));
    // Topics named by withdrawn quotes alone: no list shows them, but they are used.
    let withdrawn_topics: std::collections::HashSet<usize> = (dossier.quotes.iter())
        .filter(|q| q.withdrawn.is_some())
        .flat_map(|q| q.topics.iter().copied())
        .collect();
    for source in &sources.speakers {
        let slug = slugs::slugify(source.file.stem());
        let unused = all_loaded
            && dossier
                .speakers
                .iter()
                .find(|s| s.slug == slug)
                .is_some_and(|s| s.articles.is_empty() && s.quotes.is_empty());
        if unused {
            warnings.push(
                Diagnostic::warning(format!("speaker `{slug}` is never referenced"))
                    .at(source.file.front_location(source.front.name.span()))
                    .help(format!("name them in an article's `speakers` or a quote's `speaker = \"{slug}\"`, or delete the file")),
            );
        }
    }
    for source in &sources.topics {
        let slug = slugs::slugify(source.file.stem());
        let unused = all_loaded
            && dossier
                .topics
                .iter()
                .position(|t| t.slug == slug)
                .is_some_and(|i| {
                    let t = &dossier.topics[i];
                    t.articles.is_empty()
                        && t.quotes.is_empty()
                        && t.events.is_empty()
                        && !withdrawn_topics.contains(&i)
                });
        if unused {
            warnings.push(
                Diagnostic::warning(format!("topic `{slug}` is never referenced"))
                    .at(source.file.front_location(source.front.title.span()))
                    .help(format!(
                        "add \"{slug}\" to an article's `topics`, or delete the file"
                    )),
            );
        }
    }
    warnings
}
