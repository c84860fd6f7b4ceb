//! `privacy-policy export --format jsonld`: a JSON-LD graph of a valid
//! policy; an input that is not a valid policy cannot be exported (exit 2).

use std::process::{Command, Stdio};

use serde_json::Value;

fn export(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_privacy-policy"))
        .arg("export")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("privacy-policy runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn embedded_policy_exports_as_a_dpv_graph() {
    let (code, stdout, _) = export(&["--format", "jsonld"]);
    assert_eq!(code, Some(0));
    let doc: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(doc["@context"]["dpv"], "https://w3id.org/dpv#");
    let graph = doc["@graph"].as_array().expect("a graph");
    let notice = &graph[0];
    assert_eq!(notice["@type"], "dpv:PrivacyNotice");
    assert_eq!(notice["owl:versionInfo"], "3.1.0");
    // Every node but the notice is reachable through its own IRI, under the notice's.
    let base = notice["@id"].as_str().expect("@id");
    assert!(
        graph
            .iter()
            .all(|n| n["@id"].as_str().is_some_and(|id| id.starts_with(base)))
    );
}

#[test]
fn a_file_exports_the_same_graph_as_the_embedded_policy() {
    let (_, embedded, _) = export(&["--format", "jsonld"]);
    let (code, from_file, _) = export(&["--format", "jsonld", "data/matrix.org/3.1.0.json"]);
    assert_eq!(code, Some(0));
    assert_eq!(embedded, from_file);
}

#[test]
fn invalid_input_is_not_exported() {
    let (code, stdout, stderr) = export(&[
        "--format",
        "jsonld",
        "tests/conformance/invalid/url-bad-percent-encoding.json",
    ]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert!(stderr.contains("not a valid policy"), "{stderr}");
    let (code, _, _) = export(&["--format", "jsonld", "no/such/file.json"]);
    assert_eq!(code, Some(2));
    let (code, _, _) = export(&["--format", "turtle"]);
    assert_eq!(code, Some(2));
}
