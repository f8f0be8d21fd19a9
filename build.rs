//! Stamps the version `dossier --version` prints: the package version, and the commit when
//! the crate is built from a git checkout of its own repository (`cargo install --git`, a
//! clone, the release workflow). No git, or a crate vendored inside another repository:
//! the version alone. `DOSSIER_COMMIT` in the environment overrides the commit.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !text.is_empty()).then_some(text)
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=DOSSIER_COMMIT");
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let commit = match std::env::var("DOSSIER_COMMIT") {
        Ok(commit) if !commit.is_empty() => Some(commit),
        _ => commit_of(&manifest_dir),
    };
    let version = env!("CARGO_PKG_VERSION");
    let version = match commit {
        Some(commit) => format!("{version} ({commit})"),
        None => version.to_string(),
    };
    println!("cargo:rustc-env=DOSSIER_VERSION={version}");
}

/// The short commit of HEAD, when `dir` is the top of a git work tree; and asks cargo to
/// run this again when HEAD moves (a commit, a checkout).
fn commit_of(dir: &Path) -> Option<String> {
    let top = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?);
    if top.canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    let commit = git(dir, &["rev-parse", "--short=9", "HEAD"])?;
    // HEAD, the branch it points to (loose or packed). Only files that exist: cargo reruns
    // a build script on every build while a watched file is missing.
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(path) = git(dir, &["rev-parse", "--git-path", &name]) {
            let path = dir.join(path);
            if path.is_file() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    Some(commit)
}
