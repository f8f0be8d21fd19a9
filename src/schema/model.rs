//! The vocabulary of the declarations: kinds of tables, kinds of values, fields.

/// A kind of TOML table `dossier` reads: a file's top level, or a table inside one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `site.toml`.
    Site,
    /// `[feeds]` of site.toml.
    Feeds,
    /// `[search]` of site.toml.
    Search,
    /// `[markdown]` of site.toml.
    Markdown,
    /// `[languages.<code>]` of site.toml.
    Language,
    /// An article's front matter (`content/articles/*.md`).
    Article,
    /// One `[[quotes]]` of an article.
    Quote,
    /// `[quotes.original]`: a quote's words in their original language.
    Original,
    /// One `[[events]]` of an article.
    Event,
    /// One `[[corrections]]` of an article.
    Correction,
    /// A speaker's front matter (`content/speakers/<slug>.md`).
    Speaker,
    /// A topic's front matter (`content/topics/<slug>.md`).
    Topic,
    /// An article's translation (`content/articles/<name>.<code>.md`).
    ArticleTranslation,
    /// One `[[quotes]]` of an article's translation.
    QuoteTranslation,
    /// One `[[events]]` of an article's translation.
    EventTranslation,
    /// A speaker's translation (`content/speakers/<slug>.<code>.md`).
    SpeakerTranslation,
    /// A topic's translation (`content/topics/<slug>.<code>.md`).
    TopicTranslation,
}

impl Kind {
    /// Every kind, in the order the reference documents them.
    pub const ALL: [Kind; 17] = [
        Kind::Site,
        Kind::Feeds,
        Kind::Search,
        Kind::Markdown,
        Kind::Language,
        Kind::Article,
        Kind::Quote,
        Kind::Original,
        Kind::Event,
        Kind::Correction,
        Kind::Speaker,
        Kind::Topic,
        Kind::ArticleTranslation,
        Kind::QuoteTranslation,
        Kind::EventTranslation,
        Kind::SpeakerTranslation,
        Kind::TopicTranslation,
    ];

    /// The kinds that are a whole file (the others are tables inside one).
    pub const FILES: [Kind; 7] = [
        Kind::Site,
        Kind::Article,
        Kind::Speaker,
        Kind::Topic,
        Kind::ArticleTranslation,
        Kind::SpeakerTranslation,
        Kind::TopicTranslation,
    ];

    /// How the reference and error messages name it: `site.toml`, `[[quotes]]`, `article`.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Site => "site.toml",
            Kind::Feeds => "[feeds]",
            Kind::Search => "[search]",
            Kind::Markdown => "[markdown]",
            Kind::Language => "[languages.<code>]",
            Kind::Article => "article",
            Kind::Quote => "[[quotes]]",
            Kind::Original => "[quotes.original]",
            Kind::Event => "[[events]]",
            Kind::Correction => "[[corrections]]",
            Kind::Speaker => "speaker",
            Kind::Topic => "topic",
            Kind::ArticleTranslation => "article translation",
            Kind::QuoteTranslation => "[[quotes]] of an article translation",
            Kind::EventTranslation => "[[events]] of an article translation",
            Kind::SpeakerTranslation => "speaker translation",
            Kind::TopicTranslation => "topic translation",
        }
    }

    /// A short machine name (`site`, `quote`, `article-translation`): JSON Schema file
    /// names and `$defs`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Site => "site",
            Kind::Feeds => "feeds",
            Kind::Search => "search",
            Kind::Markdown => "markdown",
            Kind::Language => "language",
            Kind::Article => "article",
            Kind::Quote => "quote",
            Kind::Original => "original",
            Kind::Event => "event",
            Kind::Correction => "correction",
            Kind::Speaker => "speaker",
            Kind::Topic => "topic",
            Kind::ArticleTranslation => "article-translation",
            Kind::QuoteTranslation => "quote-translation",
            Kind::EventTranslation => "event-translation",
            Kind::SpeakerTranslation => "speaker-translation",
            Kind::TopicTranslation => "topic-translation",
        }
    }

    /// One or two sentences on what the table is.
    pub fn doc(self) -> &'static str {
        match self {
            Kind::Site => "The site's settings, at the site root.",
            Kind::Feeds => "The Atom feeds (`atom.xml`, and one per topic and speaker).",
            Kind::Search => "The full-text search (Pagefind).",
            Kind::Markdown => "How Markdown bodies are rendered.",
            Kind::Language => {
                "One more language of the site: what its pages say of the site. Its content is the translation files `name.<code>.md`."
            }
            Kind::Article => {
                "`content/articles/<name>.md`: one source article, its quotes and its events; the body is the editor's summary and analysis."
            }
            Kind::Quote => "Words one speaker said, verbatim, each with its own page.",
            Kind::Original => "The quote's words in the language they were said in.",
            Kind::Event => "Something that happened, for the chronology.",
            Kind::Correction => {
                "A correction made after publication, shown on the article (and its quote), on /corrections/, in the feed and the JSON-LD."
            }
            Kind::Speaker => {
                "`content/speakers/<slug>.md`: someone quoted; the slug is the file name and the body the biography."
            }
            Kind::Topic => {
                "`content/topics/<slug>.md`: what is talked about; the slug is the file name and the body the background."
            }
            Kind::ArticleTranslation => {
                "`content/articles/<name>.<code>.md`: the words of an article in one of the site's other languages; everything else is the original's."
            }
            Kind::QuoteTranslation => "One of the original's quotes, in the same order.",
            Kind::EventTranslation => "One of the original's events, in the same order.",
            Kind::SpeakerTranslation => {
                "`content/speakers/<slug>.<code>.md`: a speaker's name and words in another language; the body is the biography."
            }
            Kind::TopicTranslation => {
                "`content/topics/<slug>.<code>.md`: a topic's title and description in another language; the body is the background."
            }
        }
    }

    /// The kind of a translation of a file of this kind (`name.<code>.md`), if it has one.
    pub fn translation(self) -> Option<Kind> {
        match self {
            Kind::Article => Some(Kind::ArticleTranslation),
            Kind::Quote => Some(Kind::QuoteTranslation),
            Kind::Event => Some(Kind::EventTranslation),
            Kind::Speaker => Some(Kind::SpeakerTranslation),
            Kind::Topic => Some(Kind::TopicTranslation),
            _ => None,
        }
    }
}

/// What a key's value is. The variants name what the value means, not only its TOML type,
/// so the reference, the JSON Schema, the CMS widgets and the language server's completion
/// can each say or check more than "a string".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A string on one line (a name, a title).
    String,
    /// A string that may run over several lines (a summary, a quote's words).
    Text,
    /// A TOML date, `2025-03-12` (a date with a time is read as its day).
    Date,
    /// A TOML date or date and time: `2025-03-12`, `2025-03-12T22:21:00+03:30`.
    DateOrDatetime,
    /// An event's date: a TOML date, or a string with a partial date (`"2015"`,
    /// `"2015-07"`), an approximate one (`"2003~"`) or a range (`"2016-01-16/2018-05-08"`).
    PartialDate,
    Bool,
    /// A whole number, at least 0.
    Integer,
    /// An absolute `http://` or `https://` URL.
    Url,
    /// The site's address: an absolute http(s) URL whose path prefixes every link.
    BaseUrl,
    /// A BCP 47 language tag: `en`, `fa`, `pt-BR`.
    LanguageTag,
    /// Lower-case ASCII letters and digits joined by single hyphens: `ali-khamenei`.
    Slug,
    /// A file under the site's `static/` (`img/share.png`) or an `https://` URL.
    Image,
    /// A file under the site's `static/` (`icon.svg`).
    StaticFile,
    /// A Wikidata item id: `Q57336`.
    WikidataId,
    /// A folder, relative to the site root.
    Folder,
    /// A list of strings.
    Strings,
    /// A list of site paths (`/old/url/`).
    SitePaths,
    /// A speaker's id (the slug of a file in `content/speakers/`).
    SpeakerId,
    /// A list of speaker ids.
    SpeakerIds,
    /// A list of topic ids (slugs of files in `content/topics/`).
    TopicIds,
    /// A quote's id (`<speaker>-<said>-<first words>`, or its pinned `id`).
    QuoteId,
    /// One of the listed strings.
    Enum(&'static [&'static str]),
    /// A table of the given kind.
    Table(Kind),
    /// An array of tables of the given kind (`[[quotes]]`).
    Tables(Kind),
    /// A table of tables of the given kind, each under a language code (`[languages.fa]`).
    TablesByLanguage(Kind),
    /// A free-form table (`[extra]`), handed to templates as it is.
    FreeTable,
}

impl ValueKind {
    /// How the reference and hovers name it: `date or date-time`, `list of topic ids`.
    pub fn describe(self) -> std::string::String {
        let text = match self {
            ValueKind::String => "string",
            ValueKind::Text => "text",
            ValueKind::Date => "date",
            ValueKind::DateOrDatetime => "date or date-time",
            ValueKind::PartialDate => "date, or partial date in quotes",
            ValueKind::Bool => "bool",
            ValueKind::Integer => "integer",
            ValueKind::Url => "http(s) URL",
            ValueKind::BaseUrl => "http(s) URL",
            ValueKind::LanguageTag => "language tag",
            ValueKind::Slug => "slug",
            ValueKind::Image => "static file or https URL",
            ValueKind::StaticFile => "static file",
            ValueKind::WikidataId => "Wikidata item id",
            ValueKind::Folder => "folder",
            ValueKind::Strings => "list of strings",
            ValueKind::SitePaths => "list of site paths",
            ValueKind::SpeakerId => "speaker id",
            ValueKind::SpeakerIds => "list of speaker ids",
            ValueKind::TopicIds => "list of topic ids",
            ValueKind::QuoteId => "quote id",
            ValueKind::Enum(values) => {
                let quoted: Vec<std::string::String> =
                    values.iter().map(|v| format!("`\"{v}\"`")).collect();
                return quoted.join(" \\| ");
            }
            ValueKind::Table(kind) => return format!("table `{}`", kind.title()),
            ValueKind::Tables(kind) => return format!("array of tables `{}`", kind.title()),
            ValueKind::TablesByLanguage(kind) => {
                return format!("tables `{}`, one per language", kind.title());
            }
            ValueKind::FreeTable => "free-form table",
        };
        text.to_string()
    }

    /// The kind of the table this value holds, if it holds tables of a declared kind.
    pub fn table_kind(self) -> Option<Kind> {
        match self {
            ValueKind::Table(kind)
            | ValueKind::Tables(kind)
            | ValueKind::TablesByLanguage(kind) => Some(kind),
            _ => None,
        }
    }
}

/// One key of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    /// One or two sentences: the text of the reference, the CMS hint and the editor's hover.
    pub doc: &'static str,
    pub value: ValueKind,
    pub required: bool,
    /// The value when the key is absent, as a TOML value (`"en"`, `20`, `true`), when it is
    /// a constant; a default that depends on the content (a quote's `said`) is in `doc`.
    pub default: Option<&'static str>,
}
