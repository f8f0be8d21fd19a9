//! Quote and article cards, rendered once each. A quote's card (`partials/quote.html`) shows
//! on about ten pages (its article, its speaker's page, its topics' pages, neighbouring quote
//! pages, the lists); rendering it once and pasting the HTML on each page cut ~15% of a
//! build's instructions. The partials get `site`, `q` (or `a`) and, for quotes,
//! `hide_speaker`; the HTML lands in the card's view as `html`, and for quotes also as
//! `html_without_speaker` (for the speaker's own page).

use rayon::prelude::*;
use tera::{Context, Value};

use super::Theme;
use super::views::Views;
use crate::diagnostics::{Diagnostic, Diagnostics};

pub const QUOTE_CARD: &str = "partials/quote.html";
pub const ARTICLE_CARD: &str = "partials/article.html";

/// Adds the rendered cards to every quote and article view.
pub fn add_cards(theme: &Theme, views: &mut Views) -> Result<(), Diagnostics> {
    let site = views.site.clone();
    // The views are taken, not cloned: each one's map is reused once its card is rendered.
    let quotes: Result<Vec<Value>, Diagnostic> = std::mem::take(&mut views.quotes)
        .into_par_iter()
        .map(|view| {
            let html = render(theme, QUOTE_CARD, &site, "q", &view, Some(false))?;
            let without_speaker = render(theme, QUOTE_CARD, &site, "q", &view, Some(true))?;
            Ok(with_html(
                view,
                [("html", html), ("html_without_speaker", without_speaker)],
            ))
        })
        .collect();
    let articles: Result<Vec<Value>, Diagnostic> = std::mem::take(&mut views.articles)
        .into_par_iter()
        .map(|view| {
            let html = render(theme, ARTICLE_CARD, &site, "a", &view, None)?;
            Ok(with_html(view, [("html", html)]))
        })
        .collect();
    views.quotes = quotes?;
    views.articles = articles?;
    Ok(())
}

/// One card, as a string that templates print unescaped.
fn render(
    theme: &Theme,
    template: &str,
    site: &Value,
    name: &'static str,
    view: &Value,
    hide_speaker: Option<bool>,
) -> Result<Value, Diagnostic> {
    let mut context = Context::new();
    context.insert_value("site", site.clone());
    context.insert_value(name, view.clone());
    if let Some(hide) = hide_speaker {
        context.insert_value("hide_speaker", hide.into());
    }
    theme
        .tera
        .render(template, &context)
        .map(|html| Value::safe_string(&html))
        .map_err(|err| theme.diagnostic(&err, template))
}

/// `view` with more keys.
fn with_html<const N: usize>(view: Value, extra: [(&'static str, Value); N]) -> Value {
    let mut map = view.into_map().unwrap_or_default();
    for (key, value) in extra {
        map.insert(tera::value::Key::from(key), value);
    }
    Value::from(map)
}
