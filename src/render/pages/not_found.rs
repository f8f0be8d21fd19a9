//! `404.html`, which static hosts serve for a missing page.

use super::spec::{PageSpec, base_context, spec};
use crate::link::model::Dossier;
use crate::render::page_kind::PageKind;
use crate::render::views::Views;

pub fn not_found(dossier: &Dossier, views: &Views) -> PageSpec {
    let url = dossier.url("404.html");
    let title = dossier.strings.get("title.not_found");
    let context = base_context(dossier, views, "404", title, &url, None);
    spec("404.html", "404.html".into(), context, PageKind::NotFound)
}
