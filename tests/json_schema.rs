//! `dossier schema` writes JSON Schemas of site.toml and each kind of front matter; a real
//! validator (PyPI `check-jsonschema`, python-jsonschema, draft 2020-12) accepts the front
//! matter of the bundled dossier and of every fixture site with them, and rejects a file
//! with an unknown key or a value dossier refuses.
//!
//! The validator is installed, pinned, into `.ci/jsonschema/` by `scripts/schema-validator`
//! (which `.ci/run` runs); the tests that need it are ignored by a plain `cargo test`:
//! `scripts/schema-validator && cargo test --test json_schema -- --include-ignored`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use dossier::schema::json::toml_to_json;
use serde_json::Value;

/// The kinds of file `dossier schema` writes a schema for, by file name stem.
const KINDS: [&str; 7] = [
    "site",
    "article",
    "speaker",
    "topic",
    "article-translation",
    "speaker-translation",
    "topic-translation",
];

/// Runs `dossier schema --out <dir>`; its standard output.
fn write_schemas(dir: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["schema", "--out"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn schema_path(dir: &Path, kind: &str) -> PathBuf {
    dir.join(format!("{kind}.schema.json"))
}

#[test]
fn dossier_schema_writes_a_draft_2020_12_schema_per_kind_of_file() {
    let dir = common::scratch("written");
    let out = write_schemas(&dir);
    for kind in KINDS {
        let path = schema_path(&dir, kind);
        assert!(
            out.contains(&format!("wrote {}\n", path.display())),
            "{out}"
        );
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{kind}"
        );
        assert_eq!(schema["additionalProperties"], false, "{kind}");
        assert!(
            schema["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty())
        );
    }
    let site: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path(&dir, "site")).unwrap()).unwrap();
    assert_eq!(
        site["properties"]["base_url"]["description"],
        "The absolute URL the site is published at; its path (e.g. `/repo/`) prefixes every link."
    );
    assert_eq!(site["required"], serde_json::json!(["title", "base_url"]));
    // A second run replaces the files.
    assert_eq!(write_schemas(&dir), out);
}

#[test]
fn an_unwritable_folder_is_an_error_that_says_so() {
    let dir = common::scratch("unwritable");
    let file = dir.join("a-file");
    std::fs::write(&file, "").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["schema", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert!(stderr.contains("--out DIR"), "{stderr}");
}

/// The validator's Python path, which must exist.
fn validator() -> PathBuf {
    let path = common::repo_root().join(".ci/jsonschema/python");
    assert!(
        path.join("check_jsonschema").exists(),
        "{} is missing: this test needs PyPI check-jsonschema, which `scripts/schema-validator` \
         installs (needs python3 with pip). Run it, or `cargo test` without --include-ignored \
         to skip this test",
        path.display()
    );
    path
}

/// Validates `instances` (JSON files) against `schema` with check-jsonschema.
fn validate(schema: &Path, instances: &[PathBuf]) -> Output {
    Command::new("python3")
        .args(["-m", "check_jsonschema", "--schemafile"])
        .arg(schema)
        .args(instances)
        .env("PYTHONPATH", validator())
        .output()
        .expect("python3 runs")
}

/// The front matter of a content file, as TOML.
fn front_matter(path: &Path) -> toml::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let source: Arc<str> = Arc::from(text.as_str());
    let split = dossier::load::frontmatter::split(&text, path, &source).unwrap();
    toml::from_str(split.front).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file of the site at `root` that dossier reads front matter from, by kind.
fn files_by_kind(root: &Path) -> Vec<(&'static str, PathBuf, toml::Value)> {
    let site_toml = root.join("site.toml");
    let site: toml::Value = toml::from_str(&std::fs::read_to_string(&site_toml).unwrap()).unwrap();
    let languages: Vec<String> = site
        .get("languages")
        .and_then(toml::Value::as_table)
        .map(|t| t.keys().cloned().collect())
        .unwrap_or_default();
    let mut files = vec![("site", site_toml, site)];
    for (folder, kind, translation) in [
        ("articles", "article", "article-translation"),
        ("speakers", "speaker", "speaker-translation"),
        ("topics", "topic", "topic-translation"),
    ] {
        for entry in walkdir::WalkDir::new(root.join("content").join(folder))
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_translation = dossier::load::translation::language_suffix(&name)
                .is_some_and(|code| languages.iter().any(|l| l == code));
            let kind = if is_translation { translation } else { kind };
            files.push((kind, entry.path().to_path_buf(), front_matter(entry.path())));
        }
    }
    files
}

/// Writes `value` as JSON to `dir/<name>.json`.
fn instance(dir: &Path, name: &str, value: &toml::Value) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, toml_to_json(value).to_string()).unwrap();
    path
}

#[test]
#[ignore = "needs python3 and PyPI check-jsonschema (scripts/schema-validator)"]
fn the_schemas_accept_the_front_matter_of_the_bundled_and_fixture_sites() {
    let root = common::repo_root();
    let sites = [
        root.clone(),
        common::fixture("basic"),
        common::fixture("bundled"),
        common::fixture("bilingual"),
        common::fixture("persian"),
    ];
    let dir = common::scratch("sites");
    write_schemas(&dir);
    let mut instances: BTreeMap<&str, Vec<PathBuf>> = BTreeMap::new();
    for (n, site) in sites.iter().enumerate() {
        for (i, (kind, _, value)) in files_by_kind(site).into_iter().enumerate() {
            let path = instance(&dir.join(kind), &format!("{n}-{i}"), &value);
            instances.entry(kind).or_default().push(path);
        }
    }
    for kind in KINDS {
        let files = instances.get(kind).map(Vec::as_slice).unwrap_or_default();
        assert!(!files.is_empty(), "no {kind} file in the sites");
        let output = validate(&schema_path(&dir, kind), files);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && stdout.contains("ok -- validation done"),
            "{kind}: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
#[ignore = "needs python3 and PyPI check-jsonschema (scripts/schema-validator)"]
fn the_schemas_reject_an_unknown_key_and_values_dossier_refuses() {
    let dir = common::scratch("refused");
    write_schemas(&dir);
    let article = |extra: &str| -> toml::Value {
        toml::from_str(&format!(
            "title = \"T\"\ndate = 2025-03-12\n{extra}\n[[quotes]]\nspeaker = \"a-b\"\ntext = \"Words.\"\n"
        ))
        .unwrap()
    };
    let good = instance(&dir, "good", &article("topics = [\"jcpoa\"]"));
    assert!(
        validate(&schema_path(&dir, "article"), &[good])
            .status
            .success()
    );
    for (name, extra, reason) in [
        ("unknown-key", "wobble = 1", "'wobble' was unexpected"),
        ("typo", "sumary = \"S\"", "'sumary' was unexpected"),
        (
            "quoted-topic-name",
            "topics = [\"Nuclear talks\"]",
            "does not match",
        ),
        (
            "not-a-url",
            "source_url = \"www.example.org\"",
            "does not match",
        ),
        (
            "bad-event-date",
            "[[events]]\ndate = \"2015-13\"\ntitle = \"E\"",
            "does not match",
        ),
    ] {
        let path = instance(&dir, name, &article(extra));
        let output = validate(&schema_path(&dir, "article"), &[path]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(!output.status.success(), "{name} was accepted");
        assert!(stdout.contains(reason), "{name}: {stdout}");
    }
    let site: toml::Value = toml::from_str(
        "title = \"T\"\nbase_url = \"https://example.org/\"\n[languages.Persian]\ntitle = \"T\"\n",
    )
    .unwrap();
    let path = instance(&dir, "site", &site);
    let output = validate(&schema_path(&dir, "site"), &[path]);
    assert!(!output.status.success(), "[languages.Persian] was accepted");
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("'Persian' does not match"),
        "{output:?}"
    );
}

/// Runs taplo (npm `@taplo/cli`, from `scripts/schema-validator`) with `args` in `dir`.
fn taplo(dir: &Path, args: &[&str]) -> Output {
    let taplo = common::repo_root().join(".ci/jsonschema/node/node_modules/.bin/taplo");
    assert!(
        taplo.exists(),
        "{} is missing: run `scripts/schema-validator` (needs node and npm)",
        taplo.display()
    );
    Command::new(taplo)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("taplo runs")
}

#[test]
#[ignore = "needs node and npm @taplo/cli (scripts/schema-validator)"]
fn taplo_checks_site_toml_against_the_schema_its_schema_comment_names() {
    let dir = common::scratch("taplo");
    write_schemas(&dir.join("schema"));
    for site in [
        common::repo_root(),
        common::fixture("basic"),
        common::fixture("bilingual"),
        common::fixture("persian"),
    ] {
        let text = std::fs::read_to_string(site.join("site.toml")).unwrap();
        // As README says: the first line of site.toml names the schema.
        let with_comment = format!("#:schema ./schema/site.schema.json\n{text}");
        std::fs::write(dir.join("site.toml"), &with_comment).unwrap();
        let output = taplo(&dir, &["check", "site.toml"]);
        assert!(
            output.status.success(),
            "{}: {}",
            site.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::write(
            dir.join("site.toml"),
            format!("{with_comment}\nwobble = 1\n"),
        )
        .unwrap();
        let output = taplo(&dir, &["check", "site.toml"]);
        assert!(
            !output.status.success(),
            "{}: wobble accepted",
            site.display()
        );
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("'wobble' was unexpected"),
            "{output:?}"
        );
    }
}

#[test]
#[ignore = "needs node and npm @taplo/cli (scripts/schema-validator)"]
fn taplo_finds_the_schema_through_a_taplo_config() {
    let dir = common::scratch("taplo-config");
    write_schemas(&dir.join("schema"));
    // As README says: `.taplo.toml` at the site root maps site.toml to its schema.
    std::fs::write(
        dir.join(".taplo.toml"),
        "[[rule]]\ninclude = [\"site.toml\"]\n[rule.schema]\npath = \"schema/site.schema.json\"\n",
    )
    .unwrap();
    let site = std::fs::read_to_string(common::repo_root().join("site.toml")).unwrap();
    std::fs::write(dir.join("site.toml"), &site).unwrap();
    assert!(taplo(&dir, &["check"]).status.success());
    std::fs::write(
        dir.join("site.toml"),
        format!("{site}\n[markdown]\nraw_html = \"raw\"\n"),
    )
    .unwrap();
    let output = taplo(&dir, &["check"]);
    assert!(!output.status.success(), "raw_html = \"raw\" accepted");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("\"raw\" is not one of"), "{stderr}");
}
