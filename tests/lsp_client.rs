//! `dossier lsp` driven by a real LSP client: PyPI `pytest-lsp` (on pygls and lsprotocol),
//! installed pinned by `scripts/lsp-client-tools` (which `.ci/run` runs). The client's tests
//! are `tests/lsp/test_lsp.py`; this runs them against the binary this build made. Ignored
//! by a plain `cargo test`: `cargo test --test lsp_client -- --include-ignored`.

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs the pinned LSP client: scripts/lsp-client-tools"]
fn a_real_lsp_client_sees_diagnostics_completion_hover_definition_rename_and_fixes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join(".ci/lsp/venv/bin/python");
    assert!(
        python.is_file(),
        "{} is missing: run scripts/lsp-client-tools first",
        python.display()
    );
    let output = Command::new(&python)
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "test_lsp.py",
        ])
        .current_dir(root.join("tests/lsp"))
        .env("DOSSIER_BIN", env!("CARGO_BIN_EXE_dossier"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("runs pytest");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the LSP client's tests failed:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Not a run that found nothing to test.
    assert!(report.contains(" passed"), "{report}");
}
