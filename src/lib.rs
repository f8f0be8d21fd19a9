//! `dossier`: a static site generator for topic dossiers.
//!
//! The pipeline runs one way through four stages, one module each:
//! [`load`] (files → sources) → [`link`] (sources → [`link::model::Dossier`]) →
//! [`render`] (dossier + templates → pages) → [`publish`] (pages → output folder,
//! atomically). [`pipeline`] drives the stages the same way for every command; the commands
//! are [`build`], [`check`] and [`serve`] (and [`scaffold`] for `new` and `init`).

pub mod archive;
pub mod build;
pub mod check;
pub mod cms;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod external;
pub mod fix_ids;
pub mod front_edit;
pub mod fuzzing;
pub mod languages;
pub mod link;
pub mod load;
pub mod lsp;
pub mod page_links;
pub mod pipeline;
pub mod publish;
pub mod published;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod strings;
pub mod timings;
pub mod urls;
pub mod web;

pub use build::{BuildSummary, build};
pub use check::{CheckReport, check};
pub use fuzzing::check_article_bytes;
pub use pipeline::BuildOptions;

/// Site root given on the command line or the current folder.
pub fn default_root(root: Option<&std::path::Path>) -> std::path::PathBuf {
    root.map_or_else(
        || std::path::PathBuf::from("."),
        std::path::Path::to_path_buf,
    )
}
