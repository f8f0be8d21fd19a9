//! Quote and article cards, rendered once each. A quote's card (`partials/quote.html`) shows
//! on about ten pages (its article, its speaker's page, its topics' pages, neighbouring quote
//! pages, the lists); rendering it once and pasting the HTML on each page cut ~15% of a
//! build's instructions. The partials get `site`, `q` (or `a`) and, for quotes,
//! `hide_speaker`; the HTML lands in the card's view as `html`, and for quotes also as
//! `html_without_speaker` (for the speaker's own page).
//!
//! `serve` links again after every new article; it passes the last link's views, and a card
//! whose data is unchanged keeps its HTML (the caller guarantees the theme is the same).

use std::collections::HashMap;

use rayon::prelude::*;
use tera::{Context, Value};

use super::theme::Theme;
use super::values::{Html, Ref};
use super::views::{ArticleCard, ArticleData, QuoteCard, SiteView, ViewData, Views};
use crate::diagnostics::{Diagnostic, Diagnostics};

pub const QUOTE_CARD: &str = "partials/quote.html";
pub const ARTICLE_CARD: &str = "partials/article.html";

/// The views with every quote and article card rendered, or taken from `last` (views
/// made with the same theme) where the card's data is the same.
pub fn with_cards(
    theme: &Theme,
    data: ViewData,
    last: Option<&Views>,
) -> Result<Views, Diagnostics> {
    let site = &data.site;
    let last_quotes = by_key(last.map(|views| &views.quotes[..]), "id");
    let last_articles = by_key(last.map(|views| &views.articles[..]), "url");
    let quotes: Result<Vec<Ref<QuoteCard>>, Diagnostic> = data
        .quotes
        .into_par_iter()
        .map(|q| {
            if let Some(card) = unchanged(&last_quotes, &q, "id") {
                return Ok(card);
            }
            let html = render(theme, QUOTE_CARD, site, "q", q.value(), Some(false))?;
            let html_without_speaker = render(theme, QUOTE_CARD, site, "q", q.value(), Some(true))?;
            Ok(QuoteCard {
                base: q,
                html,
                html_without_speaker,
            }
            .into_ref())
        })
        .collect();
    let articles: Result<Vec<Ref<ArticleCard>>, Diagnostic> = data
        .articles
        .into_par_iter()
        .map(|a: Ref<ArticleData>| {
            if let Some(card) = unchanged(&last_articles, &a, "url") {
                return Ok(card);
            }
            let html = render(theme, ARTICLE_CARD, site, "a", a.value(), None)?;
            Ok(ArticleCard { base: a, html }.into_ref())
        })
        .collect();
    Ok(Views {
        quotes: quotes?,
        articles: articles?,
        site: data.site,
        topics: data.topics,
        speakers: data.speakers,
        events: data.events,
    })
}

/// The last link's cards by the value of their field `key`.
fn by_key<'a, T>(cards: Option<&'a [Ref<T>]>, key: &'static str) -> HashMap<&'a str, &'a Ref<T>> {
    cards
        .unwrap_or_default()
        .iter()
        .filter_map(|card| Some((field(card.value(), key)?.as_str()?, card)))
        .collect()
}

fn field<'v>(value: &'v Value, key: &'static str) -> Option<&'v Value> {
    value.as_map()?.get(&tera::value::Key::from(key))
}

/// The last card for `data` (found by its field `key`) if its data is the same: each field
/// of `data` equal in the card (which holds them, with its HTML).
fn unchanged<T, C>(
    last: &HashMap<&str, &Ref<C>>,
    data: &Ref<T>,
    key: &'static str,
) -> Option<Ref<C>> {
    let card = *last.get(field(data.value(), key)?.as_str()?)?;
    let fields = card.value().as_map()?;
    let same = data
        .value()
        .as_map()?
        .iter()
        .all(|(name, value)| fields.get(name) == Some(value));
    same.then(|| card.clone())
}

/// One card, as HTML that templates print unescaped.
fn render(
    theme: &Theme,
    template: &str,
    site: &Ref<SiteView>,
    name: &'static str,
    view: &Value,
    hide_speaker: Option<bool>,
) -> Result<Html, Diagnostic> {
    let mut context = Context::new();
    context.insert_value("site", site.value().clone());
    context.insert_value(name, view.clone());
    if let Some(hide) = hide_speaker {
        context.insert_value("hide_speaker", hide.into());
    }
    theme
        .tera
        .render(template, &context)
        .map(|html| Html::new(&html))
        .map_err(|err| theme.diagnostic(&err, template))
}
