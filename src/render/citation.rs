//! Ready-to-paste citations of articles and quotes (Chicago-like, plain text).

use crate::link::Dossier;

pub fn article_text(dossier: &Dossier, index: usize) -> String {
    let a = &dossier.articles[index];
    let mut parts = Vec::new();
    if let Some(author) = &a.author {
        parts.push(format!("{author}."));
    }
    parts.push(format!("“{}.”", a.title.trim_end_matches('.')));
    match &a.source {
        Some(source) => parts.push(format!("{source}, {}.", a.date.display())),
        None => parts.push(format!("{}.", a.date.display())),
    }
    if let Some(url) = &a.source_url {
        parts.push(format!("{url}."));
    }
    parts.push(format!(
        "In {}, {}.",
        dossier.config.title,
        dossier.permalink(&a.url)
    ));
    parts.join(" ")
}

pub fn quote_text(dossier: &Dossier, index: usize) -> String {
    let q = &dossier.quotes[index];
    let speaker = &dossier.speakers[q.speaker];
    let a = &dossier.articles[q.article];
    let mut text = format!("{}, {}, quoted in", speaker.name, q.said.display());
    if let Some(author) = &a.author {
        text.push_str(&format!(" {author},"));
    }
    text.push_str(&format!(" “{},”", a.title.trim_end_matches('.')));
    if let Some(source) = &a.source {
        text.push_str(&format!(" {source},"));
    }
    text.push_str(&format!(" {}.", a.date.display()));
    if let Some(url) = &q.source_url {
        text.push_str(&format!(" {url}."));
    }
    text.push_str(&format!(
        " In {}, {}.",
        dossier.config.title,
        dossier.permalink(&q.url)
    ));
    text
}
