//! The published DPV mapping (`bindings/dpv-mapping.json`) is current, and
//! the JSON-LD export names only the IRIs it publishes.

use matrix_privacy_policy::Policy;
use matrix_privacy_policy::export::{dpv, jsonld};

const REGENERATE: &str = "cargo run --example gen-dpv-mapping > bindings/dpv-mapping.json";

#[test]
fn committed_mapping_is_current() {
    assert!(
        dpv::mapping() == dpv::MAPPING_JSON,
        "{} is stale. Regenerate it with:\n\n    {REGENERATE}\n",
        dpv::MAPPING_PATH
    );
}

/// Every DPV IRI of the export of every release is one the mapping publishes
/// (or a class of the graph's fixed structure), so that checking the mapping
/// against DPV checks the export.
#[test]
fn export_uses_only_published_iris() {
    let mapping = dpv::MAPPING_JSON;
    let structure = [
        "https://w3id.org/dpv#CrossBorderTransfer",
        "https://w3id.org/dpv#TechnicalOrganisationalMeasure",
    ];
    for policy in Policy::releases() {
        let text = jsonld::to_string(policy);
        for (at, _) in text.match_indices("\"https://w3id.org/dpv") {
            let iri: String = text[at + 1..].chars().take_while(|c| *c != '"').collect();
            assert!(
                mapping.contains(&format!("\"{iri}\"")) || structure.contains(&iri.as_str()),
                "{}: {iri} is not in the published mapping",
                policy.version
            );
        }
    }
}
