//! Shared code of the fuzz targets: the invariants ([`checks`]) and the
//! typed edits of the structure-aware target, which also checks that a
//! serialized typed [`Policy`] (well-formed JSON without duplicate keys) can
//! only fail to load with [`LoadError::Invalid`], and that a document that
//! loads equals the value it was serialized from.

pub mod checks;

pub use checks::{check_loaded, exercise_diff, load_and_check, split3};

use arbitrary::Arbitrary;
use matrix_privacy_policy::diff::{self, Accepted};
use matrix_privacy_policy::load::{self, LoadError};
use matrix_privacy_policy::model::graph::{Collection, REFERENCES};
use matrix_privacy_policy::{
    Caveat, Children, Id, LegalBasis, Parameter, ParameterValue, PartialDate, Period, Policy,
    Profiling, Retention, Revision, Right, Safeguard, Stronger, Transfer, Url,
};
use serde_json::Value;

// ---------------------------------------------------------------------------
// The structure-aware target: typed edits of an embedded release.
// ---------------------------------------------------------------------------

/// A collection of the document an edit works on (the model graph's
/// collections, and the history).
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollectionChoice {
    Contacts,
    Services,
    DataCategories,
    Purposes,
    Recipients,
    Transfers,
    Retention,
    Rights,
    SecurityMeasures,
    HistoryVisibility,
    Statements,
    History,
}

impl CollectionChoice {
    /// The collection of the model's graph, if it is one.
    fn graph(self) -> Option<Collection> {
        Some(match self {
            CollectionChoice::Contacts => Collection::Contacts,
            CollectionChoice::Services => Collection::Services,
            CollectionChoice::DataCategories => Collection::DataCategories,
            CollectionChoice::Purposes => Collection::Purposes,
            CollectionChoice::Recipients => Collection::Recipients,
            CollectionChoice::Transfers => Collection::Transfers,
            CollectionChoice::Retention => Collection::Retention,
            CollectionChoice::Rights => Collection::Rights,
            CollectionChoice::SecurityMeasures => Collection::SecurityMeasures,
            CollectionChoice::HistoryVisibility => Collection::HistoryVisibility,
            CollectionChoice::Statements => Collection::Statements,
            CollectionChoice::History => return None,
        })
    }
}

/// An id: an existing one (of any collection), a plausible one, or any string
/// (dropped when it is not a valid [`Id`]).
#[derive(Arbitrary, Debug, Clone)]
pub enum IdChoice {
    Existing(CollectionChoice, u8),
    Named(u8),
    Raw(String),
}

const NAMES: &[&str] = &[
    "cloudflare",
    "ip_address",
    "email",
    "account",
    "a",
    "z9",
    "new_recipient",
    "hosting",
    "provide_service",
    "messages",
    "x_",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
];

/// A text: any string, the same text with other white space, or a text with
/// a character the loader rejects.
#[derive(Arbitrary, Debug, Clone)]
pub enum Text {
    Raw(String),
    Respaced,
    Appended(String),
    Empty,
}

/// A URL: none, a plausible one, or any string (dropped when it is not a [`Url`]).
#[derive(Arbitrary, Debug, Clone)]
pub enum UrlChoice {
    None,
    Named(u8),
    Raw(String),
}

const URLS: &[&str] = &[
    "https://matrix.org/legal/privacy-notice",
    "https://www.cloudflare.com/privacypolicy/",
    "http://example.org",
    "https://example.org/?q=a@b#frag",
    "https://xn--mtrix-7ve.org/",
];

/// A date (dropped when it is not a real day).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct DateChoice {
    pub year: u16,
    pub month: u8,
    pub day: Option<u8>,
}

impl DateChoice {
    fn get(self) -> Option<PartialDate> {
        let text = match self.day {
            Some(d) => format!("{:04}-{:02}-{:02}", self.year % 10_000, self.month, d),
            None => format!("{:04}-{:02}", self.year % 10_000, self.month),
        };
        PartialDate::parse(&text).ok()
    }
}

/// A retention statement.
#[derive(Arbitrary, Debug, Clone)]
pub enum RetentionChoice {
    Fixed(Option<u32>, Option<u32>, Option<u32>),
    AfterEvent(Option<u32>, Option<u32>, Option<u32>, Vec<IdChoice>),
    UntilEvent(Vec<IdChoice>),
    Indefinite(Text),
}

/// A field holding free text.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum TextField {
    Title,
    Language,
    ControllerName,
    ControllerDescription,
    ContactDescription,
    ServiceName,
    DataName,
    DataDescription,
    PurposeDescription,
    RecipientName,
    RecipientCondition,
    TransferDestination,
    RetentionDescription,
    RightDescription,
    CaveatDescription,
    MeasureDescription,
    StatementText,
    RevisionSummary,
    SectionHeading,
    SectionNumber,
}

/// A field holding a URL.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum UrlField {
    Document,
    ControllerWebsite,
    Contact,
    Service,
    RecipientPrivacyPolicy,
    Exercise,
    SupervisoryAuthority,
}

/// A version bump of a release.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Level {
    Major,
    Minor,
    Patch,
    Pre,
}

/// A parameter value.
#[derive(Arbitrary, Debug, Clone)]
pub enum ParamChoice {
    Bool(bool),
    Integer(i64),
    Text(String),
}

/// One edit of a typed document. Indexes wrap around the collection's length;
/// an edit that cannot apply (empty collection, invalid id) does nothing.
#[derive(Arbitrary, Debug, Clone)]
pub enum Edit {
    Remove {
        coll: CollectionChoice,
        index: u8,
    },
    /// Pushes a copy of an entity: a duplicate id.
    Duplicate {
        coll: CollectionChoice,
        index: u8,
    },
    Swap {
        coll: CollectionChoice,
        a: u8,
        b: u8,
    },
    Reverse {
        coll: CollectionChoice,
    },
    /// Sets an entity's id; with `follow`, every reference to it too.
    SetId {
        coll: CollectionChoice,
        index: u8,
        id: IdChoice,
        follow: bool,
    },
    /// Removes a data category and every reference to it (stays valid unless a list empties).
    RemoveDataCategory(u8),
    AddRecipientData {
        recipient: u8,
        data: u8,
    },
    RemoveRecipientData {
        recipient: u8,
        index: u8,
    },
    AddRecipientPurpose {
        recipient: u8,
        purpose: u8,
    },
    AddPurposeData {
        purpose: u8,
        data: u8,
    },
    RemovePurposeData {
        purpose: u8,
        index: u8,
    },
    AddServiceOperator {
        service: u8,
        recipient: u8,
    },
    AddDataService {
        data: u8,
        service: u8,
    },
    AddMeasureData {
        measure: u8,
        data: u8,
    },
    AddReference {
        coll: CollectionChoice,
        index: u8,
        id: IdChoice,
    },
    AddTransfer {
        id: IdChoice,
        recipient: u8,
        safeguards: Vec<u8>,
        destination: Text,
    },
    SetSafeguards {
        transfer: u8,
        safeguards: Vec<u8>,
    },
    SetRetention {
        index: u8,
        retention: RetentionChoice,
    },
    AddRetentionData {
        index: u8,
        data: u8,
    },
    SetLegalBases {
        purpose: u8,
        bases: Vec<u8>,
    },
    SetRight {
        index: u8,
        right: u8,
    },
    AddCaveat {
        right: u8,
        id: IdChoice,
        text: Text,
    },
    RemoveCaveat {
        right: u8,
        index: u8,
    },
    SetExerciseContact {
        right: u8,
        method: u8,
        contact: Option<IdChoice>,
    },
    RemoveExercise {
        right: u8,
        index: u8,
    },
    SetParameter {
        measure: u8,
        name: IdChoice,
        value: ParamChoice,
        stronger: Option<bool>,
    },
    RemoveParameter {
        measure: u8,
        index: u8,
    },
    SetEnum {
        coll: CollectionChoice,
        index: u8,
        value: u8,
    },
    ToggleOptional {
        data: u8,
    },
    SetChildren(Option<u8>),
    SetProfiling {
        performed: bool,
        automated: Option<bool>,
    },
    SetOpenness {
        index: u8,
        openness: u8,
        public: bool,
    },
    SetCommitment {
        index: u8,
        commitment: bool,
    },
    SetText {
        field: TextField,
        index: u8,
        text: Text,
    },
    SetUrl {
        field: UrlField,
        index: u8,
        url: UrlChoice,
    },
    SetEmail {
        contact: u8,
        email: Option<String>,
    },
    RemoveSupervisoryAuthority,
    SetVersion {
        major: u8,
        minor: u8,
        patch: u8,
        pre: Option<u8>,
    },
    /// A well-formed release: bumps the version and appends a history entry.
    Release {
        level: Level,
        date: DateChoice,
        summary: Text,
    },
    SetHistoryDate {
        index: u8,
        date: DateChoice,
    },
}

/// The input of the structure-aware target.
#[derive(Arbitrary, Debug, Clone)]
pub struct EditInput {
    /// Which embedded release to start from.
    pub base: u8,
    /// Edits making the old document (usually none).
    pub old_edits: Vec<Edit>,
    /// Edits making the new document from the old one.
    pub new_edits: Vec<Edit>,
    /// Accept the n-th finding (exercises accepted and stale entries).
    pub accept: Option<u8>,
}

fn pick(index: u8, len: usize) -> Option<usize> {
    (len > 0).then(|| usize::from(index) % len)
}

fn id_of(p: &Policy, coll: CollectionChoice, index: u8) -> Option<Id> {
    let collection = coll.graph()?;
    let key = collection.key(p, pick(index, collection.len(p))?)?;
    Id::new(key).ok()
}

impl IdChoice {
    fn get(&self, p: &Policy) -> Option<Id> {
        match self {
            IdChoice::Existing(coll, i) => id_of(p, *coll, *i),
            IdChoice::Named(i) => Id::new(NAMES[usize::from(*i) % NAMES.len()]).ok(),
            IdChoice::Raw(s) => Id::new(s.clone()).ok(),
        }
    }
}

impl Text {
    fn apply(&self, old: &str) -> String {
        match self {
            Text::Raw(s) => s.clone(),
            Text::Respaced => format!(
                "  {}\n",
                old.split_whitespace().collect::<Vec<_>>().join(" \t ")
            ),
            Text::Appended(s) => format!("{old}{s}"),
            Text::Empty => String::new(),
        }
    }
}

impl UrlChoice {
    /// `None` when the choice is not a valid URL (the edit is dropped).
    fn get(&self) -> Option<Option<Url>> {
        match self {
            UrlChoice::None => Some(None),
            UrlChoice::Named(i) => Url::new(URLS[usize::from(*i) % URLS.len()]).ok().map(Some),
            UrlChoice::Raw(s) => Url::new(s.clone()).ok().map(Some),
        }
    }
}

fn period(y: Option<u32>, m: Option<u32>, d: Option<u32>) -> Option<Period> {
    let mut s = String::from("P");
    for (v, unit) in [(y, 'Y'), (m, 'M'), (d, 'D')] {
        if let Some(v) = v {
            s.push_str(&(v % 1_200_000).to_string());
            s.push(unit);
        }
    }
    Period::parse(&s).ok()
}

fn events(p: &Policy, ids: &[IdChoice]) -> Vec<Id> {
    ids.iter().take(8).filter_map(|c| c.get(p)).collect()
}

/// Sets an enum-valued field from its JSON key (one of `keys`).
fn set_enum<T: serde::de::DeserializeOwned>(slot: &mut T, keys: &[&str], value: u8) {
    let key = keys[usize::from(value) % keys.len()];
    if let Ok(v) = serde_json::from_value(Value::String(key.to_owned())) {
        *slot = v;
    }
}

/// Renames every reference to `from` (in any reference field of the model's
/// graph) to `to`.
fn rename_refs(p: &mut Policy, coll: CollectionChoice, from: &Id, to: &Id) {
    let Some(target) = coll.graph() else {
        return;
    };
    for edge in REFERENCES.iter().filter(|edge| edge.to == target) {
        edge.for_each_mut(p, &mut |id| {
            if id == from {
                *id = to.clone();
            }
        });
    }
}

macro_rules! on_coll {
    ($p:expr, $coll:expr, $v:ident => $body:expr) => {
        match $coll {
            CollectionChoice::Contacts => {
                let $v = &mut $p.contacts;
                $body
            }
            CollectionChoice::Services => {
                let $v = &mut $p.services;
                $body
            }
            CollectionChoice::DataCategories => {
                let $v = &mut $p.data_categories;
                $body
            }
            CollectionChoice::Purposes => {
                let $v = &mut $p.purposes;
                $body
            }
            CollectionChoice::Recipients => {
                let $v = &mut $p.recipients;
                $body
            }
            CollectionChoice::Transfers => {
                let $v = &mut $p.transfers;
                $body
            }
            CollectionChoice::Retention => {
                let $v = &mut $p.retention;
                $body
            }
            CollectionChoice::Rights => {
                let $v = &mut $p.rights;
                $body
            }
            CollectionChoice::SecurityMeasures => {
                let $v = &mut $p.security_measures;
                $body
            }
            CollectionChoice::HistoryVisibility => {
                let $v = &mut $p.history_visibility;
                $body
            }
            CollectionChoice::Statements => {
                let $v = &mut $p.statements;
                $body
            }
            CollectionChoice::History => {
                let $v = &mut $p.history;
                $body
            }
        }
    };
}

/// The most entities a collection may grow to by `Duplicate` and `Add*` edits.
const MAX_LEN: usize = 256;

/// Applies one edit.
pub fn apply(p: &mut Policy, edit: &Edit) {
    match edit {
        Edit::Remove { coll, index } => on_coll!(p, coll, v => {
            if let Some(i) = pick(*index, v.len()) { v.remove(i); }
        }),
        Edit::Duplicate { coll, index } => on_coll!(p, coll, v => {
            if let Some(i) = pick(*index, v.len())
                && v.len() < MAX_LEN { let x = v[i].clone(); v.push(x); }
        }),
        Edit::Swap { coll, a, b } => on_coll!(p, coll, v => {
            if let (Some(a), Some(b)) = (pick(*a, v.len()), pick(*b, v.len())) { v.swap(a, b); }
        }),
        Edit::Reverse { coll } => on_coll!(p, coll, v => v.reverse()),
        Edit::SetId {
            coll,
            index,
            id,
            follow,
        } => {
            let Some(new) = id.get(p) else { return };
            let Some(old) = id_of(p, *coll, *index) else {
                return;
            };
            macro_rules! set {
                ($v:expr) => {
                    if let Some(i) = pick(*index, $v.len()) {
                        $v[i].id = new.clone();
                    }
                };
            }
            match coll {
                CollectionChoice::Contacts => set!(p.contacts),
                CollectionChoice::Services => set!(p.services),
                CollectionChoice::DataCategories => set!(p.data_categories),
                CollectionChoice::Purposes => set!(p.purposes),
                CollectionChoice::Recipients => set!(p.recipients),
                CollectionChoice::Transfers => set!(p.transfers),
                CollectionChoice::Retention => set!(p.retention),
                CollectionChoice::SecurityMeasures => set!(p.security_measures),
                CollectionChoice::HistoryVisibility => set!(p.history_visibility),
                CollectionChoice::Statements => set!(p.statements),
                CollectionChoice::Rights | CollectionChoice::History => return,
            }
            if *follow {
                rename_refs(p, *coll, &old, &new);
            }
        }
        Edit::RemoveDataCategory(i) => {
            let Some(i) = pick(*i, p.data_categories.len()) else {
                return;
            };
            let id = p.data_categories.remove(i).id;
            p.purposes
                .iter_mut()
                .for_each(|x| x.data.retain(|r| *r != id));
            p.recipients
                .iter_mut()
                .for_each(|x| x.receives.retain(|r| *r != id));
            p.retention
                .iter_mut()
                .for_each(|x| x.data.retain(|r| *r != id));
            p.security_measures
                .iter_mut()
                .for_each(|x| x.applies_to.retain(|r| *r != id));
        }
        Edit::AddRecipientData { recipient, data } => {
            let Some(d) = id_of(p, CollectionChoice::DataCategories, *data) else {
                return;
            };
            if let Some(r) = pick(*recipient, p.recipients.len()) {
                p.recipients[r].receives.push(d);
            }
        }
        Edit::RemoveRecipientData { recipient, index } => {
            if let Some(r) = pick(*recipient, p.recipients.len()) {
                let list = &mut p.recipients[r].receives;
                if let Some(i) = pick(*index, list.len()) {
                    list.remove(i);
                }
            }
        }
        Edit::AddRecipientPurpose { recipient, purpose } => {
            let Some(x) = id_of(p, CollectionChoice::Purposes, *purpose) else {
                return;
            };
            if let Some(r) = pick(*recipient, p.recipients.len()) {
                p.recipients[r].purposes.push(x);
            }
        }
        Edit::AddPurposeData { purpose, data } => {
            let Some(d) = id_of(p, CollectionChoice::DataCategories, *data) else {
                return;
            };
            if let Some(i) = pick(*purpose, p.purposes.len()) {
                p.purposes[i].data.push(d);
            }
        }
        Edit::RemovePurposeData { purpose, index } => {
            if let Some(x) = pick(*purpose, p.purposes.len()) {
                let list = &mut p.purposes[x].data;
                if let Some(i) = pick(*index, list.len()) {
                    list.remove(i);
                }
            }
        }
        Edit::AddServiceOperator { service, recipient } => {
            let Some(r) = id_of(p, CollectionChoice::Recipients, *recipient) else {
                return;
            };
            if let Some(i) = pick(*service, p.services.len()) {
                p.services[i].operated_by.push(r);
            }
        }
        Edit::AddDataService { data, service } => {
            let Some(s) = id_of(p, CollectionChoice::Services, *service) else {
                return;
            };
            if let Some(i) = pick(*data, p.data_categories.len()) {
                p.data_categories[i].services.push(s);
            }
        }
        Edit::AddMeasureData { measure, data } => {
            let Some(d) = id_of(p, CollectionChoice::DataCategories, *data) else {
                return;
            };
            if let Some(i) = pick(*measure, p.security_measures.len()) {
                p.security_measures[i].applies_to.push(d);
            }
        }
        Edit::AddReference { coll, index, id } => {
            let Some(id) = id.get(p) else { return };
            let list = match coll {
                CollectionChoice::Services => {
                    pick(*index, p.services.len()).map(|i| &mut p.services[i].operated_by)
                }
                CollectionChoice::DataCategories => pick(*index, p.data_categories.len())
                    .map(|i| &mut p.data_categories[i].services),
                CollectionChoice::Purposes => {
                    pick(*index, p.purposes.len()).map(|i| &mut p.purposes[i].data)
                }
                CollectionChoice::Recipients => {
                    pick(*index, p.recipients.len()).map(|i| &mut p.recipients[i].receives)
                }
                CollectionChoice::Transfers => {
                    pick(*index, p.transfers.len()).map(|i| &mut p.transfers[i].recipients)
                }
                CollectionChoice::Retention => {
                    pick(*index, p.retention.len()).map(|i| &mut p.retention[i].data)
                }
                CollectionChoice::SecurityMeasures => pick(*index, p.security_measures.len())
                    .map(|i| &mut p.security_measures[i].applies_to),
                _ => None,
            };
            if let Some(list) = list
                && list.len() < MAX_LEN
            {
                list.push(id);
            }
        }
        Edit::AddTransfer {
            id,
            recipient,
            safeguards,
            destination,
        } => {
            let (Some(id), Some(r)) = (
                id.get(p),
                id_of(p, CollectionChoice::Recipients, *recipient),
            ) else {
                return;
            };
            let sections = p
                .transfers
                .first()
                .map(|t| t.sections.clone())
                .unwrap_or_default();
            if p.transfers.len() < MAX_LEN {
                p.transfers.push(Transfer {
                    id,
                    destination: destination.apply("United States"),
                    region: None,
                    recipients: vec![r],
                    safeguards: safeguards
                        .iter()
                        .map(|s| Safeguard::ALL[usize::from(*s) % Safeguard::ALL.len()])
                        .collect(),
                    description: "A transfer.".into(),
                    inferred: Vec::new(),
                    sections,
                });
            }
        }
        Edit::SetSafeguards {
            transfer,
            safeguards,
        } => {
            if let Some(i) = pick(*transfer, p.transfers.len()) {
                p.transfers[i].safeguards = safeguards
                    .iter()
                    .map(|s| Safeguard::ALL[usize::from(*s) % Safeguard::ALL.len()])
                    .collect();
            }
        }
        Edit::SetRetention { index, retention } => {
            let Some(i) = pick(*index, p.retention.len()) else {
                return;
            };
            let new = match retention {
                RetentionChoice::Fixed(y, m, d) => {
                    period(*y, *m, *d).map(|period| Retention::Fixed { period })
                }
                RetentionChoice::AfterEvent(y, m, d, ev) => {
                    period(*y, *m, *d).map(|period| Retention::AfterEvent {
                        period,
                        events: events(p, ev),
                    })
                }
                RetentionChoice::UntilEvent(ev) => Some(Retention::UntilEvent {
                    events: events(p, ev),
                }),
                RetentionChoice::Indefinite(t) => Some(Retention::Indefinite {
                    reason: t.apply("a reason"),
                }),
            };
            if let Some(r) = new {
                p.retention[i].retention = r;
            }
        }
        Edit::AddRetentionData { index, data } => {
            let Some(d) = id_of(p, CollectionChoice::DataCategories, *data) else {
                return;
            };
            if let Some(i) = pick(*index, p.retention.len()) {
                p.retention[i].data.push(d);
            }
        }
        Edit::SetLegalBases { purpose, bases } => {
            if let Some(i) = pick(*purpose, p.purposes.len()) {
                p.purposes[i].legal_bases = bases
                    .iter()
                    .take(8)
                    .map(|b| LegalBasis::ALL[usize::from(*b) % LegalBasis::ALL.len()])
                    .collect();
            }
        }
        Edit::SetRight { index, right } => {
            if let Some(i) = pick(*index, p.rights.len()) {
                p.rights[i].right = Right::ALL[usize::from(*right) % Right::ALL.len()];
            }
        }
        Edit::AddCaveat { right, id, text } => {
            let Some(id) = id.get(p) else { return };
            if let Some(i) = pick(*right, p.rights.len()) {
                let sections = p.rights[i].sections.clone();
                p.rights[i].caveats.push(Caveat {
                    id,
                    description: text.apply("A caveat."),
                    sections,
                });
            }
        }
        Edit::RemoveCaveat { right, index } => {
            if let Some(r) = pick(*right, p.rights.len()) {
                let list = &mut p.rights[r].caveats;
                if let Some(i) = pick(*index, list.len()) {
                    list.remove(i);
                }
            }
        }
        Edit::SetExerciseContact {
            right,
            method,
            contact,
        } => {
            let c = match contact {
                Some(c) => match c.get(p) {
                    Some(c) => Some(c),
                    None => return,
                },
                None => None,
            };
            if let Some(r) = pick(*right, p.rights.len()) {
                let list = &mut p.rights[r].exercise;
                if let Some(i) = pick(*method, list.len()) {
                    list[i].contact = c;
                }
            }
        }
        Edit::RemoveExercise { right, index } => {
            if let Some(r) = pick(*right, p.rights.len()) {
                let list = &mut p.rights[r].exercise;
                if let Some(i) = pick(*index, list.len()) {
                    list.remove(i);
                }
            }
        }
        Edit::SetParameter {
            measure,
            name,
            value,
            stronger,
        } => {
            let Some(name) = name.get(p) else { return };
            let Some(m) = pick(*measure, p.security_measures.len()) else {
                return;
            };
            let value = match value {
                ParamChoice::Bool(b) => ParameterValue::Bool(*b),
                ParamChoice::Integer(n) => ParameterValue::Integer(*n),
                ParamChoice::Text(s) => ParameterValue::Text(s.clone()),
            };
            let stronger = stronger.map(|h| if h { Stronger::Higher } else { Stronger::Lower });
            let params = &mut p.security_measures[m].parameters;
            match params.iter_mut().find(|x| x.name == name) {
                Some(x) => {
                    x.value = value;
                    x.stronger = stronger;
                }
                None => params.push(Parameter {
                    name,
                    value,
                    stronger,
                    unit: None,
                    as_stated: None,
                    inferred: Vec::new(),
                }),
            }
        }
        Edit::RemoveParameter { measure, index } => {
            if let Some(m) = pick(*measure, p.security_measures.len()) {
                let list = &mut p.security_measures[m].parameters;
                if let Some(i) = pick(*index, list.len()) {
                    list.remove(i);
                }
            }
        }
        Edit::SetEnum { coll, index, value } => match coll {
            CollectionChoice::Contacts => {
                if let Some(i) = pick(*index, p.contacts.len()) {
                    set_enum(
                        &mut p.contacts[i].role,
                        &[
                            "data_protection_officer",
                            "security",
                            "general",
                            "law_enforcement",
                        ],
                        *value,
                    );
                }
            }
            CollectionChoice::DataCategories => {
                if let Some(i) = pick(*index, p.data_categories.len()) {
                    set_enum(
                        &mut p.data_categories[i].source,
                        &[
                            "provided_by_user",
                            "collected_automatically",
                            "derived",
                            "third_party",
                        ],
                        *value,
                    );
                }
            }
            CollectionChoice::Recipients => {
                if let Some(i) = pick(*index, p.recipients.len()) {
                    let r = &mut p.recipients[i];
                    if value % 2 == 0 {
                        set_enum(
                            &mut r.role,
                            &["processor", "independent_controller", "joint_controller"],
                            value / 2,
                        );
                    } else {
                        set_enum(
                            &mut r.kind,
                            &[
                                "service_operator",
                                "hosting",
                                "cloud_storage",
                                "cdn_ddos_protection",
                                "shop_front",
                                "payment_provider",
                                "federated_homeserver",
                                "bridge",
                                "integration",
                                "public_indexer",
                                "law_enforcement",
                                "acquirer",
                                "supplier",
                            ],
                            value / 2,
                        );
                    }
                }
            }
            CollectionChoice::SecurityMeasures => {
                if let Some(i) = pick(*index, p.security_measures.len()) {
                    set_enum(
                        &mut p.security_measures[i].kind,
                        &[
                            "password_hashing",
                            "transport_encryption",
                            "end_to_end_encryption",
                            "encryption_at_rest",
                            "key_backup",
                            "access_control",
                            "two_factor_authentication",
                            "administrative_access",
                            "physical_security",
                            "data_segregation",
                            "vulnerability_disclosure",
                            "other",
                        ],
                        *value,
                    );
                }
            }
            CollectionChoice::Rights => {
                if let Some(r) = pick(*index, p.rights.len())
                    && let Some(m) = p.rights[r].exercise.first_mut()
                {
                    set_enum(
                        &mut m.channel,
                        &[
                            "email",
                            "matrix_message",
                            "client_settings",
                            "account_deactivation",
                            "web",
                            "post",
                        ],
                        *value,
                    );
                }
            }
            _ => {}
        },
        Edit::ToggleOptional { data } => {
            if let Some(i) = pick(*data, p.data_categories.len()) {
                p.data_categories[i].optional = !p.data_categories[i].optional;
            }
        }
        Edit::SetChildren(age) => match (age, &mut p.children) {
            (None, c) => *c = None,
            (Some(a), Some(c)) => c.minimum_age = *a,
            (Some(a), c @ None) => {
                *c = Some(Children {
                    minimum_age: *a,
                    description: "Children.".into(),
                    sections: p.controller.sections.clone(),
                })
            }
        },
        Edit::SetProfiling {
            performed,
            automated,
        } => match &mut p.profiling {
            Some(x) => {
                x.performed = *performed;
                x.automated_decisions = *automated;
            }
            None => {
                p.profiling = Some(Profiling {
                    performed: *performed,
                    automated_decisions: *automated,
                    description: "Profiling.".into(),
                    sections: p.controller.sections.clone(),
                })
            }
        },
        Edit::SetOpenness {
            index,
            openness,
            public,
        } => {
            if let Some(i) = pick(*index, p.history_visibility.len()) {
                p.history_visibility[i].openness = *openness;
                p.history_visibility[i].public = *public;
            }
        }
        Edit::SetCommitment { index, commitment } => {
            if let Some(i) = pick(*index, p.statements.len()) {
                p.statements[i].commitment = *commitment;
            }
        }
        Edit::SetText { field, index, text } => set_text(p, *field, *index, text),
        Edit::SetUrl { field, index, url } => {
            let Some(url) = url.get() else { return };
            let i = *index;
            match field {
                UrlField::Document => p.url = url,
                UrlField::ControllerWebsite => p.controller.website = url,
                UrlField::Contact => {
                    if let Some(i) = pick(i, p.contacts.len()) {
                        p.contacts[i].url = url;
                    }
                }
                UrlField::Service => {
                    if let Some(i) = pick(i, p.services.len()) {
                        p.services[i].url = url;
                    }
                }
                UrlField::RecipientPrivacyPolicy => {
                    if let Some(i) = pick(i, p.recipients.len()) {
                        p.recipients[i].privacy_policy = url;
                    }
                }
                UrlField::Exercise => {
                    if let Some(r) = pick(i, p.rights.len())
                        && let Some(m) = p.rights[r].exercise.first_mut()
                    {
                        m.url = url;
                    }
                }
                UrlField::SupervisoryAuthority => {
                    if let Some(s) = &mut p.supervisory_authority {
                        s.url = url;
                    }
                }
            }
        }
        Edit::SetEmail { contact, email } => {
            let email = match email {
                Some(e) => match e.parse() {
                    Ok(e) => Some(e),
                    Err(_) => return,
                },
                None => None,
            };
            if let Some(i) = pick(*contact, p.contacts.len()) {
                p.contacts[i].email = email;
            }
        }
        Edit::RemoveSupervisoryAuthority => p.supervisory_authority = None,
        Edit::SetVersion {
            major,
            minor,
            patch,
            pre,
        } => {
            let mut v =
                semver::Version::new(u64::from(*major), u64::from(*minor), u64::from(*patch));
            if let Some(n) = pre {
                v.pre = semver::Prerelease::new(&format!("rc.{n}")).unwrap_or_default();
            }
            p.version = v;
        }
        Edit::Release {
            level,
            date,
            summary,
        } => {
            let mut v = p.version.clone();
            match level {
                Level::Major => v = semver::Version::new(v.major.saturating_add(1), 0, 0),
                Level::Minor => v = semver::Version::new(v.major, v.minor.saturating_add(1), 0),
                Level::Patch => {
                    v = semver::Version::new(v.major, v.minor, v.patch.saturating_add(1))
                }
                Level::Pre => {
                    v = semver::Version::new(v.major.saturating_add(1), 0, 0);
                    v.pre = semver::Prerelease::new("rc.1").unwrap_or_default();
                }
            }
            let date = date.get().or_else(|| p.history.last().map(|r| r.date));
            let Some(date) = date else { return };
            p.version = v.clone();
            p.history.push(Revision {
                version: v,
                date,
                summary: summary.apply("A release."),
            });
        }
        Edit::SetHistoryDate { index, date } => {
            let Some(d) = date.get() else { return };
            if let Some(i) = pick(*index, p.history.len()) {
                p.history[i].date = d;
            }
        }
    }
}

fn set_text(p: &mut Policy, field: TextField, index: u8, text: &Text) {
    macro_rules! at {
        ($v:expr, $f:ident) => {
            if let Some(i) = pick(index, $v.len()) {
                $v[i].$f = text.apply(&$v[i].$f);
            }
        };
    }
    match field {
        TextField::Title => p.title = text.apply(&p.title),
        TextField::Language => p.language = text.apply(&p.language),
        TextField::ControllerName => p.controller.name = text.apply(&p.controller.name),
        TextField::ControllerDescription => {
            p.controller.description = text.apply(&p.controller.description)
        }
        TextField::ContactDescription => at!(p.contacts, description),
        TextField::ServiceName => at!(p.services, name),
        TextField::DataName => at!(p.data_categories, name),
        TextField::DataDescription => at!(p.data_categories, description),
        TextField::PurposeDescription => at!(p.purposes, description),
        TextField::RecipientName => at!(p.recipients, name),
        TextField::RecipientCondition => {
            if let Some(i) = pick(index, p.recipients.len()) {
                let r = &mut p.recipients[i];
                r.condition = Some(text.apply(r.condition.as_deref().unwrap_or_default()));
            }
        }
        TextField::TransferDestination => at!(p.transfers, destination),
        TextField::RetentionDescription => at!(p.retention, description),
        TextField::RightDescription => at!(p.rights, description),
        TextField::CaveatDescription => {
            if let Some(r) = pick(index, p.rights.len()) {
                at!(p.rights[r].caveats, description);
            }
        }
        TextField::MeasureDescription => at!(p.security_measures, description),
        TextField::StatementText => at!(p.statements, text),
        TextField::RevisionSummary => at!(p.history, summary),
        TextField::SectionHeading | TextField::SectionNumber => {
            // The sections table holds every heading and number once.
            if let Some(i) = pick(index, p.sections.len()) {
                let s = &mut p.sections[i];
                if matches!(field, TextField::SectionHeading) {
                    s.heading = text.apply(&s.heading);
                } else {
                    s.number = Some(text.apply(s.number.as_deref().unwrap_or_default()));
                }
            }
        }
    }
}

/// Runs the structure-aware target on one input.
pub fn run_edits(input: &EditInput) {
    let releases = Policy::releases();
    let base = &releases[usize::from(input.base) % releases.len()];
    let mut old = base.clone();
    for e in input.old_edits.iter().take(16) {
        apply(&mut old, e);
    }
    let mut new = old.clone();
    for e in input.new_edits.iter().take(64) {
        apply(&mut new, e);
    }
    let text = new.to_json_pretty();
    match load::load_str(&text) {
        Ok(loaded) => {
            assert!(
                loaded == new,
                "a serialized typed document loads to a different value"
            );
            check_loaded(&loaded);
        }
        Err(LoadError::Invalid(list)) => {
            assert!(!list.is_empty(), "LoadError::Invalid without diagnostics")
        }
        Err(e) => panic!("a serialized typed document fails before the schema stage: {e}"),
    }
    // The diff takes any two values of Policy, valid or not.
    let accepted = accepted_for(&old, &new, input.accept);
    exercise_diff(&old, &new, Some(&text), &accepted);
    exercise_diff(
        &new,
        &old,
        Some(&old.to_json_pretty()),
        &Accepted::default(),
    );
    assert!(diff::diff(&new, &new).is_empty(), "diff(p, p) is not empty");
}

/// Accepts the n-th change of `diff(old, new)` (or a stale entry).
fn accepted_for(old: &Policy, new: &Policy, n: Option<u8>) -> Accepted {
    let Some(n) = n else {
        return Accepted::default();
    };
    let d = diff::diff(old, new);
    let (rule, pointer) = match pick(n, d.len()) {
        Some(i) => (
            d.changes[i].rule.as_str().to_owned(),
            d.changes[i].pointer.clone(),
        ),
        None => ("title-changed".to_owned(), "/nowhere".to_owned()),
    };
    let text =
        serde_json::json!({"accepted": [{"rule": rule, "pointer": pointer, "reason": "fuzz"}]})
            .to_string();
    match Accepted::from_json(&text) {
        Ok(a) => a,
        Err(e) => panic!("an accepted-findings entry for a real change is refused: {e}"),
    }
}
