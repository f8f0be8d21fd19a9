//! The theme's contract: which template gets which names, and every view's fields, from the
//! `view!` declarations themselves. [`reference`] writes `docs/templates.md`; a test
//! (`tests/template_contract.rs`) checks that file is current and that every page's real
//! context has exactly the documented fields, no more, no fewer.

use super::head::{AlternateLink, FeedLink, HeadView, ImageView};
use super::pages::article::{ArticleContext, ArticleNeighbour, ArticlePage};
use super::pages::chronology::{
    ChronologyContext, ChronologyYearContext, MonthSummary, TopicChronologyContext, YearLink,
    YearSummary,
};
use super::pages::corrections::{CorrectionView, CorrectionsContext};
use super::pages::home::{Counts, HomeContext, Matrix, MatrixRow};
use super::pages::lists::{ListContext, PageLink, Paginator, SpeakersContext, TopicsContext};
use super::pages::quote::{QuoteContext, QuotePage, ThreadMember};
use super::pages::search::{ResultForm, SearchContext, SearchKind, SearchView};
use super::pages::speaker::{QuotedOn, SpeakerContext, SpeakerPage, TopicCount};
use super::pages::spec::PageView;
use super::pages::topic::{SpeakerCount, TopicContext, TopicPage};
use super::values::{Field, ViewType};
use super::views::{
    ArticleCard, ArticleData, ArticleImage, ArticleLink, ChronologyEntryView, CitationDownloads,
    EventView, IconLink, MonthGroup, OriginalText, Portrait, QuoteCard, QuoteData, SiteView,
    SpeakerCard, TopicCard, WithdrawalView, YearGroup,
};

/// A view type as the reference shows it.
#[derive(Debug, Clone)]
pub struct ViewInfo {
    pub name: &'static str,
    pub doc: &'static str,
    pub fields: Vec<Field>,
}

fn info<T: ViewType>() -> ViewInfo {
    ViewInfo {
        name: T::NAME,
        doc: T::DOC,
        fields: T::fields(),
    }
}

/// Every view type, in the order the reference lists them.
pub fn view_types() -> Vec<ViewInfo> {
    vec![
        info::<SiteView>(),
        info::<PageView>(),
        info::<HeadView>(),
        info::<FeedLink>(),
        info::<ImageView>(),
        info::<AlternateLink>(),
        info::<HomeContext>(),
        info::<Matrix>(),
        info::<MatrixRow>(),
        info::<Counts>(),
        info::<ListContext>(),
        info::<Paginator>(),
        info::<PageLink>(),
        info::<TopicsContext>(),
        info::<SpeakersContext>(),
        info::<ArticleContext>(),
        info::<ArticlePage>(),
        info::<ArticleNeighbour>(),
        info::<TopicContext>(),
        info::<TopicPage>(),
        info::<SpeakerCount>(),
        info::<SpeakerContext>(),
        info::<SpeakerPage>(),
        info::<QuotedOn>(),
        info::<TopicCount>(),
        info::<QuoteContext>(),
        info::<QuotePage>(),
        info::<ThreadMember>(),
        info::<ChronologyContext>(),
        info::<ChronologyYearContext>(),
        info::<TopicChronologyContext>(),
        info::<YearSummary>(),
        info::<MonthSummary>(),
        info::<YearLink>(),
        info::<CorrectionsContext>(),
        info::<CorrectionView>(),
        info::<SearchContext>(),
        info::<SearchView>(),
        info::<SearchKind>(),
        info::<ResultForm>(),
        info::<IconLink>(),
        info::<TopicCard>(),
        info::<SpeakerCard>(),
        info::<Portrait>(),
        info::<ArticleData>(),
        info::<ArticleImage>(),
        info::<ArticleCard>(),
        info::<ArticleLink>(),
        info::<QuoteData>(),
        info::<QuoteCard>(),
        info::<OriginalText>(),
        info::<WithdrawalView>(),
        info::<EventView>(),
        info::<ChronologyEntryView>(),
        info::<MonthGroup>(),
        info::<YearGroup>(),
        info::<CitationDownloads>(),
    ]
}

/// Types that are one of several views, as (name, the types it may be).
pub const UNIONS: &[(&str, &[&str])] = &[
    ("Items", &["List<ArticleCard>", "List<QuoteCard>"]),
    ("ArticleOrEvent", &["Ref<ArticleCard>", "Ref<EventView>"]),
];

/// The names every page template gets, besides its own context.
pub const EVERY_PAGE: &[(&str, &str)] = &[
    ("site", "Ref<SiteView>"),
    ("page", "Ref<PageView>"),
    ("head", "Ref<HeadView>"),
];

/// Each page template and the view whose fields it gets as top-level names (besides
/// [`EVERY_PAGE`]); `None`: nothing more.
pub const PAGE_TEMPLATES: &[(&str, Option<&str>)] = &[
    ("index.html", Some("HomeContext")),
    ("articles.html", Some("ListContext")),
    ("quotes.html", Some("ListContext")),
    ("topics.html", Some("TopicsContext")),
    ("speakers.html", Some("SpeakersContext")),
    ("article.html", Some("ArticleContext")),
    ("topic.html", Some("TopicContext")),
    ("speaker.html", Some("SpeakerContext")),
    ("quote.html", Some("QuoteContext")),
    ("chronology.html", Some("ChronologyContext")),
    ("chronology_year.html", Some("ChronologyYearContext")),
    ("topic_chronology.html", Some("TopicChronologyContext")),
    ("search.html", Some("SearchContext")),
    ("corrections.html", Some("CorrectionsContext")),
    ("404.html", None),
];

/// The card partials, rendered once per quote or article, and the names each gets.
pub const CARD_PARTIALS: &[(&str, &[(&str, &str)])] = &[
    (
        "partials/quote.html",
        &[
            ("site", "Ref<SiteView>"),
            ("q", "Ref<QuoteData>"),
            ("hide_speaker", "bool"),
        ],
    ),
    (
        "partials/article.html",
        &[("site", "Ref<SiteView>"), ("a", "Ref<ArticleData>")],
    ),
];

/// A field type as readers of the reference see it, with links to view types.
pub fn describe(ty: &str) -> String {
    let ty = ty.replace(' ', "");
    if let Some(inner) = strip(&ty, "Option<") {
        return format!("{}, or none", describe(inner));
    }
    if let Some(inner) = strip(&ty, "List<") {
        return format!("list of {}", describe(inner));
    }
    if let Some(inner) = strip(&ty, "Vec<") {
        return format!("list of {}", describe(inner));
    }
    if let Some(inner) = strip(&ty, "Ref<") {
        return describe(inner);
    }
    if let Some((_, options)) = UNIONS.iter().find(|(name, _)| *name == ty) {
        let options: Vec<String> = options.iter().map(|o| describe(o)).collect();
        return options.join(" or ");
    }
    match ty.as_str() {
        "String" => "text".into(),
        "usize" | "u32" | "i32" => "number".into(),
        "bool" => "true or false".into(),
        "Html" => "HTML (printed as is)".into(),
        "Extra" => "free-form table".into(),
        "InterfaceStrings" => "table of tables of HTML (the interface strings)".into(),
        view => format!("[{view}](#{})", view.to_lowercase()),
    }
}

/// `Option<X>` → `X` for `prefix` = `Option<`.
pub fn strip<'a>(ty: &'a str, prefix: &str) -> Option<&'a str> {
    ty.strip_prefix(prefix)?.strip_suffix('>')
}

/// `docs/templates.md`.
pub fn reference() -> String {
    let views = view_types();
    let mut out = String::new();
    out.push_str(
        "# Template reference\n\n\
         <!-- Generated from the `view!` declarations in src/render/ by \
         `DOSSIER_BLESS=1 cargo test --test template_contract`; do not edit by hand. -->\n\n\
         What each template of the theme gets. A site overrides a template by putting a file of \
         the same name under its own `templates/`; the names below are the contract between \
         `dossier` and any theme. Tests render every page of a fixture site and check that \
         its context has exactly these fields.\n\n\
         Values are escaped when printed unless marked HTML. Every URL starts with the base \
         path (`site.base_path`), so links work under a sub-path.\n\n\
         ## Page templates\n\n\
         Every page template gets `site` ([SiteView](#siteview)), `page` \
         ([PageView](#pageview)) and `head` ([HeadView](#headview)), and the names of its own \
         context:\n\n\
         | template | also gets |\n|---|---|\n",
    );
    for (template, context) in PAGE_TEMPLATES {
        let names = match context {
            Some(context) => {
                let view = views.iter().find(|v| v.name == *context).expect("listed");
                view.fields
                    .iter()
                    .map(|f| format!("`{}` ({})", f.name, describe(f.ty)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
            None => "nothing more".into(),
        };
        out.push_str(&format!("| `{template}` | {names} |\n"));
    }
    out.push_str(
        "\n## Card partials\n\n\
         Each quote and article card is rendered once through its partial and printed \
         wherever it is listed (`{{ q.html }}`, `{{ q.html_without_speaker }}`, \
         `{{ a.html }}`). A site may override the partials; their output then shows on every \
         page that lists the card.\n\n\
         | partial | gets |\n|---|---|\n",
    );
    for (partial, names) in CARD_PARTIALS {
        let names: Vec<String> = names
            .iter()
            .map(|(name, ty)| format!("`{name}` ({})", describe(ty)))
            .collect();
        out.push_str(&format!("| `{partial}` | {} |\n", names.join(", ")));
    }
    out.push_str("\n## Views\n");
    for view in &views {
        out.push_str(&format!("\n### {}\n\n", view.name));
        let doc: Vec<&str> = view.doc.lines().map(str::trim).collect();
        out.push_str(&doc.join(" ").replace("[`", "`").replace("`]", "`"));
        out.push_str("\n\n| field | type | meaning |\n|---|---|---|\n");
        for field in &view.fields {
            let doc: Vec<&str> = field.doc.split_whitespace().collect();
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                field.name,
                describe(field.ty),
                doc.join(" ")
            ));
        }
    }
    out
}
