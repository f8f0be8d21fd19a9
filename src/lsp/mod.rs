//! `dossier lsp`: a language server for a dossier's content, over stdio.
//!
//! It keeps the site's sources current from the editor's unsaved buffers
//! ([`workspace`], [`sources`]) and runs the pipeline's load → link on them after each
//! change ([`crate::pipeline::link_content`]), so the editor shows what `dossier check` would
//! say, at the place, while the editor types: at once for the edited file among the site's
//! speakers and topics ([`focused`]), then for every file from a full link on a thread of
//! its own ([`background`]). The features read the same sources and
//! linked dossier: completion, hover, go to definition and references, quick fixes,
//! rename, and an outline of an article's quotes and events.

pub mod actions;
pub mod background;
pub mod completion;
pub mod cursor;
pub mod focused;
pub mod handlers;
pub mod hover;
pub mod index;
pub mod keys;
pub mod names;
pub mod navigation;
pub mod rename;
pub mod report;
pub mod server;
pub mod sources;
pub mod symbols;
pub mod text;
pub mod workspace;

pub use server::run;
