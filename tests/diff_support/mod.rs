//! Shared fixtures of the diff tests: a compact valid policy
//! (`tests/fixtures/diff/base.json`) and, for every rule of the catalog, a
//! mutation of it that triggers the rule.
#![allow(dead_code)]

use matrix_privacy_policy::{
    Caveat, Contact, ContactRole, DataCategory, DataSource, DocumentKind, ExerciseMethod, Id,
    LegalBasis, MeasureKind, Parameter, ParameterField, ParameterUnit, ParameterValue, PartialDate,
    Period, Policy, Purpose, PurposeField, Recipient, RecipientField, RecipientKind, RecipientRole,
    Region, RelatedDocument, Retention, RetentionRule, Revision, Right, RightStatement, Safeguard,
    Section, SecurityMeasure, Service, Share, Statement, Transfer, VisibilityOption,
};

/// The base fixture's JSON text.
pub const BASE_JSON: &str = include_str!("../fixtures/diff/base.json");

/// The base fixture, through the validating loader.
pub fn base() -> Policy {
    matrix_privacy_policy::load::load_str(BASE_JSON).expect("the base fixture is a valid policy")
}

pub fn id(s: &str) -> Id {
    s.parse().expect("valid id")
}

/// A citation of one section of the base fixture's sections table.
pub fn sec(section: &str) -> Vec<Id> {
    vec![id(section)]
}

/// A section no statement of the base fixture cites.
pub fn cookies_section() -> Section {
    Section {
        id: id("cookies"),
        number: Some("2.7".into()),
        heading: "Cookies".into(),
    }
}

/// The entity with this id; when an earlier mutation removed it, the fixture
/// does nothing (fixtures are also composed at random by the property tests).
macro_rules! by_id {
    ($coll:expr, $id:expr) => {
        match $coll.iter_mut().find(|x| x.id == $id) {
            Some(x) => x,
            None => return,
        }
    };
}

/// The statement of a right, or return from the fixture.
macro_rules! right {
    ($p:expr, $r:expr) => {
        match $p.rights.iter_mut().find(|x| x.right == $r) {
            Some(x) => x,
            None => return,
        }
    };
}

/// The element at an index, or return from the fixture.
macro_rules! at {
    ($v:expr, $i:expr) => {
        match $v.get_mut($i) {
            Some(x) => x,
            None => return,
        }
    };
}

fn remove<T>(v: &mut Vec<T>, pred: impl Fn(&T) -> bool) {
    v.retain(|x| !pred(x));
}

fn remove_id(v: &mut Vec<Id>, s: &str) {
    remove(v, |x| x == s);
}

fn period(s: &str) -> Period {
    s.parse().expect("valid period")
}

/// A related document for the fixtures: the terms of service.
fn terms() -> RelatedDocument {
    RelatedDocument {
        id: id("terms"),
        title: "Terms of Service".into(),
        url: Some("https://example.org/terms".parse().expect("url")),
        kind: DocumentKind::TermsOfService,
        description: "The contract the service is provided under.".into(),
        sections: sec("legal_basis"),
    }
}

/// A purpose that counts visits; with `personal_data`, from IP addresses.
fn visit_counts(personal_data: bool) -> Purpose {
    Purpose {
        id: id("visit_counts"),
        name: "Visit counts".into(),
        description: "Counting visits to the web site.".into(),
        personal_data,
        legal_bases: if personal_data {
            vec![LegalBasis::LegitimateInterests]
        } else {
            vec![]
        },
        data: if personal_data {
            vec![id("ip_address")]
        } else {
            vec![]
        },
        documents: vec![],
        inferred: vec![],
        sections: sec("information_we_collect_automatically"),
    }
}

/// A mutation of the base: `(old, new)` start as copies of the base.
pub type Mutate = fn(&mut Policy, &mut Policy);

/// A fixture pair: the rule it must trigger, a name, and the mutation.
pub struct Fixture {
    pub rule: &'static str,
    pub name: &'static str,
    pub mutate: Mutate,
}

/// Builds the pair of a fixture.
pub fn pair(f: &Fixture) -> (Policy, Policy) {
    let mut old = base();
    let mut new = old.clone();
    (f.mutate)(&mut old, &mut new);
    (old, new)
}

macro_rules! fixtures {
    ($($rule:literal, $name:literal, |$o:ident, $n:ident| $body:block;)+) => {
        /// Every fixture.
        pub fn fixtures() -> Vec<Fixture> {
            vec![$(Fixture {
                rule: $rule,
                name: $name,
                mutate: {
                    #[allow(unused_variables, unused_mut)]
                    fn m($o: &mut Policy, $n: &mut Policy) $body
                    m
                },
            },)+]
        }
    };
}

fixtures! {
    // ----- data categories
    "data-category-added", "phone numbers collected", |o, n| {
        n.data_categories.push(DataCategory {
            id: id("phone_number"),
            name: "Telephone number".into(),
            description: "A verified telephone number, so others can find you.".into(),
            source: DataSource::ProvidedByUser,
            optional: true,
            publishable: false,
            held_by_controller: true,
            held_by: Vec::new(),
            services: vec![id("homeserver")],
            sections: sec("account_and_profile"),
        });
    };
    "data-category-removed", "user agents no longer collected", |o, n| {
        remove(&mut n.data_categories, |d| d.id == "user_agent");
    };
    "data-category-now-mandatory", "e-mail address required", |o, n| {
        by_id!(n.data_categories, "email_address").optional = false;
    };
    "data-category-now-optional", "username optional", |o, n| {
        by_id!(n.data_categories, "username").optional = true;
    };
    "data-category-source-changed", "messages derived", |o, n| {
        by_id!(n.data_categories, "messages").source = DataSource::Derived;
    };
    "data-category-service-added", "shop collects e-mail", |o, n| {
        by_id!(n.data_categories, "email_address").services.push(id("shop"));
    };
    "data-category-service-removed", "shop no longer logs IP", |o, n| {
        remove_id(&mut by_id!(n.data_categories, "ip_address").services, "shop");
    };
    // ----- purposes
    "purpose-added", "analytics purpose", |o, n| {
        n.purposes.push(Purpose {
            id: id("analytics"),
            name: "Usage analytics".into(),
            description: "Understanding how the service is used.".into(),
            personal_data: true,
            legal_bases: vec![LegalBasis::Consent],
            data: vec![id("user_agent")],
            documents: vec![],
            inferred: vec![],
            sections: sec("information_we_collect_automatically"),
        });
    };
    "purpose-removed", "no more shop orders", |o, n| {
        remove(&mut n.purposes, |p| p.id == "fulfil_orders");
    };
    "purpose-data-added", "security uses usernames", |o, n| {
        by_id!(n.purposes, "security").data.push(id("username"));
    };
    "purpose-data-removed", "security without user agents", |o, n| {
        remove_id(&mut by_id!(n.purposes, "security").data, "user_agent");
    };
    "legal-basis-changed", "security on consent", |o, n| {
        by_id!(n.purposes, "security").legal_bases = vec![LegalBasis::Consent];
    };
    "legal-basis-clarified", "security basis first stated", |o, n| {
        by_id!(o.purposes, "security").legal_bases.clear();
    };
    "purpose-now-processes-personal-data", "visit counts from IP addresses", |o, n| {
        o.purposes.push(visit_counts(false));
        n.purposes.push(visit_counts(true));
    };
    "purpose-no-longer-processes-personal-data", "visit counts without personal data", |o, n| {
        o.purposes.push(visit_counts(true));
        n.purposes.push(visit_counts(false));
    };
    "purpose-document-added", "orders rest on the terms", |o, n| {
        o.related_documents.push(terms());
        n.related_documents.push(terms());
        by_id!(n.purposes, "fulfil_orders").documents.push(id("terms"));
    };
    "purpose-document-removed", "orders no longer name the terms", |o, n| {
        o.related_documents.push(terms());
        n.related_documents.push(terms());
        by_id!(o.purposes, "fulfil_orders").documents.push(id("terms"));
    };
    "related-document-added", "terms of service named", |o, n| {
        n.related_documents.push(terms());
    };
    "related-document-removed", "terms of service no longer named", |o, n| {
        o.related_documents.push(terms());
    };
    "value-now-stated", "operator's role now stated", |o, n| {
        by_id!(o.recipients, "operator").inferred.push(RecipientField::Role);
    };
    "value-no-longer-stated", "security basis now only our reading", |o, n| {
        by_id!(n.purposes, "security").inferred.push(PurposeField::LegalBases);
    };
    "data-category-now-held-by-controller", "delivery addresses now held", |o, n| {
        let d = by_id!(o.data_categories, "delivery_address");
        d.held_by_controller = false;
        d.held_by = vec![id("shopfront")];
    };
    "data-category-no-longer-held-by-controller", "delivery addresses held by the shop only", |o, n| {
        let d = by_id!(n.data_categories, "delivery_address");
        d.held_by_controller = false;
        d.held_by = vec![id("shopfront")];
    };
    "data-category-holder-added", "the CDN holds delivery addresses too", |o, n| {
        for p in [&mut *o, &mut *n] {
            let d = by_id!(p.data_categories, "delivery_address");
            d.held_by_controller = false;
            d.held_by = vec![id("shopfront")];
        }
        by_id!(n.data_categories, "delivery_address").held_by.push(id("cdn"));
    };
    "data-category-holder-removed", "only the shop holds delivery addresses", |o, n| {
        for p in [&mut *o, &mut *n] {
            let d = by_id!(p.data_categories, "delivery_address");
            d.held_by_controller = false;
            d.held_by = vec![id("shopfront")];
        }
        by_id!(o.data_categories, "delivery_address").held_by.push(id("cdn"));
    };
    // ----- recipients
    "recipient-role-clarified", "federation's role first stated", |o, n| {
        by_id!(o.recipients, "federation").role = None;
    };
    "recipient-receives-clarified", "law enforcement's data first stated", |o, n| {
        by_id!(o.recipients, "law_enforcement").receives.clear();
    };
    "transfer-safeguards-clarified", "CDN transfer safeguards first stated", |o, n| {
        by_id!(o.transfers, "cdn_worldwide").safeguards.clear();
    };
    "recipient-added", "an analytics provider", |o, n| {
        n.recipients.push(Recipient {
            id: id("analytics_provider"),
            name: "Example Analytics".into(),
            kind: RecipientKind::Supplier,
            kind_label: None,
            role: Some(RecipientRole::Processor),
            inferred: vec![],
            description: "Counts visits.".into(),
            receives: vec![id("ip_address"), id("user_agent")],
            purposes: vec![id("security")],
            condition: None,
            share: None,
            privacy_policy: Some("https://analytics.example.com/privacy".parse().expect("url")),
            sections: sec("who_else_has_access"),
        });
    };
    "public-indexer-added", "a search archive of world-readable rooms", |o, n| {
        // Users can publish messages (world-readable rooms) in both documents.
        by_id!(o.data_categories, "messages").publishable = true;
        by_id!(n.data_categories, "messages").publishable = true;
        n.recipients.push(Recipient {
            id: id("room_archive"),
            name: "Example Room Archive".into(),
            kind: RecipientKind::PublicIndexer,
            kind_label: None,
            role: Some(RecipientRole::IndependentController),
            inferred: vec![],
            description: "Publishes world-readable rooms for search engines.".into(),
            receives: vec![id("messages")],
            purposes: vec![],
            condition: Some("Only rooms whose history is world-readable.".into()),
            share: None,
            privacy_policy: None,
            sections: sec("who_else_has_access"),
        });
    };
    "data-category-now-publishable", "messages can be published", |o, n| {
        by_id!(n.data_categories, "messages").publishable = true;
    };
    "data-category-no-longer-publishable", "messages can no longer be published", |o, n| {
        by_id!(o.data_categories, "messages").publishable = true;
    };
    "recipient-removed", "no shop front", |o, n| {
        remove(&mut n.recipients, |r| r.id == "shopfront");
    };
    "recipient-data-added", "CDN receives user agents", |o, n| {
        by_id!(n.recipients, "cdn").receives.push(id("user_agent"));
    };
    "recipient-data-removed", "operator without user agents", |o, n| {
        remove_id(&mut by_id!(n.recipients, "operator").receives, "user_agent");
    };
    "recipient-purpose-added", "CDN for the service", |o, n| {
        by_id!(n.recipients, "cdn").purposes.push(id("provide_service"));
    };
    "recipient-purpose-removed", "operator not for security", |o, n| {
        remove_id(&mut by_id!(n.recipients, "operator").purposes, "security");
    };
    "recipient-role-changed", "shop front as controller", |o, n| {
        by_id!(n.recipients, "shopfront").role = Some(RecipientRole::IndependentController);
    };
    "recipient-kind-changed", "shop front as supplier", |o, n| {
        by_id!(n.recipients, "shopfront").kind = RecipientKind::Supplier;
    };
    "recipient-condition-added", "CDN only under attack", |o, n| {
        by_id!(n.recipients, "cdn").condition = Some("only while an attack is mitigated".into());
    };
    "recipient-condition-removed", "law enforcement always", |o, n| {
        by_id!(n.recipients, "law_enforcement").condition = None;
    };
    "recipient-condition-changed", "law enforcement on request", |o, n| {
        by_id!(n.recipients, "law_enforcement").condition = Some("when an authority asks".into());
    };
    "recipient-share-changed", "CDN hosts the majority, was some", |o, n| {
        by_id!(o.recipients, "cdn").share = Some(Share::Some);
        by_id!(n.recipients, "cdn").share = Some(Share::Majority);
    };
    "recipient-privacy-policy-changed", "CDN policy moved", |o, n| {
        by_id!(n.recipients, "cdn").privacy_policy = Some("https://cdn.example.com/legal/privacy".parse().expect("url"));
    };
    // ----- transfers
    "transfer-added", "operator in the US", |o, n| {
        n.transfers.push(Transfer {
            id: id("operator_us"),
            destination: "US".into(),
            region: None,
            recipients: vec![id("operator")],
            safeguards: vec![Safeguard::StandardContractualClauses],
            description: "Support staff in the US.".into(),
            inferred: vec![],
            sections: sec("transfers_outside_the_eu"),
        });
    };
    "transfer-removed", "shop in the EU", |o, n| {
        remove(&mut n.transfers, |t| t.id == "shop_us");
    };
    "transfer-destination-narrowed", "outside the UK to outside the EU, 2019", |o, n| {
        let t = by_id!(o.transfers, "shop_us");
        t.destination = "Outside the UK".into();
        t.region = Some(Region::OutsideUk);
        let t = by_id!(n.transfers, "shop_us");
        t.destination = "Outside the EU".into();
        t.region = Some(Region::OutsideEu);
        for r in &mut n.history {
            if r.version == n.version {
                r.date = PartialDate::parse("2019-09").unwrap_or_else(|e| panic!("{e}"));
            }
        }
    };
    "transfer-destination-widened", "outside the EU to worldwide", |o, n| {
        by_id!(o.transfers, "shop_us").region = Some(Region::OutsideEu);
        by_id!(n.transfers, "shop_us").region = Some(Region::Worldwide);
    };
    "transfer-destination-restated", "same region, new words", |o, n| {
        by_id!(o.transfers, "shop_us").region = Some(Region::Worldwide);
        let t = by_id!(n.transfers, "shop_us");
        t.region = Some(Region::Worldwide);
        t.destination = "Anywhere".into();
    };
    "transfer-destination-changed", "shop in Canada", |o, n| {
        by_id!(n.transfers, "shop_us").destination = "Canada".into();
    };
    "transfer-recipient-added", "operator through the CDN", |o, n| {
        by_id!(n.transfers, "cdn_worldwide").recipients.push(id("operator"));
    };
    "transfer-recipient-removed", "operator no longer abroad", |o, n| {
        by_id!(o.transfers, "cdn_worldwide").recipients.push(id("operator"));
    };
    "transfer-safeguard-removed", "no contract derogation", |o, n| {
        by_id!(n.transfers, "shop_us").safeguards.retain(|s| *s != Safeguard::NecessaryForContract);
    };
    "transfer-safeguard-added", "binding corporate rules", |o, n| {
        by_id!(n.transfers, "cdn_worldwide").safeguards.push(Safeguard::BindingCorporateRules);
    };
    // ----- retention
    "retention-extended", "logs for a year", |o, n| {
        by_id!(n.retention, "logs").retention = Retention::Fixed { period: period("P1Y") };
    };
    "retention-shortened", "logs for 90 days", |o, n| {
        by_id!(n.retention, "logs").retention = Retention::Fixed { period: period("P90D") };
    };
    "retention-incomparable", "logs for six months", |o, n| {
        by_id!(n.retention, "logs").retention = Retention::Fixed { period: period("P6M") };
    };
    "retention-incomparable", "erased messages fixed", |o, n| {
        by_id!(n.retention, "erased_messages").retention = Retention::Fixed { period: period("P30D") };
    };
    "retention-reason-changed", "usernames reason reworded", |o, n| {
        by_id!(n.retention, "usernames").retention = Retention::Indefinite { reason: "so that nobody can take over a released name".into() };
    };
    "retention-data-added", "logs cover messages", |o, n| {
        by_id!(n.retention, "logs").data.push(id("messages"));
    };
    "retention-data-removed", "logs without user agents", |o, n| {
        remove_id(&mut by_id!(n.retention, "logs").data, "user_agent");
    };
    "retention-rule-added", "profile retention stated", |o, n| {
        n.retention.push(RetentionRule {
            id: id("display_names"),
            data: vec![id("username")],
            retention: Retention::UntilEvent { events: vec![id("account_deactivated")] },
            description: "Kept until the account is deactivated.".into(),
            sections: sec("account_and_profile"),
        });
    };
    "retention-rule-removed", "e-mail retention dropped", |o, n| {
        remove(&mut n.retention, |r| r.id == "email");
    };
    "retention-rule-removed-with-data", "no more delivery addresses", |o, n| {
        remove(&mut n.retention, |r| r.id == "orders");
        remove(&mut n.data_categories, |d| d.id == "delivery_address");
    };
    // ----- rights
    "right-added", "rectification stated", |o, n| {
        n.rights.push(RightStatement {
            right: Right::Rectification,
            description: "You can correct your profile.".into(),
            exercise: vec![ExerciseMethod {
                channel: matrix_privacy_policy::Channel::ClientSettings,
                contact: None,
                url: None,
                description: "Edit your profile in your client.".into(),
            }],
            caveats: vec![],
            sections: sec("your_rights"),
        });
    };
    "right-removed", "portability dropped", |o, n| {
        remove(&mut n.rights, |r| r.right == Right::Portability);
    };
    "exercise-method-added", "access by web form", |o, n| {
        right!(n, Right::Access).exercise.push(ExerciseMethod {
            channel: matrix_privacy_policy::Channel::Web,
            contact: None,
            url: Some("https://example.org/dsar".parse().expect("url")),
            description: "Fill in the form.".into(),
        });
    };
    "exercise-method-removed", "erasure only by deactivation", |o, n| {
        right!(n, Right::Erasure).exercise.retain(|m| m.contact.is_none());
    };
    "caveat-added", "portability limited", |o, n| {
        right!(n, Right::Portability).caveats.push(Caveat {
            id: id("encrypted_content"),
            description: "End-to-end encrypted messages are exported encrypted.".into(),
            sections: sec("data_portability"),
        });
    };
    "caveat-removed", "deactivated accounts can be reactivated", |o, n| {
        right!(n, Right::Erasure).caveats.retain(|c| c.id != "no_reactivation");
    };
    // ----- controller, contacts, authority
    "controller-changed", "new controller", |o, n| {
        n.controller.name = "Example Holdings".into();
        n.controller.legal_form = Some("Private limited company".into());
    };
    "controller-details-changed", "incorporation month only", |o, n| {
        n.controller.incorporated = Some("2018-10".parse().expect("date"));
    };
    "controller-address-changed", "controller moved", |o, n| {
        if let Some(a) = n.controller.address.as_mut() {
            a.lines.push("Second floor".into());
            a.postal_code = Some("EC1A 1AA".into());
        }
    };
    "contact-added", "general enquiries", |o, n| {
        n.contacts.push(Contact {
            id: id("general"),
            role: ContactRole::General,
            email: Some("hello@example.org".parse().expect("email")),
            url: None,
            description: "Anything else.".into(),
            sections: sec("english_not_legalese"),
        });
    };
    "contact-removed", "no security contact", |o, n| {
        remove(&mut n.contacts, |c| c.id == "security");
    };
    "contact-changed", "DPO e-mail", |o, n| {
        by_id!(n.contacts, "dpo").email = Some("privacy@example.org".parse().expect("email"));
    };
    "supervisory-authority-changed", "Irish DPC", |o, n| {
        if let Some(s) = n.supervisory_authority.as_mut() {
            s.name = "Data Protection Commission".into();
            s.country = "IE".into();
        }
    };
    // ----- security
    "security-measure-added", "encryption at rest", |o, n| {
        n.security_measures.push(SecurityMeasure {
            id: id("disk_encryption"),
            kind: MeasureKind::EncryptionAtRest,
            description: "Disks are encrypted.".into(),
            applies_to: vec![],
            parameters: vec![],
            sections: sec("security"),
        });
    };
    "security-measure-removed", "no staff 2FA", |o, n| {
        remove(&mut n.security_measures, |m| m.id == "staff_2fa");
    };
    "security-measure-kind-changed", "2FA as admin access", |o, n| {
        by_id!(n.security_measures, "staff_2fa").kind = MeasureKind::AdministrativeAccess;
    };
    "security-measure-scope-extended", "hashing covers e-mail", |o, n| {
        by_id!(n.security_measures, "password_hashing").applies_to.push(id("email_address"));
    };
    "security-measure-scope-reduced", "hashing covers nothing named", |o, n| {
        remove_id(&mut by_id!(n.security_measures, "password_hashing").applies_to, "username");
    };
    "parameter-added", "2FA for all staff", |o, n| {
        by_id!(n.security_measures, "staff_2fa").parameters.push(Parameter {
            name: id("enforced"),
            value: ParameterValue::Bool(true),
            stronger: Some(matrix_privacy_policy::Stronger::Higher),
            unit: None,
            as_stated: None,
            inferred: Vec::new(),
        });
    };
    "parameter-removed", "TLS version unstated", |o, n| {
        by_id!(n.security_measures, "tls").parameters.retain(|p| p.name != "min_tls_version");
    };
    "parameter-strengthened", "bcrypt cost 13", |o, n| {
        at!(by_id!(n.security_measures, "password_hashing").parameters, 1).value = ParameterValue::Integer(13);
    };
    "parameter-weakened", "bcrypt cost 10", |o, n| {
        at!(by_id!(n.security_measures, "password_hashing").parameters, 1).value = ParameterValue::Integer(10);
    };
    "parameter-weakened", "plaintext allowed", |o, n| {
        at!(by_id!(n.security_measures, "tls").parameters, 1).value = ParameterValue::Bool(true);
    };
    "parameter-strengthened", "cost factor 12 to 8192 rounds", |o, n| {
        at!(by_id!(o.security_measures, "password_hashing").parameters, 1).unit = Some(ParameterUnit::CostFactor);
        let p = at!(by_id!(n.security_measures, "password_hashing").parameters, 1);
        p.value = ParameterValue::Integer(8192);
        p.unit = Some(ParameterUnit::Rounds);
    };
    "parameter-restated", "cost factor 12 as 4096 rounds", |o, n| {
        let p = at!(by_id!(o.security_measures, "password_hashing").parameters, 1);
        p.unit = Some(ParameterUnit::CostFactor);
        p.as_stated = Some("12 rounds".into());
        p.inferred = vec![ParameterField::Unit];
        let p = at!(by_id!(n.security_measures, "password_hashing").parameters, 1);
        p.value = ParameterValue::Integer(4096);
        p.unit = Some(ParameterUnit::Rounds);
        p.as_stated = Some("4096 rounds".into());
    };
    "parameter-changed", "rounds to bits", |o, n| {
        at!(by_id!(o.security_measures, "password_hashing").parameters, 1).unit = Some(ParameterUnit::Rounds);
        at!(by_id!(n.security_measures, "password_hashing").parameters, 1).unit = Some(ParameterUnit::Bits);
    };
    "parameter-changed", "argon2id", |o, n| {
        at!(by_id!(n.security_measures, "password_hashing").parameters, 0).value = ParameterValue::Text("argon2id".into());
    };
    // ----- children, profiling
    "minimum-age-lowered", "13 and over", |o, n| {
        if let Some(c) = n.children.as_mut() { c.minimum_age = 13; }
    };
    "minimum-age-raised", "18 and over", |o, n| {
        if let Some(c) = n.children.as_mut() { c.minimum_age = 18; }
    };
    "minimum-age-added", "age first stated", |o, n| {
        o.children = None;
    };
    "minimum-age-removed", "age no longer stated", |o, n| {
        n.children = None;
    };
    "profiling-started", "users profiled", |o, n| {
        if let Some(p) = n.profiling.as_mut() { p.performed = true; }
    };
    "profiling-stopped", "profiling ends", |o, n| {
        if let Some(p) = o.profiling.as_mut() { p.performed = true; }
    };
    "profiling-statement-added", "no-profiling statement new", |o, n| {
        o.profiling = None;
        if let Some(p) = n.profiling.as_mut() { p.automated_decisions = None; }
    };
    "profiling-statement-removed", "no-profiling statement gone", |o, n| {
        n.profiling = None;
    };
    "automated-decisions-started", "automated decisions", |o, n| {
        if let Some(p) = n.profiling.as_mut() { p.automated_decisions = Some(true); }
    };
    "automated-decisions-stopped", "automated decisions end", |o, n| {
        if let Some(p) = o.profiling.as_mut() { p.automated_decisions = Some(true); }
    };
    "automated-decisions-statement-added", "no automated decisions stated", |o, n| {
        if let Some(p) = o.profiling.as_mut() { p.automated_decisions = None; }
    };
    "automated-decisions-statement-removed", "automated decisions unstated", |o, n| {
        if let Some(p) = n.profiling.as_mut() { p.automated_decisions = None; }
    };
    // ----- services
    "service-added", "an archive", |o, n| {
        n.services.push(Service {
            id: id("archive"),
            name: "The public archive".into(),
            url: Some("https://archive.example.org".parse().expect("url")),
            description: "Publishes world-readable rooms.".into(),
            operated_by: vec![],
            sections: sec("room_history_visibility"),
        });
    };
    "service-removed", "the shop closes", |o, n| {
        remove(&mut n.services, |s| s.id == "shop");
    };
    "service-operator-added", "the CDN runs the homeserver too", |o, n| {
        by_id!(n.services, "homeserver").operated_by.push(id("cdn"));
    };
    "service-operator-removed", "the shop runs itself", |o, n| {
        by_id!(n.services, "shop").operated_by.clear();
    };
    // ----- history visibility
    "visibility-option-added", "shared explained", |o, n| {
        n.history_visibility.push(VisibilityOption {
            id: id("shared"),
            openness: 3,
            description: "Members see the whole history.".into(),
            public: false,
            sections: sec("room_history_visibility"),
        });
    };
    "visibility-option-removed", "world readable unexplained", |o, n| {
        remove(&mut n.history_visibility, |v| v.id == "world_readable");
    };
    "visibility-option-changed", "world readable ranks 5", |o, n| {
        by_id!(n.history_visibility, "world_readable").openness = 5;
    };
    "visibility-option-now-public", "joined is public", |o, n| {
        by_id!(n.history_visibility, "joined").public = true;
    };
    "visibility-option-no-longer-public", "world readable private", |o, n| {
        by_id!(n.history_visibility, "world_readable").public = false;
    };
    // ----- statements
    "commitment-added", "no sale of data", |o, n| {
        n.statements.push(Statement {
            id: id("no_sale"),
            text: "Personal data is never sold.".into(),
            commitment: true,
            sections: sec("who_else_has_access"),
        });
    };
    "commitment-removed", "notice promise dropped", |o, n| {
        remove(&mut n.statements, |s| s.id == "notice_of_changes");
    };
    "commitment-removed", "notice promise demoted", |o, n| {
        by_id!(n.statements, "notice_of_changes").commitment = false;
    };
    "commitment-changed", "notice promise reworded", |o, n| {
        by_id!(n.statements, "notice_of_changes").text = "Users are told of changes.".into();
    };
    "statement-added", "living document", |o, n| {
        n.statements.push(Statement {
            id: id("living_document"),
            text: "This document is improved over time.".into(),
            commitment: false,
            sections: sec("living_document"),
        });
    };
    "statement-removed", "scope dropped", |o, n| {
        remove(&mut n.statements, |s| s.id == "scope");
    };
    "statement-changed", "scope reworded", |o, n| {
        by_id!(n.statements, "scope").text = "This policy covers the example.org homeserver only.".into();
    };
    // ----- wording
    "title-changed", "new title", |o, n| {
        n.title = "Example Privacy Notice".into();
    };
    "language-changed", "British English", |o, n| {
        n.language = "en-GB".into();
    };
    "name-changed", "CDN renamed", |o, n| {
        by_id!(n.recipients, "cdn").name = "Example Edge Network".into();
    };
    "description-changed", "purpose reworded", |o, n| {
        by_id!(n.purposes, "security").description = "Keeping the service safe from abuse.".into();
    };
    "sections-changed", "cites another section", |o, n| {
        by_id!(n.data_categories, "ip_address").sections = sec("data_we_collect");
    };
    // ----- the text's sections
    "section-added", "cookies section listed", |o, n| {
        n.sections.push(cookies_section());
    };
    "section-removed", "cookies section no longer listed", |o, n| {
        o.sections.push(cookies_section());
    };
    "section-renamed", "security section has a new heading", |o, n| {
        by_id!(n.sections, "security").heading = "How we protect your data".into();
    };
    "section-renumbered", "children section renumbered", |o, n| {
        by_id!(n.sections, "children").number = Some("2.9".into());
    };
    "link-changed", "policy moved", |o, n| {
        n.url = Some("https://example.org/legal/privacy".parse().expect("url"));
    };
    // ----- history
    "history-entry-added", "release 1.2.0", |o, n| {
        n.version = "1.2.0".parse().expect("version");
        n.history.push(Revision {
            version: n.version.clone(),
            date: "2024-02-01".parse().expect("date"),
            summary: "Clarifications".into(),
        });
    };
    "history-rewritten", "summary of 1.0.0 edited", |o, n| {
        at!(n.history, 0).summary = "Created the document".into();
    };
    "history-rewritten", "date of 1.1.0 edited", |o, n| {
        at!(n.history, 1).date = "2023-07".parse().expect("date");
    };
    "history-entry-removed", "1.0.0 forgotten", |o, n| {
        if !n.history.is_empty() {
            n.history.remove(0);
        }
    };
    "history-entry-backfilled", "1.0.1 inserted", |o, n| {
        let at = n.history.len().min(1);
        n.history.insert(at, Revision {
            version: "1.0.1".parse().expect("version"),
            date: "2023-06-20".parse().expect("date"),
            summary: "Typo fixes".into(),
        });
    };
}

/// The fixtures whose rule is major.
pub fn major_fixtures() -> Vec<Fixture> {
    fixtures()
        .into_iter()
        .filter(|f| {
            matrix_privacy_policy::diff::rules::find(f.rule)
                .is_some_and(|r| r.bump == matrix_privacy_policy::diff::Bump::Major)
        })
        .collect()
}
