//! Inputs the fuzzer (`fuzz/`, target `article`) found crashing, kept as regression tests:
//! each `tests/fuzz_regressions/<name>.md` goes through the fuzz target's function
//! (`dossier::check_article_bytes`: load → link → render of one article in a small site)
//! and must come back with diagnostics, not a panic; its first line is `<name>.expect`.

mod common;

#[test]
fn every_crash_the_fuzzer_found_is_now_a_diagnostic() {
    let dir = common::repo_root().join("tests/fuzz_regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        let report = std::panic::catch_unwind(|| dossier::check_article_bytes(&bytes))
            .unwrap_or_else(|_| panic!("{} panics again", input.display()));
        let expected = std::fs::read_to_string(input.with_extension("expect")).unwrap();
        assert_eq!(
            report.lines().next(),
            Some(expected.trim_end()),
            "{}:\n{report}",
            input.display()
        );
    }
}
