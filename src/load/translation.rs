//! Translation files: `name.fa.md` beside `name.md`, in a language the site declares with
//! `[languages.fa]` in site.toml (Zola's naming). A translation holds only the words it
//! translates; everything else (dates, speakers, topics, quote ids, sources) is the
//! original's, so the languages cannot drift apart. `link::translations` pairs each
//! translation with its original.

use serde::Deserialize;
use toml::Spanned;

use super::source_file::SourceFile;
use crate::config::{LanguageConfig, SiteConfig};
use crate::diagnostics::Diagnostic;

/// An article's translation: its title, summary and body, its quotes' words and context,
/// its events' titles.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleTranslationFront {
    pub title: Spanned<String>,
    pub summary: Option<String>,
    /// The original's lead image's alt text and caption, translated.
    pub image_alt: Option<String>,
    pub image_caption: Option<String>,
    /// The original's quotes, in the same order.
    #[serde(default)]
    pub quotes: Vec<QuoteTranslationFront>,
    /// The original's events, in the same order.
    #[serde(default)]
    pub events: Vec<EventTranslationFront>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteTranslationFront {
    /// Optional: when given, it must be the original quote's id (a check that the
    /// translation's quotes are in the original's order).
    pub id: Option<Spanned<String>>,
    pub text: Spanned<String>,
    pub context: Option<String>,
    /// Why the original was withdrawn, in this language (else the original's words).
    pub withdrawn_reason: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventTranslationFront {
    pub title: String,
}

/// A speaker's translation: name, role, country, family name; the body is the biography.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerTranslationFront {
    pub name: Spanned<String>,
    pub role: Option<String>,
    pub country: Option<String>,
    pub family_name: Option<Spanned<String>>,
}

/// A topic's translation: title and description; the body is the background.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicTranslationFront {
    pub title: Spanned<String>,
    pub description: Option<String>,
}

/// One translation file, parsed.
#[derive(Debug, Clone)]
pub struct Translation<F> {
    pub file: SourceFile,
    pub front: F,
}

impl<F> Translation<F> {
    /// The content path of the original this file translates: `articles/x.fa.md` →
    /// `articles/x.md`.
    pub fn original_path(&self, language: &str) -> String {
        let path = &self.file.content_path;
        let suffix = format!(".{language}.md");
        match path.strip_suffix(&suffix) {
            Some(stem) => format!("{stem}.md"),
            None => path.clone(),
        }
    }
}

/// Everything read for one of the site's other languages.
#[derive(Debug, Clone)]
pub struct LanguageSources {
    pub code: String,
    pub config: LanguageConfig,
    /// The site's translation table for this language (`i18n/<code>.toml`), if any.
    pub i18n: Option<SourceFile>,
    pub articles: Vec<Translation<ArticleTranslationFront>>,
    pub speakers: Vec<Translation<SpeakerTranslationFront>>,
    pub topics: Vec<Translation<TopicTranslationFront>>,
}

/// What a content file's name says of its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileLanguage {
    /// `name.md`: an original, in the site's language.
    Original,
    /// `name.fa.md`, `fa` declared in `[languages]`.
    Translation(String),
    /// `name.xx.md` where `xx` looks like a language code the site does not declare (or is
    /// the site's own language): an error, not a silently published `name-xx` page.
    Undeclared(String),
}

/// The language of the content file named `file_name` (`x.fa.md`) on a site with `config`.
pub fn file_language(file_name: &str, config: &SiteConfig) -> FileLanguage {
    match language_suffix(file_name) {
        Some(code) if config.languages.contains_key(code) => {
            FileLanguage::Translation(code.to_string())
        }
        Some(code) => FileLanguage::Undeclared(code.to_string()),
        None => FileLanguage::Original,
    }
}

/// The language code a file is named with (`fa` of `x.fa.md`), if it has one.
pub fn language_suffix(file_name: &str) -> Option<&str> {
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let (_, suffix) = stem.rsplit_once('.')?;
    crate::config::is_language_code(suffix).then_some(suffix)
}

/// Checks the `[languages.<code>]` tables: each code a language tag that can name a
/// translation file (`x.fa.md`) and a URL folder (`/fa/`), none the site's own language.
pub fn check_languages(config: &SiteConfig, file: &SourceFile) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for code in config.languages.keys() {
        let at = |d: Diagnostic| match language_table_span(&file.text, code) {
            Some(span) => d.at(file.location(span)),
            None => d.in_file(file.path.clone()),
        };
        if *code == config.language {
            errors.push(at(Diagnostic::error(format!(
                "`[languages.{code}]` is the site's own language (`language = \"{code}\"`)"
            ))
            .label("already the language of the site's originals")
            .help(format!(
                "remove this table: `{code}` pages are the originals, at the root of the site; [languages] adds the others"
            ))));
            continue;
        }
        let tag_ok = code.parse::<icu_locale_core::LanguageIdentifier>().is_ok();
        let shaped = crate::config::is_language_code(code);
        if !tag_ok || !shaped {
            let lower = code.to_ascii_lowercase();
            let help = if crate::config::is_language_code(&lower) && lower != *code {
                format!("write it in lower case: `[languages.{lower}]`")
            } else {
                "write a BCP 47 language code of two or three letters, with a region if needed: `fa`, `ar`, `pt-br`".to_string()
            };
            errors.push(at(Diagnostic::error(format!(
                "`{code}` is not a language code"
            ))
            .label("names the language's URL folder and translation files")
            .help(help)));
        }
    }
    errors
}

/// Where site.toml declares `[languages.<code>]` (or `languages.<code>` in a dotted key).
fn language_table_span(text: &str, code: &str) -> Option<std::ops::Range<usize>> {
    let needle = format!("languages.{code}");
    let start = text.find(&needle)?;
    Some(start..start + needle.len())
}

/// The error for a translation file in a language the site does not declare.
pub fn undeclared(file: &std::path::Path, suffix: &str, config: &SiteConfig) -> Diagnostic {
    if suffix == config.language {
        return Diagnostic::error(format!(
            "`.{suffix}.md`: {suffix} is the site's own language, whose files take no suffix"
        ))
        .in_file(file)
        .help(format!(
            "rename it without `.{suffix}` (the site's `language = \"{suffix}\"`): originals are `name.md`, translations `name.<code>.md`"
        ));
    }
    let declared: Vec<String> = config
        .languages
        .keys()
        .map(|code| format!("`{code}`"))
        .collect();
    let help = match declared.is_empty() {
        true => format!(
            "to publish a translation, add `[languages.{suffix}]` with its `title` to site.toml; otherwise rename the file without `.{suffix}`"
        ),
        false => format!(
            "the site's other languages are {}; add `[languages.{suffix}]` to site.toml, or rename the file",
            declared.join(", ")
        ),
    };
    Diagnostic::error(format!(
        "a translation into `{suffix}`, a language site.toml does not declare"
    ))
    .in_file(file)
    .help(help)
}

/// Makes a translation's unknown-field error say what a translation may hold.
pub fn explain_unknown_field(mut diagnostic: Diagnostic, kind: &str) -> Diagnostic {
    if !diagnostic.message.starts_with("unknown field") {
        return diagnostic;
    }
    let fields = match kind {
        "articles" => {
            "`title`, `summary`, and in the same order as the original, `[[quotes]]` (`text`, `context`, `id`, `withdrawn_reason`) and `[[events]]` (`title`)"
        }
        "speakers" => "`name`, `role`, `country`, `family_name`",
        _ => "`title`, `description`",
    };
    let rule = format!(
        "a translation holds only the words it translates: {fields}; dates, speakers, topics, sources and ids come from the original"
    );
    // A did-you-mean stays; the list of accepted fields (with its `[extra]`, which a
    // translation has not) gives way to the rule.
    diagnostic.help = Some(match diagnostic.help.take() {
        Some(did_you_mean) if did_you_mean.starts_with("did you mean") => {
            format!("{did_you_mean} ({rule})")
        }
        _ => rule,
    });
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(languages: &[&str]) -> SiteConfig {
        let mut text = "title = \"T\"\nbase_url = \"https://example.org/\"\n".to_string();
        for code in languages {
            text.push_str(&format!("[languages.{code}]\ntitle = \"T\"\n"));
        }
        toml::from_str(&text).unwrap()
    }

    #[test]
    fn a_file_is_a_translation_when_its_suffix_is_a_declared_language() {
        let site = config(&["fa"]);
        assert_eq!(file_language("x.md", &site), FileLanguage::Original);
        assert_eq!(
            file_language("x.fa.md", &site),
            FileLanguage::Translation("fa".into())
        );
        assert_eq!(
            file_language("x.de.md", &site),
            FileLanguage::Undeclared("de".into())
        );
        assert_eq!(
            file_language("x.en.md", &site),
            FileLanguage::Undeclared("en".into())
        );
        // Not shaped like a language: an ordinary (if odd) name, as before.
        assert_eq!(file_language("v1.2.md", &site), FileLanguage::Original);
        assert_eq!(file_language("x.draft.md", &site), FileLanguage::Original);
    }
}
