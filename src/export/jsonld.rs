//! A [`Policy`] as a JSON-LD graph in W3C Data Privacy Vocabulary (DPV 2.x) terms.
//!
//! The graph has one node per statement of the policy, each with an IRI
//! built from the policy's URL (without its fragment) and version, so that
//! two versions of a policy never share a node:
//!
//! | node | DPV type | links |
//! |---|---|---|
//! | the policy | `dpv:PrivacyNotice` | `dpv:hasDataController`, `dpv:hasProcess`, `dpv:hasRecipient`, `dpv:hasRight`, `dpv:hasTechnicalOrganisationalMeasure`, `dpv:hasStorageCondition`, `dpv:hasAuthority` |
//! | the controller | `dpv:DataController` | `dpv:hasName`, `dpv:hasContact` |
//! | a data category | `dpv:PersonalData` | `skos:broader` its DPV-PD concept, where one fits |
//! | a purpose | `dpv:Process` | `dpv:hasPurpose` (DPV purposes), `dpv:hasLegalBasis` (`eu-gdpr:A6-1-*`), `dpv:hasPersonalData`, `dpv:hasRecipient` |
//! | a recipient | `dpv:Recipient` and its role (`dpv:DataProcessor`, …) | `dpv:hasPersonalData` |
//! | a transfer | `dpv:Process` | `dpv:hasProcessing dpv:CrossBorderTransfer`, `dpv:hasRecipient`, `dpv:hasLegalBasis` (safeguards, `eu-gdpr:A46-2-*`, …) |
//! | a retention rule | `dpv:StorageDuration` | `dpv:hasPersonalData`, `rdf:value` the period (`xsd:duration`) |
//! | a security measure | its DPV measure, or `dpv:TechnicalOrganisationalMeasure` | |
//!
//! The context is inline (no remote document is fetched), every IRI value is
//! written out in full, and text keeps the policy's language tag.
//!
//! ```
//! use matrix_privacy_policy::{Policy, export::jsonld};
//! let graph = jsonld::to_jsonld(Policy::canonical());
//! let nodes = graph["@graph"].as_array().expect("a graph");
//! assert!(nodes.iter().any(|n| n["@type"] == "dpv:PrivacyNotice"));
//! ```

use serde_json::{Map, Value, json};

use super::dpv;
use crate::{Policy, Retention, Safeguard};

const DPV: &str = crate::DPV;

/// The IRI of the policy node: the policy's URL without its fragment, or a
/// `urn:` built from the controller's name, followed by the version.
pub fn document_iri(policy: &Policy) -> String {
    match &policy.url {
        Some(url) => {
            let page = url.as_str().split('#').next().unwrap_or_default();
            format!("{page}#v{}", policy.version)
        }
        None => format!(
            "urn:privacy-policy:{}:v{}",
            slug(&policy.controller.name),
            policy.version
        ),
    }
}

/// Lower-case ASCII letters and digits, every other run of characters one `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "policy".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// A `mailto:` IRI; characters the IRI grammar does not allow are percent-encoded.
fn mailto(address: &str) -> String {
    let mut out = String::from("mailto:");
    for b in address.bytes() {
        if b.is_ascii_alphanumeric() || b"@.!$&'*+=_~-".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn id(iri: impl Into<String>) -> Value {
    json!({ "@id": iri.into() })
}

fn ids<I: IntoIterator<Item = S>, S: Into<String>>(iris: I) -> Value {
    Value::Array(iris.into_iter().map(id).collect())
}

/// Builds the JSON-LD document of `policy`.
pub fn to_jsonld(policy: &Policy) -> Value {
    let doc = document_iri(policy);
    let node = |kind: &str, key: &str| format!("{doc}/{kind}/{key}");
    let lang = policy.language.as_str();
    let text = |t: &str| json!({ "@value": t, "@language": lang });
    let mut graph = Vec::new();

    let controller_iri = format!("{doc}/controller");
    let mut contacts = Vec::new();
    for contact in &policy.contacts {
        if let Some(email) = &contact.email {
            contacts.push(mailto(email.as_str()));
        }
        if let Some(url) = &contact.url {
            contacts.push(url.as_str().to_owned());
        }
    }
    graph.push(json!({
        "@id": controller_iri,
        "@type": "dpv:DataController",
        "dpv:hasName": policy.controller.name,
        "dct:description": text(&policy.controller.description),
        "dpv:hasContact": ids(contacts),
    }));

    for category in &policy.data_categories {
        let mut n = json!({
            "@id": node("data", category.id.as_str()),
            "@type": "dpv:PersonalData",
            "dpv:hasName": category.name,
            "dct:description": text(&category.description),
        });
        if let Some(concept) = dpv::data_category(category.id.as_str()) {
            n["skos:broader"] = id(concept);
        }
        graph.push(n);
    }

    for purpose in &policy.purposes {
        let recipients = policy
            .recipients
            .iter()
            .filter(|r| r.purposes.contains(&purpose.id))
            .map(|r| node("recipient", r.id.as_str()));
        graph.push(json!({
            "@id": node("purpose", purpose.id.as_str()),
            "@type": "dpv:Process",
            "dpv:hasName": purpose.name,
            "dct:description": text(&purpose.description),
            "dpv:hasPurpose": ids(dpv::purpose(purpose.id.as_str()).iter().copied()),
            "dpv:hasLegalBasis": ids(purpose.legal_bases.iter().map(|b| b.dpv_iri())),
            "dpv:hasPersonalData": ids(purpose.data.iter().map(|d| node("data", d.as_str()))),
            "dpv:hasRecipient": ids(recipients),
        }));
    }

    // Only stated roles are exported as DPV classes: a role that is our
    // reading of the text is not the controller's statement.
    fn recipient_types(r: &crate::Recipient) -> Value {
        let mut types = vec![Value::from("dpv:Recipient")];
        if let Some(role) = r
            .role
            .filter(|_| !r.inferred.contains(&crate::RecipientField::Role))
        {
            types.push(dpv::recipient_role(role).into());
        }
        types.extend(dpv::recipient_kind(r.kind).map(Value::from));
        Value::Array(types)
    }

    for recipient in &policy.recipients {
        let mut n = json!({
            "@id": node("recipient", recipient.id.as_str()),
            "@type": recipient_types(recipient),
            "dpv:hasName": recipient.name,
            "dct:description": text(&recipient.description),
            "dpv:hasPersonalData": ids(recipient.receives.iter().map(|d| node("data", d.as_str()))),
        });
        if let Some(url) = &recipient.privacy_policy {
            n["rdfs:seeAlso"] = id(url.as_str());
        }
        graph.push(n);
    }

    for transfer in &policy.transfers {
        graph.push(json!({
            "@id": node("transfer", transfer.id.as_str()),
            "@type": "dpv:Process",
            "dpv:hasProcessing": id(format!("{DPV}CrossBorderTransfer")),
            "dct:description": text(&transfer.description),
            "dpv:hasRecipient": ids(transfer.recipients.iter().map(|r| node("recipient", r.as_str()))),
            "dpv:hasLegalBasis": ids(transfer.safeguards.iter().map(|s: &Safeguard| s.dpv_iri())),
        }));
    }

    for rule in &policy.retention {
        let mut n = json!({
            "@id": node("retention", rule.id.as_str()),
            "@type": "dpv:StorageDuration",
            "dct:description": text(&rule.description),
            "dpv:hasPersonalData": ids(rule.data.iter().map(|d| node("data", d.as_str()))),
        });
        if let Retention::Fixed { period } | Retention::AfterEvent { period, .. } = &rule.retention
        {
            n["rdf:value"] = json!({ "@value": period.to_string(), "@type": "xsd:duration" });
        }
        graph.push(n);
    }

    for measure in &policy.security_measures {
        let kind = dpv::measure_kind(measure.kind).map_or_else(
            || "dpv:TechnicalOrganisationalMeasure".to_owned(),
            str::to_owned,
        );
        graph.push(json!({
            "@id": node("measure", measure.id.as_str()),
            "@type": kind,
            "dct:description": text(&measure.description),
        }));
    }

    let mut notice = Map::new();
    notice.insert("@id".into(), doc.clone().into());
    notice.insert("@type".into(), "dpv:PrivacyNotice".into());
    notice.insert("dct:title".into(), text(&policy.title));
    notice.insert("dct:language".into(), lang.into());
    notice.insert("owl:versionInfo".into(), policy.version.to_string().into());
    if let Some(url) = &policy.url {
        notice.insert("dct:source".into(), id(url.as_str()));
    }
    notice.insert("dpv:hasDataController".into(), id(controller_iri));
    let collection = |kind: &str, keys: Vec<&str>| ids(keys.into_iter().map(|k| node(kind, k)));
    notice.insert(
        "dpv:hasProcess".into(),
        ids(policy
            .purposes
            .iter()
            .map(|p| node("purpose", p.id.as_str()))
            .chain(
                policy
                    .transfers
                    .iter()
                    .map(|t| node("transfer", t.id.as_str())),
            )),
    );
    notice.insert(
        "dpv:hasRecipient".into(),
        collection(
            "recipient",
            policy.recipients.iter().map(|r| r.id.as_str()).collect(),
        ),
    );
    notice.insert(
        "dpv:hasRight".into(),
        ids(policy.rights.iter().map(|r| r.right.dpv_iri())),
    );
    notice.insert(
        "dpv:hasTechnicalOrganisationalMeasure".into(),
        collection(
            "measure",
            policy
                .security_measures
                .iter()
                .map(|m| m.id.as_str())
                .collect(),
        ),
    );
    notice.insert(
        "dpv:hasStorageCondition".into(),
        collection(
            "retention",
            policy.retention.iter().map(|r| r.id.as_str()).collect(),
        ),
    );
    if let Some(authority) = &policy.supervisory_authority {
        let authority_iri = format!("{doc}/authority");
        graph.push(json!({
            "@id": authority_iri,
            "@type": "dpv:DataProtectionAuthority",
            "dpv:hasName": authority.name,
        }));
        notice.insert("dpv:hasAuthority".into(), id(authority_iri));
    }
    graph.insert(0, Value::Object(notice));

    json!({
        "@context": {
            "dpv": DPV,
            "pd": dpv::DPV_PD,
            "eu-gdpr": crate::DPV_GDPR,
            "dct": "http://purl.org/dc/terms/",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "owl": "http://www.w3.org/2002/07/owl#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@graph": graph,
    })
}

/// [`to_jsonld`] as pretty-printed JSON with a trailing newline.
pub fn to_string(policy: &Policy) -> String {
    let mut out = serde_json::to_string_pretty(&to_jsonld(policy)).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_are_built_from_url_and_version() {
        let policy = Policy::canonical();
        let doc = document_iri(policy);
        assert!(doc.ends_with("#v3.1.0"), "{doc}");
        assert!(!doc[..doc.len() - 7].contains('#'));
    }

    #[test]
    fn slugs_and_mailto_are_iri_safe() {
        assert_eq!(
            slug("The Matrix.org Foundation C.I.C."),
            "the-matrix-org-foundation-c-i-c"
        );
        assert_eq!(slug("ü"), "policy");
        assert_eq!(mailto("a{b}@c.d"), "mailto:a%7Bb%7D@c.d");
    }

    #[test]
    fn binding_corporate_rules_export_as_article_46() {
        let mut policy = Policy::canonical().clone();
        if let Some(t) = policy.transfers.first_mut() {
            t.safeguards = vec![Safeguard::BindingCorporateRules];
        }
        let text = to_string(&policy);
        assert!(text.contains("https://w3id.org/dpv/legal/eu/gdpr#A46-2-b"));
        assert!(!text.contains("A47"));
    }
}
