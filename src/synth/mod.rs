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
    RetentionRule, Revision, Right, RightStatement, Safeguard, Section, SecurityMeasure, Service,
    Statement, SupervisoryAuthority, Transfer, Url, VisibilityOption,
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
/// let g = Generator::new(42).entities(100);
/// let policy = g.policy();
/// assert_eq!(policy.recipients.len(), 100);
/// assert_eq!(g.policy(), policy); // the same seed, the same document
/// assert_ne!(Generator::new(43).entities(100).policy(), policy);
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

const ROLES: &[Option<RecipientRole>] = &[
    Some(RecipientRole::Processor),
    Some(RecipientRole::IndependentController),
    Some(RecipientRole::JointController),
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

/// The id of the section no entity of a built document cites; the pair
/// generator adds citations of it.
const SYNTHETIC_CHANGES_SECTION: &str = "synthetic_changes";

/// The sections table: one section per heading, and the one the pair
/// generator cites.
fn section_table() -> Vec<Section> {
    let mut out: Vec<Section> = HEADINGS
        .iter()
        .enumerate()
        .map(|(k, heading)| Section {
            id: id("section", k),
            number: Some(format!("{}", k + 1)),
            heading: (*heading).to_owned(),
        })
        .collect();
    out.push(Section {
        id: named(SYNTHETIC_CHANGES_SECTION),
        number: Some("99".to_owned()),
        heading: "Synthetic changes".to_owned(),
    });
    out
}

/// One cited section, by id. Draws as many numbers as the generator always
/// has, so that documents of a seed stay the same.
fn sections(rng: &mut SplitMix64) -> Vec<Id> {
    let _ = (rng.below(9), rng.below(9));
    vec![id("section", rng.below(HEADINGS.len()))]
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
                role: ContactRole::ALL[i % ContactRole::ALL.len()],
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
            source: rng.pick(DataSource::ALL, DataSource::ProvidedByUser),
            optional: rng.chance(1, 2),
            publishable: false,
            held_by_controller: true,
            held_by: Vec::new(),
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
                personal_data: true,
                legal_bases,
                data,
                documents: Vec::new(),
                inferred: Vec::new(),
                sections: sections(rng),
            }
        })
        .collect();

    let recipients = (0..n)
        .map(|i| Recipient {
            id: id("recipient", i),
            name: name(rng, i),
            kind: rng.pick(KINDS, RecipientKind::Supplier),
            role: rng.pick(ROLES, Some(RecipientRole::Processor)),
            kind_label: None,
            inferred: Vec::new(),
            description: sentence(rng, 5, 12),
            receives: anchor_refs(rng, "data", n, 2, 3),
            purposes: anchor_refs(rng, "purpose", n, 1, 2),
            condition: rng.chance(1, 4).then(|| sentence(rng, 4, 8)),
            share: None,
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
                region: None,
                recipients: anchor_refs(rng, "recipient", n, 2, 3),
                safeguards,
                description: sentence(rng, 5, 12),
                inferred: Vec::new(),
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
            kind: rng.pick(MeasureKind::ALL, MeasureKind::Other),
            description: sentence(rng, 5, 12),
            applies_to: anchor_refs(rng, "data", n, 2, 3),
            parameters: vec![
                Parameter {
                    name: named("min_rounds"),
                    value: ParameterValue::Integer(1000 + rng.below(100_000) as i64),
                    stronger: Some(crate::Stronger::Higher),
                    unit: None,
                    as_stated: None,
                    inferred: Vec::new(),
                },
                Parameter {
                    name: named("algorithm"),
                    value: ParameterValue::Text(rng.pick(ALGORITHMS, "bcrypt").to_owned()),
                    stronger: None,
                    unit: None,
                    as_stated: None,
                    inferred: Vec::new(),
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
        related_documents: Vec::new(),
        schema: None,
        version,
        title: format!("Synthetic Homeserver Privacy Policy ({n} entities, seed {seed})"),
        url: Some(url("https://example.org/privacy".to_owned())),
        language: "en".to_owned(),
        publication: None,
        sections: section_table(),
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

mod pair;
pub use pair::{SUPPORTED_RULES, SynthError, expected_changes, pair};
