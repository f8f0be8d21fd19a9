//! Every bad-input fixture under `tests/bad_input/<case>/` (files laid over the basic fixture
//! site, plus `expect.toml`) must fail `build` and `check` with exit status 1, the expected
//! message at the expected `path:line:col`, no panic, and a previous `public/` left as it was.
//! Each case is its own test, named after its folder.

mod common;

use std::path::Path;
use std::sync::LazyLock;

use common::{
    Built, build, copy_recursively, copy_site, dossier, fixture, generate, repo_root, stderr, tree,
};

/// The basic fixture with its `public/` built, copied for each case (one build, not thirty).
static BASIC: LazyLock<Built> = LazyLock::new(|| Built::new("basic", &fixture("basic"), None));

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// The first expected diagnostic (an error unless `severity = "warning"`), written at
    /// the top level: `message`, `location`, `help`, `also`.
    #[serde(default = "error")]
    severity: String,
    message: String,
    location: String,
    help: Option<String>,
    also: Option<String>,
    /// More diagnostics the run must print, each exactly once.
    #[serde(default)]
    more: Vec<Expected>,
    /// How many errors the run prints in all: a follow-on error fails the case. With 0, the
    /// build succeeds (a warning case): `check --strict` must fail instead.
    errors: usize,
    /// How many warnings, when the case is about them.
    warnings: Option<usize>,
    /// Files of the basic fixture to delete.
    #[serde(default)]
    remove: Vec<String>,
    /// Inputs too big or too odd to commit, made by the test.
    generate: Option<String>,
}

/// One diagnostic as the user sees it.
#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(default = "error")]
    severity: String,
    message: String,
    /// `path:line:col` (or `path` alone for a diagnostic about a whole file).
    location: String,
    /// The whole help line, when there must be one.
    help: Option<String>,
    /// A second place the diagnostic must name (duplicates).
    also: Option<String>,
}

fn error() -> String {
    "error".into()
}

/// A diagnostic parsed back from the plain (uncoloured) report on standard error.
#[derive(Debug, Default, PartialEq)]
struct Printed {
    severity: String,
    message: String,
    location: Option<String>,
    also: Vec<String>,
    help: Option<String>,
}

/// Splits a rustc-style report into its diagnostics.
fn parse_report(stderr: &str) -> Vec<Printed> {
    let mut out: Vec<Printed> = Vec::new();
    for line in stderr.lines() {
        let head = ["error", "warning"]
            .into_iter()
            .find_map(|s| line.strip_prefix(s)?.strip_prefix(": ").map(|m| (s, m)));
        if let Some((severity, message)) = head {
            out.push(Printed {
                severity: severity.into(),
                message: message.into(),
                ..Printed::default()
            });
            continue;
        }
        let Some(current) = out.last_mut() else {
            continue;
        };
        let trimmed = line.trim_start();
        if let Some(place) = trimmed.strip_prefix("--> ") {
            current
                .location
                .get_or_insert_with(|| place.trim().to_string());
        } else if let Some(place) = trimmed.strip_prefix("::: ") {
            current.also.push(place.trim().to_string());
        } else if let Some(help) = line.strip_prefix("help: ") {
            current.help = Some(help.to_string());
        }
    }
    out
}

/// Whether `printed` is the diagnostic `expected` describes.
fn matches(expected: &Expected, printed: &Printed) -> bool {
    printed.severity == expected.severity
        && printed.message == expected.message
        && printed.location.as_deref() == Some(expected.location.as_str())
        && expected
            .help
            .as_ref()
            .is_none_or(|help| printed.help.as_ref() == Some(help))
        && expected
            .also
            .as_ref()
            .is_none_or(|also| printed.also.contains(also))
}

fn run_case(case: &Path) -> Result<(), String> {
    let expect: Expect =
        toml::from_str(&std::fs::read_to_string(case.join("expect.toml")).unwrap()).unwrap();
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    copy_recursively(&BASIC.root, root);
    let public = root.join("public");
    let before = tree(&public);
    assert!(
        before.contains_key("index.html"),
        "the previous build is there"
    );
    for entry in std::fs::read_dir(case).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "expect.toml" {
            copy_recursively(&entry.path(), &root.join(entry.file_name()));
        }
    }
    for path in &expect.remove {
        std::fs::remove_file(root.join(path)).unwrap();
    }
    if let Some(kind) = &expect.generate {
        generate(kind, root);
    }
    let first = Expected {
        severity: expect.severity.clone(),
        message: expect.message.clone(),
        location: expect.location.clone(),
        help: expect.help.clone(),
        also: expect.also.clone(),
    };
    let expected: Vec<&Expected> = std::iter::once(&first).chain(&expect.more).collect();
    let succeeds = expect.errors == 0;
    let mut commands = vec![vec!["build", "--root", "."], vec!["check", "--root", "."]];
    if succeeds {
        commands.push(vec!["check", "--root", ".", "--strict"]);
    }
    for args in commands {
        let output = dossier(root, &args);
        let err = stderr(&output);
        let command = args.join(" ");
        let fail = |what: &str| {
            Err(format!(
                "`dossier {command}`: {what}\n--- stderr ---\n{err}"
            ))
        };
        if err.contains("panicked") {
            return fail("panicked");
        }
        let strict = args.contains(&"--strict");
        let code = if succeeds && !strict { 0 } else { 1 };
        if output.status.code() != Some(code) {
            return fail(&format!(
                "exit status {:?}, expected {code}",
                output.status.code()
            ));
        }
        let printed = parse_report(&err);
        for want in &expected {
            let found = printed.iter().filter(|p| matches(want, p)).count();
            if found != 1 {
                return fail(&format!("printed {found} times, expected once: {want:?}"));
            }
        }
        let errors = printed.iter().filter(|p| p.severity == "error").count();
        if errors != expect.errors {
            return fail(&format!("{errors} errors, expected {}", expect.errors));
        }
        let warnings = printed.iter().filter(|p| p.severity == "warning").count();
        if let Some(expected) = expect.warnings
            && warnings != expected
        {
            return fail(&format!("{warnings} warnings, expected {expected}"));
        }
        let output_text = format!("{}{err}", String::from_utf8_lossy(&output.stdout));
        if summary_counts(&output_text) != Some((errors, warnings)) {
            return fail(&format!(
                "the summary does not count what was printed ({errors} errors, {warnings} warnings)"
            ));
        }
    }
    if succeeds {
        return Ok(());
    }
    if tree(&public) != before {
        return Err("public/ changed".into());
    }
    Ok(())
}

/// The `(errors, warnings)` a run's summary line states: `1 error, 2 warnings` on failure,
/// `…, 1 warning; …` (build), `no errors, 0 warnings` (check) on success, `check failed:
/// 2 warnings with --strict`.
fn summary_counts(output: &str) -> Option<(usize, usize)> {
    let failed = regex::Regex::new(r"(?m)^(\d+) errors?, (\d+) warnings?$").unwrap();
    if let Some(found) = failed.captures_iter(output).last() {
        return Some((found[1].parse().ok()?, found[2].parse().ok()?));
    }
    let succeeded =
        regex::Regex::new(r"(?m)^(?:built|checked|check failed:) .*?(\d+) warnings?").unwrap();
    let found = succeeded.captures_iter(output).last()?;
    Some((0, found[1].parse().ok()?))
}

/// One test per case: `cases!(a_b, …)` runs `tests/bad_input/a-b/` as the test `a_b`.
macro_rules! cases {
    ($($case:ident),* $(,)?) => {
        /// The folder names of the cases listed below.
        const CASES: &[&str] = &[$(stringify!($case)),*];
        $(
            #[test]
            fn $case() {
                let folder = stringify!($case).replace('_', "-");
                if let Err(why) = run_case(&repo_root().join("tests/bad_input").join(&folder)) {
                    panic!("tests/bad_input/{folder}: {why}");
                }
            }
        )*
    };
}

cases!(
    accessed_invalid,
    alias_too_long,
    non_utf8_article_name,
    non_utf8_name,
    static_accent_duplicate,
    static_case_duplicate,
    static_replaced_by_page,
    quote_id_too_long,
    bidi_override_in_title,
    author_family_name_without_author,
    bad_partial_date,
    base_url_no_host,
    base_url_space_in_host,
    broken_file_hides_nothing,
    broken_template,
    control_char_in_body,
    control_char_in_site,
    duplicate_quote_id,
    duplicate_slug,
    duplicate_slug_follow_on,
    empty_file,
    empty_quote_text,
    event_partial_date_after_article,
    family_name_not_in_name,
    favicon_under_static,
    favicon_url,
    huge_file,
    i18n_not_a_string,
    i18n_syntax_error,
    i18n_unknown_key,
    image_missing,
    image_not_an_image,
    impossible_date,
    invalid_slug,
    javascript_link_allow_mode,
    javascript_link_in_body,
    javascript_url,
    joiner_in_id,
    language_name,
    language_not_a_code,
    language_same_as_site,
    missing_anchor,
    missing_date,
    missing_file_and_anchor,
    missing_internal_link,
    missing_title,
    no_front_matter,
    non_utf8,
    nul_escape_in_front_matter,
    original_language_name,
    quote_said_after_article,
    quote_unknown_speaker,
    quoted_date,
    quoted_written_date,
    related_with_other_errors,
    responds_to_itself,
    responds_to_unknown,
    site_malformed,
    site_missing,
    site_output_outside,
    site_unknown_key,
    speaker_file_name_not_a_slug,
    stray_file_in_articles,
    symlink_loop,
    symlink_out_content,
    symlink_out_i18n,
    symlink_out_static,
    symlink_out_templates,
    tags_field,
    toml_syntax_error,
    translation_changes_quote_id,
    translation_lacks_a_text,
    translation_undeclared_language,
    translation_unknown_field,
    translation_untranslated_speaker,
    translation_without_original,
    traversal_slug,
    unclosed_front_matter,
    unknown_field,
    unknown_speaker,
    unknown_topic,
    wrong_type,
    yaml_front_matter,
    zero_width_space_in_id,
);

#[test]
fn every_case_folder_is_a_test() {
    let mut folders: Vec<String> = std::fs::read_dir(repo_root().join("tests/bad_input"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.replace('_', "-")).collect();
    listed.sort();
    assert_eq!(
        folders, listed,
        "tests/bad_input/ and the cases! list in tests/bad_input.rs differ: add the new folder \
         to the list (its name with `-` written `_`)"
    );
}

#[test]
fn a_file_name_with_spaces_and_accents_works_and_is_slugged() {
    let site = copy_site(&fixture("basic"));
    std::fs::write(
        site.path().join("content/speakers/José Ñúñez Ölund.md"),
        "+++\nname = \"José Ñúñez Ölund\"\n+++\nA fake person with a non-ASCII name.\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/articles/2024-06-01 Ein Bericht über Öl.md"),
        "+++\ntitle = \"Ein Bericht\"\ndate = 2024-06-01\nsummary = \"Fake.\"\nsource = \"Fake\"\n\n[[quotes]]\nspeaker = \"jose-nunez-olund\"\ntext = \"Ein erfundener Satz.\"\n+++\nBody.\n",
    )
    .unwrap();
    let public = build(site.path(), &[]);
    assert!(
        public
            .join("speakers/jose-nunez-olund/index.html")
            .is_file()
    );
    assert!(
        public
            .join("articles/ein-bericht-uber-ol/index.html")
            .is_file()
    );
}

#[test]
fn raw_html_is_sanitized_by_default() {
    let site = copy_site(&fixture("basic"));
    std::fs::write(
        site.path().join("content/articles/2024-01-11-html.md"),
        "+++\ntitle = \"Raw HTML\"\ndate = 2024-01-11\nsummary = \"Fake.\"\nsource = \"Fake\"\n+++\n\
<img src=x onerror=\"alert(1)\">\n\n<script>alert(2)</script>\n\n\
<p><a href=\"javascript:alert(3)\">a</a> <abbr title=\"Fake Agency\">FA</abbr><sup>2</sup></p>\n",
    )
    .unwrap();
    let public = build(site.path(), &[]);
    let html = std::fs::read_to_string(public.join("articles/html/index.html")).unwrap();
    let body = &html[html.find("Raw HTML").unwrap()..];
    for gone in ["onerror", "alert(1)", "alert(2)", "javascript:"] {
        assert!(!body.contains(gone), "{gone} reached the page");
    }
    assert!(body.contains(r#"<img src="x">"#));
    assert!(body.contains(r#"<abbr title="Fake Agency">FA</abbr><sup>2</sup>"#));
}

#[test]
fn a_base_url_is_normalised_and_its_path_percent_encoded_everywhere() {
    let site = copy_site(&fixture("basic"));
    let public = build(site.path(), &["--base-url", "HTTPS://EXAMPLE.TEST/a b"]);
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(
        home.contains(r#"<link rel="canonical" href="https://example.test/a%20b/">"#),
        "{home}"
    );
    assert!(home.contains(r#"href="/a%20b/articles/""#));
    assert!(!home.contains("/a b/"));
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.test/a%20b/articles/first/</loc>"));
    // And check's link checker follows the encoded links.
    let check = dossier(site.path(), &["check", "--root", "."]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_bad_base_url_on_the_command_line_is_refused() {
    let site = copy_site(&fixture("basic"));
    for (url, what) in [
        ("https://", "`https://` has no host"),
        (
            "example.test/x/",
            "`example.test/x/` is not an absolute URL",
        ),
    ] {
        let output = dossier(site.path(), &["build", "--base-url", url]);
        assert_eq!(output.status.code(), Some(1));
        let err = stderr(&output);
        assert!(
            err.contains(&format!("error: invalid --base-url: {what}\n")),
            "{err}"
        );
        assert!(err.contains("help: e.g. --base-url https://user.github.io/repo/"));
        assert!(!site.path().join("public").exists());
    }
}
