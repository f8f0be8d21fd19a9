//! `dossier new` and `dossier init`: write new content files and new sites with valid
//! front matter. They refuse to overwrite anything.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

mod files;
mod theme;
mod translation;
pub use files::MAX_FILE_SLUG;
use files::{slug_of, toml_string, write_new};
pub use theme::{ThemeFile, eject_theme, theme_diff, theme_files};
pub use translation::new_translation;

use crate::diagnostics::{Diagnostic, Diagnostics, unknown_name_help};
use crate::link::slugs;

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
    wanted
        .iter()
        .filter(|name| !known.contains(name))
        .map(|name| {
            let create = slugs::new_command(kind, name);
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
    let slug = slug_of(files::slug_mode(root), title)?;
    let path = root
        .join("content/articles")
        .join(format!("{}-{slug}.md", date.format("%Y-%m-%d")));
    let text = format!(
        "+++\ntitle = {}\ndate = {date}\n# summary = \"One or two sentences in your own words.\"\n# author = \"\"\n# source = \"\"\n# source_url = \"https://…\"\ntopics = {}\nspeakers = {}\n\n# [[quotes]]\n# id = \"{speaker}-{date}-<first-words>\"   # the quote's URL (/quotes/<id>/): never change it once published\n# speaker = \"{speaker}\"\n# text = \"The exact words, verbatim.\"\n# context = \"Where and when it was said\"\n+++\nWrite the summary and analysis here, in Markdown.\n",
        toml_string(title),
        toml_list(topics),
        toml_list(speakers),
        date = date.format("%Y-%m-%d"),
        speaker = speakers.first().map_or("<speaker slug>", String::as_str),
    );
    write_new(&path, &text)?;
    Ok(path)
}

/// `dossier new speaker`: `content/speakers/<slug>.md`.
pub fn new_speaker(root: &Path, name: &str) -> Result<PathBuf, Diagnostic> {
    let path = root
        .join("content/speakers")
        .join(format!("{}.md", slug_of(files::slug_mode(root), name)?));
    write_new(&path, &speaker_file(name))?;
    Ok(path)
}

/// The text of a new speaker file (`dossier new speaker`, the language server's "create
/// speaker" fix).
pub fn speaker_file(name: &str) -> String {
    format!(
        "+++\nname = {}\n# role = \"\"\n# country = \"\"\n# aliases = []\n# wikidata = \"Q…\"\n+++\nA short, neutral biography.\n",
        toml_string(name)
    )
}

/// `dossier new topic`: `content/topics/<slug>.md`.
pub fn new_topic(root: &Path, title: &str) -> Result<PathBuf, Diagnostic> {
    let path = root
        .join("content/topics")
        .join(format!("{}.md", slug_of(files::slug_mode(root), title)?));
    write_new(&path, &topic_file(title))?;
    Ok(path)
}

/// The text of a new topic file (`dossier new topic`, the language server's "create
/// topic" fix).
pub fn topic_file(title: &str) -> String {
    format!(
        "+++\ntitle = {}\n# description = \"One sentence.\"\n# related = []\n+++\nBackground on this topic.\n",
        toml_string(title)
    )
}

/// Whether `dossier init` writes a CI workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ci {
    /// `.github/workflows/publish.yml`: GitHub Pages, with the pinned release of dossier.
    #[default]
    GitHub,
    /// No workflow.
    None,
}

/// Where this crate's source lives (`repository` in Cargo.toml), without a trailing `/`.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The version this binary is, which `init`'s workflow pins.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The workflow template: `@VERSION@` and `@RELEASES@` are filled in by
/// [`publish_workflow`].
pub const PUBLISH_WORKFLOW_TEMPLATE: &str = include_str!("scaffold/publish.yml");

/// Where the release files of every version are: `<this>/v<version>/<archive>`.
pub fn releases_url() -> String {
    format!("{}/releases/download", REPOSITORY.trim_end_matches('/'))
}

/// The GitHub Pages workflow `dossier init` writes, pinned to this version of dossier.
pub fn publish_workflow() -> String {
    PUBLISH_WORKFLOW_TEMPLATE
        .replace("@VERSION@", VERSION)
        .replace("@RELEASES@", &releases_url())
}

/// What `.gitignore` of a new site ignores: the output, and the temporary folders a build
/// writes beside it (left behind only if a build is killed; the next build removes them).
pub const GITIGNORE: &str = "# dossier build output, and the temporary folders a build writes beside it\npublic/\n.*.dossier-new-*/\n.*.dossier-old-*/\n# dossier's own cache (check --external's links.json, the search index's pages)\n.dossier/\n";

/// The next steps `dossier init` prints, as shell lines with `#` comments: what to run in
/// the new site. `dir` is the folder as the user named it.
pub fn next_steps(dir: &Path, ci: Ci) -> String {
    let mut steps = format!(
        "Next steps:\n  cd {}\n  dossier serve            # preview at http://127.0.0.1:1111/, reloaded on every save; it holds this terminal until Ctrl-C, so run the rest in a second one\n  dossier new article \"A first real article\" --topic example-topic\n  dossier check            # every error and warning at once; writes nothing\n  dossier build            # the site, into public/\n",
        shell_word(&dir.to_string_lossy())
    );
    match ci {
        Ci::GitHub => steps.push_str(
            "  git init -b main && git add . && git commit -m \"A new dossier\"\n  # push it to a new GitHub repository: git remote add origin <its URL> && git push -u origin main\n  # then, once, on GitHub: Settings → Pages → Build and deployment → Source: GitHub Actions\n  # .github/workflows/publish.yml then publishes the site on every push to main\n",
        ),
        Ci::None => steps.push_str(
            "  # publishing: docs/publishing.md in dossier's repository, or upload public/ to any static host\n",
        ),
    }
    steps.push_str("  # editors without a terminal: `dossier cms` adds a browser editor (docs/cms.md in dossier's repository)\n");
    steps
}

/// `word` as one shell word: unchanged when it is plainly safe, else single-quoted.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./+:@".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// `dossier init DIR`: a new, empty dossier using the embedded theme, with one example
/// article, speaker and topic (all clearly fake) so that it builds and checks clean at once,
/// a `.gitignore`, and (with [`Ci::GitHub`]) the GitHub Pages workflow.
pub fn init(dir: &Path, today: NaiveDate, ci: Ci) -> Result<Vec<PathBuf>, Diagnostic> {
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
    let mut files: Vec<(&str, String)> = vec![
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
                "+++\ntitle = \"An example article\"\ndate = {date}\nsource = \"Example News\"\nsource_url = \"https://news.example.com/example-article\"\nsummary = \"An example of an article with one quote. Replace it with real reporting.\"\ntopics = [\"example-topic\"]\nspeakers = [\"example-speaker\"]\n\n[[quotes]]\nid = \"example-speaker-{date}-this-is-an-example-quote\"\nspeaker = \"example-speaker\"\ntext = \"This is an example quote.\"\ncontext = \"Example press conference\"\n+++\nThe body of the article: summary and analysis in Markdown. Link to [the topic](@/topics/example-topic.md).\n"
            ),
        ),
        (".gitignore", GITIGNORE.into()),
    ];
    if ci == Ci::GitHub {
        files.push((".github/workflows/publish.yml", publish_workflow()));
    }
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
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::files::cut_slug;
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
    }

    #[test]
    fn the_workflow_is_filled_in_completely() {
        let workflow = publish_workflow();
        assert!(!workflow.contains("@VERSION@") && !workflow.contains("@RELEASES@"));
        assert!(workflow.contains(&format!("DOSSIER_VERSION: \"{VERSION}\"")));
        assert!(workflow.contains(&format!(
            "{}/releases/download/v${{DOSSIER_VERSION}}",
            REPOSITORY
        )));
    }

    #[test]
    fn init_writes_the_site_the_gitignore_and_the_workflow_and_refuses_a_non_empty_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("new-site");
        let written = init(&site, date(), Ci::GitHub).unwrap();
        for path in [
            "site.toml",
            "content/articles/example-article.md",
            ".gitignore",
            ".github/workflows/publish.yml",
        ] {
            assert!(written.contains(&site.join(path)), "{path} not reported");
            assert!(site.join(path).is_file(), "{path} not written");
        }
        assert!(site.join("templates").is_dir() && site.join("static").is_dir());
        let article =
            std::fs::read_to_string(site.join("content/articles/example-article.md")).unwrap();
        assert!(article.contains("date = 2026-01-02"));
        let err = init(&site, date(), Ci::GitHub).unwrap_err();
        assert!(err.message.contains("is not empty"), "{}", err.message);
    }

    #[test]
    fn init_without_ci_writes_no_workflow() {
        let tmp = tempfile::tempdir().unwrap();
        let written = init(tmp.path(), date(), Ci::None).unwrap();
        assert!(!tmp.path().join(".github").exists());
        assert!(
            written
                .iter()
                .all(|p| !p.to_string_lossy().contains(".github"))
        );
    }

    #[test]
    fn the_gitignore_covers_the_output_and_the_temporary_folders() {
        let lines: Vec<&str> = GITIGNORE.lines().collect();
        for wanted in [
            "public/",
            ".*.dossier-new-*/",
            ".*.dossier-old-*/",
            ".dossier/",
        ] {
            assert!(lines.contains(&wanted), "{wanted} missing");
        }
    }

    #[test]
    fn next_steps_quote_the_folder_for_the_shell() {
        assert!(next_steps(Path::new("my-dossier"), Ci::GitHub).contains("\n  cd my-dossier\n"));
        assert!(
            next_steps(Path::new("my dossier's"), Ci::None).contains("\n  cd 'my dossier'\\''s'\n")
        );
        assert!(next_steps(Path::new("x"), Ci::GitHub).contains("Source: GitHub Actions"));
        assert!(next_steps(Path::new("x"), Ci::None).contains("`dossier cms`"));
        assert!(
            next_steps(Path::new("x"), Ci::None)
                .contains("it holds this terminal until Ctrl-C, so run the rest in a second one")
        );
        assert!(!next_steps(Path::new("x"), Ci::None).contains("git init"));
    }

    #[test]
    fn new_files_get_slugged_names_and_never_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let speaker = new_speaker(root, "Jane Q. Example").unwrap();
        assert_eq!(speaker, root.join("content/speakers/jane-q-example.md"));
        let topic = new_topic(root, "Fake Topic: Ünïcode").unwrap();
        assert_eq!(topic, root.join("content/topics/fake-topic-unicode.md"));
        let article = new_article(
            root,
            "A \"quoted\" title",
            date(),
            &["fake-topic-unicode".into()],
            &["jane-q-example".into()],
        )
        .unwrap();
        assert_eq!(
            article,
            root.join("content/articles/2026-01-02-a-quoted-title.md")
        );
        let text = std::fs::read_to_string(&article).unwrap();
        // The title survives as a TOML string, quotes and all.
        let front = text.split("+++").nth(1).unwrap();
        let table: toml::Table = toml::from_str(front).unwrap();
        assert_eq!(table["title"].as_str(), Some("A \"quoted\" title"));
        assert_eq!(table["date"].to_string(), "2026-01-02");
        let again = new_speaker(root, "Jane Q. Example").unwrap_err();
        assert!(again.message.contains("already exists"));
        assert!(
            new_topic(root, "!!!")
                .unwrap_err()
                .message
                .contains("cannot make a file name")
        );
    }

    #[test]
    fn new_article_refuses_unknown_topics_and_speakers_with_a_suggestion() {
        let tmp = tempfile::tempdir().unwrap();
        new_topic(tmp.path(), "Fake topic").unwrap();
        let errors = new_article(tmp.path(), "T", date(), &["fake-topc".into()], &[]).unwrap_err();
        assert_eq!(errors.items.len(), 1);
        let err = &errors.items[0];
        assert!(err.message.contains("unknown topic `fake-topc`"));
        assert!(
            err.help.iter().any(|h| h.contains("fake-topic")),
            "{:?}",
            err.help
        );
        assert!(!tmp.path().join("content/articles").exists());
    }

    #[test]
    fn long_titles_make_file_names_cut_at_a_word() {
        let title = "Talks ".repeat(1000);
        let slug = slug_of(crate::config::SlugMode::Unicode, &title).unwrap();
        assert!(slug.len() <= MAX_FILE_SLUG, "{}", slug.len());
        assert!(slug.starts_with("talks-talks-") && !slug.ends_with('-'));
        assert_eq!(cut_slug("abcdef-ghi", 8), "abcdef");
        assert_eq!(cut_slug("abcdef-ghi", 6), "abcdef");
        assert_eq!(cut_slug("abcdefghij", 4), "abcd");
        assert_eq!(cut_slug("short", 60), "short");
    }
}
