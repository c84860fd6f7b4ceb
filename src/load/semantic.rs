//! Rules across the document that neither the schema nor the types express.
//!
//! Every check is linear in the size of the document: each collection's ids
//! go into a `HashSet` once, and every reference is one lookup.
//!
//! The codes these checks report are listed, with their meaning, in
//! [`Code`](super::Code).

use super::code::Code;
use super::error::Diagnostic;
use crate::Policy;
use crate::model::graph::{self, Collection, OTHER_REFERENCES, REFERENCES};
use foldhash::{HashSet as FastSet, HashSetExt};

fn diag(code: Code, pointer: String, message: String) -> Diagnostic {
    Diagnostic::new(code, pointer, message)
}

/// Collects diagnostics up to a limit, formatting only those it keeps.
pub(crate) struct Sink {
    list: Vec<Diagnostic>,
    limit: usize,
}

impl Sink {
    fn push(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.list.len() < self.limit {
            self.list.push(make());
        }
    }
}

/// Collects the keys of a collection, reporting duplicates.
fn ids<'a>(
    keys: impl ExactSizeIterator<Item = &'a str>,
    collection: &str,
    field: &str,
    code: Code,
    out: &mut Sink,
) -> FastSet<&'a str> {
    let mut set = FastSet::with_capacity(keys.len());
    for (i, v) in keys.enumerate() {
        if !set.insert(v) {
            out.push(|| {
                diag(
                    code,
                    format!("{collection}/{i}/{field}"),
                    format!("`{v}` is already used in {}", show(collection)),
                )
            });
        }
    }
    set
}

fn show(pointer: &str) -> &str {
    if pointer.is_empty() {
        "the document"
    } else {
        pointer
    }
}

/// The keys of every collection of the model's graph, reporting duplicates
/// (`duplicate-id`, or `duplicate-right` for rights), in [`Collection::ALL`] order.
fn unique_keys<'a>(p: &'a Policy, out: &mut Sink) -> Vec<FastSet<&'a str>> {
    Collection::ALL
        .iter()
        .map(|&c| {
            let code = if c == Collection::Rights {
                Code::DuplicateRight
            } else {
                Code::DuplicateId
            };
            let keys = (0..c.len(p)).map(|i| c.key(p, i).unwrap_or_default());
            ids(keys, &c.pointer(), c.key_field(), code, out)
        })
        .collect()
}

/// Reports every reference of [`REFERENCES`] that names no entry of its
/// target collection, entry by entry of each referring collection.
fn dangling_references(p: &Policy, keys: &[FastSet<&str>], out: &mut Sink) {
    let mut edges = REFERENCES;
    while let Some(first) = edges.first() {
        // Edges from one collection are checked together, entry by entry.
        let group = edges.iter().take_while(|e| e.from == first.from).count();
        let (same_source, rest) = edges.split_at(group);
        for entry in 0..first.from.len(p) {
            for edge in same_source {
                let Some(targets) = Collection::ALL
                    .iter()
                    .position(|&c| c == edge.to)
                    .and_then(|t| keys.get(t))
                else {
                    continue;
                };
                edge.for_each_in(p, entry, &mut |slot, r| {
                    if !targets.contains(r.as_str()) {
                        out.push(|| {
                            // In document order, so that ties are stable.
                            let ids = (0..edge.to.len(p)).filter_map(|i| edge.to.key(p, i));
                            let suggestion = super::suggest::nearest(r.as_str(), ids)
                                .map_or_else(String::new, |near| {
                                    format!("; did you mean `{near}`?")
                                });
                            diag(
                                Code::DanglingReference,
                                edge.pointer(entry, slot),
                                format!(
                                    "`{r}` is not the id of any entry of /{}{suggestion}",
                                    edge.to.name()
                                ),
                            )
                        });
                    }
                });
            }
        }
        edges = rest;
    }
    for other in OTHER_REFERENCES {
        let Some(targets) = Collection::ALL
            .iter()
            .position(|&c| c == other.to)
            .and_then(|t| keys.get(t))
        else {
            continue;
        };
        other.for_each(p, &mut |holder, slot, r| {
            if !targets.contains(r.as_str()) {
                out.push(|| {
                    diag(
                        Code::DanglingReference,
                        format!("{holder}/{}/{slot}", other.field),
                        format!("`{r}` is not the id of any entry of /{}", other.to.name()),
                    )
                });
            }
        });
    }
}

/// Reports every data category no purpose processes.
fn unused_data_categories(p: &Policy, out: &mut Sink) {
    let mut used = FastSet::with_capacity(p.data_categories.len());
    if let Some(processed) = graph::reference(Collection::Purposes, "data") {
        processed.for_each(p, &mut |_, _, d| {
            used.insert(d.as_str());
        });
    }
    for (i, d) in p.data_categories.iter().enumerate() {
        if !used.contains(d.id.as_str()) {
            out.push(|| diag(
                Code::UnusedDataCategory,
                format!("/data_categories/{i}"),
                format!(
                    "no purpose processes `{}`; every category of personal data needs a purpose",
                    d.id
                ),
            ));
        }
    }
}

/// Checks the rules across a typed document that the schema cannot express.
///
/// - ids are unique within each collection (`duplicate-id`), parameter names
///   within a measure (`duplicate-parameter`), rights (`duplicate-right`);
/// - every reference of the model's graph
///   ([`REFERENCES`](crate::model::graph::REFERENCES) and
///   [`OTHER_REFERENCES`](crate::model::graph::OTHER_REFERENCES), the
///   section citations of singletons and caveats) names an entry of its
///   target collection (`dangling-reference`);
/// - the history is ordered (`history-version-order`, `history-date-order`)
///   and ends at the document's version (`history-version-mismatch`);
/// - a contact can be reached (`contact-unreachable`);
/// - history visibility ranks are distinct (`duplicate-openness`);
/// - every data category has a purpose (`unused-data-category`);
/// - a recipient of kind `other` names its kind (`kind-label`); a purpose
///   lists data exactly when it processes personal data, and a legal basis
///   only then (`personal-data-mismatch`); data the controller never holds
///   names its holder and reaches no other recipient (`held-by`); nothing
///   empty is marked inferred (`inferred-empty`).
///
/// Returns the problems in the order of the checks above, at most
/// [`LoadOptions::DEFAULT_MAX_DIAGNOSTICS`](super::LoadOptions::DEFAULT_MAX_DIAGNOSTICS),
/// each with the pointer of the offending value and no position (the loader
/// adds positions from the text). Linear time.
///
/// ```
/// use matrix_privacy_policy::load::{check_semantics, load_str};
/// let mut policy = load_str(include_str!("../../tests/fixtures/minimal.json"))?;
/// assert!(check_semantics(&policy).is_empty());
/// policy.purposes.clear();
/// assert!(check_semantics(&policy).iter().any(|d| d.code == "unused-data-category"));
/// # Ok::<(), matrix_privacy_policy::load::LoadError>(())
/// ```
pub fn check_semantics(p: &Policy) -> Vec<Diagnostic> {
    check_semantics_limited(p, super::LoadOptions::DEFAULT_MAX_DIAGNOSTICS)
}

/// [`check_semantics`], keeping at most `limit` diagnostics.
pub(crate) fn check_semantics_limited(p: &Policy, limit: usize) -> Vec<Diagnostic> {
    let mut out = Sink {
        list: Vec::new(),
        limit,
    };
    let o = &mut out;
    let keys = unique_keys(p, o);
    for (i, r) in p.rights.iter().enumerate() {
        ids(
            r.caveats.iter().map(|e| e.id.as_str()),
            &format!("/rights/{i}/caveats"),
            "id",
            Code::DuplicateId,
            o,
        );
    }
    for (i, m) in p.security_measures.iter().enumerate() {
        if !m.parameters.is_empty() {
            let coll = format!("/security_measures/{i}/parameters");
            ids(
                m.parameters.iter().map(|e| e.name.as_str()),
                &coll,
                "name",
                Code::DuplicateParameter,
                o,
            );
        }
    }
    dangling_references(p, &keys, o);
    unused_data_categories(p, o);

    for (i, c) in p.contacts.iter().enumerate() {
        if c.email.is_none() && c.url.is_none() {
            o.push(|| {
                diag(
                    Code::ContactUnreachable,
                    format!("/contacts/{i}"),
                    format!("contact `{}` has neither `email` nor `url`", c.id),
                )
            });
        }
    }

    let mut ranks = FastSet::with_capacity(p.history_visibility.len());
    for (i, v) in p.history_visibility.iter().enumerate() {
        if !ranks.insert(v.openness) {
            o.push(|| {
                diag(
                    Code::DuplicateOpenness,
                    format!("/history_visibility/{i}/openness"),
                    format!(
                        "openness rank {} is already used by another setting",
                        v.openness
                    ),
                )
            });
        }
    }

    stated_and_held(p, o);
    history(p, o);
    super::placeholder::check(p, |d| {
        o.push(|| d);
        o.list.len() < o.limit
    });
    let mut list = out.list;
    super::pointer::name_entities(&mut list, |c, i| c.key(p, i).map(str::to_owned));
    list
}

/// Recipient kinds, purposes without personal data, data the controller
/// never holds, and `inferred` marks on empty values.
fn stated_and_held(p: &Policy, o: &mut Sink) {
    use crate::{PurposeField, RecipientField, RecipientKind, TransferField};
    for (i, r) in p.recipients.iter().enumerate() {
        let other = r.kind == RecipientKind::Other;
        if other != r.kind_label.is_some() {
            o.push(|| {
                let why = if other {
                    "is of kind `other` and needs a `kind_label` that names its kind"
                } else {
                    "has a `kind_label`, which only kind `other` takes"
                };
                diag(
                    Code::KindLabel,
                    format!("/recipients/{i}"),
                    format!("recipient `{}` {why}", r.id),
                )
            });
        }
        for f in &r.inferred {
            let empty = match f {
                RecipientField::Role => r.role.is_none(),
                RecipientField::Receives => r.receives.is_empty(),
                RecipientField::Purposes => r.purposes.is_empty(),
                RecipientField::Kind => false,
            };
            if empty {
                o.push(|| inferred_empty(format!("/recipients/{i}"), &r.id, f.key()));
            }
        }
    }
    for (i, pu) in p.purposes.iter().enumerate() {
        let problem = if !pu.personal_data && !pu.data.is_empty() {
            Some("processes no personal data (`personal_data: false`) but lists data")
        } else if !pu.personal_data && !pu.legal_bases.is_empty() {
            Some("processes no personal data (`personal_data: false`), so it takes no legal basis")
        } else if pu.personal_data && pu.data.is_empty() {
            Some(
                "processes personal data but lists none (say `personal_data: false` if it uses none)",
            )
        } else {
            None
        };
        if let Some(why) = problem {
            o.push(|| {
                diag(
                    Code::PersonalDataMismatch,
                    format!("/purposes/{i}"),
                    format!("purpose `{}` {why}", pu.id),
                )
            });
        }
        for f in &pu.inferred {
            let empty = match f {
                PurposeField::LegalBases => pu.legal_bases.is_empty(),
                PurposeField::Data => pu.data.is_empty(),
            };
            if empty {
                o.push(|| inferred_empty(format!("/purposes/{i}"), &pu.id, f.key()));
            }
        }
    }
    for (i, t) in p.transfers.iter().enumerate() {
        for f in &t.inferred {
            let empty = match f {
                TransferField::Safeguards => t.safeguards.is_empty(),
                TransferField::Region => t.region.is_none(),
            };
            if empty {
                o.push(|| inferred_empty(format!("/transfers/{i}"), &t.id, f.key()));
            }
        }
    }
    for (i, d) in p.data_categories.iter().enumerate() {
        let problem = match (d.held_by_controller, d.held_by.is_empty()) {
            (false, true) => Some(
                "is not held by the controller, so `held_by` must name the recipients that hold it",
            ),
            (true, false) => Some(
                "is held by the controller; `held_by` is only for data the controller never holds",
            ),
            _ => None,
        };
        if let Some(why) = problem {
            o.push(|| {
                diag(
                    Code::HeldBy,
                    format!("/data_categories/{i}"),
                    format!("data category `{}` {why}", d.id),
                )
            });
            continue;
        }
        if d.held_by.is_empty() {
            continue;
        }
        // Data the controller never holds cannot be disclosed by it: only its holders receive it.
        let holders = || {
            d.held_by
                .iter()
                .map(|h| format!("`{h}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (j, r) in p.recipients.iter().enumerate() {
            if d.held_by.contains(&r.id) {
                continue;
            }
            if let Some(k) = r.receives.iter().position(|x| *x == d.id) {
                o.push(|| {
                    diag(
                        Code::HeldBy,
                        format!("/recipients/{j}/receives/{k}"),
                        format!(
                            "recipient `{}` cannot receive `{}`: only {} hold it, the controller never does",
                            r.id,
                            d.id,
                            holders()
                        ),
                    )
                });
            }
        }
    }
}

fn inferred_empty(pointer: String, id: &crate::Id, field: &str) -> Diagnostic {
    diag(
        Code::InferredEmpty,
        format!("{pointer}/inferred"),
        format!(
            "`{id}` marks `{field}` as inferred, but it has no value: nothing was read into it"
        ),
    )
}

fn history(p: &Policy, o: &mut Sink) {
    for (i, pair) in p.history.windows(2).enumerate() {
        let [prev, next] = pair else { continue };
        let j = i + 1;
        if next.version <= prev.version {
            o.push(|| {
                diag(
                    Code::HistoryVersionOrder,
                    format!("/history/{j}/version"),
                    format!(
                        "version {} does not come after the previous entry's {}",
                        next.version, prev.version
                    ),
                )
            });
        }
        if prev.date.compare(&next.date) == Some(std::cmp::Ordering::Greater) {
            o.push(|| {
                diag(
                    Code::HistoryDateOrder,
                    format!("/history/{j}/date"),
                    format!(
                        "date {} is before the previous entry's {}",
                        next.date, prev.date
                    ),
                )
            });
        }
    }
    match p.history.last() {
        Some(last) if last.version == p.version => {}
        Some(last) => o.push(|| {
            diag(
                Code::HistoryVersionMismatch,
                "/version".to_owned(),
                format!(
                    "the document's version {} is not the last history entry's {}",
                    p.version, last.version
                ),
            )
        }),
        None => o.push(|| {
            diag(
                Code::HistoryVersionMismatch,
                "/history".to_owned(),
                format!(
                    "the history is empty; its last entry must be the document's version {}",
                    p.version
                ),
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Id;
    use crate::{Caveat, Parameter, ParameterValue, PartialDate, Right};

    fn minimal() -> Policy {
        crate::load::load_str(include_str!("../../tests/fixtures/minimal.json")).unwrap()
    }

    fn found(p: &Policy) -> Vec<(&'static str, String)> {
        check_semantics(p)
            .into_iter()
            .map(|d| (d.code.as_str(), d.pointer))
            .collect()
    }

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    #[test]
    fn minimal_is_clean() {
        assert!(found(&minimal()).is_empty());
    }

    #[test]
    fn duplicate_ids_in_every_collection() {
        let mut p = minimal();
        p.contacts[1].id = id("dpo");
        p.services.push(p.services[0].clone());
        p.data_categories[1].id = id("account");
        p.purposes[1].id = id("provide_service");
        p.recipients[1].id = id("hosting_co");
        p.transfers.push(p.transfers[0].clone());
        p.retention[1].id = id("ip_logs");
        p.security_measures[1].id = id("password_hashing");
        p.history_visibility[1].id = id("joined");
        p.history_visibility[1].openness = 2;
        p.statements.push(p.statements[0].clone());
        let got = found(&p);
        for pointer in [
            "/contacts/1/id",
            "/services/1/id",
            "/data_categories/1/id",
            "/purposes/1/id",
            "/recipients/1/id",
            "/transfers/1/id",
            "/retention/1/id",
            "/security_measures/1/id",
            "/history_visibility/1/id",
            "/statements/1/id",
        ] {
            assert!(
                got.contains(&("duplicate-id", pointer.to_owned())),
                "{pointer}: {got:?}"
            );
        }
    }

    #[test]
    fn duplicate_rights_caveats_parameters() {
        let mut p = minimal();
        p.rights[1].right = Right::Access;
        let c: Caveat = p.rights[1].caveats[0].clone();
        p.rights[1].caveats.push(c);
        p.security_measures[0].parameters.push(Parameter {
            name: id("rounds"),
            value: ParameterValue::Integer(10),
            stronger: None,
            unit: None,
            as_stated: None,
            inferred: Vec::new(),
        });
        assert_eq!(
            found(&p),
            vec![
                ("duplicate-right", "/rights/1/right".to_owned()),
                ("duplicate-id", "/rights/1/caveats/1/id".to_owned()),
                (
                    "duplicate-parameter",
                    "/security_measures/0/parameters/2/name".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn every_reference_resolves() {
        let mut p = minimal();
        let x = id("nowhere");
        p.services[0].operated_by.push(x.clone());
        p.data_categories[0].services.push(x.clone());
        p.purposes[0].data.push(x.clone());
        p.recipients[0].receives.push(x.clone());
        p.recipients[0].purposes.push(x.clone());
        p.transfers[0].recipients.push(x.clone());
        p.retention[0].data.push(x.clone());
        p.rights[0].exercise[0].contact = Some(x.clone());
        p.security_measures[0].applies_to.push(x);
        let got = found(&p);
        let expected = [
            "/services/0/operated_by/1",
            "/data_categories/0/services/1",
            "/purposes/0/data/2",
            "/recipients/0/receives/2",
            "/recipients/0/purposes/1",
            "/transfers/0/recipients/1",
            "/retention/0/data/1",
            "/rights/0/exercise/0/contact",
            "/security_measures/0/applies_to/1",
        ];
        assert_eq!(got.len(), expected.len(), "{got:?}");
        for pointer in expected {
            assert!(
                got.contains(&("dangling-reference", pointer.to_owned())),
                "{pointer}: {got:?}"
            );
        }
    }

    #[test]
    fn every_section_citation_resolves_singletons_and_caveats_included() {
        let mut p = minimal();
        let x = id("nowhere");
        p.controller.sections.push(x.clone());
        p.purposes[1].sections.push(x.clone());
        if let Some(c) = p.children.as_mut() {
            c.sections.push(x.clone());
        }
        if let Some(a) = p.supervisory_authority.as_mut() {
            a.sections.push(x.clone());
        }
        p.rights[1].caveats[0].sections.push(x);
        let got = found(&p);
        let expected = [
            "/purposes/1/sections/1",
            "/controller/sections/1",
            "/children/sections/1",
            "/supervisory_authority/sections/1",
            "/rights/1/caveats/0/sections/1",
        ];
        assert_eq!(got.len(), expected.len(), "{got:?}");
        for pointer in expected {
            assert!(
                got.contains(&("dangling-reference", pointer.to_owned())),
                "{pointer}: {got:?}"
            );
        }

        // A section no statement cites is allowed.
        let mut p = minimal();
        p.sections.push(crate::Section {
            id: id("cookies"),
            number: None,
            heading: "Cookies".to_owned(),
        });
        assert!(found(&p).is_empty());
        // Section ids are unique.
        p.sections.push(p.sections[0].clone());
        assert_eq!(found(&p).len(), 1);
    }

    #[test]
    fn history_rules() {
        let date = |s: &str| PartialDate::parse(s).unwrap();
        let mut p = minimal();
        // Overlapping dates (a month and a day in it) are accepted.
        p.history[1].date = date("2023-06");
        assert!(found(&p).is_empty());
        p.history[1].version = p.history[0].version.clone();
        p.history[2].date = date("2023-05-31");
        assert_eq!(
            found(&p),
            vec![
                ("history-version-order", "/history/1/version".to_owned()),
                ("history-date-order", "/history/2/date".to_owned()),
            ]
        );
        let mut p = minimal();
        p.version = semver::Version::new(9, 0, 0);
        assert_eq!(
            found(&p),
            vec![("history-version-mismatch", "/version".to_owned())]
        );
        p.history.clear();
        assert_eq!(
            found(&p),
            vec![("history-version-mismatch", "/history".to_owned())]
        );
    }

    #[test]
    fn contacts_openness_and_unused_data() {
        let mut p = minimal();
        p.contacts[1].email = None;
        assert!(found(&p).is_empty(), "a url is enough");
        p.contacts[1].url = None;
        p.history_visibility[1].openness = 1;
        p.purposes[1].data = vec![id("account")];
        p.purposes[0].data = vec![id("account")];
        assert_eq!(
            found(&p),
            vec![
                ("unused-data-category", "/data_categories/1".to_owned()),
                ("contact-unreachable", "/contacts/1".to_owned()),
                (
                    "duplicate-openness",
                    "/history_visibility/1/openness".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn stated_inferred_and_held() {
        use crate::{PurposeField, RecipientField, RecipientKind, TransferField};
        let mut p = minimal();
        assert!(found(&p).is_empty());
        // Not stated is fine: no role, no basis, no data received.
        p.recipients[1].role = None;
        p.purposes[1].legal_bases.clear();
        p.recipients[1].receives.clear();
        assert!(found(&p).is_empty(), "{:?}", found(&p));
        // Marking an empty value as inferred is not.
        p.recipients[1].inferred = vec![RecipientField::Role, RecipientField::Kind];
        p.purposes[1].inferred = vec![PurposeField::LegalBases];
        if let Some(t) = p.transfers.first_mut() {
            t.safeguards.clear();
            t.inferred = vec![TransferField::Safeguards];
        }
        let codes = found(&p);
        assert!(
            codes.contains(&("inferred-empty", "/recipients/1/inferred".to_owned())),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("inferred-empty", "/purposes/1/inferred".to_owned())),
            "{codes:?}"
        );
        assert_eq!(
            codes.iter().filter(|(c, _)| *c == "inferred-empty").count(),
            2 + usize::from(!p.transfers.is_empty())
        );

        let mut p = minimal();
        p.recipients[0].kind = RecipientKind::Other;
        p.recipients[1].kind_label = Some("a hosting co-operative".into());
        assert_eq!(
            found(&p),
            vec![
                ("kind-label", "/recipients/0".to_owned()),
                ("kind-label", "/recipients/1".to_owned())
            ]
        );
        p.recipients[0].kind_label = Some("a hosting co-operative".into());
        p.recipients[1].kind_label = None;
        assert!(found(&p).is_empty());

        // A purpose with no personal data lists neither data nor bases.
        let mut p = minimal();
        p.purposes[1].personal_data = false;
        assert_eq!(
            found(&p),
            vec![("personal-data-mismatch", "/purposes/1".to_owned())]
        );
        p.purposes[1].data.clear();
        assert_eq!(
            found(&p),
            vec![("personal-data-mismatch", "/purposes/1".to_owned())]
        );
        p.purposes[1].legal_bases.clear();
        assert!(found(&p).is_empty());
        p.purposes[1].personal_data = true;
        assert_eq!(
            found(&p),
            vec![("personal-data-mismatch", "/purposes/1".to_owned())]
        );

        // Data the controller never holds reaches only its holders.
        let mut p = minimal();
        p.data_categories[1].held_by_controller = false;
        assert_eq!(
            found(&p),
            vec![("held-by", "/data_categories/1".to_owned())]
        );
        p.data_categories[1].held_by = vec![id("hosting_co")];
        assert!(found(&p).is_empty());
        p.recipients[1].receives.push(id("ip_address"));
        assert_eq!(
            found(&p),
            vec![("held-by", "/recipients/1/receives/1".to_owned())]
        );
        p.data_categories[1].held_by_controller = true;
        p.recipients[1].receives.pop();
        assert_eq!(
            found(&p),
            vec![("held-by", "/data_categories/1".to_owned())]
        );
        p.data_categories[1].held_by = vec![id("nobody")];
        assert!(found(&p).iter().any(|(c, _)| *c == "dangling-reference"));
    }
}
