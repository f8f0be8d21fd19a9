//! Views: the reusable pieces of template context (a link to a topic, a quote card…), built
//! once per entity and shared by every page that shows them. Each is declared with `view!`,
//! so its fields are documented and checked (`docs/templates.md`).
//!
//! Built in two steps: [`data`] makes every view from the dossier; `cards.rs` then renders
//! each quote and article card once through the theme's partials and completes [`Views`].

use rayon::prelude::*;
use tera::Value;

use super::cite;
use super::values::{Extra, Html, InterfaceStrings, List, Ref, text_direction, view};
use crate::dates::{DatePoint, PartialDate, Precision};
use crate::link::model::{ChronologyEntry, ChronologyItem, Dossier};

view! {
    /// The site, as every template gets it (`site`).
    SiteView {
        /// `title` from site.toml.
        title: String,
        /// `description` from site.toml.
        description: String,
        /// The absolute URL of the site, ending in `/`.
        base_url: String,
        /// The path part of `base_url` (`/` or `/repo/`): every internal link starts with it.
        /// In a language other than the site's own, its folder (`/repo/fa/`).
        base_path: String,
        /// The path of the site's root, where its static files are (`style.css`): the same
        /// as `base_path` but in a language other than the site's own.
        root_path: String,
        /// `language` from site.toml.
        language: String,
        /// The direction the language is written in: `ltr` or `rtl` (`<html dir>`).
        dir: String,
        /// The interface strings without placeholders, by table and name:
        /// `{{ site.i18n.nav.articles }}` (HTML). Others: `t(key=…, …)`.
        i18n: InterfaceStrings,
        /// Whether the search index and `/search/` are built.
        search_enabled: bool,
        /// Whether `/corrections/` exists (the dossier has a correction or a withdrawn
        /// quote): the footer links it.
        has_corrections: bool,
        /// The URL of each stylesheet and script at the site's root, with its content hash
        /// so a changed file is fetched again: `{{ site.assets["style.css"] }}` →
        /// `/style.css?v=1a2b3c4d` (`.css` and `.js` files only, the site's own included).
        assets: Extra,
        /// The site's icons, for `<link rel="icon">`: the theme's (an ICO and an SVG), or
        /// the one `favicon` in site.toml names.
        icons: List<IconLink>,
        /// `[extra]` from site.toml.
        extra: Extra,
    }
}

view! {
    /// An icon of the site (`<link rel="icon">`).
    IconLink {
        /// The file's URL (under the site's root path).
        url: String,
        /// Its media type: `image/svg+xml`, `image/png` or `image/x-icon`.
        media_type: String,
        /// Its size in pixels (`32x32`), when the theme knows it.
        sizes: Option<String>,
    }
}

view! {
    /// A topic as lists, chips and links show it.
    TopicCard {
        slug: String,
        title: String,
        /// The topic page's URL (with the base path).
        url: String,
        description: Option<String>,
        article_count: usize,
        quote_count: usize,
    }
}

view! {
    /// A speaker as lists and links show it.
    SpeakerCard {
        slug: String,
        name: String,
        /// The speaker page's URL.
        url: String,
        role: Option<String>,
        country: Option<String>,
        quote_count: usize,
        article_count: usize,
        /// The speaker's portrait: their `image`, when it is a file of the site.
        portrait: Option<Ref<Portrait>>,
    }
}

view! {
    /// A speaker's portrait on their page, their quotes' bylines and chips: their `image`
    /// when it is a file of the site's `static/` (an `image` given as a URL is their share
    /// image only: pages request nothing from other hosts).
    Portrait {
        /// The file's URL (under the site's root path).
        url: String,
        /// Its size in pixels, read from the file (for `<img width height>`).
        width: usize,
        height: usize,
    }
}

/// An image that is a file of the site: its URL under the root path (`/repo/img/x.jpg`),
/// width and height; none for an image on another host.
fn site_file(
    dossier: &Dossier,
    image: &crate::link::model::ShareImage,
) -> Option<(String, usize, usize)> {
    let size = image.size?;
    let name = image.url.strip_prefix(&dossier.root_url)?;
    Some((
        format!("{}{name}", dossier.root_path),
        size.width,
        size.height,
    ))
}

/// The portrait of a speaker whose share image is `image`.
fn portrait(
    dossier: &Dossier,
    image: Option<&crate::link::model::ShareImage>,
) -> Option<Ref<Portrait>> {
    let (url, width, height) = site_file(dossier, image?)?;
    Some(Portrait { url, width, height }.into_ref())
}

view! {
    /// An article as `partials/article.html` gets it (`a`).
    ArticleData {
        slug: String,
        title: String,
        url: String,
        /// `YYYY-MM-DD`.
        date: String,
        /// RFC 3339, for `<time datetime>`.
        datetime: String,
        /// The date as readers see it ("12 March 2025").
        date_display: String,
        summary: Option<String>,
        author: Option<String>,
        /// The publication the article reports (e.g. a newspaper).
        source: Option<String>,
        topics: List<TopicCard>,
        quote_count: usize,
        /// The language its words are written in (`language`), when the editor gave one:
        /// every page that shows them marks them with it (`lang`, `dir`).
        language: Option<String>,
        /// `rtl` or `ltr` when `language` is set.
        dir: Option<String>,
        /// The lead image, when `image` is a file of the site.
        image: Option<Ref<ArticleImage>>,
    }
}

view! {
    /// An article's lead image (`image`, a file of the site's `static/`; an https `image`
    /// is the share image only).
    ArticleImage {
        /// The file's URL (under the site's root path).
        url: String,
        /// Its size in pixels, read from the file (for `<img width height>`).
        width: usize,
        height: usize,
        /// `image_alt` (empty when the editor gave none).
        alt: String,
        /// `image_caption`.
        caption: Option<String>,
    }
}

view! {
    /// An article card: the article's data and its card, rendered once by
    /// `partials/article.html`.
    ArticleCard: ArticleData {
        /// The rendered card.
        html: Html,
    }
}

view! {
    /// The article a quote or an event comes from, as a link.
    ArticleLink {
        title: String,
        url: String,
        date: String,
        date_display: String,
        source: Option<String>,
        author: Option<String>,
        /// The language its words are written in (`language`), when the editor gave one:
        /// every page that shows them marks them with it (`lang`, `dir`).
        language: Option<String>,
        /// `rtl` or `ltr` when `language` is set.
        dir: Option<String>,
    }
}

view! {
    /// A quote's words in their original language.
    OriginalText {
        /// Language tag (`fa`).
        language: String,
        /// `rtl` or `ltr`, from the language.
        dir: String,
        text: String,
    }
}

view! {
    /// When and why a quote was withdrawn.
    WithdrawalView {
        /// `YYYY-MM-DD`.
        date: String,
        date_display: String,
        reason: String,
    }
}

view! {
    /// A quote as `partials/quote.html` gets it (`q`).
    QuoteData {
        /// The quote's stable id.
        id: String,
        /// The quote page's URL.
        url: String,
        /// The words, verbatim.
        text: String,
        /// `YYYY-MM-DD`.
        said: String,
        said_display: String,
        context: Option<String>,
        /// `verified`, `disputed` or `misattributed`; none when the editor stated none.
        status: Option<String>,
        /// Set when the quote was withdrawn: its page stays and says so.
        withdrawn: Option<Ref<WithdrawalView>>,
        source_url: Option<String>,
        speaker: Ref<SpeakerCard>,
        topics: List<TopicCard>,
        article: Ref<ArticleLink>,
        original: Option<Ref<OriginalText>>,
        /// The id of the quote this one responds to.
        responds_to_id: Option<String>,
        response_count: usize,
        /// The language of `text` (its article's `language`), when the editor gave one.
        language: Option<String>,
        /// `rtl` or `ltr` when `language` is set.
        dir: Option<String>,
    }
}

view! {
    /// A quote card: the quote's data and its card, rendered once by `partials/quote.html`.
    QuoteCard: QuoteData {
        /// The rendered card.
        html: Html,
        /// The card without the speaker's name (for the speaker's own page).
        html_without_speaker: Html,
    }
}

view! {
    /// A dated event reported in an article.
    EventView {
        /// The event's anchor on its article's page.
        id: String,
        title: String,
        /// ISO 8601, partial or ranged as given (`2015`, `2015-07`, `2016-01-16/2018-05-08`).
        date: String,
        /// The first day, for `<time datetime>`.
        datetime: String,
        /// The date as readers see it, partial dates shown as such.
        date_display: String,
        /// `year`, `month` or `day`.
        precision: String,
        approximate: bool,
        topics: List<TopicCard>,
        article: Ref<ArticleLink>,
        /// The event on its article's page.
        url: String,
    }
}

view! {
    /// An article's or a quote's citation, ready to download: each link carries its file's
    /// content as a `data:` URL, so the site has no citation file per page.
    CitationDownloads {
        /// A `data:` URL of the BibTeX entry (`application/x-bibtex`).
        bibtex: String,
        /// A `data:` URL of the CSL-JSON array of one item (Zotero, pandoc, citeproc).
        csl_json: String,
        /// A file name for the downloads, without extension (the article's slug or the
        /// quote's id).
        file_name: String,
    }
}

impl CitationDownloads {
    /// The downloads of an article's page.
    pub fn article(dossier: &Dossier, index: usize) -> CitationDownloads {
        let (json, bib) = cite::article_texts(dossier, index);
        CitationDownloads::new(&json, &bib, &dossier.articles[index].slug)
    }

    /// The downloads of a quote's page.
    pub fn quote(dossier: &Dossier, index: usize) -> CitationDownloads {
        let (json, bib) = cite::quote_texts(dossier, index);
        CitationDownloads::new(&json, &bib, &dossier.quotes[index].id)
    }

    fn new(json: &str, bib: &str, file_name: &str) -> CitationDownloads {
        CitationDownloads {
            bibtex: cite::data_url("application/x-bibtex", bib),
            csl_json: cite::data_url("application/vnd.citationstyles.csl+json", json),
            file_name: file_name.to_string(),
        }
    }
}

/// A chronology entry's item: an [`ArticleCard`] when the entry's `kind` is `article`, an
/// [`EventView`] when it is `event`.
pub struct ArticleOrEvent(Value);

impl From<ArticleOrEvent> for Value {
    fn from(value: ArticleOrEvent) -> Value {
        value.0
    }
}

view! {
    /// One entry of a chronology.
    ChronologyEntryView {
        /// `article` or `event`.
        kind: String,
        title: String,
        date: String,
        datetime: String,
        date_display: String,
        /// `year`, `month` or `day`.
        precision: String,
        item: ArticleOrEvent,
    }
}

view! {
    /// A month of a chronology year.
    MonthGroup {
        /// 1–12, or none for entries dated to the year only (listed first).
        month: Option<u32>,
        /// The month's name, or none.
        name: Option<String>,
        /// An anchor for the month (`y2025-m03`, `y2025-undated`).
        id: String,
        entries: List<ChronologyEntryView>,
    }
}

view! {
    /// A year of a chronology.
    YearGroup {
        year: i32,
        /// The year's own chronology page.
        url: String,
        /// How many entries the group holds: the year's, or on a page that shows part of
        /// the year, those on the page.
        count: usize,
        months: List<MonthGroup>,
    }
}

/// Every entity's view before the cards are rendered, indexed like the dossier's vectors.
pub struct ViewData {
    pub site: Ref<SiteView>,
    pub topics: Vec<Ref<TopicCard>>,
    pub speakers: Vec<Ref<SpeakerCard>>,
    pub articles: Vec<Ref<ArticleData>>,
    pub quotes: Vec<Ref<QuoteData>>,
    pub events: Vec<Ref<EventView>>,
}

/// Every entity's view, cards rendered, indexed like the dossier's vectors.
#[derive(Clone)]
pub struct Views {
    pub site: Ref<SiteView>,
    pub topics: Vec<Ref<TopicCard>>,
    pub speakers: Vec<Ref<SpeakerCard>>,
    pub articles: Vec<Ref<ArticleCard>>,
    pub quotes: Vec<Ref<QuoteCard>>,
    pub events: Vec<Ref<EventView>>,
}

fn pick<T>(all: &[Ref<T>], indices: &[usize]) -> List<T> {
    List::new(indices.iter().map(|&i| all[i].clone()))
}

/// What every template gets as `site`.
pub fn site_view(dossier: &Dossier) -> SiteView {
    let config = &dossier.config;
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        base_url: dossier.base_url.clone(),
        base_path: dossier.base_path.clone(),
        root_path: dossier.root_path.clone(),
        language: config.language.clone(),
        dir: crate::render::values::text_direction(&config.language).into(),
        i18n: InterfaceStrings::new(&dossier.strings),
        search_enabled: config.search.enabled,
        has_corrections: dossier.has_corrections_page(),
        assets: Extra::new(&asset_urls(dossier)),
        icons: icon_links(dossier),
        extra: Extra::new(&config.extra),
    }
}

/// `site.assets`: each versioned file's URL under the site's root.
fn asset_urls(dossier: &Dossier) -> std::collections::BTreeMap<&str, String> {
    dossier
        .asset_versions
        .iter()
        .map(|(name, version)| {
            let url = format!(
                "{}{}?v={version}",
                dossier.root_path,
                crate::urls::encode(name)
            );
            (name.as_str(), url)
        })
        .collect()
}

/// The site's icons: the one `favicon` names, else the theme's ICO and SVG.
fn icon_links(dossier: &Dossier) -> List<IconLink> {
    let link = |name: &str, media_type: &str, sizes: Option<&str>| {
        IconLink {
            // The name as a URL path (`my icon.svg` → `my%20icon.svg`).
            url: format!("{}{}", dossier.root_path, crate::urls::encode(name)),
            media_type: media_type.into(),
            sizes: sizes.map(String::from),
        }
        .into_ref()
    };
    let own = dossier
        .config
        .favicon
        .as_ref()
        .and_then(|icon| crate::link::images::SiteIcon::named(icon.get_ref()));
    match own {
        Some(icon) => List::new([link(&icon.name, icon.media_type, None)]),
        None => List::new([
            link("favicon.ico", "image/x-icon", Some("32x32")),
            link("favicon.svg", "image/svg+xml", None),
        ]),
    }
}

/// Every entity's view, before cards.
pub fn data(dossier: &Dossier) -> ViewData {
    let topics: Vec<Ref<TopicCard>> = dossier
        .topics
        .iter()
        .map(|t| {
            TopicCard {
                slug: t.slug.clone(),
                title: t.title.clone(),
                url: t.url.clone(),
                description: t.description.clone(),
                article_count: t.articles.len(),
                quote_count: t.quotes.len(),
            }
            .into_ref()
        })
        .collect();
    let speakers: Vec<Ref<SpeakerCard>> = dossier
        .speakers
        .iter()
        .map(|s| {
            SpeakerCard {
                slug: s.slug.clone(),
                name: s.name.clone(),
                url: s.url.clone(),
                role: s.role.clone(),
                country: s.country.clone(),
                quote_count: s.quotes.len(),
                article_count: s.articles.len(),
                portrait: portrait(dossier, s.share_image.as_ref()),
            }
            .into_ref()
        })
        .collect();
    let articles: Vec<Ref<ArticleData>> = dossier
        .articles
        .par_iter()
        .map(|a| {
            ArticleData {
                slug: a.slug.clone(),
                title: a.title.clone(),
                url: a.url.clone(),
                date: a.date.iso_date(),
                datetime: a.date.rfc3339(),
                date_display: a.date.display(&dossier.strings),
                summary: a.summary.clone(),
                author: a.author.clone(),
                source: a.source.clone(),
                topics: pick(&topics, &a.topics),
                quote_count: a.quotes.len(),
                language: a.language.clone(),
                dir: direction(&a.language),
                image: a.image.as_ref().and_then(|lead| {
                    let file = site_file(dossier, &lead.image)?;
                    Some(
                        ArticleImage {
                            url: file.0,
                            width: file.1,
                            height: file.2,
                            alt: lead.alt.clone(),
                            caption: lead.caption.clone(),
                        }
                        .into_ref(),
                    )
                }),
            }
            .into_ref()
        })
        .collect();
    let article_links: Vec<Ref<ArticleLink>> = dossier
        .articles
        .iter()
        .map(|a| {
            ArticleLink {
                title: a.title.clone(),
                url: a.url.clone(),
                date: a.date.iso_date(),
                date_display: a.date.display(&dossier.strings),
                source: a.source.clone(),
                author: a.author.clone(),
                language: a.language.clone(),
                dir: direction(&a.language),
            }
            .into_ref()
        })
        .collect();
    let quotes: Vec<Ref<QuoteData>> = dossier
        .quotes
        .par_iter()
        .map(|q| {
            let original = q.original.as_ref().map(|o| {
                OriginalText {
                    language: o.language.clone(),
                    dir: text_direction(&o.language).into(),
                    text: o.text.clone(),
                }
                .into_ref()
            });
            QuoteData {
                id: q.id.clone(),
                url: q.url.clone(),
                text: q.text.clone(),
                said: q.said.iso_date(),
                said_display: q.said.display(&dossier.strings),
                context: q.context.clone(),
                status: q.status.map(|s| s.as_str().into()),
                withdrawn: q.withdrawn.as_ref().map(|w| {
                    WithdrawalView {
                        date: w.date.iso_date(),
                        date_display: w.date.display(&dossier.strings),
                        reason: w.reason.clone(),
                    }
                    .into_ref()
                }),
                source_url: q.source_url.clone(),
                speaker: speakers[q.speaker].clone(),
                topics: pick(&topics, &q.topics),
                article: article_links[q.article].clone(),
                original,
                responds_to_id: q.responds_to.map(|r| dossier.quotes[r].id.clone()),
                response_count: q.responses.len(),
                language: dossier.articles[q.article].language.clone(),
                dir: direction(&dossier.articles[q.article].language),
            }
            .into_ref()
        })
        .collect();
    let events: Vec<Ref<EventView>> = dossier
        .events
        .iter()
        .map(|e| {
            let article = &dossier.articles[e.article];
            EventView {
                id: e.id.clone(),
                title: e.title.clone(),
                date: e.date.iso(),
                datetime: e.date.start.iso(),
                date_display: e.date.display(&dossier.strings),
                precision: precision_name(&e.date).into(),
                approximate: e.date.approximate,
                topics: pick(&topics, &e.topics),
                article: article_links[e.article].clone(),
                url: format!("{}#{}", article.url, e.id),
            }
            .into_ref()
        })
        .collect();
    ViewData {
        site: site_view(dossier).into_ref(),
        topics,
        speakers,
        articles,
        quotes,
        events,
    }
}

impl Views {
    /// These views without their cards, for a site whose pages are all rendered.
    pub fn emptied(&self) -> Views {
        Views {
            site: self.site.clone(),
            topics: Vec::new(),
            speakers: Vec::new(),
            articles: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
        }
    }

    pub fn topic_list(&self, indices: &[usize]) -> List<TopicCard> {
        pick(&self.topics, indices)
    }

    pub fn speaker_list(&self, indices: &[usize]) -> List<SpeakerCard> {
        pick(&self.speakers, indices)
    }

    pub fn article_list(&self, indices: &[usize]) -> List<ArticleCard> {
        pick(&self.articles, indices)
    }

    pub fn quote_list(&self, indices: &[usize]) -> List<QuoteCard> {
        pick(&self.quotes, indices)
    }

    pub fn event_list(&self, indices: &[usize]) -> List<EventView> {
        pick(&self.events, indices)
    }

    /// A chronology entry: `kind` is `article` or `event`.
    pub fn chronology_entry(
        &self,
        dossier: &Dossier,
        entry: &ChronologyEntry,
    ) -> Ref<ChronologyEntryView> {
        let (kind, title, item) = match entry.item {
            ChronologyItem::Article(i) => (
                "article",
                &dossier.articles[i].title,
                self.articles[i].value().clone(),
            ),
            ChronologyItem::Event(i) => (
                "event",
                &dossier.events[i].title,
                self.events[i].value().clone(),
            ),
        };
        ChronologyEntryView {
            kind: kind.into(),
            title: title.clone(),
            date: entry.date.iso(),
            datetime: entry.date.start.iso(),
            date_display: entry.date.display(&dossier.strings),
            precision: precision_name(&entry.date).into(),
            item: ArticleOrEvent(item),
        }
        .into_ref()
    }

    /// Entries grouped by year, then by month (a group with no month first).
    pub fn chronology_years(
        &self,
        dossier: &Dossier,
        entries: &[&ChronologyEntry],
    ) -> Vec<(i32, Ref<YearGroup>)> {
        type Months = Vec<(Option<u32>, Vec<Ref<ChronologyEntryView>>)>;
        let mut years: Vec<(i32, Months)> = Vec::new();
        for entry in entries {
            let year = entry.date.start.year;
            let month = entry.date.start.month;
            if years.last().is_none_or(|(y, _)| *y != year) {
                years.push((year, Vec::new()));
            }
            let months = &mut years.last_mut().expect("pushed above").1;
            if months.last().is_none_or(|(m, _)| *m != month) {
                months.push((month, Vec::new()));
            }
            months
                .last_mut()
                .expect("pushed above")
                .1
                .push(self.chronology_entry(dossier, entry));
        }
        years
            .into_iter()
            .map(|(year, months)| {
                let count: usize = months.iter().map(|(_, e)| e.len()).sum();
                let months = List::new(months.into_iter().map(|(month, entries)| {
                    let point = DatePoint {
                        year,
                        month,
                        day: None,
                    };
                    MonthGroup {
                        month,
                        name: point.month_name(&dossier.strings),
                        id: month_id(year, month),
                        entries: List::new(entries),
                    }
                    .into_ref()
                }));
                let group = YearGroup {
                    year,
                    url: dossier.url(&format!("chronology/{year}/")),
                    count,
                    months,
                };
                (year, group.into_ref())
            })
            .collect()
    }
}

/// The anchor of a month of a chronology year (`y2025-m03`, `y2025-undated`).
pub fn month_id(year: i32, month: Option<u32>) -> String {
    match month {
        Some(m) => format!("y{year}-m{m:02}"),
        None => format!("y{year}-undated"),
    }
}

fn precision_name(date: &PartialDate) -> &'static str {
    match date.precision() {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

/// `rtl` or `ltr` for a language the editor gave.
fn direction(language: &Option<String>) -> Option<String> {
    language.as_deref().map(|l| text_direction(l).to_string())
}
