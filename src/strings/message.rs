//! One interface string as a pattern: literal text and `{name}` placeholders, split once
//! when the table is read so that filling it in (thousands of times a build) only copies.

/// A piece of a pattern.
#[derive(Debug, Clone)]
enum Piece {
    /// Literal text, as written and escaped for HTML (escaped once, here).
    Text { raw: Box<str>, html: Box<str> },
    /// `{name}`: filled in where the string is used.
    Arg(Box<str>),
}

/// An interface string split at its placeholders.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: Box<str>,
    pieces: Vec<Piece>,
}

impl Pattern {
    pub fn parse(source: &str) -> Pattern {
        let mut pieces = Vec::new();
        let mut rest = source;
        let mut text = String::new();
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) if is_name(&after[..close]) => {
                    text.push_str(&rest[..open]);
                    push_text(&mut pieces, &mut text);
                    pieces.push(Piece::Arg(after[..close].into()));
                    rest = &after[close + 1..];
                }
                _ => {
                    text.push_str(&rest[..=open]);
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        push_text(&mut pieces, &mut text);
        Pattern {
            source: source.into(),
            pieces,
        }
    }

    /// The string as written in the table.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The string as HTML when it has no placeholder (a label, a heading), else `None`.
    pub fn plain_html(&self) -> Option<String> {
        if self.args().next().is_some() {
            return None;
        }
        let mut out = String::with_capacity(self.source.len());
        self.write(&mut out, true, |_, _| false);
        Some(out)
    }

    /// The names of its placeholders.
    pub fn args(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Arg(name) => Some(&**name),
            Piece::Text { .. } => None,
        })
    }

    /// Writes the pattern into `out`, each literal piece as `raw` or HTML-escaped, and each
    /// placeholder through `arg` (which writes it and says whether it knew the name; an
    /// unknown one is written back as `{name}`).
    pub fn write(
        &self,
        out: &mut String,
        html: bool,
        mut arg: impl FnMut(&str, &mut String) -> bool,
    ) {
        for piece in &self.pieces {
            match piece {
                Piece::Text { raw, html: escaped } => {
                    out.push_str(if html { escaped } else { raw })
                }
                Piece::Arg(name) => {
                    if !arg(name, out) {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
            }
        }
    }
}

fn push_text(pieces: &mut Vec<Piece>, text: &mut String) {
    if text.is_empty() {
        return;
    }
    let html = escape_text(text);
    pieces.push(Piece::Text {
        raw: std::mem::take(text).into(),
        html: html.into(),
    });
}

/// The text of a string as HTML, in an element or a double-quoted attribute: `&`, `<`, `>`
/// and `"` escaped, and nothing else, so that a string reads byte for byte as the same
/// words written in a template (an apostrophe stays an apostrophe).
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A placeholder name: letters, digits and `_` (so `{` in text, e.g. a brace in CSS-like
/// prose, stays text).
fn is_name(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// CLDR plural categories, in the order the tables list them.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A message: one string, or one per plural category (`other` always present).
#[derive(Debug, Clone)]
pub enum Message {
    Text(Pattern),
    Plural(Box<[Option<Pattern>; 6]>),
}

impl Message {
    /// The pattern for plural category `category` (an index into [`CATEGORIES`]); a plain
    /// string is the same for every count, and a missing category uses `other`.
    pub fn pattern(&self, category: usize) -> &Pattern {
        match self {
            Message::Text(pattern) => pattern,
            Message::Plural(forms) => forms[category]
                .as_ref()
                .or(forms[5].as_ref())
                .expect("a plural message always has `other`"),
        }
    }

    pub fn is_plural(&self) -> bool {
        matches!(self, Message::Plural(_))
    }

    /// Every pattern of the message.
    pub fn patterns(&self) -> impl Iterator<Item = &Pattern> {
        let forms: Vec<&Pattern> = match self {
            Message::Text(pattern) => vec![pattern],
            Message::Plural(forms) => forms.iter().flatten().collect(),
        };
        forms.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(source: &str, html: bool) -> String {
        let mut out = String::new();
        Pattern::parse(source).write(&mut out, html, |name, out| {
            if name == "n" {
                out.push_str("<2>");
                true
            } else {
                false
            }
        });
        out
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("page {n} of {count}", false), "page <2> of {count}");
        assert_eq!(fill("{n}", false), "<2>");
        assert_eq!(
            fill("a { b } {not a name} {", false),
            "a { b } {not a name} {"
        );
    }

    #[test]
    fn literal_text_is_escaped_for_html_but_not_the_filled_values() {
        assert_eq!(
            fill("Q&A <{n}> \"x\" it's", true),
            "Q&amp;A &lt;<2>&gt; &quot;x&quot; it's"
        );
    }
}
