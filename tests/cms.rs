//! `dossier cms` writes the CMS's admin page and configuration into `static/admin/`, which
//! the build publishes, and never overwrites a configuration edited by hand unless told to.
//! (The CMS itself, in a browser, is tested by `tests/cms_browser.rs`.)

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn dossier(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

fn site() -> tempfile::TempDir {
    common::copy_site(&common::fixture("basic"))
}

#[test]
fn dossier_cms_writes_the_admin_page_which_the_build_publishes_unindexed() {
    let dir = site();
    let out = dossier(&["cms", "--repo", "owner/site"], dir.path());
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    for file in ["static/admin/config.yml", "static/admin/index.html"] {
        assert!(
            stdout.contains(&format!("created {}", dir.path().join(file).display())),
            "{stdout}"
        );
    }
    let config = std::fs::read_to_string(dir.path().join("static/admin/config.yml")).unwrap();
    assert!(config.contains("  repo: \"owner/site\"\n"), "{config}");
    // Run again: nothing to write.
    let again = dossier(&["cms", "--repo", "owner/site"], dir.path());
    assert!(!String::from_utf8_lossy(&again.stdout).contains("created"));
    let build = dossier(&["build"], dir.path());
    assert!(build.status.success(), "{build:?}");
    let public = dir.path().join("public");
    let page = std::fs::read_to_string(public.join("admin/index.html")).unwrap();
    assert!(page.contains("noindex"));
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(
        !sitemap.contains("admin"),
        "the admin page is not in the sitemap"
    );
}

#[test]
fn an_edited_config_is_kept_unless_forced_and_the_error_says_what_differs() {
    let dir = site();
    assert!(dossier(&["cms"], dir.path()).status.success());
    let path = dir.path().join("static/admin/config.yml");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("branch: \"main\"", "branch: \"drafts\"");
    std::fs::write(&path, &edited).unwrap();
    let refused = dossier(&["cms"], dir.path());
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("static/admin/config.yml differs from what `dossier cms` writes"),
        "{stderr}"
    );
    assert!(stderr.contains("-   branch: \"drafts\""), "{stderr}");
    assert!(stderr.contains("+   branch: \"main\""), "{stderr}");
    assert!(stderr.contains("dossier cms --force"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        edited,
        "kept as edited"
    );
    assert!(dossier(&["cms", "--force"], dir.path()).status.success());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("branch: \"main\"")
    );
}

#[test]
fn init_with_cms_writes_the_admin_page_too() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["init", "--ci", "none", "--cms"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(site.join("static/admin/config.yml").is_file());
    assert!(String::from_utf8_lossy(&out.stdout).contains("docs/cms.md"));
}

#[test]
fn a_multilingual_site_gets_sveltia_with_translations_and_a_reason_not_to_use_decap() {
    let dir = common::copy_site(&common::fixture("bilingual"));
    let refused = dossier(&["cms", "--app", "decap"], dir.path());
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains(
            "Decap CMS cannot edit a site with translations ([languages.fa] in site.toml)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("dossier cms --app sveltia"), "{stderr}");
    assert!(!dir.path().join("static/admin").exists());
    // Without --app, Sveltia.
    let out = dossier(&["cms"], dir.path());
    assert!(out.status.success(), "{out:?}");
    let page = std::fs::read_to_string(dir.path().join("static/admin/index.html")).unwrap();
    assert!(page.contains("https://unpkg.com/@sveltia/cms@0.221.1/dist/sveltia-cms.js"));
    let config = std::fs::read_to_string(dir.path().join("static/admin/config.yml")).unwrap();
    assert!(
        config.contains("  omit_default_locale_from_filename: true\n"),
        "{config}"
    );
}
