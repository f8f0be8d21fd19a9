//! `dossier new` and `dossier init`: write new content files and new sites with valid
//! front matter. They refuse to overwrite anything.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Diagnostics, unknown_name_help};
use crate::link::slugs;

/// A TOML string literal for `text`, escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Slugs of the existing speakers or topics (their file names), sorted.
fn existing_slugs(root: &Path, kind: &str) -> Vec<String> {
    let mut slugs: Vec<String> = std::fs::read_dir(root.join("content").join(kind))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".md").map(slugs::slugify)
        })
        .collect();
    slugs.sort();
    slugs
}

/// One error per name in `wanted` that names no existing speaker or topic.
fn check_names(root: &Path, kind: &str, wanted: &[String]) -> Vec<Diagnostic> {
    let known = existing_slugs(root, &format!("{kind}s"));
    let create = format!("dossier new {kind} \"…\"");
    wanted
        .iter()
        .filter(|name| !known.contains(name))
        .map(|name| {
            let help = match unknown_name_help(
                name,
                known.iter().map(String::as_str).collect::<Vec<_>>(),
                None,
            ) {
                Some(help) => format!("{help} (for a new {kind}: `{create}`)"),
                None => format!("create it first: {create}"),
            };
            Diagnostic::error(format!("unknown {kind} `{name}`")).help(help)
        })
        .collect()
}

/// Writes `text` to `path`, refusing to replace an existing file.
fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|err| {
            Diagnostic::error(format!("cannot create {}: {err}", parent.display()))
        })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|err| {
            if err.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::error(format!(
                    "{} already exists; not overwriting it",
                    path.display()
                ))
                .help("choose another title, or edit the existing file")
            } else {
                Diagnostic::error(format!("cannot write {}: {err}", path.display()))
            }
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|err| Diagnostic::error(format!("cannot write {}: {err}", path.display())))
}

/// File names are cut to this many characters of slug (at a word boundary): a long title
/// stays the title, not the file name (file systems refuse names over 255 bytes).
pub const MAX_FILE_SLUG: usize = 60;

/// `slug` cut to at most `max` characters, at a `-` between words when there is one.
fn cut_slug(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    // A slug is ASCII: any byte index is a character boundary.
    match slug[..=max].rfind('-') {
        Some(at) if at > 0 => &slug[..at],
        _ => slug[..max].trim_end_matches('-'),
    }
}

fn slug_of(title: &str) -> Result<String, Diagnostic> {
    let slug = cut_slug(&slugs::slugify(title), MAX_FILE_SLUG).to_string();
    if slug.is_empty() {
        return Err(
            Diagnostic::error(format!("cannot make a file name from `{title}`"))
                .help("use a title with letters or digits"),
        );
    }
    Ok(slug)
}

/// `dossier new article`: `content/articles/<date>-<slug>.md`.
pub fn new_article(
    root: &Path,
    title: &str,
    date: NaiveDate,
    topics: &[String],
    speakers: &[String],
) -> Result<PathBuf, Diagnostics> {
    let mut errors = Diagnostics::default();
    for error in check_names(root, "topic", topics)
        .into_iter()
        .chain(check_names(root, "speaker", speakers))
    {
        errors.push(error);
    }
    if errors.has_errors() {
        return Err(errors);
    }
    let slug = slug_of(title)?;
    let path = root
        .join("content/articles")
        .join(format!("{}-{slug}.md", date.format("%Y-%m-%d")));
    let text = format!(
        "+++\ntitle = {}\ndate = {}\n# summary = \"One or two sentences in your own words.\"\n# author = \"\"\n# source = \"\"\n# source_url = \"https://…\"\ntopics = {}\nspeakers = {}\n\n# [[quotes]]\n# speaker = \"<speaker slug>\"\n# text = \"The exact words, verbatim.\"\n# context = \"Where and when it was said\"\n+++\nWrite the summary and analysis here, in Markdown.\n",
        toml_string(title),
        date.format("%Y-%m-%d"),
        toml_list(topics),
        toml_list(speakers),
    );
    write_new(&path, &text)?;
    Ok(path)
}

/// `dossier new speaker`: `content/speakers/<slug>.md`.
pub fn new_speaker(root: &Path, name: &str) -> Result<PathBuf, Diagnostic> {
    let path = root
        .join("content/speakers")
        .join(format!("{}.md", slug_of(name)?));
    let text = format!(
        "+++\nname = {}\n# role = \"\"\n# country = \"\"\n# aliases = []\n# wikidata = \"Q…\"\n+++\nA short, neutral biography.\n",
        toml_string(name)
    );
    write_new(&path, &text)?;
    Ok(path)
}

/// `dossier new topic`: `content/topics/<slug>.md`.
pub fn new_topic(root: &Path, title: &str) -> Result<PathBuf, Diagnostic> {
    let path = root
        .join("content/topics")
        .join(format!("{}.md", slug_of(title)?));
    let text = format!(
        "+++\ntitle = {}\n# description = \"One sentence.\"\n# related = []\n+++\nBackground on this topic.\n",
        toml_string(title)
    );
    write_new(&path, &text)?;
    Ok(path)
}

/// `dossier init DIR`: a new, empty dossier using the embedded theme, with one example
/// article, speaker and topic (all clearly fake) so that it builds and checks clean at once.
pub fn init(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists() {
        let non_empty = std::fs::read_dir(dir)
            .map(|mut e| e.next().is_some())
            .unwrap_or(true);
        if non_empty {
            return Err(Diagnostic::error(format!(
                "{} is not empty; refusing to scaffold a site into it",
                dir.display()
            ))
            .help("choose a new or empty folder: dossier init my-dossier"));
        }
    }
    let date = today.format("%Y-%m-%d");
    let files: [(&str, String); 4] = [
        (
            "site.toml",
            "title = \"My Dossier\"\ndescription = \"Statements, events and quotes on one topic.\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n\n# Templates and static files placed in templates/ and static/ override the built-in theme by name.\n# [feeds]\n# limit = 50\n# [extra]\n".into(),
        ),
        (
            "content/speakers/example-speaker.md",
            "+++\nname = \"Example Speaker\"\nrole = \"Spokesperson of an example organisation\"\n+++\nThis speaker is an example. Replace or delete this file.\n".into(),
        ),
        (
            "content/topics/example-topic.md",
            "+++\ntitle = \"Example topic\"\ndescription = \"A topic to show how topics work.\"\n+++\nBackground on the example topic.\n".into(),
        ),
        (
            "content/articles/example-article.md",
            format!(
                "+++\ntitle = \"An example article\"\ndate = {date}\nsource = \"Example News\"\nsource_url = \"https://news.example.com/example-article\"\nsummary = \"An example of an article with one quote. Replace it with real reporting.\"\ntopics = [\"example-topic\"]\nspeakers = [\"example-speaker\"]\n\n[[quotes]]\nspeaker = \"example-speaker\"\ntext = \"This is an example quote.\"\ncontext = \"Example press conference\"\n+++\nThe body of the article: summary and analysis in Markdown. Link to [the topic](@/topics/example-topic.md).\n"
            ),
        ),
    ];
    let mut written = Vec::new();
    for (path, text) in files {
        let path = dir.join(path);
        write_new(&path, &text)?;
        written.push(path);
    }
    for folder in ["templates", "static"] {
        std::fs::create_dir_all(dir.join(folder))
            .map_err(|err| Diagnostic::error(format!("cannot create {folder}/: {err}")))?;
    }
    std::fs::write(dir.join(".gitignore"), "public/\n")
        .map_err(|err| Diagnostic::error(format!("cannot write .gitignore: {err}")))?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_make_file_names_cut_at_a_word() {
        let title = "Talks ".repeat(1000);
        let slug = slug_of(&title).unwrap();
        assert!(slug.len() <= MAX_FILE_SLUG, "{}", slug.len());
        assert!(slug.starts_with("talks-talks-") && !slug.ends_with('-'));
        assert_eq!(cut_slug("abcdef-ghi", 8), "abcdef");
        assert_eq!(cut_slug("abcdef-ghi", 6), "abcdef");
        assert_eq!(cut_slug("abcdefghij", 4), "abcd");
        assert_eq!(cut_slug("short", 60), "short");
    }
}
