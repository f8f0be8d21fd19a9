//! Every external URL of a site and where it is written: front matter (an article's and a
//! quote's `source_url` and `archive_url`, an article's, a speaker's and the site's `image`), and the
//! links and images of every body (articles, speakers, topics and their translations).

use pulldown_cmark::{Event, Options, Parser, Tag};
use toml::Spanned;

use crate::diagnostics::Location;
use crate::load::{SourceFile, Sources};

/// What a URL is, where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Source,
    Archive,
    Image,
    BodyLink,
}

/// One place an external URL is written.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub url: String,
    pub kind: Kind,
    pub location: Location,
    /// The archived copy beside a `source_url`.
    pub archived: Option<String>,
}

/// Every external URL occurrence, in file order (drafts only with `drafts`).
pub fn occurrences(sources: &Sources, drafts: bool) -> Vec<Occurrence> {
    let mut out = Vec::new();
    if let Some(image) = &sources.config.image {
        push(&mut out, &sources.config_file, image, Kind::Image, None);
    }
    for article in sources.articles.iter().filter(|a| drafts || !a.front.draft) {
        let (file, front) = (&article.file, &article.front);
        let archived = front.archive_url.as_ref().map(|a| a.get_ref().clone());
        if let Some(url) = &front.source_url {
            push(&mut out, file, url, Kind::Source, archived);
        }
        if let Some(url) = &front.archive_url {
            push(&mut out, file, url, Kind::Archive, None);
        }
        if let Some(image) = &front.image {
            push(&mut out, file, image, Kind::Image, None);
        }
        for quote in &front.quotes {
            let archived = quote.archive_url.as_ref().map(|a| a.get_ref().clone());
            if let Some(url) = &quote.source_url {
                push(&mut out, file, url, Kind::Source, archived);
            }
            if let Some(url) = &quote.archive_url {
                push(&mut out, file, url, Kind::Archive, None);
            }
        }
        body_links(&mut out, file);
    }
    for speaker in &sources.speakers {
        if let Some(image) = &speaker.front.image {
            push(&mut out, &speaker.file, image, Kind::Image, None);
        }
        body_links(&mut out, &speaker.file);
    }
    for topic in &sources.topics {
        body_links(&mut out, &topic.file);
    }
    for language in &sources.languages {
        let files = (language.articles.iter().map(|t| &t.file))
            .chain(language.speakers.iter().map(|t| &t.file))
            .chain(language.topics.iter().map(|t| &t.file));
        for file in files {
            body_links(&mut out, file);
        }
    }
    out
}

fn push(
    out: &mut Vec<Occurrence>,
    file: &SourceFile,
    url: &Spanned<String>,
    kind: Kind,
    archived: Option<String>,
) {
    let text = url.get_ref().trim();
    if is_external(text) {
        out.push(Occurrence {
            url: text.to_string(),
            kind,
            location: file.front_location(url.span()),
            archived,
        });
    }
}

/// http(s) URLs only: `@/` links, site paths and `mailto:` are not fetched.
pub fn is_external(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The links and images of `file`'s Markdown body, each at the place its URL is written
/// (the whole link when the URL is elsewhere: a reference definition).
fn body_links(out: &mut Vec<Occurrence>, file: &SourceFile) {
    let body = file.body();
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let url = match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if !is_external(&url) {
            continue;
        }
        let written = &body[range.clone()];
        let start = range.start + written.find(url.as_ref()).unwrap_or(0);
        let end = if written.contains(url.as_ref()) {
            start + url.len()
        } else {
            range.end
        };
        let at = file.body_offset;
        out.push(Occurrence {
            url: url.to_string(),
            kind: Kind::BodyLink,
            location: file.location((at + start)..(at + end)),
            archived: None,
        });
    }
}
