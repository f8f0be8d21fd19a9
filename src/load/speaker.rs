//! `content/speakers/<slug>.md`: who is quoted.

use serde::Deserialize;
use toml::Spanned;

use super::source_file::SourceFile;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerFront {
    pub name: Spanned<String>,
    pub role: Option<String>,
    pub country: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A file under `static/` or an http(s) URL: the speaker's share image (og:image).
    pub image: Option<Spanned<String>>,
    /// Which words of `name` are the family name, when the last word is not (citations
    /// sort and abbreviate by it); the whole name keeps it unsplit (an organisation).
    pub family_name: Option<Spanned<String>>,
    /// A Wikidata item id such as `Q57336`, rendered as schema.org `sameAs`.
    pub wikidata: Option<Spanned<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone)]
pub struct SpeakerSource {
    pub file: SourceFile,
    pub front: SpeakerFront,
}
