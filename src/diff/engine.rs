//! The diff engine: a generic differ of keyed collections, driven by the
//! declarative descriptions in [`super::collections`].
//!
//! Each collection is matched by key ([`pair_by`]); unmatched entries go to
//! the description's added and removed hooks, and matched pairs through its
//! list of [`Field`] rules: reference sets (read from the model's graph,
//! [`crate::model::graph::REFERENCES`]), flags, vocabulary choices, free
//! text, links, wording, or a custom hook for the irregular cases. Messages
//! come from the templates kept with each rule in the catalog
//! ([`super::rules`]). The engine never decides a bump: that is the
//! catalog's job. Every collection is indexed once, so the whole diff is
//! linear in the size of the documents.

use std::collections::HashSet;
use std::fmt::Display;
use std::hash::Hash;

use super::matching::{Pairing, pair_by, set_changes};
use super::text::{describe_sections, opt_url, quote, same_sections, same_text};
use super::{Change, Diff, RuleId, collections};
use crate::model::graph::{Collection, REFERENCES};
use crate::{Id, Policy, Url};

/// Compares two policies and lists every change, each with its rule.
///
/// Never fails and never panics: any two values of [`Policy`] compare.
/// Documents that the loader would reject (duplicate ids) still compare: the
/// first entity with an id stands for it.
///
/// ```
/// # use matrix_privacy_policy::{Policy, diff};
/// # let policy: Policy = serde_json::from_str(include_str!("../../tests/fixtures/diff/base.json"))?;
/// let changes = diff::diff(&policy, &policy);
/// assert!(changes.is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn diff(old: &Policy, new: &Policy) -> Diff {
    let mut engine = Engine {
        old,
        new,
        out: Vec::new(),
        new_data: None,
        old_data: None,
    };
    collections::compare(&mut engine);
    Diff {
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        changes: engine.out,
    }
}

/// The state of one comparison: both documents and the changes so far.
pub(super) struct Engine<'a> {
    pub(super) old: &'a Policy,
    pub(super) new: &'a Policy,
    out: Vec<Change>,
    /// Data category ids of the new document, built on first use.
    new_data: Option<HashSet<&'a str>>,
    /// Data category ids of the old document, built on first use.
    old_data: Option<HashSet<&'a str>>,
}

/// Where a change is.
pub(super) enum At {
    /// Only in the new document (an addition).
    New(String),
    /// Only in the old document (a removal).
    Old(String),
    /// In both; the change is in the new one.
    Both(String, String),
    /// In both; the change is a removal from the old one.
    BothOld(String, String),
}

/// A matched pair of entries: their pointers in the old and the new document.
pub(super) struct Place {
    pub(super) old: String,
    pub(super) new: String,
}

impl Place {
    pub(super) fn new(old: impl Into<String>, new: impl Into<String>) -> Self {
        Place {
            old: old.into(),
            new: new.into(),
        }
    }

    /// Both pointers, extended by `field`.
    pub(super) fn at(&self, field: &str) -> At {
        At::Both(
            format!("{}{field}", self.old),
            format!("{}{field}", self.new),
        )
    }
}

/// One rule of a matched pair of entries of type `T`.
pub(super) enum Field<T: 'static> {
    /// Every reference list of the model's graph that leaves the
    /// collection, with the rules and messages the graph names.
    References,
    /// A set of vocabulary values: added and removed elements, each shown by `show`.
    Set {
        field: &'static str,
        get: fn(&T) -> Vec<String>,
        added: RuleId,
        removed: RuleId,
    },
    /// A flag: `on` when it turns true, `off` when it turns false.
    Flag {
        field: &'static str,
        get: fn(&T) -> bool,
        on: RuleId,
        off: RuleId,
    },
    /// A value shown in words (a vocabulary value or a rank), compared as shown.
    Choice {
        field: &'static str,
        get: fn(&T) -> String,
        rule: RuleId,
    },
    /// An optional web address.
    Link {
        field: &'static str,
        get: fn(&T) -> Option<&Url>,
        rule: RuleId,
    },
    /// The entry's name (`name-changed`).
    Name(fn(&T) -> &str),
    /// The entry's description (`description-changed`).
    Description(fn(&T) -> &str),
    /// The sections of the text the entry cites, by id (`sections-changed`);
    /// a section renamed or renumbered in the table is not a change here.
    Sections(fn(&T) -> &[Id]),
    /// Anything irregular, in code.
    Custom(fn(&mut Engine<'_>, &Place, &str, &T, &T)),
}

/// A keyed collection, described for [`Engine::keyed`].
pub(super) struct Keyed<T: 'static> {
    /// The model's graph collection, for reference lists (none for nested collections).
    pub(super) collection: Option<Collection>,
    /// Where the collection is, relative to its parent (`/recipients`).
    pub(super) field: &'static str,
    /// The key entries are matched by.
    pub(super) key: fn(&T) -> &str,
    /// What a matched entry is called in messages (`recipient `cdn``),
    /// given what its parent is called (empty at the top of the document).
    pub(super) label: fn(&str, &T) -> String,
    /// Extra text for `{detail}` in reference messages.
    pub(super) detail: Option<fn(&T) -> String>,
    /// The placeholders of the added and removed messages of an entry
    /// (`{id}`, `{name}`, …), given what its parent is called.
    pub(super) vars: fn(&str, &T) -> Vec<(&'static str, String)>,
    /// The rule of an entry only in the new document, and its message when
    /// it is not the rule's template.
    pub(super) added: fn(&mut Engine<'_>, &T) -> (RuleId, Option<String>),
    /// The rule of an entry only in the old document, and its message when
    /// it is not the rule's template.
    pub(super) removed: fn(&mut Engine<'_>, &T) -> (RuleId, Option<String>),
    /// The rules of a matched pair, in the order they report.
    pub(super) fields: &'static [Field<T>],
}

impl<T> Keyed<T> {
    /// The catalog message of `rule` for `entry`.
    fn message(&self, rule: RuleId, parent_label: &str, entry: &T) -> String {
        let vars = (self.vars)(parent_label, entry);
        let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(rule, &vars)
    }
}

/// Rules whose reference removals are not reported when the referenced data
/// category itself was removed (that is reported once, as `data-category-removed`).
const IMPLIED_BY_CATEGORY_REMOVAL: &[RuleId] = &[
    RuleId::RetentionDataRemoved,
    RuleId::SecurityMeasureScopeReduced,
];

/// Reference lists whose first ids are one finding reported by another
/// rule, not an addition per id: a recipient's `receives` going from "not
/// stated" to a list (`recipient-receives-clarified`), and the holders
/// named when a data category leaves the controller's hands
/// (`data-category-no-longer-held-by-controller`).
const FIRST_LIST_REPORTED_ELSEWHERE: &[(Collection, &str)] = &[
    (Collection::Recipients, "receives"),
    (Collection::DataCategories, "held_by"),
];

impl<'a> Engine<'a> {
    pub(super) fn emit(&mut self, rule: RuleId, at: At, message: String) {
        let (pointer, old_pointer, new_pointer) = match at {
            At::New(n) => (n.clone(), None, Some(n)),
            At::Old(o) => (o.clone(), Some(o), None),
            At::Both(o, n) => (n.clone(), Some(o), Some(n)),
            At::BothOld(o, n) => (o.clone(), Some(o), Some(n)),
        };
        // Messages are one line whatever the input holds.
        let message = if message.chars().any(char::is_control) {
            message
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect()
        } else {
            message
        };
        self.out.push(Change {
            rule,
            pointer,
            old_pointer,
            new_pointer,
            message,
        });
    }

    /// Emits `rule` at `field` of a matched pair, with its catalog message.
    pub(super) fn templated(
        &mut self,
        rule: RuleId,
        place: &Place,
        field: &str,
        vars: &[(&str, &str)],
    ) {
        self.emit(rule, place.at(field), fill(rule, vars));
    }

    /// A data reference that disappears only because the category itself was
    /// removed from the document.
    pub(super) fn data_removed_with_category(&mut self, id: &str) -> bool {
        let (old, new) = (self.old, self.new);
        let in_new = self
            .new_data
            .get_or_insert_with(|| new.data_categories.iter().map(|d| d.id.as_str()).collect())
            .contains(id);
        !in_new
            && self
                .old_data
                .get_or_insert_with(|| old.data_categories.iter().map(|d| d.id.as_str()).collect())
                .contains(id)
    }

    /// Compares a keyed collection: `parent` is `None` at the top of the
    /// document, or the matched pair the collection is nested in and what
    /// that pair is called.
    pub(super) fn keyed<T: PartialEq>(
        &mut self,
        spec: &Keyed<T>,
        parent: Option<(&Place, &str)>,
        old: &[T],
        new: &[T],
    ) {
        let (old_parent, new_parent) = parent.map_or(("", ""), |(p, _)| (&p.old, &p.new));
        let parent_label = parent.map_or("", |(_, label)| label);
        let field = spec.field;
        for pairing in pair_by(old, new, spec.key) {
            match pairing {
                Pairing::Removed(i, entry) => {
                    let (rule, message) = (spec.removed)(self, entry);
                    let message =
                        message.unwrap_or_else(|| spec.message(rule, parent_label, entry));
                    let at = match parent {
                        None => At::Old(format!("{field}/{i}")),
                        Some(_) => At::BothOld(
                            format!("{old_parent}{field}/{i}"),
                            format!("{new_parent}{field}"),
                        ),
                    };
                    self.emit(rule, at, message);
                }
                Pairing::Added(j, entry) => {
                    let (rule, message) = (spec.added)(self, entry);
                    let message =
                        message.unwrap_or_else(|| spec.message(rule, parent_label, entry));
                    let at = match parent {
                        None => At::New(format!("{field}/{j}")),
                        Some(_) => At::Both(
                            format!("{old_parent}{field}"),
                            format!("{new_parent}{field}/{j}"),
                        ),
                    };
                    self.emit(rule, at, message);
                }
                Pairing::Matched(i, a, j, b) => {
                    let place = Place::new(
                        format!("{old_parent}{field}/{i}"),
                        format!("{new_parent}{field}/{j}"),
                    );
                    let label = (spec.label)(parent_label, b);
                    for rule in spec.fields {
                        if let Field::References = rule {
                            self.references(spec, &place, (i, j), b);
                        } else {
                            self.field(rule, &place, &label, (spec.key)(b), a, b);
                        }
                    }
                }
            }
        }
    }

    /// Compares an optional part of the document (`/children`): newly
    /// stated, no longer stated, or changed field by field.
    pub(super) fn optional<T: PartialEq>(
        &mut self,
        spec: &Keyed<T>,
        old: Option<&T>,
        new: Option<&T>,
    ) {
        let field = spec.field;
        let (entry, at, (rule, message)) = match (old, new) {
            (None, Some(b)) => (b, At::New(field.into()), (spec.added)(self, b)),
            (Some(a), None) => (a, At::Old(field.into()), (spec.removed)(self, a)),
            (Some(a), Some(b)) if a != b => {
                let label = (spec.label)("", b);
                return self.fields(spec.fields, &Place::new(field, field), &label, a, b);
            }
            _ => return,
        };
        let message = message.unwrap_or_else(|| spec.message(rule, "", entry));
        self.emit(rule, at, message);
    }

    /// Applies the field rules of a pair that is not in a keyed collection
    /// (the controller, the statement on children, …).
    pub(super) fn fields<T>(
        &mut self,
        fields: &[Field<T>],
        place: &Place,
        label: &str,
        a: &T,
        b: &T,
    ) {
        for rule in fields {
            self.field(rule, place, label, "", a, b);
        }
    }

    /// Like [`Engine::fields`], for a pair of a keyed collection whose key
    /// (`{id}` in messages) is `id`.
    pub(super) fn fields_keyed<T>(
        &mut self,
        fields: &[Field<T>],
        place: &Place,
        label: &str,
        id: &str,
        a: &T,
        b: &T,
    ) {
        for rule in fields {
            self.field(rule, place, label, id, a, b);
        }
    }

    fn field<T>(&mut self, rule: &Field<T>, place: &Place, label: &str, id: &str, a: &T, b: &T) {
        match rule {
            Field::References => {}
            Field::Set {
                field,
                get,
                added,
                removed,
            } => {
                let (old, new) = (get(a), get(b));
                self.set(
                    place,
                    field,
                    &old,
                    &new,
                    (*added, *removed),
                    id,
                    "",
                    |_, _| false,
                );
            }
            Field::Flag {
                field,
                get,
                on,
                off,
            } => match (get(a), get(b)) {
                (false, true) => self.templated(*on, place, field, &[("label", label), ("id", id)]),
                (true, false) => {
                    self.templated(*off, place, field, &[("label", label), ("id", id)])
                }
                _ => {}
            },
            Field::Choice { field, get, rule } => {
                let (was, now) = (get(a), get(b));
                if was != now {
                    let vars = [("label", label), ("old", &was), ("new", &now)];
                    self.templated(*rule, place, field, &vars);
                }
            }
            Field::Link { field, get, rule } => {
                let whose = format!("{label}'s");
                self.link(*rule, place, field, (&whose, label), get(a), get(b));
            }
            Field::Name(get) => {
                let (was, now) = (get(a), get(b));
                if !same_text(was, now) {
                    let vars = [("label", label), ("old", &quote(was)), ("new", &quote(now))];
                    self.templated(RuleId::NameChanged, place, "/name", &vars);
                }
            }
            Field::Description(get) => {
                let (was, now) = (get(a), get(b));
                if !same_text(was, now) {
                    let vars = [("label", label), ("new", &quote(now))];
                    self.templated(RuleId::DescriptionChanged, place, "/description", &vars);
                }
            }
            Field::Sections(get) => {
                let (was, now) = (get(a), get(b));
                if !same_sections(was, now) {
                    let (was, now) = (
                        describe_sections(self.old, was),
                        describe_sections(self.new, now),
                    );
                    let vars = [("label", label), ("old", &was), ("new", &now)];
                    self.templated(RuleId::SectionsChanged, place, "/sections", &vars);
                }
            }
            Field::Custom(hook) => hook(self, place, label, a, b),
        }
    }

    /// A changed web address; `whose` names its owner (`the controller's
    /// website`), `label` the entry it belongs to.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn link(
        &mut self,
        rule: RuleId,
        place: &Place,
        field: &str,
        (whose, label): (&str, &str),
        a: Option<&Url>,
        b: Option<&Url>,
    ) {
        if a != b {
            let (was, now) = (opt_url(a), opt_url(b));
            let vars = [
                ("whose", whose),
                ("label", label),
                ("old", &was),
                ("new", &now),
            ];
            self.templated(rule, place, field, &vars);
        }
    }

    /// The reference lists of the model's graph that leave `spec`'s collection.
    fn references<T>(&mut self, spec: &Keyed<T>, place: &Place, (i, j): (usize, usize), b: &T) {
        let Some(collection) = spec.collection else {
            return;
        };
        let (old, new) = (self.old, self.new);
        let detail = spec.detail.map(|d| d(b)).unwrap_or_default();
        for edge in REFERENCES.iter().filter(|e| e.from == collection) {
            let (Some(rules), Some(a), Some(b_list)) =
                (edge.diff_rules, edge.list(old, i), edge.list(new, j))
            else {
                continue;
            };
            if a.is_empty()
                && !b_list.is_empty()
                && FIRST_LIST_REPORTED_ELSEWHERE.contains(&(collection, edge.field))
            {
                continue;
            }
            let skip = IMPLIED_BY_CATEGORY_REMOVAL.contains(&rules.1);
            let field = edge.field_pointer();
            let id = (spec.key)(b);
            self.set(place, &field, a, b_list, rules, id, &detail, |e, t| {
                skip && e.data_removed_with_category(t.as_str())
            });
        }
    }

    /// Added and removed elements of a list compared as a set.
    #[allow(clippy::too_many_arguments)]
    fn set<S: Hash + Eq + Display>(
        &mut self,
        place: &Place,
        field: &str,
        old: &[S],
        new: &[S],
        (added, removed): (RuleId, RuleId),
        id: &str,
        detail: &str,
        implied: impl Fn(&mut Self, &S) -> bool,
    ) {
        let (plus, minus) = set_changes(old, new);
        for (i, target) in minus {
            if implied(self, target) {
                continue;
            }
            let target = target.to_string();
            let vars = [("id", id), ("target", &target), ("detail", detail)];
            let at = At::BothOld(
                format!("{}{field}/{i}", place.old),
                format!("{}{field}", place.new),
            );
            self.emit(removed, at, fill(removed, &vars));
        }
        for (j, target) in plus {
            let target = target.to_string();
            let vars = [("id", id), ("target", &target), ("detail", detail)];
            let at = At::Both(
                format!("{}{field}", place.old),
                format!("{}{field}/{j}", place.new),
            );
            self.emit(added, at, fill(added, &vars));
        }
    }
}

/// The catalog's message template of `rule` with its `{name}`s filled in.
///
/// Values are inserted as they are, never re-scanned, so a value cannot
/// inject a placeholder.
pub(crate) fn fill(rule: RuleId, vars: &[(&str, &str)]) -> String {
    let template = rule.rule().message;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}').map(|end| (&after[..end], end)) {
            Some((name, end)) if vars.iter().any(|(n, _)| *n == name) => {
                let value = vars.iter().find(|(n, _)| *n == name).map_or("", |v| v.1);
                out.push_str(value);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_once() {
        let message = fill(
            RuleId::RecipientDataAdded,
            &[("id", "{target}"), ("target", "x")],
        );
        assert_eq!(
            message,
            "recipient `{target}` now receives data category `x`"
        );
    }
}
