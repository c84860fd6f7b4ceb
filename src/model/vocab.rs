//! Closed vocabularies of the GDPR: legal bases, data-subject rights and
//! transfer safeguards. Each term knows its article and its W3C Data Privacy
//! Vocabulary (DPV) IRI, so documents can be linked to other privacy tooling.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The IRI prefix of the DPV GDPR extension (`eu-gdpr:`).
pub const DPV_GDPR: &str = "https://w3id.org/dpv/legal/eu/gdpr#";
/// The IRI prefix of the DPV core vocabulary (`dpv:`).
pub const DPV: &str = "https://w3id.org/dpv#";

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($key:literal, $article:literal, $iri:expr, $label:literal), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every term, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The term as written in JSON (`snake_case`).
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }

            /// The GDPR article that defines the term.
            pub fn article(self) -> &'static str {
                match self { $($name::$variant => $article,)+ }
            }

            /// The W3C DPV IRI of the term.
            pub fn dpv_iri(self) -> &'static str {
                match self { $($name::$variant => $iri,)+ }
            }

            /// A short human label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

vocabulary! {
    /// A lawful basis for processing under GDPR Art. 6(1).
    ///
    /// ```
    /// use matrix_privacy_policy::LegalBasis;
    /// assert_eq!(LegalBasis::LegitimateInterests.article(), "GDPR Art. 6(1)(f)");
    /// assert_eq!(LegalBasis::Contract.dpv_iri(), "https://w3id.org/dpv/legal/eu/gdpr#A6-1-b");
    /// ```
    pub enum LegalBasis {
        /// Art. 6(1)(a): the data subject has given consent.
        Consent = ("consent", "GDPR Art. 6(1)(a)", "https://w3id.org/dpv/legal/eu/gdpr#A6-1-a", "consent"),
        /// Art. 6(1)(b): performance of a contract with the data subject.
        Contract = ("contract", "GDPR Art. 6(1)(b)", "https://w3id.org/dpv/legal/eu/gdpr#A6-1-b", "performance of a contract"),
        /// Art. 6(1)(c): compliance with a legal obligation.
        LegalObligation = ("legal_obligation", "GDPR Art. 6(1)(c)", "https://w3id.org/dpv/legal/eu/gdpr#A6-1-c", "legal obligation"),
        /// Art. 6(1)(d): protection of vital interests.
        VitalInterests = ("vital_interests", "GDPR Art. 6(1)(d)", "https://w3id.org/dpv/legal/eu/gdpr#A6-1-d", "vital interests"),
        /// Art. 6(1)(e): a task in the public interest or official authority.
        PublicTask = ("public_task", "GDPR Art. 6(1)(e)", "https://w3id.org/dpv/legal/eu/gdpr#A6-1-e", "public task"),
        /// Art. 6(1)(f): legitimate interests of the controller or a third party.
        LegitimateInterests = ("legitimate_interests", "GDPR Art. 6(1)(f)", "https://w3id.org/dpv/legal/eu/gdpr#A6-1-f", "legitimate interests"),
    }
}

vocabulary! {
    /// A right of the data subject, as listed by GDPR Chapter III, plus the
    /// withdrawal of consent (Art. 7(3)) and the complaint to a supervisory
    /// authority (Art. 77).
    ///
    /// ```
    /// use matrix_privacy_policy::Right;
    /// assert_eq!(Right::Erasure.article(), "GDPR Art. 17");
    /// assert_eq!(Right::ALL.len(), 10);
    /// ```
    pub enum Right {
        /// Art. 13 and 14: to be informed.
        Informed = ("informed", "GDPR Art. 13", "https://w3id.org/dpv/legal/eu/gdpr#A13", "right to be informed"),
        /// Art. 15: of access.
        Access = ("access", "GDPR Art. 15", "https://w3id.org/dpv/legal/eu/gdpr#A15", "right of access"),
        /// Art. 16: to rectification.
        Rectification = ("rectification", "GDPR Art. 16", "https://w3id.org/dpv/legal/eu/gdpr#A16", "right to rectification"),
        /// Art. 17: to erasure ("to be forgotten").
        Erasure = ("erasure", "GDPR Art. 17", "https://w3id.org/dpv/legal/eu/gdpr#A17", "right to erasure"),
        /// Art. 18: to restriction of processing.
        Restriction = ("restriction", "GDPR Art. 18", "https://w3id.org/dpv/legal/eu/gdpr#A18", "right to restrict processing"),
        /// Art. 20: to data portability.
        Portability = ("portability", "GDPR Art. 20", "https://w3id.org/dpv/legal/eu/gdpr#A20", "right to data portability"),
        /// Art. 21: to object.
        Objection = ("objection", "GDPR Art. 21", "https://w3id.org/dpv/legal/eu/gdpr#A21", "right to object"),
        /// Art. 22: in relation to automated decision-making and profiling.
        AutomatedDecisionMaking = ("automated_decision_making", "GDPR Art. 22", "https://w3id.org/dpv/legal/eu/gdpr#A22", "rights on automated decision-making and profiling"),
        /// Art. 7(3): to withdraw consent.
        WithdrawConsent = ("withdraw_consent", "GDPR Art. 7(3)", "https://w3id.org/dpv/legal/eu/gdpr#A7-3", "right to withdraw consent"),
        /// Art. 77: to lodge a complaint with a supervisory authority.
        Complaint = ("complaint", "GDPR Art. 77", "https://w3id.org/dpv/legal/eu/gdpr#A77", "right to complain to a supervisory authority"),
    }
}

vocabulary! {
    /// A safeguard or legal ground for a transfer of personal data to a third
    /// country (GDPR Chapter V).
    pub enum Safeguard {
        /// Art. 45: the destination has an adequacy decision.
        AdequacyDecision = ("adequacy_decision", "GDPR Art. 45", "https://w3id.org/dpv/legal/eu/gdpr#A45-3", "adequacy decision"),
        /// Art. 46(2)(c): standard contractual clauses.
        StandardContractualClauses = ("standard_contractual_clauses", "GDPR Art. 46(2)(c)", "https://w3id.org/dpv/legal/eu/gdpr#A46-2-c", "standard contractual clauses"),
        /// Art. 46(2)(b) and 47: binding corporate rules.
        BindingCorporateRules = ("binding_corporate_rules", "GDPR Art. 47", "https://w3id.org/dpv/legal/eu/gdpr#A46-2-b", "binding corporate rules"),
        /// Art. 49(1)(a): the data subject's explicit consent.
        ExplicitConsent = ("explicit_consent", "GDPR Art. 49(1)(a)", "https://w3id.org/dpv/legal/eu/gdpr#A49-1-a", "explicit consent (derogation)"),
        /// Art. 49(1)(b): necessary for the performance of a contract with the data subject.
        NecessaryForContract = ("necessary_for_contract", "GDPR Art. 49(1)(b)", "https://w3id.org/dpv/legal/eu/gdpr#A49-1-b", "necessary for the contract (derogation)"),
    }
}

impl LegalBasis {
    /// The DPV core concept of the basis (`dpv:Consent`, `dpv:LegitimateInterest`, …).
    pub fn dpv_core_iri(self) -> &'static str {
        match self {
            LegalBasis::Consent => "https://w3id.org/dpv#Consent",
            LegalBasis::Contract => "https://w3id.org/dpv#Contract",
            LegalBasis::LegalObligation => "https://w3id.org/dpv#LegalObligation",
            LegalBasis::VitalInterests => "https://w3id.org/dpv#VitalInterest",
            LegalBasis::PublicTask => "https://w3id.org/dpv#PublicInterest",
            LegalBasis::LegitimateInterests => "https://w3id.org/dpv#LegitimateInterest",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_serde() {
        for b in LegalBasis::ALL {
            assert_eq!(serde_json::to_value(b).unwrap(), b.key());
            assert!(b.dpv_iri().starts_with(DPV_GDPR));
            assert!(b.dpv_core_iri().starts_with(DPV));
        }
        for r in Right::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.key());
            assert!(r.dpv_iri().starts_with(DPV_GDPR));
        }
        for s in Safeguard::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.key());
        }
    }
}

/// Human labels for the model's other closed vocabularies (contact roles,
/// data sources, recipient kinds and roles, channels, measure kinds): each
/// gets `key()` (its JSON spelling), `label()` and `Display` (the label).
macro_rules! labels {
    ($( $(#[$meta:meta])* $name:ident { $( $variant:ident = ($key:literal, $label:literal), )+ } )+) => {
        $(
            impl $name {
                /// Every term, in declaration order.
                pub const ALL: &'static [$name] = &[$($name::$variant),+];

                /// The term as written in JSON (`snake_case`).
                pub fn key(self) -> &'static str {
                    match self { $($name::$variant => $key,)+ }
                }

                /// A short human label.
                pub fn label(self) -> &'static str {
                    match self { $($name::$variant => $label,)+ }
                }
            }

            impl std::fmt::Display for $name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.label())
                }
            }
        )+
    };
}

use super::{
    Channel, ContactRole, DataSource, DocumentKind, MeasureKind, ParameterField, PurposeField,
    RecipientField, RecipientKind, RecipientRole, Stronger, TransferField,
};

labels! {
    ContactRole {
        DataProtectionOfficer = ("data_protection_officer", "data protection officer"),
        Security = ("security", "security team"),
        General = ("general", "general enquiries"),
        LawEnforcement = ("law_enforcement", "law enforcement requests"),
    }
    DataSource {
        ProvidedByUser = ("provided_by_user", "you provide it"),
        CollectedAutomatically = ("collected_automatically", "collected automatically as you use the service"),
        Derived = ("derived", "derived by the service"),
        ThirdParty = ("third_party", "from a third party"),
    }
    RecipientKind {
        ServiceOperator = ("service_operator", "service operator"),
        Hosting = ("hosting", "hosting provider"),
        CloudStorage = ("cloud_storage", "cloud storage"),
        CdnDdosProtection = ("cdn_ddos_protection", "content delivery and DDoS protection"),
        ShopFront = ("shop_front", "shop front"),
        PaymentProvider = ("payment_provider", "payment provider"),
        FederatedHomeserver = ("federated_homeserver", "other homeservers (federation)"),
        Bridge = ("bridge", "bridges to other networks"),
        Integration = ("integration", "bots and widgets"),
        PublicIndexer = ("public_indexer", "public archive or index"),
        LawEnforcement = ("law_enforcement", "law enforcement and authorities"),
        Acquirer = ("acquirer", "buyer of the business"),
        Supplier = ("supplier", "other suppliers"),
        Other = ("other", "other party"),
    }
    RecipientRole {
        Processor = ("processor", "processor"),
        IndependentController = ("independent_controller", "independent controller"),
        JointController = ("joint_controller", "joint controller"),
    }
    Channel {
        Email = ("email", "e-mail"),
        MatrixMessage = ("matrix_message", "Matrix message"),
        ClientSettings = ("client_settings", "client settings"),
        AccountDeactivation = ("account_deactivation", "account deactivation"),
        Web = ("web", "web page or form"),
        Post = ("post", "post"),
    }
    MeasureKind {
        PasswordHashing = ("password_hashing", "password hashing"),
        TransportEncryption = ("transport_encryption", "encryption in transit"),
        EndToEndEncryption = ("end_to_end_encryption", "end-to-end encryption"),
        EncryptionAtRest = ("encryption_at_rest", "encryption at rest"),
        KeyBackup = ("key_backup", "encrypted key backup"),
        AccessControl = ("access_control", "access control"),
        TwoFactorAuthentication = ("two_factor_authentication", "two-factor authentication"),
        AdministrativeAccess = ("administrative_access", "hardened administrative access"),
        PhysicalSecurity = ("physical_security", "physical security"),
        DataSegregation = ("data_segregation", "data segregation"),
        VulnerabilityDisclosure = ("vulnerability_disclosure", "vulnerability disclosure"),
        Other = ("other", "other measure"),
    }
    Stronger {
        Higher = ("higher", "higher is stronger"),
        Lower = ("lower", "lower is stronger"),
    }
    RecipientField {
        Role = ("role", "role"),
        Kind = ("kind", "kind"),
        Receives = ("receives", "data received"),
        Purposes = ("purposes", "purposes"),
    }
    PurposeField {
        LegalBases = ("legal_bases", "legal basis"),
        Data = ("data", "data processed"),
    }
    TransferField {
        Safeguards = ("safeguards", "safeguards"),
        Region = ("region", "region"),
    }
    ParameterField {
        Value = ("value", "value"),
        Unit = ("unit", "unit"),
    }
    DocumentKind {
        TermsOfService = ("terms_of_service", "terms of service"),
        AcceptableUse = ("acceptable_use", "acceptable use policy"),
        LawEnforcementGuidelines = ("law_enforcement_guidelines", "law enforcement guidelines"),
        Other = ("other", "other document"),
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn keys_match_serde_and_labels_are_set() {
        fn check<T: serde::Serialize + Copy>(
            all: &[T],
            key: fn(T) -> &'static str,
            label: fn(T) -> &'static str,
        ) {
            for t in all {
                assert_eq!(serde_json::to_value(t).unwrap(), key(*t));
                assert!(!label(*t).is_empty());
            }
        }
        check(ContactRole::ALL, ContactRole::key, ContactRole::label);
        check(DataSource::ALL, DataSource::key, DataSource::label);
        check(RecipientKind::ALL, RecipientKind::key, RecipientKind::label);
        check(RecipientRole::ALL, RecipientRole::key, RecipientRole::label);
        check(Channel::ALL, Channel::key, Channel::label);
        check(MeasureKind::ALL, MeasureKind::key, MeasureKind::label);
        check(Stronger::ALL, Stronger::key, Stronger::label);
        check(
            RecipientField::ALL,
            RecipientField::key,
            RecipientField::label,
        );
        check(PurposeField::ALL, PurposeField::key, PurposeField::label);
        check(TransferField::ALL, TransferField::key, TransferField::label);
        check(
            ParameterField::ALL,
            ParameterField::key,
            ParameterField::label,
        );
        check(DocumentKind::ALL, DocumentKind::key, DocumentKind::label);
        assert_eq!(
            RecipientRole::IndependentController.to_string(),
            RecipientRole::IndependentController.label()
        );
    }
}
