//! What a page leaves out when it is published: markup that only the search index reads,
//! and bidi isolates that cannot change how the page is shown.
//!
//! The templates write Pagefind's attributes (`data-pagefind-body`, `-ignore`, `-filter`,
//! `-meta`, `-sort`) and the `<meta name="dossier:…">` tags of their `search_meta` block,
//! which tell the index what to read. The index reads each page as it is rendered; the page
//! that is written (or served) no longer needs them: at 10,000 articles they were 5.5% of
//! the output, which must stay under the 1 GB of GitHub and GitLab Pages.
//!
//! Isolates (`<bdi>` and `dir="auto"`) keep a name, a number or a date that runs in the
//! other direction from reordering its line. On a page with no right-to-left character at
//! all, and no `dir="rtl"`, every character is left-to-right or neutral and every line is
//! laid out left to right with or without them, so a bare `<bdi>` and a `dir="auto"` are
//! dropped there (another 3–4% of an English site). Any page with one right-to-left
//! character, such as a Persian name on an English page, keeps every isolate.
//!
//! This is a scan, not a parse: the renderer escapes `<`, `>` and `"` in text and
//! attribute values, so the tag boundaries found here are the ones a browser sees. A tag
//! that does not read as expected (raw HTML an editor wrote) is copied as it is.

use std::sync::LazyLock;

use memchr::memchr;
use memchr::memmem::Finder;

/// The searches a page is scanned with, each prepared once.
struct Finders {
    comment_end: Finder<'static>,
    script_end: Finder<'static>,
    style_end: Finder<'static>,
    index_attribute: Finder<'static>,
    dir_auto: Finder<'static>,
    dir_rtl: Finder<'static>,
    dossier_meta: Finder<'static>,
}

static FINDERS: LazyLock<Finders> = LazyLock::new(|| Finders {
    comment_end: Finder::new(b"-->"),
    script_end: Finder::new(b"</script"),
    style_end: Finder::new(b"</style"),
    index_attribute: Finder::new(b"data-pagefind-"),
    dir_auto: Finder::new(b"dir=\"auto\""),
    dir_rtl: Finder::new(b"dir=\"rtl\""),
    dossier_meta: Finder::new(b" name=\"dossier:"),
});

/// The page as it is published. `html` is a rendered page (UTF-8).
pub fn trim(html: &[u8]) -> Vec<u8> {
    let mut plan = Trim {
        isolates: !may_run_right_to_left(html),
        open_bdi: Vec::new(),
    };
    let mut out = Vec::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = memchr(b'<', rest) {
        out.extend_from_slice(&rest[..at]);
        rest = &rest[at..];
        let taken = plan.copy_markup(rest, &mut out);
        rest = &rest[taken..];
    }
    out.extend_from_slice(rest);
    out
}

/// Whether a character of `html` runs right to left, or the page sets a right-to-left
/// direction: then every isolate stays. Every right-to-left character is encoded from a
/// lead byte of 0xD6 or more, so only the characters at such bytes are decoded (on an
/// English page, its curly quotes and little else).
fn may_run_right_to_left(html: &[u8]) -> bool {
    if FINDERS.dir_rtl.find(html).is_some() {
        return true;
    }
    let mut at = 0;
    while let Some(found) = first_lead_byte_of_rtl_range(&html[at..]) {
        at += found;
        let end = (at + 4).min(html.len());
        let decoded = (at + 2..=end)
            .rev()
            .find_map(|end| std::str::from_utf8(&html[at..end]).ok());
        // Bytes that do not decode are not text a browser lays out as right to left.
        match decoded.and_then(|text| text.chars().next()) {
            Some(c) if is_right_to_left(c) => return true,
            Some(c) => at += c.len_utf8(),
            None => at += 1,
        }
    }
    false
}

/// Where the first byte of 0xD6 or more is, looking at 32 bytes at a time (most pages are
/// nearly all ASCII).
fn first_lead_byte_of_rtl_range(html: &[u8]) -> Option<usize> {
    let is_lead = |b: &u8| *b >= 0xD6;
    let mut chunks = html.chunks(32);
    let mut offset = 0;
    for chunk in &mut chunks {
        // No early exit inside a chunk, so the compiler can compare 32 bytes at once.
        if chunk.iter().fold(false, |any, b| any | is_lead(b)) {
            return chunk.iter().position(is_lead).map(|i| offset + i);
        }
        offset += chunk.len();
    }
    None
}

/// Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms,
/// the right-to-left historic scripts, and the right-to-left marks and controls.
fn is_right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{200F}' | '\u{202B}' | '\u{202E}' | '\u{2067}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}')
}

struct Trim {
    /// Whether bare `<bdi>` tags and `dir="auto"` are dropped.
    isolates: bool,
    /// For each `<bdi>` open at this point, whether its tag was kept (so is its end tag).
    open_bdi: Vec<bool>,
}

impl Trim {
    /// Copies the markup at the start of `html` (which starts with `<`) into `out`, trimmed,
    /// and returns how many bytes of `html` it took.
    fn copy_markup(&mut self, html: &[u8], out: &mut Vec<u8>) -> usize {
        if html.starts_with(b"<!--") {
            let end = (FINDERS.comment_end.find(&html[4..])).map_or(html.len(), |at| at + 7);
            out.extend_from_slice(&html[..end]);
            return end;
        }
        let Some(end) = tag_end(html) else {
            out.push(b'<');
            return 1;
        };
        let tag = &html[..end];
        let name = tag_name(tag);
        let opens = !tag.starts_with(b"</");
        if opens && (name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style")) {
            // Raw text: copy through its closing tag unread.
            let close = if name.eq_ignore_ascii_case(b"script") {
                &FINDERS.script_end
            } else {
                &FINDERS.style_end
            };
            let end = close.find(&html[end..]).map_or(html.len(), |at| end + at);
            out.extend_from_slice(&html[..end]);
            return end;
        }
        if self.isolates && name == b"bdi" {
            let kept = if !opens {
                self.open_bdi.pop().unwrap_or(true)
            } else {
                let kept = tag != b"<bdi>";
                self.open_bdi.push(kept);
                kept
            };
            if !kept {
                return end;
            }
        }
        if name == b"meta" && FINDERS.dossier_meta.find(tag).is_some() {
            // The tag and the line it stood on.
            return end + usize::from(html.get(end) == Some(&b'\n'));
        }
        match self.attributes_kept(tag) {
            Some(kept) => out.extend_from_slice(&kept),
            None => out.extend_from_slice(tag),
        }
        end
    }

    /// `tag` without its index-only attributes (and `dir="auto"` when isolates go), or
    /// `None` when it has none to drop or does not read as a tag.
    fn attributes_kept(&self, tag: &[u8]) -> Option<Vec<u8>> {
        let drops_index = FINDERS.index_attribute.find(tag).is_some();
        let drops_dir = self.isolates && FINDERS.dir_auto.find(tag).is_some();
        if !drops_index && !drops_dir {
            return None;
        }
        let mut kept = Vec::with_capacity(tag.len());
        let name_end = 1 + tag[1..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')?;
        kept.extend_from_slice(&tag[..name_end]);
        let mut at = name_end;
        while let Some(attribute) = next_attribute(tag, at) {
            let name = &tag[attribute.name.clone()];
            let value = attribute.value.clone().map(|v| &tag[v]);
            let dropped = name.starts_with(b"data-pagefind-")
                || (self.isolates && name == b"dir" && value == Some(b"auto"));
            if !dropped {
                kept.extend_from_slice(&tag[at..attribute.end]);
            }
            at = attribute.end;
        }
        let tail = &tag[at..];
        if !tail
            .iter()
            .all(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        {
            return None;
        }
        kept.extend_from_slice(tail);
        Some(kept)
    }
}

/// Where the tag at the start of `html` ends (just past its `>`), skipping `>` inside
/// quoted attribute values; `None` when it does not end.
fn tag_end(html: &[u8]) -> Option<usize> {
    let mut at = 1;
    loop {
        at += memchr::memchr3(b'>', b'"', b'\'', &html[at..])?;
        let quote = html[at];
        if quote == b'>' {
            return Some(at + 1);
        }
        at += 1 + memchr(quote, &html[at + 1..])? + 1;
    }
}

/// The element name of a tag (`<meta …>` → `meta`, `</bdi>` → `bdi`).
fn tag_name(tag: &[u8]) -> &[u8] {
    let start = if tag.get(1) == Some(&b'/') { 2 } else { 1 };
    let len = tag[start..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(tag.len() - start);
    &tag[start..start + len]
}

/// One attribute of a tag: its name, its value without quotes, and where it ends.
struct Attribute {
    name: std::ops::Range<usize>,
    value: Option<std::ops::Range<usize>>,
    end: usize,
}

/// The attribute of `tag` that starts after whitespace at `at`, if there is one.
fn next_attribute(tag: &[u8], at: usize) -> Option<Attribute> {
    let is_space = |b: &u8| b.is_ascii_whitespace();
    let start = at + tag[at..].iter().take_while(|b| is_space(b)).count();
    if start == at {
        return None;
    }
    let name_len = tag[start..]
        .iter()
        .take_while(|&&b| !is_space(&b) && !matches!(b, b'=' | b'>' | b'/'))
        .count();
    if name_len == 0 {
        return None;
    }
    let name = start..start + name_len;
    if tag.get(name.end) != Some(&b'=') {
        return Some(Attribute {
            end: name.end,
            name,
            value: None,
        });
    }
    let value_start = name.end + 1;
    let (value, end) = match tag.get(value_start) {
        Some(&q @ (b'"' | b'\'')) => {
            let len = memchr(q, &tag[value_start + 1..])?;
            let value = value_start + 1..value_start + 1 + len;
            (value.clone(), value.end + 1)
        }
        _ => {
            let len = tag[value_start..]
                .iter()
                .take_while(|&&b| !is_space(&b) && b != b'>')
                .count();
            (value_start..value_start + len, value_start + len)
        }
    };
    Some(Attribute {
        name,
        value: Some(value),
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trimmed(html: &str) -> String {
        String::from_utf8(trim(html.as_bytes())).unwrap()
    }

    #[test]
    fn index_only_markup_is_dropped() {
        let page = "<head>\n<title>T</title>\n<meta name=\"dossier:kind\" content=\"quote\" data-pagefind-filter=\"kind[content]\">\n<meta name=\"description\" content=\"d\">\n</head>\n<body><header class=\"site-header\" data-pagefind-ignore>\n<main data-pagefind-body id=\"main\"><p data-pagefind-meta=\"title\" class=\"x\">Text</p></main></body>";
        assert_eq!(
            trimmed(page),
            "<head>\n<title>T</title>\n<meta name=\"description\" content=\"d\">\n</head>\n<body><header class=\"site-header\">\n<main id=\"main\"><p class=\"x\">Text</p></main></body>"
        );
        // After a script, whose end tag is not the start of another.
        assert_eq!(
            trimmed("<script>1</script><p data-pagefind-body>x</p>"),
            "<script>1</script><p>x</p>"
        );
    }

    #[test]
    fn words_that_look_like_markup_in_text_scripts_and_comments_stay() {
        for page in [
            "<p>Write data-pagefind-ignore on a tag, or &lt;bdi&gt;.</p>",
            "<script type=\"application/ld+json\">{\"a\":\"<bdi> data-pagefind-body\"}</script>",
            "<!-- <meta name=\"dossier:kind\"> --><p title=\"a > b\" data-x=\"1\">x</p>",
            "<p>a < b and a<b</p>",
        ] {
            assert_eq!(trimmed(page), page);
        }
    }

    #[test]
    fn isolates_go_only_where_nothing_runs_right_to_left() {
        let page = "<p><bdi>Jane Doe</bdi> · <time dir=\"auto\" datetime=\"2025-01-01\">1 January 2025</time> <bdi lang=\"en\">x</bdi> <span dir=\"ltr\">y</span></p>";
        assert_eq!(
            trimmed(page),
            "<p>Jane Doe · <time datetime=\"2025-01-01\">1 January 2025</time> <bdi lang=\"en\">x</bdi> <span dir=\"ltr\">y</span></p>"
        );
        for page in [
            "<p><bdi>Jane Doe</bdi> · <bdi>علی</bdi> <time dir=\"auto\">1</time></p>",
            "<p>Jane Doe\u{200F}: <time dir=\"auto\">1</time></p>",
            "<html dir=\"rtl\"><p><bdi>Jane Doe</bdi> <time dir=\"auto\">1</time></p>",
        ] {
            assert_eq!(trimmed(page), page);
        }
    }

    #[test]
    fn a_tag_that_does_not_read_as_expected_is_copied_whole() {
        for page in [
            "<p data-pagefind-ignore=\"unclosed>x</p>",
            "<p data-pagefind-ignore",
            "<p =x data-pagefind-ignore>x</p>",
        ] {
            assert_eq!(trimmed(page), page);
        }
    }
}
