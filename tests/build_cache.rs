//! The build cache (`.dossier/cache/`): a build that reuses the search index's packed pages
//! writes the same bytes as a clean build, whatever changed since the cache was written.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{copy_site, dossier, fixture};

/// Builds the site at `root` and returns the summary line.
fn build(root: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build", "--root", "."];
    args.extend_from_slice(extra);
    let output = dossier(root, &args);
    assert!(output.status.success(), "{}", common::stderr(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file under `folder`, by relative path.
fn files(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(folder) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let path = entry.path().strip_prefix(folder).unwrap();
            files.insert(
                path.to_string_lossy().into_owned(),
                fs::read(entry.path()).unwrap(),
            );
        }
    }
    files
}

/// The number in "(N pages from the cache)" of a summary line, 0 when there is none.
fn reused(line: &str) -> usize {
    let Some((head, _)) = line.split_once(" from the cache") else {
        return 0;
    };
    let count = head.rsplit_once('(').expect("(N pages").1;
    count.split(' ').next().unwrap().parse().unwrap()
}

/// Builds the fixture, applies `edit`, builds again with the cache the first build left,
/// and compares that output with a clean build of the edited site.
fn assert_cached_build_is_clean(edit: impl Fn(&Path)) {
    let cached = copy_site(&fixture("basic"));
    assert_eq!(reused(&build(cached.path(), &[])), 0, "nothing cached yet");
    edit(cached.path());
    let line = build(cached.path(), &[]);
    assert!(reused(&line) > 0, "the second build reused nothing: {line}");

    let clean = copy_site(&fixture("basic"));
    edit(clean.path());
    build(clean.path(), &["--no-cache"]);
    assert!(!clean.path().join(".dossier/cache").exists());
    assert_same_output(cached.path(), clean.path());
}

fn assert_same_output(cached: &Path, clean: &Path) {
    let cached = files(&cached.join("public"));
    let clean = files(&clean.join("public"));
    let differing: Vec<&String> = clean
        .keys()
        .chain(cached.keys())
        .filter(|path| cached.get(*path) != clean.get(*path))
        .collect();
    assert!(differing.is_empty(), "differ: {differing:?}");
    assert!(
        clean
            .keys()
            .any(|path| path.starts_with("pagefind/fragment/"))
    );
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edited_body_gives_the_output_of_a_clean_build() {
    assert_cached_build_is_clean(|root| {
        let article = root.join("content/articles/2024-01-10-first.md");
        let mut text = fs::read_to_string(&article).unwrap();
        text.push_str("\nA sentence added after the cache was written.\n");
        fs::write(article, text).unwrap();
    });
}

#[test]
fn a_new_article_gives_the_output_of_a_clean_build() {
    assert_cached_build_is_clean(|root| {
        fs::write(
            root.join("content/articles/2024-04-01-added.md"),
            "+++\ntitle = \"An article added later\"\ndate = 2024-04-01\n\
             topics = [\"alpha\"]\nspeakers = [\"ada-example\"]\n\n[[quotes]]\n\
             speaker = \"ada-example\"\nid = \"ada-added\"\ntext = \"Words added later.\"\n+++\n\
             Body of the added article.\n",
        )
        .unwrap();
    });
}

#[test]
fn a_renamed_speaker_gives_the_output_of_a_clean_build() {
    assert_cached_build_is_clean(|root| {
        replace_in(
            &root.join("content/speakers/ada-example.md"),
            "name = \"Ada Example\"",
            "name = \"Ada Renamed\"",
        );
    });
}

#[test]
fn a_template_change_gives_the_output_of_a_clean_build() {
    assert_cached_build_is_clean(|root| {
        let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("theme/templates/quote.html");
        let template = fs::read_to_string(theme).unwrap();
        let anchor = "<dl class=\"facts\"";
        assert!(template.contains(anchor));
        let edited = template.replacen(
            anchor,
            "<p>Words the site's template adds.</p>\n<dl class=\"facts\"",
            1,
        );
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(root.join("templates/quote.html"), edited).unwrap();
    });
}

/// The entries of a cache pack (`src/render/search/pack.rs`), by key: their order depends
/// on which thread packed what first.
fn pack_entries(path: &Path) -> BTreeMap<Vec<u8>, Vec<u8>> {
    let stored = fs::read(path).unwrap();
    let mut rest = stored
        .strip_prefix(&b"dossier cache pack 2\n"[..])
        .expect("a pack");
    let mut entries = BTreeMap::new();
    while !rest.is_empty() {
        let (key, after) = rest.split_at(32);
        let length = u32::from_le_bytes(after[..4].try_into().unwrap()) as usize;
        let (entry, after) = after[4..].split_at(32 + length);
        assert!(entries.insert(key.to_vec(), entry.to_vec()).is_none());
        rest = after;
    }
    entries
}

/// How many pages the site's search index holds (`pagefind-entry.json`).
fn indexed_pages(root: &Path) -> u64 {
    let entry = fs::read_to_string(root.join("public/pagefind/pagefind-entry.json")).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    let languages = entry["languages"].as_object().unwrap();
    (languages.values())
        .map(|language| language["page_count"].as_u64().unwrap())
        .sum()
}

#[test]
fn an_unchanged_site_is_indexed_from_the_cache_and_a_damaged_cache_is_ignored() {
    let site = copy_site(&fixture("basic"));
    build(site.path(), &[]);
    let first = files(&site.path().join("public"));
    let cache = site.path().join(".dossier/cache");
    let names: Vec<String> = files(&cache).into_keys().collect();
    assert_eq!(names, ["search-gzip.pack", "search.pack"]);
    let pages = pack_entries(&cache.join("search.pack"));
    let compressed = pack_entries(&cache.join("search-gzip.pack"));
    assert_eq!(pages.len() as u64, indexed_pages(site.path()));
    assert!(!compressed.is_empty());

    let line = build(site.path(), &[]);
    assert_eq!(reused(&line), pages.len(), "{line}");
    assert_eq!(files(&site.path().join("public")), first);
    // Every entry was used, so each is kept as it was, and none was added.
    assert_eq!(pack_entries(&cache.join("search.pack")), pages);
    assert_eq!(pack_entries(&cache.join("search-gzip.pack")), compressed);
    let keys = |entries: &BTreeMap<Vec<u8>, Vec<u8>>| entries.keys().cloned().collect::<Vec<_>>();

    // A cache that does not read back is made again, and the output is the same.
    for path in files(&cache).keys() {
        fs::write(cache.join(path), b"not a pack").unwrap();
    }
    let line = build(site.path(), &[]);
    assert_eq!(reused(&line), 0, "{line}");
    assert_eq!(files(&site.path().join("public")), first);
    // …and stored anew for the next build.
    assert_eq!(reused(&build(site.path(), &[])), pages.len());
    // (A page packed again lists its words in another order: the index sorts them.)
    assert_eq!(
        keys(&pack_entries(&cache.join("search.pack"))),
        keys(&pages)
    );
    assert_eq!(pack_entries(&cache.join("search-gzip.pack")), compressed);
}
