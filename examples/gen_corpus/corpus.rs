//! A deterministic generator of fake dossiers, for benchmarks: N articles of varied
//! Markdown, ~40 topics, ~80 speakers, 3 quotes per article, an event every third article,
//! dates over 15 years and some `responds_to` threads. Every name is clearly fake.
//!
//! Shared by `examples/gen_corpus` (which also writes the corpus as a Hugo site) and
//! `benches/stages.rs` (`#[path]`-included there), so it depends only on std and chrono.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};

pub const TOPICS: usize = 40;
pub const SPEAKERS: usize = 80;
pub const QUOTES_PER_ARTICLE: usize = 3;
pub const YEARS: i64 = 15;

/// splitmix64: tiny, fast, good enough for fake text, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mir", "ven", "tal", "sor", "bri", "sel", "an", "kor", "velt", "dra", "mun", "pel",
    "tis", "gar", "ro", "na", "shi", "el", "quo", "zen", "bar", "tum", "lis", "or", "fen", "dal",
    "rik", "sa", "vo", "ne", "ith", "ul", "pra", "gon", "mel", "dus", "ter", "ix", "bo", "cal",
];

/// A fake lowercase word of 1–3 syllables.
pub fn word(rng: &mut Rng) -> String {
    let n = match rng.below(10) {
        0..=3 => 1,
        4..=7 => 2,
        _ => 3,
    };
    (0..n).map(|_| *rng.pick(SYLLABLES)).collect()
}

fn capitalized(rng: &mut Rng) -> String {
    let w = word(rng);
    let mut chars = w.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => w,
    }
}

fn words(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n).map(|_| word(rng)).collect()
}

/// A sentence of `n` fake words, capitalised, with a full stop.
fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s = words(rng, n).join(" ");
    if let Some(first) = s.get(0..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(0..1, &upper);
    }
    s.push('.');
    s
}

/// A slug as dossier's `slugify` would make it from ASCII words.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for part in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&part.to_ascii_lowercase());
    }
    out
}

pub struct Topic {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub body: String,
}

pub struct Speaker {
    pub slug: String,
    pub name: String,
    pub role: String,
    pub country: String,
    pub bio: String,
}

pub enum EventDate {
    Full(NaiveDate),
    /// A string such as "2015-07", "2015", "2003~" or "2016-01-16/2018-05-08".
    Text(String),
}

pub struct Event {
    pub date: EventDate,
    pub title: String,
    pub topics: Vec<usize>,
}

pub struct Quote {
    pub speaker: usize,
    pub text: String,
    /// Set when the quote was said before the article's date.
    pub said: Option<NaiveDate>,
    pub context: Option<String>,
    pub topics: Option<Vec<usize>>,
    /// Explicit id, so later quotes can respond to it.
    pub id: Option<String>,
    pub responds_to: Option<String>,
}

pub struct Article {
    /// File stem: `YYYY-MM-DD-<slug>`.
    pub stem: String,
    pub slug: String,
    pub title: String,
    pub date: NaiveDate,
    pub time: (u32, u32),
    pub author: String,
    pub source: String,
    pub summary: String,
    pub topics: Vec<usize>,
    pub speakers: Vec<usize>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    /// Markdown; internal links are `@/kind/slug.md`.
    pub body: String,
}

pub struct Corpus {
    pub topics: Vec<Topic>,
    pub speakers: Vec<Speaker>,
    /// Oldest first.
    pub articles: Vec<Article>,
}

impl Corpus {
    pub fn quote_count(&self) -> usize {
        self.articles.iter().map(|a| a.quotes.len()).sum()
    }
}

/// A fixed seed: the same `articles` always gives the same corpus.
pub const SEED: u64 = 0x00D0_551E_2026;

pub fn generate(articles: usize) -> Corpus {
    let mut rng = Rng::new(SEED);
    let mut used = std::collections::HashSet::new();
    let mut unique_name = |rng: &mut Rng, parts: usize| loop {
        let name: Vec<String> = (0..parts).map(|_| capitalized(rng)).collect();
        let name = name.join(" ");
        if name.len() > 3 && used.insert(slugify(&name)) {
            return name;
        }
    };
    let topics: Vec<Topic> = (0..TOPICS)
        .map(|_| {
            let name = unique_name(&mut rng, 1);
            Topic {
                slug: slugify(&name),
                title: format!("Topic {name}"),
                description: sentence(&mut rng, 12),
                body: paragraph(&mut rng, 60),
            }
        })
        .collect();
    let speakers: Vec<Speaker> = (0..SPEAKERS)
        .map(|_| {
            let name = unique_name(&mut rng, 2);
            Speaker {
                slug: slugify(&name),
                name: format!("Speaker {name}"),
                role: format!("Minister of {}", capitalized(&mut rng)),
                country: format!("Republic of {}", capitalized(&mut rng)),
                bio: paragraph(&mut rng, 80),
            }
        })
        .collect();
    let start = NaiveDate::from_ymd_opt(2010, 1, 1).expect("valid date");
    let days = YEARS * 365;
    let mut dates: Vec<i64> = (0..articles)
        .map(|_| rng.below(days as usize) as i64)
        .collect();
    dates.sort_unstable();
    let sources = [
        "The Fake Gazette",
        "Daily Placeholder",
        "Lorem Times",
        "Ipsum Wire",
        "Sample Herald",
    ];
    let mut explicit_ids: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(articles);
    for (n, offset) in dates.into_iter().enumerate() {
        let date = start + Duration::days(offset);
        let title_words = rng.range(4, 8);
        let title = sentence(&mut rng, title_words)
            .trim_end_matches('.')
            .to_string();
        let slug = format!("{}-{n}", slugify(&words(&mut rng, 3).join(" ")));
        let stem = format!("{}-{slug}", date.format("%Y-%m-%d"));
        let mut topic_ids: Vec<usize> = Vec::new();
        for _ in 0..rng.range(1, 3) {
            // Some topics are busier than others: the square skews towards low indices.
            let t = (rng.below(TOPICS) * rng.below(TOPICS + 1)) / TOPICS;
            if !topic_ids.contains(&t) {
                topic_ids.push(t);
            }
        }
        let mut speaker_ids: Vec<usize> = Vec::new();
        for _ in 0..rng.range(1, 2) {
            let s = rng.below(SPEAKERS);
            if !speaker_ids.contains(&s) {
                speaker_ids.push(s);
            }
        }
        let mut quotes = Vec::with_capacity(QUOTES_PER_ARTICLE);
        for k in 0..QUOTES_PER_ARTICLE {
            let speaker = if rng.chance(60) {
                *rng.pick(&speaker_ids)
            } else {
                rng.below(SPEAKERS)
            };
            let text_words = rng.range(12, 30);
            let said = rng
                .chance(30)
                .then(|| date - Duration::days(rng.range(1, 10) as i64));
            let id = rng.chance(15).then(|| format!("q{n}-{}", k + 1));
            let responds_to = if !explicit_ids.is_empty() && rng.chance(8) {
                // Mostly recent quotes, so threads form among neighbours.
                let back = rng.below(explicit_ids.len().min(50)) + 1;
                Some(explicit_ids[explicit_ids.len() - back].clone())
            } else {
                None
            };
            quotes.push(Quote {
                speaker,
                text: sentence(&mut rng, text_words),
                said,
                context: rng
                    .chance(50)
                    .then(|| format!("Press conference in {}", capitalized(&mut rng))),
                topics: (rng.chance(30) && topic_ids.len() > 1).then(|| vec![topic_ids[0]]),
                id: id.clone(),
                responds_to,
            });
            if let Some(id) = id {
                explicit_ids.push(id);
            }
        }
        let mut events = Vec::new();
        if n.is_multiple_of(3) {
            // An article reports events up to its own date (`dossier check` warns otherwise).
            let year = 2010 + rng.below((date.year() - 2010 + 1) as usize) as i32;
            let last_month = if year == date.year() {
                date.month()
            } else {
                12
            };
            let event_date = match rng.below(6) {
                0 | 1 => EventDate::Full(date - Duration::days(rng.below(400) as i64)),
                2 => EventDate::Text(format!("{year}-{:02}", rng.range(1, last_month as usize))),
                3 => EventDate::Text(format!("{year}")),
                4 => EventDate::Text(format!("{year}~")),
                _ => {
                    let from = date - Duration::days(rng.range(400, 900) as i64);
                    let to = from + Duration::days(rng.range(30, 300) as i64);
                    EventDate::Text(format!(
                        "{}/{}",
                        from.format("%Y-%m-%d"),
                        to.format("%Y-%m-%d")
                    ))
                }
            };
            let event_words = rng.range(4, 9);
            events.push(Event {
                date: event_date,
                title: sentence(&mut rng, event_words)
                    .trim_end_matches('.')
                    .to_string(),
                topics: vec![topic_ids[0]],
            });
        }
        let body = article_body(&mut rng, n, &topics, &speakers, &topic_ids, &speaker_ids);
        let summary_words = rng.range(15, 30);
        out.push(Article {
            stem,
            slug,
            title,
            date,
            time: (rng.below(24) as u32, rng.below(60) as u32),
            author: format!("Reporter {}", capitalized(&mut rng)),
            source: rng.pick(&sources).to_string(),
            summary: sentence(&mut rng, summary_words),
            topics: topic_ids,
            speakers: speaker_ids,
            quotes,
            events,
            body,
        });
    }
    Corpus {
        topics,
        speakers,
        articles: out,
    }
}

fn paragraph(rng: &mut Rng, target_words: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    while count < target_words {
        let n = rng.range(6, 16);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&sentence(rng, n));
        count += n;
    }
    out
}

/// 500–800 words of varied Markdown: headings, emphasis, lists, links, a footnote,
/// sometimes a table, a block quote or code.
fn article_body(
    rng: &mut Rng,
    n: usize,
    topics: &[Topic],
    speakers: &[Speaker],
    topic_ids: &[usize],
    speaker_ids: &[usize],
) -> String {
    let target = rng.range(500, 800);
    let mut out = String::with_capacity(target * 8);
    let mut count = 0;
    let mut section = 0;
    let mut footnote = false;
    while count < target {
        if count > 0 && rng.chance(35) {
            section += 1;
            let heading_words = rng.range(2, 5);
            let heading = sentence(rng, heading_words);
            let _ = writeln!(out, "## {}\n", heading.trim_end_matches('.'));
        }
        match rng.below(10) {
            0 => {
                for _ in 0..rng.range(3, 5) {
                    let item_words = rng.range(4, 10);
                    let _ = writeln!(out, "- {}", sentence(rng, item_words));
                    count += item_words;
                }
                out.push('\n');
            }
            1 => {
                for i in 1..=rng.range(2, 4) {
                    let item_words = rng.range(4, 10);
                    let _ = writeln!(out, "{i}. {}", sentence(rng, item_words));
                    count += item_words;
                }
                out.push('\n');
            }
            2 if n.is_multiple_of(5) && section > 0 => {
                out.push_str("| Year | Measure | Count |\n|---|---|---:|\n");
                for _ in 0..rng.range(2, 5) {
                    let _ = writeln!(
                        out,
                        "| {} | {} {} | {} |",
                        2010 + rng.below(15),
                        word(rng),
                        word(rng),
                        rng.below(1000)
                    );
                    count += 4;
                }
                out.push('\n');
            }
            3 => {
                let quote_words = rng.range(10, 25);
                let _ = writeln!(out, "> {}\n", sentence(rng, quote_words));
                count += quote_words;
            }
            _ => {
                let para_words = rng.range(40, 90);
                let mut para = paragraph(rng, para_words);
                count += para.split(' ').count();
                // Decorate a few words: emphasis, code, links (internal and external).
                let mut parts: Vec<String> = para.split(' ').map(str::to_string).collect();
                let len = parts.len();
                for _ in 0..rng.range(1, 4) {
                    let i = rng.below(len);
                    if parts[i].ends_with('.') {
                        continue;
                    }
                    parts[i] = match rng.below(6) {
                        0 => format!("*{}*", parts[i]),
                        1 => format!("**{}**", parts[i]),
                        2 => format!("`{}`", parts[i]),
                        3 => format!(
                            "[{}](@/topics/{}.md)",
                            parts[i],
                            topics[*rng.pick(topic_ids)].slug
                        ),
                        4 => format!(
                            "[{}](@/speakers/{}.md)",
                            parts[i],
                            speakers[*rng.pick(speaker_ids)].slug
                        ),
                        _ => format!("[{}](https://example.org/{}/{})", parts[i], word(rng), n),
                    };
                }
                para = parts.join(" ");
                if !footnote && count > target / 2 {
                    para.push_str("[^1]");
                    footnote = true;
                }
                out.push_str(&para);
                out.push_str("\n\n");
            }
        }
    }
    if !footnote {
        out.push_str("See the note.[^1]\n\n");
    }
    let _ = writeln!(out, "[^1]: {}", sentence(rng, 10));
    out
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn toml_list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", items.join(", "))
}

/// Writes the corpus as a dossier site into `dir` (which is emptied of content first).
pub fn write_dossier(corpus: &Corpus, dir: &Path) -> io::Result<()> {
    let content = dir.join("content");
    if content.exists() {
        fs::remove_dir_all(&content)?;
    }
    for kind in ["articles", "speakers", "topics"] {
        fs::create_dir_all(content.join(kind))?;
    }
    fs::write(
        dir.join("site.toml"),
        "title = \"Benchmark Dossier\"\n\
         description = \"A generated dossier of fake articles, speakers and quotes.\"\n\
         base_url = \"https://example.org/bench/\"\n\
         language = \"en\"\n\n\
         # Hugo builds no search index: compare like for like (the index is measured apart).\n\
         [search]\nenabled = false\n",
    )?;
    for t in &corpus.topics {
        fs::write(
            content.join("topics").join(format!("{}.md", t.slug)),
            format!(
                "+++\ntitle = \"{}\"\ndescription = \"{}\"\n+++\n{}\n",
                t.title, t.description, t.body
            ),
        )?;
    }
    for s in &corpus.speakers {
        fs::write(
            content.join("speakers").join(format!("{}.md", s.slug)),
            format!(
                "+++\nname = \"{}\"\nrole = \"{}\"\ncountry = \"{}\"\n+++\n{}\n",
                s.name, s.role, s.country, s.bio
            ),
        )?;
    }
    for a in &corpus.articles {
        let mut f = String::with_capacity(a.body.len() + 2048);
        let _ = writeln!(f, "+++\ntitle = \"{}\"", a.title);
        let _ = writeln!(
            f,
            "date = {}T{:02}:{:02}:00Z",
            iso(a.date),
            a.time.0,
            a.time.1
        );
        let _ = writeln!(f, "author = \"{}\"\nsource = \"{}\"", a.author, a.source);
        let _ = writeln!(f, "source_url = \"https://example.org/news/{}\"", a.slug);
        let _ = writeln!(f, "summary = \"{}\"", a.summary);
        let _ = writeln!(
            f,
            "topics = {}",
            toml_list(a.topics.iter().map(|&t| corpus.topics[t].slug.clone()))
        );
        let _ = writeln!(
            f,
            "speakers = {}",
            toml_list(a.speakers.iter().map(|&s| corpus.speakers[s].slug.clone()))
        );
        for q in &a.quotes {
            let _ = writeln!(f, "\n[[quotes]]");
            let speaker = &corpus.speakers[q.speaker].slug;
            // Pinned, as an editor's content is (`dossier fix ids`): a quote without `id`
            // is a warning, and 100,000 of them would be the benchmark's output.
            let said = iso(q.said.unwrap_or(a.date));
            let id = (q.id.clone()).unwrap_or_else(|| {
                dossier::link::slugs::quote_id(
                    dossier::config::SlugMode::Unicode,
                    speaker,
                    &said,
                    &q.text,
                )
            });
            let _ = writeln!(f, "id = \"{id}\"");
            let _ = writeln!(f, "speaker = \"{speaker}\"");
            let _ = writeln!(f, "text = \"{}\"", q.text);
            if let Some(said) = q.said {
                let _ = writeln!(f, "said = {}", iso(said));
            }
            if let Some(context) = &q.context {
                let _ = writeln!(f, "context = \"{context}\"");
            }
            if let Some(topics) = &q.topics {
                let _ = writeln!(
                    f,
                    "topics = {}",
                    toml_list(topics.iter().map(|&t| corpus.topics[t].slug.clone()))
                );
            }
            if let Some(target) = &q.responds_to {
                let _ = writeln!(f, "responds_to = \"{target}\"");
            }
        }
        for e in &a.events {
            let _ = writeln!(f, "\n[[events]]");
            match &e.date {
                EventDate::Full(d) => {
                    let _ = writeln!(f, "date = {}", iso(*d));
                }
                EventDate::Text(t) => {
                    let _ = writeln!(f, "date = \"{t}\"");
                }
            }
            let _ = writeln!(f, "title = \"{}\"", e.title);
            let _ = writeln!(
                f,
                "topics = {}",
                toml_list(e.topics.iter().map(|&t| corpus.topics[t].slug.clone()))
            );
        }
        let _ = writeln!(f, "+++\n{}", a.body);
        fs::write(content.join("articles").join(format!("{}.md", a.stem)), f)?;
    }
    Ok(())
}
