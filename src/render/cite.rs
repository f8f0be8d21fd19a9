//! Citations: the ready-to-paste text on article and quote pages (Chicago-like), and the
//! machine-readable downloads on every article and quote page and in bulk: CSL-JSON (for
//! Zotero, pandoc and citeproc) and BibTeX (with biblatex's `date` and `urldate`). The
//! access date (`accessed`, `urldate`) is the article's `accessed` when the editor gave
//! one, and left out otherwise (never the build time, so builds stay byte-identical).
//! Names are split into family and given names (see `link::names`). An article is cited as the newspaper article it is (its own URL when it
//! has one); a quote as the words of its speaker, with the dossier's quote page as URL.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::output::OutputFile;
use crate::link::model::{Dossier, PersonName};

/// The citation text shown on an article page.
pub fn article_text(dossier: &Dossier, index: usize) -> String {
    let s = &dossier.strings;
    let a = &dossier.articles[index];
    let date = a.date.display(s);
    let mut parts = Vec::new();
    if let Some(author) = &a.author {
        parts.push(s.fill("citation.article_author", &[("author", author)]));
    }
    let title = a.title.trim_end_matches('.');
    parts.push(s.fill("citation.article_title", &[("title", title)]));
    match &a.source {
        Some(source) => parts.push(s.fill(
            "citation.article_source_date",
            &[("source", source), ("date", &date)],
        )),
        None => parts.push(s.fill("citation.article_date", &[("date", &date)])),
    }
    if let Some(url) = &a.source_url {
        parts.push(s.fill("citation.article_url", &[("url", url)]));
    }
    parts.push(in_site(dossier, &a.url));
    parts.join(" ")
}

/// "In <site>, <permalink>."
fn in_site(dossier: &Dossier, url: &str) -> String {
    dossier.strings.fill(
        "citation.in_site",
        &[
            ("site", &dossier.config.title),
            ("permalink", &dossier.permalink(url)),
        ],
    )
}

/// The citation text shown on a quote page.
pub fn quote_text(dossier: &Dossier, index: usize) -> String {
    let s = &dossier.strings;
    let q = &dossier.quotes[index];
    let speaker = &dossier.speakers[q.speaker];
    let a = &dossier.articles[q.article];
    let said = q.said.display(s);
    let mut parts = vec![s.fill(
        "citation.quote_said",
        &[("speaker", &speaker.name), ("date", &said)],
    )];
    if let Some(author) = &a.author {
        parts.push(s.fill("citation.quote_author", &[("author", author)]));
    }
    let title = a.title.trim_end_matches('.');
    parts.push(s.fill("citation.quote_title", &[("title", title)]));
    if let Some(source) = &a.source {
        parts.push(s.fill("citation.quote_source", &[("source", source)]));
    }
    parts.push(s.fill("citation.quote_date", &[("date", &a.date.display(s))]));
    if let Some(url) = &q.source_url {
        parts.push(s.fill("citation.quote_url", &[("url", url)]));
    }
    parts.push(in_site(dossier, &q.url));
    parts.join(" ")
}

/// An article's citation as (CSL-JSON array of one item, BibTeX entry), for its page.
pub fn article_texts(dossier: &Dossier, index: usize) -> (String, String) {
    (
        csl_json_compact(&[article_csl(dossier, index)]),
        article_bib(dossier, index),
    )
}

/// A quote's citation as (CSL-JSON array of one item, BibTeX entry), for its page.
pub fn quote_texts(dossier: &Dossier, index: usize) -> (String, String) {
    (
        csl_json_compact(&[quote_csl(dossier, index)]),
        quote_bib(dossier, index),
    )
}

/// A `data:` URL carrying `text`: the page's download links hold their file's content, so
/// a site needs no citation file per page (two per article and quote were 80,000 of the
/// 163,000 files of a 10,000-article site, past what static hosts accept).
pub fn data_url(mime: &str, text: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    // Encode all but what is safe and common in citations, to keep the URL short.
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~')
        .remove(b' ')
        .remove(b',')
        .remove(b':')
        .remove(b'/')
        .remove(b'=')
        .remove(b'@')
        .remove(b'(')
        .remove(b')');
    let encoded = utf8_percent_encode(text, KEEP)
        .to_string()
        .replace(' ', "%20");
    format!("data:{mime};charset=utf-8,{encoded}")
}

/// Citations of every article and quote, in bulk, for reference managers: CSL-JSON and
/// BibTeX in parts of at most [`BULK_PART`] entries (`data/citations-1.json`, `…-1.bib`,
/// `…-2.json`, …), articles first, in the dossier's order, so no file nears the 25 MiB
/// that static hosts accept per file.
pub fn bulk_files(dossier: &Dossier) -> Vec<OutputFile> {
    let entries: Vec<(CslItem, String)> = (0..dossier.articles.len())
        .map(|i| (article_csl(dossier, i), article_bib(dossier, i)))
        .chain((0..dossier.quotes.len()).map(|i| (quote_csl(dossier, i), quote_bib(dossier, i))))
        .collect();
    let mut files = Vec::new();
    for (n, part) in entries.chunks(BULK_PART).enumerate() {
        let items: Vec<&CslItem> = part.iter().map(|(csl, _)| csl).collect();
        let bib: Vec<&str> = part.iter().map(|(_, bib)| bib.as_str()).collect();
        files.push(OutputFile::new(
            format!("data/citations-{}.json", n + 1),
            csl_json_lines(&items).into_bytes(),
        ));
        files.push(OutputFile::new(
            format!("data/citations-{}.bib", n + 1),
            bib.join("\n").into_bytes(),
        ));
    }
    files
}

/// Entries per bulk citation file: ~1 KB each, so a part stays near 5 MB.
pub const BULK_PART: usize = 5_000;

/// A CSL-JSON array of `items`, on one line (a page's download: every byte is in the page,
/// percent-encoded, on each of 40,000 pages of a big site).
fn csl_json_compact<T: Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).expect("plain data serializes")
}

/// A CSL-JSON array of `items`, one item per line: readable, and a third smaller than
/// pretty-printed (the bulk files of a 10,000-article site are ~35 MB pretty).
fn csl_json_lines<T: Serialize>(items: &[T]) -> String {
    let lines: Vec<String> = items
        .iter()
        .map(|item| serde_json::to_string(item).expect("plain data serializes"))
        .collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

/// One CSL-JSON item. Fields are declared in byte order of their names (the order they had
/// when this was a `serde_json::Value` map); a field without a value is left out.
#[derive(Serialize)]
struct CslItem<'a> {
    #[serde(rename = "URL")]
    url: String,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<DateParts>,
    /// The archive holding a copy of the source, and the copy's address: Zotero reads
    /// them as "Archive" and "Loc. in Archive".
    #[serde(skip_serializing_if = "Option::is_none")]
    archive: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    archive_location: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<[CslName<'a>; 1]>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(rename = "event-title", skip_serializing_if = "Option::is_none")]
    event_title: Option<&'a str>,
    id: &'a str,
    issued: DateParts,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    note: String,
    #[serde(rename = "original-title", skip_serializing_if = "Option::is_none")]
    original_title: Option<String>,
    title: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// A CSL name: `{"family", "given"}`, which styles sort and abbreviate ("Zarfam, S."), or
/// `{"literal"}`, a name they print whole (an organisation, a single name).
#[derive(Serialize)]
#[serde(untagged)]
enum CslName<'a> {
    Split { family: &'a str, given: &'a str },
    Literal { literal: &'a str },
}

fn csl_name(name: &PersonName) -> CslName<'_> {
    match name {
        PersonName::Split { family, given } => CslName::Split { family, given },
        PersonName::Literal(literal) => CslName::Literal { literal },
    }
}

/// `{"date-parts": [[year, month, day]]}`
#[derive(Serialize)]
struct DateParts {
    #[serde(rename = "date-parts")]
    date_parts: [[i32; 3]; 1],
}

fn date_parts(date: NaiveDate) -> DateParts {
    DateParts {
        date_parts: [[date.year(), date.month() as i32, date.day() as i32]],
    }
}

fn article_csl(dossier: &Dossier, index: usize) -> CslItem<'_> {
    let a = &dossier.articles[index];
    let permalink = dossier.permalink(&a.url);
    CslItem {
        url: a.source_url.clone().unwrap_or_else(|| permalink.clone()),
        summary: a.summary.as_deref(),
        accessed: a.accessed.map(date_parts),
        archive: a.archive_url.as_deref().map(archive_name),
        archive_location: a.archive_url.as_deref(),
        author: a.author_name.as_ref().map(|name| [csl_name(name)]),
        container_title: a.source.as_deref(),
        event_title: None,
        id: &a.slug,
        issued: date_parts(a.date.date),
        language: a.language.as_deref(),
        note: article_note(dossier, &permalink),
        original_title: None,
        title: csl_title(&a.title),
        kind: "article-newspaper",
    }
}

fn quote_csl(dossier: &Dossier, index: usize) -> CslItem<'_> {
    let q = &dossier.quotes[index];
    let a = &dossier.articles[q.article];
    let speaker = &dossier.speakers[q.speaker];
    CslItem {
        url: dossier.permalink(&q.url),
        summary: None,
        // The URL is the dossier's own page, read whenever the citation is used.
        accessed: None,
        archive: q.archive_url.as_deref().map(archive_name),
        archive_location: q.archive_url.as_deref(),
        author: Some([csl_name(&speaker.name_parts)]),
        container_title: Some(a.source.as_deref().unwrap_or(&a.title)),
        event_title: q.context.as_deref(),
        id: &q.id,
        issued: date_parts(q.said.date),
        language: None,
        note: quote_note(dossier, index),
        original_title: q.original.as_ref().map(|o| csl_title(&o.text)),
        title: csl_title(&q.text),
        kind: "speech",
    }
}

/// The archive an archived copy's address names: the Internet Archive's Wayback Machine,
/// archive.today (under any of its domains), else the address's host.
fn archive_name(url: &str) -> String {
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    match host {
        "web.archive.org" | "wayback.archive.org" | "archive.org" => "Internet Archive".into(),
        "archive.today" | "archive.ph" | "archive.is" | "archive.li" | "archive.md"
        | "archive.vn" | "archive.fo" => "archive.today".into(),
        other => other.to_string(),
    }
}

/// The `addendum` of a BibTeX entry with an archived copy: "Archived copy (<date>): <url>".
fn bib_archived(dossier: &Dossier, url: Option<&str>, on: Option<NaiveDate>) -> Option<String> {
    let s = &dossier.strings;
    let url = url?;
    let text = match on {
        Some(date) => s.fill(
            "citation.archived_on",
            &[("url", url), ("date", &s.day(date))],
        ),
        None => s.fill("citation.archived", &[("url", url)]),
    };
    Some(bib_escape(&text))
}

/// A CSL `title`: the text on one line (a line break in a quote would break the rendered
/// citation) and without its final period, since styles put their own punctuation after a
/// title (`Stop Us.,”` in Chicago notes otherwise); an ellipsis stays. The page shows the
/// text as it is.
fn csl_title(text: &str) -> String {
    let line = one_line(text);
    match line.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') => rest.to_string(),
        _ => line,
    }
}

/// `text` on one line: each run of white space (line breaks included) is one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn quote_note(dossier: &Dossier, index: usize) -> String {
    let s = &dossier.strings;
    let q = &dossier.quotes[index];
    let a = &dossier.articles[q.article];
    let mut note = s.fill("citation.note_quoted_in", &[("title", &a.title)]);
    if let Some(source) = &a.source {
        note.push_str(&s.fill("citation.note_source", &[("source", source)]));
    }
    note.push_str(&s.fill("citation.note_date", &[("date", &a.date.display(s))]));
    if let Some(url) = &q.source_url {
        note.push_str(&s.fill("citation.note_original", &[("url", url)]));
    }
    note
}

/// The `note` of an article's citation files.
fn article_note(dossier: &Dossier, permalink: &str) -> String {
    dossier.strings.fill(
        "citation.note_article",
        &[("site", &dossier.config.title), ("permalink", permalink)],
    )
}

/// Escapes text for a braced BibTeX field: LaTeX's special characters become commands.
pub fn bib_escape(text: &str) -> String {
    // Most text has none of the characters below: copy it whole (0xC2 starts the C1
    // controls; it also starts `«` or a no-break space, which then take the slow path).
    let plain = |b: u8| {
        !matches!(
            b,
            b'-' | b'\\'
                | b'{'
                | b'}'
                | b'%'
                | b'&'
                | b'$'
                | b'#'
                | b'_'
                | b'~'
                | b'^'
                | 0x7F
                | 0xC2
        ) && b >= 0x20
    };
    if text.bytes().all(plain) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // `--` and `---` are TeX ligatures for dashes: keep the hyphens apart.
            '-' if chars.peek() == Some(&'-') => out.push_str("-{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL for a BibTeX `url` field (read verbatim): braces, backslashes and spaces
/// percent-encoded so the field stays balanced.
fn bib_url(url: &str) -> String {
    url.replace('\\', "%5C")
        .replace('{', "%7B")
        .replace('}', "%7D")
        .replace(' ', "%20")
}

/// A name for `author`, split as in CSL-JSON: `Family, Given`, or braced whole so BibTeX
/// does not split it (an organisation, a single name).
fn bib_name(name: &PersonName) -> String {
    match name {
        PersonName::Split { family, given } => {
            format!("{}, {}", bib_name_part(family), bib_name_part(given))
        }
        PersonName::Literal(literal) => format!("{{{}}}", bib_escape(literal)),
    }
}

/// A part of a split name, braced when BibTeX would read a comma or an "and" in it as
/// the end of the part or of the name.
fn bib_name_part(part: &str) -> String {
    let escaped = bib_escape(part);
    let and = part
        .split_whitespace()
        .any(|w| w.eq_ignore_ascii_case("and"));
    if part.contains(',') || and {
        format!("{{{escaped}}}")
    } else {
        escaped
    }
}

fn bib_key(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn bib_entry(kind: &str, key: &str, fields: &[(&str, Option<String>)]) -> String {
    let mut out = String::with_capacity(512);
    for part in ["@", kind, "{", &bib_key(key), ",\n"] {
        out.push_str(part);
    }
    for (name, value) in fields {
        if let Some(value) = value {
            // `month` is a macro name (`mar`), which braces would turn into text.
            let (open, close) = if *name == "month" {
                ("", ",\n")
            } else {
                ("{", "},\n")
            };
            for part in ["  ", name, " = ", open, value, close] {
                out.push_str(part);
            }
        }
    }
    out.push_str("}\n");
    out
}

fn bib_date_fields(date: NaiveDate) -> [(&'static str, Option<String>); 3] {
    [
        ("date", Some(date.to_string())),
        ("year", Some(date.year().to_string())),
        (
            "month",
            Some(BIB_MONTHS[date.month0() as usize].to_string()),
        ),
    ]
}

/// BibTeX's month macros: classic styles print them as month names ("March 2025"), where
/// a braced number would print as "3 2025". `bib_entry` writes `month` unbraced.
const BIB_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

pub fn article_bib(dossier: &Dossier, index: usize) -> String {
    let a = &dossier.articles[index];
    let permalink = dossier.permalink(&a.url);
    let url = a.source_url.as_deref().unwrap_or(&permalink);
    let mut fields = vec![
        ("author", a.author_name.as_ref().map(bib_name)),
        ("title", Some(format!("{{{}}}", bib_escape(&a.title)))),
    ];
    let kind = if a.source.is_some() {
        "article"
    } else {
        "misc"
    };
    match &a.source {
        Some(source) => fields.push(("journal", Some(bib_escape(source)))),
        None => fields.push(("howpublished", Some(bib_escape(&dossier.config.title)))),
    }
    fields.extend(bib_date_fields(a.date.date));
    fields.extend([
        ("url", Some(bib_url(url))),
        ("urldate", a.accessed.map(|d| d.to_string())),
        ("langid", a.language.clone().map(|l| bib_escape(&l))),
        ("note", Some(bib_escape(&article_note(dossier, &permalink)))),
        (
            "addendum",
            bib_archived(dossier, a.archive_url.as_deref(), a.archived),
        ),
    ]);
    bib_entry(kind, &a.slug, &fields)
}

pub fn quote_bib(dossier: &Dossier, index: usize) -> String {
    let q = &dossier.quotes[index];
    let a = &dossier.articles[q.article];
    let speaker = &dossier.speakers[q.speaker];
    let mut fields = vec![
        ("author", Some(bib_name(&speaker.name_parts))),
        ("title", Some(format!("{{{}}}", bib_escape(&q.text)))),
        (
            "howpublished",
            Some(bib_escape(a.source.as_deref().unwrap_or(&a.title))),
        ),
    ];
    fields.extend(bib_date_fields(q.said.date));
    fields.extend([
        ("url", Some(bib_url(&dossier.permalink(&q.url)))),
        ("note", Some(bib_escape(&quote_note(dossier, index)))),
        (
            "addendum",
            bib_archived(dossier, q.archive_url.as_deref(), q.archived),
        ),
    ]);
    bib_entry("misc", &q.id, &fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csl_titles_drop_the_final_period_but_not_an_ellipsis() {
        assert_eq!(
            csl_title("We will not let them Stop Us."),
            "We will not let them Stop Us"
        );
        assert_eq!(csl_title("And then..."), "And then...");
        assert_eq!(csl_title("Why?"), "Why?");
        assert_eq!(csl_title("Line one,\nline two."), "Line one, line two");
    }

    #[test]
    fn bib_escape_neutralises_latex() {
        assert_eq!(
            bib_escape("50% & {x} #1 a_b ~ ^ \\ <!--"),
            "50\\% \\& \\{x\\} \\#1 a\\_b \\textasciitilde{} \\textasciicircum{} \\textbackslash{} <!-{}-"
        );
        // Plain text is copied whole; C1 controls are still dropped.
        assert_eq!(bib_escape("Café “x” ناصر"), "Café “x” ناصر");
        assert_eq!(bib_escape("a\u{85}b «c»\u{7f}"), "ab «c»");
    }
}
