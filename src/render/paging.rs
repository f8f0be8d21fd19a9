//! How long lists are cut into pages: the page size, which items a page holds, and the
//! chronology's years as ranges of entries. Shared by the pages that show a part of a list
//! and by what describes them (JSON-LD, sitemap dates), so both agree on what a page holds.

use std::ops::Range;

use crate::link::model::Dossier;

/// How many of the newest quotes and articles a topic's or speaker's own page shows; the
/// rest are on its paginated lists.
pub const LATEST: usize = 10;

/// How many of the newest entries the chronology's summary page (`/chronology/`) shows.
pub const RECENT: usize = 20;

/// Items per page of every paginated list (`paginate_by` in site.toml, at least 1).
pub fn per_page(dossier: &Dossier) -> usize {
    dossier.config.paginate_by.max(1)
}

/// How many pages a list of `total` items takes (one, even when empty).
pub fn page_count(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page.max(1)).max(1)
}

/// The positions, in the whole list, of the items on page `n` (from 1).
pub fn page_range(n: usize, per_page: usize, total: usize) -> Range<usize> {
    let per_page = per_page.max(1);
    let start = ((n.max(1) - 1) * per_page).min(total);
    start..(start + per_page).min(total)
}

/// The page (from 1) that holds the item at `position` (from 0).
pub fn page_of(position: usize, per_page: usize) -> usize {
    position / per_page.max(1) + 1
}

/// The entries of `year` in the chronology, as a range of its indices (the chronology is
/// sorted oldest first, so a year's entries are contiguous).
pub fn year_range(dossier: &Dossier, year: i32) -> Range<usize> {
    let chronology = &dossier.chronology;
    let start = chronology.partition_point(|entry| entry.date.start.year < year);
    let end = chronology.partition_point(|entry| entry.date.start.year <= year);
    start..end
}

/// Every year of the chronology with the range of its entries, oldest first.
pub fn years(dossier: &Dossier) -> Vec<(i32, Range<usize>)> {
    let mut out: Vec<(i32, Range<usize>)> = Vec::new();
    for (index, entry) in dossier.chronology.iter().enumerate() {
        let year = entry.date.start.year;
        match out.last_mut() {
            Some((y, range)) if *y == year => range.end = index + 1,
            _ => out.push((year, index..index + 1)),
        }
    }
    out
}

/// The chronology entries (indices) of a topic, oldest first: its articles and the events
/// on it.
pub fn topic_entries(dossier: &Dossier, topic: usize) -> Vec<usize> {
    use crate::link::model::ChronologyItem;
    dossier
        .chronology
        .iter()
        .enumerate()
        .filter(|(_, entry)| match entry.item {
            ChronologyItem::Article(i) => dossier.articles[i].topics.contains(&topic),
            ChronologyItem::Event(i) => dossier.events[i].topics.contains(&topic),
        })
        .map(|(index, _)| index)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_the_list_once() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_range(1, 20, 0), 0..0);
        assert_eq!(page_range(2, 20, 21), 20..21);
        assert_eq!(page_of(19, 20), 1);
        assert_eq!(page_of(20, 20), 2);
    }
}
