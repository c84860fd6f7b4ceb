//! W3C Data Privacy Vocabulary (DPV 2.x) IRIs for the model's terms.
//!
//! Legal bases, rights and transfer safeguards carry their IRIs in the model
//! ([`LegalBasis::dpv_iri`], [`Right::dpv_iri`], [`Safeguard::dpv_iri`]); this
//! module adds recipient roles, security-measure kinds and, for the ids the
//! Matrix.org policy uses, data categories (DPV-PD) and purposes. An id with
//! no DPV concept that fits is left out rather than mapped loosely.
//!
//! [`mapping`] gathers all of it into the document published as
//! `bindings/dpv-mapping.json`, so that other languages see the same IRIs.
//!
//! ```
//! use matrix_privacy_policy::export::dpv;
//! use matrix_privacy_policy::RecipientRole;
//! assert_eq!(dpv::recipient_role(RecipientRole::Processor), "https://w3id.org/dpv#DataProcessor");
//! assert_eq!(dpv::data_category("ip_address"), Some("https://w3id.org/dpv/pd#IPAddress"));
//! ```

use serde_json::{Map, Value, json};

use crate::{LegalBasis, MeasureKind, RecipientKind, RecipientRole, Right, Safeguard};

/// The IRI prefix of DPV's personal-data extension (`pd:`).
pub const DPV_PD: &str = "https://w3id.org/dpv/pd#";

/// The DPV release the IRIs were checked against.
pub const DPV_VERSION: &str = "2.2";

/// Where the published mapping lives, relative to the crate root.
pub const MAPPING_PATH: &str = "bindings/dpv-mapping.json";

/// The published mapping, byte for byte.
pub const MAPPING_JSON: &str = include_str!("../../bindings/dpv-mapping.json");

/// The DPV class of a recipient's GDPR role.
pub fn recipient_role(role: RecipientRole) -> &'static str {
    match role {
        RecipientRole::Processor => "https://w3id.org/dpv#DataProcessor",
        RecipientRole::IndependentController => "https://w3id.org/dpv#DataController",
        RecipientRole::JointController => "https://w3id.org/dpv#JointDataControllers",
    }
}

/// The DPV recipient class of a recipient kind, where DPV has one that
/// fits (a hosting or storage supplier is a `dpv:ServiceProvider`, law
/// enforcement a `dpv:LawEnforcementOrganisation`); kinds with none, and
/// `other`, give `None`.
pub fn recipient_kind(kind: RecipientKind) -> Option<&'static str> {
    use RecipientKind::*;
    match kind {
        ServiceOperator | Hosting | CloudStorage | CdnDdosProtection | ShopFront
        | PaymentProvider | Supplier => Some("https://w3id.org/dpv#ServiceProvider"),
        LawEnforcement => Some("https://w3id.org/dpv#LawEnforcementOrganisation"),
        FederatedHomeserver | Bridge | Integration | PublicIndexer | Acquirer | Other => None,
    }
}

/// The DPV technical or organisational measure of a security-measure kind,
/// where DPV has one.
pub fn measure_kind(kind: MeasureKind) -> Option<&'static str> {
    Some(match kind {
        MeasureKind::PasswordHashing => "https://w3id.org/dpv#HashFunctions",
        MeasureKind::TransportEncryption => "https://w3id.org/dpv#EncryptionInTransfer",
        MeasureKind::EndToEndEncryption => "https://w3id.org/dpv#EndToEndEncryption",
        MeasureKind::EncryptionAtRest => "https://w3id.org/dpv#EncryptionAtRest",
        MeasureKind::KeyBackup => "https://w3id.org/dpv#DataBackupProtocols",
        MeasureKind::AccessControl => "https://w3id.org/dpv#AccessControlMethod",
        MeasureKind::TwoFactorAuthentication => "https://w3id.org/dpv#MultiFactorAuthentication",
        MeasureKind::AdministrativeAccess => "https://w3id.org/dpv#CryptographicAuthentication",
        MeasureKind::PhysicalSecurity => "https://w3id.org/dpv#PhysicalAccessControlMethod",
        MeasureKind::DataSegregation
        | MeasureKind::VulnerabilityDisclosure
        | MeasureKind::Other => return None,
    })
}

/// Data-category ids of the Matrix.org policy and their DPV-PD concepts.
const DATA_CATEGORIES: &[(&str, &str)] = &[
    ("username", "https://w3id.org/dpv/pd#Username"),
    ("password", "https://w3id.org/dpv/pd#Password"),
    ("display_name", "https://w3id.org/dpv/pd#Name"),
    ("email_address", "https://w3id.org/dpv/pd#EmailAddress"),
    ("phone_number", "https://w3id.org/dpv/pd#TelephoneNumber"),
    (
        "messages_and_files",
        "https://w3id.org/dpv/pd#Communication",
    ),
    (
        "state_events",
        "https://w3id.org/dpv/pd#CommunicationsMetadata",
    ),
    ("device_id", "https://w3id.org/dpv/pd#DeviceBased"),
    ("ip_address", "https://w3id.org/dpv/pd#IPAddress"),
    ("user_agent", "https://w3id.org/dpv/pd#UserAgent"),
    ("shop_contact_details", "https://w3id.org/dpv/pd#Contact"),
    (
        "shop_delivery_address",
        "https://w3id.org/dpv/pd#PhysicalAddress",
    ),
    ("shop_purchase_details", "https://w3id.org/dpv/pd#Purchase"),
    ("shop_purchase_value", "https://w3id.org/dpv/pd#Purchase"),
    ("shop_payment_details", "https://w3id.org/dpv/pd#Financial"),
    ("shop_ip_address", "https://w3id.org/dpv/pd#IPAddress"),
];

/// Purpose ids of the Matrix.org policy and their DPV purposes.
const PURPOSES: &[(&str, &[&str])] = &[
    (
        "provide_communication_service",
        &["https://w3id.org/dpv#ServiceProvision"],
    ),
    (
        "authentication",
        &["https://w3id.org/dpv#IdentityAuthentication"],
    ),
    (
        "user_directory_lookup",
        &["https://w3id.org/dpv#SearchFunctionalities"],
    ),
    (
        "password_reset",
        &["https://w3id.org/dpv#AccountManagement"],
    ),
    (
        "missed_message_notifications",
        &["https://w3id.org/dpv#CommunicationManagement"],
    ),
    (
        "service_announcements",
        &["https://w3id.org/dpv#CommunicationManagement"],
    ),
    (
        "device_management",
        &["https://w3id.org/dpv#AccountManagement"],
    ),
    (
        "security_and_abuse_prevention",
        &[
            "https://w3id.org/dpv#EnforceSecurity",
            "https://w3id.org/dpv#MisusePreventionAndDetection",
        ],
    ),
    (
        "operations_and_improvement",
        &["https://w3id.org/dpv#TechnicalServiceProvision"],
    ),
    (
        "hosting_and_suppliers",
        &["https://w3id.org/dpv#TechnicalServiceProvision"],
    ),
    (
        "legal_compliance",
        &["https://w3id.org/dpv#LegalCompliance"],
    ),
    (
        "contact_and_support",
        &["https://w3id.org/dpv#CustomerCare"],
    ),
    (
        "encryption_key_recovery",
        &["https://w3id.org/dpv#ServiceProvision"],
    ),
    (
        "business_administration",
        &["https://w3id.org/dpv#OrganisationGovernance"],
    ),
    (
        "shop_order_fulfilment",
        &[
            "https://w3id.org/dpv#CustomerOrderManagement",
            "https://w3id.org/dpv#DeliveryOfGoods",
        ],
    ),
    (
        "shop_payment_processing",
        &["https://w3id.org/dpv#PaymentManagement"],
    ),
    ("shop_operation", &["https://w3id.org/dpv#SellProducts"]),
    (
        "shop_legal_compliance",
        &["https://w3id.org/dpv#LegalCompliance"],
    ),
    ("legal_claims", &["https://w3id.org/dpv#DisputeManagement"]),
];

/// The DPV-PD concept of a data-category id, where the mapping has one.
pub fn data_category(id: &str) -> Option<&'static str> {
    DATA_CATEGORIES
        .iter()
        .find(|(key, _)| *key == id)
        .map(|(_, iri)| *iri)
}

/// The DPV purposes of a purpose id (empty where the mapping has none).
pub fn purpose(id: &str) -> &'static [&'static str] {
    PURPOSES
        .iter()
        .find(|(key, _)| *key == id)
        .map_or(&[], |(_, iris)| iris)
}

/// The whole mapping as one JSON document (the content of
/// `bindings/dpv-mapping.json`), pretty-printed with a trailing newline.
pub fn mapping() -> String {
    fn terms<T: Copy + serde::Serialize>(
        all: &[T],
        iri: impl Fn(T) -> Option<&'static str>,
    ) -> Value {
        let mut out = Map::new();
        for &term in all {
            if let (Ok(Value::String(key)), Some(iri)) = (serde_json::to_value(term), iri(term)) {
                out.insert(key, iri.into());
            }
        }
        Value::Object(out)
    }
    let legal_bases: Value = LegalBasis::ALL
        .iter()
        .map(|b| {
            (
                b.key().to_owned(),
                json!({ "gdpr": b.dpv_iri(), "dpv": b.dpv_core_iri() }),
            )
        })
        .collect::<Map<_, _>>()
        .into();
    let data_categories: Map<String, Value> = DATA_CATEGORIES
        .iter()
        .map(|(id, iri)| ((*id).to_owned(), (*iri).into()))
        .collect();
    let purposes: Map<String, Value> = PURPOSES
        .iter()
        .map(|(id, iris)| ((*id).to_owned(), json!(iris)))
        .collect();
    let doc = json!({
        "$comment": "W3C Data Privacy Vocabulary (DPV) IRIs for the terms of the matrix-privacy-policy format. Generated from the Rust crate (src/export/dpv.rs); do not edit.",
        "dpv_version": DPV_VERSION,
        "schema_id": crate::schema::SCHEMA_ID,
        "prefixes": {
            "dpv": crate::DPV,
            "eu-gdpr": crate::DPV_GDPR,
            "pd": DPV_PD,
        },
        "legal_bases": legal_bases,
        "rights": terms(Right::ALL, |r| Some(r.dpv_iri())),
        "safeguards": terms(Safeguard::ALL, |s| Some(s.dpv_iri())),
        "recipient_roles": terms(&[RecipientRole::Processor, RecipientRole::IndependentController, RecipientRole::JointController], |r| Some(recipient_role(r))),
        "recipient_kinds": terms(RecipientKind::ALL, recipient_kind),
        "security_measure_kinds": terms(MeasureKind::ALL, measure_kind),
        "matrix_org": {
            "$comment": "Ids of the Matrix.org policy (data/matrix.org/) with a DPV concept that fits; ids left out have none.",
            "data_categories": data_categories,
            "purposes": purposes,
        },
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mapped_id_resolves() {
        for (id, _) in DATA_CATEGORIES {
            assert!(data_category(id).is_some(), "{id}");
        }
        assert_eq!(data_category("application_logs"), None);
        assert!(purpose("harm_prevention").is_empty());
        assert_eq!(
            purpose("legal_claims"),
            ["https://w3id.org/dpv#DisputeManagement"]
        );
    }

    #[test]
    fn binding_corporate_rules_are_article_46_2_b() {
        assert_eq!(
            Safeguard::BindingCorporateRules.dpv_iri(),
            "https://w3id.org/dpv/legal/eu/gdpr#A46-2-b"
        );
    }
}
