//! dossier patch (DOSSIER-PATCH.md, part 11): a page of plain, well-formed HTML is read
//! without lol_html, with the same result.
//!
//! `DomParser` runs lol_html with four selectors over every element of a page; at 10,000
//! articles that was about a third of the time spent packing pages for the index, for ~70
//! elements a page. Pages written by a generator are usually plain: every element that is
//! not void is closed, in order, and the text holds no `<`. Such a page is read here with a
//! scan and a stack, and the handlers' work is done by the same `DomParserData` methods, in
//! the order lol_html calls them: `open_html` (selector `html`), `open_node` and
//! `close_void_node` (`html, html *`), `exclude_current_node` (`html head, html style, …`),
//! `add_text` (text inside `html`) and `read_script_or_link` (`script, link`), and at an end
//! tag `close_node`. Text and attribute values are passed as written, as lol_html passes them.
//!
//! Anything this scan does not follow exactly as lol_html does gives `None`, and the caller
//! uses lol_html: an end tag that does not close the innermost open element, an element left
//! open, a `<` that starts no tag, a self-closed element that is not void, `<!` other than a
//! comment or a doctype, a comment or a `<script>` that would take HTML's odd paths,
//! elements whose content HTML reads in another mode (`svg`, `math`, `textarea`, `noscript`,
//! `iframe`, …), a carriage return or NUL in markup, or other options than the defaults
//! (a root selector other than `html`, exclude selectors).

use std::borrow::Cow;

use super::parser::{DomParserData, DomParserResult, StartTag, REMOVE_SELECTORS};
use crate::SearchOptions;

/// Elements with no end tag (lol_html's list, `selectors_vm/stack.rs`).
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is read in another mode than this scan follows.
const NOT_PLAIN: &[&str] = &[
    "svg",
    "math",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "title"];

/// A start tag as written: its name in lower case and its attributes, names and values as
/// written.
struct Tag<'a> {
    name: Cow<'a, str>,
    attributes: Vec<(&'a str, &'a str)>,
    /// Whether an attribute's name starts with `data-pagefind-` (any case).
    pagefind_attributes: bool,
    self_closing: bool,
}

impl StartTag for Tag<'_> {
    fn tag_name(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }
    fn get_attribute(&self, name: &str) -> Option<String> {
        // Part 17: most tags have none of Pagefind's ~9 attributes the parser asks for.
        if !self.pagefind_attributes && name.starts_with("data-pagefind-") {
            return None;
        }
        (self.attributes.iter())
            .find(|(written, _)| written.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.to_string())
    }
    fn has_attribute(&self, name: &str) -> bool {
        if !self.pagefind_attributes && name.starts_with("data-pagefind-") {
            return false;
        }
        (self.attributes.iter()).any(|(written, _)| written.eq_ignore_ascii_case(name))
    }
}

/// An open element: its name, and its node when it is inside the root.
struct Open<'a> {
    name: Cow<'a, str>,
    node: Option<std::rc::Rc<std::cell::RefCell<super::parser::DomParsingNode>>>,
}

/// What `DomParser` gives for `html`, when the page is plain (see the module's comment).
pub(crate) fn parse(html: &str, options: &SearchOptions) -> Option<DomParserResult> {
    if options.root_selector != "html" || !options.exclude_selectors.is_empty() {
        return None;
    }
    let mut data = DomParserData::default();
    let mut open: Vec<Open<'_>> = Vec::new();
    // How many `html` elements are open: text and elements inside one are in the root.
    let mut open_html = 0;
    let bytes = html.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let Some(lt) = next_tag(html, at)? else {
            add_text(&mut data, &html[at..], open_html);
            break;
        };
        add_text(&mut data, &html[at..lt], open_html);
        let rest = &html[lt..];
        match rest.as_bytes().get(1) {
            Some(b'!') => at = lt + skip_comment_or_doctype(rest)?,
            Some(b'/') => {
                let (name, length) = end_tag(rest)?;
                let element = open.pop()?;
                if element.name != name {
                    return None;
                }
                if let Some(node) = element.node {
                    data.close_node(&node, &element.name, &name);
                }
                if name == "html" {
                    open_html -= 1;
                }
                at = lt + length;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (tag, length) = start_tag(rest)?;
                at = lt + length;
                let void = VOID.contains(&tag.name.as_ref());
                if NOT_PLAIN.contains(&tag.name.as_ref()) || (tag.self_closing && !void) {
                    return None;
                }
                // dossier patch, part 16: an element nothing inside of which can count is
                // checked as plain and passed over, without nodes.
                if open_html > 0 && !void && may_pass_over(&tag, &data) {
                    match quiet_element_end(html, at, &tag.name) {
                        Quiet::Ends { end, anchors } => {
                            data.count_anchors_passed_over(anchors);
                            at = end;
                            continue;
                        }
                        Quiet::Counts => {}
                        Quiet::NotPlain => return None,
                    }
                }
                let in_root = open_html > 0 || tag.name == "html";
                if tag.name == "html" {
                    data.open_html(&tag);
                }
                let mut node = None;
                if in_root {
                    let opened = data.open_node(&tag, options);
                    if void {
                        data.close_void_node(&opened, &tag);
                    } else {
                        node = Some(opened);
                    }
                }
                if open_html > 0 && REMOVE_SELECTORS.contains(&tag.name.as_ref()) {
                    data.exclude_current_node();
                }
                if tag.name == "script" || tag.name == "link" {
                    data.read_script_or_link(&tag);
                }
                if void {
                    continue;
                }
                if tag.name == "html" {
                    open_html += 1;
                }
                if RAW_TEXT.contains(&tag.name.as_ref()) {
                    let length = raw_text_length(&html[at..], &tag.name)?;
                    raw_text(&mut data, &html[at..at + length], open_html)?;
                    at += length;
                }
                open.push(Open {
                    name: tag.name,
                    node,
                });
            }
            _ => return None,
        }
    }
    if !open.is_empty() {
        return None;
    }
    Some(data.wrap())
}

/// Elements that count wherever they are: the first `h1` and `img` give the page's title
/// and image, `title` its fallback title, `script` and `link` may load Pagefind's UI, and
/// `html` sets the language.
const COUNT_ANYWHERE: &[&str] = &["h1", "img", "title", "script", "link", "html"];

/// Whether the element of `tag`, opened inside the root where `data` stands, keeps none of
/// its content, and does nothing else to what the parser gathers as long as nothing inside
/// it counts (see [`quiet_element_end`]):
/// - it is ignored (`data-pagefind-ignore` with no value, `index` or `true`, and no other
///   Pagefind attribute: its own filters, metadata and sort keys would still count), or an
///   element the parser leaves out (`nav`, `footer`, `form`, …) without an `id` (whose
///   anchor would be kept in its parent), or the current node is the parent of a body
///   (content after the body is dropped);
/// - its parent passes no anchors down (their text would take its inline children's);
/// - it is not an element that counts anywhere.
fn may_pass_over(tag: &Tag, data: &DomParserData) -> bool {
    let name = tag.name.as_ref();
    // Raw text (`style`) is not markup to read through.
    if COUNT_ANYWHERE.contains(&name) || RAW_TEXT.contains(&name) || data.current_node_has_anchors()
    {
        return false;
    }
    let mut ignored = false;
    for (name, value) in &tag.attributes {
        if is_pagefind_attribute(name) {
            let ignores = name.eq_ignore_ascii_case("data-pagefind-ignore")
                && (value.is_empty()
                    || value.eq_ignore_ascii_case("index")
                    || value.eq_ignore_ascii_case("true"));
            if !ignores {
                return false;
            }
            ignored = true;
        }
    }
    ignored
        || (REMOVE_SELECTORS.contains(&name) && !tag.has_attribute("id"))
        || data.current_node_is_parent_of_body()
}

fn is_pagefind_attribute(name: &str) -> bool {
    const PREFIX: &str = "data-pagefind-";
    name.len() >= PREFIX.len()
        && name.as_bytes()[..PREFIX.len()].eq_ignore_ascii_case(PREFIX.as_bytes())
}

/// What [`quiet_element_end`] found.
enum Quiet {
    /// The element ends (after its end tag) at `end`, and nothing inside it counts; the
    /// parser would have numbered `anchors` anchors inside it (elements with an `id`),
    /// which it then drops.
    Ends { end: usize, anchors: usize },
    /// Something inside it counts: it is read as any other element.
    Counts,
    /// It is not plain: the page is left to lol_html.
    NotPlain,
}

/// Reads the content of the element `name` from `at` (just after its start tag) to its end
/// tag, checking it as [`parse`] does, and whether anything inside it counts: an element of
/// [`COUNT_ANYWHERE`] or a Pagefind attribute. Text and other elements inside an element
/// that [`may_pass_over`] do not count.
fn quiet_element_end(html: &str, mut at: usize, name: &str) -> Quiet {
    let mut open: Vec<Cow<'_, str>> = vec![Cow::Borrowed(name)];
    let mut anchors = 0;
    loop {
        let lt = match next_tag(html, at) {
            Some(Some(lt)) => lt,
            // Left open at the end of the page, or a NUL in text.
            Some(None) | None => return Quiet::NotPlain,
        };
        let rest = &html[lt..];
        match rest.as_bytes().get(1) {
            Some(b'!') => match skip_comment_or_doctype(rest) {
                Some(length) => at = lt + length,
                None => return Quiet::NotPlain,
            },
            Some(b'/') => {
                let Some((end_name, length)) = end_tag(rest) else {
                    return Quiet::NotPlain;
                };
                if open.pop().as_deref() != Some(&*end_name) {
                    return Quiet::NotPlain;
                }
                at = lt + length;
                if open.is_empty() {
                    return Quiet::Ends { end: at, anchors };
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let Some((tag, length)) = start_tag(rest) else {
                    return Quiet::NotPlain;
                };
                at = lt + length;
                let void = VOID.contains(&tag.name.as_ref());
                if NOT_PLAIN.contains(&tag.name.as_ref()) || (tag.self_closing && !void) {
                    return Quiet::NotPlain;
                }
                if COUNT_ANYWHERE.contains(&tag.name.as_ref()) || tag.pagefind_attributes {
                    return Quiet::Counts;
                }
                anchors += usize::from(tag.has_attribute("id"));
                if void {
                    continue;
                }
                if RAW_TEXT.contains(&tag.name.as_ref()) {
                    let Some(length) = raw_text_length(&html[at..], &tag.name) else {
                        return Quiet::NotPlain;
                    };
                    if html[at..at + length].contains('\0') {
                        return Quiet::NotPlain;
                    }
                    at += length;
                }
                open.push(tag.name);
            }
            _ => return Quiet::NotPlain,
        }
    }
}

/// Where the next `<` from `at` is (`Some(None)` when there is none), or `None` when the
/// text before it holds a NUL (not plain). One scan for both (dossier patch, part 17:
/// `find('<')` and then `contains('\0')` on each run of text were ~6% of reading a page).
fn next_tag(html: &str, at: usize) -> Option<Option<usize>> {
    match memchr::memchr2(b'<', b'\0', &html.as_bytes()[at..]) {
        None => Some(None),
        Some(i) if html.as_bytes()[at + i] == b'<' => Some(Some(at + i)),
        Some(_) => None,
    }
}

/// Text between tags, with no NUL ([`next_tag`]): given to the root's current node when
/// inside `html`.
fn add_text(data: &mut DomParserData, text: &str, open_html: usize) {
    if open_html > 0 && !text.is_empty() {
        data.add_text(text);
    }
}

/// The text of a `script`, `style` or `title` element, which [`next_tag`] did not scan:
/// `None` when it holds a NUL (not plain), else given as [`add_text`] gives it.
fn raw_text(data: &mut DomParserData, text: &str, open_html: usize) -> Option<()> {
    if text.contains('\0') {
        return None;
    }
    add_text(data, text, open_html);
    Some(())
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0C')
}

/// The length of a comment or doctype at the start of `rest` (which starts with `<!`).
fn skip_comment_or_doctype(rest: &str) -> Option<usize> {
    if let Some(body) = rest.strip_prefix("<!--") {
        // `<!-->`, `<!--->` and `--!>` end a comment early in HTML: not plain.
        if body.starts_with('>') || body.starts_with("->") {
            return None;
        }
        let end = body.find("-->")?;
        if body[..end].contains("--!") || body[..end].contains('\0') {
            return None;
        }
        return Some(4 + end + 3);
    }
    let doctype = rest.get(..9)?;
    if !doctype.eq_ignore_ascii_case("<!doctype") {
        return None;
    }
    let end = rest.find('>')?;
    if rest[2..end].contains(['<', '\0', '"', '\'']) {
        return None;
    }
    Some(end + 1)
}

/// The name (lower case) and length of the end tag at the start of `rest` (`</name>`).
fn end_tag(rest: &str) -> Option<(Cow<'_, str>, usize)> {
    let bytes = rest.as_bytes();
    let mut at = 2;
    let start = at;
    while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' && bytes[at] != b'/' {
        at += 1;
    }
    let name = tag_name(&rest[start..at])?;
    while at < bytes.len() && is_space(bytes[at]) {
        at += 1;
    }
    (bytes.get(at) == Some(&b'>')).then_some((name, at + 1))
}

/// A tag name in lower case (borrowed when written so), or `None` when it is not a plain
/// ASCII name.
fn tag_name(written: &str) -> Option<Cow<'_, str>> {
    let plain = written
        .bytes()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && written
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b':');
    if !plain {
        None
    } else if written.bytes().any(|c| c.is_ascii_uppercase()) {
        Some(Cow::Owned(written.to_ascii_lowercase()))
    } else {
        Some(Cow::Borrowed(written))
    }
}

/// The start tag at the start of `rest` (`<name attributes>`), and its length.
fn start_tag(rest: &str) -> Option<(Tag<'_>, usize)> {
    let bytes = rest.as_bytes();
    let mut at = 1;
    while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' && bytes[at] != b'/' {
        at += 1;
    }
    let mut tag = Tag {
        name: tag_name(&rest[1..at])?,
        attributes: Vec::new(),
        pagefind_attributes: false,
        self_closing: false,
    };
    loop {
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        match *bytes.get(at)? {
            b'>' => return Some((tag, at + 1)),
            b'/' => {
                (bytes.get(at + 1) == Some(&b'>')).then_some(())?;
                tag.self_closing = true;
                return Some((tag, at + 2));
            }
            _ => {}
        }
        let name_start = at;
        while at < bytes.len() && !is_space(bytes[at]) && !matches!(bytes[at], b'>' | b'/' | b'=') {
            if matches!(bytes[at], b'"' | b'\'' | b'<' | b'\r' | b'\0') {
                return None;
            }
            at += 1;
        }
        if at == name_start {
            return None;
        }
        let name = &rest[name_start..at];
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            tag.pagefind_attributes |= is_pagefind_attribute(name);
            tag.attributes.push((name, ""));
            continue;
        }
        at += 1;
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        let value = match *bytes.get(at)? {
            quote @ (b'"' | b'\'') => {
                let length = memchr::memchr(quote, &bytes[at + 1..])?;
                let value = &rest[at + 1..at + 1 + length];
                at += length + 2;
                // Attributes are separated by space in plain HTML.
                let next = *bytes.get(at)?;
                if !(is_space(next) || next == b'>' || next == b'/') {
                    return None;
                }
                value
            }
            b'>' => return None,
            _ => {
                let start = at;
                while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' {
                    if matches!(bytes[at], b'"' | b'\'' | b'<' | b'=' | b'`' | b'\r' | b'\0') {
                        return None;
                    }
                    at += 1;
                }
                &rest[start..at]
            }
        };
        if memchr::memchr2(b'\r', b'\0', value.as_bytes()).is_some() {
            return None;
        }
        tag.pagefind_attributes |= is_pagefind_attribute(name);
        tag.attributes.push((name, value));
    }
}

/// The length of the text of a `script`, `style` or `title` element, up to its end tag.
fn raw_text_length(rest: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        // dossier patch (part 27): `memmem` rather than `str::find`'s two-way search (~1% of
        // packing a page, over each page's JSON-LD).
        let at = from + memchr::memmem::find(&rest.as_bytes()[from..], b"</")?;
        let after = &rest[at + 2..];
        let closes = after.len() > name.len()
            && after.as_bytes()[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && matches!(
                after.as_bytes()[name.len()],
                b' ' | b'\t' | b'\n' | b'\x0C' | b'/' | b'>'
            );
        if closes {
            let text = &rest[..at];
            // Script data takes HTML's escaped paths after `<!--`; a title reads `&`-entities
            // the same way either way, but `<` would be text here and may not be in lol_html.
            if (name == "script" && memchr::memmem::find(text.as_bytes(), b"<!--").is_some())
                || (name == "title" && text.contains('<'))
            {
                return None;
            }
            return Some(at);
        }
        from = at + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::DomParser;
    use super::*;
    use std::collections::BTreeMap;

    fn options() -> SearchOptions {
        use clap::CommandFactory;
        let config_args = vec![twelf::Layer::Clap(
            crate::PagefindInboundConfig::command().get_matches_from(vec![
                "pagefind",
                "--source",
                "not_important",
            ]),
        )];
        SearchOptions::load(crate::PagefindInboundConfig::with_layers(&config_args).unwrap())
            .unwrap()
    }

    fn through_lol_html(html: &str, options: &SearchOptions) -> DomParserResult {
        let mut parser = DomParser::new(options);
        parser.write(html.as_bytes()).unwrap();
        parser.wrap()
    }

    /// The scan gives what lol_html gives, field by field, except the texts and titles of
    /// anchors that are not in the digest (inside elements passed over, part 16), which
    /// nothing reads.
    fn assert_same(html: &str) {
        let options = options();
        let plain = parse(html, &options).unwrap_or_else(|| panic!("not plain: {html}"));
        let expected = through_lol_html(html, &options);
        let in_digest = |result: &DomParserResult, anchor: &str| {
            (result.digest.split(' ')).any(|word| {
                word.strip_prefix("___PAGEFIND_ANCHOR___")
                    .and_then(|marker| marker.split_once(':'))
                    .is_some_and(|(_, id)| id == anchor)
            })
        };
        let kept = |result: &DomParserResult, map: &BTreeMap<String, String>| {
            (map.iter())
                .filter(|(anchor, _)| in_digest(result, anchor))
                .map(|(a, t)| (a.clone(), t.clone()))
                .collect::<BTreeMap<_, _>>()
        };
        let (mut plain, mut expected) = (plain, expected);
        for result in [&mut plain, &mut expected] {
            result.anchor_content = kept(result, &result.anchor_content);
            result.anchor_titles = kept(result, &result.anchor_titles);
        }
        assert_eq!(format!("{plain:#?}"), format!("{expected:#?}"), "{html}");
    }

    #[test]
    fn plain_pages_read_as_lol_html_reads_them() {
        let pages = [
            "<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\n<title>A &amp; B</title>\n<meta name=\"x\" content=\"Quote\" data-pagefind-filter=\"kind[content]\">\n<meta content=\"2021-08-12\" data-pagefind-sort=\"date[content]\" name=d>\n<meta data-pagefind-meta=\"title[content]\" content=\"Title &quot;here&quot;\">\n<link rel=stylesheet href=\"/s.css\">\n<script type=\"application/ld+json\">{\"a\":\"</p>\"}</script>\n<style>p > a { color: red }</style>\n</head>\n<body>\n<header data-pagefind-ignore><nav><ul><li><a href=\"/\">Home</a></li></ul></nav><form><label for=q>Search</label><input id=q name=q></form></header>\n<main id=\"main\"><article data-pagefind-body>\n<h1 id=\"top\">Heading <em>one</em></h1>\n<p>Text with <a href=\"/x\">a link</a>, <b>bold</b> and&nbsp;entities &lt;3.<br>Next line</p>\n<h2 id=\"two\" data-pagefind-title=\"Part &amp; two\">Part two</h2><p data-pagefind-weight=\"3\">Heavy</p>\n<figure><blockquote><p>Said it.</p></blockquote><figcaption><span data-pagefind-ignore>role</span> <time datetime=\"2021\">2021</time></figcaption></figure>\n<img src=\"/a.png?x=1&amp;y=2\" alt=\"An &amp; image\">\n<div data-pagefind-ignore=\"all\"><p data-pagefind-filter=\"never\">gone</p></div>\n<p data-pagefind-meta=\"summary\" data-pagefind-index-attrs=\"title, data-x\" title=\"T\" data-x=\"y\">Sum</p>\n<!-- a comment <p>not text</p> -->\n<dl><dt>Said</dt><dd>Then</dd></dl><table><tr><td>cell</td><td>cell two</td></tr></table>\n</article></main>\n<footer><p>Foot</p></footer>\n<script src=\"/pagefind/pagefind-ui.js\"></script>\n</body>\n</html>\n",
            "<html><body><p>No body marker <span id=\"s\">anchored <i>inline</i></span> text</p><div data-pagefind-body>One</div><div data-pagefind-body>Two</div></body></html>",
            "<html><body><h1>Auto title</h1><img src='/cat.png' alt='cat'><p data-pagefind-default-meta='image:/dog.png'>x</p></body></html>",
            "<html lang=FA><body><p>سلام <br/>دنیا</p></body></html>",
            "<html><body data-pagefind-body><div data-pagefind-ignore><h1 id=a>Ignored</h1></div><p id=b data-pagefind-filter='tag:one, tag:two'>Kept</p></body></html>\n",
            // Part 16: elements passed over, and elements like them that are not.
            "<html lang=en><head><title>T</title><meta data-pagefind-meta=\"title[content]\" content=\"Meta title\"></head><body><header data-pagefind-ignore><a href=/>Home</a><form><label for=q>Q</label><input id=q></form></header>\n<main data-pagefind-body><p id=kept>kept <span data-pagefind-ignore>not this</span></p><section data-pagefind-ignore aria-labelledby=m><h2 id=m>More</h2><ul><li><a href=/a>gone</a><br></li></ul></section><section data-pagefind-ignore><img src=a.png alt=A><p>gone</p></section><div data-pagefind-ignore><span data-pagefind-filter=\"tag:x\">f</span></div><div data-pagefind-ignore=\"all\"><h1>excluded</h1></div><div data-pagefind-ignore=INDEX><p>upper</p></div><div data-pagefind-ignore=true data-pagefind-ignore=all><p>twice</p></div><div data-pagefind-ignore=bogus><p>bogus</p></div><div data-pagefind-ignore><style>p{}</style><!-- c --><p>styled</p></div></main><aside>after the body <a id=y href=#>link</a> <b>bold</b></aside><nav id=n>nav</nav><footer><p>f</p></footer><div><h1>late</h1></div></body></html>",
            "<html><body><h2 id=\"x\">Title <span data-pagefind-ignore>hidden <b>bold</b></span></h2><p>t <a id=z>inline <span data-pagefind-ignore>ig <i>it</i></span></a></p></body></html>",
            "<html><body><p>a</p><nav id=\"menu\"><a href=/>Home</a></nav><nav><a href=/>Home</a></nav><p>b</p><footer id=f>foot</footer></body></html>",
            "<html><body><P DATA-PAGEFIND-FILTER=\"tag:up\" Data-Pagefind-Meta=\"m:x\">Up</P><DIV ID=u>upper</DIV></body></html>",
            "<html><body><div data-pagefind-ignore><h1>Hidden title</h1></div><div data-pagefind-ignore><p>after</p><img src=/i.png alt=I></div><p>x</p></body></html>",
            "<html><body><div data-pagefind-ignore><script src=\"/pagefind/pagefind-ui.js\"></script></div><div data-pagefind-ignore><link href=\"/pagefind/pagefind-ui.css\"></div><p>x</p></body></html>",
        ];
        for page in pages {
            assert_same(page);
        }
    }

    #[test]
    fn pagefinds_own_parser_cases_read_the_same() {
        // The inputs of `parser.rs`'s tests, which pass through lol_html.
        for body in [
            "<p>Weight one</p><p data-pagefind-weight='2'>Weight two</p>",
            "<p>Sentence one</p><br id='break' /><p id='pid'>Sentence two</p>",
            "<section id='usage' data-pagefind-title='Installation &amp; Usage'><h2>Installation and usage</h2></section>",
            "<p>Sentences should have periods</p><p>Unless one exists.</p><div>Or it ends with punctuation:</div><article>Except for 'quotes'</article>",
            "<p>Inline tags like <span>span</span> and <b>bold</b> shouldn't have periods</p><p>And should n<i>o</i>t add any space.</p>",
            "<p>Elements like:</p><form>Should <b>not</b> be indexed</form><p>forms</p><div> As well as <div data-pagefind-ignore=''>Manually ignored <p>Elements</p></div>*crickets*</div>",
            "<h1>Hello World</h1><img src='/cat.png?width=400&amp;format=webp' alt='Cat &amp; dog'>",
            "<img data-pagefind-meta='cat[src], cat-alt[alt]' src='/cat.png' alt='cat pic'><h1 class='why?' data-pagefind-meta='headline, classname[class]'>Hello World</h1><div data-pagefind-meta='self[data-pagefind-meta], type:post'></div><div data-pagefind-meta='incorrect:post, self[data-pagefind-meta]'></div>",
        ] {
            assert_same(&format!("<html><body>{body}</body></html>"));
        }
    }

    #[test]
    fn ignored_elements_with_nothing_that_counts_are_passed_over() {
        let data = DomParserData::default();
        let read = |element: &str| {
            let (tag, length) = start_tag(element).unwrap();
            match may_pass_over(&tag, &data) {
                false => None,
                true => match quiet_element_end(element, length, &tag.name) {
                    Quiet::Ends { end, .. } => Some(end == element.len()),
                    Quiet::Counts => Some(false),
                    Quiet::NotPlain => panic!("{element}"),
                },
            }
        };
        let passed_over = [
            "<section data-pagefind-ignore><h2 id=m>More</h2><ul><li><a href=/a>gone</a><br></li></ul></section>",
            "<nav><a href=/>Home</a></nav>",
            "<div data-pagefind-ignore=true><style>p{}</style><!-- <p> --></div>",
        ];
        for element in passed_over {
            assert_eq!(read(element), Some(true), "{element}");
        }
        // Something inside counts: read as usual.
        for element in [
            "<section data-pagefind-ignore><img src=a.png></section>",
            "<div data-pagefind-ignore><h1>t</h1></div>",
            "<div data-pagefind-ignore><p DATA-PAGEFIND-META=\"a:b\">x</p></div>",
        ] {
            assert_eq!(read(element), Some(false), "{element}");
        }
        // Not a candidate at all.
        for element in [
            "<div>plain</div>",
            "<div data-pagefind-ignore=all>x</div>",
            "<div data-pagefind-ignore data-pagefind-filter=\"a:b\">x</div>",
            "<nav id=n>x</nav>",
            "<style>p{}</style>",
        ] {
            assert_eq!(read(element), None, "{element}");
        }
    }

    #[test]
    fn pages_it_does_not_follow_are_left_to_lol_html() {
        let options = options();
        for page in [
            "<html><body><p>unclosed</body></html>",
            "<html><body><p>a < b</p></body></html>",
            "<html><body><div/></body></html>",
            "<html><body><svg><path d='M0'/></svg></body></html>",
            "<html><body><textarea><p></textarea></body></html>",
            "<html><body><!-->x</body></html>",
            "<html><body><script><!--<script></script>--></script></body></html>",
            "<html><body><p a=\"1\"b=2>x</p></body></html>",
            "<html><body><p>x</p></body>",
            "<html><body><![CDATA[x]]></body></html>",
            "<html><body></p></body></html>",
            "<html><body><div data-pagefind-ignore><p>a < b</p></div></body></html>",
            "<html><body><div data-pagefind-ignore><p>open</div></body></html>",
            "<html><body><div data-pagefind-ignore><svg></svg></div></body></html>",
            "<html><body><div data-pagefind-ignore><p>\0</p></div></body></html>",
            "<html><body><div data-pagefind-ignore><p>left open",
        ] {
            assert!(parse(page, &options).is_none(), "{page}");
        }
    }
}
