//! Stage 2, **link**: sources → `Dossier`. Resolves every reference (speakers, topics,
//! `responds_to`, `@/` links, `related`), derives quote ids, renders Markdown, and builds
//! the indexes pages need. Pure: reads no file, writes nothing.

pub mod body_cache;
pub mod images;
pub mod indexes;
pub mod lint;
pub mod markdown;
pub mod model;
pub mod names;
pub mod resolve;
pub mod slugs;
pub mod translations;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use toml::Spanned;

use crate::dates::{ContentDate, PartialDate};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, did_you_mean, unknown_name_help};
use crate::load::{ArticleSource, QuoteFront, SourceFile, Sources};
pub use body_cache::BodyCache;
pub use model::*;
use resolve::Names;

/// Links `sources` into a `Dossier`. Errors fail the link; warnings come back with the dossier.
/// `@/` anchors that are not headings of their target stay unchecked here: [`link_all`] hands
/// them to the pipeline, which checks them on the rendered target pages.
pub fn link(
    sources: &Sources,
    options: LinkOptions,
) -> Result<(Dossier, Diagnostics), Diagnostics> {
    let linked = link_all(sources, options);
    let mut diagnostics = Diagnostics::default();
    for d in linked.errors.into_iter().chain(linked.warnings) {
        diagnostics.push(d);
    }
    match linked.dossier {
        Some(dossier) if !diagnostics.has_errors() => Ok((dossier, diagnostics.sorted())),
        _ => Err(diagnostics.sorted()),
    }
}

/// What [`link_all`] made of the sources.
pub struct Linked {
    /// The dossier, unless an error left it incomplete. Errors in Markdown bodies (links to
    /// missing files, script links) leave it whole, so the pipeline can still check the
    /// anchors of the other links and report everything at once.
    pub dossier: Option<Dossier>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// `@/file.md#anchor` links whose anchor is not a heading of the target's body: the
    /// target page's template may write that id, so it is checked on the rendered page.
    pub pending_anchors: Vec<PendingAnchor>,
}

/// An `@/` anchor to check on the rendered target page.
#[derive(Debug, Clone)]
pub struct PendingAnchor {
    /// Content path of the target (`topics/alpha.md`).
    pub target: String,
    pub anchor: String,
    /// The link in the Markdown.
    pub location: Location,
    /// Ids of the target's body (headings, footnotes), for a did-you-mean.
    pub known: Vec<String>,
}

impl PendingAnchor {
    /// The error when the rendered page has no element with this id.
    pub fn missing(&self, page_ids: &std::collections::HashSet<String>) -> Diagnostic {
        let mut candidates: Vec<&str> = self.known.iter().map(String::as_str).collect();
        let mut others: Vec<&str> = page_ids.iter().map(String::as_str).collect();
        others.sort_unstable();
        candidates.extend(others);
        let help = match did_you_mean(&self.anchor, candidates.iter().copied()) {
            Some(best) => format!("did you mean `#{best}`?"),
            None if self.known.is_empty() => format!(
                "content/{} has no headings; link to the page without `#…`, or add a heading",
                self.target
            ),
            None => format!(
                "the headings of content/{} are: {}",
                self.target,
                self.known
                    .iter()
                    .map(|id| format!("#{id}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        Diagnostic::error(format!(
            "link to a missing anchor: @/{}#{}",
            self.target, self.anchor
        ))
        .at(self.location.clone())
        .label(format!("no heading or id `{}` on that page", self.anchor))
        .help(help)
    }
}

/// Links `sources`, keeping the dossier whenever the errors allow (see [`Linked`]).
pub fn link_all(sources: &Sources, options: LinkOptions) -> Linked {
    link_all_reusing(sources, options, None)
}

/// [`link_all`], reusing the bodies of the last link kept in `bodies` (and keeping this
/// link's there): `serve` links again after each change.
pub fn link_all_reusing(
    sources: &Sources,
    options: LinkOptions,
    bodies: Option<&BodyCache>,
) -> Linked {
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut warnings: Vec<Diagnostic> = Vec::new();
    let config = sources.config.clone();
    let base_path = config.base_path();
    let base_url = config.base_url();
    let url = |path: String| format!("{base_path}{path}");
    let (strings, string_diagnostics) =
        crate::strings::site::strings_for_site(&config, sources.i18n.as_ref());
    for diagnostic in string_diagnostics {
        match diagnostic.severity {
            crate::diagnostics::Severity::Error => errors.push(diagnostic),
            crate::diagnostics::Severity::Warning => warnings.push(diagnostic),
        }
    }

    let site_image = config.image.as_ref().and_then(|image| {
        let location = sources.config_file.location(image.span());
        share_image(image, sources, location, &mut errors)
    });
    let (mut speakers, mut speaker_names) = link_speakers(sources, &url, &mut errors);
    let (mut topics, mut topic_names) = link_topics(sources, &url, &mut errors);
    // Files that failed to load were reported: what names them is not reported again.
    for failed in &sources.failed {
        let (kind, name) = failed.split_once('/').unwrap_or(("", failed));
        let stem = name.strip_suffix(".md").unwrap_or(name);
        match kind {
            "speakers" => speaker_names.broken.insert(slugs::slugify(stem)),
            "topics" => topic_names.broken.insert(slugs::slugify(stem)),
            _ => false,
        };
    }
    let published: Vec<&ArticleSource> = sources
        .articles
        .iter()
        .filter(|a| options.drafts || !a.front.draft)
        .collect();
    let (mut articles, failed) = link_article_headers(&published, &url, &mut errors);

    // Every content file an `@/` link may name, and its URL (in a translation, a file with
    // no translation is linked in the site's own language).
    let mut internal: HashMap<String, String> = sources
        .translated
        .as_ref()
        .map(|t| t.elsewhere.clone())
        .unwrap_or_default();
    for (article, source) in &articles {
        internal.insert(source.file.content_path.clone(), article.url.clone());
    }
    for speaker in &speakers {
        internal.insert(speaker.1.content_path.clone(), speaker.0.url.clone());
    }
    for topic in &topics {
        internal.insert(topic.1.content_path.clone(), topic.0.url.clone());
    }
    for failed in &sources.failed {
        internal.insert(failed.clone(), String::new());
    }
    // Quotes that failed (their article or themselves): a `responds_to` naming one of them
    // is not reported again.
    let mut unlinked_ids = UnlinkedIds {
        // An article that failed to load may hold any quote id.
        any: sources.failed.iter().any(|f| f.starts_with("articles/")),
        ..UnlinkedIds::default()
    };
    // An article whose header failed was reported: links to it and its quotes are no
    // second error.
    for source in &failed {
        internal.insert(source.file.content_path.clone(), String::new());
        for quote in &source.front.quotes {
            unlinked_ids.add(quote);
        }
    }

    let mut quote_drafts = Vec::new();
    let mut events = Vec::new();
    for (index, (article, source)) in articles.iter_mut().enumerate() {
        let front = &source.front;
        let file = &source.file;
        article.topics = topic_names.resolve_all(&front.topics, file, &mut errors);
        article.speakers = speaker_names.resolve_all(&front.speakers, file, &mut errors);
        let mut unsourced = 0;
        for quote in &front.quotes {
            if let Some(draft) = link_quote(
                quote,
                index,
                article,
                file,
                &speaker_names,
                &topic_names,
                &mut errors,
            ) {
                if draft.quote.source_url.is_none() {
                    unsourced += 1;
                }
                if !article.speakers.contains(&draft.quote.speaker) {
                    article.speakers.push(draft.quote.speaker);
                }
                quote_drafts.push(draft);
            } else {
                // Already reported; don't also report every `responds_to` naming it.
                unlinked_ids.add(quote);
            }
        }
        if unsourced > 0 {
            warnings.push(
                Diagnostic::warning(format!(
                    "{unsourced} quote{} in this article ha{} no source URL: readers cannot trace {}",
                    if unsourced == 1 { "" } else { "s" },
                    if unsourced == 1 { "s" } else { "ve" },
                    if unsourced == 1 { "it" } else { "them" }
                ))
                .at(file.front_location(front.title.span()))
                .help("add `source_url = \"https://…\"` to the article (or to each quote)"),
            );
        }
        for (n, event) in front.events.iter().enumerate() {
            let date = match PartialDate::from_toml_value(event.date.get_ref()) {
                Ok(date) => date,
                Err(message) => {
                    errors.push(
                        Diagnostic::error(format!("invalid event date: {message}"))
                            .at(file.front_location(event.date.span()))
                            .help("write a date (2015-07-14), or a string: \"2015\", \"2015-07\", \"2003~\" (approximate) or \"2016-01-16/2018-05-08\" (range)"),
                    );
                    continue;
                }
            };
            events.push(Event {
                id: format!("{}-event-{}", article.slug, n + 1),
                date,
                title: event.title.clone(),
                topics: topic_names.resolve_all(&event.topics, file, &mut errors),
                article: index,
            });
        }
    }

    let (quotes, quote_by_id) = number_quotes(quote_drafts, &unlinked_ids, &url, &mut errors);
    // Checked before anything stops the link, so a bad `related` shows with every other error.
    let declared_related = related_topics(sources, &topic_names, &mut errors);
    let mut body_errors = Vec::new();
    let pending_anchors = crate::timings::stage("link: markdown", || {
        render_markdown(
            &config,
            &internal,
            &mut articles,
            &mut speakers,
            &mut topics,
            &mut body_errors,
            bodies,
        )
    });

    if !errors.is_empty() {
        errors.extend(body_errors);
        return Linked {
            dossier: None,
            errors,
            warnings,
            pending_anchors,
        };
    }

    events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let root_url = sources.root_url();
    let mut dossier = Dossier {
        config,
        root_path: crate::config::base_path_of(&root_url),
        root_url,
        base_path,
        base_url,
        languages: None,
        articles: articles.into_iter().map(|(article, _)| article).collect(),
        speakers: speakers.into_iter().map(|(speaker, _)| speaker).collect(),
        topics: topics.into_iter().map(|(topic, _)| topic).collect(),
        quotes,
        events,
        chronology: Vec::new(),
        matrix: Vec::new(),
        quote_by_id,
        content_urls: internal,
        strings,
        share_image: site_image,
    };
    crate::timings::stage("link: indexes", || {
        indexes::build(&mut dossier, &declared_related)
    });
    let today = chrono::Local::now().date_naive();
    warnings.extend(crate::timings::stage("link: lint", || {
        lint::lint(sources, &dossier, options, today)
    }));
    Linked {
        dossier: Some(dossier),
        errors: body_errors,
        warnings,
        pending_anchors,
    }
}

fn link_speakers<'a>(
    sources: &'a Sources,
    url: &impl Fn(String) -> String,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<(Speaker, &'a SourceFile)>, Names) {
    let mut speakers: Vec<(Speaker, &SourceFile)> = Vec::new();
    for source in &sources.speakers {
        let front = &source.front;
        let Some(slug) = file_slug(&source.file, errors) else {
            continue;
        };
        if let Some(wikidata) = &front.wikidata {
            let id = wikidata.get_ref();
            if !(id.starts_with('Q') && id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit()))
            {
                errors.push(
                    Diagnostic::error(format!("`{id}` is not a Wikidata item id"))
                        .at(source.file.front_location(wikidata.span()))
                        .help("write the item id alone, e.g. wikidata = \"Q57336\""),
                );
            }
        }
        let name = front.name.get_ref().trim().to_string();
        let name_parts = names::person_name(
            &name,
            front.family_name.as_ref(),
            "family_name",
            &source.file,
            errors,
        );
        let share_image = front.image.as_ref().and_then(|image| {
            let location = source.file.front_location(image.span());
            share_image(image, sources, location, errors)
        });
        speakers.push((
            Speaker {
                url: url(format!("speakers/{slug}/")),
                slug,
                name,
                name_parts,
                role: front.role.clone(),
                country: front.country.clone(),
                aliases: front.aliases.clone(),
                image: front.image.as_ref().map(|i| i.get_ref().clone()),
                share_image,
                wikidata: front.wikidata.as_ref().map(|w| w.get_ref().clone()),
                extra: front.extra.clone(),
                bio_html: Arc::from(""),
                quotes: Vec::new(),
                articles: Vec::new(),
                topics: Vec::new(),
            },
            &source.file,
        ));
    }
    report_duplicate_slugs(
        speakers.iter().map(|(s, f)| (s.slug.as_str(), *f)),
        "speaker",
        errors,
    );
    speakers.sort_by(|a, b| {
        a.0.name
            .cmp(&b.0.name)
            .then_with(|| a.0.slug.cmp(&b.0.slug))
    });
    let mut names = Names::new("speaker");
    for (index, (speaker, _)) in speakers.iter().enumerate() {
        names.by_slug.insert(speaker.slug.clone(), index);
        names.slugs.push(speaker.slug.clone());
        for alias in speaker.aliases.iter().chain([&speaker.name]) {
            names
                .by_alias
                .insert(slugs::slugify(alias), speaker.slug.clone());
            if let Some(last) = alias.split_whitespace().last() {
                names
                    .by_alias
                    .entry(slugs::slugify(last))
                    .or_insert_with(|| speaker.slug.clone());
            }
        }
    }
    (speakers, names)
}

fn link_topics<'a>(
    sources: &'a Sources,
    url: &impl Fn(String) -> String,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<(Topic, &'a SourceFile)>, Names) {
    let mut topics: Vec<(Topic, &SourceFile)> = Vec::new();
    for source in &sources.topics {
        let Some(slug) = file_slug(&source.file, errors) else {
            continue;
        };
        topics.push((
            Topic {
                url: url(format!("topics/{slug}/")),
                slug,
                title: source.front.title.get_ref().trim().to_string(),
                description: source.front.description.clone(),
                extra: source.front.extra.clone(),
                body_html: Arc::from(""),
                related: Vec::new(),
                articles: Vec::new(),
                quotes: Vec::new(),
                events: Vec::new(),
                speakers: Vec::new(),
            },
            &source.file,
        ));
    }
    report_duplicate_slugs(
        topics.iter().map(|(t, f)| (t.slug.as_str(), *f)),
        "topic",
        errors,
    );
    topics.sort_by(|a, b| {
        a.0.title
            .cmp(&b.0.title)
            .then_with(|| a.0.slug.cmp(&b.0.slug))
    });
    let mut names = Names::new("topic");
    for (index, (topic, _)) in topics.iter().enumerate() {
        names.by_slug.insert(topic.slug.clone(), index);
        names.slugs.push(topic.slug.clone());
        names
            .by_alias
            .insert(slugs::slugify(&topic.title), topic.slug.clone());
    }
    (topics, names)
}

/// An `image` of the front matter or of `site.toml` as a share image; an error at its
/// place (`location`) when it is no image of the site.
fn share_image(
    image: &Spanned<String>,
    sources: &Sources,
    location: Location,
    errors: &mut Vec<Diagnostic>,
) -> Option<ShareImage> {
    images::resolve(image.get_ref(), &sources.static_files, &sources.root_url())
        .map_err(|problem| {
            errors.push(
                Diagnostic::error(problem.message)
                    .at(location)
                    .help(problem.help),
            )
        })
        .ok()
}

/// Speakers' and topics' slugs come from their file names, transliterated.
fn file_slug(file: &SourceFile, errors: &mut Vec<Diagnostic>) -> Option<String> {
    let slug = slugs::slugify(file.stem());
    if slug.is_empty() {
        errors.push(
            Diagnostic::error(format!(
                "cannot make a slug from the file name `{}`",
                file.stem()
            ))
            .in_file(file.path.clone())
            .help("rename the file with letters or digits, e.g. `ali-khamenei.md`"),
        );
        return None;
    }
    Some(slug)
}

fn report_duplicate_slugs<'a>(
    items: impl Iterator<Item = (&'a str, &'a SourceFile)>,
    kind: &str,
    errors: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, &SourceFile> = HashMap::new();
    for (slug, file) in items {
        if let Some(first) = seen.get(slug) {
            errors.push(
                Diagnostic::error(format!(
                    "two {kind}s have the slug `{slug}`: {} and {}",
                    first.path.display(),
                    file.path.display()
                ))
                .in_file(file.path.clone())
                .help("rename one of the files so their slugs differ"),
            );
        } else {
            seen.insert(slug, file);
        }
    }
}

/// Ids of quotes that were reported and left out: explicit ids, and the ending a derived id
/// would have (`-<first six words>`), since its speaker or date may be what failed.
#[derive(Default)]
struct UnlinkedIds {
    ids: std::collections::HashSet<String>,
    endings: Vec<String>,
    any: bool,
}

impl UnlinkedIds {
    fn add(&mut self, quote: &QuoteFront) {
        match &quote.id {
            Some(id) => {
                self.ids.insert(id.get_ref().clone());
            }
            None => {
                let words = slugs::quote_id("", "", quote.text.get_ref());
                // `quote_id` gave `-` plus `-<words>`: keep `-<words>`.
                if let Some(ending) = words.strip_prefix('-')
                    && !ending.is_empty()
                {
                    self.endings.push(ending.to_string());
                }
            }
        }
    }

    fn contains(&self, id: &str) -> bool {
        self.any
            || self.ids.contains(id)
            || self
                .endings
                .iter()
                .any(|ending| id.ends_with(ending.as_str()))
    }
}

/// Titles, dates, slugs and URLs of the published articles, sorted newest first; and the
/// articles whose header failed (already reported).
fn link_article_headers<'a>(
    published: &[&'a ArticleSource],
    url: &impl Fn(String) -> String,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<(Article, &'a ArticleSource)>, Vec<&'a ArticleSource>) {
    let mut failed = Vec::new();
    let mut articles = Vec::with_capacity(published.len());
    let mut slug_places: HashMap<String, Location> = HashMap::new();
    for source in published {
        let front = &source.front;
        let file = &source.file;
        let slug = match &front.slug {
            Some(slug) if slugs::is_valid(slug.get_ref()) => slug.get_ref().clone(),
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
            None => slugs::article_slug_from_stem(file.stem()),
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
            }
        }
        let language = front.language.as_ref().map(|l| l.get_ref().clone());
        articles.push((
            Article {
                url: url(format!("articles/{slug}/")),
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
                summary: front.summary.clone(),
                language,
                aliases: front.aliases.iter().map(|a| a.get_ref().clone()).collect(),
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

fn check_http_url(field: &Spanned<String>, file: &SourceFile, errors: &mut Vec<Diagnostic>) {
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

/// A quote before ids are checked for uniqueness and `responds_to` is resolved.
struct QuoteDraft {
    quote: Quote,
    id_location: Location,
    responds_to: Option<(String, Location)>,
}

fn link_quote(
    front: &QuoteFront,
    article_index: usize,
    article: &Article,
    file: &SourceFile,
    speakers: &Names,
    topics: &Names,
    errors: &mut Vec<Diagnostic>,
) -> Option<QuoteDraft> {
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
    if let Some(url) = &front.source_url {
        check_http_url(url, file, errors);
    }
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
            (id.get_ref().clone(), file.front_location(id.span()))
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
            slugs::quote_id(speaker_slug, &said.iso_date(), &text),
            file.front_location(front.text.span()),
        ),
    };
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
            source_url: front
                .source_url
                .as_ref()
                .map(|u| u.get_ref().clone())
                .or_else(|| article.source_url.clone()),
            original,
        },
        id_location,
        responds_to: front
            .responds_to
            .as_ref()
            .map(|r| (r.get_ref().clone(), file.front_location(r.span()))),
    })
}

/// Checks quote ids are unique, sorts quotes newest first and resolves `responds_to`.
fn number_quotes(
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
            url: url(format!("quotes/{}/", draft.quote.id)),
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

/// Renders every body in parallel; `@/` links naming no file and script links become
/// errors. Anchors of `@/` links are checked against the target's headings; those that are
/// not headings come back, to be checked on the rendered page.
fn render_markdown(
    config: &crate::config::SiteConfig,
    internal: &HashMap<String, String>,
    articles: &mut [(Article, &ArticleSource)],
    speakers: &mut [(Speaker, &SourceFile)],
    topics: &mut [(Topic, &SourceFile)],
    errors: &mut Vec<Diagnostic>,
    cache: Option<&BodyCache>,
) -> Vec<PendingAnchor> {
    let last = cache
        .map(|cache| cache.take(&config.markdown))
        .unwrap_or_default();
    let render = |file: &SourceFile| {
        let rendered = last
            .reuse(file, internal)
            .unwrap_or_else(|| markdown::render(file.body(), &config.markdown, internal));
        with_link_errors(file, rendered, internal)
    };
    let article_results: Vec<_> = articles
        .par_iter()
        .map(|(_, source)| render(&source.file))
        .collect();
    let mut bodies: Vec<(&SourceFile, markdown::Rendered)> = Vec::new();
    for ((article, source), (rendered, link_errors)) in articles.iter_mut().zip(article_results) {
        article.body_html = rendered.html.clone();
        errors.extend(link_errors);
        bodies.push((&source.file, rendered));
    }
    let bios: Vec<_> = speakers.par_iter().map(|(_, file)| render(file)).collect();
    for ((speaker, file), (rendered, link_errors)) in speakers.iter_mut().zip(bios) {
        speaker.bio_html = rendered.html.clone();
        errors.extend(link_errors);
        bodies.push((file, rendered));
    }
    let backgrounds: Vec<_> = topics.par_iter().map(|(_, file)| render(file)).collect();
    for ((topic, file), (rendered, link_errors)) in topics.iter_mut().zip(backgrounds) {
        topic.body_html = rendered.html.clone();
        errors.extend(link_errors);
        bodies.push((file, rendered));
    }
    drop(last);
    if let Some(cache) = cache {
        cache.keep(
            &config.markdown,
            bodies.iter().map(|(file, rendered)| (*file, rendered)),
        );
    }
    // The ids each body gives its page: headings and footnotes.
    let ids: HashMap<&str, Vec<String>> = bodies
        .iter()
        .map(|(file, rendered)| {
            let ids = rendered
                .headings
                .iter()
                .map(|h| h.id.clone())
                .chain(rendered.footnote_ids.iter().cloned())
                .collect();
            (file.content_path.as_str(), ids)
        })
        .collect();
    let mut pending = Vec::new();
    for (file, rendered) in &bodies {
        for link in &rendered.anchors {
            let known = ids.get(link.target.as_str()).cloned().unwrap_or_default();
            if known.contains(&link.anchor) {
                continue;
            }
            let span = (link.span.start + file.body_offset)..(link.span.end + file.body_offset);
            pending.push(PendingAnchor {
                target: link.target.clone(),
                anchor: link.anchor.clone(),
                location: file.location(span),
                known,
            });
        }
    }
    pending
}

/// Renders one content file's Markdown body; `@/` links that name no file and links that
/// run script come back as errors pointing into the file. `internal` maps content paths
/// (`articles/x.md`) to URLs. `serve` calls this alone to re-render a file whose front
/// matter did not change.
pub fn render_body(
    file: &SourceFile,
    config: &crate::config::MarkdownConfig,
    internal: &HashMap<String, String>,
) -> (markdown::Rendered, Vec<Diagnostic>) {
    with_link_errors(
        file,
        markdown::render(file.body(), config, internal),
        internal,
    )
}

/// A rendered body with the errors of its links, pointing into `file`.
fn with_link_errors(
    file: &SourceFile,
    rendered: markdown::Rendered,
    internal: &HashMap<String, String>,
) -> (markdown::Rendered, Vec<Diagnostic>) {
    let located = |span: &std::ops::Range<usize>| {
        file.location((span.start + file.body_offset)..(span.end + file.body_offset))
    };
    let mut link_errors: Vec<Diagnostic> = rendered
        .broken_links
        .iter()
        .map(|broken| {
            let help = match did_you_mean(&broken.target, internal.keys().map(String::as_str)) {
                Some(best) => format!("did you mean `@/{best}`?"),
                None => "internal links look like @/articles/<file>.md, @/speakers/<slug>.md or @/topics/<slug>.md (drafts excluded)".into(),
            };
            Diagnostic::error(format!("link to a missing file: @/{}", broken.target))
                .at(located(&broken.span))
                .help(help)
        })
        .collect();
    link_errors.extend(rendered.unsafe_links.iter().map(|link| {
        Diagnostic::error(format!("link runs script: `{}`", link.url))
            .at(located(&link.span))
            .label("javascript: and vbscript: links are refused")
            .help("link to a web page (https://…) or to other content (@/articles/<file>.md)")
    }));
    (rendered, link_errors)
}

/// Each topic's declared `related` topics, resolved.
fn related_topics(
    sources: &Sources,
    names: &Names,
    errors: &mut Vec<Diagnostic>,
) -> HashMap<usize, Vec<usize>> {
    let mut out = HashMap::new();
    for source in &sources.topics {
        let slug = slugs::slugify(source.file.stem());
        let Some(&index) = names.by_slug.get(&slug) else {
            continue;
        };
        let related = names.resolve_all(&source.front.related, &source.file, errors);
        out.insert(index, related.into_iter().filter(|r| *r != index).collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::load::{ArticleFront, SpeakerFront, SpeakerSource, TopicFront, TopicSource};

    const SITE: &str = "title = \"Fake\"\nbase_url = \"https://example.test/sub/\"\n";

    /// A site in memory: two made-up speakers, one topic, and `articles` (file name, text).
    fn sources(articles: &[(&str, &str)]) -> Sources {
        let speaker = |slug: &str, name: &str| {
            let text = format!("+++\nname = \"{name}\"\n+++\nA made-up person.\n");
            let (file, front) = crate::load::parse_content::<SpeakerFront>(
                &format!("speakers/{slug}.md"),
                text.into_bytes(),
            )
            .unwrap();
            SpeakerSource { file, front }
        };
        let (topic_file, topic_front) = crate::load::parse_content::<TopicFront>(
            "topics/alpha.md",
            b"+++\ntitle = \"Alpha\"\n+++\n".to_vec(),
        )
        .unwrap();
        let text: Arc<str> = Arc::from(SITE);
        Sources {
            root: PathBuf::from("."),
            config: toml::from_str(SITE).unwrap(),
            config_file: SourceFile {
                path: "site.toml".into(),
                content_path: "site.toml".into(),
                text: text.clone(),
                front_offset: 0,
                body_offset: text.len(),
            },
            i18n: None,
            languages: Vec::new(),
            translated: None,
            articles: articles
                .iter()
                .map(|(name, text)| {
                    let (file, front) = crate::load::parse_content::<ArticleFront>(
                        &format!("articles/{name}"),
                        text.as_bytes().to_vec(),
                    )
                    .unwrap();
                    ArticleSource { file, front }
                })
                .collect(),
            speakers: vec![
                speaker("ada-example", "Ada Example"),
                speaker("bo-sample", "Bo Sample"),
            ],
            topics: vec![TopicSource {
                file: topic_file,
                front: topic_front,
            }],
            templates: Vec::new(),
            static_files: Vec::new(),
            failed: Vec::new(),
        }
    }

    /// An article dated 2024-01-10 with `quotes` (each a `[[quotes]]` table's body).
    fn article_with(quotes: &[&str]) -> String {
        let mut text = String::from(
            "+++\ntitle = \"Fake\"\ndate = 2024-01-10\nsource_url = \"https://example.test/s\"\ntopics = [\"alpha\"]\n",
        );
        for quote in quotes {
            text.push_str("\n[[quotes]]\n");
            text.push_str(quote);
            text.push('\n');
        }
        text.push_str("+++\nBody.\n");
        text
    }

    fn linked(quotes: &[&str]) -> Result<Dossier, Diagnostics> {
        let text = article_with(quotes);
        link(
            &sources(&[("2024-01-10-fake.md", &text)]),
            LinkOptions::default(),
        )
        .map(|(dossier, _)| dossier)
    }

    fn link_errors(quotes: &[&str]) -> Vec<Diagnostic> {
        let diagnostics = linked(quotes).expect_err("the link fails");
        diagnostics
            .items
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect()
    }

    #[test]
    fn a_quote_id_is_speaker_date_said_and_first_six_words() {
        let dossier = linked(&[
            "speaker = \"ada-example\"\ntext = \"  We spent YEARS negotiating — and then, it ended.  \"",
            "speaker = \"bo-sample\"\ntext = \"Later words.\"\nsaid = 2024-02-03",
            "speaker = \"bo-sample\"\ntext = \"Chosen.\"\nid = \"my-own-id\"",
            "speaker = \"ada-example\"\ntext = \"Ça déjà vu, Œuvre!\"",
        ])
        .unwrap();
        let ids: Vec<&str> = dossier.quotes.iter().map(|q| q.id.as_str()).collect();
        // Newest said first, then by id.
        assert_eq!(
            ids,
            [
                "bo-sample-2024-02-03-later-words",
                "ada-example-2024-01-10-ca-deja-vu-oeuvre",
                "ada-example-2024-01-10-we-spent-years-negotiating-and-then",
                "my-own-id",
            ]
        );
        for (index, quote) in dossier.quotes.iter().enumerate() {
            assert_eq!(dossier.quote_by_id[&quote.id], index);
            assert_eq!(quote.url, format!("/sub/quotes/{}/", quote.id));
        }
        // The text is kept as written, trimmed.
        assert_eq!(
            dossier.quotes[2].text,
            "We spent YEARS negotiating — and then, it ended."
        );
    }

    #[test]
    fn an_invalid_explicit_id_is_an_error_with_a_slug_to_use() {
        let errors = link_errors(&["speaker = \"ada-example\"\ntext = \"Words.\"\nid = \"My Id\""]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "invalid quote id `My Id`");
        assert!(
            errors[0]
                .help
                .as_deref()
                .unwrap()
                .contains("id = \"my-id\"")
        );
    }

    #[test]
    fn two_quotes_with_one_id_are_an_error_naming_both_places() {
        let errors = link_errors(&[
            "speaker = \"ada-example\"\ntext = \"Same words here.\"",
            "speaker = \"ada-example\"\ntext = \"Same words here!\"",
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let error = &errors[0];
        assert_eq!(
            error.message,
            "two quotes have the id `ada-example-2024-01-10-same-words-here`"
        );
        // Both point at the quotes' texts, lines 9 and 13 of the file.
        let (also, label) = error.also.as_ref().expect("the other place");
        assert_eq!(label, "first quote with this id");
        let lines = [
            error.line_col().unwrap().0,
            crate::diagnostics::line_col(
                also.source.as_deref().unwrap(),
                also.span.clone().unwrap().start,
            )
            .0,
        ];
        assert_eq!(
            {
                let mut sorted = lines;
                sorted.sort();
                sorted
            },
            [9, 13]
        );
        assert_ne!(lines[0], lines[1]);
    }

    #[test]
    fn responds_to_links_a_thread_and_rejects_itself_unknown_ids_and_loops() {
        let dossier = linked(&[
            "speaker = \"ada-example\"\nid = \"opening\"\ntext = \"First.\"",
            "speaker = \"bo-sample\"\nid = \"reply\"\ntext = \"Second.\"\nresponds_to = \"opening\"",
        ])
        .unwrap();
        let reply = &dossier.quotes[dossier.quote_by_id["reply"]];
        assert_eq!(reply.responds_to, Some(dossier.quote_by_id["opening"]));

        let errors = link_errors(&[
            "speaker = \"ada-example\"\nid = \"self\"\ntext = \"Me.\"\nresponds_to = \"self\"",
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].message, "a quote cannot respond to itself");
        assert_eq!(errors[0].line_col(), Some((11, 15)));

        let errors = link_errors(&[
            "speaker = \"ada-example\"\nid = \"opening\"\ntext = \"First.\"",
            "speaker = \"bo-sample\"\nid = \"reply\"\ntext = \"Second.\"\nresponds_to = \"openin\"",
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].message,
            "`responds_to` names an unknown quote id `openin`"
        );
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `opening`?"));

        // A → B → C → A: each quote of the loop is reported, at its own `responds_to`.
        let errors = link_errors(&[
            "speaker = \"ada-example\"\nid = \"a\"\ntext = \"A.\"\nresponds_to = \"c\"",
            "speaker = \"bo-sample\"\nid = \"b\"\ntext = \"B.\"\nresponds_to = \"a\"",
            "speaker = \"ada-example\"\nid = \"c\"\ntext = \"C.\"\nresponds_to = \"b\"",
        ]);
        let mut messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        messages.sort();
        assert_eq!(
            messages,
            [
                "`responds_to` of `a` forms a loop back to itself",
                "`responds_to` of `b` forms a loop back to itself",
                "`responds_to` of `c` forms a loop back to itself",
            ]
        );
        let mut lines: Vec<usize> = errors.iter().map(|e| e.line_col().unwrap().0).collect();
        lines.sort();
        assert_eq!(lines, [11, 17, 23]);
    }

    #[test]
    fn a_quote_responding_to_a_quote_that_failed_is_not_reported_twice() {
        let errors = link_errors(&[
            "speaker = \"ada-exampel\"\nid = \"opening\"\ntext = \"First.\"",
            "speaker = \"bo-sample\"\nid = \"reply\"\ntext = \"Second.\"\nresponds_to = \"opening\"",
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].message, "unknown speaker `ada-exampel`");
        assert_eq!(
            errors[0].help.as_deref(),
            Some("did you mean `ada-example`? (for a new speaker: `dossier new speaker \"…\"`)")
        );
    }

    #[test]
    fn drafts_are_left_out_unless_asked_for() {
        let draft = "+++\ntitle = \"Draft\"\ndate = 2024-03-01\ndraft = true\n\n[[quotes]]\nspeaker = \"bo-sample\"\ntext = \"Unpublished.\"\n+++\n";
        let published = article_with(&["speaker = \"ada-example\"\ntext = \"Published.\""]);
        let sources = sources(&[
            ("2024-01-10-fake.md", &published),
            ("2024-03-01-draft.md", draft),
        ]);
        let (dossier, _) = link(&sources, LinkOptions::default()).unwrap();
        assert_eq!(dossier.articles.len(), 1);
        assert_eq!(dossier.quotes.len(), 1);
        let (dossier, _) = link(&sources, LinkOptions { drafts: true }).unwrap();
        assert_eq!(dossier.articles.len(), 2);
        assert_eq!(dossier.articles[0].slug, "draft", "newest first");
        assert_eq!(dossier.quotes.len(), 2);
    }
}
