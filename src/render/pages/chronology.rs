//! The chronology: a summary page (`/chronology/`: every year with its count and months,
//! and the newest entries), a year's entries on its own pages (`/chronology/<year>/`,
//! `…/page/2/`, …), and a topic's chronology (`/topics/<slug>/chronology/`, paginated).
//! Every entry is on exactly one page; no page holds more than `paginate_by` entries.

use std::ops::Range;

use super::lists::{Paginator, paged_title, paged_url, paginator};
use super::spec::{PageSpec, base_context, spec};
use crate::dates::DatePoint;
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::paging;
use crate::render::values::{List, Ref, view};
use crate::render::views::{ChronologyEntryView, TopicCard, Views, YearGroup, month_id};
use crate::urls;

view! {
    /// The chronology summary's context (`chronology.html`), besides `site`, `page` and
    /// `head`.
    ChronologyContext {
        /// Every year with entries, oldest first, with its count and months.
        years: List<YearSummary>,
        /// The newest entries, newest first.
        recent: List<ChronologyEntryView>,
    }
}

view! {
    /// A page of a year's chronology (`chronology_year.html`), besides `site`, `page` and
    /// `head`.
    ChronologyYearContext {
        /// The year's entries on this page.
        year: Ref<YearGroup>,
        /// The whole year: its count and months, each linked to the page it starts on.
        summary: Ref<YearSummary>,
        paginator: Ref<Paginator>,
        previous_year: Option<Ref<YearLink>>,
        next_year: Option<Ref<YearLink>>,
    }
}

view! {
    /// A page of a topic's chronology (`topic_chronology.html`), besides `site`, `page` and
    /// `head`.
    TopicChronologyContext {
        topic: Ref<TopicCard>,
        /// The entries on this page, by year and month.
        years: List<YearGroup>,
        paginator: Ref<Paginator>,
    }
}

view! {
    /// A link to a year's chronology page.
    YearLink {
        year: i32,
        url: String,
    }
}

view! {
    /// A year of a chronology in summary: how many entries it has, and where they are.
    YearSummary {
        year: i32,
        /// Where the year's entries start (its own page, or the page of a paginated list).
        url: String,
        /// How many entries the year has.
        count: usize,
        months: List<MonthSummary>,
    }
}

view! {
    /// A month of a year in summary.
    MonthSummary {
        /// 1–12, or none for entries dated to the year only.
        month: Option<u32>,
        /// The month's name, or none.
        name: Option<String>,
        count: usize,
        /// Where the month's entries start (a page and the month's anchor on it).
        url: String,
    }
}

/// The years of `entries` (chronology indices, oldest first) in summary. `url(year,
/// position_in_year, position_in_list, anchor)` is where an entry's group starts.
pub fn summaries(
    dossier: &Dossier,
    entries: &[usize],
    url: impl Fn(i32, usize, usize, &str) -> String,
) -> Vec<Ref<YearSummary>> {
    // (year, first position in list, months: (month, first position in year, count))
    type Months = Vec<(Option<u32>, usize, usize, usize)>;
    let mut years: Vec<(i32, usize, usize, Months)> = Vec::new();
    for (position, &index) in entries.iter().enumerate() {
        let start = dossier.chronology[index].date.start;
        if years.last().is_none_or(|(y, ..)| *y != start.year) {
            years.push((start.year, position, 0, Vec::new()));
        }
        let (_, first, count, months) = years.last_mut().expect("pushed above");
        let in_year = position - *first;
        *count += 1;
        match months.last_mut() {
            Some((m, _, _, n)) if *m == start.month => *n += 1,
            _ => months.push((start.month, in_year, position, 1)),
        }
    }
    years
        .into_iter()
        .map(|(year, first, count, months)| {
            let months = months.into_iter().map(|(month, in_year, in_list, count)| {
                let point = DatePoint {
                    year,
                    month,
                    day: None,
                };
                MonthSummary {
                    month,
                    name: point.month_name(&dossier.strings),
                    count,
                    url: url(year, in_year, in_list, &month_id(year, month)),
                }
                .into_ref()
            });
            YearSummary {
                year,
                url: url(year, 0, first, &format!("y{year}")),
                count,
                months: List::new(months),
            }
            .into_ref()
        })
        .collect()
}

/// The URL of a year's chronology page `n` (from 1).
fn year_url(dossier: &Dossier, year: i32, n: usize) -> String {
    paged_url(&dossier.url(&format!("chronology/{year}/")), n)
}

/// The URL of page `n` of a topic's chronology.
pub fn topic_chronology_url(dossier: &Dossier, topic: usize, n: usize) -> String {
    paged_url(&format!("{}chronology/", dossier.topics[topic].url), n)
}

/// The chronology's summary page.
pub fn chronology(dossier: &Dossier, views: &Views) -> PageSpec {
    let per_page = paging::per_page(dossier);
    let all: Vec<usize> = (0..dossier.chronology.len()).collect();
    // A year links its page; a month, its heading there (the first month's too: "month not
    // known" and January both start a year's page, and both have a heading).
    let years = summaries(dossier, &all, |year, in_year, _, anchor| {
        let page = year_url(dossier, year, paging::page_of(in_year, per_page));
        if anchor == format!("y{year}") {
            page
        } else {
            format!("{page}#{anchor}")
        }
    });
    let recent = dossier
        .chronology
        .iter()
        .rev()
        .take(paging::RECENT)
        .map(|entry| views.chronology_entry(dossier, entry));
    let url = dossier.url("chronology/");
    let title = dossier.strings.get("title.chronology");
    let mut context = base_context(dossier, views, "chronology", title, &url, None);
    ChronologyContext {
        years: List::new(years),
        recent: List::new(recent),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &url);
    spec("chronology.html", path, context, PageKind::Chronology)
}

/// A year of the chronology, to be shown on its pages.
#[derive(Debug, Clone)]
pub struct ChronologyYear {
    pub year: i32,
    /// The year's entries, as indices of the chronology.
    pub entries: Range<usize>,
    pub previous: Option<i32>,
    pub next: Option<i32>,
}

impl ChronologyYear {
    /// Every year of the chronology.
    pub fn all(dossier: &Dossier) -> Vec<ChronologyYear> {
        let years = paging::years(dossier);
        (0..years.len())
            .map(|i| ChronologyYear {
                year: years[i].0,
                entries: years[i].1.clone(),
                previous: i.checked_sub(1).map(|p| years[p].0),
                next: years.get(i + 1).map(|(y, _)| *y),
            })
            .collect()
    }

    pub fn page_count(&self, dossier: &Dossier) -> usize {
        paging::page_count(self.entries.len(), paging::per_page(dossier))
    }

    /// The output path of page `n`.
    pub fn path(&self, dossier: &Dossier, n: usize) -> String {
        urls::output_path_of_url(&dossier.base_path, &year_url(dossier, self.year, n))
    }
}

/// Page `n` (from 1) of a year of the chronology.
pub fn year_page(dossier: &Dossier, views: &Views, year: &ChronologyYear, n: usize) -> PageSpec {
    let per_page = paging::per_page(dossier);
    let total = year.entries.len();
    let url = year_url(dossier, year.year, n);
    let title = dossier.strings.fill(
        "title.chronology_year",
        &[("year", &dossier.strings.year(year.year))],
    );
    let title = paged_title(dossier, &title, n, paging::page_count(total, per_page));
    let mut context = base_context(dossier, views, "chronology_year", &title, &url, None);
    let (paginator, range) = paginator(n, per_page, total, |p| year_url(dossier, year.year, p));
    let on_page: Vec<_> = dossier.chronology
        [year.entries.start + range.start..year.entries.start + range.end]
        .iter()
        .collect();
    let group = views
        .chronology_years(dossier, &on_page)
        .into_iter()
        .next()
        .map(|(_, group)| group)
        .unwrap_or_else(|| {
            YearGroup {
                year: year.year,
                url: year_url(dossier, year.year, 1),
                count: 0,
                months: List::new([]),
            }
            .into_ref()
        });
    let all: Vec<usize> = year.entries.clone().collect();
    let summary = summaries(dossier, &all, |_, in_year, _, anchor| {
        format!(
            "{}#{anchor}",
            year_url(dossier, year.year, paging::page_of(in_year, per_page))
        )
    })
    .into_iter()
    .next()
    .expect("a year has entries");
    let link = |y: Option<i32>| {
        y.map(|y| {
            YearLink {
                year: y,
                url: year_url(dossier, y, 1),
            }
            .into_ref()
        })
    };
    ChronologyYearContext {
        year: group,
        summary,
        paginator,
        previous_year: link(year.previous),
        next_year: link(year.next),
    }
    .insert_into(&mut context);
    spec(
        "chronology_year.html",
        year.path(dossier, n),
        context,
        PageKind::ChronologyYear(year.year, n),
    )
}

/// Page `n` (from 1) of a topic's chronology; `entries` are the topic's
/// ([`paging::topic_entries`]).
pub fn topic_page(
    dossier: &Dossier,
    views: &Views,
    topic: usize,
    entries: &[usize],
    n: usize,
) -> PageSpec {
    let per_page = paging::per_page(dossier);
    let total = entries.len();
    let url = topic_chronology_url(dossier, topic, n);
    let title = dossier.strings.fill(
        "title.topic_chronology",
        &[("topic", &dossier.topics[topic].title)],
    );
    let title = paged_title(dossier, &title, n, paging::page_count(total, per_page));
    let mut context = base_context(dossier, views, "topic_chronology", &title, &url, None);
    let (paginator, range) = paginator(n, per_page, total, |p| {
        topic_chronology_url(dossier, topic, p)
    });
    let on_page: Vec<_> = entries[range]
        .iter()
        .map(|&i| &dossier.chronology[i])
        .collect();
    let years = views.chronology_years(dossier, &on_page);
    TopicChronologyContext {
        topic: views.topics[topic].clone(),
        years: List::new(years.into_iter().map(|(_, group)| group)),
        paginator,
    }
    .insert_into(&mut context);
    spec(
        "topic_chronology.html",
        urls::output_path_of_url(&dossier.base_path, &url),
        context,
        PageKind::TopicPart(topic),
    )
}

/// How many pages a topic's chronology takes.
pub fn topic_page_count(dossier: &Dossier, entries: &[usize]) -> usize {
    paging::page_count(entries.len(), paging::per_page(dossier))
}
