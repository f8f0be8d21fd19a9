//! Stage 2, **link**: sources → `Dossier`. Resolves every reference (speakers, topics,
//! `responds_to`, `@/` links, `related`), derives quote ids, renders Markdown, and builds
//! the indexes pages need. Pure: reads no file, writes nothing.

mod archive;
mod articles;
pub mod assets;
pub mod body_cache;
mod corrections;
pub mod images;
pub mod indexes;
mod language_tags;
pub mod lint;
pub mod markdown;
pub mod model;
pub mod names;
mod quote_history;
mod quotes;
pub mod resolve;
pub mod slugs;
pub mod translations;
pub mod typography;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use toml::Spanned;

use crate::config::SlugMode;
use crate::dates::PartialDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::load::{ArticleSource, SourceFile, Sources};
use articles::link_article_headers;
pub use body_cache::BodyCache;
pub use model::*;
use quotes::{UnlinkedIds, link_quote, number_quotes};
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
    let mode = config.slugify;
    if let Some(icon) = &config.favicon
        && let Err(problem) = images::site_icon(icon.get_ref(), &sources.static_files)
    {
        errors.push(
            Diagnostic::error(problem.message)
                .at(sources.config_file.location(icon.span()))
                .help(problem.help),
        );
    }
    let (mut speakers, mut speaker_names) = link_speakers(sources, &url, &mut errors);
    let (mut topics, mut topic_names) = link_topics(sources, &url, &mut errors);
    // Files that failed to load were reported: what names them is not reported again.
    for failed in &sources.failed {
        let (kind, name) = failed.split_once('/').unwrap_or(("", failed));
        let stem = name.strip_suffix(".md").unwrap_or(name);
        match kind {
            "speakers" => speaker_names.broken.insert(slugs::slugify_in(mode, stem)),
            "topics" => topic_names.broken.insert(slugs::slugify_in(mode, stem)),
            _ => false,
        };
    }
    let published: Vec<&ArticleSource> = sources
        .articles
        .iter()
        .filter(|a| options.drafts || !a.front.draft)
        .collect();
    let (mut articles, failed) = link_article_headers(&published, &url, mode, &mut errors);
    for (article, source) in &mut articles {
        article.image = lead_image(&source.front, &source.file, sources, &mut errors);
    }

    let mut internal = content_urls(sources, &articles, &speakers, &topics);
    // Quotes that failed (their article or themselves): a `responds_to` naming one of them
    // is not reported again.
    let mut unlinked_ids = UnlinkedIds {
        // An article that failed to load may hold any quote id.
        any: sources.failed.iter().any(|f| f.starts_with("articles/")),
        mode,
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

    let names = quotes::QuoteNames {
        speakers: &speaker_names,
        topics: &topic_names,
        mode,
    };
    let (quote_drafts, mut events) = link_quotes_and_events(
        &mut articles,
        &names,
        &mut unlinked_ids,
        &mut errors,
        &mut warnings,
    );

    let (mut quotes, quote_by_id) = number_quotes(quote_drafts, &unlinked_ids, &url, &mut errors);
    let corrections = corrections::link(
        &mut articles,
        &mut quotes,
        &quote_by_id,
        &unlinked_ids,
        &mut errors,
    );
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
        listed_quotes: Vec::new(),
        corrections,
        content_urls: internal,
        strings,
        share_image: site_image,
        asset_versions: assets::versions(&sources.static_files, sources.config.search.enabled),
    };
    typography::smarten_front_matter(&mut dossier);
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

/// Every content file an `@/` link may name, and its URL (in a translation, a file with
/// no translation is linked in the site's own language); a file that failed to load maps
/// to "" (it was reported: links to it are no second error).
fn content_urls(
    sources: &Sources,
    articles: &[(Article, &ArticleSource)],
    speakers: &[(Speaker, &SourceFile)],
    topics: &[(Topic, &SourceFile)],
) -> HashMap<String, String> {
    let mut internal: HashMap<String, String> = sources
        .translated
        .as_ref()
        .map(|t| t.elsewhere.clone())
        .unwrap_or_default();
    for (article, source) in articles {
        internal.insert(source.file.content_path.clone(), article.url.clone());
    }
    for speaker in speakers {
        internal.insert(speaker.1.content_path.clone(), speaker.0.url.clone());
    }
    for topic in topics {
        internal.insert(topic.1.content_path.clone(), topic.0.url.clone());
    }
    for failed in &sources.failed {
        internal.insert(failed.clone(), String::new());
    }
    internal
}

/// Each article's quotes (as drafts, numbered later) and events, with its topics and
/// speakers resolved; a quote that fails is added to `unlinked_ids`.
fn link_quotes_and_events(
    articles: &mut [(Article, &ArticleSource)],
    names: &quotes::QuoteNames,
    unlinked_ids: &mut UnlinkedIds,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> (Vec<quotes::QuoteDraft>, Vec<Event>) {
    let mut quote_drafts = Vec::new();
    let mut events = Vec::new();
    for (index, (article, source)) in articles.iter_mut().enumerate() {
        let front = &source.front;
        let file = &source.file;
        article.topics = names.topics.resolve_all(&front.topics, file, errors);
        article.speakers = names.speakers.resolve_all(&front.speakers, file, errors);
        let mut unsourced = 0;
        for quote in &front.quotes {
            if let Some(draft) = link_quote(quote, index, article, file, names, errors) {
                if draft.quote.source_url.is_none() {
                    unsourced += 1;
                }
                warnings.extend(quotes::unpinned(quote, &draft.quote.id, file));
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
                topics: names.topics.resolve_all(&event.topics, file, errors),
                article: index,
            });
        }
    }
    (quote_drafts, events)
}

fn link_speakers<'a>(
    sources: &'a Sources,
    url: &impl Fn(String) -> String,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<(Speaker, &'a SourceFile)>, Names) {
    let mut speakers: Vec<(Speaker, &SourceFile)> = Vec::new();
    for source in &sources.speakers {
        let front = &source.front;
        let Some(slug) = file_slug(&source.file, sources.config.slugify, errors) else {
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
                url: url(format!("speakers/{}/", crate::urls::encode(&slug))),
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
        let Some(slug) = file_slug(&source.file, sources.config.slugify, errors) else {
            continue;
        };
        topics.push((
            Topic {
                url: url(format!("topics/{}/", crate::urls::encode(&slug))),
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

/// An article's lead image (`image`), with its `image_alt` (without one, a warning of
/// `lint`) and `image_caption`; `image_alt` or `image_caption` without `image` is an error.
fn lead_image(
    front: &crate::load::ArticleFront,
    file: &SourceFile,
    sources: &Sources,
    errors: &mut Vec<Diagnostic>,
) -> Option<LeadImage> {
    let Some(image) = &front.image else {
        if front.image_alt.is_some() || front.image_caption.is_some() {
            errors.push(
                Diagnostic::error(
                    "`image_alt` and `image_caption` describe an `image`, and there is none",
                )
                .in_file(file.path.clone())
                .help("add `image = \"img/x.jpg\"` (a file of static/), or remove them"),
            );
        }
        return None;
    };
    let location = file.front_location(image.span());
    let alt = front.image_alt.as_deref().map(str::trim).unwrap_or("");
    Some(LeadImage {
        image: share_image(image, sources, location, errors)?,
        alt: alt.to_string(),
        caption: front.image_caption.clone(),
    })
}

/// Speakers' and topics' slugs come from their file names, transliterated.
fn file_slug(file: &SourceFile, mode: SlugMode, errors: &mut Vec<Diagnostic>) -> Option<String> {
    let slug = slugs::slugify_in(mode, file.stem());
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
        let language = article.language.as_deref().unwrap_or(&config.language);
        article.body_html = typography::localise_html(&rendered.html, language);
        errors.extend(link_errors);
        bodies.push((&source.file, rendered));
    }
    let bios: Vec<_> = speakers.par_iter().map(|(_, file)| render(file)).collect();
    for ((speaker, file), (rendered, link_errors)) in speakers.iter_mut().zip(bios) {
        speaker.bio_html = typography::localise_html(&rendered.html, &config.language);
        errors.extend(link_errors);
        bodies.push((file, rendered));
    }
    let backgrounds: Vec<_> = topics.par_iter().map(|(_, file)| render(file)).collect();
    for ((topic, file), (rendered, link_errors)) in topics.iter_mut().zip(backgrounds) {
        topic.body_html = typography::localise_html(&rendered.html, &config.language);
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
        let slug = slugs::slugify_in(sources.config.slugify, source.file.stem());
        let Some(&index) = names.by_slug.get(&slug) else {
            continue;
        };
        let related = names.resolve_all(&source.front.related, &source.file, errors);
        out.insert(index, related.into_iter().filter(|r| *r != index).collect());
    }
    out
}
