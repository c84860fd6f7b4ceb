//! The typed model of a GDPR privacy policy.
//!
//! A [`Policy`] is one JSON object. Every object is closed (unknown keys are
//! errors), every entity that is referred to has a stable [`Id`], and every
//! statement cites, by id, the [`Section`]s of the human text it comes from;
//! the document lists those sections once, in [`Policy::sections`].
//! The JSON Schema in `schema/privacy-policy.schema.json` is generated from
//! these types; their doc comments are its descriptions.

mod date;
pub mod graph;
mod ids;
mod lookup;
mod period;
mod publication;
mod strength;
mod vocab;
pub(crate) mod words;

pub use date::{InvalidDate, PARTIAL_DATE_PATTERN, PartialDate};
pub use ids::{
    EMAIL_MAX_LEN, EMAIL_PATTERN, Email, ID_MAX_LEN, ID_PATTERN, Id, InvalidString, URL_MAX_LEN,
    URL_PATTERN, Url, is_valid_email, is_valid_id, is_valid_url,
};
#[doc(hidden)]
pub use period::PERIOD_CASES;
pub use period::{InvalidPeriod, PERIOD_COMPONENT_MAX, PERIOD_PATTERN, Period};
pub use publication::{Publication, Translation};
pub use strength::{Incomparable, StrengthMove};
pub use vocab::{DPV, DPV_GDPR, LegalBasis, Right, Safeguard};
pub use words::event_in_words;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use semver::Version;
use serde::{Deserialize, Serialize};

/// The JSON Schema pattern of a semantic version (no look-around, so every
/// validator supports it).
pub const SEMVER_PATTERN: &str = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\+([0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*))?$";

fn version_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "A semantic version (semver 2.0.0).",
        "type": "string",
        "pattern": SEMVER_PATTERN,
    })
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

/// A privacy policy: who processes which personal data, why, on what legal
/// basis, with whom it is shared, for how long, and what the data subject
/// can do about it.
///
/// ```
/// use matrix_privacy_policy::Policy;
/// let policy = Policy::canonical();
/// assert_eq!(policy.version.to_string(), policy.history.last().unwrap().version.to_string());
/// assert!(policy.recipient("cloudflare").is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Privacy policy")]
pub struct Policy {
    /// The schema this document follows, for editors' completion. Ignored by the loader.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The document's version (semver); equals the version of the last `history` entry.
    #[schemars(schema_with = "version_schema")]
    pub version: Version,
    /// The document's title.
    pub title: String,
    /// Where the human-readable text is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// The language of the human-readable text (a BCP 47 tag such as `en`).
    #[schemars(regex(pattern = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"))]
    pub language: String,
    /// The document's name and address per language, and this version's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    /// The sections of the human-readable text the statements cite, each
    /// listed once, in the text's order.
    pub sections: Vec<Section>,
    /// The data controller.
    pub controller: Controller,
    /// Ways to contact the controller (data protection officer, security team, …).
    pub contacts: Vec<Contact>,
    /// The services the policy covers.
    #[schemars(length(min = 1))]
    pub services: Vec<Service>,
    /// Every category of personal data the text names.
    pub data_categories: Vec<DataCategory>,
    /// Why the data is processed, and on which legal basis.
    pub purposes: Vec<Purpose>,
    /// Processors and other recipients of personal data.
    pub recipients: Vec<Recipient>,
    /// Transfers of personal data to third countries, and their safeguards.
    pub transfers: Vec<Transfer>,
    /// How long each category of data is kept.
    pub retention: Vec<RetentionRule>,
    /// The data subject's rights, how to exercise them, and their caveats.
    pub rights: Vec<RightStatement>,
    /// Technical and organisational security measures.
    pub security_measures: Vec<SecurityMeasure>,
    /// The minimum age of users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Children>,
    /// Whether users are profiled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiling: Option<Profiling>,
    /// Settings that decide who can read a conversation's history, least open first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history_visibility: Vec<VisibilityOption>,
    /// Other statements and commitments of the policy (scope, notice of changes, staff access rules, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<Statement>,
    /// The supervisory authority complaints can be made to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisory_authority: Option<SupervisoryAuthority>,
    /// Other documents of the controller the policy rests on or points to
    /// (terms of service, law-enforcement guidelines, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_documents: Vec<RelatedDocument>,
    /// Every release of the document, oldest first; the last entry is this version.
    #[schemars(length(min = 1))]
    pub history: Vec<Revision>,
}

/// A section of the human-readable text, listed once and cited by id.
/// Section numbers repeat in some texts, so the heading is always given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id naming the section's subject (`passwords`), kept across
    /// releases while the section is about the same thing, even renumbered.
    pub id: Id,
    /// The section number as printed (`2.2.1.1`), absent for unnumbered sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]+(\.[0-9]+)*$"))]
    pub number: Option<String>,
    /// The section heading, as printed.
    #[schemars(length(min = 1))]
    pub heading: String,
}

impl Section {
    /// The section as a reader names it: `2.6 How do you handle passwords?`.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.heading),
            None => self.heading.clone(),
        }
    }
}

/// The data controller: who decides why and how personal data is processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Controller {
    /// The controller's name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// The legal form (for example "Community Interest Company").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_form: Option<String>,
    /// When the controller was incorporated, as precise as the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incorporated: Option<PartialDate>,
    /// What the controller is, in a sentence.
    pub description: String,
    /// The controller's postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<PostalAddress>,
    /// The controller's website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<Url>,
    /// Where the text names the controller (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// A postal address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostalAddress {
    /// The addressee and street lines.
    #[schemars(length(min = 1))]
    pub lines: Vec<String>,
    /// The town or city.
    pub locality: String,
    /// The postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// The country, as an ISO 3166-1 alpha-2 code.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub country: String,
}

/// What a contact point is for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    /// The data protection officer or privacy team.
    DataProtectionOfficer,
    /// Reports of security vulnerabilities or account compromise.
    Security,
    /// General enquiries.
    General,
    /// Requests from law enforcement.
    LawEnforcement,
}

/// A way to reach the controller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Stable id.
    pub id: Id,
    /// What the contact is for.
    pub role: ContactRole,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    /// Web page or form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// What to use the contact for, in a sentence.
    pub description: String,
    /// Where the text gives the contact (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// A service the policy covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable id.
    pub id: Id,
    /// The service's name.
    pub name: String,
    /// Where the service is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// What the service does.
    pub description: String,
    /// Recipients (by id) that operate the service on the controller's behalf.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operated_by: Vec<Id>,
    /// Where the text describes the service (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// Where a category of personal data comes from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DataSource {
    /// The user enters or uploads it.
    ProvidedByUser,
    /// The service records it as the user uses it.
    CollectedAutomatically,
    /// The service derives or generates it.
    Derived,
    /// It comes from a third party.
    ThirdParty,
}

/// A category of personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataCategory {
    /// Stable id.
    pub id: Id,
    /// A short name.
    pub name: String,
    /// What the data is.
    pub description: String,
    /// Where it comes from.
    pub source: DataSource,
    /// Whether the user may choose not to provide it.
    pub optional: bool,
    /// Whether users can choose to make this data readable by anyone (for
    /// instance messages in a room whose history is world-readable, see
    /// `history_visibility`). A public indexer that receives only such data
    /// reads nothing its users did not publish; absent means `false`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub publishable: bool,
    /// Whether the controller itself holds the data; `false` for data that
    /// only recipients (`held_by`) ever see, such as card details entered
    /// on a payment provider's page. Such data can be received only by
    /// those recipients: the controller cannot disclose what it never holds.
    /// Absent means `true`.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub held_by_controller: bool,
    /// The recipients (by id) that hold the data, where the controller does not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub held_by: Vec<Id>,
    /// The services (by id) that collect it.
    #[schemars(length(min = 1))]
    pub services: Vec<Id>,
    /// Where the text names it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// A purpose of processing and its legal basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    /// Stable id.
    pub id: Id,
    /// A short name.
    pub name: String,
    /// What the processing is for.
    pub description: String,
    /// Whether the purpose processes personal data; a purpose that does not
    /// (cookie-less, aggregate analytics) needs no legal basis and lists no
    /// data. Absent means `true`.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub personal_data: bool,
    /// The legal bases (GDPR Art. 6(1)) the text gives for this purpose.
    /// Always written: an empty list says the text states no basis for it.
    pub legal_bases: Vec<LegalBasis>,
    /// The data categories (by id) processed for this purpose; empty exactly
    /// when the purpose processes no personal data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<Id>,
    /// Related documents (by id) the purpose rests on, such as the terms a
    /// contract basis refers to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Id>,
    /// The fields whose values are a reading of the text rather than stated
    /// outright (empty: everything is stated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<PurposeField>,
    /// Where the text states the purpose (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// A field of a purpose that can be marked as inferred.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PurposeField {
    /// The legal bases are read from a general statement, not given for this purpose.
    LegalBases,
    /// The data categories are read from the text, not listed for this purpose.
    Data,
}

/// What kind of party a recipient is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RecipientKind {
    /// Runs the service for the controller.
    ServiceOperator,
    /// Data-centre or server hosting.
    Hosting,
    /// Cloud file or object storage.
    CloudStorage,
    /// Content delivery or DDoS mitigation.
    CdnDdosProtection,
    /// An online shop front.
    ShopFront,
    /// A payment provider.
    PaymentProvider,
    /// Other Matrix homeservers, over federation.
    FederatedHomeserver,
    /// Bridges to other networks.
    Bridge,
    /// Bots and widgets (integrations).
    Integration,
    /// A service that publishes or indexes content for the public.
    PublicIndexer,
    /// Law enforcement, courts and other authorities.
    LawEnforcement,
    /// A buyer or seller of the business or its assets.
    Acquirer,
    /// Other suppliers.
    Supplier,
    /// Any other kind of party: `kind_label` names it.
    Other,
}

/// The recipient's role under the GDPR.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RecipientRole {
    /// Processes on the controller's behalf and instructions (Art. 28).
    Processor,
    /// Decides its own purposes and means: an independent controller.
    IndependentController,
    /// Decides purposes and means together with the controller (Art. 26).
    JointController,
}

/// A processor or other recipient of personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Stable id.
    pub id: Id,
    /// The recipient's name.
    pub name: String,
    /// What kind of party it is.
    pub kind: RecipientKind,
    /// For kind `other` (and only then): what kind of party it is, in a few words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 80))]
    pub kind_label: Option<String>,
    /// Its role under the GDPR; absent where the text gives it none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RecipientRole>,
    /// What it does with the data.
    pub description: String,
    /// The data categories (by id) it receives; empty where the text does not say.
    pub receives: Vec<Id>,
    /// The purposes (by id) it receives them for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<Id>,
    /// When it receives data, where only in some circumstances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// For a hosting supplier: how much of the service it hosts; absent where the text gives no share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Share>,
    /// Its own privacy policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_policy: Option<Url>,
    /// The fields whose values are a reading of the text rather than stated
    /// outright (empty: everything is stated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<RecipientField>,
    /// Where the text names it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

impl Recipient {
    /// Its GDPR role for a reader: `processor`, `processor (our reading of
    /// the text)` where the text names none and the encoding read one in,
    /// `role not stated in the policy` where nothing was read in.
    ///
    /// ```
    /// use matrix_privacy_policy::{Policy, RecipientField};
    /// let mut r = Policy::canonical().recipient("element").unwrap().clone();
    /// assert_eq!(r.role_in_words(), "processor");
    /// r.inferred.push(RecipientField::Role);
    /// assert_eq!(r.role_in_words(), "processor (our reading of the text)");
    /// r.role = None;
    /// assert_eq!(r.role_in_words(), "role not stated in the policy");
    /// ```
    pub fn role_in_words(&self) -> String {
        match self.role {
            None => "role not stated in the policy".to_owned(),
            Some(role) if self.inferred.contains(&RecipientField::Role) => {
                format!("{} (our reading of the text)", role.label())
            }
            Some(role) => role.label().to_owned(),
        }
    }

    /// Its kind for a reader: the kind's label, or the `kind_label` of kind `other`.
    pub fn kind_in_words(&self) -> &str {
        match (&self.kind, &self.kind_label) {
            (RecipientKind::Other, Some(label)) => label,
            (kind, _) => kind.label(),
        }
    }
}

/// A field of a recipient that can be marked as inferred.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RecipientField {
    /// The GDPR role is our reading: the text does not name it.
    Role,
    /// The kind is our reading of what the text says the party does.
    Kind,
    /// The data categories are read from the text, not listed by it.
    Receives,
    /// The purposes are read from the text, not given by it.
    Purposes,
}

/// A transfer of personal data to a third country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// Stable id.
    pub id: Id,
    /// Where the data goes, in the text's own words ("outside the EU", "anywhere in the world").
    pub destination: String,
    /// The destination as a typed region, so that destinations compare as
    /// sets; absent where the text names no region this vocabulary has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// The recipients (by id) it goes to.
    #[schemars(length(min = 1))]
    pub recipients: Vec<Id>,
    /// The safeguards or legal grounds that cover it; empty where the text
    /// states none (the description says why).
    pub safeguards: Vec<Safeguard>,
    /// The transfer in a sentence.
    pub description: String,
    /// The fields whose values are a reading of the text rather than stated
    /// outright (empty: everything is stated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<TransferField>,
    /// Where the text states it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// A field of a transfer that can be marked as inferred.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TransferField {
    /// The safeguards are our reading of the text.
    Safeguards,
    /// The typed region is our reading of the text's words.
    Region,
}

/// How much of a service a supplier hosts, ordered from `some` to `all`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Share {
    /// Some parts.
    Some,
    /// The larger part.
    Majority,
    /// All of it.
    All,
}

/// Where a transfer may go, as a set of countries: everywhere, or
/// everywhere outside a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// Any country.
    Worldwide,
    /// Any country outside the European Union.
    OutsideEu,
    /// Any country outside the European Economic Area (the EU plus Iceland, Liechtenstein, Norway).
    OutsideEea,
    /// Any country outside the United Kingdom.
    OutsideUk,
}

/// How a transfer's region moved between two releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionMove {
    /// The same set of countries.
    Same,
    /// The new region lies inside the old one.
    Narrowed,
    /// The new region contains the old one and more.
    Widened,
    /// Neither contains the other.
    Incomparable,
}

/// The last day the United Kingdom was a member of the European Union.
pub const UK_LEFT_EU_AFTER: (i32, u32, u32) = (2020, 1, 31);

impl Region {
    /// The zone the region leaves out (`None`: nothing).
    fn excluded(self) -> Option<Zone> {
        match self {
            Region::Worldwide => None,
            Region::OutsideEu => Some(Zone::Eu),
            Region::OutsideEea => Some(Zone::Eea),
            Region::OutsideUk => Some(Zone::Uk),
        }
    }

    /// Whether every country of `self` is in `other`; `uk_in_eu` says
    /// whether the comparison is at a date when the UK was an EU member.
    pub fn within(self, other: Region, uk_in_eu: bool) -> bool {
        // Outside A lies within outside B exactly when B's zone lies within A's.
        match (other.excluded(), self.excluded()) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(b), Some(a)) => b.within(a, uk_in_eu),
        }
    }

    /// How the region moved from `old` to `new`.
    pub fn compare(old: Region, new: Region, uk_in_eu: bool) -> RegionMove {
        match (new.within(old, uk_in_eu), old.within(new, uk_in_eu)) {
            (true, true) => RegionMove::Same,
            (true, false) => RegionMove::Narrowed,
            (false, true) => RegionMove::Widened,
            (false, false) => RegionMove::Incomparable,
        }
    }
}

/// A group of countries a region can leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Uk,
    Eu,
    Eea,
}

impl Zone {
    fn within(self, other: Zone, uk_in_eu: bool) -> bool {
        match (self, other) {
            (a, b) if a == b => true,
            (Zone::Eu, Zone::Eea) => true,
            (Zone::Uk, Zone::Eu | Zone::Eea) => uk_in_eu,
            _ => false,
        }
    }
}

/// How long data is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Retention {
    /// Kept for at most a fixed period after collection.
    Fixed {
        /// The longest the data is kept.
        period: Period,
    },
    /// Kept for (at most) a period counted from an event: "deleted within P30D of an erasure request".
    AfterEvent {
        /// The period.
        period: Period,
        /// The events the period counts from (snake_case slugs, any of them).
        #[schemars(length(min = 1))]
        events: Vec<Id>,
    },
    /// Kept until an event: "until the password is changed or the account deactivated".
    UntilEvent {
        /// The events that end retention (snake_case slugs, the first of them).
        #[schemars(length(min = 1))]
        events: Vec<Id>,
    },
    /// Kept with no end, for a stated reason.
    Indefinite {
        /// Why the data is kept indefinitely.
        #[schemars(length(min = 1))]
        reason: String,
    },
}

/// A retention statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    /// Stable id.
    pub id: Id,
    /// The data categories (by id) it applies to.
    #[schemars(length(min = 1))]
    pub data: Vec<Id>,
    /// How long they are kept.
    pub retention: Retention,
    /// The statement in a sentence.
    pub description: String,
    /// Where the text states it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// How a right can be exercised.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// By e-mail to a contact.
    Email,
    /// By a Matrix message.
    MatrixMessage,
    /// Self-service, in a Matrix client's settings.
    ClientSettings,
    /// By deactivating the account in a client.
    AccountDeactivation,
    /// Through a web page or form.
    Web,
    /// By post.
    Post,
}

/// One way to exercise a right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExerciseMethod {
    /// The channel.
    pub channel: Channel,
    /// The contact (by id) to use, where the channel needs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Id>,
    /// A web address to use, where the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// What to do, in a sentence.
    pub description: String,
}

/// A limit on a right, or a consequence of exercising it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Caveat {
    /// Stable id, unique within the right.
    pub id: Id,
    /// The caveat in our words.
    pub description: String,
    /// Where the text states it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// A data-subject right the policy states, how to exercise it and its caveats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightStatement {
    /// The right; unique within the policy.
    pub right: Right,
    /// What the policy says about it.
    pub description: String,
    /// How to exercise it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exercise: Vec<ExerciseMethod>,
    /// Its limits and consequences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<Caveat>,
    /// Where the text states it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// The kind of a security measure.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// Passwords are stored as salted hashes.
    PasswordHashing,
    /// Data is encrypted in transit.
    TransportEncryption,
    /// Messages are end-to-end encrypted.
    EndToEndEncryption,
    /// Data is encrypted at rest.
    EncryptionAtRest,
    /// Encryption keys are backed up encrypted.
    KeyBackup,
    /// Staff access to user data is restricted.
    AccessControl,
    /// Two-factor authentication.
    TwoFactorAuthentication,
    /// Key-based or otherwise hardened administrative access.
    AdministrativeAccess,
    /// Physical access control.
    PhysicalSecurity,
    /// User data is separated from other users' data.
    DataSegregation,
    /// A channel for reporting vulnerabilities.
    VulnerabilityDisclosure,
    /// Another measure.
    Other,
}

/// Which value of a parameter is the stronger protection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stronger {
    /// A larger number (or `true`) protects more.
    Higher,
    /// A smaller number (or `false`) protects more.
    Lower,
}

/// The value of a security parameter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ParameterValue {
    /// A flag.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A name, such as an algorithm.
    Text(String),
}

/// The unit of a numeric security parameter; values in units of one
/// dimension compare after normalisation (cost factor 12 = 4096 rounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParameterUnit {
    /// Iterations of a key-derivation or hashing function.
    Rounds,
    /// The base-2 logarithm of the rounds (bcrypt's cost): `n` means 2^n rounds.
    CostFactor,
    /// A key or hash length in bits.
    Bits,
    /// A key or hash length in bytes (8 bits each).
    Bytes,
}

/// A field of a security parameter that can be marked as inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParameterField {
    /// The value is a reading of the text, not its words.
    Value,
    /// The unit is a reading of the text (e.g. "12 rounds" read as a cost factor).
    Unit,
}

/// A named parameter of a security measure (`algorithm: bcrypt`, `work_factor: 4096 rounds`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Parameter name, unique within the measure.
    pub name: Id,
    /// Its value, normalised (`TLS` where the text says SSL).
    pub value: ParameterValue,
    /// The unit of a numeric value; absent for flags, names and plain counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<ParameterUnit>,
    /// The text's own words for the value, in short, where the value is normalised ("SSL", "12 rounds").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub as_stated: Option<String>,
    /// For numbers and flags: which direction is the stronger protection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stronger: Option<Stronger>,
    /// The fields whose values are a reading of the text rather than stated
    /// outright (empty: everything is stated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<ParameterField>,
}

/// A technical or organisational security measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityMeasure {
    /// Stable id.
    pub id: Id,
    /// The kind of measure.
    pub kind: MeasureKind,
    /// What the measure is.
    pub description: String,
    /// The data categories (by id) it protects, if the text says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<Id>,
    /// Its parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// Where the text states it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// The policy on children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Children {
    /// The minimum age, in years, of users.
    #[schemars(range(max = 25))]
    pub minimum_age: u8,
    /// What the policy says, in a sentence.
    pub description: String,
    /// Where the text states it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// Whether and how users are profiled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profiling {
    /// Whether the controller profiles users.
    pub performed: bool,
    /// Whether decisions with legal or similar effect are made by automated means; absent where the text does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automated_decisions: Option<bool>,
    /// What the policy says, in a sentence.
    pub description: String,
    /// Where the text states it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// One setting of who can read a conversation's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VisibilityOption {
    /// Stable id (the setting's protocol value, such as `world_readable`).
    pub id: Id,
    /// Rank by openness: 1 is the least open.
    #[schemars(range(min = 1))]
    pub openness: u8,
    /// Who can read what under this setting.
    pub description: String,
    /// Whether people outside the room (and search engines) can read it.
    pub public: bool,
    /// Where the text states it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// Another statement of the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Stable id.
    pub id: Id,
    /// The statement in our words.
    pub text: String,
    /// Whether it is a promise to the data subject (removing one weakens protection).
    #[serde(default, skip_serializing_if = "is_false")]
    pub commitment: bool,
    /// Where the text states it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// The supervisory authority for complaints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisoryAuthority {
    /// Its name.
    pub name: String,
    /// Its country, as an ISO 3166-1 alpha-2 code.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub country: String,
    /// Where to complain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// Where the text names it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// What kind of document a related document is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Terms of service (or terms and conditions) of the service.
    TermsOfService,
    /// An acceptable use policy or code of conduct.
    AcceptableUse,
    /// Guidelines for law enforcement requests.
    LawEnforcementGuidelines,
    /// Another document.
    Other,
}

/// Another document of the controller the policy names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelatedDocument {
    /// Stable id.
    pub id: Id,
    /// Its title, as the text names it.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Where it is published, where the text gives an address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// What kind of document it is.
    pub kind: DocumentKind,
    /// What it is for, in a sentence.
    pub description: String,
    /// Where the text names it (ids of `sections` entries).
    #[schemars(length(min = 1))]
    pub sections: Vec<Id>,
}

/// One release of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The release's version.
    #[schemars(schema_with = "version_schema")]
    pub version: Version,
    /// When it was published, as precise as the source says.
    pub date: PartialDate,
    /// What changed, as the history list says.
    pub summary: String,
}

impl Policy {
    /// The statement of a right, if the policy states it.
    pub fn right(&self, right: Right) -> Option<&RightStatement> {
        self.rights.iter().find(|r| r.right == right)
    }
}

#[cfg(test)]
mod region_tests {
    use super::{Region, RegionMove};

    #[test]
    fn regions_compare_as_sets_at_the_date() {
        use Region::*;
        assert_eq!(
            Region::compare(Worldwide, OutsideUk, true),
            RegionMove::Narrowed
        );
        assert_eq!(
            Region::compare(OutsideUk, OutsideEu, true),
            RegionMove::Narrowed
        );
        assert_eq!(
            Region::compare(OutsideUk, OutsideEu, false),
            RegionMove::Incomparable
        );
        assert_eq!(
            Region::compare(OutsideEea, OutsideEu, false),
            RegionMove::Widened
        );
        assert_eq!(
            Region::compare(OutsideEu, Worldwide, false),
            RegionMove::Widened
        );
        assert_eq!(
            Region::compare(OutsideEu, OutsideEu, false),
            RegionMove::Same
        );
    }
}
