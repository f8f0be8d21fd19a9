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
            "error: link to a missing anchor: @/articles/2024-01-10-first.md#no-such-heading\n  --> content/articles/2024-02-01-reply.md:20:24"
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
