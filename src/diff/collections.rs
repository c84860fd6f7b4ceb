//! What the diff compares, collection by collection: each keyed collection
//! as a [`Keyed`] description (key, added and removed rules, field rules),
//! the single objects (controller, children, profiling, …) as field rules,
//! and custom hooks for the irregular cases (retention order, security
//! parameters, exercise methods, profiling, public indexers, history).

use super::RuleId;
use super::engine::{At, Engine, Field, Keyed, Place, fill};
use super::matching::{Pairing, pair_by, same_set};
use super::retention::{self, Comparison};
use super::text::{
    article, bases, keep, list, opt_url, plain, quote, safeguards, same_opt_text, same_text, words,
};
use crate::model::graph::Collection;
use crate::{
    Caveat, Channel, Children, Contact, Controller, DataCategory, ExerciseMethod, Parameter,
    ParameterValue, PostalAddress, Profiling, Purpose, PurposeField, Recipient, RecipientField,
    RecipientKind, RelatedDocument, RetentionRule, RightStatement, Section, SecurityMeasure,
    Service, Statement, Stronger, SupervisoryAuthority, Transfer, TransferField, VisibilityOption,
};
use crate::{Policy, Region, RegionMove, StrengthMove};

/// Compares every part of the two documents, in document order.
#[rustfmt::skip]
pub(super) fn compare(e: &mut Engine<'_>) {
    let (old, new) = (e.old, e.new);
    document(e);
    e.keyed(&SECTIONS, None, &old.sections, &new.sections);
    controller(e);
    e.keyed(&CONTACTS, None, &old.contacts, &new.contacts);
    e.keyed(&SERVICES, None, &old.services, &new.services);
    e.keyed(&DATA_CATEGORIES, None, &old.data_categories, &new.data_categories);
    e.keyed(&PURPOSES, None, &old.purposes, &new.purposes);
    e.keyed(&RECIPIENTS, None, &old.recipients, &new.recipients);
    e.keyed(&TRANSFERS, None, &old.transfers, &new.transfers);
    e.keyed(&RETENTION, None, &old.retention, &new.retention);
    e.keyed(&RIGHTS, None, &old.rights, &new.rights);
    e.keyed(&SECURITY_MEASURES, None, &old.security_measures, &new.security_measures);
    e.optional(&CHILDREN, old.children.as_ref(), new.children.as_ref());
    profiling(e);
    e.keyed(&VISIBILITY, None, &old.history_visibility, &new.history_visibility);
    e.keyed(&STATEMENTS, None, &old.statements, &new.statements);
    e.optional(&SUPERVISORY_AUTHORITY, old.supervisory_authority.as_ref(), new.supervisory_authority.as_ref());
    e.keyed(&RELATED_DOCUMENTS, None, &old.related_documents, &new.related_documents);
    history(e);
}

/// A placeholder of a message: its name and value.
type Vars = Vec<(&'static str, String)>;

/// A section for a message: `2.6 “Passwords”`, or the heading alone.
fn section_label(s: &Section) -> String {
    match &s.number {
        Some(n) => format!("{} {}", plain(n, 20), quote(&s.heading)),
        None => quote(&s.heading),
    }
}

#[rustfmt::skip]
const SECTIONS: Keyed<Section> = Keyed {
    collection: Some(Collection::Sections), field: "/sections", key: |s| s.id.as_str(),
    label: |_, s| format!("section `{}`", s.id),
    detail: None,
    vars: |_, s| vec![("id", s.id.to_string()), ("section", section_label(s))],
    added: |_, _| (RuleId::SectionAdded, None),
    removed: |_, _| (RuleId::SectionRemoved, None),
    fields: &[Field::Custom(section_changed)],
};

/// A section's heading and number: a new heading is `section-renamed`
/// (its message shows the number too, if that changed as well), a new
/// number alone is `section-renumbered`.
fn section_changed(e: &mut Engine<'_>, place: &Place, _: &str, a: &Section, b: &Section) {
    let number = |s: &Section| {
        s.number
            .as_deref()
            .map(str::trim)
            .map(|n| n.trim_end_matches('.').to_owned())
    };
    let renumbered = number(a) != number(b);
    let id = b.id.to_string();
    if !same_text(&a.heading, &b.heading) {
        let (old, new) = (section_label(a), section_label(b));
        let vars = [("id", id.as_str()), ("old", &old), ("new", &new)];
        let field = if renumbered { "" } else { "/heading" };
        e.templated(RuleId::SectionRenamed, place, field, &vars);
    } else if renumbered {
        let show = |s: &Section| {
            s.number
                .as_deref()
                .map_or_else(|| "no number".to_owned(), |n| plain(n, 20))
        };
        let (old, new, heading) = (show(a), show(b), quote(&b.heading));
        let vars = [
            ("id", id.as_str()),
            ("old", &old),
            ("new", &new),
            ("heading", &heading),
        ];
        e.templated(RuleId::SectionRenumbered, place, "/number", &vars);
    }
}

#[rustfmt::skip]
const CONTACTS: Keyed<Contact> = Keyed {
    collection: Some(Collection::Contacts), field: "/contacts", key: |c| c.id.as_str(),
    label: |_, c| format!("contact `{}`", c.id),
    detail: None,
    vars: |_, c| {
        let addresses = [c.email.as_ref().map(|m| m.as_str()), c.url.as_ref().map(|u| u.as_str())];
        let addresses: String = addresses.into_iter().flatten().map(|a| format!(", {}", plain(a, 200))).collect();
        vec![("id", c.id.to_string()), ("role", words(&c.role)), ("addresses", addresses)]
    },
    added: |_, _| (RuleId::ContactAdded, None),
    removed: |_, _| (RuleId::ContactRemoved, None),
    fields: &[
        Field::Custom(contact_changed),
        Field::Description(|c| &c.description),
        Field::Sections(|c| &c.sections),
    ],
};

/// Role, e-mail and web address of a contact, reported as one change.
fn contact_changed(e: &mut Engine<'_>, place: &Place, _: &str, a: &Contact, b: &Contact) {
    let show = |m: Option<&str>| m.map_or_else(|| "none".to_owned(), |m| plain(m, 200));
    let mut what: Vec<(&str, String)> = Vec::new();
    if a.role != b.role {
        what.push((
            "/role",
            format!("role {} → {}", words(&a.role), words(&b.role)),
        ));
    }
    if a.email != b.email {
        let (was, now) = (
            a.email.as_ref().map(|m| m.as_str()),
            b.email.as_ref().map(|m| m.as_str()),
        );
        what.push(("/email", format!("e-mail {} → {}", show(was), show(now))));
    }
    if a.url != b.url {
        what.push((
            "/url",
            format!(
                "web {} → {}",
                opt_url(a.url.as_ref()),
                opt_url(b.url.as_ref())
            ),
        ));
    }
    let field = if what.len() == 1 { what[0].0 } else { "" };
    if !what.is_empty() {
        let what: Vec<String> = what.into_iter().map(|(_, w)| w).collect();
        let message = format!("contact `{}` changed: {}", b.id, what.join("; "));
        e.emit(RuleId::ContactChanged, place.at(field), message);
    }
}

/// `{id}` and `{name}` (quoted).
fn id_and_name(id: &crate::Id, name: &str) -> Vars {
    vec![("id", id.to_string()), ("name", quote(name))]
}

#[rustfmt::skip]
const SERVICES: Keyed<Service> = Keyed {
    collection: Some(Collection::Services), field: "/services", key: |s| s.id.as_str(),
    label: |_, s| format!("service `{}`", s.id),
    detail: None,
    vars: |_, s| id_and_name(&s.id, &s.name),
    added: |_, _| (RuleId::ServiceAdded, None),
    removed: |_, _| (RuleId::ServiceRemoved, None),
    fields: &[
        Field::References,
        Field::Link { field: "/url", get: |s| s.url.as_ref(), rule: RuleId::LinkChanged },
        Field::Name(|s| &s.name),
        Field::Description(|s| &s.description),
        Field::Sections(|s| &s.sections),
    ],
};

#[rustfmt::skip]
const DATA_CATEGORIES: Keyed<DataCategory> = Keyed {
    collection: Some(Collection::DataCategories), field: "/data_categories", key: |d| d.id.as_str(),
    label: |_, d| format!("data category `{}`", d.id),
    detail: None,
    vars: |_, d| {
        let optional = if d.optional { "optional" } else { "mandatory" };
        let mut vars = id_and_name(&d.id, &d.name);
        vars.extend([("source", words(&d.source)), ("optional", optional.to_owned())]);
        vars
    },
    added: |_, _| (RuleId::DataCategoryAdded, None),
    removed: |_, _| (RuleId::DataCategoryRemoved, None),
    fields: &[
        Field::Flag { field: "/optional", get: |d| d.optional, on: RuleId::DataCategoryNowOptional, off: RuleId::DataCategoryNowMandatory },
        Field::Flag { field: "/publishable", get: |d| d.publishable, on: RuleId::DataCategoryNowPublishable, off: RuleId::DataCategoryNoLongerPublishable },
        Field::Flag { field: "/held_by_controller", get: |d| d.held_by_controller, on: RuleId::DataCategoryNowHeldByController, off: RuleId::DataCategoryNoLongerHeldByController },
        Field::Choice { field: "/source", get: |d| words(&d.source), rule: RuleId::DataCategorySourceChanged },
        Field::References,
        Field::Name(|d| &d.name),
        Field::Description(|d| &d.description),
        Field::Sections(|d| &d.sections),
    ],
};

#[rustfmt::skip]
const PURPOSES: Keyed<Purpose> = Keyed {
    collection: Some(Collection::Purposes), field: "/purposes", key: |p| p.id.as_str(),
    label: |_, p| format!("purpose `{}`", p.id),
    detail: None,
    vars: |_, p| {
        let mut vars = id_and_name(&p.id, &p.name);
        vars.extend([("data", list(&p.data)), ("bases", bases(&p.legal_bases))]);
        vars
    },
    added: |_, _| (RuleId::PurposeAdded, None),
    removed: |_, _| (RuleId::PurposeRemoved, None),
    fields: &[
        Field::Flag { field: "/personal_data", get: |p| p.personal_data, on: RuleId::PurposeNowProcessesPersonalData, off: RuleId::PurposeNoLongerProcessesPersonalData },
        Field::Custom(legal_bases),
        Field::References,
        Field::Custom(|e, place, label, a, b| {
            inferred_fields(e, place, label, (&a.inferred, &b.inferred), |f| match f {
                PurposeField::LegalBases => (same_set(&a.legal_bases, &b.legal_bases), bases(&b.legal_bases)),
                PurposeField::Data => (same_set(&a.data, &b.data), list(&b.data)),
            });
        }),
        Field::Name(|p| &p.name),
        Field::Description(|p| &p.description),
        Field::Sections(|p| &p.sections),
    ],
};

/// A purpose's legal bases: first stated (a clarification), or changed.
fn legal_bases(e: &mut Engine<'_>, place: &Place, label: &str, a: &Purpose, b: &Purpose) {
    // A purpose that stops processing personal data needs no basis: its
    // bases going is implied by `purpose-no-longer-processes-personal-data`.
    if same_set(&a.legal_bases, &b.legal_bases) || !b.personal_data {
        return;
    }
    let (was, now) = (bases(&a.legal_bases), bases(&b.legal_bases));
    let vars = [
        ("label", label),
        ("old", was.as_str()),
        ("new", now.as_str()),
    ];
    if a.legal_bases.is_empty() {
        // Reading a basis into a text that still states none changes no
        // statement of the text: only a stated basis is a clarification.
        if !b.inferred.contains(&PurposeField::LegalBases) {
            e.templated(RuleId::LegalBasisClarified, place, "/legal_bases", &vars);
        }
        return;
    }
    e.templated(RuleId::LegalBasisChanged, place, "/legal_bases", &vars);
}

/// Fields marked inferred on one side only whose value is the same on both:
/// the text now states what was read into it (`value-now-stated`), or no
/// longer states it (`value-no-longer-stated`). `same(field)` says whether
/// the field's value is unchanged, and gives it in words. A changed value is
/// left to the field's own rules.
fn inferred_fields<F: Copy + PartialEq + serde::Serialize>(
    e: &mut Engine<'_>,
    place: &Place,
    label: &str,
    (old, new): (&[F], &[F]),
    same: impl Fn(F) -> (bool, String),
) {
    let moved = old
        .iter()
        .filter(|f| !new.contains(f))
        .map(|f| (*f, RuleId::ValueNowStated))
        .chain(
            new.iter()
                .filter(|f| !old.contains(f))
                .map(|f| (*f, RuleId::ValueNoLongerStated)),
        );
    for (field, rule) in moved {
        let (unchanged, value) = same(field);
        if !unchanged {
            continue;
        }
        let name = words(&field);
        let vars = [
            ("label", label),
            ("field", name.as_str()),
            ("new", value.as_str()),
        ];
        e.templated(rule, place, "/inferred", &vars);
    }
}

/// A recipient's GDPR role in words: `a processor`, `a processor (our
/// reading)`, `no stated role`.
fn role_words(r: &Recipient) -> String {
    match r.role {
        None => "no stated role".to_owned(),
        Some(role) if r.inferred.contains(&RecipientField::Role) => {
            format!("{} (our reading)", article(&words(&role)))
        }
        Some(role) => article(&words(&role)),
    }
}

/// A recipient's kind in words, with the label of an `other` kind.
fn kind_words(r: &Recipient) -> String {
    match (&r.kind, &r.kind_label) {
        (RecipientKind::Other, Some(label)) => format!("other ({})", quote(label)),
        (kind, _) => words(kind),
    }
}

#[rustfmt::skip]
const RECIPIENTS: Keyed<Recipient> = Keyed {
    collection: Some(Collection::Recipients), field: "/recipients", key: |r| r.id.as_str(),
    label: |_, r| format!("recipient `{}`", r.id),
    detail: None,
    vars: |_, r| {
        let condition = r.condition.as_deref().map(|c| format!(" ({})", c.trim())).unwrap_or_default();
        let role = r.role.map_or_else(|| "role not stated".to_owned(), |role| words(&role));
        let receives = if r.receives.is_empty() { "data not stated".to_owned() } else { list(&r.receives) };
        let mut vars = id_and_name(&r.id, &r.name);
        vars.extend([("role", role), ("receives", receives), ("condition", condition)]);
        vars
    },
    // A public indexer of data publishable before and after reads what
    // anyone can already read: naming it is information, not a new
    // disclosure (see `diff::public`).
    added: |e, r| if super::public::reads_only_published(e.old, e.new, r) {
        (RuleId::PublicIndexerAdded, None)
    } else {
        (RuleId::RecipientAdded, None)
    },
    removed: |_, _| (RuleId::RecipientRemoved, None),
    fields: &[
        Field::Custom(recipient_role),
        Field::Choice { field: "/kind", get: kind_words, rule: RuleId::RecipientKindChanged },
        Field::Custom(|e, place, label, a, b| {
            // Empty `receives` is "not stated": a first list is one clarification.
            if a.receives.is_empty() && !b.receives.is_empty() && !b.inferred.contains(&RecipientField::Receives) {
                let now = list(&b.receives);
                e.templated(RuleId::RecipientReceivesClarified, place, "/receives", &[("label", label), ("new", &now)]);
            }
        }),
        Field::References,
        Field::Custom(|e, place, label, a, b| {
            inferred_fields(e, place, label, (&a.inferred, &b.inferred), |f| match f {
                RecipientField::Role => (a.role == b.role, role_words(b)),
                RecipientField::Kind => (a.kind == b.kind && a.kind_label == b.kind_label, kind_words(b)),
                RecipientField::Receives => (same_set(&a.receives, &b.receives), list(&b.receives)),
                RecipientField::Purposes => (same_set(&a.purposes, &b.purposes), list(&b.purposes)),
            });
        }),
        Field::Custom(recipient_condition),
        Field::Custom(recipient_share),
        Field::Link { field: "/privacy_policy", get: |r| r.privacy_policy.as_ref(), rule: RuleId::RecipientPrivacyPolicyChanged },
        Field::Name(|r| &r.name),
        Field::Description(|r| &r.description),
        Field::Sections(|r| &r.sections),
    ],
};

/// A recipient's role: first stated (a clarification), or changed (a
/// stated role that goes away is a change too: its guarantee is gone).
fn recipient_role(e: &mut Engine<'_>, place: &Place, label: &str, a: &Recipient, b: &Recipient) {
    if a.role == b.role {
        return;
    }
    let (was, now) = (role_words(a), role_words(b));
    let vars = [
        ("label", label),
        ("old", was.as_str()),
        ("new", now.as_str()),
    ];
    if a.role.is_none() {
        // Reading a role into a text that still names none changes no
        // statement of the text: only a stated role is a clarification.
        if !b.inferred.contains(&RecipientField::Role) {
            e.templated(RuleId::RecipientRoleClarified, place, "/role", &vars);
        }
        return;
    }
    e.templated(RuleId::RecipientRoleChanged, place, "/role", &vars);
}

/// A hosting share moved: the recipient already receives the data, so the
/// move is a minor finding of its own, not a changed condition.
fn recipient_share(e: &mut Engine<'_>, place: &Place, label: &str, a: &Recipient, b: &Recipient) {
    if a.share == b.share {
        return;
    }
    let text =
        |s: Option<crate::Share>| s.map_or_else(|| "no stated share".to_owned(), |s| words(&s));
    let (was, now) = (text(a.share), text(b.share));
    e.templated(
        RuleId::RecipientShareChanged,
        place,
        "/share",
        &[("label", label), ("old", &was), ("new", &now)],
    );
}

fn recipient_condition(
    e: &mut Engine<'_>,
    place: &Place,
    label: &str,
    a: &Recipient,
    b: &Recipient,
) {
    let (rule, was, now) = match (&a.condition, &b.condition) {
        (None, Some(c)) => (RuleId::RecipientConditionAdded, String::new(), quote(c)),
        (Some(c), None) => (RuleId::RecipientConditionRemoved, quote(c), String::new()),
        (Some(x), Some(y)) if !same_text(x, y) => {
            (RuleId::RecipientConditionChanged, quote(x), quote(y))
        }
        _ => return,
    };
    e.templated(
        rule,
        place,
        "/condition",
        &[("label", label), ("old", &was), ("new", &now)],
    );
}

#[rustfmt::skip]
const TRANSFERS: Keyed<Transfer> = Keyed {
    collection: Some(Collection::Transfers), field: "/transfers", key: |t| t.id.as_str(),
    label: |_, t| format!("transfer `{}`", t.id),
    detail: None,
    vars: |_, t| vec![
        ("id", t.id.to_string()),
        ("destination", quote(&t.destination)),
        ("recipients", list(&t.recipients)),
        ("safeguards", safeguards(&t.safeguards)),
    ],
    added: |_, _| (RuleId::TransferAdded, None),
    removed: |_, _| (RuleId::TransferRemoved, None),
    fields: &[
        Field::Custom(destination),
        Field::References,
        Field::Custom(transfer_safeguards),
        Field::Custom(|e, place, label, a, b| {
            inferred_fields(e, place, label, (&a.inferred, &b.inferred), |f| match f {
                TransferField::Safeguards => (same_set(&a.safeguards, &b.safeguards), safeguards(&b.safeguards)),
                TransferField::Region => (a.region == b.region, b.region.map_or_else(|| "no region".to_owned(), |r| words(&r))),
            });
        }),
        Field::Description(|t| &t.description),
        Field::Sections(|t| &t.sections),
    ],
};

/// A transfer's safeguards: first stated (a clarification, one finding), or
/// added and removed one by one.
fn transfer_safeguards(e: &mut Engine<'_>, place: &Place, label: &str, a: &Transfer, b: &Transfer) {
    if a.safeguards.is_empty() && !b.safeguards.is_empty() {
        if !b.inferred.contains(&TransferField::Safeguards) {
            let now = safeguards(&b.safeguards);
            let vars = [("label", label), ("new", now.as_str())];
            e.templated(
                RuleId::TransferSafeguardsClarified,
                place,
                "/safeguards",
                &vars,
            );
        }
        return;
    }
    let rules: &[Field<Transfer>] = &[Field::Set {
        field: "/safeguards",
        get: |t| {
            t.safeguards
                .iter()
                .map(|s| format!("{} ({})", s.label(), s.article()))
                .collect()
        },
        added: RuleId::TransferSafeguardAdded,
        removed: RuleId::TransferSafeguardRemoved,
    }];
    e.fields_keyed(rules, place, label, b.id.as_str(), a, b);
}

#[rustfmt::skip]
const RETENTION: Keyed<RetentionRule> = Keyed {
    collection: Some(Collection::Retention), field: "/retention", key: |r| r.id.as_str(),
    label: |_, r| format!("retention rule `{}`", r.id),
    detail: Some(|r| retention::describe(&r.retention)),
    vars: |_, r| vec![
        ("id", r.id.to_string()),
        ("data", list(&r.data)),
        ("keep", keep(&r.retention)),
        ("retention", retention::describe(&r.retention)),
        ("have", if r.data.len() == 1 { "has" } else { "have" }.to_owned()),
    ],
    added: |_, _| (RuleId::RetentionRuleAdded, None),
    // Removed with all the data it covered: nothing is left without a retention.
    removed: |e, r| {
        let gone = r.data.iter().all(|d| e.data_removed_with_category(d.as_str()));
        if gone && !r.data.is_empty() {
            (RuleId::RetentionRuleRemovedWithData, None)
        } else {
            (RuleId::RetentionRuleRemoved, None)
        }
    },
    fields: &[
        Field::Custom(retention_period),
        Field::References,
        Field::Description(|r| &r.description),
        Field::Sections(|r| &r.sections),
    ],
};

/// Longer or shorter: retention periods compare by their upper bound.
fn retention_period(
    e: &mut Engine<'_>,
    place: &Place,
    label: &str,
    a: &RetentionRule,
    b: &RetentionRule,
) {
    let (rule, why) = match retention::compare(&a.retention, &b.retention) {
        Comparison::Same => return,
        Comparison::ReasonReworded => (RuleId::RetentionReasonChanged, String::new()),
        Comparison::Longer => (RuleId::RetentionExtended, String::new()),
        Comparison::Shorter => (RuleId::RetentionShortened, String::new()),
        Comparison::Incomparable(why) => (RuleId::RetentionIncomparable, why),
    };
    let (was, now) = (
        retention::describe(&a.retention),
        retention::describe(&b.retention),
    );
    let vars = [
        ("label", label),
        ("old", &was),
        ("new", &now),
        ("why", &why),
    ];
    e.templated(rule, place, "/retention", &vars);
}

#[rustfmt::skip]
const RIGHTS: Keyed<RightStatement> = Keyed {
    collection: Some(Collection::Rights), field: "/rights", key: |r| r.right.key(),
    label: |_, r| format!("the {}", r.right.label()),
    detail: None,
    vars: |_, r| vec![("right", r.right.label().to_owned()), ("article", r.right.article().to_owned())],
    added: |_, _| (RuleId::RightAdded, None),
    removed: |_, _| (RuleId::RightRemoved, None),
    fields: &[
        Field::Custom(exercise),
        Field::Custom(|e, place, label, a, b| e.keyed(&CAVEATS, Some((place, label)), &a.caveats, &b.caveats)),
        Field::Description(|r| &r.description),
        Field::Sections(|r| &r.sections),
    ],
};

#[rustfmt::skip]
const CAVEATS: Keyed<Caveat> = Keyed {
    collection: None, field: "/caveats", key: |c| c.id.as_str(),
    label: |right, c| format!("caveat `{}` of {right}", c.id),
    detail: None,
    vars: |right, c| vec![("id", c.id.to_string()), ("right", right.to_owned()), ("description", quote(&c.description))],
    added: |_, _| (RuleId::CaveatAdded, None),
    removed: |_, _| (RuleId::CaveatRemoved, None),
    fields: &[Field::Description(|c| &c.description), Field::Sections(|c| &c.sections)],
};

/// Exercise methods, keyed by channel and contact.
fn exercise(
    e: &mut Engine<'_>,
    place: &Place,
    label: &str,
    a: &RightStatement,
    b: &RightStatement,
) {
    let how = |m: &ExerciseMethod| {
        let channel = match m.channel {
            Channel::Email => "e-mail",
            Channel::MatrixMessage => "a Matrix message",
            Channel::ClientSettings => "the client's settings",
            Channel::AccountDeactivation => "deactivating the account",
            Channel::Web => "a web page or form",
            Channel::Post => "post",
        };
        match &m.contact {
            Some(c) => format!("{channel} to contact `{c}`"),
            None => channel.to_owned(),
        }
    };
    let (old, new) = (&place.old, &place.new);
    let key = |m: &ExerciseMethod| (m.channel, m.contact.as_ref().map(|c| c.as_str().to_owned()));
    for pairing in pair_by(&a.exercise, &b.exercise, key) {
        match pairing {
            Pairing::Removed(k, m) => e.emit(
                RuleId::ExerciseMethodRemoved,
                At::BothOld(format!("{old}/exercise/{k}"), format!("{new}/exercise")),
                format!("{label} can no longer be exercised by {}", how(m)),
            ),
            Pairing::Added(k, m) => e.emit(
                RuleId::ExerciseMethodAdded,
                At::Both(format!("{old}/exercise"), format!("{new}/exercise/{k}")),
                format!("{label} can now be exercised by {}", how(m)),
            ),
            Pairing::Matched(k, x, l, y) => {
                let method =
                    Place::new(format!("{old}/exercise/{k}"), format!("{new}/exercise/{l}"));
                let method_label = format!("the way to exercise {label} by {}", how(y));
                let whose = format!("{method_label}:");
                e.link(
                    RuleId::LinkChanged,
                    &method,
                    "/url",
                    (&whose, ""),
                    x.url.as_ref(),
                    y.url.as_ref(),
                );
                e.fields(
                    &[Field::Description(|m: &ExerciseMethod| &m.description)],
                    &method,
                    &method_label,
                    x,
                    y,
                );
            }
        }
    }
}

#[rustfmt::skip]
const SECURITY_MEASURES: Keyed<SecurityMeasure> = Keyed {
    collection: Some(Collection::SecurityMeasures), field: "/security_measures", key: |m| m.id.as_str(),
    label: |_, m| format!("security measure `{}`", m.id),
    detail: None,
    vars: |_, m| vec![("id", m.id.to_string()), ("kind", words(&m.kind))],
    added: |_, _| (RuleId::SecurityMeasureAdded, None),
    removed: |_, _| (RuleId::SecurityMeasureRemoved, None),
    fields: &[
        Field::Choice { field: "/kind", get: |m| words(&m.kind), rule: RuleId::SecurityMeasureKindChanged },
        Field::References,
        Field::Custom(parameters),
        Field::Description(|m| &m.description),
        Field::Sections(|m| &m.sections),
    ],
};

/// A transfer's destination: typed regions compare as sets of countries at
/// the new release's date (the UK was in the EU until 2020-01-31); the text
/// is compared only where a side has no region.
fn destination(e: &mut Engine<'_>, place: &Place, label: &str, a: &Transfer, b: &Transfer) {
    let same_words = same_text(&a.destination, &b.destination);
    let rule = match (a.region, b.region) {
        (Some(x), Some(y)) => match Region::compare(x, y, uk_in_eu_at(e.new)) {
            RegionMove::Same if same_words => return,
            RegionMove::Same => RuleId::TransferDestinationRestated,
            RegionMove::Narrowed => RuleId::TransferDestinationNarrowed,
            RegionMove::Widened => RuleId::TransferDestinationWidened,
            RegionMove::Incomparable => RuleId::TransferDestinationChanged,
        },
        _ if same_words && a.region == b.region => return,
        _ => RuleId::TransferDestinationChanged,
    };
    let (was, now) = (region_text(a), region_text(b));
    let vars = [
        ("label", label),
        ("old", was.as_str()),
        ("new", now.as_str()),
    ];
    e.templated(rule, place, "/destination", &vars);
}

fn region_text(t: &Transfer) -> String {
    match t.region {
        Some(r) => format!("{} ({})", quote(&t.destination), words(&r)),
        None => quote(&t.destination),
    }
}

/// Whether the UK was an EU member on the new release's date (its own
/// history entry); without a date, today's membership (not a member).
fn uk_in_eu_at(p: &Policy) -> bool {
    let (y, m, d) = crate::UK_LEFT_EU_AFTER;
    p.history
        .iter()
        .find(|r| r.version == p.version)
        .and_then(|r| chrono::NaiveDate::from_ymd_opt(y, m, d).map(|end| r.date.last_day() <= end))
        .unwrap_or(false)
}

/// Security parameters, keyed by name; a value moves in its stated stronger direction.
fn parameters(
    e: &mut Engine<'_>,
    place: &Place,
    label: &str,
    a: &SecurityMeasure,
    b: &SecurityMeasure,
) {
    let (old, new) = (&place.old, &place.new);
    for pairing in pair_by(&a.parameters, &b.parameters, |p| p.name.as_str()) {
        let (rule, at, x, y, why) = match pairing {
            Pairing::Removed(k, x) => {
                let at = At::BothOld(format!("{old}/parameters/{k}"), format!("{new}/parameters"));
                (RuleId::ParameterRemoved, at, x, x, "")
            }
            Pairing::Added(k, y) => {
                let at = At::Both(format!("{old}/parameters"), format!("{new}/parameters/{k}"));
                (RuleId::ParameterAdded, at, y, y, "")
            }
            Pairing::Matched(k, x, l, y) => {
                let at = At::Both(
                    format!("{old}/parameters/{k}"),
                    format!("{new}/parameters/{l}"),
                );
                match x.strength_move(y) {
                    Ok(StrengthMove::Stronger) => (RuleId::ParameterStrengthened, at, x, y, ""),
                    Ok(StrengthMove::Same) if x == y => continue,
                    Ok(StrengthMove::Same) => (RuleId::ParameterRestated, at, x, y, ""),
                    Ok(StrengthMove::Weaker) => (RuleId::ParameterWeakened, at, x, y, ""),
                    Err(why) => (RuleId::ParameterChanged, at, x, y, why.reason()),
                }
            }
        };
        let (was, now) = (parameter_text(x), parameter_text(y));
        let (name, stronger) = (y.name.as_str(), direction(y.stronger));
        let vars = [
            ("label", label),
            ("name", name),
            ("old", &was),
            ("new", &now),
            ("stronger", stronger),
            ("why", why),
        ];
        e.emit(rule, at, fill(rule, &vars));
    }
}

fn value_text(v: &ParameterValue) -> String {
    match v {
        ParameterValue::Bool(b) => b.to_string(),
        ParameterValue::Integer(i) => i.to_string(),
        ParameterValue::Text(t) => quote(t),
    }
}

/// A parameter's value with its unit and, where it differs, the text's words.
fn parameter_text(p: &Parameter) -> String {
    let mut text = value_text(&p.value);
    if let Some(unit) = p.unit {
        text.push(' ');
        text.push_str(&words(&unit));
    }
    if let Some(stated) = &p.as_stated {
        text.push_str(&format!(" (stated {})", quote(stated)));
    }
    if !p.inferred.is_empty() {
        text.push_str(" (inferred)");
    }
    text
}

fn direction(s: Option<Stronger>) -> &'static str {
    match s {
        Some(Stronger::Higher) => "higher",
        Some(Stronger::Lower) => "lower",
        None => "neither",
    }
}

#[rustfmt::skip]
const VISIBILITY: Keyed<VisibilityOption> = Keyed {
    collection: Some(Collection::HistoryVisibility), field: "/history_visibility", key: |v| v.id.as_str(),
    label: |_, v| format!("history visibility setting `{}`", v.id),
    detail: None,
    vars: |_, v| {
        let public = if v.public { "public" } else { "not public" };
        vec![("id", v.id.to_string()), ("public", public.to_owned()), ("description", quote(&v.description))]
    },
    added: |_, _| (RuleId::VisibilityOptionAdded, None),
    removed: |_, _| (RuleId::VisibilityOptionRemoved, None),
    fields: &[
        Field::Flag { field: "/public", get: |v| v.public, on: RuleId::VisibilityOptionNowPublic, off: RuleId::VisibilityOptionNoLongerPublic },
        Field::Choice { field: "/openness", get: |v| v.openness.to_string(), rule: RuleId::VisibilityOptionChanged },
        Field::Description(|v| &v.description),
        Field::Sections(|v| &v.sections),
    ],
};

/// A statement added or removed: a commitment has its own rule (whose
/// template is the flag change), so the message is composed here.
fn statement_entry(
    s: &Statement,
    change: &str,
    commitment: RuleId,
    statement: RuleId,
) -> (RuleId, Option<String>) {
    let (rule, what) = if s.commitment {
        (commitment, "commitment")
    } else {
        (statement, "statement")
    };
    (
        rule,
        Some(format!("{what} `{}` {change}: {}", s.id, quote(&s.text))),
    )
}

#[rustfmt::skip]
const STATEMENTS: Keyed<Statement> = Keyed {
    collection: Some(Collection::Statements), field: "/statements", key: |s| s.id.as_str(),
    label: |_, s| format!("statement `{}`", s.id),
    detail: None,
    vars: |_, s| vec![("id", s.id.to_string())],
    added: |_, s| statement_entry(s, "added", RuleId::CommitmentAdded, RuleId::StatementAdded),
    removed: |_, s| statement_entry(s, "removed", RuleId::CommitmentRemoved, RuleId::StatementRemoved),
    fields: &[
        Field::Flag { field: "/commitment", get: |s| s.commitment, on: RuleId::CommitmentAdded, off: RuleId::CommitmentRemoved },
        Field::Custom(|e, place, _, a, b| {
            if same_text(&a.text, &b.text) {
                return;
            }
            let (rule, message) = if a.commitment && b.commitment {
                let message = format!("commitment `{}` reworded: {} → {}", b.id, quote(&a.text), quote(&b.text));
                (RuleId::CommitmentChanged, message)
            } else {
                (RuleId::StatementChanged, format!("statement `{}` reworded: now {}", b.id, quote(&b.text)))
            };
            e.emit(rule, place.at("/text"), message);
        }),
        Field::Sections(|s| &s.sections),
    ],
};

fn document(e: &mut Engine<'_>) {
    let (o, n) = (e.old, e.new);
    let top = Place::new("", "");
    if !same_text(&o.title, &n.title) {
        let (was, now) = (quote(&o.title), quote(&n.title));
        e.templated(
            RuleId::TitleChanged,
            &top,
            "/title",
            &[("old", &was), ("new", &now)],
        );
    }
    if o.language.trim() != n.language.trim() {
        let (was, now) = (quote(&o.language), quote(&n.language));
        e.templated(
            RuleId::LanguageChanged,
            &top,
            "/language",
            &[("old", &was), ("new", &now)],
        );
    }
    let whose = ("the document's", "");
    e.link(
        RuleId::LinkChanged,
        &top,
        "/url",
        whose,
        o.url.as_ref(),
        n.url.as_ref(),
    );
}

const CONTROLLER: &[Field<Controller>] = &[
    Field::Custom(|e, place, _, o, n| {
        let who = |c: &Controller| match &c.legal_form {
            Some(f) => format!("{} ({})", quote(&c.name), plain(f, 80)),
            None => quote(&c.name),
        };
        let same_name = same_text(&o.name, &n.name);
        if !same_name || !same_opt_text(o.legal_form.as_deref(), n.legal_form.as_deref()) {
            let field = if same_name { "/legal_form" } else { "/name" };
            let message = format!("the controller changed from {} to {}", who(o), who(n));
            e.emit(RuleId::ControllerChanged, place.at(field), message);
        }
        if o.incorporated != n.incorporated {
            let date = |d: Option<&crate::PartialDate>| {
                d.map_or_else(|| "none".to_owned(), |d| d.to_string())
            };
            let message = format!(
                "the controller's incorporation date changed: {} → {}",
                date(o.incorporated.as_ref()),
                date(n.incorporated.as_ref())
            );
            e.emit(
                RuleId::ControllerDetailsChanged,
                place.at("/incorporated"),
                message,
            );
        }
        if !same_address(o.address.as_ref(), n.address.as_ref()) {
            let message = format!(
                "the controller's address changed: {} → {}",
                describe_address(o.address.as_ref()),
                describe_address(n.address.as_ref())
            );
            e.emit(
                RuleId::ControllerAddressChanged,
                place.at("/address"),
                message,
            );
        }
        let whose = "the controller's website";
        e.link(
            RuleId::LinkChanged,
            place,
            "/website",
            (whose, ""),
            o.website.as_ref(),
            n.website.as_ref(),
        );
    }),
    Field::Description(|c| &c.description),
    Field::Sections(|c| &c.sections),
];

fn controller(e: &mut Engine<'_>) {
    let place = Place::new("/controller", "/controller");
    let (o, n) = (&e.old.controller, &e.new.controller);
    e.fields(CONTROLLER, &place, "the controller", o, n);
}

fn same_address(a: Option<&PostalAddress>, b: Option<&PostalAddress>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.lines.len() == b.lines.len()
                && a.lines.iter().zip(&b.lines).all(|(x, y)| same_text(x, y))
                && same_text(&a.locality, &b.locality)
                && same_opt_text(a.postal_code.as_deref(), b.postal_code.as_deref())
                && a.country.trim() == b.country.trim()
        }
        _ => false,
    }
}

fn describe_address(a: Option<&PostalAddress>) -> String {
    let Some(a) = a else {
        return "none".to_owned();
    };
    let mut parts: Vec<&str> = a.lines.iter().map(String::as_str).collect();
    parts.push(&a.locality);
    parts.extend(a.postal_code.as_deref());
    parts.push(&a.country);
    quote(&parts.join(", "))
}

#[rustfmt::skip]
const CHILDREN: Keyed<Children> = Keyed {
    collection: None, field: "/children", key: |_| "",
    label: |_, _| "the statement on children".to_owned(),
    detail: None,
    vars: |_, c| vec![("age", c.minimum_age.to_string())],
    added: |_, _| (RuleId::MinimumAgeAdded, None),
    removed: |_, _| (RuleId::MinimumAgeRemoved, None),
    fields: &[
        Field::Custom(|e, place, _, a, b| {
            let rule = match b.minimum_age.cmp(&a.minimum_age) {
                std::cmp::Ordering::Less => RuleId::MinimumAgeLowered,
                std::cmp::Ordering::Greater => RuleId::MinimumAgeRaised,
                std::cmp::Ordering::Equal => return,
            };
            let (was, now) = (a.minimum_age.to_string(), b.minimum_age.to_string());
            e.templated(rule, place, "/minimum_age", &[("old", &was), ("new", &now)]);
        }),
        Field::Description(|c| &c.description),
        Field::Sections(|c| &c.sections),
    ],
};

/// Profiling and automated decisions: stated, unstated, started, stopped.
#[rustfmt::skip]
fn profiling(e: &mut Engine<'_>) {
    let (o, n) = (e.old.profiling.as_ref(), e.new.profiling.as_ref());
    let at = |field: &str| match (o, n) {
        (Some(_), Some(_)) => At::Both(format!("/profiling{field}"), format!("/profiling{field}")),
        (None, _) => At::New(format!("/profiling{field}")),
        (_, None) => At::Old(format!("/profiling{field}")),
    };
    let performed = match (o.map(|p| p.performed), n.map(|p| p.performed)) {
        (a, Some(true)) if a != Some(true) => Some((RuleId::ProfilingStarted, "/performed")),
        (Some(true), Some(false)) => Some((RuleId::ProfilingStopped, "/performed")),
        (None, Some(false)) => Some((RuleId::ProfilingStatementAdded, "")),
        (Some(_), None) => Some((RuleId::ProfilingStatementRemoved, "")),
        _ => None,
    };
    if let Some((rule, field)) = performed {
        let was = if o.is_some_and(|p| p.performed) { "are" } else { "are not" };
        e.emit(rule, at(field), fill(rule, &[("was", was)]));
    }
    let decisions = match (o.and_then(|p| p.automated_decisions), n.and_then(|p| p.automated_decisions)) {
        (a, Some(true)) if a != Some(true) => Some(RuleId::AutomatedDecisionsStarted),
        (Some(true), b) if b != Some(true) => Some(RuleId::AutomatedDecisionsStopped),
        (None, Some(false)) => Some(RuleId::AutomatedDecisionsStatementAdded),
        (Some(false), None) => Some(RuleId::AutomatedDecisionsStatementRemoved),
        _ => None,
    };
    if let Some(rule) = decisions {
        e.emit(rule, at("/automated_decisions"), fill(rule, &[]));
    }
    if let (Some(a), Some(b)) = (o, n) {
        let place = Place::new("/profiling", "/profiling");
        let fields = [Field::Description(|p: &Profiling| &p.description), Field::Sections(|p: &Profiling| &p.sections)];
        e.fields(&fields, &place, "the statement on profiling", a, b);
    }
}

fn authority(s: &SupervisoryAuthority) -> String {
    format!("{} ({})", quote(&s.name), plain(&s.country, 10))
}

#[rustfmt::skip]
const SUPERVISORY_AUTHORITY: Keyed<SupervisoryAuthority> = Keyed {
    collection: None, field: "/supervisory_authority", key: |_| "",
    label: |_, _| "the supervisory authority".to_owned(),
    detail: None,
    vars: |_, _| Vec::new(),
    added: |_, s| {
        let message = format!("the supervisory authority is now stated: {}", authority(s));
        (RuleId::SupervisoryAuthorityChanged, Some(message))
    },
    removed: |_, s| {
        let message = format!("the supervisory authority is no longer stated (was {})", authority(s));
        (RuleId::SupervisoryAuthorityChanged, Some(message))
    },
    fields: &[
        Field::Custom(|e, place, _, a, b| {
            if !same_text(&a.name, &b.name) || a.country.trim() != b.country.trim() {
                let message = format!("the supervisory authority changed from {} to {}", authority(a), authority(b));
                e.emit(RuleId::SupervisoryAuthorityChanged, place.at(""), message);
            }
        }),
        Field::Link { field: "/url", get: |s| s.url.as_ref(), rule: RuleId::LinkChanged },
        Field::Sections(|s| &s.sections),
    ],
};

#[rustfmt::skip]
const RELATED_DOCUMENTS: Keyed<RelatedDocument> = Keyed {
    collection: Some(Collection::RelatedDocuments), field: "/related_documents", key: |d| d.id.as_str(),
    label: |_, d| format!("related document `{}`", d.id),
    detail: None,
    vars: |_, d| vec![("id", d.id.to_string()), ("title", quote(&d.title))],
    added: |_, _| (RuleId::RelatedDocumentAdded, None),
    removed: |_, _| (RuleId::RelatedDocumentRemoved, None),
    fields: &[
        Field::Custom(|e, place, label, a, b| {
            // Title and kind describe the document; the processing is the same.
            if !same_text(&a.title, &b.title) {
                let message = format!("{label} retitled: {} → {}", quote(&a.title), quote(&b.title));
                e.emit(RuleId::NameChanged, place.at("/title"), message);
            }
            if a.kind != b.kind {
                let message = format!("{label} is now classed as {} (was {})", words(&b.kind), words(&a.kind));
                e.emit(RuleId::DescriptionChanged, place.at("/kind"), message);
            }
        }),
        Field::Link { field: "/url", get: |d| d.url.as_ref(), rule: RuleId::LinkChanged },
        Field::Description(|d| &d.description),
        Field::Sections(|d| &d.sections),
    ],
};

/// The history, keyed by version: appended, back-filled, rewritten, removed.
#[rustfmt::skip]
fn history(e: &mut Engine<'_>) {
    let (old, new) = (&e.old.history, &e.new.history);
    let old_version = e.old.version.to_string();
    for pairing in pair_by(old, new, |h| &h.version) {
        let (rule, at, entry, what) = match pairing {
            Pairing::Removed(i, h) => (RuleId::HistoryEntryRemoved, At::Old(format!("/history/{i}")), h, String::new()),
            Pairing::Added(j, h) if h.version.cmp_precedence(&e.old.version).is_gt() => {
                (RuleId::HistoryEntryAdded, At::New(format!("/history/{j}")), h, String::new())
            }
            Pairing::Added(j, h) => (RuleId::HistoryEntryBackfilled, At::New(format!("/history/{j}")), h, String::new()),
            Pairing::Matched(i, a, j, b) => {
                let mut what = Vec::new();
                let mut field = "";
                if a.date != b.date {
                    what.push(format!("date {} → {}", a.date, b.date));
                    field = "/date";
                }
                if !same_text(&a.summary, &b.summary) {
                    what.push(format!("summary {} → {}", quote(&a.summary), quote(&b.summary)));
                    field = if what.len() == 1 { "/summary" } else { "" };
                }
                if what.is_empty() {
                    continue;
                }
                let at = Place::new(format!("/history/{i}"), format!("/history/{j}")).at(field);
                (RuleId::HistoryRewritten, at, b, what.join("; "))
            }
        };
        let (version, date, summary) = (entry.version.to_string(), entry.date.to_string(), quote(&entry.summary));
        let vars = [("version", version.as_str()), ("date", &date), ("summary", &summary), ("old_version", &old_version), ("what", &what)];
        e.emit(rule, at, fill(rule, &vars));
    }
}
