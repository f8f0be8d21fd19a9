//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough, smart punctuation,
//! heading ids (given `{#id}` or derived from the text), and `@/…md` internal links.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::config::{MarkdownConfig, RawHtml};
use crate::link::model::Heading;

/// A `@/` link that names no content file: its byte range in the Markdown and its target.
#[derive(Debug, Clone)]
pub struct BrokenLink {
    pub span: Range<usize>,
    pub target: String,
}

/// A link or image whose URL runs script (`javascript:`, `vbscript:`): refused in every mode.
#[derive(Debug, Clone)]
pub struct UnsafeLink {
    pub span: Range<usize>,
    pub url: String,
}

/// A `@/path.md#anchor` link to a file that exists: the anchor is checked against the
/// target's headings once every body is rendered.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    pub span: Range<usize>,
    /// The content path, e.g. `topics/alpha.md`.
    pub target: String,
    pub anchor: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Shared with the dossier (and `serve`'s [`super::body_cache::BodyCache`]).
    pub html: Arc<str>,
    pub headings: Vec<Heading>,
    /// Ids of footnote definitions (`fn-…` style ids pulldown-cmark writes).
    pub footnote_ids: Vec<String>,
    pub broken_links: Vec<BrokenLink>,
    pub unsafe_links: Vec<UnsafeLink>,
    pub anchors: Vec<AnchorLink>,
    /// Every content path the body's `@/` links name, and the URL it had (`None`: no such
    /// file): the body renders the same while they all resolve the same.
    pub internal: Vec<(String, Option<String>)>,
}

/// The scheme of `url` as a browser reads it (ASCII whitespace and control characters are
/// ignored inside it, case does not matter), if it has one.
fn scheme(url: &str) -> Option<String> {
    let mut scheme = String::new();
    for c in url.chars() {
        match c {
            ':' => return (!scheme.is_empty()).then_some(scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme.push(c.to_ascii_lowercase())
            }
            c if c.is_ascii_whitespace() || c.is_ascii_control() => {}
            _ => return None,
        }
    }
    None
}

/// Whether following `url` runs script.
pub fn is_script_url(url: &str) -> bool {
    matches!(scheme(url).as_deref(), Some("javascript" | "vbscript"))
}

/// Whether the sanitiser lets `url` through as it is (relative, or a scheme it keeps).
fn is_plain_url(url: &str) -> bool {
    match scheme(url).as_deref() {
        None => true,
        Some(scheme) => SAFE_SCHEMES.contains(&scheme),
    }
}

/// URL schemes kept by `raw_html = "sanitize"`.
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The sanitiser of `raw_html = "sanitize"`, built once.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: std::sync::LazyLock<ammonia::Builder<'static>> =
        std::sync::LazyLock::new(|| {
            let mut builder = ammonia::Builder::default();
            builder
                // Heading anchors, footnotes and code languages keep their ids and classes;
                // `dir` for right-to-left passages.
                .add_generic_attributes(["id", "class", "dir"])
                // Table column alignment, as Markdown tables write it.
                .add_tag_attributes("th", ["style"])
                .add_tag_attributes("td", ["style"])
                .filter_style_properties(HashSet::from(["text-align"]))
                .add_tag_attributes("img", ["loading"])
                .url_schemes(HashSet::from(SAFE_SCHEMES))
                // Links stay as written (no rel added): the same output as without raw HTML.
                .link_rel(None);
            builder
        });
    &SANITIZER
}

/// `html` (a rendered body) with its footnote numbers (pulldown-cmark writes them in Latin
/// digits, `<sup class="footnote-reference"><a href="#n">1</a></sup>` and
/// `<sup class="footnote-definition-label">1</sup>`) written by `digits` (a Persian page's
/// `۱`); unchanged, and not copied, when it has none.
pub fn localize_footnote_numbers<'a>(
    html: &'a str,
    digits: impl Fn(i64) -> String,
) -> std::borrow::Cow<'a, str> {
    const REFERENCE: &str = "<sup class=\"footnote-reference\"><a href=\"";
    const DEFINITION: &str = "<sup class=\"footnote-definition-label\">";
    if !html.contains(REFERENCE) && !html.contains(DEFINITION) {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    loop {
        let next = [REFERENCE, DEFINITION]
            .iter()
            .filter_map(|tag| rest.find(tag).map(|at| (at, *tag)))
            .min();
        let Some((at, tag)) = next else { break };
        let mut start = at + tag.len();
        if tag == REFERENCE {
            // Past the link's href, to its text.
            match rest[start..].find("\">") {
                Some(end) => start += end + 2,
                None => break,
            }
        }
        let number_len = rest[start..].bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..start]);
        let number = &rest[start..start + number_len];
        match number.parse::<i64>() {
            Ok(n) => out.push_str(&digits(n)),
            Err(_) => out.push_str(number),
        }
        rest = &rest[start + number_len..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
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
    let mut unsafe_links = Vec::new();
    let mut anchors = Vec::new();
    let mut footnote_ids = Vec::new();
    let mut lookups = Vec::new();
    // Whether the sanitiser has anything to do: raw HTML, or a URL it would change.
    let mut needs_sanitizing = false;
    let mut events: Vec<Event> = Vec::new();
    for (event, span) in Parser::new_ext(markdown, options).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if is_script_url(&dest_url) {
                    unsafe_links.push(UnsafeLink {
                        span: span.clone(),
                        url: dest_url.to_string(),
                    });
                }
                needs_sanitizing |= !is_plain_url(&dest_url);
                let dest_url = resolve_link(
                    &dest_url,
                    internal,
                    span,
                    &mut Found {
                        broken: &mut broken_links,
                        anchors: &mut anchors,
                        lookups: &mut lookups,
                    },
                )
                .unwrap_or(dest_url);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if is_script_url(&dest_url) {
                    unsafe_links.push(UnsafeLink {
                        span,
                        url: dest_url.to_string(),
                    });
                }
                needs_sanitizing |= !is_plain_url(&dest_url);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnote_ids.push(label.to_string());
                Event::Start(Tag::FootnoteDefinition(label))
            }
            Event::Html(html) | Event::InlineHtml(html) if config.raw_html == RawHtml::Escape => {
                Event::Text(html)
            }
            Event::Html(html) => {
                needs_sanitizing = true;
                Event::Html(html)
            }
            Event::InlineHtml(html) => {
                needs_sanitizing = true;
                Event::InlineHtml(html)
            }
            other => other,
        };
        events.push(event);
    }
    let headings = assign_heading_ids(&mut events);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if config.raw_html == RawHtml::Sanitize && needs_sanitizing {
        out = sanitizer().clean(&out).to_string();
    }
    Rendered {
        html: Arc::from(out),
        headings,
        footnote_ids,
        broken_links,
        unsafe_links,
        anchors,
        internal: lookups,
    }
}

/// What the `@/` links of a body found.
struct Found<'f> {
    broken: &'f mut Vec<BrokenLink>,
    anchors: &'f mut Vec<AnchorLink>,
    lookups: &'f mut Vec<(String, Option<String>)>,
}

/// Rewrites `@/path.md#anchor` to its URL; records a broken link if the path is unknown.
fn resolve_link<'a>(
    dest: &str,
    internal: &HashMap<String, String>,
    span: Range<usize>,
    found: &mut Found,
) -> Option<CowStr<'a>> {
    let target = dest.strip_prefix("@/")?;
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let url = internal.get(path);
    found.lookups.push((path.to_string(), url.cloned()));
    match url {
        Some(url) => Some(match anchor {
            Some(anchor) => {
                if !anchor.is_empty() {
                    found.anchors.push(AnchorLink {
                        span,
                        target: path.to_string(),
                        anchor: anchor.to_string(),
                    });
                }
                format!("{url}#{anchor}").into()
            }
            None => url.clone().into(),
        }),
        None => {
            found.broken.push(BrokenLink {
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
    fn footnote_numbers_take_the_given_digits_and_nothing_else_does() {
        let out = render(
            "Said 12 times.[^a] And again.[^b]\n\n[^a]: Note 3.\n[^b]: Another.\n",
            &MarkdownConfig::default(),
            &internal(),
        );
        let persian = |n: i64| {
            n.to_string()
                .chars()
                .map(|c| char::from_u32(0x06F0 + c.to_digit(10).unwrap()).unwrap())
                .collect::<String>()
        };
        let localized = localize_footnote_numbers(&out.html, persian);
        assert!(
            localized.contains(r##"<sup class="footnote-reference"><a href="#a">۱</a></sup>"##),
            "{localized}"
        );
        assert!(localized.contains(r##"<a href="#b">۲</a>"##), "{localized}");
        assert!(
            localized.contains(r#"<sup class="footnote-definition-label">۱</sup>"#),
            "{localized}"
        );
        assert!(
            localized.contains(r#"<sup class="footnote-definition-label">۲</sup>"#),
            "{localized}"
        );
        assert!(
            localized.contains("Said 12 times.") && localized.contains("Note 3."),
            "{localized}"
        );
        let plain = "<p>No notes, 1 2 3.</p>";
        assert!(matches!(
            localize_footnote_numbers(plain, persian),
            std::borrow::Cow::Borrowed(_)
        ));
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
    fn sanitizes_raw_html_by_default_and_keeps_what_articles_use() {
        let body = "<img src=x onerror=\"alert(1)\">\n\n<script>alert(2)</script>\n\n\
<p onclick=\"alert(4)\" style=\"color:red\">Hi <a href=\"javascript:alert(5)\">x</a> \
<a href=\"data:text/html,boom\">d</a> <iframe src=\"https://evil.test/\"></iframe></p>\n\n\
<figure><img src=\"/img/a.png\" alt=\"A\"><figcaption>Cap <abbr title=\"Joint\">JCPOA</abbr><sup>1</sup></figcaption></figure>\n\n\
<table><tr><td style=\"text-align: right; background: url(x)\">1</td></tr></table>\n\n\
## Heading\n\nText.[^n]\n\n[^n]: Note.\n\n| a |\n|--:|\n| 1 |\n";
        let out = render(body, &MarkdownConfig::default(), &internal());
        for gone in [
            "onerror",
            "<script",
            "alert(2)",
            "onclick",
            "javascript:",
            "data:",
            "<iframe",
            "color:red",
            "background",
        ] {
            assert!(!out.html.contains(gone), "{gone} kept:\n{}", out.html);
        }
        for kept in [
            r#"<img src="/img/a.png" alt="A">"#,
            "<figcaption>Cap <abbr title=\"Joint\">JCPOA</abbr><sup>1</sup></figcaption>",
            r#"<h2 id="heading">Heading</h2>"#,
            r##"<sup class="footnote-reference"><a href="#n">1</a></sup>"##,
            r#"<div class="footnote-definition" id="n">"#,
            // Only `text-align` is kept of a style (Markdown tables write it).
            r#"<td style="text-align:right">1</td>"#,
        ] {
            assert!(out.html.contains(kept), "{kept} lost:\n{}", out.html);
        }
    }

    #[test]
    fn a_body_without_raw_html_is_not_changed_by_the_sanitizer() {
        let body = "## A *heading*\n\n[link](https://example.test/a?b=1&c=2 \"T\") ![i](/x.png)\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n";
        let sanitized = render(body, &MarkdownConfig::default(), &internal());
        let allowed = render(
            body,
            &MarkdownConfig {
                raw_html: RawHtml::Allow,
                ..MarkdownConfig::default()
            },
            &internal(),
        );
        assert_eq!(sanitized.html, allowed.html);
    }

    #[test]
    fn script_links_are_found_in_every_mode() {
        for raw_html in [RawHtml::Sanitize, RawHtml::Allow, RawHtml::Escape] {
            let config = MarkdownConfig {
                raw_html,
                ..MarkdownConfig::default()
            };
            let out = render(
                "[x](javascript:alert(3)) [y](JavaScript:void(0)) ![z](vbscript:x) [ok](https://example.test/)",
                &config,
                &internal(),
            );
            let urls: Vec<&str> = out.unsafe_links.iter().map(|l| l.url.as_str()).collect();
            assert_eq!(
                urls,
                ["javascript:alert(3)", "JavaScript:void(0)", "vbscript:x"],
                "{raw_html:?}"
            );
        }
        assert!(is_script_url(" java\tscript:alert(1)"));
        assert!(!is_script_url("/javascript:x"));
        assert!(!is_script_url("notes/javascript.md"));
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
