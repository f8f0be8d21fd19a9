//! The open data in parts, for a dossier too big for one file each (`dossier-data/2`):
//! `dossier.json` becomes an index (the site, and the list of every part with what it
//! holds); `dossier-<n>.json` hold the records, each whole, in the order of the single
//! file; `quotes.csv` holds the newest quotes and `quotes-<n>.csv` the next ones;
//! `timeline.json` holds the newest entries and `timeline-<n>.json` the earlier ones, each a
//! complete TimelineJS document. No file is larger than the limit unless one record is.

use serde::Serialize;

/// The open data, serialized piece by piece (`super` makes it).
pub struct Input<'a> {
    pub base_url: &'a str,
    pub schema: &'static str,
    pub site: serde_json::Value,
    /// Each kind of record of `dossier.json` in its order, each record pretty-printed.
    pub records: [(&'static str, Vec<String>); 5],
    /// `quotes.csv`, and where each row ends (the header's first).
    pub csv: (Vec<u8>, Vec<usize>),
    /// The timeline's title slide and its other slides, pretty-printed.
    pub timeline_title: String,
    pub slides: Vec<String>,
}

/// Room left in a part for what surrounds its records (schema, part number, keys).
const ENVELOPE: usize = 1024;

#[derive(Serialize)]
struct Index {
    schema: &'static str,
    site: serde_json::Value,
    /// The parts holding the records, in order.
    parts: Vec<PartRef>,
    /// `quotes.csv` and the files that continue it, in order (newest quotes first).
    quotes_csv: Vec<CsvRef>,
    /// `timeline.json` and the earlier timelines, oldest first.
    timeline: Vec<TimelineRef>,
}

#[derive(Serialize, Default)]
struct PartRef {
    url: String,
    articles: usize,
    speakers: usize,
    topics: usize,
    quotes: usize,
    events: usize,
}

#[derive(Serialize)]
struct CsvRef {
    url: String,
    quotes: usize,
}

#[derive(Serialize)]
struct TimelineRef {
    url: String,
    events: usize,
}

/// Every file of the split open data, as (output path, bytes); no part is larger than
/// `budget` unless one record is.
pub fn files(input: Input, budget: usize) -> Vec<(String, Vec<u8>)> {
    let Input {
        base_url,
        schema,
        site,
        records: kinds,
        csv,
        timeline_title,
        slides,
    } = input;
    let budget = budget.saturating_sub(ENVELOPE).max(1);
    let url = |name: &str| format!("{base_url}data/{name}");
    let mut out = Vec::new();
    // Records, greedily, into parts of at most `budget` bytes.
    let mut parts: Vec<[Vec<&str>; 5]> = vec![Default::default()];
    let mut size = 0;
    for (kind, (_, records)) in kinds.iter().enumerate() {
        for record in records {
            let cost = indented_len(record, 4) + 2;
            if size > 0 && size + cost > budget {
                parts.push(Default::default());
                size = 0;
            }
            size += cost;
            parts.last_mut().expect("one part at least")[kind].push(record);
        }
    }
    let mut refs = Vec::new();
    for (n, part) in parts.iter().enumerate() {
        let name = format!("dossier-{}.json", n + 1);
        let mut text = format!("{{\n  \"schema\": \"{schema}\",\n  \"part\": {},\n", n + 1);
        for (kind, records) in part.iter().enumerate() {
            text.push_str(&format!("  \"{}\": ", kinds[kind].0));
            push_array(&mut text, records, 2);
            text.push_str(if kind + 1 < kinds.len() { ",\n" } else { "\n" });
        }
        text.push_str("}\n");
        refs.push(PartRef {
            url: url(&name),
            articles: part[0].len(),
            speakers: part[1].len(),
            topics: part[2].len(),
            quotes: part[3].len(),
            events: part[4].len(),
        });
        out.push((format!("data/{name}"), text.into_bytes()));
    }
    let (csv_files, quotes_csv) = csv_parts(csv, base_url, budget + ENVELOPE);
    out.extend(csv_files.into_iter().zip(&quotes_csv).map(|(bytes, r)| {
        let name = r.url.rsplit('/').next().expect("a file name").to_string();
        (format!("data/{name}"), bytes)
    }));
    let (timeline_files, timeline_refs) =
        timeline_parts(&timeline_title, &slides, base_url, budget);
    out.extend(timeline_files);
    let index = Index {
        schema,
        site,
        parts: refs,
        quotes_csv,
        timeline: timeline_refs,
    };
    let mut text = serde_json::to_string_pretty(&index).expect("plain data serializes");
    text.push('\n');
    out.insert(0, ("data/dossier.json".into(), text.into_bytes()));
    out
}

/// The length of `text` with every line indented by `indent` spaces.
fn indented_len(text: &str, indent: usize) -> usize {
    text.len() + indent * (1 + text.matches('\n').count())
}

/// Appends a JSON array of already serialized values, laid out as serde_json's pretty
/// printer would at nesting `depth` (two spaces a level).
fn push_array(out: &mut String, values: &[&str], depth: usize) {
    if values.is_empty() {
        out.push_str("[]");
        return;
    }
    let inner = "  ".repeat(depth);
    let outer = "  ".repeat(depth - 1);
    out.push_str("[\n");
    for (i, value) in values.iter().enumerate() {
        out.push_str(&inner);
        out.push_str(&value.replace('\n', &format!("\n{inner}")));
        out.push_str(if i + 1 < values.len() { ",\n" } else { "\n" });
    }
    out.push_str(&outer);
    out.push(']');
}

/// `quotes.csv` cut at row ends: each file has the header and at most `max_bytes` bytes.
fn csv_parts(
    (bytes, ends): (Vec<u8>, Vec<usize>),
    base_url: &str,
    max_bytes: usize,
) -> (Vec<Vec<u8>>, Vec<CsvRef>) {
    let header = &bytes[..ends[0]];
    let mut files = Vec::new();
    let mut refs = Vec::new();
    let mut start = ends[0];
    let mut rows = 0;
    let mut flush = |start: usize, end: usize, rows: usize| {
        let name = if files.is_empty() {
            "quotes.csv".to_string()
        } else {
            format!("quotes-{}.csv", files.len() + 1)
        };
        let mut file = header.to_vec();
        file.extend_from_slice(&bytes[start..end]);
        files.push(file);
        refs.push(CsvRef {
            url: format!("{base_url}data/{name}"),
            quotes: rows,
        });
    };
    for window in ends.windows(2) {
        let end = window[1];
        if rows > 0 && header.len() + (end - start) > max_bytes {
            flush(start, window[0], rows);
            start = window[0];
            rows = 0;
        }
        rows += 1;
    }
    flush(start, *ends.last().expect("the header at least"), rows);
    (files, refs)
}

/// The timeline in parts of at most `budget` bytes of slides, oldest first, each with the
/// title slide; the newest part is `timeline.json`.
fn timeline_parts(
    title: &str,
    slides: &[String],
    base_url: &str,
    budget: usize,
) -> (Vec<(String, Vec<u8>)>, Vec<TimelineRef>) {
    let mut groups: Vec<Vec<&str>> = vec![Vec::new()];
    let mut size = indented_len(title, 2);
    let base = size;
    for slide in slides {
        let cost = indented_len(slide, 4) + 2;
        if size > base && size + cost > budget {
            groups.push(Vec::new());
            size = base;
        }
        size += cost;
        groups.last_mut().expect("one group at least").push(slide);
    }
    let count = groups.len();
    let mut files = Vec::new();
    let mut refs = Vec::new();
    for (n, group) in groups.iter().enumerate() {
        let name = if n + 1 == count {
            "timeline.json".to_string()
        } else {
            format!("timeline-{}.json", n + 1)
        };
        let mut text = String::from("{\n  \"title\": ");
        text.push_str(&title.replace('\n', "\n  "));
        text.push_str(",\n  \"events\": ");
        push_array(&mut text, group, 2);
        text.push_str("\n}\n");
        refs.push(TimelineRef {
            url: format!("{base_url}data/{name}"),
            events: group.len(),
        });
        files.push((format!("data/{name}"), text.into_bytes()));
    }
    (files, refs)
}
