//! Releases and `init`'s publish workflow, as the tests run them: a local release made by
//! `scripts/release-archive`, and the workflow's steps run by bash as GitHub's runner does.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::{dossier, repo_root};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn succeeded(output: &Output, what: &str) -> String {
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}\n{}",
        output.status,
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

/// Fails, with the reason, when a tool a test runs is not installed.
pub fn require(tool: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "this test needs `{tool}`, which is not installed (.ci/run installs it)"
    );
}

/// The Linux release target of this machine, as the generated workflow picks it.
pub fn linux_target() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x86_64-unknown-linux-musl",
        "aarch64" => "aarch64-unknown-linux-musl",
        other => panic!("no dossier release target for {other}"),
    }
}

/// A local copy of a release: this build's binary packed by scripts/release-archive, and
/// `SHA256SUMS` written as the release workflow writes it.
pub fn local_release(dir: &Path) -> PathBuf {
    for tool in ["bash", "tar", "sha256sum"] {
        require(tool);
    }
    let archive = Command::new(repo_root().join("scripts/release-archive"))
        .arg(linux_target())
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .arg(dir)
        .output()
        .unwrap();
    let path = PathBuf::from(succeeded(&archive, "scripts/release-archive").trim());
    assert_eq!(
        path,
        dir.join(format!("dossier-v{VERSION}-{}.tar.gz", linux_target()))
    );
    let sums = Command::new("bash")
        .args(["-c", "sha256sum dossier-v* > SHA256SUMS"])
        .current_dir(dir)
        .output()
        .unwrap();
    succeeded(&sums, "sha256sum");
    path
}

/// The script of the step named `name` in a workflow (`run: |` block or one line), with
/// the block's indentation removed, as the runner gets it.
pub fn step_script(workflow: &str, name: &str) -> String {
    let lines: Vec<&str> = workflow.lines().collect();
    let indent = |line: &str| line.len() - line.trim_start().len();
    let start = lines
        .iter()
        .position(|l| l.trim() == format!("- name: {name}"))
        .unwrap_or_else(|| panic!("the workflow has no step `{name}`"));
    let keys = indent(lines[start]) + 2;
    let mut i = start + 1;
    while i < lines.len() {
        let line = lines[i];
        if !line.trim().is_empty() && indent(line) < keys {
            break;
        }
        if indent(line) == keys && line.trim_start().starts_with("run:") {
            let rest = line.trim_start()["run:".len()..].trim();
            if rest != "|" {
                return format!("{rest}\n");
            }
            let body: Vec<&str> = lines[i + 1..]
                .iter()
                .take_while(|l| l.trim().is_empty() || indent(l) > keys)
                .copied()
                .collect();
            let strip = body
                .iter()
                .find(|l| !l.trim().is_empty())
                .map_or(0, |l| indent(l));
            return body
                .iter()
                .map(|l| format!("{}\n", l.get(strip..).unwrap_or("")))
                .collect();
        }
        i += 1;
    }
    panic!("step `{name}` has no run script")
}

/// Where a run of the generated workflow happens: the site (the checkout) and the
/// runner's temporary folder and GITHUB_PATH file.
pub struct Runner {
    _tmp: tempfile::TempDir,
    pub site: PathBuf,
    pub temp: PathBuf,
    pub github_path: PathBuf,
    pub workflow: String,
}

impl Runner {
    pub fn new() -> Runner {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        succeeded(&dossier(tmp.path(), &["init", "site"]), "dossier init");
        let workflow = std::fs::read_to_string(site.join(".github/workflows/publish.yml")).unwrap();
        let temp = tmp.path().join("runner-temp");
        std::fs::create_dir(&temp).unwrap();
        let github_path = tmp.path().join("github-path");
        std::fs::write(&github_path, "").unwrap();
        Runner {
            _tmp: tmp,
            site,
            temp,
            github_path,
            workflow,
        }
    }

    /// Runs step `name` as GitHub's runner does (`bash -e`, in the checkout), with the
    /// workflow's `env` (the download address given as the repository variable would give
    /// it), `extra` env, and PATH = what earlier steps added to GITHUB_PATH + system tools.
    pub fn run(&self, name: &str, download_url: &str, extra: &[(&str, &str)]) -> Output {
        let script = step_script(&self.workflow, name);
        let file = self.temp.join("step.sh");
        std::fs::write(&file, script).unwrap();
        let added: Vec<String> = std::fs::read_to_string(&self.github_path)
            .unwrap()
            .lines()
            .rev()
            .map(String::from)
            .collect();
        let mut path = added;
        path.push("/usr/local/bin:/usr/bin:/bin".into());
        Command::new("bash")
            .arg("-e")
            .arg(&file)
            .current_dir(&self.site)
            .env_clear()
            .env("PATH", path.join(":"))
            .env("HOME", self.temp.join("home"))
            .env("RUNNER_TEMP", &self.temp)
            .env("GITHUB_PATH", &self.github_path)
            .env("DOSSIER_VERSION", VERSION)
            .env("DOSSIER_DOWNLOAD_URL", download_url)
            .env("NO_COLOR", "1")
            .envs(extra.iter().copied())
            .output()
            .unwrap()
    }
}
