//! Typographic punctuation, one rule for bodies and front matter (`smart_punctuation` in
//! `[markdown]`): pulldown-cmark turns a body's straight quotes, `--`, `---` and `...` into
//! “ ” ‘ ’ – — …; [`smarten`] does the same to the text written in front matter (titles,
//! summaries, contexts), which was published with straight quotes beside curly ones. Both
//! then use the quotation marks of the text's language ([`localise_html`] for bodies):
//! „…“ in German, « … » in French, «…» in Persian, Arabic, Russian, Spanish and Italian,
//! 「…」 in Japanese and Chinese; English marks elsewhere. An apostrophe is ’ everywhere.
//! Quotes' own words are never changed: they are verbatim.

use std::sync::Arc;

/// A language's quotation marks: the outer pair, and the pair for a quote inside a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    pub outer: (&'static str, &'static str),
    pub inner: (&'static str, &'static str),
}

const ENGLISH: Marks = Marks {
    outer: ("“", "”"),
    inner: ("‘", "’"),
};

/// The marks of `language` (a BCP 47 tag: `fa`, `de-AT`).
pub fn marks(language: &str) -> Marks {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    match primary.to_ascii_lowercase().as_str() {
        "de" => Marks {
            outer: ("„", "“"),
            inner: ("‚", "‘"),
        },
        // French sets its guillemets off with a no-break space.
        "fr" => Marks {
            outer: ("«\u{a0}", "\u{a0}»"),
            inner: ("“", "”"),
        },
        "fa" | "ar" | "ur" | "es" | "it" => Marks {
            outer: ("«", "»"),
            inner: ("“", "”"),
        },
        "ru" | "uk" => Marks {
            outer: ("«", "»"),
            inner: ("„", "“"),
        },
        "pl" => Marks {
            outer: ("„", "”"),
            inner: ("«", "»"),
        },
        "ja" | "zh" => Marks {
            outer: ("「", "」"),
            inner: ("『", "』"),
        },
        _ => ENGLISH,
    }
}

/// Whether a quotation mark after `previous` opens a quote (at the start, after a space,
/// an opening bracket, a dash or another opening mark).
fn opens(previous: Option<char>) -> bool {
    previous.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | '„'
            )
    })
}

/// Front-matter text with typographic punctuation in the marks of `language`: straight
/// quotes curled ("Iran's" → "Iran’s"), `---` → —, `--` → –, `...` → …
pub fn smarten(text: &str, language: &str) -> String {
    let marks = marks(language);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut inner_open = false;
    let mut i = 0;
    while i < chars.len() {
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        match chars[i] {
            '-' if chars[i..].starts_with(&['-', '-', '-']) => {
                out.push('—');
                i += 3;
                continue;
            }
            '-' if next == Some('-') => {
                out.push('–');
                i += 2;
                continue;
            }
            '.' if chars[i..].starts_with(&['.', '.', '.']) => {
                out.push('…');
                i += 3;
                continue;
            }
            '"' if opens(previous) => out.push_str(marks.outer.0),
            '"' => out.push_str(marks.outer.1),
            // An apostrophe inside or after a word ("Iran's", "talks'"), unless it closes a
            // quote inside a quote.
            '\'' if previous.is_some_and(char::is_alphanumeric) && !inner_open => out.push('’'),
            '\'' if opens(previous) && next.is_some_and(|c| !c.is_whitespace()) => {
                inner_open = true;
                out.push_str(marks.inner.0);
            }
            '\'' if inner_open => {
                inner_open = false;
                out.push_str(marks.inner.1);
            }
            '\'' => out.push('’'),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// A rendered body with pulldown-cmark's English quotation marks changed to those of
/// `language`, in text only (tags, attributes, code and `pre` are left alone). English
/// bodies come back as they are, without a copy.
pub fn localise_html(html: &Arc<str>, language: &str) -> Arc<str> {
    let marks = marks(language);
    if marks == ENGLISH || !html.contains(['“', '”', '‘']) {
        return html.clone();
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut in_tag = false;
    let mut code_depth = 0usize;
    let mut inner_open = false;
    let mut rest = &html[..];
    while let Some(c) = rest.chars().next() {
        if in_tag {
            out.push(c);
            in_tag = c != '>';
        } else if c == '<' {
            let tag = rest[1..].trim_start_matches('/');
            if tag.starts_with("code") || tag.starts_with("pre") {
                if rest[1..].starts_with('/') {
                    code_depth = code_depth.saturating_sub(1);
                } else {
                    code_depth += 1;
                }
            }
            in_tag = true;
            out.push(c);
        } else if code_depth > 0 {
            out.push(c);
        } else {
            match c {
                '“' => out.push_str(marks.outer.0),
                '”' => out.push_str(marks.outer.1),
                '‘' => {
                    inner_open = true;
                    out.push_str(marks.inner.0);
                }
                '’' if inner_open => {
                    // An apostrophe inside the inner quote ("‘Iran’s talks’") is followed
                    // by a letter; the closing mark is not.
                    let after = rest['’'.len_utf8()..].chars().next();
                    if after.is_some_and(char::is_alphanumeric) {
                        out.push('’');
                    } else {
                        inner_open = false;
                        out.push_str(marks.inner.1);
                    }
                }
                c => out.push(c),
            }
        }
        rest = &rest[c.len_utf8()..];
    }
    Arc::from(out)
}

/// Every text of the dossier written in front matter (articles' titles and summaries,
/// quotes' contexts, events' titles, corrections, withdrawal reasons, topics' titles and
/// descriptions) with typographic punctuation in its language, when bodies get it too.
/// Speakers' names and quotes' words stay as written.
pub(super) fn smarten_front_matter(dossier: &mut super::model::Dossier) {
    if !dossier.config.markdown.smart_punctuation {
        return;
    }
    let site = dossier.config.language.clone();
    let in_language =
        |article: &super::model::Article| article.language.clone().unwrap_or_else(|| site.clone());
    let languages: Vec<String> = dossier.articles.iter().map(in_language).collect();
    for (article, language) in dossier.articles.iter_mut().zip(&languages) {
        article.title = smarten(&article.title, language);
        if let Some(summary) = &mut article.summary {
            *summary = smarten(summary, language);
        }
    }
    for quote in &mut dossier.quotes {
        let language = &languages[quote.article];
        if let Some(context) = &mut quote.context {
            *context = smarten(context, language);
        }
        if let Some(withdrawn) = &mut quote.withdrawn {
            withdrawn.reason = smarten(&withdrawn.reason, language);
        }
    }
    for event in &mut dossier.events {
        event.title = smarten(&event.title, &languages[event.article]);
    }
    for correction in &mut dossier.corrections {
        correction.text = smarten(&correction.text, &languages[correction.article]);
    }
    for topic in &mut dossier.topics {
        topic.title = smarten(&topic.title, &site);
        if let Some(description) = &mut topic.description {
            *description = smarten(description, &site);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_text_gets_the_punctuation_bodies_get() {
        assert_eq!(
            smarten("Iran's \"maximum pressure\"", "en"),
            "Iran’s “maximum pressure”"
        );
        assert_eq!(
            smarten("He said 'no' -- twice...", "en"),
            "He said ‘no’ – twice…"
        );
        assert_eq!(smarten("2015---2018", "en"), "2015—2018");
        assert_eq!(smarten("the talks' end", "en"), "the talks’ end");
        assert_eq!(smarten("(\"a\")", "en"), "(“a”)");
    }

    #[test]
    fn each_language_gets_its_own_marks() {
        assert_eq!(smarten("\"Gespräche\"", "de"), "„Gespräche“");
        assert_eq!(
            smarten("\"négociations\"", "fr"),
            "«\u{a0}négociations\u{a0}»"
        );
        assert_eq!(smarten("\"مذاکره\"", "fa"), "«مذاکره»");
        assert_eq!(smarten("l'accord", "fr"), "l’accord");
    }

    #[test]
    fn bodies_get_the_marks_of_their_language_outside_code() {
        let html: Arc<str> = Arc::from("<p title=\"“x”\">“Oman’s ‘role’” <code>“raw”</code></p>\n");
        assert_eq!(
            &*localise_html(&html, "de"),
            "<p title=\"“x”\">„Oman’s ‚role‘“ <code>“raw”</code></p>\n"
        );
        assert!(Arc::ptr_eq(&localise_html(&html, "en"), &html));
    }
}
