//! Where names are defined and used, read from the sources: the editor's go-to, find
//! references, rename and hovers all ask these questions.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::dates::ContentDate;
use crate::link::slugs;
use crate::load::{ArticleSource, QuoteFront, SourceFile, Sources};

/// The kinds of name an editor writes in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Speaker,
    Topic,
    Quote,
}

/// One place a name is written: the file (as shown, relative to the root), its text and
/// the byte span of the name's string (quotes included, as toml spans it).
#[derive(Debug, Clone)]
pub struct Mention {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub span: Range<usize>,
}

impl Mention {
    fn at(file: &SourceFile, span: Range<usize>) -> Mention {
        Mention {
            path: file.path.clone(),
            text: file.text.clone(),
            span: (span.start + file.front_offset)..(span.end + file.front_offset),
        }
    }

    /// The span of the name itself, inside its quotes.
    pub fn inner(&self) -> Range<usize> {
        let quoted = self.text[self.span.clone()].starts_with(['"', '\'']);
        if quoted && self.span.len() >= 2 {
            self.span.start + 1..self.span.end - 1
        } else {
            self.span.clone()
        }
    }
}

/// A quote as an editor finds it: its id, the article file it is in, and its words.
#[derive(Debug, Clone)]
pub struct QuoteSite<'a> {
    pub id: String,
    /// The id is written in the file (`id = "…"`), not derived.
    pub pinned: bool,
    pub article: &'a ArticleSource,
    pub front: &'a QuoteFront,
    pub said: String,
}

impl QuoteSite<'_> {
    /// The quote's words in the file (the span of its `text` value).
    pub fn text_mention(&self) -> Mention {
        Mention::at(&self.article.file, self.front.text.span())
    }
}

/// Every quote of the site's own language, with its id as the link derives it.
pub fn quotes(sources: &Sources) -> Vec<QuoteSite<'_>> {
    let mut out = Vec::new();
    for article in &sources.articles {
        let article_date = ContentDate::from_toml(article.front.date.get_ref()).ok();
        for quote in &article.front.quotes {
            let said = match &quote.said {
                Some(said) => ContentDate::from_toml(said.get_ref()).ok(),
                None => article_date,
            };
            let said = said.map(|date| date.iso_date()).unwrap_or_default();
            let (id, pinned) = match &quote.id {
                Some(id) => (id.get_ref().clone(), true),
                None => (
                    slugs::quote_id(
                        sources.config.slugify,
                        quote.speaker.get_ref(),
                        &said,
                        quote.text.get_ref(),
                    ),
                    false,
                ),
            };
            out.push(QuoteSite {
                id,
                pinned,
                article,
                front: quote,
                said,
            });
        }
    }
    out
}

/// Every place `name` of `kind` is written in front matter, in file order: speakers and
/// topics in articles, quotes and events, topics' `related`; quote ids as pinned `id`s
/// (translations' included) and in `responds_to`.
pub fn mentions(sources: &Sources, kind: NameKind, name: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut add = |file: &SourceFile, value: &toml::Spanned<String>| {
        if value.get_ref() == name {
            out.push(Mention::at(file, value.span()));
        }
    };
    for article in &sources.articles {
        let (file, front) = (&article.file, &article.front);
        match kind {
            NameKind::Speaker => {
                front.speakers.iter().for_each(|s| add(file, s));
                front.quotes.iter().for_each(|q| add(file, &q.speaker));
            }
            NameKind::Topic => {
                front.topics.iter().for_each(|t| add(file, t));
                for quote in &front.quotes {
                    quote.topics.iter().flatten().for_each(|t| add(file, t));
                }
                for event in &front.events {
                    event.topics.iter().for_each(|t| add(file, t));
                }
            }
            NameKind::Quote => {
                for quote in &front.quotes {
                    quote.id.iter().for_each(|id| add(file, id));
                    quote.responds_to.iter().for_each(|r| add(file, r));
                }
            }
        }
    }
    match kind {
        NameKind::Topic => {
            for topic in &sources.topics {
                topic.front.related.iter().for_each(|r| add(&topic.file, r));
            }
        }
        NameKind::Quote => {
            for language in &sources.languages {
                for article in &language.articles {
                    for quote in &article.front.quotes {
                        quote.id.iter().for_each(|id| add(&article.file, id));
                    }
                }
            }
        }
        NameKind::Speaker => {}
    }
    out
}

/// The content path of the file that defines a speaker or topic (`speakers/x.md`).
pub fn definition_path(kind: NameKind, slug: &str) -> Option<String> {
    match kind {
        NameKind::Speaker => Some(format!("speakers/{slug}.md")),
        NameKind::Topic => Some(format!("topics/{slug}.md")),
        NameKind::Quote => None,
    }
}

/// The file that defines a speaker or topic, when the site has one.
pub fn definition<'a>(sources: &'a Sources, kind: NameKind, slug: &str) -> Option<&'a SourceFile> {
    let content_path = definition_path(kind, slug)?;
    match kind {
        NameKind::Speaker => (sources.speakers.iter().map(|s| &s.file))
            .find(|file| file.content_path == content_path),
        NameKind::Topic => {
            (sources.topics.iter().map(|t| &t.file)).find(|file| file.content_path == content_path)
        }
        NameKind::Quote => None,
    }
}

/// Every content file an `@/` link may name, originals and translations.
pub fn content_files(sources: &Sources) -> Vec<&SourceFile> {
    let mut files: Vec<&SourceFile> = Vec::new();
    files.extend(sources.articles.iter().map(|a| &a.file));
    files.extend(sources.speakers.iter().map(|s| &s.file));
    files.extend(sources.topics.iter().map(|t| &t.file));
    files
}

/// The slugs of the headings of a Markdown body, as the link gives them ids.
pub fn heading_ids(body: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in body.lines() {
        let trimmed = line.trim_start();
        let level = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&level) && trimmed[level..].starts_with(' ') {
            let title = trimmed[level..].trim();
            let (title, id) = match title.rsplit_once("{#") {
                Some((title, id)) => (title.trim(), id.trim_end_matches('}').to_string()),
                None => (title, slugs::slugify(title)),
            };
            if !id.is_empty() {
                out.push((id, title.to_string()));
            }
        }
    }
    out
}
