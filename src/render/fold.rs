//! Constant interface strings folded into the templates before they are compiled:
//! `{{ site.i18n.nav.articles }}` becomes the string itself, so the twenty or so labels of
//! every page's header and footer cost nothing per page (a lookup through `site.i18n` costs
//! four map lookups, which at 10,000 articles added up to several percent of a build). The
//! output is the same as the lookup's; diagnostics map positions back to the template as
//! written.

use std::collections::HashMap;
use std::ops::Range;

use super::indentation;
use super::template_edits::{Edit, original_at};

/// A template's text as compiled: without its indentation (`indentation::strip_template`),
/// with its constant strings folded in, and the changes made, in order.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    stages: Vec<Vec<Edit>>,
}

/// Removes the indentation of `text`, then folds every `{{ site.i18n.<table>.<name> }}`
/// whose string is in `plain` (`table.name` → HTML). Braces in a string are written as
/// character references, so a translation can never be read as template code.
pub fn fold(text: &str, plain: &HashMap<String, String>) -> Folded {
    let (stripped, stripping) = indentation::strip_template(text);
    let (text, folding) = fold_strings(&stripped, plain);
    Folded {
        text,
        stages: vec![stripping, folding],
    }
}

fn fold_strings(text: &str, plain: &HashMap<String, String>) -> (String, Vec<Edit>) {
    let mut out = String::with_capacity(text.len());
    let mut edits = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        match constant(rest, plain) {
            Some((len, html)) => {
                edits.push(Edit {
                    at: out.len(),
                    changed_len: html.len(),
                    original_len: len,
                });
                out.push_str(&html);
                rest = &rest[len..];
            }
            None => {
                out.push_str("{{");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    (out, edits)
}

/// `{{ site.i18n.table.name }}` at the start of `text`: its length and the string.
fn constant(text: &str, plain: &HashMap<String, String>) -> Option<(usize, String)> {
    let inner = text.strip_prefix("{{")?;
    let key_start = inner.trim_start_matches(' ');
    let key_text = key_start.strip_prefix("site.i18n.")?;
    let key_len = key_text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(key_text.len());
    let key = &key_text[..key_len];
    let after = key_text[key_len..].trim_start_matches(' ');
    after.strip_prefix("}}")?;
    let html = plain.get(key)?;
    let len = text.len() - after.len() + 2;
    Some((len, html.replace('{', "&#123;").replace('}', "&#125;")))
}

impl Folded {
    /// The text as written, unchanged.
    pub fn unchanged(text: &str) -> Folded {
        Folded {
            text: text.to_string(),
            stages: Vec::new(),
        }
    }

    /// A byte range of the folded text as a range of the template as written.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        self.original_at(range.start)..self.original_at(range.end)
    }

    fn original_at(&self, position: usize) -> usize {
        self.stages
            .iter()
            .rev()
            .fold(position, |position, edits| original_at(edits, position))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> HashMap<String, String> {
        HashMap::from([
            ("nav.articles".to_string(), "Articles".to_string()),
            ("nav.odd".to_string(), "a {{ b }}".to_string()),
        ])
    }

    #[test]
    fn folds_constant_strings_and_leaves_the_rest() {
        let text = "<a>{{ site.i18n.nav.articles }}</a>{{site.i18n.nav.articles}} {{ site.i18n.nav.unknown }} {{ page.title }} {{- site.i18n.nav.articles }}";
        let folded = fold(text, &plain());
        assert_eq!(
            folded.text,
            "<a>Articles</a>Articles {{ site.i18n.nav.unknown }} {{ page.title }} {{- site.i18n.nav.articles }}"
        );
    }

    #[test]
    fn braces_in_a_string_cannot_become_template_code() {
        let folded = fold("{{ site.i18n.nav.odd }}", &plain());
        assert_eq!(folded.text, "a &#123;&#123; b &#125;&#125;");
    }

    #[test]
    fn positions_map_back_to_the_template_as_written() {
        let text = "ab{{ site.i18n.nav.articles }}cd {{ oops }}";
        let folded = fold(text, &plain());
        let at = folded.text.find("{{ oops").unwrap();
        let original = folded.original(at..at + 8);
        assert_eq!(&text[original], "{{ oops ");
        assert_eq!(folded.original(0..2), 0..2);
    }

    #[test]
    fn positions_map_back_through_both_indentation_and_folding() {
        let text = "<p>\n    {{ site.i18n.nav.articles }}\n\n      {{ oops }}\n</p>";
        let folded = fold(text, &plain());
        assert_eq!(folded.text, "<p>\nArticles\n{{ oops }}\n</p>");
        let at = folded.text.find("{{ oops").unwrap();
        let original = folded.original(at..at + 8);
        assert_eq!(&text[original], "{{ oops ");
    }
}
