//! The crate's verdicts on the conformance corpus (tests/conformance/): the
//! same as every other validator's on valid/ and invalid/ (the schema stage
//! decides), and a rejection outside the schema stage on semantic/, the
//! checks only the loader makes. `.ci/interop.sh` runs Python jsonschema,
//! jschon and Ajv on the same files.

use std::path::{Path, PathBuf};

use matrix_privacy_policy::load::{self, DiagnosticKind};

fn corpus(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/conformance")
        .join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("corpus file")
}

#[test]
fn corpus_has_at_least_40_documents() {
    let n: usize = ["valid", "invalid", "semantic"]
        .iter()
        .map(|f| corpus(f).len())
        .sum();
    assert!(n >= 40, "{n} documents");
}

#[test]
fn valid_documents_load() {
    for path in corpus("valid") {
        if let Err(e) = load::load(&read(&path)) {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn invalid_documents_fail_the_schema() {
    for path in corpus("invalid") {
        let err = load::load(&read(&path)).expect_err(&path.display().to_string());
        let diagnostics = err.diagnostics();
        assert!(
            !diagnostics.is_empty() && diagnostics.iter().all(|d| d.kind == DiagnosticKind::Schema),
            "{}: expected only schema problems, got {diagnostics:?}",
            path.display()
        );
    }
}

#[test]
fn semantic_documents_fail_only_outside_the_schema() {
    for path in corpus("semantic") {
        let err = load::load(&read(&path)).expect_err(&path.display().to_string());
        let diagnostics = err.diagnostics();
        assert!(
            !diagnostics.is_empty() && diagnostics.iter().all(|d| d.kind != DiagnosticKind::Schema),
            "{}: expected no schema problem, got {diagnostics:?}",
            path.display()
        );
    }
}

/// Each semantic-only case is listed in the corpus README.
#[test]
fn semantic_cases_are_documented() {
    let readme = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/README.md"),
    )
    .expect("README");
    for path in corpus("semantic") {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        assert!(
            readme.contains(&format!("`semantic/{name}`")),
            "{name} is not in the README"
        );
    }
}
