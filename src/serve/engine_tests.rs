//! The engine's tests: every kind of update gives the site a fresh build gives.

use std::sync::mpsc;

use arc_swap::ArcSwap;

use super::*;
use crate::serve::http::Found;
use crate::serve::reload;

/// A copy of the fixture site, with a canonical root as `serve` uses.
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    copy_of("basic")
}

/// A copy of the fixture `name`, with a canonical root.
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let root = dir.path().canonicalize().unwrap();
    (dir, root)
}

struct Running {
    engine: Engine,
    events: mpsc::Receiver<Event>,
    snapshot: Arc<ArcSwap<Snapshot>>,
}

impl Running {
    /// An engine on `root`, started; `settled`: with the site linked, rendered and indexed.
    fn start(root: &Path, settled: bool) -> Running {
        let (sender, events) = mpsc::channel();
        let snapshot = Arc::new(ArcSwap::from_pointee(Snapshot::default()));
        let out = Publisher::new(snapshot.clone(), reload::channel(), true, false);
        let mut engine = Engine::new(
            root.to_path_buf(),
            "http://127.0.0.1:1/".into(),
            false,
            sender,
            out,
        )
        .unwrap();
        engine.start();
        let mut running = Running {
            engine,
            events,
            snapshot,
        };
        if settled {
            running.settle();
        }
        running
    }

    /// Hands the next background event to the engine.
    fn next(&mut self) {
        let event = self.events.recv().unwrap();
        self.engine.handle(event);
    }

    fn settle(&mut self) {
        self.engine.settle(&self.events);
        if let Some(error) = &self.engine.error {
            panic!("{error}");
        }
    }

    fn change(&mut self, changed: &[&str]) {
        let changed = changed.iter().map(PathBuf::from).collect();
        self.engine.handle(Event::Changed(changed));
    }

    /// Applies `changed`, waits for every background step; the served files.
    fn changed(&mut self, changed: &[&str]) -> Files {
        self.change(changed);
        self.settle();
        self.engine.files().unwrap()
    }

    /// What a browser gets for `key` now.
    fn page(&self, key: &str) -> String {
        match self.snapshot.load().find(key) {
            Found::File(stored) => String::from_utf8_lossy(&stored.bytes()).into_owned(),
            Found::Failed(errors) => panic!("{}", errors.render(false)),
            Found::Missing => panic!("{key} is missing"),
        }
    }

    fn linking(&self) -> bool {
        self.engine.linking.is_some()
    }
}

fn fresh(root: &Path) -> Files {
    Running::start(root, true).engine.files().unwrap()
}

/// Every file (the search index included) as a fresh start serves it.
fn assert_same(served: &Files, fresh: &Files) {
    let mut keys: Vec<&String> = served
        .iter()
        .chain(fresh.iter())
        .map(|(key, _)| key)
        .collect();
    keys.sort();
    keys.dedup();
    assert!(keys.iter().any(|key| key.starts_with("pagefind/")));
    for key in keys {
        assert!(
            served.get(key).map(|s| s.bytes()) == fresh.get(key).map(|s| s.bytes()),
            "{key} differs from a fresh build"
        );
    }
}

fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(path)).unwrap();
    assert!(text.contains(from), "{from:?} not in {path}");
    std::fs::write(root.join(path), text.replacen(from, to, 1)).unwrap();
}

const ARTICLE: &str = "content/articles/2024-01-10-first.md";
const PAGE: &str = "articles/first/index.html";

#[test]
fn every_kind_of_update_gives_the_site_a_fresh_build_gives() {
    let (_dir, root) = fixture_copy();
    let mut serve = Running::start(&root, true);

    edit(&root, ARTICLE, "Opening paragraph", "Edited paragraph");
    serve.change(&[ARTICLE]);
    assert!(!serve.linking(), "a body edit needs no link");
    assert!(serve.page(PAGE).contains("Edited paragraph"));
    serve.settle();
    assert_same(&serve.engine.files().unwrap(), &fresh(&root));

    let speaker = root.join("content/speakers/bo-sample.md");
    let text = std::fs::read_to_string(&speaker).unwrap();
    std::fs::write(&speaker, format!("{text}\nA new last paragraph.\n")).unwrap();
    serve.change(&["content/speakers/bo-sample.md"]);
    assert!(!serve.linking());
    serve.settle();
    assert_same(&serve.engine.files().unwrap(), &fresh(&root));

    edit(
        &root,
        ARTICLE,
        "title = \"First fixture article\"",
        "title = \"Retitled\"",
    );
    serve.change(&[ARTICLE]);
    assert!(serve.linking(), "a front matter edit is linked");
    serve.settle();
    assert_same(&serve.engine.files().unwrap(), &fresh(&root));

    // A new URL for the article: the bodies linking to it (the reply's, alpha's) are
    // rendered again, not taken from the last link.
    edit(
        &root,
        ARTICLE,
        "title = \"Retitled\"",
        "title = \"Retitled\"\nslug = \"moved\"",
    );
    let files = serve.changed(&[ARTICLE]);
    let reply = String::from_utf8(
        files
            .get("articles/reply/index.html")
            .unwrap()
            .bytes()
            .to_vec(),
    )
    .unwrap();
    assert!(reply.contains("/articles/moved/"), "{reply}");
    assert_same(&files, &fresh(&root));

    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/extra.css"), "p { color: red }").unwrap();
    std::fs::write(root.join("static/style.css"), "/* the site's own */").unwrap();
    let files = serve.changed(&["static/extra.css", "static/style.css"]);
    assert_eq!(
        &files.get("style.css").unwrap().bytes()[..],
        b"/* the site's own */"
    );
    assert_same(&files, &fresh(&root));
    std::fs::remove_file(root.join("static/style.css")).unwrap();
    let files = serve.changed(&["static/style.css"]);
    assert!(
        files.get("style.css").unwrap().bytes().starts_with(b"/*")
            && files.get("style.css").unwrap().bytes().len() > 100,
        "the theme's stylesheet is back"
    );
    assert_same(&files, &fresh(&root));

    let added = "content/articles/2024-05-01-added.md";
    std::fs::write(
        root.join(added),
        "+++\ntitle = \"Added\"\ndate = 2024-05-01\nsource_url = \"https://news.example.test/added\"\ntopics = [\"beta\"]\n+++\nNew.\n",
    )
    .unwrap();
    std::fs::remove_file(root.join("content/articles/2024-02-01-reply.md")).unwrap();
    let files = serve.changed(&[added, "content/articles/2024-02-01-reply.md"]);
    assert!(files.contains_key("articles/added/index.html"));
    assert!(!files.contains_key("articles/reply/index.html"));
    assert_same(&files, &fresh(&root));
}

#[test]
fn a_changed_translation_table_relinks_with_its_strings() {
    let (_dir, root) = fixture_copy();
    let mut serve = Running::start(&root, true);
    std::fs::create_dir_all(root.join("i18n")).unwrap();
    std::fs::write(
        root.join("i18n/en.toml"),
        "[nav]\nchronology = \"Timeline\"\n",
    )
    .unwrap();
    let files = serve.changed(&["i18n/en.toml"]);
    let home = String::from_utf8(files.get("index.html").unwrap().bytes().to_vec()).unwrap();
    assert!(home.contains(">Timeline</a>"), "{home}");
    assert_same(&files, &fresh(&root));
}

#[test]
fn a_changed_translation_relinks_and_serves_every_language_as_a_build_does() {
    let (_dir, root) = copy_of("bilingual");
    let mut serve = Running::start(&root, true);
    assert!(serve.page("fa/index.html").contains("lang=\"fa\""));
    edit(
        &root,
        "content/articles/2024-11-20-buses.fa.md",
        "اتوبوس‌های برقی به شهر نمونه رسیدند",
        "اتوبوس‌های تازه رسیدند",
    );
    let files = serve.changed(&["content/articles/2024-11-20-buses.fa.md"]);
    let page = String::from_utf8(
        files
            .get("fa/articles/buses/index.html")
            .unwrap()
            .bytes()
            .to_vec(),
    );
    assert!(page.unwrap().contains("اتوبوس‌های تازه رسیدند"));
    // One search index, with each language's pages.
    let entry = files
        .get("pagefind/pagefind-entry.json")
        .unwrap()
        .bytes()
        .to_vec();
    let entry = String::from_utf8(entry).unwrap();
    assert!(
        entry.contains("\"fa\"") && entry.contains("\"en\""),
        "{entry}"
    );
    assert_same(&files, &fresh(&root));
    // An original's body on the fast path: its page, and every language as before.
    edit(
        &root,
        "content/articles/2024-11-20-buses.md",
        "joined the fleet",
        "joined",
    );
    let files = serve.changed(&["content/articles/2024-11-20-buses.md"]);
    assert_same(&files, &fresh(&root));
}

#[test]
fn a_changed_share_image_relinks_for_its_new_size() {
    let (_dir, root) = fixture_copy();
    let gif = |width: u8, height: u8| {
        let mut bytes = b"GIF89a".to_vec();
        bytes.extend([width, 0, height, 0, 0, 0, 0]);
        bytes.extend([0; 16]);
        bytes
    };
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("{config}image = \"share.gif\"\n"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/share.gif"), gif(10, 5)).unwrap();
    let mut serve = Running::start(&root, true);
    std::fs::write(root.join("static/share.gif"), gif(20, 8)).unwrap();
    let files = serve.changed(&["static/share.gif"]);
    let home = String::from_utf8(files.get("index.html").unwrap().bytes().to_vec()).unwrap();
    assert!(
        home.contains("<meta property=\"og:image:width\" content=\"20\">"),
        "{home}"
    );
    assert_same(&files, &fresh(&root));
}

#[test]
fn pages_answer_while_the_site_renders_and_edits_go_on_top() {
    let (_dir, root) = fixture_copy();
    let expected = fresh(&root);
    let mut serve = Running::start(&root, false);
    assert!(serve.snapshot.load().loading, "loading until linked");
    serve.next();
    assert!(serve.engine.current.as_ref().unwrap().rendering.is_some());
    // Whether the background render has made them yet or not: the site's pages.
    for key in [PAGE, "index.html", "articles/index.html"] {
        assert_eq!(
            serve.page(key).as_bytes(),
            &expected.get(key).unwrap().bytes()[..]
        );
    }
    // A body edit before the render is done: at once, and still there at the end.
    edit(
        &root,
        ARTICLE,
        "Opening paragraph",
        "Edited while rendering",
    );
    serve.change(&[ARTICLE]);
    assert!(serve.page(PAGE).contains("Edited while rendering"));
    serve.settle();
    assert!(serve.page(PAGE).contains("Edited while rendering"));
    assert_same(&serve.engine.files().unwrap(), &fresh(&root));
}

#[test]
fn edits_while_a_link_runs_are_applied_to_the_linked_site() {
    let (_dir, root) = fixture_copy();
    let mut serve = Running::start(&root, true);
    edit(
        &root,
        ARTICLE,
        "title = \"First fixture article\"",
        "title = \"Retitled\"",
    );
    serve.change(&[ARTICLE]);
    assert!(serve.linking());
    // Saved before the link is done: a body edit elsewhere shows at once…
    let reply = "content/articles/2024-02-01-reply.md";
    let text = std::fs::read_to_string(root.join(reply)).unwrap();
    std::fs::write(root.join(reply), format!("{text}\nAdded while linking.\n")).unwrap();
    serve.change(&[reply]);
    assert!(
        serve
            .page("articles/reply/index.html")
            .contains("Added while linking.")
    );
    // …and so does a body edit of the file being linked, under the front matter served
    // until the link brings the new one.
    edit(&root, ARTICLE, "Opening paragraph", "Edited while linking");
    serve.change(&[ARTICLE]);
    assert!(serve.linking());
    let now = serve.page(PAGE);
    assert!(now.contains("Edited while linking") && !now.contains("Retitled"));
    serve.settle();
    let files = serve.engine.files().unwrap();
    let page = String::from_utf8_lossy(&files.get(PAGE).unwrap().bytes()).into_owned();
    assert!(page.contains("Retitled") && page.contains("Edited while linking"));
    assert!(
        serve
            .page("articles/reply/index.html")
            .contains("Added while linking.")
    );
    assert_same(&files, &fresh(&root));
}

#[test]
fn the_search_page_says_so_while_the_index_builds() {
    let (_dir, root) = fixture_copy();
    let mut serve = Running::start(&root, false);
    serve.next();
    let notice = serve.snapshot.load().search.clone().expect("a notice");
    assert!(notice.first);
    assert_eq!(notice.page, "search/index.html");
    serve.settle();
    assert!(serve.snapshot.load().search.is_none(), "ready");
    assert!(serve.page("pagefind/pagefind.js").len() > 100);
    // A body edit puts the index behind the pages until it is built again.
    edit(&root, ARTICLE, "Opening paragraph", "Edited paragraph");
    serve.change(&[ARTICLE]);
    let notice = serve.snapshot.load().search.clone().expect("a notice");
    assert!(!notice.first);
    serve.settle();
    assert!(serve.snapshot.load().search.is_none());
}

#[test]
fn a_draft_body_edit_is_left_out_as_the_build_leaves_it_out() {
    // The draft links to a file that does not exist: `build` never renders its body, so
    // an edit to it must not fail serve, nor make later unrelated edits fail.
    let (_dir, root) = fixture_copy();
    let mut serve = Running::start(&root, true);
    let draft = "content/articles/2024-03-01-unfinished.md";
    edit(
        &root,
        draft,
        "Draft body.",
        "Draft body, see [this](@/articles/not-written-yet.md).",
    );
    let files = serve.changed(&[draft]);
    assert!(!files.contains_key("articles/unfinished/index.html"));
    assert_same(&files, &fresh(&root));

    edit(&root, ARTICLE, "Opening paragraph", "Edited");
    serve.change(&[ARTICLE]);
    assert!(!serve.linking());
    serve.settle();
    assert_same(&serve.engine.files().unwrap(), &fresh(&root));
}

#[test]
fn only_markdown_under_the_three_kinds_may_take_the_fast_path() {
    assert!(matches!(
        change_of(Path::new("content/articles/a.md")),
        Change::Content(ContentKind::Article)
    ));
    assert!(matches!(
        change_of(Path::new("content/speakers/a.md")),
        Change::Content(ContentKind::Speaker)
    ));
    assert!(matches!(
        change_of(Path::new("content/notes/a.md")),
        Change::Ignored
    ));
    assert!(matches!(
        change_of(Path::new("content/articles")),
        Change::Other
    ));
    assert!(matches!(
        change_of(Path::new("templates/base.html")),
        Change::Other
    ));
    assert!(matches!(change_of(Path::new("site.toml")), Change::Other));
}
