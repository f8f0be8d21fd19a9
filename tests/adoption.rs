//! From nothing to a published site, as a newcomer does it: README's Install section,
//! `dossier --version`, `dossier init` (its printed next steps; its workflow is
//! `tests/publish_workflow.rs`) and `dossier theme eject`. Release archives are made from this tree by
//! `scripts/release-archive`, as the release workflow makes them, and served from a local
//! folder (`file://`): no test uses the network.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::release::{REPOSITORY, VERSION, linux_target, local_release, require, succeeded, text};
use common::{dossier, repo_root};

/// The body of README's `## Install` section, and its first ```sh block.
fn readme_install() -> (String, String) {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let start = readme
        .find("\n## Install\n")
        .expect("README has an Install section");
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    let section = rest[..end].to_string();
    assert!(
        readme.find("\n## Commands\n").is_some_and(|c| c > start),
        "Install comes before Commands"
    );
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the Install section has a sh block")
        .to_string();
    (section, block)
}

#[test]
#[ignore = "needs bash, curl, tar and sha256sum (.ci/run installs them); run with --include-ignored"]
fn readme_install_of_a_prebuilt_binary_works_as_written() {
    require("curl");
    let (_, block) = readme_install();
    let tmp = tempfile::tempdir().unwrap();
    let release = tmp.path().join("release");
    local_release(&release);
    // The two lines this machine and this test change: the target (this machine's) and the
    // download address (a local folder). Both are checked to be what README says first.
    let mut script = String::new();
    for line in block.lines() {
        if line == format!("version={VERSION}") {
            script.push_str(line);
        } else if line.starts_with("version=") {
            panic!("README installs `{line}`, but this is version {VERSION}");
        } else if line.starts_with("target=") {
            assert!(
                line.starts_with("target=x86_64-unknown-linux-musl"),
                "{line}"
            );
            script.push_str(&format!("target={}", linux_target()));
        } else if line.starts_with("base=") {
            assert_eq!(
                line,
                format!("base={REPOSITORY}/releases/download/v$version")
            );
            script.push_str(&format!("base=file://{}", release.display()));
        } else {
            script.push_str(line);
        }
        script.push('\n');
    }
    let home = tmp.path().join("home");
    let work = tmp.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let run = Command::new("bash")
        .args(["-e", "-c", &script])
        .current_dir(&work)
        .env_clear()
        .env("HOME", &home)
        .env(
            "PATH",
            format!("{}/.local/bin:/usr/local/bin:/usr/bin:/bin", home.display()),
        )
        .output()
        .unwrap();
    let out = succeeded(&run, "README's install commands");
    assert!(home.join(".local/bin/dossier").is_file());
    assert!(out.contains(&format!("dossier {VERSION}")), "{out}");
}

#[test]
fn readme_install_names_the_release_archives_and_both_cargo_installs() {
    let (section, _) = readme_install();
    for wanted in [
        format!("cargo install --locked --git {REPOSITORY} dossier"),
        "cargo install --locked --path .".to_string(),
        "dossier --version".to_string(),
        "SHA256SUMS".to_string(),
    ] {
        assert!(
            section.contains(&wanted),
            "README's Install lacks `{wanted}`"
        );
    }
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(section.contains(target), "README's Install lacks {target}");
        let release =
            std::fs::read_to_string(repo_root().join(".github/workflows/release.yml")).unwrap();
        assert!(
            release.contains(&format!("target: {target}\n")),
            "release.yml lacks {target}"
        );
    }
}

/// README's command to build from source in a checkout, `cargo install --locked --path .`,
/// on a fresh clone of this repository's HEAD, offline, into a temporary root. (README's
/// other one, `cargo install --locked --git <repository>`, cannot run offline: cargo
/// refuses any git checkout in offline mode, even from a local clone. The test above
/// checks that README names it with the repository of Cargo.toml.)
#[test]
#[ignore = "needs git and a release build (about 6 minutes on 2 cores; target/install-check is kept); run with --include-ignored"]
fn readme_install_from_source_works_on_a_fresh_clone() {
    require("git");
    let (section, _) = readme_install();
    let command = "cargo install --locked --path .";
    assert!(section.contains(command));
    let tmp = tempfile::tempdir().unwrap();
    let clone = tmp.path().join("clone");
    succeeded(
        &Command::new("git")
            .arg("clone")
            .arg("--quiet")
            .arg(repo_root())
            .arg(&clone)
            .output()
            .unwrap(),
        "git clone",
    );
    let head = succeeded(
        &Command::new("git")
            .args(["rev-parse", "--short=9", "HEAD"])
            .current_dir(&clone)
            .output()
            .unwrap(),
        "git rev-parse",
    );
    let install_root = tmp.path().join("root");
    let run = Command::new("bash")
        .args(["-e", "-c", command])
        .current_dir(&clone)
        // Kept between runs, so later runs reuse the dependencies.
        .env("CARGO_TARGET_DIR", repo_root().join("target/install-check"))
        .env("CARGO_INSTALL_ROOT", &install_root)
        .env("CARGO_NET_OFFLINE", "true")
        .output()
        .unwrap();
    succeeded(&run, command);
    let version = Command::new(install_root.join("bin/dossier"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        succeeded(&version, "dossier --version"),
        format!("dossier {VERSION} ({})\n", head.trim())
    );
}

#[test]
fn version_prints_the_version_and_the_commit_when_built_from_git() {
    let out = succeeded(&dossier(&repo_root(), &["--version"]), "dossier --version");
    let head = Command::new("git")
        .args(["rev-parse", "--short=9", "HEAD"])
        .current_dir(repo_root())
        .output();
    match head {
        Ok(head) if head.status.success() => {
            assert_eq!(
                out,
                format!("dossier {VERSION} ({})\n", text(&head.stdout).trim())
            )
        }
        // Not built from a git checkout: the version alone.
        _ => assert_eq!(out, format!("dossier {VERSION}\n")),
    }
}

/// The lines `dossier init` printed under "Next steps:", without their indentation.
fn next_steps(stdout: &str) -> Vec<String> {
    let (_, steps) = stdout
        .split_once("\nNext steps:\n")
        .expect("next steps printed");
    steps
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.strip_prefix("  ").expect("indented").to_string())
        .collect()
}

/// Fetches `/` from a local server until it answers with a page, for at most 30 s.
fn wait_for_page(port: u16) -> String {
    use std::io::{Read, Write};
    for _ in 0..300 {
        if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            let mut response = String::new();
            if stream.write_all(request.as_bytes()).is_ok()
                && stream.read_to_string(&mut response).is_ok()
                && response.starts_with("HTTP/1.1 200")
            {
                return response;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("dossier serve did not answer on port {port}")
}

/// Each command of the printed next steps, run as written in bash, in order, with
/// `dossier` on the PATH. Two exceptions, because they reach out of this test: `dossier
/// serve` gets `--port` of a free port (1111 may be taken) and is stopped once it serves
/// the home page; the push to GitHub is a comment (it needs a GitHub repository).
#[test]
fn the_next_steps_init_prints_work_as_written() {
    require("git");
    let tmp = tempfile::tempdir().unwrap();
    let init = dossier(tmp.path(), &["init", "my-dossier"]);
    let out = succeeded(&init, "dossier init");
    let steps = next_steps(&out);
    assert_eq!(steps[0], "cd my-dossier");
    let site = tmp.path().join("my-dossier");
    assert!(
        steps.iter().any(|s| s.contains("Source: GitHub Actions")),
        "{steps:?}"
    );
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_dossier")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let bash = |script: &str| {
        Command::new("bash")
            .args(["-e", "-c", script])
            .current_dir(tmp.path())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Fake Editor")
            .env("GIT_AUTHOR_EMAIL", "editor@example.com")
            .env("GIT_COMMITTER_NAME", "Fake Editor")
            .env("GIT_COMMITTER_EMAIL", "editor@example.com")
            .output()
            .unwrap()
    };
    let mut script = String::new();
    let mut served = false;
    for step in &steps {
        let command = step.split(" #").next().unwrap().trim();
        if command.starts_with("dossier serve") {
            assert_eq!(command, "dossier serve");
            // What ran so far (the `cd`), then the server.
            succeeded(&bash(&script), "the next steps before serve");
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let mut server = Command::new(env!("CARGO_BIN_EXE_dossier"))
                .args(["serve", "--port", &port.to_string()])
                .current_dir(&site)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let page = wait_for_page(port);
            server.kill().unwrap();
            server.wait().unwrap();
            assert!(page.contains("My Dossier"), "{page}");
            served = true;
        } else {
            script.push_str(step);
            script.push('\n');
        }
    }
    assert!(served, "the next steps say how to preview: {steps:?}");
    // After the steps, git tracks neither the output nor a build's temporary folders.
    script.push_str(
        "mkdir .public.dossier-new-1 && touch .public.dossier-new-1/page.html\ngit status --porcelain --untracked-files=all > ../status.txt\n",
    );
    succeeded(&bash(&script), "the next steps");
    assert!(
        std::fs::read_dir(site.join("content/articles"))
            .unwrap()
            .any(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with("a-first-real-article.md"))
    );
    assert!(
        site.join("public/articles/a-first-real-article/index.html")
            .is_file()
    );
    let status = std::fs::read_to_string(tmp.path().join("status.txt")).unwrap();
    assert_eq!(
        status, "",
        "git sees files it should ignore, or uncommitted ones"
    );
}

#[test]
fn init_with_ci_none_writes_no_workflow_and_says_how_to_publish() {
    let tmp = tempfile::tempdir().unwrap();
    let out = succeeded(
        &dossier(tmp.path(), &["init", "plain", "--ci", "none"]),
        "dossier init --ci none",
    );
    assert!(!tmp.path().join("plain/.github").exists());
    assert!(tmp.path().join("plain/.gitignore").is_file());
    let steps = next_steps(&out);
    assert!(
        steps.iter().all(|s| !s.contains("GitHub Actions")),
        "{steps:?}"
    );
    assert!(steps.iter().any(|s| s.contains("static host")), "{steps:?}");
    let usage = dossier(tmp.path(), &["init", "other", "--ci", "jenkins"]);
    assert_eq!(usage.status.code(), Some(2));
}

/// Every file under `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn theme_eject_copies_the_real_theme_which_then_builds_the_same_site_and_can_be_edited() {
    let tmp = tempfile::tempdir().unwrap();
    succeeded(&dossier(tmp.path(), &["init", "site"]), "dossier init");
    let site = tmp.path().join("site");
    succeeded(&dossier(&site, &["build"]), "dossier build");
    let before = tree(&site.join("public"));

    let eject = dossier(&site, &["theme", "eject"]);
    let out = succeeded(&eject, "dossier theme eject");
    for file in [
        "templates/base.html",
        "templates/partials/quote.html",
        "static/style.css",
    ] {
        assert!(site.join(file).is_file(), "{file} not ejected");
        assert!(out.contains(file), "{file} not reported: {out}");
    }
    succeeded(&dossier(&site, &["build"]), "dossier build after eject");
    assert!(
        before == tree(&site.join("public")),
        "the ejected theme builds another site"
    );

    // The copies are the theme now: an edit shows in the next build.
    let css = site.join("static/style.css");
    let mut edited = std::fs::read_to_string(&css).unwrap();
    edited.push_str("\n/* fake newsroom colours */\n");
    std::fs::write(&css, &edited).unwrap();
    succeeded(&dossier(&site, &["build"]), "dossier build after an edit");
    assert_eq!(
        std::fs::read_to_string(site.join("public/style.css")).unwrap(),
        edited
    );

    // A second eject refuses, and changes nothing.
    let again = dossier(&site, &["theme", "eject"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("refusing to overwrite"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read_to_string(&css).unwrap(), edited);

    // One file by name, into a site that has the others.
    std::fs::remove_file(site.join("templates/quote.html")).unwrap();
    let one = dossier(&site, &["theme", "eject", "templates/quote.html"]);
    succeeded(&one, "dossier theme eject templates/quote.html");
    assert!(site.join("templates/quote.html").is_file());
}

/// docs/publishing.md's `install-dossier.sh` (for GitLab, Netlify, Cloudflare), run as
/// written in a site made by `init`, with `DOSSIER_DOWNLOAD_URL` set to a local release.
#[test]
#[ignore = "needs bash, curl, tar and sha256sum (.ci/run installs them); run with --include-ignored"]
fn the_install_script_of_docs_publishing_installs_a_checked_dossier() {
    require("curl");
    let docs = std::fs::read_to_string(repo_root().join("docs/publishing.md")).unwrap();
    let script = docs
        .split("```sh\n#!/bin/sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/publishing.md has install-dossier.sh");
    assert!(
        script.contains(&format!("\nversion={VERSION}\n")),
        "{script}"
    );
    assert!(script.contains(&format!(
        "base=${{DOSSIER_DOWNLOAD_URL:-{REPOSITORY}/releases/download/v$version}}"
    )));
    let tmp = tempfile::tempdir().unwrap();
    succeeded(
        &dossier(tmp.path(), &["init", "site", "--ci", "none"]),
        "init",
    );
    let site = tmp.path().join("site");
    std::fs::write(
        site.join("install-dossier.sh"),
        format!("#!/bin/sh\n{script}"),
    )
    .unwrap();
    let release = tmp.path().join("release");
    let archive = local_release(&release);
    if linux_target() != "x86_64-unknown-linux-musl" {
        // The script is for x86_64 build machines: give this machine's archive that name.
        let name = format!("dossier-v{VERSION}-x86_64-unknown-linux-musl");
        let dir = tempfile::tempdir().unwrap();
        succeeded(
            &Command::new("bash")
                .arg("-c")
                .arg(format!(
                    "tar -xzf '{}' -C '{d}' && mv '{d}'/dossier-v* '{d}/{name}' && tar -czf '{r}/{name}.tar.gz' -C '{d}' '{name}' && cd '{r}' && sha256sum dossier-v*.tar.gz > SHA256SUMS",
                    archive.display(),
                    d = dir.path().display(),
                    r = release.display()
                ))
                .output()
                .unwrap(),
            "renaming the archive",
        );
    }
    let install = |site: &Path| {
        Command::new("sh")
            .arg("install-dossier.sh")
            .current_dir(site)
            .env(
                "DOSSIER_DOWNLOAD_URL",
                format!("file://{}", release.display()),
            )
            .output()
            .unwrap()
    };
    let out = succeeded(&install(&site), "install-dossier.sh");
    assert!(out.contains(&format!("dossier {VERSION}")), "{out}");
    let build = Command::new(site.join(".dossier/dossier"))
        .args([
            "build",
            "--base-url",
            "https://fake-group.gitlab.io/fake-project/",
        ])
        .current_dir(&site)
        .output()
        .unwrap();
    succeeded(&build, ".dossier/dossier build");
    assert!(site.join("public/index.html").is_file());

    // `SHA256SUMS` written in binary mode (`<hash> *<name>`, as `sha256sum -b` and
    // Windows tools write it) is read too.
    let sums = release.join("SHA256SUMS");
    let binary: String = std::fs::read_to_string(&sums)
        .unwrap()
        .lines()
        .map(|line| format!("{} *{}\n", &line[..64], &line[66..]))
        .collect();
    std::fs::write(&sums, binary).unwrap();
    let again = tmp.path().join("again");
    succeeded(
        &dossier(tmp.path(), &["init", "again", "--ci", "none"]),
        "init",
    );
    std::fs::copy(
        site.join("install-dossier.sh"),
        again.join("install-dossier.sh"),
    )
    .unwrap();
    succeeded(
        &install(&again),
        "install-dossier.sh with a binary-mode SHA256SUMS",
    );

    // A wrong checksum stops it before anything is installed.
    let other = tmp.path().join("other");
    succeeded(
        &dossier(tmp.path(), &["init", "other", "--ci", "none"]),
        "init",
    );
    std::fs::copy(
        site.join("install-dossier.sh"),
        other.join("install-dossier.sh"),
    )
    .unwrap();
    let tampered: String = std::fs::read_to_string(&sums)
        .unwrap()
        .lines()
        .map(|line| format!("{}{}\n", "0".repeat(64), &line[64..]))
        .collect();
    std::fs::write(&sums, tampered).unwrap();
    let failed = install(&other);
    assert!(!failed.status.success(), "a tampered release was installed");
    assert!(!other.join(".dossier/dossier").exists());
}
