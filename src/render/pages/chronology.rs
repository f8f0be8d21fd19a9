//! The chronology: every dated article and event on one page, and a page per year.

use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::values::{List, Ref, view};
use crate::render::views::{Views, YearGroup};
use crate::urls;

view! {
    /// The chronology page's context (`chronology.html`), besides `site`, `page` and `head`.
    ChronologyContext {
        /// Every year with entries, oldest first.
        years: List<YearGroup>,
    }
}

view! {
    /// A year's chronology page's context (`chronology_year.html`).
    ChronologyYearContext {
        year: Ref<YearGroup>,
        previous_year: Option<Ref<YearLink>>,
        next_year: Option<Ref<YearLink>>,
    }
}

view! {
    /// A link to a year's chronology page.
    YearLink {
        year: i32,
        url: String,
    }
}

pub fn chronology(dossier: &Dossier, views: &Views) -> Vec<PageSpec> {
    let entries: Vec<_> = dossier.chronology.iter().collect();
    let years = views.chronology_years(dossier, &entries);
    let url = dossier.url("chronology/");
    let title = dossier.strings.get("title.chronology");
    let mut context = base_context(dossier, views, "chronology", title, &url, None);
    ChronologyContext {
        years: List::new(years.iter().map(|(_, year)| year.clone())),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &url);
    let mut pages = vec![spec("chronology.html", path, context, PageKind::Chronology)];
    for (position, (year, group)) in years.iter().enumerate() {
        let url = dossier.url(&format!("chronology/{year}/"));
        let mut context = base_context(
            dossier,
            views,
            "chronology_year",
            &dossier
                .strings
                .fill("title.chronology_year", &[("year", &year.to_string())]),
            &url,
            None,
        );
        let neighbour = |p: Option<usize>| {
            p.and_then(|p| years.get(p)).map(|(year, _)| {
                YearLink {
                    year: *year,
                    url: dossier.url(&format!("chronology/{year}/")),
                }
                .into_ref()
            })
        };
        ChronologyYearContext {
            year: group.clone(),
            previous_year: neighbour(position.checked_sub(1)),
            next_year: neighbour(Some(position + 1)),
        }
        .insert_into(&mut context);
        let path = urls::output_path_of_url(&dossier.base_path, &url);
        pages.push(spec(
            "chronology_year.html",
            path,
            context,
            PageKind::ChronologyYear(*year),
        ));
    }
    pages
}
