//! `/search/`: the search form, its facets (every speaker and topic), and where Pagefind's
//! files are. Results are found and shown in the browser (`static/search.js`).

use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::search::FOLDER;
use crate::render::values::{List, Ref, view};
use crate::render::views::{SpeakerCard, TopicCard, Views};
use crate::strings::message::CATEGORIES;
use crate::urls;

view! {
    /// The search page's context (`search.html`), besides `site`, `page` and `head`.
    SearchContext {
        search: Ref<SearchView>,
    }
}

view! {
    /// The search form's choices.
    SearchView {
        /// The kinds of result, for the kind filter.
        kinds: List<SearchKind>,
        /// Every speaker, for the speaker filter.
        speakers: List<SpeakerCard>,
        /// Every topic, for the topic filter.
        topics: List<TopicCard>,
        /// The folder of Pagefind's files (URL ending in `/`).
        bundle_url: String,
        /// The plural forms of "N results" for search.js, which picks one with the
        /// browser's `Intl.PluralRules` for `<html lang>`.
        result_forms: List<ResultForm>,
    }
}

view! {
    /// One plural form of the search's result count.
    ResultForm {
        /// The CLDR plural category: `zero`, `one`, `two`, `few`, `many` or `other`.
        category: String,
        /// `search.results` in that form, `{count}` left to fill.
        text: String,
        /// `search.results_for`, with `{count}` and `{words}` left to fill.
        text_for: String,
    }
}

view! {
    /// A kind of search result.
    SearchKind {
        /// The filter value: `article`, `quote`, `speaker` or `topic`.
        value: String,
        /// Its name in the filter, e.g. `Articles`.
        label: String,
        /// Its name over one result, e.g. `Article`.
        kicker: String,
    }
}

pub fn search(dossier: &Dossier, views: &Views) -> PageSpec {
    let url = dossier.url("search/");
    let title = dossier.strings.get("title.search");
    let mut context = base_context(dossier, views, "search", title, &url, None);
    let kinds = ["article", "quote", "speaker", "topic"]
        .into_iter()
        .map(|value| {
            SearchKind {
                value: value.into(),
                label: dossier.strings.get(&format!("search.kind_{value}")).into(),
                kicker: dossier.strings.get(&format!("kind.{value}")).into(),
            }
            .into_ref()
        });
    SearchContext {
        search: SearchView {
            kinds: List::new(kinds),
            speakers: views.speaker_list(&(0..dossier.speakers.len()).collect::<Vec<_>>()),
            topics: views.topic_list(&(0..dossier.topics.len()).collect::<Vec<_>>()),
            bundle_url: format!("{}{FOLDER}/", dossier.root_path),
            result_forms: result_forms(dossier),
        }
        .into_ref(),
    }
    .insert_into(&mut context);
    let path = urls::output_path_of_url(&dossier.base_path, &url);
    spec("search.html", path, context, PageKind::Search)
}

fn result_forms(dossier: &Dossier) -> List<ResultForm> {
    let strings = &dossier.strings;
    let (Some(results), Some(results_for)) = (
        strings.message("search.results"),
        strings.message("search.results_for"),
    ) else {
        return List::new(std::iter::empty());
    };
    let forms = strings.plural_categories().into_iter().map(|index| {
        ResultForm {
            category: CATEGORIES[index].into(),
            text: results.pattern(index).source().into(),
            text_for: results_for.pattern(index).source().into(),
        }
        .into_ref()
    });
    List::new(forms)
}
