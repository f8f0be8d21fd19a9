//! `dossier`: a static site generator for topic dossiers.
//!
//! The pipeline runs one way through four stages, one module each:
//! [`load`] (files → sources) → [`link`] (sources → [`link::model::Dossier`]) →
//! [`render`] (dossier + templates → pages) → [`publish`] (pages → output folder,
//! atomically). [`pipeline`] drives the stages the same way for every command; the commands
//! are [`build`], [`check`] and [`serve`] (and [`scaffold`] for `new` and `init`).

pub mod build;
pub mod check;
pub mod cms;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod fix_ids;
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

pub use build::{BuildSummary, build};
pub use check::{CheckReport, check};
pub use fuzzing::check_article_bytes;
pub use pipeline::BuildOptions;

/// The site a command works on: `--root` when given, else the nearest folder from `cwd`
/// up that holds `site.toml` (as cargo finds `Cargo.toml` and git `.git`), as a path
/// relative to `cwd` (`.`, `..`, `../..`), with that folder's full path when it is not
/// `cwd` itself (for the command to say which site it uses). Without one, `.`: the command
/// then reports the missing `site.toml` there.
pub fn site_root(
    root: Option<&std::path::Path>,
    cwd: &std::path::Path,
) -> (std::path::PathBuf, Option<std::path::PathBuf>) {
    if let Some(root) = root {
        return (root.to_path_buf(), None);
    }
    for (up, dir) in cwd.ancestors().enumerate() {
        if dir.join("site.toml").is_file() {
            if up == 0 {
                break;
            }
            let relative: std::path::PathBuf = std::iter::repeat_n("..", up).collect();
            return (relative, Some(dir.to_path_buf()));
        }
    }
    (std::path::PathBuf::from("."), None)
}
