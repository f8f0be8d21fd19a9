//! A build killed with `kill -9` midway leaves its temporary folder beside the output; the
//! next build of that output removes it (it carries dossier's marker and its process is
//! gone), says so in one line, and succeeds. A folder of that name without the marker is
//! left alone. On a generated 2,000-article dossier, so the kill lands midway (the build
//! writes for seconds after its first 200 files), yet its output (~220 MB) fits on a CI
//! machine with little disk left.
#![cfg(target_os = "linux")]

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MARKER: &str = ".dossier-output";

fn dossier() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command.env("NO_COLOR", "1");
    command
}

/// A process id no process can have: above the kernel's `pid_max`. (A pid freed a moment
/// ago can be reused at once on a busy machine: `pid_max` is often 32,768.)
fn impossible_pid(n: u32) -> u32 {
    let max: u32 = std::fs::read_to_string("/proc/sys/kernel/pid_max")
        .expect("read pid_max")
        .trim()
        .parse()
        .unwrap();
    max + n
}

fn temporaries(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.dossier-"))
        .collect();
    names.sort();
    names
}

/// Files (not folders) under `dir`, at most `limit` counted.
fn files_in(dir: &Path, limit: usize) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .take(limit)
        .count()
}

#[test]
fn after_kill_9_midway_the_next_build_removes_the_temporary_folders_and_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    corpus::write_dossier(&corpus::generate(2_000), root).unwrap();

    // Not dossier's: the same name pattern, no marker. Must survive every build.
    let foreign = root.join(format!(".public.dossier-new-{}", impossible_pid(1)));
    std::fs::create_dir_all(foreign.join("notes")).unwrap();
    std::fs::write(foreign.join("notes/keep.txt"), "someone's files").unwrap();

    let mut build = dossier()
        .args(["build", "--root"])
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let staging = root.join(format!(".public.dossier-new-{}", build.id()));
    let started = Instant::now();
    // Midway: the new site has started to land in the temporary folder.
    loop {
        if let Some(status) = build.try_wait().unwrap() {
            panic!(
                "the build ended ({status}) before it could be killed midway: a bigger corpus is needed on this machine"
            );
        }
        if staging.is_dir() && files_in(&staging, 200) >= 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "the build wrote nothing in 10 minutes"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    build.kill().unwrap(); // SIGKILL
    build.wait().unwrap();
    assert!(
        staging.join(MARKER).is_file(),
        "the killed build's folder carries the marker"
    );
    assert!(
        !root.join("public").exists(),
        "the kill came before the swap"
    );
    // Also: a previous output, left by a build killed while it was removing it.
    let old = root.join(format!(".public.dossier-old-{}", impossible_pid(2)));
    std::fs::create_dir_all(old.join("articles/x")).unwrap();
    std::fs::write(old.join(MARKER), "").unwrap();

    let rebuild = dossier()
        .args(["build", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&rebuild.stderr);
    assert!(rebuild.status.success(), "{stderr}");
    let names = |paths: &[&Path]| -> Vec<String> {
        let mut names: Vec<String> = paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let removed_line = format!(
        "removed 2 temporary folders left by an interrupted build: {}",
        names(&[&staging, &old]).join(", ")
    );
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains("temporary folder"))
            .collect::<Vec<_>>(),
        [removed_line.as_str()],
        "{stderr}"
    );
    assert!(root.join("public/index.html").is_file());
    assert_eq!(temporaries(root), names(&[&foreign]));
    assert_eq!(
        std::fs::read_to_string(foreign.join("notes/keep.txt")).unwrap(),
        "someone's files"
    );

    // A later build has nothing to clean and says nothing about it. (The output goes first,
    // so that the disk never holds two of them: this build once failed in CI, unexplained,
    // most likely out of disk space.)
    std::fs::remove_dir_all(root.join("public")).unwrap();
    let again = dossier()
        .args(["build", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let again_stderr = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{again_stderr}");
    assert!(!again_stderr.contains("temporary folder"), "{again_stderr}");
    assert_eq!(temporaries(root), names(&[&foreign]));
}
