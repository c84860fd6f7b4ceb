//! Synthetic policy documents, for benchmarks and tests.
//!
//! [`Generator`] builds a [`Policy`] of any size from a seed: the same seed
//! and size give the same document, byte for byte, on every platform, and
//! every document passes the full loader ([`crate::load::load`]) — ids are
//! unique, every reference resolves, every data category has a purpose, the
//! history is ordered and ends at the document's version.
//!
//! [`pair`] builds an old and a new version of a synthetic document with a
//! chosen number of changes of each diff rule; [`expected_changes`] says
//! exactly which rules, and how many times each, [`crate::diff::diff`]
//! reports for it.
//!
//! ```
//! use matrix_privacy_policy::diff::{self, RuleId};
//! use matrix_privacy_policy::{load, synth};
//!
//! // A valid document with 50 entities in each id-keyed collection.
//! let policy = synth::Generator::new(7).entities(50).policy();
//! assert_eq!(policy.data_categories.len(), 50);
//! let text = serde_json::to_vec(&policy)?;
//! assert_eq!(load::load(&text)?, policy);
//!
//! // Two versions, three recipients apart and one retention longer.
//! let wanted = [(RuleId::RecipientAdded, 3), (RuleId::RetentionExtended, 1)];
//! let (old, new) = synth::pair(7, 50, &wanted)?;
//! let found = diff::diff(&old, &new);
//! let count = |r| found.iter().filter(|c| c.rule == r).count();
//! assert_eq!(count(RuleId::RecipientAdded), 3);
//! assert_eq!(count(RuleId::RetentionExtended), 1);
//! assert_eq!(found.len(), 5); // and the new release's history entry
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Shape of a document
//! Each id-keyed collection (contacts, services, data categories, purposes,
//! recipients, transfers, retention rules, security measures, statements)
//! holds `n` entities, the caveats of the rights `n` in all, and the history
//! `n` releases; rights (one of each) and history visibility settings (four)
//! are fixed. Entities whose index is a multiple of four are *anchors*:
//! every reference points to an anchor, and anchor purposes together process
//! every data category. The other entities are *free*: nothing refers to
//! them, so [`pair`] can remove or change them one at a time without
//! touching anything else.
//!
//! Texts are a few words from a fixed list: a document of `n` entities is
//! about `2.5 × n` KiB of pretty-printed JSON.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{Days, NaiveDate};
use semver::Version;

use crate::diff::{Bump, RuleId};
use crate::{
    Caveat, Channel, Children, Contact, ContactRole, Controller, DataCategory, DataSource, Email,
    ExerciseMethod, Id, LegalBasis, MeasureKind, Parameter, ParameterValue, PartialDate, Period,
    Policy, PostalAddress, Profiling, Purpose, Recipient, RecipientKind, RecipientRole, Retention,
    RetentionRule, Revision, Right, RightStatement, Safeguard, SectionRef, SecurityMeasure,
    Service, Statement, SupervisoryAuthority, Transfer, Url, VisibilityOption,
};

/// SplitMix64: a tiny, fast, deterministic pseudo-random number generator
/// (Steele, Lea and Flood, 2014). Not for cryptography.
///
/// ```
/// use matrix_privacy_policy::synth::SplitMix64;
/// let mut a = SplitMix64::new(1);
/// let mut b = SplitMix64::new(1);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert!(a.below(10) < 10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 pseudo-random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0). The bias is negligible for the
    /// small `n` used here.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // `n` fits in 64 bits on every supported platform; the result is below `n`.
        let n64 = n as u64;
        ((u128::from(self.next_u64()) * u128::from(n64)) >> 64) as usize
    }

    /// `true` with probability `num / den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    /// A uniformly chosen element of a non-empty slice.
    fn pick<T: Copy>(&mut self, items: &[T], fallback: T) -> T {
        items
            .get(self.below(items.len()))
            .copied()
            .unwrap_or(fallback)
    }
}

/// Builds synthetic policy documents: deterministic, seeded, valid by
/// construction.
///
/// ```
/// use matrix_privacy_policy::synth::Generator;
/// let g = Generator::new(42).entities(1000);
/// let policy = g.policy();
/// assert_eq!(policy.recipients.len(), 1000);
/// assert_eq!(g.policy(), policy); // the same seed, the same document
/// assert_ne!(Generator::new(43).entities(1000).policy(), policy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generator {
    seed: u64,
    entities: usize,
}

impl Generator {
    /// The number of entities per collection unless [`entities`](Self::entities) says otherwise.
    pub const DEFAULT_ENTITIES: usize = 16;

    /// A generator for documents from `seed`, with
    /// [`DEFAULT_ENTITIES`](Self::DEFAULT_ENTITIES) entities per collection.
    pub fn new(seed: u64) -> Self {
        Generator {
            seed,
            entities: Self::DEFAULT_ENTITIES,
        }
    }

    /// Sets the number of entities in each id-keyed collection (at least 1).
    pub fn entities(mut self, n: usize) -> Self {
        self.entities = n.max(1);
        self
    }

    /// The number of entities in each id-keyed collection.
    pub fn entity_count(&self) -> usize {
        self.entities
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The document.
    pub fn policy(&self) -> Policy {
        build(self.seed, self.entities)
    }

    /// The document as pretty-printed JSON ([`Policy::to_json_pretty`]),
    /// the form documents are committed in.
    pub fn json(&self) -> String {
        self.policy().to_json_pretty()
    }
}

// ----- building blocks

const WORDS: &[&str] = &[
    "account",
    "address",
    "backup",
    "calls",
    "client",
    "conversation",
    "data",
    "device",
    "encrypted",
    "event",
    "federation",
    "files",
    "homeserver",
    "identity",
    "keys",
    "logs",
    "matrix",
    "media",
    "members",
    "messages",
    "network",
    "notifications",
    "password",
    "profile",
    "push",
    "room",
    "server",
    "session",
    "storage",
    "support",
    "traffic",
    "users",
];

const HEADINGS: &[&str] = &[
    "What data we collect",
    "Why we process your data",
    "Who we share your data with",
    "How long we keep your data",
    "Your rights",
    "Security",
    "International transfers",
    "Contact us",
];

const DESTINATIONS: &[&str] = &[
    "United States",
    "Anywhere in the world",
    "Outside the EU",
    "United Kingdom",
    "India",
    "Japan",
];

const ALGORITHMS: &[&str] = &["bcrypt", "argon2id", "scrypt", "pbkdf2"];

const SOURCES: &[DataSource] = &[
    DataSource::ProvidedByUser,
    DataSource::CollectedAutomatically,
    DataSource::Derived,
    DataSource::ThirdParty,
];

const KINDS: &[RecipientKind] = &[
    RecipientKind::ServiceOperator,
    RecipientKind::Hosting,
    RecipientKind::CloudStorage,
    RecipientKind::CdnDdosProtection,
    RecipientKind::ShopFront,
    RecipientKind::PaymentProvider,
    RecipientKind::FederatedHomeserver,
    RecipientKind::Bridge,
    RecipientKind::Integration,
    RecipientKind::PublicIndexer,
    RecipientKind::LawEnforcement,
    RecipientKind::Acquirer,
    RecipientKind::Supplier,
];

const ROLES: &[RecipientRole] = &[
    RecipientRole::Processor,
    RecipientRole::IndependentController,
    RecipientRole::JointController,
];

const CONTACT_ROLES: &[ContactRole] = &[
    ContactRole::DataProtectionOfficer,
    ContactRole::Security,
    ContactRole::General,
    ContactRole::LawEnforcement,
];

const MEASURES: &[MeasureKind] = &[
    MeasureKind::PasswordHashing,
    MeasureKind::TransportEncryption,
    MeasureKind::EndToEndEncryption,
    MeasureKind::EncryptionAtRest,
    MeasureKind::KeyBackup,
    MeasureKind::AccessControl,
    MeasureKind::TwoFactorAuthentication,
    MeasureKind::AdministrativeAccess,
    MeasureKind::PhysicalSecurity,
    MeasureKind::DataSegregation,
    MeasureKind::VulnerabilityDisclosure,
    MeasureKind::Other,
];

/// An id built from a constant lower-case prefix and a number.
fn id(prefix: &str, i: usize) -> Id {
    named(&format!("{prefix}_{i}"))
}

/// An id from a constant of this module.
fn named(s: &str) -> Id {
    match Id::new(s) {
        Ok(id) => id,
        // Only constants of this module and `{prefix}_{number}` reach here.
        Err(e) => unreachable!("synthetic ids match the id pattern: {e}"),
    }
}

fn url(s: String) -> Url {
    match Url::new(s) {
        Ok(u) => u,
        Err(e) => unreachable!("synthetic URLs match the URL pattern: {e}"),
    }
}

fn email(s: String) -> Email {
    match Email::new(s) {
        Ok(e) => e,
        Err(e) => unreachable!("synthetic addresses match the e-mail pattern: {e}"),
    }
}

/// The number of anchors (indices that are multiples of 4) among `n` entities.
fn anchor_count(n: usize) -> usize {
    n.div_ceil(4)
}

fn is_anchor(i: usize) -> bool {
    i.is_multiple_of(4)
}

/// A sentence of `min..=max` words.
fn sentence(rng: &mut SplitMix64, min: usize, max: usize) -> String {
    let words = min + rng.below(max - min + 1);
    let mut s = String::with_capacity(words * 9);
    for w in 0..words {
        let word = rng.pick(WORDS, "data");
        if w == 0 {
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                s.extend(c.to_uppercase());
                s.push_str(chars.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(word);
        }
    }
    s.push('.');
    s
}

/// A short name of two words.
fn name(rng: &mut SplitMix64, i: usize) -> String {
    format!(
        "{} {} {i}",
        rng.pick(WORDS, "data"),
        rng.pick(WORDS, "data")
    )
}

fn sections(rng: &mut SplitMix64) -> Vec<SectionRef> {
    vec![SectionRef {
        number: Some(format!("{}.{}", 1 + rng.below(9), 1 + rng.below(9))),
        heading: rng.pick(HEADINGS, "Security").to_owned(),
    }]
}

/// `lo..=hi` distinct anchors of a collection of `n`, as ids with `prefix`
/// (fewer when there are fewer anchors).
fn anchor_refs(rng: &mut SplitMix64, prefix: &str, n: usize, lo: usize, hi: usize) -> Vec<Id> {
    let anchors = anchor_count(n);
    let want = (lo + rng.below(hi - lo + 1)).min(anchors);
    let mut picked: Vec<usize> = Vec::with_capacity(want);
    while picked.len() < want {
        let k = rng.below(anchors);
        if !picked.contains(&k) {
            picked.push(k);
        }
    }
    picked.into_iter().map(|k| id(prefix, 4 * k)).collect()
}

fn date(days: u64) -> PartialDate {
    let base = NaiveDate::default(); // 1970-01-01
    PartialDate::from_date(base.checked_add_days(Days::new(days)).unwrap_or(base))
}

// ----- the document

fn build(seed: u64, n: usize) -> Policy {
    let rng = &mut SplitMix64::new(seed);

    let contacts = (0..n)
        .map(|i| {
            let has_email = i % 3 != 2;
            Contact {
                id: id("contact", i),
                role: CONTACT_ROLES[i % CONTACT_ROLES.len()],
                email: has_email.then(|| email(format!("contact{i}@example.org"))),
                url: (!has_email || rng.chance(1, 4))
                    .then(|| url(format!("https://example.org/contact/{i}"))),
                description: sentence(rng, 4, 10),
                sections: sections(rng),
            }
        })
        .collect();

    let services = (0..n)
        .map(|i| Service {
            id: id("service", i),
            name: name(rng, i),
            url: rng
                .chance(1, 2)
                .then(|| url(format!("https://service{i}.example.org"))),
            description: sentence(rng, 5, 12),
            operated_by: anchor_refs(rng, "recipient", n, 1, 2),
            sections: sections(rng),
        })
        .collect();

    let data_categories = (0..n)
        .map(|i| DataCategory {
            id: id("data", i),
            name: name(rng, i),
            description: sentence(rng, 5, 12),
            source: rng.pick(SOURCES, DataSource::ProvidedByUser),
            optional: rng.chance(1, 2),
            publishable: false,
            services: anchor_refs(rng, "service", n, 2, 3),
            sections: sections(rng),
        })
        .collect();

    let purposes = (0..n)
        .map(|i| {
            // Anchor purposes process the data categories of their block of
            // four, so that every category has a purpose.
            let data = if is_anchor(i) {
                (i..n.min(i + 4)).map(|d| id("data", d)).collect()
            } else {
                anchor_refs(rng, "data", n, 2, 3)
            };
            let first = rng.pick(LegalBasis::ALL, LegalBasis::Contract);
            let mut legal_bases = vec![first];
            if rng.chance(1, 3) {
                let second = rng.pick(LegalBasis::ALL, LegalBasis::Contract);
                if second != first {
                    legal_bases.push(second);
                }
            }
            Purpose {
                id: id("purpose", i),
                name: name(rng, i),
                description: sentence(rng, 5, 12),
                legal_bases,
                data,
                sections: sections(rng),
            }
        })
        .collect();

    let recipients = (0..n)
        .map(|i| Recipient {
            id: id("recipient", i),
            name: name(rng, i),
            kind: rng.pick(KINDS, RecipientKind::Supplier),
            role: rng.pick(ROLES, RecipientRole::Processor),
            description: sentence(rng, 5, 12),
            receives: anchor_refs(rng, "data", n, 2, 3),
            purposes: anchor_refs(rng, "purpose", n, 1, 2),
            condition: rng.chance(1, 4).then(|| sentence(rng, 4, 8)),
            privacy_policy: rng
                .chance(1, 2)
                .then(|| url(format!("https://recipient{i}.example.com/privacy"))),
            sections: sections(rng),
        })
        .collect();

    let transfers = (0..n)
        .map(|i| {
            let mut safeguards = Vec::new();
            for _ in 0..rng.below(3) {
                let s = rng.pick(Safeguard::ALL, Safeguard::StandardContractualClauses);
                if !safeguards.contains(&s) {
                    safeguards.push(s);
                }
            }
            Transfer {
                id: id("transfer", i),
                destination: rng.pick(DESTINATIONS, "Outside the EU").to_owned(),
                recipients: anchor_refs(rng, "recipient", n, 2, 3),
                safeguards,
                description: sentence(rng, 5, 12),
                sections: sections(rng),
            }
        })
        .collect();

    let retention = (0..n)
        .map(|i| {
            let retention = if is_anchor(i) {
                match (i / 4) % 4 {
                    0 => Retention::Fixed {
                        period: Period::from_months(1 + rng.below(24) as u32),
                    },
                    1 => Retention::AfterEvent {
                        period: Period::from_days(1 + rng.below(90) as u32),
                        events: vec![named("erasure_request")],
                    },
                    2 => Retention::UntilEvent {
                        events: vec![named("account_deactivation"), named("password_change")],
                    },
                    _ => Retention::Indefinite {
                        reason: sentence(rng, 4, 8),
                    },
                }
            } else {
                // Free rules keep data for whole days (at least two), so
                // they can be extended and shortened comparably.
                Retention::Fixed {
                    period: Period::from_days(2 + rng.below(3650) as u32),
                }
            };
            RetentionRule {
                id: id("retention", i),
                data: anchor_refs(rng, "data", n, 2, 3),
                retention,
                description: sentence(rng, 5, 12),
                sections: sections(rng),
            }
        })
        .collect();

    let rights = Right::ALL
        .iter()
        .enumerate()
        .map(|(r, &right)| RightStatement {
            right,
            description: sentence(rng, 5, 12),
            exercise: vec![
                ExerciseMethod {
                    channel: Channel::Email,
                    contact: Some(id("contact", 4 * rng.below(anchor_count(n)))),
                    url: None,
                    description: sentence(rng, 4, 8),
                },
                ExerciseMethod {
                    channel: Channel::Web,
                    contact: None,
                    url: Some(url(format!("https://example.org/rights/{}", right.key()))),
                    description: sentence(rng, 4, 8),
                },
            ],
            caveats: (r..n)
                .step_by(Right::ALL.len())
                .map(|c| Caveat {
                    id: id("caveat", c),
                    description: sentence(rng, 5, 12),
                    sections: sections(rng),
                })
                .collect(),
            sections: sections(rng),
        })
        .collect();

    let security_measures = (0..n)
        .map(|i| SecurityMeasure {
            id: id("measure", i),
            kind: rng.pick(MEASURES, MeasureKind::Other),
            description: sentence(rng, 5, 12),
            applies_to: anchor_refs(rng, "data", n, 2, 3),
            parameters: vec![
                Parameter {
                    name: named("min_rounds"),
                    value: ParameterValue::Integer(1000 + rng.below(100_000) as i64),
                    stronger: Some(crate::Stronger::Higher),
                },
                Parameter {
                    name: named("algorithm"),
                    value: ParameterValue::Text(rng.pick(ALGORITHMS, "bcrypt").to_owned()),
                    stronger: None,
                },
            ],
            sections: sections(rng),
        })
        .collect();

    let statements = (0..n)
        .map(|i| Statement {
            id: id("statement", i),
            text: sentence(rng, 6, 16),
            commitment: rng.chance(1, 3),
            sections: sections(rng),
        })
        .collect();

    let history_visibility = ["invited", "joined", "shared", "world_readable"]
        .iter()
        .zip(1u8..)
        .map(|(v, rank)| VisibilityOption {
            id: named(v),
            openness: rank,
            description: sentence(rng, 5, 10),
            public: rank == 4,
            sections: sections(rng),
        })
        .collect();

    // The history: mostly patch releases, some minor, a few major; dates
    // never decrease.
    let mut history = Vec::with_capacity(n);
    let mut version = Version::new(1, 0, 0);
    let mut day = 30 * 365;
    for i in 0..n {
        if i > 0 {
            version = match rng.below(20) {
                0 => Version::new(version.major + 1, 0, 0),
                1..=5 => Version::new(version.major, version.minor + 1, 0),
                _ => Version::new(version.major, version.minor, version.patch + 1),
            };
            day += rng.below(2) as u64;
        }
        history.push(Revision {
            version: version.clone(),
            date: date(day),
            summary: sentence(rng, 3, 8),
        });
    }

    Policy {
        schema: None,
        version,
        title: format!("Synthetic Homeserver Privacy Policy ({n} entities, seed {seed})"),
        url: Some(url("https://example.org/privacy".to_owned())),
        language: "en".to_owned(),
        controller: Controller {
            name: "Example Homeserver Ltd".to_owned(),
            legal_form: Some("Private company limited by shares".to_owned()),
            incorporated: Some(date(30 * 365)),
            description: sentence(rng, 6, 12),
            address: Some(PostalAddress {
                lines: vec![
                    "Example Homeserver Ltd".to_owned(),
                    "1 Example Street".to_owned(),
                ],
                locality: "London".to_owned(),
                postal_code: Some("N1 1AA".to_owned()),
                country: "GB".to_owned(),
            }),
            website: Some(url("https://example.org".to_owned())),
            sections: sections(rng),
        },
        contacts,
        services,
        data_categories,
        purposes,
        recipients,
        transfers,
        retention,
        rights,
        security_measures,
        children: Some(Children {
            minimum_age: 16,
            description: sentence(rng, 5, 10),
            sections: sections(rng),
        }),
        profiling: Some(Profiling {
            performed: false,
            automated_decisions: Some(false),
            description: sentence(rng, 5, 10),
            sections: sections(rng),
        }),
        history_visibility,
        statements,
        supervisory_authority: Some(SupervisoryAuthority {
            name: "Information Commissioner's Office".to_owned(),
            country: "GB".to_owned(),
            url: Some(url("https://ico.org.uk/make-a-complaint/".to_owned())),
            sections: sections(rng),
        }),
        history,
    }
}

// ----- pairs of versions

/// Why [`pair`] cannot build the requested versions.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SynthError {
    /// The generator does not produce changes of this rule (see [`SUPPORTED_RULES`]).
    Unsupported(RuleId),
    /// The document is too small for this many changes of the rule: each
    /// change needs its own entity.
    Capacity {
        /// The rule.
        rule: RuleId,
        /// The changes of the rule requested.
        requested: usize,
        /// The changes of the rule made before the document ran out.
        made: usize,
        /// The entities per collection.
        entities: usize,
    },
}

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SynthError::Unsupported(rule) => {
                write!(f, "the generator does not produce `{rule}` changes")
            }
            SynthError::Capacity {
                rule,
                requested,
                made,
                entities,
            } => write!(
                f,
                "a synthetic document of {entities} entities per collection has room for {made} `{rule}` changes, not {requested} (with the other changes requested)"
            ),
        }
    }
}

impl std::error::Error for SynthError {}

/// The rules [`pair`] can produce changes of.
pub const SUPPORTED_RULES: &[RuleId] = &[
    RuleId::DataCategoryAdded,
    RuleId::DataCategoryRemoved,
    RuleId::DataCategoryNowMandatory,
    RuleId::DataCategoryNowOptional,
    RuleId::DataCategorySourceChanged,
    RuleId::DataCategoryServiceAdded,
    RuleId::DataCategoryServiceRemoved,
    RuleId::PurposeAdded,
    RuleId::PurposeRemoved,
    RuleId::PurposeDataAdded,
    RuleId::PurposeDataRemoved,
    RuleId::LegalBasisChanged,
    RuleId::RecipientAdded,
    RuleId::RecipientRemoved,
    RuleId::RecipientDataAdded,
    RuleId::RecipientDataRemoved,
    RuleId::RecipientPurposeAdded,
    RuleId::RecipientPurposeRemoved,
    RuleId::RecipientRoleChanged,
    RuleId::RecipientKindChanged,
    RuleId::TransferAdded,
    RuleId::TransferRemoved,
    RuleId::TransferRecipientAdded,
    RuleId::TransferRecipientRemoved,
    RuleId::TransferSafeguardAdded,
    RuleId::TransferSafeguardRemoved,
    RuleId::RetentionExtended,
    RuleId::RetentionShortened,
    RuleId::RetentionDataAdded,
    RuleId::RetentionDataRemoved,
    RuleId::RetentionRuleAdded,
    RuleId::RetentionRuleRemoved,
    RuleId::CaveatAdded,
    RuleId::CaveatRemoved,
    RuleId::ContactAdded,
    RuleId::ContactRemoved,
    RuleId::SecurityMeasureAdded,
    RuleId::SecurityMeasureRemoved,
    RuleId::SecurityMeasureScopeExtended,
    RuleId::SecurityMeasureScopeReduced,
    RuleId::ParameterStrengthened,
    RuleId::ParameterWeakened,
    RuleId::ServiceAdded,
    RuleId::ServiceRemoved,
    RuleId::ServiceOperatorAdded,
    RuleId::ServiceOperatorRemoved,
    RuleId::CommitmentAdded,
    RuleId::CommitmentRemoved,
    RuleId::CommitmentChanged,
    RuleId::StatementAdded,
    RuleId::StatementRemoved,
    RuleId::StatementChanged,
    RuleId::NameChanged,
    RuleId::DescriptionChanged,
    RuleId::SectionsChanged,
];

/// Exactly what [`crate::diff::diff`] reports for the versions [`pair`]
/// builds from `changes`: each requested rule with its count, plus the
/// changes that come with them —
///
/// - a data category can only be added with a purpose that processes it,
///   so each `data-category-added` comes with a `purpose-data-added`, and
///   each `data-category-removed` with a `purpose-data-removed`;
/// - the new version is a release: one `history-entry-added` whenever
///   anything changed.
///
/// # Errors
/// [`SynthError::Unsupported`] for a rule not in [`SUPPORTED_RULES`].
///
/// ```
/// use matrix_privacy_policy::diff::RuleId;
/// use matrix_privacy_policy::synth::expected_changes;
/// let expected = expected_changes(&[(RuleId::DataCategoryAdded, 2)])?;
/// assert_eq!(expected[&RuleId::DataCategoryAdded], 2);
/// assert_eq!(expected[&RuleId::PurposeDataAdded], 2);
/// assert_eq!(expected[&RuleId::HistoryEntryAdded], 1);
/// assert!(expected_changes(&[]).map(|e| e.is_empty())?);
/// # Ok::<(), matrix_privacy_policy::synth::SynthError>(())
/// ```
pub fn expected_changes(
    changes: &[(RuleId, usize)],
) -> Result<BTreeMap<RuleId, usize>, SynthError> {
    let mut out = BTreeMap::new();
    for &(rule, count) in changes {
        if !SUPPORTED_RULES.contains(&rule) {
            return Err(SynthError::Unsupported(rule));
        }
        if count == 0 {
            continue;
        }
        *out.entry(rule).or_insert(0) += count;
        let implied = match rule {
            RuleId::DataCategoryAdded => Some(RuleId::PurposeDataAdded),
            RuleId::DataCategoryRemoved => Some(RuleId::PurposeDataRemoved),
            _ => None,
        };
        if let Some(implied) = implied {
            *out.entry(implied).or_insert(0) += count;
        }
    }
    if !out.is_empty() {
        out.insert(RuleId::HistoryEntryAdded, 1);
    }
    Ok(out)
}

/// An old and a new version of the synthetic document of `entities`
/// entities per collection from `seed`, with `count` changes of each
/// `(rule, count)` in `changes`: each change on its own entity, chosen with
/// the seed. The new version is the next release of the bump the changes
/// need, with its history entry. [`expected_changes`] lists what
/// [`crate::diff::diff`] reports; both documents pass the loader.
///
/// # Errors
/// [`SynthError::Unsupported`] for a rule not in [`SUPPORTED_RULES`];
/// [`SynthError::Capacity`] when the document is too small for the
/// changes (each needs its own free entity: about three in four entities of
/// a collection are free).
///
/// ```
/// use matrix_privacy_policy::diff::{self, RuleId};
/// use matrix_privacy_policy::synth;
/// let (old, new) = synth::pair(1, 100, &[(RuleId::ParameterWeakened, 2)])?;
/// assert_eq!(new.version.to_string(), format!("{}.0.0", old.version.major + 1));
/// let found = diff::diff(&old, &new);
/// assert_eq!(found.iter().filter(|c| c.rule == RuleId::ParameterWeakened).count(), 2);
/// assert!(synth::pair(1, 4, &[(RuleId::RecipientRemoved, 10)]).is_err());
/// # Ok::<(), synth::SynthError>(())
/// ```
pub fn pair(
    seed: u64,
    entities: usize,
    changes: &[(RuleId, usize)],
) -> Result<(Policy, Policy), SynthError> {
    let expected = expected_changes(changes)?;
    let old = Generator::new(seed).entities(entities).policy();
    if expected.is_empty() {
        let new = old.clone();
        return Ok((old, new));
    }
    let mut editor = Editor::new(&old, seed);
    for &(rule, count) in changes {
        for made in 0..count {
            if editor.apply(rule).is_none() {
                return Err(SynthError::Capacity {
                    rule,
                    requested: count,
                    made,
                    entities: old.data_categories.len(),
                });
            }
        }
    }
    let bump = expected
        .keys()
        .map(|r| r.rule().bump)
        .max()
        .unwrap_or(Bump::Patch);
    let mut new = editor.finish();
    let v = &old.version;
    new.version = match bump {
        Bump::Major => Version::new(v.major + 1, 0, 0),
        Bump::Minor => Version::new(v.major, v.minor + 1, 0),
        Bump::Patch | Bump::None => Version::new(v.major, v.minor, v.patch + 1),
    };
    let date = old
        .history
        .last()
        .map_or_else(|| date(30 * 365), |h| h.date);
    new.history.push(Revision {
        version: new.version.clone(),
        date,
        summary: "Synthetic release.".to_owned(),
    });
    Ok((old, new))
}

/// The id-keyed collections the editor changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coll {
    Contacts,
    Services,
    Data,
    Purposes,
    Recipients,
    Transfers,
    Retention,
    Measures,
    Statements,
}

const COLLS: [Coll; 9] = [
    Coll::Contacts,
    Coll::Services,
    Coll::Data,
    Coll::Purposes,
    Coll::Recipients,
    Coll::Transfers,
    Coll::Retention,
    Coll::Measures,
    Coll::Statements,
];

impl Coll {
    fn slot(self) -> usize {
        self as usize
    }

    /// The prefix of the collection's ids.
    fn prefix(self) -> &'static str {
        match self {
            Coll::Contacts => "contact",
            Coll::Services => "service",
            Coll::Data => "data",
            Coll::Purposes => "purpose",
            Coll::Recipients => "recipient",
            Coll::Transfers => "transfer",
            Coll::Retention => "retention",
            Coll::Measures => "measure",
            Coll::Statements => "statement",
        }
    }

    fn len(self, p: &Policy) -> usize {
        match self {
            Coll::Contacts => p.contacts.len(),
            Coll::Services => p.services.len(),
            Coll::Data => p.data_categories.len(),
            Coll::Purposes => p.purposes.len(),
            Coll::Recipients => p.recipients.len(),
            Coll::Transfers => p.transfers.len(),
            Coll::Retention => p.retention.len(),
            Coll::Measures => p.security_measures.len(),
            Coll::Statements => p.statements.len(),
        }
    }
}

/// A reference list of an entity: where it is and what it points to.
struct RefList {
    coll: Coll,
    target: Coll,
    /// The fewest references the schema allows.
    min: usize,
    /// Whether the change adds a reference (or removes one).
    added: bool,
    get: fn(&Policy, usize) -> Option<&Vec<Id>>,
    get_mut: fn(&mut Policy, usize) -> Option<&mut Vec<Id>>,
}

macro_rules! ref_lists {
    ($rule:expr; $($added:ident | $removed:ident => $coll:ident . $field:ident in $c:ident -> $target:ident, min $min:literal;)+) => {
        match $rule {
            $(
                RuleId::$added | RuleId::$removed => Some(RefList {
                    coll: Coll::$c,
                    target: Coll::$target,
                    min: $min,
                    added: $rule == RuleId::$added,
                    get: |p, i| p.$coll.get(i).map(|e| &e.$field),
                    get_mut: |p, i| p.$coll.get_mut(i).map(|e| &mut e.$field),
                }),
            )+
            _ => None,
        }
    };
}

/// The reference list a rule adds to or removes from, if it is such a rule.
fn ref_list(rule: RuleId) -> Option<RefList> {
    ref_lists! { rule;
        DataCategoryServiceAdded | DataCategoryServiceRemoved => data_categories.services in Data -> Services, min 1;
        PurposeDataAdded | PurposeDataRemoved => purposes.data in Purposes -> Data, min 1;
        RecipientDataAdded | RecipientDataRemoved => recipients.receives in Recipients -> Data, min 0;
        RecipientPurposeAdded | RecipientPurposeRemoved => recipients.purposes in Recipients -> Purposes, min 0;
        TransferRecipientAdded | TransferRecipientRemoved => transfers.recipients in Transfers -> Recipients, min 1;
        RetentionDataAdded | RetentionDataRemoved => retention.data in Retention -> Data, min 1;
        SecurityMeasureScopeExtended | SecurityMeasureScopeReduced => security_measures.applies_to in Measures -> Data, min 0;
        ServiceOperatorAdded | ServiceOperatorRemoved => services.operated_by in Services -> Recipients, min 0;
    }
}

/// Applies changes to a copy of a document, one free entity per change;
/// removals wait for [`Editor::finish`] so that indices stay put.
struct Editor<'a> {
    old: &'a Policy,
    new: Policy,
    rng: SplitMix64,
    /// The free indices of each collection not yet changed, shuffled.
    pools: Vec<Vec<usize>>,
    removed: Vec<BTreeSet<usize>>,
    /// Removed caveats: (right index, caveat index).
    removed_caveats: BTreeSet<(usize, usize)>,
    /// Caveats not yet changed: (right index, caveat index), shuffled.
    caveats: Vec<(usize, usize)>,
    /// Entities added so far (for unique ids).
    added: usize,
    /// Wording changes so far (to spread them across collections).
    wording: usize,
}

impl<'a> Editor<'a> {
    fn new(old: &'a Policy, seed: u64) -> Self {
        let mut rng = SplitMix64::new(seed ^ 0x5EED_0FC4_A6E5);
        let mut pools: Vec<Vec<usize>> = COLLS
            .iter()
            .map(|c| (0..c.len(old)).filter(|&i| !is_anchor(i)).collect())
            .collect();
        for pool in &mut pools {
            shuffle(&mut rng, pool);
        }
        let mut caveats: Vec<(usize, usize)> = old
            .rights
            .iter()
            .enumerate()
            .flat_map(|(r, s)| (0..s.caveats.len()).map(move |c| (r, c)))
            .collect();
        shuffle(&mut rng, &mut caveats);
        Editor {
            old,
            new: old.clone(),
            rng,
            pools,
            removed: vec![BTreeSet::new(); COLLS.len()],
            removed_caveats: BTreeSet::new(),
            caveats,
            added: 0,
            wording: 0,
        }
    }

    /// A free entity of `coll` not yet changed, for which `ok` holds in the old document.
    fn take(&mut self, coll: Coll, ok: impl Fn(&Policy, usize) -> bool) -> Option<usize> {
        let pool = &mut self.pools[coll.slot()];
        let pos = pool.iter().rposition(|&i| ok(self.old, i))?;
        Some(pool.swap_remove(pos))
    }

    fn remove(&mut self, coll: Coll) -> Option<()> {
        self.remove_where(coll, |_, _| true)
    }

    fn remove_where(&mut self, coll: Coll, ok: impl Fn(&Policy, usize) -> bool) -> Option<()> {
        let i = self.take(coll, ok)?;
        self.removed[coll.slot()].insert(i);
        Some(())
    }

    fn next_added(&mut self) -> usize {
        self.added += 1;
        self.added
    }

    /// The id of a random anchor of `coll` not in `present`.
    fn anchor_not_in(&mut self, coll: Coll, present: &[Id]) -> Option<Id> {
        let anchors = anchor_count(coll.len(self.old));
        let start = self.rng.below(anchors);
        (0..anchors)
            .map(|k| id(coll.prefix(), 4 * ((start + k) % anchors)))
            .find(|candidate| !present.contains(candidate))
    }

    fn sections(&mut self) -> Vec<SectionRef> {
        sections(&mut self.rng)
    }

    fn sentence(&mut self) -> String {
        sentence(&mut self.rng, 5, 12)
    }

    /// Makes one change of `rule`; `None` when no entity is left for it.
    fn apply(&mut self, rule: RuleId) -> Option<()> {
        use RuleId as R;
        if let Some(list) = ref_list(rule) {
            return self.reference(&list);
        }
        let n = self.old.data_categories.len();
        match rule {
            R::DataCategoryAdded => {
                let k = self.next_added();
                let new_id = id("data_new", k);
                let anchor = 4 * self.rng.below(anchor_count(n));
                let category = DataCategory {
                    id: new_id.clone(),
                    name: format!("New data {k}"),
                    description: self.sentence(),
                    source: DataSource::CollectedAutomatically,
                    optional: false,
                    publishable: false,
                    services: vec![id("service", 0)],
                    sections: self.sections(),
                };
                self.new.data_categories.push(category);
                self.new.purposes.get_mut(anchor)?.data.push(new_id);
            }
            R::DataCategoryRemoved => {
                let i = self.take(Coll::Data, |_, _| true)?;
                self.removed[Coll::Data.slot()].insert(i);
                let gone = &self.old.data_categories.get(i)?.id;
                // Only the anchor purpose of its block processes a free category.
                self.new
                    .purposes
                    .get_mut(4 * (i / 4))?
                    .data
                    .retain(|d| d != gone);
            }
            R::DataCategoryNowMandatory | R::DataCategoryNowOptional => {
                let optional = rule == R::DataCategoryNowOptional;
                let i = self.take(Coll::Data, |p, i| p.data_categories[i].optional != optional)?;
                self.new.data_categories.get_mut(i)?.optional = optional;
            }
            R::DataCategorySourceChanged => {
                let i = self.take(Coll::Data, |_, _| true)?;
                let d = self.new.data_categories.get_mut(i)?;
                let next = SOURCES
                    .iter()
                    .position(|s| *s == d.source)
                    .map_or(0, |k| k + 1);
                d.source = SOURCES[next % SOURCES.len()];
            }
            R::PurposeAdded => {
                let k = self.next_added();
                let data = vec![id("data", 4 * self.rng.below(anchor_count(n)))];
                let purpose = Purpose {
                    id: id("purpose_new", k),
                    name: format!("New purpose {k}"),
                    description: self.sentence(),
                    legal_bases: vec![LegalBasis::LegitimateInterests],
                    data,
                    sections: self.sections(),
                };
                self.new.purposes.push(purpose);
            }
            R::PurposeRemoved => self.remove(Coll::Purposes)?,
            R::LegalBasisChanged => {
                let i = self.take(Coll::Purposes, |_, _| true)?;
                let p = self.new.purposes.get_mut(i)?;
                match LegalBasis::ALL.iter().find(|b| !p.legal_bases.contains(b)) {
                    Some(&b) => p.legal_bases.push(b),
                    None => {
                        p.legal_bases.pop();
                    }
                }
            }
            R::RecipientAdded => {
                let k = self.next_added();
                let receives = vec![id("data", 4 * self.rng.below(anchor_count(n)))];
                let recipient = Recipient {
                    id: id("recipient_new", k),
                    name: format!("New recipient {k}"),
                    kind: RecipientKind::Supplier,
                    role: RecipientRole::Processor,
                    description: self.sentence(),
                    receives,
                    purposes: Vec::new(),
                    condition: None,
                    privacy_policy: None,
                    sections: self.sections(),
                };
                self.new.recipients.push(recipient);
            }
            R::RecipientRemoved => self.remove(Coll::Recipients)?,
            R::RecipientRoleChanged => {
                let i = self.take(Coll::Recipients, |_, _| true)?;
                let r = self.new.recipients.get_mut(i)?;
                let next = ROLES.iter().position(|x| *x == r.role).map_or(0, |k| k + 1);
                r.role = ROLES[next % ROLES.len()];
            }
            R::RecipientKindChanged => {
                let i = self.take(Coll::Recipients, |_, _| true)?;
                let r = self.new.recipients.get_mut(i)?;
                let next = KINDS.iter().position(|x| *x == r.kind).map_or(0, |k| k + 1);
                r.kind = KINDS[next % KINDS.len()];
            }
            R::TransferAdded => {
                let k = self.next_added();
                let transfer = Transfer {
                    id: id("transfer_new", k),
                    destination: "Anywhere in the world".to_owned(),
                    recipients: vec![id("recipient", 4 * self.rng.below(anchor_count(n)))],
                    safeguards: vec![Safeguard::StandardContractualClauses],
                    description: self.sentence(),
                    sections: self.sections(),
                };
                self.new.transfers.push(transfer);
            }
            R::TransferRemoved => self.remove(Coll::Transfers)?,
            R::TransferSafeguardAdded => {
                let i = self.take(Coll::Transfers, |p, i| {
                    p.transfers[i].safeguards.len() < Safeguard::ALL.len()
                })?;
                let t = self.new.transfers.get_mut(i)?;
                let missing = Safeguard::ALL.iter().find(|s| !t.safeguards.contains(s))?;
                t.safeguards.push(*missing);
            }
            R::TransferSafeguardRemoved => {
                let i = self.take(Coll::Transfers, |p, i| {
                    !p.transfers[i].safeguards.is_empty()
                })?;
                self.new.transfers.get_mut(i)?.safeguards.pop();
            }
            R::RetentionExtended | R::RetentionShortened => {
                let fixed_days = |p: &Policy, i: usize| {
                    matches!(&p.retention[i].retention,
                        Retention::Fixed { period } if period.days_component().is_some_and(|d| d >= 2) && period.years().is_none() && period.months().is_none())
                };
                let i = self.take(Coll::Retention, fixed_days)?;
                let r = self.new.retention.get_mut(i)?;
                if let Retention::Fixed { period } = &mut r.retention {
                    let days = period.days_component().unwrap_or(2);
                    *period = if rule == R::RetentionExtended {
                        Period::from_days(days * 2)
                    } else {
                        Period::from_days(days / 2)
                    };
                }
            }
            R::RetentionRuleAdded => {
                let k = self.next_added();
                let rule = RetentionRule {
                    id: id("retention_new", k),
                    data: vec![id("data", 4 * self.rng.below(anchor_count(n)))],
                    retention: Retention::Fixed {
                        period: Period::from_days(30),
                    },
                    description: self.sentence(),
                    sections: self.sections(),
                };
                self.new.retention.push(rule);
            }
            R::RetentionRuleRemoved => self.remove(Coll::Retention)?,
            R::CaveatAdded => {
                let k = self.next_added();
                let rights = self.new.rights.len();
                let r = self.rng.below(rights);
                let caveat = Caveat {
                    id: id("caveat_new", k),
                    description: self.sentence(),
                    sections: self.sections(),
                };
                self.new.rights.get_mut(r)?.caveats.push(caveat);
            }
            R::CaveatRemoved => {
                let c = self.caveats.pop()?;
                self.removed_caveats.insert(c);
            }
            R::ContactAdded => {
                let k = self.next_added();
                let contact = Contact {
                    id: id("contact_new", k),
                    role: ContactRole::General,
                    email: Some(email(format!("new{k}@example.org"))),
                    url: None,
                    description: self.sentence(),
                    sections: self.sections(),
                };
                self.new.contacts.push(contact);
            }
            R::ContactRemoved => self.remove(Coll::Contacts)?,
            R::SecurityMeasureAdded => {
                let k = self.next_added();
                let measure = SecurityMeasure {
                    id: id("measure_new", k),
                    kind: MeasureKind::Other,
                    description: self.sentence(),
                    applies_to: Vec::new(),
                    parameters: Vec::new(),
                    sections: self.sections(),
                };
                self.new.security_measures.push(measure);
            }
            R::SecurityMeasureRemoved => self.remove(Coll::Measures)?,
            R::ParameterStrengthened | R::ParameterWeakened => {
                let rounds = |p: &Policy, i: usize| {
                    p.security_measures[i].parameters.iter().any(|x| {
                        x.name == "min_rounds"
                            && x.stronger == Some(crate::Stronger::Higher)
                            && matches!(x.value, ParameterValue::Integer(v) if v >= 2)
                    })
                };
                let i = self.take(Coll::Measures, rounds)?;
                let m = self.new.security_measures.get_mut(i)?;
                let param = m.parameters.iter_mut().find(|x| x.name == "min_rounds")?;
                if let ParameterValue::Integer(v) = &mut param.value {
                    *v = if rule == R::ParameterStrengthened {
                        *v * 2
                    } else {
                        *v / 2
                    };
                }
            }
            R::ServiceAdded => {
                let k = self.next_added();
                let service = Service {
                    id: id("service_new", k),
                    name: format!("New service {k}"),
                    url: None,
                    description: self.sentence(),
                    operated_by: Vec::new(),
                    sections: self.sections(),
                };
                self.new.services.push(service);
            }
            R::ServiceRemoved => self.remove(Coll::Services)?,
            R::StatementAdded | R::CommitmentAdded => {
                let k = self.next_added();
                let statement = Statement {
                    id: id("statement_new", k),
                    text: self.sentence(),
                    commitment: rule == R::CommitmentAdded,
                    sections: self.sections(),
                };
                self.new.statements.push(statement);
            }
            R::StatementRemoved | R::CommitmentRemoved => {
                let commitment = rule == R::CommitmentRemoved;
                self.remove_where(Coll::Statements, |p, i| {
                    p.statements[i].commitment == commitment
                })?;
            }
            R::StatementChanged | R::CommitmentChanged => {
                let commitment = rule == R::CommitmentChanged;
                let i = self.take(Coll::Statements, |p, i| {
                    p.statements[i].commitment == commitment
                })?;
                self.new.statements.get_mut(i)?.text.push_str(" Revised.");
            }
            R::NameChanged | R::DescriptionChanged | R::SectionsChanged => {
                return self.wording(rule);
            }
            _ => return None,
        }
        Some(())
    }

    /// One added or removed reference in a reference list of a free entity.
    fn reference(&mut self, list: &RefList) -> Option<()> {
        let anchors = anchor_count(list.target.len(self.old));
        let len = |p: &Policy, i: usize| (list.get)(p, i).map_or(0, Vec::len);
        let i = if list.added {
            self.take(list.coll, |p, i| len(p, i) < anchors)?
        } else {
            self.take(list.coll, |p, i| len(p, i) > list.min)?
        };
        if list.added {
            let current = (list.get)(self.old, i)?;
            let extra = self.anchor_not_in(list.target, current)?;
            (list.get_mut)(&mut self.new, i)?.push(extra);
        } else {
            (list.get_mut)(&mut self.new, i)?.pop();
        }
        Some(())
    }

    /// A name, description or sections change, spread across collections.
    fn wording(&mut self, rule: RuleId) -> Option<()> {
        let colls: &[Coll] = match rule {
            RuleId::NameChanged => &[Coll::Data, Coll::Purposes, Coll::Recipients, Coll::Services],
            _ => &[
                Coll::Data,
                Coll::Purposes,
                Coll::Recipients,
                Coll::Services,
                Coll::Transfers,
                Coll::Retention,
                Coll::Measures,
                Coll::Contacts,
            ],
        };
        let start = self.wording;
        self.wording += 1;
        for k in 0..colls.len() {
            let coll = colls[(start + k) % colls.len()];
            if let Some(i) = self.take(coll, |_, _| true) {
                let heading = "Synthetic changes".to_owned();
                let p = &mut self.new;
                match rule {
                    RuleId::NameChanged => {
                        let name = match coll {
                            Coll::Data => &mut p.data_categories.get_mut(i)?.name,
                            Coll::Purposes => &mut p.purposes.get_mut(i)?.name,
                            Coll::Recipients => &mut p.recipients.get_mut(i)?.name,
                            _ => &mut p.services.get_mut(i)?.name,
                        };
                        name.push_str(" renamed");
                    }
                    RuleId::DescriptionChanged => {
                        let description = match coll {
                            Coll::Data => &mut p.data_categories.get_mut(i)?.description,
                            Coll::Purposes => &mut p.purposes.get_mut(i)?.description,
                            Coll::Recipients => &mut p.recipients.get_mut(i)?.description,
                            Coll::Services => &mut p.services.get_mut(i)?.description,
                            Coll::Transfers => &mut p.transfers.get_mut(i)?.description,
                            Coll::Retention => &mut p.retention.get_mut(i)?.description,
                            Coll::Measures => &mut p.security_measures.get_mut(i)?.description,
                            _ => &mut p.contacts.get_mut(i)?.description,
                        };
                        description.push_str(" Reworded.");
                    }
                    _ => {
                        let sections = match coll {
                            Coll::Data => &mut p.data_categories.get_mut(i)?.sections,
                            Coll::Purposes => &mut p.purposes.get_mut(i)?.sections,
                            Coll::Recipients => &mut p.recipients.get_mut(i)?.sections,
                            Coll::Services => &mut p.services.get_mut(i)?.sections,
                            Coll::Transfers => &mut p.transfers.get_mut(i)?.sections,
                            Coll::Retention => &mut p.retention.get_mut(i)?.sections,
                            Coll::Measures => &mut p.security_measures.get_mut(i)?.sections,
                            _ => &mut p.contacts.get_mut(i)?.sections,
                        };
                        sections.push(SectionRef {
                            number: Some("99".to_owned()),
                            heading,
                        });
                    }
                }
                return Some(());
            }
        }
        None
    }

    /// The new document, with the removals made.
    fn finish(self) -> Policy {
        let mut new = self.new;
        let removed = &self.removed;
        let gone = |c: Coll| &removed[c.slot()];
        retain_indices(&mut new.contacts, gone(Coll::Contacts));
        retain_indices(&mut new.services, gone(Coll::Services));
        retain_indices(&mut new.data_categories, gone(Coll::Data));
        retain_indices(&mut new.purposes, gone(Coll::Purposes));
        retain_indices(&mut new.recipients, gone(Coll::Recipients));
        retain_indices(&mut new.transfers, gone(Coll::Transfers));
        retain_indices(&mut new.retention, gone(Coll::Retention));
        retain_indices(&mut new.security_measures, gone(Coll::Measures));
        retain_indices(&mut new.statements, gone(Coll::Statements));
        for (r, right) in new.rights.iter_mut().enumerate() {
            let mut c = 0;
            right.caveats.retain(|_| {
                let keep = !self.removed_caveats.contains(&(r, c));
                c += 1;
                keep
            });
        }
        new
    }
}

fn retain_indices<T>(items: &mut Vec<T>, gone: &BTreeSet<usize>) {
    if gone.is_empty() {
        return;
    }
    let mut i = 0;
    items.retain(|_| {
        let keep = !gone.contains(&i);
        i += 1;
        keep
    });
}

fn shuffle<T>(rng: &mut SplitMix64, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i + 1);
        items.swap(i, j);
    }
}
