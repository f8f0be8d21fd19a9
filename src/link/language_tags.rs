//! The `language` of an article and of a quote's original: a BCP 47 language tag (`fa`,
//! `en`, `pt-BR`), which pages write as `lang` and from which they take `dir`. A language's
//! name (`Persian`, `Farsi`) is not one: it would be written as `lang="Persian" dir="ltr"`,
//! so screen readers pick the wrong voice and Persian text runs left to right.

use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;

/// Names editors write for a language, with its tag.
const NAMES: &[(&str, &str)] = &[
    ("persian", "fa"),
    ("farsi", "fa"),
    ("dari", "fa-AF"),
    ("english", "en"),
    ("arabic", "ar"),
    ("hebrew", "he"),
    ("urdu", "ur"),
    ("pashto", "ps"),
    ("kurdish", "ku"),
    ("turkish", "tr"),
    ("azerbaijani", "az"),
    ("french", "fr"),
    ("german", "de"),
    ("spanish", "es"),
    ("russian", "ru"),
    ("chinese", "zh"),
    ("hindi", "hi"),
];

/// An error at `tag` unless it is a language tag with a two- or three-letter language
/// (longer language subtags are well-formed BCP 47, but none is in use: they are names).
pub fn check(tag: &Spanned<String>, file: &SourceFile) -> Option<Diagnostic> {
    let text = tag.get_ref();
    let primary = text.split(['-', '_']).next().unwrap_or("");
    let well_formed = text.parse::<icu_locale_core::LanguageIdentifier>().is_ok();
    if well_formed && (2..=3).contains(&primary.len()) && !text.contains('_') {
        return None;
    }
    let lower = text.trim().to_lowercase();
    let help = match NAMES.iter().find(|(name, _)| *name == lower) {
        Some((_, code)) => {
            format!("did you mean `{code}`? (`language` takes a language tag, not a name)")
        }
        None if text.contains('_') => format!(
            "did you mean `{}`? (language tags use `-`)",
            text.replace('_', "-")
        ),
        None => {
            "write a BCP 47 language tag: `fa` (Persian), `ar` (Arabic), `en` (English), `pt-BR`"
                .to_string()
        }
    };
    Some(
        Diagnostic::error(format!("`{text}` is not a language tag"))
            .at(file.front_location(tag.span()))
            .label("pages write this as `lang`, and take their direction from it")
            .help(help),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> SourceFile {
        SourceFile {
            path: "content/articles/x.md".into(),
            content_path: "articles/x.md".into(),
            text: std::sync::Arc::from("language = \"x\""),
            front_offset: 0,
            body_offset: 14,
        }
    }

    #[test]
    fn tags_pass_and_names_get_their_tag() {
        for tag in ["fa", "en", "pt-BR", "zh-Hant", "ckb"] {
            assert!(
                check(&Spanned::new(0..1, tag.to_string()), &file()).is_none(),
                "{tag}"
            );
        }
        let error = check(&Spanned::new(11..14, "Persian".to_string()), &file()).unwrap();
        assert_eq!(error.message, "`Persian` is not a language tag");
        assert!(error.help.unwrap().starts_with("did you mean `fa`?"));
        let error = check(&Spanned::new(11..14, "Farsi".to_string()), &file()).unwrap();
        assert!(error.help.unwrap().starts_with("did you mean `fa`?"));
        let error = check(&Spanned::new(11..14, "pt_BR".to_string()), &file()).unwrap();
        assert!(error.help.unwrap().starts_with("did you mean `pt-BR`?"));
    }
}
