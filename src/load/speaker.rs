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
    pub image: Option<String>,
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
