//! Stage 1, **load**: files → sources. Reads `site.toml`, every content file, the site's own
//! templates and static files. Parses front matter; resolves nothing (that is `link`).

pub mod article;
pub mod control;
pub mod deceptive;
pub mod file_names;
pub mod frontmatter;
pub mod links;
pub mod source_file;
pub mod speaker;
pub mod topic;
pub mod translation;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

pub use article::{
    ArticleFront, ArticleSource, CorrectionFront, EventFront, QuoteFront, QuoteStatus,
};
pub use source_file::{SiteFile, SourceFile};
pub use speaker::{SpeakerFront, SpeakerSource};
pub use topic::{TopicFront, TopicSource};
pub use translation::{FileLanguage, LanguageSources, Translation};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};

/// Content files larger than this are refused rather than read into memory.
pub const MAX_CONTENT_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Everything read from disk, unresolved.
#[derive(Debug, Clone)]
pub struct Sources {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub config_file: SourceFile,
    pub articles: Vec<ArticleSource>,
    pub speakers: Vec<SpeakerSource>,
    pub topics: Vec<TopicSource>,
    pub templates: Vec<SiteFile>,
    pub static_files: Vec<SiteFile>,
    /// The site's translation table for its language (`i18n/<language>.toml`), if any.
    pub i18n: Option<SourceFile>,
    /// The translation files of each of the site's other languages (`[languages.<code>]`),
    /// in site.toml's order; empty on a site in one language.
    pub languages: Vec<LanguageSources>,
    /// Set on the sources of one of the site's other languages, as `link::translations`
    /// makes them from the originals and that language's translations; `None` otherwise.
    pub translated: Option<Translated>,
    /// Content files that could not be read or parsed (already reported), by content path
    /// (`speakers/x.md`): what names them is not reported again.
    pub failed: Vec<String>,
}

/// What the sources of a language other than the site's own know of the whole site.
#[derive(Debug, Clone)]
pub struct Translated {
    /// The site's root URL (`base_url`), where static files and the search index are; the
    /// language's own pages are under `<root>/<code>/`.
    pub root_url: String,
    /// Content files this language shows no translation of, and their URL in the site's
    /// own language: where a translated body's `@/` link to one of them goes.
    pub elsewhere: std::collections::HashMap<String, String>,
}

impl Sources {
    /// The URL of the site's root (static files, search index), with a trailing `/`.
    pub fn root_url(&self) -> String {
        match &self.translated {
            Some(translated) => translated.root_url.clone(),
            None => self.config.base_url(),
        }
    }
}

/// Reads the site at `root`. All problems are collected; any error fails the load.
pub fn load(root: &Path) -> Result<(Sources, Diagnostics), Diagnostics> {
    let (sources, diagnostics) = load_partial(root)?;
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok((sources, diagnostics))
}

/// Reads the site at `root`, keeping every file that could be read when others could not
/// (their errors are in the diagnostics, their paths in [`Sources::failed`]), so that the
/// link can still report the other files' problems in the same run. Fails only when
/// site.toml does.
pub fn load_partial(root: &Path) -> Result<(Sources, Diagnostics), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut failed = Vec::new();
    let config = load_config(root);
    let site = config.as_ref().ok().map(|(config, _)| config);
    let mut files = ContentFiles::default();
    for kind in ["articles", "speakers", "topics"] {
        sort_by_language(root, kind, site, &mut files, &mut diagnostics);
    }
    let articles = parse_all(
        root,
        &files.originals[0],
        &mut diagnostics,
        &mut failed,
        |file, front| ArticleSource { file, front },
    );
    let speakers = parse_all(
        root,
        &files.originals[1],
        &mut diagnostics,
        &mut failed,
        |file, front| SpeakerSource { file, front },
    );
    let topics = parse_all(
        root,
        &files.originals[2],
        &mut diagnostics,
        &mut failed,
        |file, front| TopicSource { file, front },
    );
    let templates = read_site_files(root, "templates", &mut diagnostics);
    let static_files = read_site_files(root, "static", &mut diagnostics);
    let (config, config_file) = match config {
        Ok(config) => config,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return Err(diagnostics);
        }
    };
    diagnostics
        .items
        .extend(translation::check_languages(&config, &config_file));
    let i18n = load_i18n(root, &config.language, &mut diagnostics);
    let languages = config
        .languages
        .iter()
        .map(|(code, language)| {
            load_language(root, code, language, &files, &mut diagnostics, &mut failed)
        })
        .collect();
    let sources = Sources {
        root: root.to_path_buf(),
        config,
        config_file,
        articles,
        speakers,
        topics,
        templates,
        static_files,
        i18n,
        languages,
        translated: None,
        failed,
    };
    Ok((sources, diagnostics))
}

/// The content files found, by kind (articles, speakers, topics): originals, and
/// translations by language.
#[derive(Default)]
struct ContentFiles {
    originals: [Vec<PathBuf>; 3],
    translations: Vec<(String, usize, PathBuf)>,
}

/// Sorts the `.md` files of `content/<kind>/` into originals and translations; a file in an
/// undeclared language is an error.
fn sort_by_language(
    root: &Path,
    kind: &str,
    site: Option<&SiteConfig>,
    files: &mut ContentFiles,
    diagnostics: &mut Diagnostics,
) {
    let index = ["articles", "speakers", "topics"]
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0);
    for path in content_files(root, kind, diagnostics) {
        if let Some(error) = file_names::not_unicode(root, &path) {
            diagnostics.push(error);
            continue;
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        // Without a site.toml (already an error) no file is read as a translation.
        let Some(site) = site else {
            if translation::language_suffix(&name).is_none() {
                files.originals[index].push(path);
            }
            continue;
        };
        match translation::file_language(&name, site) {
            FileLanguage::Original => files.originals[index].push(path),
            FileLanguage::Translation(code) => files.translations.push((code, index, path)),
            FileLanguage::Undeclared(suffix) => {
                let shown = crate::diagnostics::display_path(root, &path);
                diagnostics.push(translation::undeclared(&shown, &suffix, site));
            }
        }
    }
}

/// Reads the translation files and translation table of the language `code`.
fn load_language(
    root: &Path,
    code: &str,
    config: &crate::config::LanguageConfig,
    files: &ContentFiles,
    diagnostics: &mut Diagnostics,
    failed: &mut Vec<String>,
) -> LanguageSources {
    let paths = |kind: usize| -> Vec<PathBuf> {
        files
            .translations
            .iter()
            .filter(|(c, k, _)| c == code && *k == kind)
            .map(|(_, _, path)| path.clone())
            .collect()
    };
    LanguageSources {
        code: code.to_string(),
        config: config.clone(),
        i18n: load_i18n(root, code, diagnostics),
        articles: parse_translations(root, &paths(0), "articles", diagnostics, failed),
        speakers: parse_translations(root, &paths(1), "speakers", diagnostics, failed),
        topics: parse_translations(root, &paths(2), "topics", diagnostics, failed),
    }
}

/// Parses translation files; an unknown field's error says what a translation may hold.
fn parse_translations<F: DeserializeOwned + Send>(
    root: &Path,
    paths: &[PathBuf],
    kind: &str,
    diagnostics: &mut Diagnostics,
    failed: &mut Vec<String>,
) -> Vec<Translation<F>> {
    // A translation that failed is not an original that failed: names resolve as before.
    let _ = failed;
    let mut errors = Diagnostics::default();
    let parsed = parse_all(root, paths, &mut errors, &mut Vec::new(), |file, front| {
        Translation { file, front }
    });
    for error in errors.items {
        diagnostics.push(translation::explain_unknown_field(error, kind));
    }
    parsed
}

/// The site's translation table for `language`: `i18n/<language>.toml` (`i18n/fa-IR.toml`),
/// else `i18n/<primary subtag>.toml` (`i18n/fa.toml`).
fn load_i18n(root: &Path, language: &str, diagnostics: &mut Diagnostics) -> Option<SourceFile> {
    let primary = crate::strings::primary_subtag(language);
    let shown = [language, primary.as_str()]
        .into_iter()
        .map(|name| PathBuf::from("i18n").join(format!("{name}.toml")))
        .find(|shown| root.join(shown).is_file())?;
    if let Some(error) = links::leads_outside(root, &root.join(&shown)) {
        diagnostics.push(error);
        return None;
    }
    match read_text(&root.join(&shown), &shown) {
        Ok(text) => Some(SourceFile {
            path: shown,
            content_path: String::new(),
            front_offset: 0,
            body_offset: text.len(),
            text,
        }),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// Reads and checks `site.toml` at `root`.
pub fn load_config(root: &Path) -> Result<(SiteConfig, SourceFile), Diagnostic> {
    let path = root.join("site.toml");
    let shown = PathBuf::from("site.toml");
    if !path.is_file() {
        return Err(Diagnostic::error(format!(
            "no site.toml in {}",
            root.display()
        ))
        .in_file(shown)
        .help("run dossier from the site's root folder, pass --root DIR, or create a site with `dossier init DIR`"));
    }
    let text = read_text(&path, &shown)?;
    let file = SourceFile {
        path: shown.clone(),
        content_path: "site.toml".into(),
        text: text.clone(),
        front_offset: 0,
        body_offset: text.len(),
    };
    if let Some(error) = control_error(&file, 0, text.len()) {
        return Err(error);
    }
    if let Some(error) = deceptive_error(&file, 0, text.len()) {
        return Err(error);
    }
    let mut config: SiteConfig = frontmatter::parse_toml(&text, 0, &shown, &text)?;
    match crate::config::parse_base_url(config.base_url.get_ref()) {
        Ok(normal) => config.base_url = toml::Spanned::new(config.base_url.span(), normal),
        Err((what, help)) => {
            return Err(Diagnostic::error(format!("invalid `base_url`: {what}"))
                .at(file.location(config.base_url.span()))
                .help(help));
        }
    }
    Ok((config, file))
}

/// Parses one content file from memory (used by tests and the fuzzer; the loader reads
/// files the same way).
pub fn parse_content<F: DeserializeOwned>(
    content_path: &str,
    bytes: Vec<u8>,
) -> Result<(SourceFile, F), Diagnostic> {
    let shown = Path::new("content").join(content_path);
    let text = decode_text(bytes, &shown)?;
    let file = SourceFile {
        path: shown,
        content_path: content_path.to_string(),
        text,
        front_offset: 0,
        body_offset: 0,
    };
    parse_file(file)
}

fn parse_file<F: DeserializeOwned>(file: SourceFile) -> Result<(SourceFile, F), Diagnostic> {
    let split = frontmatter::split(&file.text, &file.path, &file.text)?;
    if let Some(error) = control_error(&file, split.front_offset, split.body_offset) {
        return Err(error);
    }
    if let Some(error) = deceptive_error(&file, split.front_offset, split.body_offset) {
        return Err(error);
    }
    let front: F =
        frontmatter::parse_toml(split.front, split.front_offset, &file.path, &file.text)?;
    let file = SourceFile {
        front_offset: split.front_offset,
        body_offset: split.body_offset,
        ..file
    };
    Ok((file, front))
}

/// A bidirectional control or invisible character in the front matter of `file` (between
/// `front_offset` and `body_offset`), raw or as an escape, as an error at its place.
fn deceptive_error(
    file: &SourceFile,
    front_offset: usize,
    body_offset: usize,
) -> Option<Diagnostic> {
    let front = file.text.get(front_offset..body_offset)?;
    let (span, c, escaped) = match deceptive::first_raw(front) {
        Some((span, c)) => (span, c, false),
        None => {
            let (span, c) = control::first_escape_of(front, deceptive::is_deceptive)?;
            (span, c, true)
        }
    };
    let written = if escaped {
        "written as an escape"
    } else {
        "invisible"
    };
    Some(
        Diagnostic::error(format!("{} in the front matter", deceptive::describe(c)))
            .at(file.location((span.start + front_offset)..(span.end + front_offset)))
            .label(format!(
                "{written}: the text does not display as what it is"
            ))
            .help(deceptive::help(c)),
    )
}

/// A control character in `file` (raw, or as an escape in the TOML between `front_offset`
/// and `body_offset`), as an error at its place.
fn control_error(file: &SourceFile, front_offset: usize, body_offset: usize) -> Option<Diagnostic> {
    if let Some((span, c, count)) = control::first_raw(&file.text) {
        let part = match (file.content_path.as_str(), span.start < body_offset) {
            ("site.toml", _) => "site settings",
            (_, true) => "front matter",
            (_, false) => "body",
        };
        let more = match count {
            1 => String::new(),
            n => format!(" ({} more in this file)", n - 1),
        };
        return Some(Diagnostic::error(format!(
            "control character {} in the {part}{more}",
            control::describe(c)
        ))
        .at(file.location(span))
        .label("invisible control character")
        .help("delete it: HTML forbids control characters, and most editors do not show them (they often come from copying out of a PDF or a terminal)"));
    }
    let front = file.text.get(front_offset..body_offset)?;
    let (span, c) = control::first_escape(front)?;
    Some(
        Diagnostic::error(format!(
            "this escape writes the control character {}",
            control::describe(c)
        ))
        .at(file.location((span.start + front_offset)..(span.end + front_offset)))
        .help("remove the escape: HTML forbids control characters"),
    )
}

/// Every `.md` file of `content/<kind>/`, sorted by name; other files are warned about.
fn content_files(root: &Path, kind: &str, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = root.join("content").join(kind);
    let mut paths = Vec::new();
    let mut walk = WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        if let Ok(entry) = &entry
            && entry.path_is_symlink()
            && let Some(error) = links::leads_outside(root, entry.path())
        {
            diagnostics.push(error);
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if entry.path().extension().is_some_and(|ext| ext == "md") {
                    paths.push(entry.into_path());
                } else if !is_hidden_or_backup(entry.file_name()) {
                    diagnostics.push(not_markdown(root, entry.path()));
                }
            }
            Ok(_) => {}
            Err(err)
                if err
                    .io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
                    && err.path() == Some(dir.as_path()) => {}
            Err(err) => diagnostics.push(walk_error(root, &err)),
        }
    }
    paths
}

/// Reads and parses the front matter of `paths`, in parallel.
fn parse_all<F: DeserializeOwned + Send, S: Send>(
    root: &Path,
    paths: &[PathBuf],
    diagnostics: &mut Diagnostics,
    failed: &mut Vec<String>,
    make: impl Fn(SourceFile, F) -> S + Sync,
) -> Vec<S> {
    let results: Vec<Result<S, Diagnostic>> = paths
        .par_iter()
        .map(|path| {
            let (file, front) = parse_file(read_content_file(root, path)?)?;
            Ok(make(file, front))
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for (path, result) in paths.iter().zip(results) {
        match result {
            Ok(source) => out.push(source),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                failed.push(content_path(root, path));
            }
        }
    }
    out
}

/// Editor and system droppings (`.DS_Store`, `.#x.md`, `x.md~`, `x.md.swp`) pass silently.
fn is_hidden_or_backup(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".bak")
}

/// A file beside the content that is not Markdown: not published (dossier has no page
/// assets; static/ is where files go), so say so.
fn not_markdown(root: &Path, path: &Path) -> Diagnostic {
    let shown = crate::diagnostics::display_path(root, path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Diagnostic::warning(format!(
        "{} is not a Markdown file, so it is not published",
        shown.display()
    ))
    .in_file(shown)
    .help(format!(
        "put images and other files under static/ (static/img/{name} is published as /img/{name}) and link them from the article"
    ))
}

/// Reads one content file and parses its front matter.
fn read_source<F: DeserializeOwned, S>(
    root: &Path,
    path: &Path,
    make: &impl Fn(SourceFile, F) -> S,
) -> Result<S, Diagnostic> {
    let (file, front) = parse_file(read_content_file(root, path)?)?;
    Ok(make(file, front))
}

/// Reads one article exactly as [`load`] does (`serve` re-reads only the files that changed).
pub fn load_article(root: &Path, path: &Path) -> Result<ArticleSource, Diagnostic> {
    read_source(root, path, &|file, front| ArticleSource { file, front })
}

/// Reads one speaker file exactly as [`load`] does.
pub fn load_speaker(root: &Path, path: &Path) -> Result<SpeakerSource, Diagnostic> {
    read_source(root, path, &|file, front| SpeakerSource { file, front })
}

/// Reads one topic file exactly as [`load`] does.
pub fn load_topic(root: &Path, path: &Path) -> Result<TopicSource, Diagnostic> {
    read_source(root, path, &|file, front| TopicSource { file, front })
}

fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let shown = err
        .path()
        .map(|p| crate::diagnostics::display_path(root, p))
        .unwrap_or_default();
    if let Some(ancestor) = err.loop_ancestor() {
        // The walker reports the ancestor canonicalised: show it relative to the root too.
        let ancestor = match std::fs::canonicalize(root) {
            Ok(canonical) if ancestor.starts_with(&canonical) => {
                crate::diagnostics::display_path(&canonical, ancestor)
            }
            _ => crate::diagnostics::display_path(root, ancestor),
        };
        return Diagnostic::error(format!(
            "symbolic link loop: {} points back to {}",
            shown.display(),
            ancestor.display()
        ))
        .in_file(shown)
        .help("remove the link or point it outside its own folder");
    }
    Diagnostic::error(format!("cannot read {}: {err}", shown.display())).in_file(shown)
}

/// A content file's path relative to `content/`, `/`-separated: what `@/` links name.
pub fn content_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root.join("content"))
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_content_file(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let shown = crate::diagnostics::display_path(root, path);
    let text = read_text(path, &shown)?;
    Ok(content_file(root, path, text))
}

/// The content file at `path` (under `root`) with the text `text`, not yet parsed.
fn content_file(root: &Path, path: &Path, text: Arc<str>) -> SourceFile {
    SourceFile {
        path: crate::diagnostics::display_path(root, path),
        content_path: content_path(root, path),
        text,
        front_offset: 0,
        body_offset: 0,
    }
}

/// Parses the content file at `path` from `text` instead of the disk, exactly as [`load`]
/// parses what it reads: the language server checks an editor's unsaved text this way.
pub fn parse_text<F: DeserializeOwned>(
    root: &Path,
    path: &Path,
    text: Arc<str>,
) -> Result<(SourceFile, F), Diagnostic> {
    parse_file(content_file(root, path, text))
}

/// Reads a UTF-8 text file, refusing huge files and pointing at the first invalid byte.
fn read_text(path: &Path, shown: &Path) -> Result<Arc<str>, Diagnostic> {
    let io_error = |err: std::io::Error| {
        Diagnostic::error(format!("cannot read {}: {err}", shown.display())).in_file(shown)
    };
    let size = std::fs::metadata(path).map_err(io_error)?.len();
    if size > MAX_CONTENT_FILE_BYTES {
        return Err(Diagnostic::error(format!(
            "file is too large: {:.1} MB (the limit is {} MB)",
            size as f64 / 1e6,
            MAX_CONTENT_FILE_BYTES / 1024 / 1024
        ))
        .in_file(shown)
        .help("split the article, or move large attachments to static/"));
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    decode_text(bytes, shown)
}

/// Decodes UTF-8, pointing at the first invalid byte otherwise.
fn decode_text(bytes: Vec<u8>, shown: &Path) -> Result<Arc<str>, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Arc::from(text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(err.as_bytes()).into_owned());
            // The lossy text has the same bytes up to `valid`, so the offset holds.
            Err(Diagnostic::error("file is not valid UTF-8")
                .at(Location {
                    path: shown.to_path_buf(),
                    source: Some(lossy),
                    span: Some(valid..valid + 1),
                })
                .label("invalid byte here")
                .help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)"))
        }
    }
}

/// Reads the site's `static/` files exactly as [`load`] does (`serve` re-reads them alone).
pub fn load_static_files(root: &Path) -> Result<Vec<SiteFile>, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let files = read_site_files(root, "static", &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(files)
}

/// Reads every file under `root/<dir>` (the site's templates or static files).
fn read_site_files(root: &Path, dir: &str, diagnostics: &mut Diagnostics) -> Vec<SiteFile> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut walk = WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diagnostics.push(walk_error(root, &err));
                continue;
            }
        };
        if entry.path_is_symlink()
            && let Some(error) = links::leads_outside(root, entry.path())
        {
            diagnostics.push(error);
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if let Some(error) = file_names::not_unicode(root, path) {
            diagnostics.push(error);
            continue;
        }
        let name = path
            .strip_prefix(&base)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        match std::fs::read(path) {
            Ok(bytes) => files.push(SiteFile {
                name,
                path: crate::diagnostics::display_path(root, path),
                bytes: Arc::from(bytes),
            }),
            Err(err) => diagnostics.push(
                Diagnostic::error(format!("cannot read {}: {err}", path.display()))
                    .in_file(crate::diagnostics::display_path(root, path)),
            ),
        }
    }
    diagnostics
        .items
        .extend(file_names::duplicates(dir, &files));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Result<(SourceFile, ArticleFront), Diagnostic> {
        parse_content::<ArticleFront>("articles/2024-01-01-fake.md", text.as_bytes().to_vec())
    }

    #[test]
    fn a_file_keeps_its_paths_text_and_where_front_matter_and_body_start() {
        let text = "+++\ntitle = \"Fake\"\ndate = 2024-01-01\n+++\nThe body.\n";
        let (file, front) = article(text).unwrap();
        assert_eq!(file.path, Path::new("content/articles/2024-01-01-fake.md"));
        assert_eq!(file.content_path, "articles/2024-01-01-fake.md");
        assert_eq!(file.stem(), "2024-01-01-fake");
        assert_eq!(file.body(), "The body.\n");
        assert_eq!(&file.text[file.front_offset..][..5], "title");
        assert_eq!(front.title.get_ref(), "Fake");
        // A span from toml (relative to the front matter) becomes one into the whole file.
        let location = file.front_location(front.title.span());
        assert_eq!(
            crate::diagnostics::line_col(&file.text, location.span.unwrap().start),
            (2, 9)
        );
    }

    #[test]
    fn a_byte_order_mark_and_crlf_endings_parse_like_any_file() {
        let text = "\u{feff}+++\r\ntitle = \"Fake\"\r\ndate = 2024-01-01\r\n+++\r\nBody.\r\n";
        let (file, front) = article(text).unwrap();
        assert_eq!(front.title.get_ref(), "Fake");
        assert_eq!(file.body(), "Body.\r\n");
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line_and_column_with_a_did_you_mean() {
        let text = "+++\ntitle = \"Fake\"\ndate = 2024-01-01\n\n[[quotes]]\nspeaker = \"x\"\ntxet = \"Words.\"\n+++\n";
        let error = article(text).unwrap_err();
        assert_eq!(error.message, "unknown field `txet`");
        assert_eq!(error.help.as_deref(), Some("did you mean `text`?"));
        assert_eq!(error.line_col(), Some((7, 1)));
        let location = error.location.unwrap();
        assert_eq!(
            location.path,
            Path::new("content/articles/2024-01-01-fake.md")
        );
        // Under CRLF line endings and a BOM, the same key is at the same line and column.
        let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        assert_eq!(article(&crlf).unwrap_err().line_col(), Some((7, 1)));
    }

    #[test]
    fn a_bare_toml_date_and_a_datetime_with_offset_are_read() {
        for date in ["2025-03-12", "2025-03-12T22:21:00+03:30"] {
            let text = format!("+++\ntitle = \"Fake\"\ndate = {date}\n+++\n");
            let (_, front) = article(&text).unwrap();
            assert_eq!(front.date.get_ref().to_string(), date);
        }
        let text = "+++\ntitle = \"Fake\"\ndate = \"2025-03-12\"\n+++\n";
        let error = article(text).unwrap_err();
        assert_eq!(error.line_col(), Some((3, 8)), "{}", error.message);
    }

    #[test]
    fn invalid_utf8_points_at_the_first_bad_byte() {
        let bytes = b"+++\ntitle = \"caf\xe9\"\ndate = 2024-01-01\n+++\n".to_vec();
        let error = parse_content::<ArticleFront>("articles/bad.md", bytes).unwrap_err();
        assert_eq!(error.message, "file is not valid UTF-8");
        assert_eq!(error.line_col(), Some((2, 13)));
        assert_eq!(error.label.as_deref(), Some("invalid byte here"));
    }
}
