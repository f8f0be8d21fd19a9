//! `dossier new <kind> "<title>" --lang fa`: a translation file (`name.fa.md`) beside its
//! original, holding the fields a translation may have, filled with the original's words
//! for the translator to replace (as a translator starts from a copy in Zola or Hugo).

use std::path::{Path, PathBuf};

use super::files::{slug_of, toml_string, write_new};
use crate::diagnostics::Diagnostic;
use crate::load::{self, ArticleFront, SpeakerFront, TopicFront};

/// Writes the `lang` translation of the `kind` (`articles`, `speakers`, `topics`) whose
/// title or name is `title`; the original must exist and `lang` be one of site.toml's
/// `[languages]`.
pub fn new_translation(
    root: &Path,
    kind: &str,
    title: &str,
    lang: &str,
) -> Result<PathBuf, Diagnostic> {
    check_language(root, lang)?;
    let slug = slug_of(title)?;
    let original = find_original(root, kind, &slug)?;
    let bytes = std::fs::read(&original)
        .map_err(|err| Diagnostic::error(format!("cannot read {}: {err}", original.display())))?;
    let name = original.file_name().unwrap_or_default().to_string_lossy();
    let content_path = format!("{kind}/{name}");
    let text = match kind {
        "articles" => {
            let (file, front) = load::parse_content::<ArticleFront>(&content_path, bytes)?;
            article(&front, file.body())
        }
        "speakers" => {
            let (file, front) = load::parse_content::<SpeakerFront>(&content_path, bytes)?;
            speaker(&front, file.body())
        }
        _ => {
            let (file, front) = load::parse_content::<TopicFront>(&content_path, bytes)?;
            topic(&front, file.body())
        }
    };
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    let path = original.with_file_name(format!("{stem}.{lang}.md"));
    write_new(&path, &text)?;
    Ok(path)
}

fn check_language(root: &Path, lang: &str) -> Result<(), Diagnostic> {
    let text = std::fs::read_to_string(root.join("site.toml"))
        .map_err(|err| Diagnostic::error(format!("cannot read site.toml: {err}")))?;
    let config: crate::config::SiteConfig = toml::from_str(&text)
        .map_err(|err| Diagnostic::error(format!("site.toml: {}", err.message())))?;
    if config.languages.contains_key(lang) {
        return Ok(());
    }
    Err(
        Diagnostic::error(format!("site.toml declares no language `{lang}`")).help(format!(
            "add `[languages.{lang}]` with its `title` to site.toml first (README, \"Languages\")"
        )),
    )
}

/// The original file of `slug`: `content/<kind>/<slug>.md`, or for an article one whose
/// name is `<date>-<slug>.md`.
fn find_original(root: &Path, kind: &str, slug: &str) -> Result<PathBuf, Diagnostic> {
    let dir = root.join("content").join(kind);
    let exact = dir.join(format!("{slug}.md"));
    if exact.is_file() {
        return Ok(exact);
    }
    let dated = format!("-{slug}.md");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            kind == "articles" && name.ends_with(&dated) && name.len() == 10 + dated.len()
        })
        .collect();
    found.sort();
    found.pop().ok_or_else(|| {
        Diagnostic::error(format!("no content/{kind}/ file for `{slug}` to translate"))
            .help("give the original's title or name as `new` made its file name from it; a translation is written beside its original")
    })
}

fn article(front: &ArticleFront, body: &str) -> String {
    let mut text = format!(
        "+++\n# A translation: write each text in its language. Dates, speakers, topics and\n# quote ids come from the original.\ntitle = {}\n",
        toml_string(front.title.get_ref())
    );
    if let Some(summary) = &front.summary {
        text.push_str(&format!("summary = {}\n", toml_string(summary)));
    }
    for quote in &front.quotes {
        text.push_str(&format!(
            "\n[[quotes]]\ntext = {}\n",
            toml_string(quote.text.get_ref())
        ));
        if let Some(context) = &quote.context {
            text.push_str(&format!("context = {}\n", toml_string(context)));
        }
    }
    for event in &front.events {
        text.push_str(&format!(
            "\n[[events]]\ntitle = {}\n",
            toml_string(&event.title)
        ));
    }
    format!("{text}+++\n{body}")
}

fn speaker(front: &SpeakerFront, body: &str) -> String {
    let mut text = format!("+++\nname = {}\n", toml_string(front.name.get_ref()));
    for (key, value) in [("role", &front.role), ("country", &front.country)] {
        if let Some(value) = value {
            text.push_str(&format!("{key} = {}\n", toml_string(value)));
        }
    }
    format!("{text}+++\n{body}")
}

fn topic(front: &TopicFront, body: &str) -> String {
    let mut text = format!("+++\ntitle = {}\n", toml_string(front.title.get_ref()));
    if let Some(description) = &front.description {
        text.push_str(&format!("description = {}\n", toml_string(description)));
    }
    format!("{text}+++\n{body}")
}
