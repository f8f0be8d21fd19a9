//! `dossier init`, `new`, `check`, `--help` and `--version`, end to end through the binary.

mod common;

use common::{copy_site, dossier, fixture, stderr};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn init_new_check_build_works_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("x");
    let init = dossier(tmp.path(), &["init", site.to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    // A fresh site checks clean: no errors and no warnings.
    let check = dossier(&site, &["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let new = dossier(
        &site,
        &[
            "new",
            "article",
            "Hello",
            "--topic",
            "example-topic",
            "--date",
            "2024-05-01",
        ],
    );
    assert!(new.status.success(), "{}", stderr(&new));
    assert!(stdout(&new).contains("content/articles/2024-05-01-hello.md"));
    let check = dossier(&site, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let build = dossier(&site, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site.join("public/articles/hello/index.html").is_file());
    assert!(
        site.join("public/topics/example-topic/index.html")
            .is_file()
    );
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.txt"), "mine").unwrap();
    let init = dossier(tmp.path(), &["init", "."]);
    assert_eq!(init.status.code(), Some(1));
    assert!(stderr(&init).contains("is not empty"));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn new_refuses_to_overwrite_and_rejects_unknown_names() {
    let site = copy_site(&fixture("basic"));
    let first = dossier(site.path(), &["new", "speaker", "Cy Placeholder"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        site.path()
            .join("content/speakers/cy-placeholder.md")
            .is_file()
    );
    let again = dossier(site.path(), &["new", "speaker", "Cy Placeholder"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    let typo = dossier(
        site.path(),
        &["new", "article", "Typo", "--speaker", "ada-exampel"],
    );
    assert_eq!(typo.status.code(), Some(1));
    assert!(
        stderr(&typo).contains("did you mean `ada-example`?"),
        "{}",
        stderr(&typo)
    );
    let topic = dossier(site.path(), &["new", "topic", "Gamma Rays"]);
    assert!(topic.status.success());
    let check = dossier(site.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn check_and_build_find_broken_anchors_at_the_markdown_line_and_write_nothing() {
    let site = copy_site(&fixture("basic"));
    let article = site.path().join("content/articles/2024-02-01-reply.md");
    let text = std::fs::read_to_string(&article).unwrap().replace(
        "2024-01-10-first.md)",
        "2024-01-10-first.md#no-such-heading)",
    );
    std::fs::write(&article, text).unwrap();
    let check = dossier(site.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    let report = stderr(&check);
    assert!(
        report.contains(
            "error: link to a missing anchor: @/articles/2024-01-10-first.md#no-such-heading\n  --> content/articles/2024-02-01-reply.md:21:24"
        ),
        "{report}"
    );
    assert!(
        report.contains("help: did you mean `#details`?")
            || report.contains("help: the headings of content/articles/2024-01-10-first.md are: #details, #details-1"),
        "{report}"
    );
    assert!(!site.path().join("public").exists(), "check wrote output");
    // The build finds it too, before writing anything.
    let build = dossier(site.path(), &["build"]);
    assert_eq!(build.status.code(), Some(1));
    assert!(stderr(&build).contains("link to a missing anchor"));
    assert!(
        !site.path().join("public").exists(),
        "a failed build wrote output"
    );
}

#[test]
fn check_warnings_fail_only_with_strict() {
    let site = copy_site(&fixture("basic"));
    std::fs::write(
        site.path().join("content/topics/unused.md"),
        "+++\ntitle = \"Unused\"\n+++\n",
    )
    .unwrap();
    let check = dossier(site.path(), &["check"]);
    assert!(check.status.success());
    assert!(
        stderr(&check).contains("topic `unused` is never referenced"),
        "{}",
        stderr(&check)
    );
    let strict = dossier(site.path(), &["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn help_and_version_work_and_usage_errors_exit_2() {
    let root = common::repo_root();
    let version = dossier(&root, &["--version"]);
    assert!(stdout(&version).starts_with("dossier "));
    for command in [
        vec!["--help"],
        vec!["build", "--help"],
        vec!["check", "--help"],
        vec!["new", "article", "--help"],
        vec!["init", "--help"],
    ] {
        let help = dossier(&root, &command);
        assert!(help.status.success());
        assert!(
            stdout(&help).contains("Example"),
            "{command:?} has no examples"
        );
    }
    let usage = dossier(&root, &["build", "--no-such-flag"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn new_article_reports_every_unknown_name_at_once_with_how_to_create_it() {
    let site = copy_site(&fixture("basic"));
    let typo = dossier(
        site.path(),
        &[
            "new",
            "article",
            "Typos",
            "--topic",
            "alpah",
            "--speaker",
            "bo-sampel",
        ],
    );
    assert_eq!(typo.status.code(), Some(1));
    let err = stderr(&typo);
    for line in [
        "error: unknown topic `alpah`",
        "help: did you mean `alpha`? (for a new topic: `dossier new topic \"Alpah\"`)",
        "error: unknown speaker `bo-sampel`",
        "help: did you mean `bo-sample`? (for a new speaker: `dossier new speaker \"Bo Sampel\"`)",
    ] {
        assert!(err.lines().any(|l| l == line), "no `{line}` in\n{err}");
    }
    assert!(err.ends_with("2 errors, 0 warnings\n"), "{err}");
    // No snippet line ` |` where a location would go: these errors are about arguments.
    assert!(!err.lines().any(|l| l.trim() == "|"), "{err}");
    assert!(
        !site
            .path()
            .join("content/articles")
            .read_dir()
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().contains("typos"))
    );
}

#[test]
fn a_very_long_title_makes_a_file_name_cut_at_a_word() {
    let site = copy_site(&fixture("basic"));
    let title = "Negotiators meet again ".repeat(220);
    assert!(title.len() > 5000);
    let new = dossier(
        site.path(),
        &["new", "article", title.trim(), "--date", "2024-05-01"],
    );
    assert!(new.status.success(), "{}", stderr(&new));
    let name = "2024-05-01-negotiators-meet-again-negotiators-meet-again-negotiators.md";
    assert!(stdout(&new).contains(name), "{}", stdout(&new));
    let text = std::fs::read_to_string(site.path().join("content/articles").join(name)).unwrap();
    // The title itself is kept whole.
    assert!(text.contains(title.trim()));
    let check = dossier(site.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn new_explains_its_arguments() {
    let root = common::repo_root();
    for (command, lines) in [
        (
            vec!["new", "article", "--help"],
            vec![
                "<TITLE>  The article's title, in quotes (the file name is made from it)",
                "--root <DIR>",
                "Site root (the folder holding site.toml; default: the nearest one from here up)",
            ],
        ),
        (
            vec!["new", "speaker", "--help"],
            vec!["<NAME>  The speaker's full name", "Site root"],
        ),
        (
            vec!["new", "topic", "--help"],
            vec!["<TITLE>  The topic's title", "Site root"],
        ),
    ] {
        let help = stdout(&dossier(&root, &command));
        for line in lines {
            assert!(help.contains(line), "{command:?}: no `{line}` in\n{help}");
        }
    }
}

#[test]
fn a_successful_run_prints_one_summary_line_with_singular_and_plural_counts() {
    let site = copy_site(&fixture("basic"));
    // One warning: an unused topic. And an alias, which is a redirect, not a page.
    std::fs::write(
        site.path().join("content/topics/unused.md"),
        "+++\ntitle = \"Unused\"\n+++\n",
    )
    .unwrap();
    let reply = site.path().join("content/articles/2024-02-01-reply.md");
    let text = std::fs::read_to_string(&reply).unwrap().replace(
        "topics = [",
        "summary = \"Fake.\"\naliases = [\"/old/reply/\"]\ntopics = [",
    );
    std::fs::write(&reply, text).unwrap();
    let check = dossier(site.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let (out, err) = (stdout(&check), stderr(&check));
    assert!(!err.contains("0 errors"), "a second summary line:\n{err}");
    assert!(!out.contains("(s)") && !err.contains("(s)"));
    let summary: Vec<&str> = out.lines().collect();
    assert_eq!(summary.len(), 1, "{out}");
    assert!(summary[0].ends_with(": no errors, 1 warning"), "{out}");
    let build = dossier(site.path(), &["build"]);
    let (out, err) = (stdout(&build), stderr(&build));
    assert!(!err.contains("0 errors"), "a second summary line:\n{err}");
    assert!(out.contains(" ms, 1 warning; search index "), "{out}");
    // Every page a reader visits, not the redirect at /old/reply/ nor 404.html.
    let public = site.path().join("public");
    let html = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(public.join("old/reply/index.html").is_file());
    assert!(public.join("404.html").is_file());
    let pages = html - 2;
    assert!(
        out.starts_with(&format!("built {pages} pages (")),
        "{out} ({html} html files)"
    );
    assert!(
        stdout(&check).starts_with(&format!("checked {pages} pages: ")),
        "{}",
        stdout(&check)
    );
}

#[test]
fn one_article_and_one_quote_are_counted_in_the_singular() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("x");
    let init = dossier(tmp.path(), &["init", site.to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    let build = dossier(&site, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let out = stdout(&build);
    assert!(out.contains(" (1 article, 1 quote; "), "{out}");
    assert!(
        !out.contains("1 articles") && !out.contains("1 quotes"),
        "{out}"
    );
}

#[test]
fn commands_run_in_a_subfolder_use_the_site_above_and_say_so() {
    let site = copy_site(&fixture("basic"));
    let folder = site.path().join("content/articles");
    let check = dossier(&folder, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let canonical = site.path().canonicalize().unwrap();
    let said = format!("using the site at ../.. ({})", canonical.display());
    assert!(
        stderr(&check).lines().any(|line| line == said),
        "no `{said}` in\n{}",
        stderr(&check)
    );
    let new = dossier(
        &folder,
        &["new", "article", "From below", "--date", "2024-05-01"],
    );
    assert!(new.status.success(), "{}", stderr(&new));
    assert!(folder.join("2024-05-01-from-below.md").is_file());
    let build = dossier(&folder, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site.path().join("public/index.html").is_file());
    assert!(!folder.join("public").exists());
    // In the site's own folder, nothing is said.
    let here = dossier(site.path(), &["check"]);
    assert!(
        !stderr(&here).contains("using the site"),
        "{}",
        stderr(&here)
    );
}

#[test]
fn theme_eject_says_a_copy_stops_following_the_theme_and_theme_diff_shows_it() {
    let site = copy_site(&fixture("basic"));
    let eject = dossier(site.path(), &["theme", "eject", "templates/base.html"]);
    assert!(eject.status.success(), "{}", stderr(&eject));
    let out = stdout(&eject);
    assert!(out.contains("no longer follow its updates"), "{out}");
    assert!(out.contains("`dossier theme diff`"), "{out}");
    let same = dossier(site.path(), &["theme", "diff"]);
    assert_eq!(
        stdout(&same),
        "templates/base.html: the same as the built-in theme's (delete it to follow theme updates)\n"
    );
    let base = site.path().join("templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        text.replace("</footer>", "<p>Fake note.</p></footer>"),
    )
    .unwrap();
    let diff = stdout(&dossier(site.path(), &["theme", "diff"]));
    assert!(
        diff.starts_with("--- built-in templates/base.html\n+++ templates/base.html\n@@ "),
        "{diff}"
    );
    assert!(
        diff.lines().any(|l| l == "+<p>Fake note.</p></footer>"),
        "{diff}"
    );
    assert!(diff.lines().any(|l| l == "-</footer>"), "{diff}");
}
