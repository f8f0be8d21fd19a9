//! `content/topics/<slug>.md`: what is talked about.

use serde::Deserialize;
use toml::Spanned;

use super::source_file::SourceFile;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicFront {
    pub title: Spanned<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone)]
pub struct TopicSource {
    pub file: SourceFile,
    pub front: TopicFront,
}
