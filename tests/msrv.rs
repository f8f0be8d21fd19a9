//! The minimum Rust version README states is the one Cargo.toml declares, and no locked
//! dependency needs a newer one. (dossier's own use of the standard library is checked
//! against it by clippy's `incompatible_msrv` lint, which `.ci/run` denies.)

mod common;

use std::process::Command;

fn version(text: &str) -> Vec<u32> {
    text.split('.').map(|part| part.parse().unwrap()).collect()
}

#[test]
fn no_dependency_needs_a_newer_rust_than_the_declared_minimum() {
    let output = Command::new(env!("CARGO"))
        // Not --offline: the lock file names crates for other platforms (android, wasm)
        // that a build on this one never downloaded; cargo fetches their manifests.
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(common::repo_root())
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let ours = packages
        .iter()
        .find(|p| p["name"] == "dossier")
        .and_then(|p| p["rust_version"].as_str())
        .expect("Cargo.toml declares rust-version");
    let newer: Vec<String> = packages
        .iter()
        .filter_map(|p| Some((p["name"].as_str()?, p["rust_version"].as_str()?)))
        .filter(|(_, needs)| version(needs) > version(ours))
        .map(|(name, needs)| format!("{name} needs {needs}"))
        .collect();
    assert!(newer.is_empty(), "rust-version {ours}, but: {newer:?}");
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("Rust {ours} or newer")),
        "README states another minimum than rust-version {ours}"
    );
}
