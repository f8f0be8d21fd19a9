//! Article headers: slug, date, source fields and aliases of each published article,
//! checked and sorted newest first, before its quotes and events are linked.

use std::collections::HashMap;
use std::sync::Arc;

use toml::Spanned;

use super::model::{Article, PersonName};
use super::{names, slugs};
use crate::dates::ContentDate;
use crate::diagnostics::{Diagnostic, Location};
use crate::load::{ArticleSource, SourceFile};

/// Titles, dates, slugs and URLs of the published articles, sorted newest first; and the
/// articles whose header failed (already reported).
pub(super) fn link_article_headers<'a>(
    published: &[&'a ArticleSource],
    url: &impl Fn(String) -> String,
    mode: crate::config::SlugMode,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<(Article, &'a ArticleSource)>, Vec<&'a ArticleSource>) {
    let mut failed = Vec::new();
    let mut articles = Vec::with_capacity(published.len());
    let mut slug_places: HashMap<String, Location> = HashMap::new();
    for source in published {
        let front = &source.front;
        let file = &source.file;
        let slug = match &front.slug {
            Some(slug) if slugs::is_valid(slug.get_ref()) => {
                let location = file.front_location(slug.span());
                if let Some(error) = slugs::length_error("this slug", slug.get_ref(), location) {
                    errors.push(error);
                    failed.push(*source);
                    continue;
                }
                slug.get_ref().clone()
            }
            Some(slug) => {
                errors.push(
                    Diagnostic::error(format!("invalid slug `{}`", slug.get_ref()))
                        .at(file.front_location(slug.span()))
                        .label("slugs are lowercase letters and digits joined by single hyphens")
                        .help(format!("try slug = \"{}\"", slugs::slugify(slug.get_ref()))),
                );
                failed.push(*source);
                continue;
            }
            None => slugs::article_slug_from_stem(mode, file.stem()),
        };
        if slug.is_empty() {
            errors.push(
                Diagnostic::error(format!(
                    "cannot make a slug from the file name `{}`",
                    file.stem()
                ))
                .in_file(file.path.clone())
                .help("rename the file or set `slug = \"…\"` in the front matter"),
            );
            failed.push(*source);
            continue;
        }
        let slug_location = match &front.slug {
            Some(s) => file.front_location(s.span()),
            None => file.front_location(front.title.span()),
        };
        if let Some(first) = slug_places.get(&slug) {
            errors.push(
                Diagnostic::error(format!("two articles have the slug `{slug}`"))
                    .at(slug_location)
                    .label("second article with this slug")
                    .also(first.clone(), "first article with this slug")
                    .help("set a different `slug = \"…\"` in one of them, or rename its file"),
            );
            // Kept: its links, quotes and events are checked like any article's, and links
            // to it or its quotes are no second error. The build fails all the same.
        } else {
            slug_places.insert(slug.clone(), slug_location);
        }
        let date = match ContentDate::from_toml(front.date.get_ref()) {
            Ok(date) => date,
            Err(message) => {
                errors.push(
                    Diagnostic::error(format!("invalid `date`: {message}"))
                        .at(file.front_location(front.date.span()))
                        .help("write the publication date as YYYY-MM-DD, optionally with a time: date = 2025-03-12T22:21:00+03:30"),
                );
                failed.push(*source);
                continue;
            }
        };
        for field in [&front.source_url, &front.archive_url]
            .into_iter()
            .flatten()
        {
            check_http_url(field, file, errors);
        }
        for alias in &front.aliases {
            let path = alias.get_ref();
            if !path.starts_with('/')
                || path
                    .split('/')
                    .any(|part| part == ".." || part.starts_with('.') && !part.is_empty())
            {
                errors.push(
                    Diagnostic::error(format!("invalid alias `{path}`"))
                        .at(file.front_location(alias.span()))
                        .help("an alias is a site path such as \"/old/url/\": it starts with `/` and has no `..` or hidden parts"),
                );
            } else if let Some(part) = path.split('/').find(|p| p.len() > slugs::MAX_NAME_BYTES) {
                let location = file.front_location(alias.span());
                errors.extend(slugs::length_error("a part of this alias", part, location));
            }
        }
        if let Some(tag) = &front.language {
            errors.extend(super::language_tags::check(tag, file));
        }
        let language = front.language.as_ref().map(|l| l.get_ref().clone());
        articles.push((
            Article {
                url: url(format!("articles/{}/", crate::urls::encode(&slug))),
                slug,
                source_path: file.path.clone(),
                title: front.title.get_ref().trim().to_string(),
                date,
                author: front.author.clone(),
                author_name: author_name(front, file, errors),
                accessed: accessed(front, file, errors),
                source: front.source.clone(),
                source_url: front.source_url.as_ref().map(|u| u.get_ref().clone()),
                archive_url: front.archive_url.as_ref().map(|u| u.get_ref().clone()),
                archived: super::archive::archived(
                    front.archived.as_ref(),
                    front.archive_url.as_ref(),
                    file,
                    errors,
                ),
                summary: front.summary.clone(),
                image: None,
                language,
                aliases: front.aliases.iter().map(|a| a.get_ref().clone()).collect(),
                corrections: Vec::new(),
                extra: front.extra.clone(),
                body_html: Arc::from(""),
                topics: Vec::new(),
                speakers: Vec::new(),
                quotes: Vec::new(),
                events: Vec::new(),
                related: Vec::new(),
                previous: None,
                next: None,
            },
            *source,
        ));
    }
    articles.sort_by(|a, b| {
        b.0.date
            .sort_key()
            .cmp(&a.0.date.sort_key())
            .then_with(|| a.0.slug.cmp(&b.0.slug))
    });
    (articles, failed)
}

/// The article's `author` as citations write it; `author_family_name` without an
/// `author` is an error.
fn author_name(
    front: &crate::load::ArticleFront,
    file: &SourceFile,
    errors: &mut Vec<Diagnostic>,
) -> Option<PersonName> {
    let family = front.author_family_name.as_ref();
    match (&front.author, family) {
        (Some(author), family) => Some(names::person_name(
            author.trim(),
            family,
            "author_family_name",
            file,
            errors,
        )),
        (None, Some(family)) => {
            errors.push(
                Diagnostic::error("`author_family_name` without an `author`")
                    .at(file.front_location(family.span()))
                    .help(
                        "add `author = \"…\"` with the full name, or remove `author_family_name`",
                    ),
            );
            None
        }
        (None, None) => None,
    }
}

/// The day the source was read (`accessed`), a date.
fn accessed(
    front: &crate::load::ArticleFront,
    file: &SourceFile,
    errors: &mut Vec<Diagnostic>,
) -> Option<chrono::NaiveDate> {
    let accessed = front.accessed.as_ref()?;
    match ContentDate::from_toml(accessed.get_ref()) {
        Ok(date) => Some(date.date),
        Err(message) => {
            errors.push(
                Diagnostic::error(format!("invalid `accessed`: {message}"))
                    .at(file.front_location(accessed.span()))
                    .help("write the day you read the source online as YYYY-MM-DD: accessed = 2025-03-14"),
            );
            None
        }
    }
}

pub(super) fn check_http_url(
    field: &Spanned<String>,
    file: &SourceFile,
    errors: &mut Vec<Diagnostic>,
) {
    let value = field.get_ref();
    let lower = value.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && value.len() > "https://".len()
        && !value.contains(char::is_whitespace);
    if !ok {
        errors.push(
            Diagnostic::error(format!("`{value}` is not an http(s) URL"))
                .at(file.front_location(field.span()))
                .label("only http:// and https:// links are accepted")
                .help("paste the full address of the source, starting with https://"),
        );
    }
}
