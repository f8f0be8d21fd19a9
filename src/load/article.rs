//! `content/articles/<name>.md`: the article front matter, exactly as the design's content model.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::source_file::SourceFile;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFront {
    pub title: Spanned<String>,
    pub date: Spanned<Datetime>,
    pub author: Option<String>,
    /// Which words of `author` are the family name (as a speaker's `family_name`).
    pub author_family_name: Option<Spanned<String>>,
    /// The day the editor read the source online: `accessed` in citations.
    pub accessed: Option<Spanned<Datetime>>,
    pub source: Option<String>,
    pub source_url: Option<Spanned<String>>,
    pub archive_url: Option<Spanned<String>>,
    /// The day the archived copy was made.
    pub archived: Option<Spanned<Datetime>>,
    pub summary: Option<String>,
    /// The lead image: a file of `static/` or an https URL.
    pub image: Option<Spanned<String>>,
    /// The lead image's text alternative.
    pub image_alt: Option<String>,
    /// The lead image's caption and credit.
    pub image_caption: Option<String>,
    #[serde(default)]
    pub topics: Vec<Spanned<String>>,
    #[serde(default)]
    pub speakers: Vec<Spanned<String>>,
    pub language: Option<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub quotes: Vec<QuoteFront>,
    #[serde(default)]
    pub events: Vec<EventFront>,
    /// Corrections made after publication, each with its day and what changed.
    #[serde(default)]
    pub corrections: Vec<CorrectionFront>,
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionFront {
    pub date: Spanned<Datetime>,
    /// What was corrected, in the editor's words.
    pub text: Spanned<String>,
    /// The id of the quote corrected, when the correction is about one.
    pub quote: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteFront {
    pub speaker: Spanned<String>,
    pub text: Spanned<String>,
    pub said: Option<Spanned<Datetime>>,
    pub context: Option<String>,
    pub topics: Option<Vec<Spanned<String>>>,
    pub id: Option<Spanned<String>>,
    pub responds_to: Option<Spanned<String>>,
    /// Absent: not stated (no badge, no claim of verification anywhere).
    pub status: Option<QuoteStatus>,
    /// Old ids of this quote: each keeps a redirect page to it.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// The day the quote was withdrawn: its page stays and says so, when and why.
    pub withdrawn: Option<Spanned<Datetime>>,
    /// Why it was withdrawn (required with `withdrawn`).
    pub withdrawn_reason: Option<Spanned<String>>,
    /// Where these words can be checked, when not the article's own source.
    pub source_url: Option<Spanned<String>>,
    /// An archived copy of the quote's own source (else the article's, when the quote has
    /// no source of its own), and the day it was made.
    pub archive_url: Option<Spanned<String>>,
    pub archived: Option<Spanned<Datetime>>,
    pub original: Option<OriginalFront>,
}

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QuoteStatus {
    Verified,
    Disputed,
    Misattributed,
}

impl QuoteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteStatus::Verified => "verified",
            QuoteStatus::Disputed => "disputed",
            QuoteStatus::Misattributed => "misattributed",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginalFront {
    pub language: Spanned<String>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFront {
    /// A TOML date, or a string: `"2015"`, `"2015-07"`, `"2003~"`, `"2016-01-16/2018-05-08"`.
    pub date: Spanned<toml::Value>,
    pub title: String,
    #[serde(default)]
    pub topics: Vec<Spanned<String>>,
}

/// An article as read from disk: front matter parsed, body still Markdown.
#[derive(Debug, Clone)]
pub struct ArticleSource {
    pub file: SourceFile,
    pub front: ArticleFront,
}
