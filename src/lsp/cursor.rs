//! What is at a place in a content file: a front-matter key, the value of one (and the
//! string being typed in it), or an `@/` link in the Markdown body. Read from the text as
//! the editor has it, which is often not valid TOML while it is being typed, so this is a
//! line-based reading rather than a parse.

use std::ops::Range;

/// The TOML table a line of front matter belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Table {
    /// The top level (an article's, speaker's or topic's own keys, or site.toml's).
    Top,
    /// `[[quotes]]`
    Quotes,
    /// `[quotes.original]`
    Original,
    /// `[[events]]`
    Events,
    /// Any other table (`[extra]`, site.toml's `[feeds]`…), by its header's name.
    Other(String),
}

/// What the cursor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Where a key is written (the start of a front-matter line); `typed` is the part of
    /// the key already typed, at `span`.
    Key {
        table: Table,
        typed: String,
        span: Range<usize>,
    },
    /// In the value of `key`. `string` is the string literal the cursor is in (the text
    /// between its quotes, and the span of that text), when it is in one.
    Value {
        table: Table,
        key: String,
        string: Option<(String, Range<usize>)>,
    },
    /// On an `@/` link of the Markdown body, or where a link target is being typed (`](`
    /// before the cursor): the whole target at `span` (`@/x.md#a`), and the part of it
    /// before the cursor.
    Link {
        target: String,
        typed: String,
        span: Range<usize>,
    },
    Elsewhere,
}

/// The byte range of the front matter's TOML in `text` (between the `+++` lines), if any.
pub fn front_matter(text: &str) -> Option<Range<usize>> {
    let start_line = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let first = text[start_line..].split_inclusive('\n').next()?;
    if first.trim_end() != "+++" {
        return None;
    }
    let start = start_line + first.len();
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some(start..at);
        }
        at += line.len();
    }
    // Unclosed (being typed): the whole rest of the file.
    Some(start..text.len())
}

/// What is at byte `offset` of the content file `text`.
pub fn place(text: &str, offset: usize) -> Place {
    let offset = offset.min(text.len());
    match front_matter(text) {
        Some(front) if front.contains(&offset) || offset == front.end => {
            front_place(text, front.start, offset)
        }
        Some(front) if offset < front.start => Place::Elsewhere,
        _ => body_place(text, offset),
    }
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |newline| newline + 1)
}

fn line_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .find('\n')
        .map_or(text.len(), |newline| offset + newline)
}

/// The table the line at `offset` is in: the nearest header above it.
fn table_at(text: &str, front_start: usize, offset: usize) -> Table {
    for line in text[front_start..line_start(text, offset)].lines().rev() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix("[[").and_then(|l| l.split("]]").next()) {
            return match name.trim() {
                "quotes" => Table::Quotes,
                "events" => Table::Events,
                other => Table::Other(other.to_string()),
            };
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            return match name.trim() {
                "quotes.original" => Table::Original,
                other => Table::Other(other.to_string()),
            };
        }
    }
    Table::Top
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn front_place(text: &str, front_start: usize, offset: usize) -> Place {
    let table = table_at(text, front_start, offset);
    let start = line_start(text, offset);
    let before = &text[start..offset];
    // A key being typed: only key characters since the start of the line.
    let trimmed = before.trim_start();
    if trimmed.chars().all(is_key_char) && !trimmed.starts_with('[') {
        let key_start = offset - trimmed.len();
        let key_end = key_start
            + text[key_start..line_end(text, offset)]
                .find(|c: char| !is_key_char(c))
                .unwrap_or(line_end(text, offset) - key_start);
        // On a key that already has a value: the key itself (hover, documentation).
        if text[key_end..line_end(text, offset)]
            .trim_start()
            .starts_with('=')
        {
            return Place::Key {
                table,
                typed: text[key_start..key_end].to_string(),
                span: key_start..key_end,
            };
        }
        return Place::Key {
            table,
            typed: trimmed.to_string(),
            span: key_start..offset,
        };
    }
    match value_key(text, front_start, offset) {
        Some(key) => Place::Value {
            table,
            key,
            string: string_at(text, offset),
        },
        None => Place::Elsewhere,
    }
}

/// The key whose value the cursor is in: the key of this line, or of a line above that
/// opened a list not yet closed.
fn value_key(text: &str, front_start: usize, offset: usize) -> Option<String> {
    let mut end = offset;
    let mut depth = 0i32;
    loop {
        let start = line_start(text, end).max(front_start);
        let line = &text[start..end];
        let code = without_strings(line);
        depth += code.matches(']').count() as i32 - code.matches('[').count() as i32;
        if let Some((key, _)) = line.split_once('=') {
            let key = key.trim();
            if !key.is_empty() && key.chars().all(is_key_char) {
                // Found the key; the cursor is in its value if every list opened since is open.
                return (depth <= 0 || end == offset).then(|| key.to_string());
            }
        }
        if start <= front_start || line.trim_start().starts_with('[') && code.trim() != "[" {
            return None;
        }
        end = start - 1;
    }
}

/// `line` with the contents of its basic strings removed (so brackets in them don't count).
fn without_strings(line: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if in_string && !escaped => escaped = true,
            '"' if !escaped => {
                in_string = !in_string;
                escaped = false;
            }
            _ if in_string => escaped = false,
            c => out.push(c),
        }
    }
    out
}

/// The basic string the cursor is in (on its line): its text up to its closing quote (or
/// the cursor, while the closing quote is not typed) and that text's span.
pub fn string_at(text: &str, offset: usize) -> Option<(String, Range<usize>)> {
    let start = line_start(text, offset);
    let end = line_end(text, offset);
    let mut open: Option<usize> = None;
    let mut escaped = false;
    for (index, c) in text[start..end].char_indices() {
        let at = start + index;
        match c {
            '\\' if open.is_some() && !escaped => escaped = true,
            '"' if !escaped => match open {
                Some(from) if at >= offset => {
                    return Some((text[from..at].to_string(), from..at));
                }
                Some(_) => open = None,
                None if at < offset => open = Some(at + 1),
                None => return None,
            },
            _ => escaped = false,
        }
    }
    let from = open?;
    Some((text[from..offset].to_string(), from..offset))
}

fn body_place(text: &str, offset: usize) -> Place {
    let start = line_start(text, offset);
    let end = line_end(text, offset);
    // On an `@/` target: from its `@/` to the first character that ends a link.
    let line = &text[start..end];
    let mut search = 0;
    while let Some(found) = line[search..].find("@/") {
        let from = start + search + found;
        let to = from
            + text[from..end]
                .find(|c: char| c == ')' || c == '>' || c.is_whitespace() || c == '"')
                .unwrap_or(end - from);
        if (from..=to).contains(&offset) {
            return Place::Link {
                target: text[from..to].to_string(),
                typed: text[from..offset].to_string(),
                span: from..to,
            };
        }
        search += found + 2;
    }
    // A link target just opened: `[text](` with nothing or a partial `@` after it.
    let before = &text[start..offset];
    if let Some(open) = before.rfind("](") {
        let typed = &before[open + 2..];
        if !typed.contains([')', ' ']) && "@/".starts_with(typed) {
            return Place::Link {
                target: typed.to_string(),
                typed: typed.to_string(),
                span: start + open + 2..offset,
            };
        }
    }
    Place::Elsewhere
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "+++\ntitle = \"T\"\nspeakers = [\"ali\", \"bo\"]\ntopics = [\n  \"jc\",\n]\n\n[[quotes]]\nspeaker = \"bo-sa\"\nte\n\n[quotes.original]\nlanguage = \"fa\"\n+++\nSee [x](@/speakers/bo.md#bio) and [y](\n";

    fn at(marker: &str, delta: usize) -> usize {
        ARTICLE.find(marker).unwrap() + delta
    }

    #[test]
    fn reads_keys_values_strings_and_tables() {
        assert_eq!(
            place(ARTICLE, at("\"bo\"", 2)),
            Place::Value {
                table: Table::Top,
                key: "speakers".into(),
                string: Some(("bo".into(), at("\"bo\"", 1)..at("\"bo\"", 3)))
            }
        );
        // A list across lines.
        match place(ARTICLE, at("\"jc\"", 2)) {
            Place::Value { key, .. } => assert_eq!(key, "topics"),
            other => panic!("{other:?}"),
        }
        match place(ARTICLE, at("bo-sa", 5)) {
            Place::Value { table, key, string } => {
                assert_eq!((table, key.as_str()), (Table::Quotes, "speaker"));
                assert_eq!(string.unwrap().0, "bo-sa");
            }
            other => panic!("{other:?}"),
        }
        match place(ARTICLE, at("te\n", 2)) {
            Place::Key { table, typed, .. } => {
                assert_eq!((table, typed.as_str()), (Table::Quotes, "te"))
            }
            other => panic!("{other:?}"),
        }
        match place(ARTICLE, at("\"fa\"", 1)) {
            Place::Value { table, key, .. } => {
                assert_eq!((table, key.as_str()), (Table::Original, "language"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn finds_links_in_the_body() {
        assert_eq!(
            place(ARTICLE, at("@/speakers", 4)),
            Place::Link {
                target: "@/speakers/bo.md#bio".into(),
                typed: "@/sp".into(),
                span: at("@/speakers", 0)..at("#bio)", 4)
            }
        );
        match place(ARTICLE, ARTICLE.len() - 1) {
            Place::Link { typed, .. } => assert_eq!(typed, ""),
            other => panic!("{other:?}"),
        }
    }
}
