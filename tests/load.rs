//! The loader on valid documents, round trips, and error reporting.

use matrix_privacy_policy::Policy;
use matrix_privacy_policy::load::{self, DiagnosticKind, LoadError, LoadOptions};

const MINIMAL: &str = include_str!("fixtures/minimal.json");

#[test]
fn minimal_fixture_loads() {
    let p = load::load_str(MINIMAL).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.version.to_string(), "1.1.0");
    assert_eq!(p.data_categories.len(), 2);
    assert!(p.recipient("hosting_co").is_some());
}

#[test]
fn load_serialize_load_is_the_identity() {
    for text in [MINIMAL, Policy::canonical_json()] {
        let first = load::load_str(text).unwrap_or_else(|e| panic!("{e}"));
        let pretty = first.to_json_pretty();
        let second = load::load_str(&pretty).unwrap_or_else(|e| panic!("{e}\n{pretty}"));
        assert_eq!(first, second);
        // And serializing again is stable byte for byte.
        assert_eq!(second.to_json_pretty(), pretty);
        let compact = serde_json::to_string(&first).unwrap();
        assert_eq!(load::load_str(&compact).unwrap(), first);
    }
}

#[test]
fn the_stages_compose() {
    let opts = LoadOptions::default();
    let doc = load::parse_strict(MINIMAL.as_bytes(), &opts).unwrap();
    assert_eq!(doc.text(), MINIMAL);
    assert!(load::validate_schema(&doc).is_empty());
    assert!(load::check_text(&doc).is_empty());
    let policy = doc.to_policy().unwrap();
    assert!(load::check_semantics(&policy).is_empty());
    assert_eq!(policy, load::load_str(MINIMAL).unwrap());
    // The document converts to a Value, which validates the same way.
    let value = doc.to_value();
    assert_eq!(
        value,
        serde_json::from_str::<serde_json::Value>(MINIMAL).unwrap()
    );
    assert!(load::validate_value(&value).is_empty());
    assert_eq!(serde_json::from_value::<Policy>(value).unwrap(), policy);
}

#[test]
fn all_schema_errors_are_reported() {
    let text = MINIMAL
        .replace("\"legal_form\"", "\"legal_from\"")
        .replace("\"P90D\"", "\"P1W\"")
        .replacen(
            "\"title\": \"Example.org Homeserver Privacy Notice\"",
            "\"title\": 5",
            1,
        );
    let err = load::load_str(&text).unwrap_err();
    let LoadError::Invalid(diags) = &err else {
        panic!("{err}")
    };
    let got: Vec<_> = diags
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.pointer.as_str(),
                d.position.map(|p| p.line),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("wrong-type", "/title", Some(3)),
            ("unknown-field", "/controller/legal_from", Some(8)),
            ("pattern", "/retention/0/retention/period", Some(122)),
        ]
    );
    assert!(diags.iter().all(|d| d.kind == DiagnosticKind::Schema));
    // One line per problem.
    assert_eq!(err.to_string().lines().count(), 3);
    assert!(
        err.to_string()
            .starts_with("3:12: /title: expected string, found an integer [wrong-type]")
    );
}

#[test]
fn semantic_errors_are_all_reported_too() {
    let text = MINIMAL
        .replace(
            "\"operated_by\": [\"hosting_co\"]",
            "\"operated_by\": [\"nobody\"]",
        )
        .replace("\"id\": \"tls\"", "\"id\": \"password_hashing\"")
        .replace("\"contact\": \"dpo\"", "\"contact\": \"nobody\"");
    let err = load::load_str(&text).unwrap_err();
    let codes: Vec<_> = err
        .diagnostics()
        .iter()
        .map(|d| (d.code.as_str(), d.pointer.clone()))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("dangling-reference", "/services/0/operated_by/0".to_owned()),
            (
                "dangling-reference",
                "/rights/0/exercise/0/contact".to_owned()
            ),
            ("duplicate-id", "/security_measures/1/id".to_owned()),
        ]
    );
}

#[test]
fn schema_key_is_accepted_and_kept() {
    let text = MINIMAL.replacen(
        '{',
        "{\n  \"$schema\": \"../../schema/privacy-policy.schema.json\",",
        1,
    );
    let p = load::load_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        p.schema.as_deref(),
        Some("../../schema/privacy-policy.schema.json")
    );
}

#[test]
fn canonical_loads() {
    let text = Policy::canonical_json();
    let p = load::load_str(text).unwrap_or_else(|e| panic!("data/matrix.org/3.1.0.json:\n{e}"));
    assert_eq!(&p, Policy::canonical());
    assert_eq!(p.history.last().map(|r| &r.version), Some(&p.version));
}

#[test]
fn every_document_in_data_loads() {
    let dir = format!("{}/data/matrix.org", env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let bytes = std::fs::read(&path).unwrap();
            let p = load::load(&bytes).unwrap_or_else(|e| panic!("{}:\n{e}", path.display()));
            let stem = path.file_stem().unwrap().to_string_lossy();
            assert_eq!(
                p.version.to_string(),
                stem,
                "{}: file name and version differ",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count >= 1);
}

/// Diagnostics inside an id-keyed collection name the entry by its id, at
/// every stage; the pointer itself is unchanged.
#[test]
fn diagnostics_name_the_entity() {
    let mut doc: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    // Schema stage: an unknown field in the second recipient.
    doc["recipients"][1]["nme"] = "x".into();
    let err = load::load_str(&doc.to_string()).unwrap_err();
    let d = &err.diagnostics()[0];
    let id = doc["recipients"][1]["id"].as_str().unwrap();
    assert_eq!(d.pointer, "/recipients/1/nme");
    assert_eq!(d.entity.as_deref(), Some(id));
    assert!(
        err.to_string()
            .contains(&format!("/recipients/1/nme ({id}): ")),
        "{err}"
    );

    // Semantic stage: a dangling reference.
    let mut doc: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    doc["recipients"][0]["receives"][0] = "ip_adress".into();
    let err = load::load_str(&doc.to_string()).unwrap_err();
    let d = err
        .diagnostics()
        .into_iter()
        .find(|d| d.code == "dangling-reference")
        .unwrap();
    assert_eq!(d.entity.as_deref(), Some("hosting_co"));

    // Outside a collection, no entity; a hostile id is shown escaped.
    let mut doc: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    doc["version"] = 1.into();
    doc["recipients"][0]["id"] = "a\u{1b}[2J\n::error::x".into();
    let err = load::load_str(&doc.to_string()).unwrap_err();
    let all = err.diagnostics();
    let version = all.iter().find(|d| d.pointer == "/version").unwrap();
    assert_eq!(version.entity, None);
    let shown = err.to_string();
    assert!(shown.contains("(a\\u001B[2J\\u000A::error::x)"), "{shown}");
}

/// A misspelt field or reference suggests the nearest allowed field or
/// existing id, and only when it is close.
#[test]
fn misspellings_get_a_suggestion() {
    let mut doc: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    let recipient = doc["recipients"][0].as_object_mut().unwrap();
    let name = recipient.remove("name").unwrap();
    recipient.insert("nme".into(), name);
    doc["tittle"] = "x".into();
    doc["colour"] = "x".into();
    let messages: Vec<String> = load::load_str(&doc.to_string())
        .unwrap_err()
        .diagnostics()
        .into_iter()
        .filter(|d| d.code == "unknown-field")
        .map(|d| d.message)
        .collect();
    assert!(
        messages.contains(&"unknown field `nme`; did you mean `name`?".to_owned()),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"unknown field `tittle`; did you mean `title`?".to_owned()),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"unknown field `colour`".to_owned()),
        "{messages:?}"
    );

    let mut doc: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
    doc["recipients"][0]["receives"][0] = "ip_adress".into();
    doc["recipients"][0]["receives"][1] = "nothing_like_it".into();
    let messages: Vec<String> = load::load_str(&doc.to_string())
        .unwrap_err()
        .diagnostics()
        .into_iter()
        .filter(|d| d.code == "dangling-reference")
        .map(|d| d.message)
        .collect();
    assert_eq!(
        messages,
        [
            "`ip_adress` is not the id of any entry of /data_categories; did you mean `ip_address`?",
            "`nothing_like_it` is not the id of any entry of /data_categories",
        ]
    );
}
