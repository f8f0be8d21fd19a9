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
    let original = find_original(root, kind, title)?;
    let bytes = std::fs::read(&original)
        .map_err(|err| Diagnostic::error(format!("cannot read {}: {err}", original.display())))?;
    let name = original.file_name().unwrap_or_default().to_string_lossy();
    let content_path = format!("{kind}/{name}");
    let text = match kind {
        "articles" => {
            let (file, front) = load::parse_content::<ArticleFront>(&content_path, bytes)?;
            article(&front, file.body(), lang)
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

/// The original file `title` names: `content/<kind>/<slug>.md`, an article whose name is
/// `<date>-<slug>.md`, or any original whose own title (or name) is `title`.
fn find_original(root: &Path, kind: &str, title: &str) -> Result<PathBuf, Diagnostic> {
    let slug = slug_of(super::files::slug_mode(root), title)?;
    let mut originals: Vec<PathBuf> = std::fs::read_dir(root.join("content").join(kind))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            name.ends_with(".md") && load::translation::language_suffix(&name).is_none()
        })
        .collect();
    originals.sort();
    let stem_slug = |path: &PathBuf| {
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let undated = match stem.get(..11) {
            Some(date) if kind == "articles" && date.ends_with('-') => &stem[11..],
            _ => &stem[..],
        };
        crate::link::slugs::slugify(undated)
    };
    if let Some(found) = originals.iter().find(|path| stem_slug(path) == slug) {
        return Ok(found.clone());
    }
    originals
        .into_iter()
        .find(|path| own_title(path).as_deref() == Some(title))
        .ok_or_else(|| {
            Diagnostic::error(format!("no content/{kind}/ file named or titled `{title}`"))
                .help("give the original's title (or name), or its file name without the date and `.md`: a translation is written beside its original")
        })
}

/// The title (or a speaker's name) in the front matter of the file at `path`.
fn own_title(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let front = text.trim_start_matches('\u{feff}').strip_prefix("+++")?;
    let front = &front[..front.find("\n+++")?];
    let table: toml::Table = toml::from_str(front).ok()?;
    let value = table.get("title").or_else(|| table.get("name"))?;
    value.as_str().map(String::from)
}

fn article(front: &ArticleFront, body: &str, lang: &str) -> String {
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
            // The words as said, when they were said in this language: nothing to translate.
            toml_string(words_in(quote, lang))
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

/// A quote's words in `lang`: its original's when the original is in that language (a
/// Persian statement quoted in English is pre-filled in Persian), else the quote's text.
fn words_in<'a>(quote: &'a crate::load::QuoteFront, lang: &str) -> &'a str {
    match &quote.original {
        Some(original) if same_language(original.language.get_ref(), lang) => &original.text,
        _ => quote.text.get_ref(),
    }
}

/// `fa` and `fa-IR` are the same language for a translation.
pub fn same_language(a: &str, b: &str) -> bool {
    crate::strings::primary_subtag(a) == crate::strings::primary_subtag(b)
}
