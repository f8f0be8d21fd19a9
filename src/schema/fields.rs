//! The declarations: every key of every table `dossier` reads. Adding a key to a serde
//! struct in `src/config.rs` or `src/load/` without declaring it here fails
//! `tests/content_schema.rs`, so the reference, the JSON Schemas and the CMS follow.

use super::model::ValueKind::*;
use super::model::{Field, Kind, ValueKind};

const CALENDARS: &[&str] = &[
    "gregorian",
    "persian",
    "islamic-umalqura",
    "islamic-civil",
    "islamic-tbla",
];

/// Shorthand for a declaration; `required` and `default` are set by the helpers below.
const fn key(name: &'static str, value: ValueKind, doc: &'static str) -> Field {
    Field {
        name,
        doc,
        value,
        required: false,
        default: None,
    }
}

const fn required(field: Field) -> Field {
    Field {
        required: true,
        ..field
    }
}

const fn default(field: Field, value: &'static str) -> Field {
    Field {
        default: Some(value),
        ..field
    }
}

const SITE: &[Field] = &[
    required(key("title", String, "The site's title.")),
    default(
        key("description", Text, "One line about the dossier."),
        "\"\"",
    ),
    required(key(
        "base_url",
        BaseUrl,
        "The absolute URL the site is published at; its path (e.g. `/repo/`) prefixes every link.",
    )),
    default(
        key(
            "language",
            LanguageTag,
            "The interface's language (built in: `en`, `fa`, `ar`, `fr`, `de`, `es`), `<html lang>` and `dir`, and the search index's language.",
        ),
        "\"en\"",
    ),
    default(
        key(
            "calendar",
            Enum(CALENDARS),
            "The calendar pages show days in; feeds and open data keep ISO 8601 Gregorian dates.",
        ),
        "\"gregorian\"",
    ),
    default(
        key(
            "slugify",
            Enum(&["unicode", "ascii"]),
            "How slugs and quote ids are made from titles, file names and words in a script other than Latin: kept in that script, with Persian and Arabic letter variants, the zero-width non-joiner and digits normalised, and percent-encoded in URLs (`unicode`), or transliterated to ASCII (`ascii`). Latin-script text is transliterated either way.",
        ),
        "\"unicode\"",
    ),
    default(
        key(
            "output_dir",
            Folder,
            "The output folder, relative to the site root; it must lie inside it.",
        ),
        "\"public\"",
    ),
    key(
        "image",
        Image,
        "The share image of every page without its own (`og:image`, JSON-LD `image`): a file of the site's `static/` (PNG, JPEG, GIF or WebP) or an `https://` URL.",
    ),
    key(
        "favicon",
        StaticFile,
        "The site's icon in browser tabs and bookmarks, in place of the theme's: a file of the site's `static/` (`icon.svg` for static/icon.svg), SVG, PNG or ICO. A PNG or ICO is also published as `/favicon.ico` (unless `static/favicon.ico` exists), which some clients ask for without reading a page.",
    ),
    default(
        key(
            "paginate_by",
            Integer,
            "Items per page of every long list: articles, quotes, a year of the chronology, a topic's or speaker's quotes, articles and chronology.",
        ),
        "20",
    ),
    key("feeds", Table(Kind::Feeds), "The Atom feeds."),
    key("search", Table(Kind::Search), "The search index."),
    key(
        "markdown",
        Table(Kind::Markdown),
        "How Markdown bodies are rendered.",
    ),
    key(
        "languages",
        TablesByLanguage(Kind::Language),
        "The site's other languages, one table each (`[languages.fa]`), published under `/<code>/` from the translation files beside the originals.",
    ),
    key(
        "extra",
        FreeTable,
        "Free-form values, handed to templates as `site.extra`.",
    ),
];

const FEEDS: &[Field] = &[default(
    key("limit", Integer, "Entries per Atom feed."),
    "50",
)];

const SEARCH: &[Field] = &[default(
    key(
        "enabled",
        Bool,
        "Build the search index, the `/search/` page and the header's search box.",
    ),
    "true",
)];

const MARKDOWN: &[Field] = &[
    default(
        key(
            "smart_punctuation",
            Bool,
            "Typographic quotes, dashes and ellipses in bodies and in front-matter text (titles, summaries, contexts, corrections), in the quotation marks of the text's language („…“ in German, «…» in Persian); the words of quotes stay as written.",
        ),
        "true",
    ),
    default(
        key(
            "raw_html",
            Enum(&["sanitize", "allow", "escape"]),
            "Raw HTML in Markdown bodies: `sanitize` keeps what articles use and drops scripts, styles and event handlers; `allow` writes it as is (only when every editor is trusted); `escape` shows it as text.",
        ),
        "\"sanitize\"",
    ),
];

const LANGUAGE: &[Field] = &[
    required(key("title", String, "The site's title in this language.")),
    default(
        key(
            "description",
            Text,
            "One line about the dossier in this language.",
        ),
        "\"\"",
    ),
    default(
        key(
            "calendar",
            Enum(CALENDARS),
            "The calendar this language's pages show days in.",
        ),
        "\"gregorian\"",
    ),
];

const ARTICLE: &[Field] = &[
    required(key("title", String, "The article's title.")),
    required(key(
        "date",
        DateOrDatetime,
        "The publication date, a TOML date or date and time (`2025-03-12T22:21:00+03:30`), written without quotes.",
    )),
    key(
        "author",
        String,
        "Who wrote the source article, as the byline gives it.",
    ),
    key(
        "author_family_name",
        String,
        "The words of `author` that are the family name, when it is not the last word; the whole name for an organisation. Citations sort and abbreviate by it.",
    ),
    key(
        "accessed",
        Date,
        "The day you read the source online: the access date of the article's citations (none without it).",
    ),
    key(
        "source",
        String,
        "The publication the article comes from (`Tehran Times`).",
    ),
    key(
        "source_url",
        Url,
        "The address of the original article (http or https).",
    ),
    key(
        "archive_url",
        Url,
        "An archived copy of the original (e.g. on web.archive.org) that outlives it.",
    ),
    key(
        "archived",
        Date,
        "The day the archived copy was made (only with `archive_url`).",
    ),
    key(
        "summary",
        Text,
        "One or two sentences in the editor's own words.",
    ),
    key(
        "image",
        Image,
        "The article's lead image, above its text and on the home page when it leads, and its share image: a file of the site's `static/` (`img/articles/x.jpg`), or an `https://` URL (then share image only: pages load nothing from other hosts).",
    ),
    key(
        "image_alt",
        Text,
        "What the lead image shows, for readers who cannot see it (its `alt` text); without it, a warning.",
    ),
    key(
        "image_caption",
        Text,
        "The lead image's caption, with its credit (`Talks in Muscat. Photo: Sample Agency`).",
    ),
    default(
        key(
            "topics",
            TopicIds,
            "The topics the article is about, by id (the topic file's name).",
        ),
        "[]",
    ),
    default(
        key(
            "speakers",
            SpeakerIds,
            "The speakers the article is about, by id; speakers quoted in `[[quotes]]` count without being listed.",
        ),
        "[]",
    ),
    key(
        "language",
        LanguageTag,
        "The article's language, when not the site's; `fa`, `ar`, `he` render right-to-left.",
    ),
    default(
        key(
            "draft",
            Bool,
            "A draft is left out of the site unless built with `--drafts`.",
        ),
        "false",
    ),
    key(
        "slug",
        Slug,
        "The article's URL name; by default the file name without a leading `YYYY-MM-DD-`.",
    ),
    default(
        key(
            "aliases",
            SitePaths,
            "Old site paths (`/old/url/`) that redirect to the article.",
        ),
        "[]",
    ),
    default(
        key(
            "quotes",
            Tables(Kind::Quote),
            "The words quoted in the article, each with its own page.",
        ),
        "[]",
    ),
    default(
        key(
            "events",
            Tables(Kind::Event),
            "Events the article mentions, for the chronology.",
        ),
        "[]",
    ),
    default(
        key(
            "corrections",
            Tables(Kind::Correction),
            "Corrections made after publication, each with its date: the public record the IFCN code asks for.",
        ),
        "[]",
    ),
    key(
        "extra",
        FreeTable,
        "Free-form values, handed to templates as the article's `extra`.",
    ),
];

const QUOTE: &[Field] = &[
    required(key(
        "speaker",
        SpeakerId,
        "Who said it, by id: the name of a file in `content/speakers/`.",
    )),
    required(key(
        "text",
        Text,
        "The words, verbatim, exactly as published.",
    )),
    key(
        "said",
        Date,
        "The day the words were said; by default the article's date.",
    ),
    key(
        "context",
        Text,
        "Where and to whom it was said (`Meeting with university students in Tehran`).",
    ),
    key(
        "topics",
        TopicIds,
        "The quote's topics, by id; by default the article's.",
    ),
    key(
        "id",
        Slug,
        "The quote's id and URL name (`/quotes/<id>/`); by default `<speaker>-<said>-<first six words>`. Pin it so the URL outlives corrections.",
    ),
    key(
        "responds_to",
        QuoteId,
        "The id of the quote this one answers: builds dialogue threads.",
    ),
    key(
        "status",
        Enum(&["verified", "disputed", "misattributed"]),
        "Whether the attribution is verified, disputed or a known misattribution; without it, not stated, and nothing is shown.",
    ),
    key(
        "source_url",
        Url,
        "Where these words can be checked, when not the article's own source (http or https).",
    ),
    key(
        "archive_url",
        Url,
        "An archived copy of the quote's own source (its `source_url`, else the article's).",
    ),
    key(
        "archived",
        Date,
        "The day that archived copy was made (only with `archive_url`).",
    ),
    key(
        "aliases",
        Strings,
        "Old ids of this quote: each `/quotes/<old id>/` becomes a redirect to its page, and a `responds_to` naming one still finds it.",
    ),
    key(
        "withdrawn",
        Date,
        "The day the quote was withdrawn: its page stays and says so; lists, feeds and search leave it out.",
    ),
    key(
        "withdrawn_reason",
        Text,
        "Why the quote was withdrawn, in one sentence for readers who cite it (required with `withdrawn`).",
    ),
    key(
        "original",
        Table(Kind::Original),
        "The words in the language they were said in, when the quote is a translation.",
    ),
];

const ORIGINAL: &[Field] = &[
    required(key(
        "language",
        LanguageTag,
        "The language the words were said in (`fa`).",
    )),
    required(key("text", Text, "The words in that language, verbatim.")),
];

const EVENT: &[Field] = &[
    required(key(
        "date",
        PartialDate,
        "When it happened: a TOML date (`2015-07-14`), or in quotes a year (`\"2015\"`), a month (`\"2015-07\"`), an approximate date (`\"2003~\"`) or a range (`\"2016-01-16/2018-05-08\"`).",
    )),
    required(key("title", String, "What happened, in one line.")),
    default(key("topics", TopicIds, "The event's topics, by id."), "[]"),
];

const CORRECTION: &[Field] = &[
    required(key("date", Date, "The day the correction was made.")),
    required(key(
        "text",
        Text,
        "What was corrected, in the editor's words (what was wrong, what is right).",
    )),
    key(
        "quote",
        QuoteId,
        "The id of the quote of this article the correction is about (or one of its old ids).",
    ),
];

const SPEAKER: &[Field] = &[
    required(key("name", String, "The speaker's name as pages show it.")),
    key(
        "role",
        String,
        "What the speaker is (`Supreme Leader of Iran`).",
    ),
    key("country", String, "The country the speaker speaks for."),
    default(
        key(
            "aliases",
            Strings,
            "Other names the speaker is known by; a reference to one of them is answered with a did-you-mean.",
        ),
        "[]",
    ),
    key(
        "image",
        Image,
        "The speaker's portrait (on their page, beside their name on quotes, in the speakers' list and the home page's chips) and share image on their pages: a file of the site's `static/` (`img/speakers/x.jpg`), or an `https://` URL (then share image only: pages load nothing from other hosts).",
    ),
    key(
        "family_name",
        String,
        "The words of `name` that are the family name, when the last word is not (`Dast Sample` for Mina Dast Sample), or the whole name for an organisation. Citations sort and abbreviate by it.",
    ),
    key(
        "wikidata",
        WikidataId,
        "The speaker's Wikidata item id (`Q57336`), published as schema.org `sameAs`.",
    ),
    key(
        "extra",
        FreeTable,
        "Free-form values, handed to templates as the speaker's `extra`.",
    ),
];

const TOPIC: &[Field] = &[
    required(key("title", String, "The topic's title.")),
    key(
        "description",
        Text,
        "One or two sentences on the topic, shown on its page and in lists.",
    ),
    default(key("related", TopicIds, "Related topics, by id."), "[]"),
    key(
        "extra",
        FreeTable,
        "Free-form values, handed to templates as the topic's `extra`.",
    ),
];

const ARTICLE_TRANSLATION: &[Field] = &[
    required(key("title", String, "The article's title, translated.")),
    key("summary", Text, "The summary, translated."),
    key(
        "image_alt",
        Text,
        "The lead image's `image_alt`, translated (the image is the original's).",
    ),
    key(
        "image_caption",
        Text,
        "The lead image's `image_caption`, translated.",
    ),
    default(
        key(
            "quotes",
            Tables(Kind::QuoteTranslation),
            "The original's quotes, translated: one for each, in the same order.",
        ),
        "[]",
    ),
    default(
        key(
            "events",
            Tables(Kind::EventTranslation),
            "The original's events, translated: one for each, in the same order.",
        ),
        "[]",
    ),
];

const QUOTE_TRANSLATION: &[Field] = &[
    key(
        "id",
        QuoteId,
        "The original quote's id: only checks that the quotes are in the original's order.",
    ),
    required(key("text", Text, "The quote's words, translated.")),
    key("context", Text, "The quote's context, translated."),
    key(
        "withdrawn_reason",
        Text,
        "Why the quote was withdrawn, translated (the original has `withdrawn`).",
    ),
];

const EVENT_TRANSLATION: &[Field] = &[required(key(
    "title",
    String,
    "The event's title, translated.",
))];

const SPEAKER_TRANSLATION: &[Field] = &[
    required(key("name", String, "The speaker's name in this language.")),
    key("role", String, "The speaker's role, translated."),
    key("country", String, "The speaker's country, translated."),
    key(
        "family_name",
        String,
        "The words of the translated `name` that are the family name, as in the original.",
    ),
];

const TOPIC_TRANSLATION: &[Field] = &[
    required(key("title", String, "The topic's title, translated.")),
    key("description", Text, "The topic's description, translated."),
];

pub(super) fn of(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Site => SITE,
        Kind::Feeds => FEEDS,
        Kind::Search => SEARCH,
        Kind::Markdown => MARKDOWN,
        Kind::Language => LANGUAGE,
        Kind::Article => ARTICLE,
        Kind::Quote => QUOTE,
        Kind::Original => ORIGINAL,
        Kind::Event => EVENT,
        Kind::Correction => CORRECTION,
        Kind::Speaker => SPEAKER,
        Kind::Topic => TOPIC,
        Kind::ArticleTranslation => ARTICLE_TRANSLATION,
        Kind::QuoteTranslation => QUOTE_TRANSLATION,
        Kind::EventTranslation => EVENT_TRANSLATION,
        Kind::SpeakerTranslation => SPEAKER_TRANSLATION,
        Kind::TopicTranslation => TOPIC_TRANSLATION,
    }
}
