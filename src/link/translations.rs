//! The sources of one of the site's other languages, made from the site's own: each
//! translation (`x.fa.md`) is paired with its original (`x.md`) and read over it, and only
//! what is translated is kept (as Zola does: `/fa/` lists only what exists in Persian).
//!
//! A translation gives the words (titles, summaries, bodies, quotes' text and context,
//! names and biographies, topics' titles and descriptions); everything else is the
//! original's: slugs, dates, sources, speakers and topics, and quote ids, which the
//! original's link derived, so a quote has one id (and one path under each language's
//! folder) in every language. The result is linked like any site's sources.
//!
//! What a translation names must exist in its language: a translated article's speakers
//! and topics must be translated too (an error otherwise, with the file to add). Softer
//! links to what is not translated are dropped (`related` topics, `responds_to`), and an
//! `@/` link in a translated body to an untranslated page goes to the original's page.

use std::collections::{BTreeMap, HashMap, HashSet};

use toml::Spanned;

use super::model::Dossier;
use super::slugs::slugify;
use crate::diagnostics::Diagnostic;
use crate::load::translation::{ArticleTranslationFront, SpeakerTranslationFront};
use crate::load::{
    ArticleFront, ArticleSource, EventFront, LanguageSources, QuoteFront, SourceFile, Sources,
    SpeakerFront, SpeakerSource, TopicFront, TopicSource, Translated, Translation,
};

/// The sources of `language`, from the site's `sources` and their linked `dossier` (whose
/// quote ids the translations keep), with warnings (a text the original has and its
/// translation lacks). Errors: translations without an original, quote ids changed,
/// counts of quotes or events that differ, speakers and topics not translated.
pub fn language_sources(
    sources: &Sources,
    language: &LanguageSources,
    dossier: &Dossier,
) -> Result<(Sources, Vec<Diagnostic>), Vec<Diagnostic>> {
    let code = language.code.as_str();
    let mut errors = Vec::new();
    let speaker_pairs = pair(
        &language.speakers,
        &sources.speakers,
        code,
        sources,
        &mut errors,
    );
    let mut warnings = Vec::new();
    for (t, o) in &speaker_pairs {
        let at = || t.file.front_location(t.front.name.span());
        warnings.extend(untranslated("role", &t.front.role, &o.front.role, at, code));
        warnings.extend(untranslated(
            "country",
            &t.front.country,
            &o.front.country,
            at,
            code,
        ));
    }
    let speakers = speaker_pairs
        .into_iter()
        .map(|(t, o)| SpeakerSource {
            file: as_original(&t.file, &o.file),
            front: speaker_front(&t.front, &o.front),
        })
        .collect::<Vec<_>>();
    let topic_pairs = pair(
        &language.topics,
        &sources.topics,
        code,
        sources,
        &mut errors,
    );
    for (t, o) in &topic_pairs {
        let at = || t.file.front_location(t.front.title.span());
        let (given, original) = (&t.front.description, &o.front.description);
        warnings.extend(untranslated("description", given, original, at, code));
    }
    let translated = Shown {
        speakers: speakers.iter().map(|s| slugify(s.file.stem())).collect(),
        topics: topic_pairs
            .iter()
            .map(|(_, o)| slugify(o.file.stem()))
            .collect(),
    };
    let topics = topic_pairs
        .into_iter()
        .map(|(t, o)| TopicSource {
            file: as_original(&t.file, &o.file),
            front: TopicFront {
                title: t.front.title.clone(),
                description: t.front.description.clone(),
                related: (o.front.related.iter())
                    .filter(|r| translated.topics.contains(&slugify(r.get_ref())))
                    .cloned()
                    .collect(),
                extra: o.front.extra.clone(),
            },
        })
        .collect();
    let article_pairs: Vec<(&Translation<ArticleTranslationFront>, &ArticleSource, usize)> = pair(
        &language.articles,
        &sources.articles,
        code,
        sources,
        &mut errors,
    )
    .into_iter()
    // A translation of a draft the build leaves out is left out with it.
    .filter_map(|(t, o)| Some((t, o, article_index(dossier, o)?)))
    .collect();
    // Withdrawn quotes included: their pages exist in every language too.
    let by_article = dossier.all_quotes_by_article();
    let quote_ids: HashSet<&str> = article_pairs
        .iter()
        .flat_map(|(_, _, a)| by_article[*a].iter())
        .map(|&q| dossier.quotes[q].id.as_str())
        .collect();
    let mut articles = Vec::new();
    for (t, o, index) in article_pairs {
        let before = errors.len();
        check_names(
            t,
            index,
            &by_article[index],
            dossier,
            &translated,
            code,
            &mut errors,
        );
        let at = || t.file.front_location(t.front.title.span());
        let (given, original) = (&t.front.summary, &o.front.summary);
        warnings.extend(untranslated("summary", given, original, at, code));
        if o.front.image.is_some() {
            for (field, given, original) in [
                ("image_alt", &t.front.image_alt, &o.front.image_alt),
                (
                    "image_caption",
                    &t.front.image_caption,
                    &o.front.image_caption,
                ),
            ] {
                warnings.extend(untranslated(field, given, original, at, code));
            }
        }
        let ids = original_quote_ids(o, &by_article[index], dossier);
        warnings.extend(left_as_original(t, o, code));
        let front = article_front(t, o, ids, &quote_ids, code, &mut errors);
        if errors.len() == before {
            articles.push(ArticleSource {
                file: as_original(&t.file, &o.file),
                front,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut elsewhere = dossier.content_urls.clone();
    elsewhere.retain(|_, url| !url.is_empty());
    let sources = Sources {
        root: sources.root.clone(),
        config: language_config(sources, language),
        config_file: sources.config_file.clone(),
        articles,
        speakers,
        topics,
        templates: sources.templates.clone(),
        static_files: sources.static_files.clone(),
        i18n: language.i18n.clone(),
        languages: Vec::new(),
        translated: Some(Translated {
            root_url: sources.config.base_url(),
            elsewhere,
        }),
        failed: Vec::new(),
    };
    Ok((sources, warnings))
}

/// A warning when the original has a text (`summary`, a speaker's `role`…) that its
/// translation lacks: the translated page shows none, not the original's words.
fn untranslated(
    field: &str,
    given: &Option<String>,
    original: &Option<String>,
    at: impl Fn() -> crate::diagnostics::Location,
    code: &str,
) -> Option<Diagnostic> {
    if given.is_some() || original.is_none() {
        return None;
    }
    let a = if field.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    Some(
        Diagnostic::warning(format!(
            "the original has {a} `{field}`, this translation none: its `{code}` page shows none"
        ))
        .at(at())
        .help(format!("add `{field} = \"…\"` in this file's language")),
    )
}

/// What a language has translated: speakers' and topics' slugs.
struct Shown {
    speakers: HashSet<String>,
    topics: HashSet<String>,
}

/// site.toml as the language's pages see it: its language, title, description and
/// calendar, and its folder under the site's URL.
fn language_config(sources: &Sources, language: &LanguageSources) -> crate::config::SiteConfig {
    let mut config = sources.config.clone();
    let url = format!(
        "{}{}",
        sources.config.base_url(),
        crate::languages::prefix(&language.code)
    );
    config.base_url = Spanned::new(config.base_url.span(), url);
    config.language = language.code.clone();
    config.title = language.config.title.clone();
    config.description = language.config.description.clone();
    config.calendar = language.config.calendar;
    config.languages = BTreeMap::new();
    config
}

/// Each translation with its original; a translation without one is an error (unless the
/// original failed to load: that is reported already).
fn pair<'a, F, S>(
    translations: &'a [Translation<F>],
    originals: &'a [S],
    code: &str,
    sources: &Sources,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(&'a Translation<F>, &'a S)>
where
    S: HasFile,
{
    let by_path: HashMap<&str, &S> = originals
        .iter()
        .map(|o| (o.file().content_path.as_str(), o))
        .collect();
    let mut pairs = Vec::new();
    for translation in translations {
        let original = translation.original_path(code);
        match by_path.get(original.as_str()) {
            Some(found) => pairs.push((translation, *found)),
            None if sources.failed.contains(&original) => {}
            None => errors.push(no_original(&translation.file, &original, code)),
        }
    }
    pairs
}

/// A kind of source with its file.
trait HasFile {
    fn file(&self) -> &SourceFile;
}

impl HasFile for ArticleSource {
    fn file(&self) -> &SourceFile {
        &self.file
    }
}

impl HasFile for SpeakerSource {
    fn file(&self) -> &SourceFile {
        &self.file
    }
}

impl HasFile for TopicSource {
    fn file(&self) -> &SourceFile {
        &self.file
    }
}

fn no_original(file: &SourceFile, original: &str, code: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "a translation of content/{original}, which does not exist"
    ))
    .at(file.location(0..file.text.find('\n').unwrap_or(file.text.len())))
    .label(format!("`.{code}.md` translates the file of the same name without `.{code}`"))
    .help(format!(
        "add the original content/{original} (a page exists in the site's own language first), or rename this file to match its original's name"
    ))
}

/// The translation's file, answering to its original's content path: its slug (from the
/// file name) and `@/` links to it are the original's; diagnostics still name the file.
fn as_original(translation: &SourceFile, original: &SourceFile) -> SourceFile {
    SourceFile {
        content_path: original.content_path.clone(),
        ..translation.clone()
    }
}

fn speaker_front(t: &SpeakerTranslationFront, o: &SpeakerFront) -> SpeakerFront {
    SpeakerFront {
        name: t.name.clone(),
        role: t.role.clone(),
        country: t.country.clone(),
        family_name: t.family_name.clone(),
        aliases: o.aliases.clone(),
        image: o.image.clone(),
        wikidata: o.wikidata.clone(),
        extra: o.extra.clone(),
    }
}

/// The original article's position in the linked dossier (none for a draft left out).
fn article_index(dossier: &Dossier, original: &ArticleSource) -> Option<usize> {
    dossier
        .articles
        .iter()
        .position(|a| a.source_path == original.file.path)
}

/// Every speaker and topic the article at `index` names must be translated.
fn check_names(
    t: &Translation<ArticleTranslationFront>,
    index: usize,
    quotes: &[usize],
    dossier: &Dossier,
    shown: &Shown,
    code: &str,
    errors: &mut Vec<Diagnostic>,
) {
    let article = &dossier.articles[index];
    let mut topics: Vec<usize> = article.topics.clone();
    // All its quotes: a withdrawn one has a page in this language too.
    for &q in quotes {
        topics.extend(&dossier.quotes[q].topics);
    }
    for &e in &article.events {
        topics.extend(&dossier.events[e].topics);
    }
    topics.sort_unstable();
    topics.dedup();
    let missing = article
        .speakers
        .iter()
        .map(|&s| {
            (
                "speaker",
                "speakers",
                &dossier.speakers[s].slug,
                &shown.speakers,
            )
        })
        .chain(
            topics
                .iter()
                .map(|&i| ("topic", "topics", &dossier.topics[i].slug, &shown.topics)),
        )
        .filter(|(_, _, slug, shown)| !shown.contains(*slug));
    for (kind, folder, slug, _) in missing {
        let (who, fields) = match kind {
            "speaker" => ("who", "`name`, and the biography as its body"),
            _ => ("which", "`title`, and the background as its body"),
        };
        errors.push(
            Diagnostic::error(format!(
                "this translation names the {kind} `{slug}`, {who} has no `{code}` translation"
            ))
            .at(t.file.front_location(t.front.title.span()))
            .label(format!("its {kind}s come from the original"))
            .help(format!(
                "add content/{folder}/{slug}.{code}.md ({fields}): a page under /{code}/ links only what exists in its language"
            )),
        );
    }
}

/// The original's front matter with the translation's words, its quotes' ids pinned to the
/// original's, links to quotes not translated dropped.
fn article_front(
    t: &Translation<ArticleTranslationFront>,
    o: &ArticleSource,
    ids: Vec<String>,
    translated_ids: &HashSet<&str>,
    code: &str,
    errors: &mut Vec<Diagnostic>,
) -> ArticleFront {
    let original = &o.front;
    let given = &t.front;
    let at_title = t.file.front_location(given.title.span());
    for (what, given_count, original_count) in [
        ("quotes", given.quotes.len(), original.quotes.len()),
        ("events", given.events.len(), original.events.len()),
    ] {
        if given_count != original_count {
            errors.push(
                Diagnostic::error(format!(
                    "this translation has {given_count} [[{what}]], its original {original_count}"
                ))
                .at(at_title.clone())
                .help(format!(
                    "translate each of the [[{what}]] of {}, in the same order",
                    o.file.path.display()
                )),
            );
        }
    }
    let quotes = (original.quotes.iter().zip(&given.quotes).zip(ids))
        .map(|((oq, tq), id)| {
            if let Some(given_id) = &tq.id
                && given_id.get_ref() != &id
            {
                errors.push(changed_id(t, given_id, &id));
            }
            QuoteFront {
                text: tq.text.clone(),
                context: tq.context.clone(),
                // The original's reason until the translation gives its own.
                withdrawn_reason: (tq.withdrawn_reason.clone())
                    .or_else(|| oq.withdrawn_reason.clone()),
                id: Some(Spanned::new(tq.text.span(), id)),
                responds_to: (oq.responds_to.clone())
                    .filter(|r| translated_ids.contains(r.get_ref().as_str())),
                // An original in this language is what the translation shows as the words:
                // the page does not show them twice.
                original: (oq.original.clone()).filter(|o| {
                    crate::strings::primary_subtag(o.language.get_ref())
                        != crate::strings::primary_subtag(code)
                }),
                ..oq.clone()
            }
        })
        .collect();
    let events = (original.events.iter().zip(&given.events))
        .map(|(oe, te)| EventFront {
            title: te.title.clone(),
            ..oe.clone()
        })
        .collect();
    ArticleFront {
        title: given.title.clone(),
        summary: given.summary.clone(),
        // The original's image, with the translation's words about it.
        image_alt: given.image_alt.clone(),
        image_caption: given.image_caption.clone(),
        // The translation is in the page's language; the original's aliases are its URLs.
        language: None,
        aliases: Vec::new(),
        quotes,
        events,
        ..original.clone()
    }
}

/// The ids the original's link gave its quotes (`quotes`: all of the article's, withdrawn
/// ones included), in front matter order.
fn original_quote_ids(o: &ArticleSource, quotes: &[usize], dossier: &Dossier) -> Vec<String> {
    o.front
        .quotes
        .iter()
        .map(|quote| {
            let text = quote.text.get_ref().trim();
            quotes
                .iter()
                .map(|&q| &dossier.quotes[q])
                .find(|q| q.text == text)
                .map(|q| q.id.clone())
                .unwrap_or_default()
        })
        .collect()
}

fn changed_id(
    t: &Translation<ArticleTranslationFront>,
    given: &Spanned<String>,
    id: &str,
) -> Diagnostic {
    Diagnostic::error(format!(
        "a translation cannot change a quote's id: this quote is `{id}`"
    ))
    .at(t.file.front_location(given.span()))
    .label(format!("the original quote's id is `{id}`"))
    .help(format!(
        "a quote keeps its id in every language: write id = \"{id}\", or remove `id` (the quotes are paired in order)"
    ))
}

/// A warning for each text of a translation identical to its original's (a title or a
/// quote left in the original's language): the `code` page would publish it as translated.
fn left_as_original(
    t: &Translation<ArticleTranslationFront>,
    o: &ArticleSource,
    code: &str,
) -> Vec<Diagnostic> {
    let same = |a: &str, b: &str| !a.trim().is_empty() && a.trim() == b.trim();
    let mut spans = Vec::new();
    if same(t.front.title.get_ref(), o.front.title.get_ref()) {
        spans.push(("title", t.front.title.span()));
    }
    for (given, original) in t.front.quotes.iter().zip(&o.front.quotes) {
        if same(given.text.get_ref(), original.text.get_ref()) {
            spans.push(("quote", given.text.span()));
        }
    }
    spans
        .into_iter()
        .map(|(what, span)| {
            Diagnostic::warning(format!(
                "this {what} is the same as its original's: it is not translated into `{code}`"
            ))
            .at(t.file.front_location(span))
            .help(format!(
                "write it in `{code}`, or leave the whole file out until it is translated"
            ))
        })
        .collect()
}
