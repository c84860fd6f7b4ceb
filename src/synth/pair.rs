//! Pairs of versions with chosen changes, and the changes the diff reports for them.

use super::*;
use crate::model::graph::{Collection, REFERENCES, Reference};

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

/// The collections the editor changes (rights and history visibility
/// settings are fixed).
const EDITED: [Collection; 9] = [
    Collection::Contacts,
    Collection::Services,
    Collection::DataCategories,
    Collection::Purposes,
    Collection::Recipients,
    Collection::Transfers,
    Collection::Retention,
    Collection::SecurityMeasures,
    Collection::Statements,
];

/// The index of an edited collection in [`EDITED`].
fn slot(collection: Collection) -> usize {
    EDITED.iter().position(|&c| c == collection).unwrap_or(0)
}

/// The prefix of the generator's ids in a collection.
fn prefix(collection: Collection) -> &'static str {
    match collection {
        Collection::Contacts => "contact",
        Collection::Services => "service",
        Collection::DataCategories => "data",
        Collection::Purposes => "purpose",
        Collection::Recipients => "recipient",
        Collection::Transfers => "transfer",
        Collection::Retention => "retention",
        Collection::SecurityMeasures => "measure",
        _ => "statement",
    }
}

/// The reference list of the model's graph a rule adds an id to (`true`)
/// or removes one from (`false`), if it is such a rule.
fn reference_list(rule: RuleId) -> Option<(&'static Reference, bool)> {
    REFERENCES.iter().find_map(|edge| match edge.diff_rules {
        Some((added, _)) if added == rule => Some((edge, true)),
        Some((_, removed)) if removed == rule => Some((edge, false)),
        _ => None,
    })
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
        let mut pools: Vec<Vec<usize>> = EDITED
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
            removed: vec![BTreeSet::new(); EDITED.len()],
            removed_caveats: BTreeSet::new(),
            caveats,
            added: 0,
            wording: 0,
        }
    }

    /// A free entity of `coll` not yet changed, for which `ok` holds in the old document.
    fn take(&mut self, coll: Collection, ok: impl Fn(&Policy, usize) -> bool) -> Option<usize> {
        let pool = &mut self.pools[slot(coll)];
        let pos = pool.iter().rposition(|&i| ok(self.old, i))?;
        Some(pool.swap_remove(pos))
    }

    fn remove(&mut self, coll: Collection) -> Option<()> {
        self.remove_where(coll, |_, _| true)
    }

    fn remove_where(
        &mut self,
        coll: Collection,
        ok: impl Fn(&Policy, usize) -> bool,
    ) -> Option<()> {
        let i = self.take(coll, ok)?;
        self.removed[slot(coll)].insert(i);
        Some(())
    }

    fn next_added(&mut self) -> usize {
        self.added += 1;
        self.added
    }

    /// The id of a random anchor of `coll` not in `present`.
    fn anchor_not_in(&mut self, coll: Collection, present: &[Id]) -> Option<Id> {
        let anchors = anchor_count(coll.len(self.old));
        let start = self.rng.below(anchors);
        (0..anchors)
            .map(|k| id(prefix(coll), 4 * ((start + k) % anchors)))
            .find(|candidate| !present.contains(candidate))
    }

    fn sections(&mut self) -> Vec<Id> {
        sections(&mut self.rng)
    }

    fn sentence(&mut self) -> String {
        sentence(&mut self.rng, 5, 12)
    }

    /// Makes one change of `rule`; `None` when no entity is left for it.
    fn apply(&mut self, rule: RuleId) -> Option<()> {
        use RuleId as R;
        if let Some((edge, added)) = reference_list(rule) {
            return self.reference(edge, added);
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
                    held_by_controller: true,
                    held_by: Vec::new(),
                    services: vec![id("service", 0)],
                    sections: self.sections(),
                };
                self.new.data_categories.push(category);
                self.new.purposes.get_mut(anchor)?.data.push(new_id);
            }
            R::DataCategoryRemoved => {
                let i = self.take(Collection::DataCategories, |_, _| true)?;
                self.removed[slot(Collection::DataCategories)].insert(i);
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
                let i = self.take(Collection::DataCategories, |p, i| {
                    p.data_categories[i].optional != optional
                })?;
                self.new.data_categories.get_mut(i)?.optional = optional;
            }
            R::DataCategorySourceChanged => {
                let i = self.take(Collection::DataCategories, |_, _| true)?;
                let d = self.new.data_categories.get_mut(i)?;
                let next = DataSource::ALL
                    .iter()
                    .position(|s| *s == d.source)
                    .map_or(0, |k| k + 1);
                d.source = DataSource::ALL[next % DataSource::ALL.len()];
            }
            R::PurposeAdded => {
                let k = self.next_added();
                let data = vec![id("data", 4 * self.rng.below(anchor_count(n)))];
                let purpose = Purpose {
                    id: id("purpose_new", k),
                    name: format!("New purpose {k}"),
                    description: self.sentence(),
                    personal_data: true,
                    legal_bases: vec![LegalBasis::LegitimateInterests],
                    data,
                    documents: Vec::new(),
                    inferred: Vec::new(),
                    sections: self.sections(),
                };
                self.new.purposes.push(purpose);
            }
            R::PurposeRemoved => self.remove(Collection::Purposes)?,
            R::LegalBasisChanged => {
                let i = self.take(Collection::Purposes, |_, _| true)?;
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
                    kind_label: None,
                    role: Some(RecipientRole::Processor),
                    inferred: Vec::new(),
                    description: self.sentence(),
                    receives,
                    purposes: Vec::new(),
                    condition: None,
                    share: None,
                    privacy_policy: None,
                    sections: self.sections(),
                };
                self.new.recipients.push(recipient);
            }
            R::RecipientRemoved => self.remove(Collection::Recipients)?,
            R::RecipientRoleChanged => {
                let i = self.take(Collection::Recipients, |_, _| true)?;
                let r = self.new.recipients.get_mut(i)?;
                let next = ROLES.iter().position(|x| *x == r.role).map_or(0, |k| k + 1);
                r.role = ROLES[next % ROLES.len()];
            }
            R::RecipientKindChanged => {
                let i = self.take(Collection::Recipients, |_, _| true)?;
                let r = self.new.recipients.get_mut(i)?;
                let next = KINDS.iter().position(|x| *x == r.kind).map_or(0, |k| k + 1);
                r.kind = KINDS[next % KINDS.len()];
            }
            R::TransferAdded => {
                let k = self.next_added();
                let transfer = Transfer {
                    id: id("transfer_new", k),
                    destination: "Anywhere in the world".to_owned(),
                    region: None,
                    recipients: vec![id("recipient", 4 * self.rng.below(anchor_count(n)))],
                    safeguards: vec![Safeguard::StandardContractualClauses],
                    description: self.sentence(),
                    inferred: Vec::new(),
                    sections: self.sections(),
                };
                self.new.transfers.push(transfer);
            }
            R::TransferRemoved => self.remove(Collection::Transfers)?,
            R::TransferSafeguardAdded => {
                let i = self.take(Collection::Transfers, |p, i| {
                    // An empty list is "not stated": a first safeguard is a clarification.
                    !p.transfers[i].safeguards.is_empty()
                        && p.transfers[i].safeguards.len() < Safeguard::ALL.len()
                })?;
                let t = self.new.transfers.get_mut(i)?;
                let missing = Safeguard::ALL.iter().find(|s| !t.safeguards.contains(s))?;
                t.safeguards.push(*missing);
            }
            R::TransferSafeguardRemoved => {
                let i = self.take(Collection::Transfers, |p, i| {
                    !p.transfers[i].safeguards.is_empty()
                })?;
                self.new.transfers.get_mut(i)?.safeguards.pop();
            }
            R::RetentionExtended | R::RetentionShortened => {
                let fixed_days = |p: &Policy, i: usize| {
                    matches!(&p.retention[i].retention,
                        Retention::Fixed { period } if period.days_component().is_some_and(|d| d >= 2) && period.years().is_none() && period.months().is_none())
                };
                let i = self.take(Collection::Retention, fixed_days)?;
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
            R::RetentionRuleRemoved => self.remove(Collection::Retention)?,
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
            R::ContactRemoved => self.remove(Collection::Contacts)?,
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
            R::SecurityMeasureRemoved => self.remove(Collection::SecurityMeasures)?,
            R::ParameterStrengthened | R::ParameterWeakened => {
                let rounds = |p: &Policy, i: usize| {
                    p.security_measures[i].parameters.iter().any(|x| {
                        x.name == "min_rounds"
                            && x.stronger == Some(crate::Stronger::Higher)
                            && matches!(x.value, ParameterValue::Integer(v) if v >= 2)
                    })
                };
                let i = self.take(Collection::SecurityMeasures, rounds)?;
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
            R::ServiceRemoved => self.remove(Collection::Services)?,
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
                self.remove_where(Collection::Statements, |p, i| {
                    p.statements[i].commitment == commitment
                })?;
            }
            R::StatementChanged | R::CommitmentChanged => {
                let commitment = rule == R::CommitmentChanged;
                let i = self.take(Collection::Statements, |p, i| {
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
    fn reference(&mut self, edge: &Reference, added: bool) -> Option<()> {
        let anchors = anchor_count(edge.to.len(self.old));
        let len = |p: &Policy, i: usize| edge.list(p, i).map_or(0, <[Id]>::len);
        let i = if added {
            self.take(edge.from, |p, i| len(p, i) < anchors)?
        } else {
            // Never empty a list: an empty list says "not stated" (a
            // different finding), and a purpose needs data.
            self.take(edge.from, |p, i| len(p, i) > edge.min_items.max(1))?
        };
        if added {
            let current = edge.list(self.old, i)?;
            let extra = self.anchor_not_in(edge.to, current)?;
            edge.list_mut(&mut self.new, i)?.push(extra);
        } else {
            edge.list_mut(&mut self.new, i)?.pop();
        }
        Some(())
    }

    /// A name, description or sections change, spread across collections.
    fn wording(&mut self, rule: RuleId) -> Option<()> {
        let colls: &[Collection] = match rule {
            RuleId::NameChanged => &[
                Collection::DataCategories,
                Collection::Purposes,
                Collection::Recipients,
                Collection::Services,
            ],
            _ => &[
                Collection::DataCategories,
                Collection::Purposes,
                Collection::Recipients,
                Collection::Services,
                Collection::Transfers,
                Collection::Retention,
                Collection::SecurityMeasures,
                Collection::Contacts,
            ],
        };
        let start = self.wording;
        self.wording += 1;
        for k in 0..colls.len() {
            let coll = colls[(start + k) % colls.len()];
            if let Some(i) = self.take(coll, |_, _| true) {
                let p = &mut self.new;
                match rule {
                    RuleId::NameChanged => {
                        let name = match coll {
                            Collection::DataCategories => &mut p.data_categories.get_mut(i)?.name,
                            Collection::Purposes => &mut p.purposes.get_mut(i)?.name,
                            Collection::Recipients => &mut p.recipients.get_mut(i)?.name,
                            _ => &mut p.services.get_mut(i)?.name,
                        };
                        name.push_str(" renamed");
                    }
                    RuleId::DescriptionChanged => {
                        let description = match coll {
                            Collection::DataCategories => {
                                &mut p.data_categories.get_mut(i)?.description
                            }
                            Collection::Purposes => &mut p.purposes.get_mut(i)?.description,
                            Collection::Recipients => &mut p.recipients.get_mut(i)?.description,
                            Collection::Services => &mut p.services.get_mut(i)?.description,
                            Collection::Transfers => &mut p.transfers.get_mut(i)?.description,
                            Collection::Retention => &mut p.retention.get_mut(i)?.description,
                            Collection::SecurityMeasures => {
                                &mut p.security_measures.get_mut(i)?.description
                            }
                            _ => &mut p.contacts.get_mut(i)?.description,
                        };
                        description.push_str(" Reworded.");
                    }
                    _ => {
                        let sections = match coll {
                            Collection::DataCategories => {
                                &mut p.data_categories.get_mut(i)?.sections
                            }
                            Collection::Purposes => &mut p.purposes.get_mut(i)?.sections,
                            Collection::Recipients => &mut p.recipients.get_mut(i)?.sections,
                            Collection::Services => &mut p.services.get_mut(i)?.sections,
                            Collection::Transfers => &mut p.transfers.get_mut(i)?.sections,
                            Collection::Retention => &mut p.retention.get_mut(i)?.sections,
                            Collection::SecurityMeasures => {
                                &mut p.security_measures.get_mut(i)?.sections
                            }
                            _ => &mut p.contacts.get_mut(i)?.sections,
                        };
                        sections.push(named(SYNTHETIC_CHANGES_SECTION));
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
        let gone = |c: Collection| &removed[slot(c)];
        retain_indices(&mut new.contacts, gone(Collection::Contacts));
        retain_indices(&mut new.services, gone(Collection::Services));
        retain_indices(&mut new.data_categories, gone(Collection::DataCategories));
        retain_indices(&mut new.purposes, gone(Collection::Purposes));
        retain_indices(&mut new.recipients, gone(Collection::Recipients));
        retain_indices(&mut new.transfers, gone(Collection::Transfers));
        retain_indices(&mut new.retention, gone(Collection::Retention));
        retain_indices(
            &mut new.security_measures,
            gone(Collection::SecurityMeasures),
        );
        retain_indices(&mut new.statements, gone(Collection::Statements));
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
