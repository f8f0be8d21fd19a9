//! Templates without their indentation, before they are compiled. Templates are indented
//! for the people who edit them; in the pages, the spaces at the start of a line and blank
//! lines were ~3.5% of the bytes (at 10,000 articles, ~30 MB of a site that has to stay
//! under the 1 GB static hosts accept), and browsers collapse them anyway. Removing them
//! from the template text costs nothing per page. Only whitespace that is certain not to
//! show is changed: in the template's HTML text, a run of spaces and line breaks that
//! holds a line break becomes one line break; never inside a tag, a comment, or `<pre>`,
//! `<textarea>`, `<script>` and `<style>`, whose text is kept as written. Template code
//! (`{{ }}`, `{% %}`, `{# #}`) is kept as written and does not change where the scan is.

use super::template_edits::Edit;

/// Where the scan is in the template's HTML.
#[derive(Clone, Copy, PartialEq)]
enum State {
    Text,
    /// Inside a tag, outside its attribute values; `raw`: a tag that opens raw text.
    Tag {
        raw: Option<RawElement>,
    },
    /// Inside an attribute value quoted with this byte.
    Quoted {
        quote: u8,
        raw: Option<RawElement>,
    },
    Comment,
    /// Inside an element whose text is kept as written, until its end tag.
    Raw(RawElement),
}

#[derive(Clone, Copy, PartialEq)]
enum RawElement {
    Pre,
    Textarea,
    Script,
    Style,
}

impl RawElement {
    fn name(self) -> &'static [u8] {
        match self {
            RawElement::Pre => b"pre",
            RawElement::Textarea => b"textarea",
            RawElement::Script => b"script",
            RawElement::Style => b"style",
        }
    }

    /// The raw element whose start tag begins `rest` (the bytes after `<`), if any.
    fn starting(rest: &[u8]) -> Option<RawElement> {
        [
            RawElement::Pre,
            RawElement::Textarea,
            RawElement::Script,
            RawElement::Style,
        ]
        .into_iter()
        .find(|raw| tag_named(rest, raw.name()))
    }
}

/// Whether `rest` starts with the tag name `name` (ASCII case-insensitive), ended by a
/// space, `>` or `/`.
fn tag_named(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && matches!(rest[name.len()], b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')
}

/// `text` with each run of whitespace that holds a line break, in HTML text, replaced by
/// one line break; and the changes made.
pub fn strip_template(text: &str) -> (String, Vec<Edit>) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut edits = Vec::new();
    let mut state = State::Text;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(len) = template_code(&bytes[at..]) {
            out.push_str(&text[at..at + len]);
            at += len;
            continue;
        }
        let run = whitespace_run(&bytes[at..]);
        if state == State::Text && run > 1 && bytes[at..at + run].contains(&b'\n') {
            edits.push(Edit {
                at: out.len(),
                changed_len: 1,
                original_len: run,
            });
            out.push('\n');
            at += run;
            continue;
        }
        let char_len = text[at..].chars().next().map_or(1, char::len_utf8);
        state = next_state(state, bytes[at], &bytes[at + 1..]);
        out.push_str(&text[at..at + char_len]);
        at += char_len;
    }
    (out, edits)
}

/// The length of the template code (`{{ }}`, `{% %}`, `{# #}`) that starts `rest`, if any.
fn template_code(rest: &[u8]) -> Option<usize> {
    let close: &[u8] = match rest.get(..2)? {
        b"{{" => b"}}",
        b"{%" => b"%}",
        b"{#" => b"#}",
        _ => return None,
    };
    let end = rest[2..]
        .windows(2)
        .position(|pair| pair == close)
        .map_or(rest.len(), |at| at + 4);
    Some(end)
}

/// How many spaces, tabs and line breaks start `rest`.
fn whitespace_run(rest: &[u8]) -> usize {
    rest.iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .count()
}

/// The state after `byte`, given the bytes that follow it.
fn next_state(state: State, byte: u8, rest: &[u8]) -> State {
    match state {
        State::Text if byte == b'<' && rest.starts_with(b"!--") => State::Comment,
        State::Text if byte == b'<' => State::Tag {
            raw: RawElement::starting(rest),
        },
        State::Text => State::Text,
        State::Tag { raw } => match byte {
            b'"' | b'\'' => State::Quoted { quote: byte, raw },
            b'>' => raw.map_or(State::Text, State::Raw),
            _ => state,
        },
        State::Quoted { quote, raw } if byte == quote => State::Tag { raw },
        State::Quoted { .. } => state,
        State::Comment if byte == b'-' && rest.starts_with(b"->") => State::Tag { raw: None },
        State::Comment => state,
        State::Raw(raw)
            if byte == b'<' && rest.first() == Some(&b'/') && tag_named(&rest[1..], raw.name()) =>
        {
            State::Tag { raw: None }
        }
        State::Raw(_) => state,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(text: &str) -> String {
        strip_template(text).0
    }

    #[test]
    fn indentation_and_blank_lines_go() {
        assert_eq!(
            stripped(
                "<main>\n    <p>One\n      two</p>\n\n   \n  {% if a %}\n  <p\n    class=\"x\">{{ a }}</p>\n  {% endif %}\n</main>\n"
            ),
            "<main>\n<p>One\ntwo</p>\n{% if a %}\n<p\n    class=\"x\">{{ a }}</p>\n{% endif %}\n</main>\n"
        );
        // Spaces within a line stay.
        assert_eq!(stripped("<a>x</a>  <a>y</a>"), "<a>x</a>  <a>y</a>");
    }

    #[test]
    fn raw_text_attribute_values_comments_and_template_code_are_kept() {
        for kept in [
            "<pre><code>fn main() {\n    println!();\n}\n</code></pre>",
            "<PRE class=\"x\">\n  a\n\n  b</PRE>",
            "<textarea>\n  typed\n</textarea>",
            "<script>\n  if (a < b) {\n    go();\n  }\n</script>",
            "<style>\n  p { color: red }\n</style>",
            "<p title=\"first\n   second\">x</p>",
            "<p title='first\n   second'>x</p>",
            "<!-- a > b\n   c -->",
            "{% set x = \"<pre>\" %}",
            "{{ a\n    | b }}",
            "<a href=\"{{ url(path=\"x\") }}\n  \">y</a>",
        ] {
            assert_eq!(stripped(kept), kept);
        }
        // After the raw element, the comment or the code, stripping starts again.
        assert_eq!(
            stripped("<pre>\n  a\n</pre>\n    <p>b</p><!-- c -->\n  d{{ e }}\n  f"),
            "<pre>\n  a\n</pre>\n<p>b</p><!-- c -->\nd{{ e }}\nf"
        );
        // A tag whose name only starts like one of them is an ordinary tag.
        assert_eq!(
            stripped("<preview>\n  a</preview>"),
            "<preview>\na</preview>"
        );
    }

    #[test]
    fn edits_map_back_to_the_template_as_written() {
        let text = "<p>\n    {{ oops }}\n</p>";
        let (stripped, edits) = strip_template(text);
        let at = stripped.find("{{ oops").unwrap();
        let original = super::super::template_edits::original_at(&edits, at);
        assert_eq!(&text[original..original + 7], "{{ oops");
    }
}
