//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough, smart punctuation,
//! heading ids (given `{#id}` or derived from the text), and `@/…md` internal links.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::config::{MarkdownConfig, RawHtml};
use crate::link::model::Heading;

/// A `@/` link that names no content file: its byte range in the Markdown and its target.
#[derive(Debug, Clone)]
pub struct BrokenLink {
    pub span: Range<usize>,
    pub target: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub broken_links: Vec<BrokenLink>,
}

/// Renders `markdown`. `internal` maps content paths (`articles/x.md`) to URLs.
pub fn render(
    markdown: &str,
    config: &MarkdownConfig,
    internal: &HashMap<String, String>,
) -> Rendered {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if config.smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let mut broken_links = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    for (event, span) in Parser::new_ext(markdown, options).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url =
                    resolve_link(&dest_url, internal, span, &mut broken_links).unwrap_or(dest_url);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Html(html) | Event::InlineHtml(html) if config.raw_html == RawHtml::Escape => {
                Event::Text(html)
            }
            other => other,
        };
        events.push(event);
    }
    let headings = assign_heading_ids(&mut events);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered {
        html: out,
        headings,
        broken_links,
    }
}

/// Rewrites `@/path.md#anchor` to its URL; records a broken link if the path is unknown.
fn resolve_link<'a>(
    dest: &str,
    internal: &HashMap<String, String>,
    span: Range<usize>,
    broken: &mut Vec<BrokenLink>,
) -> Option<CowStr<'a>> {
    let target = dest.strip_prefix("@/")?;
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    match internal.get(path) {
        Some(url) => Some(match anchor {
            Some(anchor) => format!("{url}#{anchor}").into(),
            None => url.clone().into(),
        }),
        None => {
            broken.push(BrokenLink {
                span,
                target: path.to_string(),
            });
            None
        }
    }
}

/// Gives every heading an id (keeping `{#explicit}` ones), unique within the body.
fn assign_heading_ids(events: &mut [Event]) -> Vec<Heading> {
    let mut used = HashSet::new();
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let explicit = id.as_ref().map(|id| id.to_string());
            let text = heading_text(&events[i + 1..]);
            let base = explicit.unwrap_or_else(|| {
                let slug = slug::slugify(&text);
                if slug.is_empty() {
                    "section".to_string()
                } else {
                    slug
                }
            });
            let mut unique = base.clone();
            let mut n = 1;
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(unique.clone().into());
            }
            headings.push(Heading {
                level: heading_number(level),
                id: unique,
                text,
            });
        }
        i += 1;
    }
    headings
}

fn heading_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal() -> HashMap<String, String> {
        HashMap::from([("topics/jcpoa.md".to_string(), "/topics/jcpoa/".to_string())])
    }

    #[test]
    fn resolves_internal_links_and_reports_broken_ones() {
        let out = render(
            "See [the deal](@/topics/jcpoa.md#history) and [x](@/topics/nope.md).",
            &MarkdownConfig::default(),
            &internal(),
        );
        assert!(out.html.contains(r#"href="/topics/jcpoa/#history""#));
        assert_eq!(out.broken_links.len(), 1);
        assert_eq!(out.broken_links[0].target, "topics/nope.md");
    }

    #[test]
    fn gives_headings_unique_ids() {
        let out = render(
            "## Background\n\n## Background\n\n## Custom {#mine}\n",
            &MarkdownConfig::default(),
            &internal(),
        );
        let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["background", "background-1", "mine"]);
    }

    #[test]
    fn escapes_raw_html_when_asked() {
        let config = MarkdownConfig {
            raw_html: RawHtml::Escape,
            ..MarkdownConfig::default()
        };
        let out = render("<script>alert(1)</script>\n", &config, &internal());
        assert!(!out.html.contains("<script>"));
    }
}
