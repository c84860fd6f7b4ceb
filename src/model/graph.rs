//! The model's relational structure, stated once.
//!
//! [`Collection`] lists every keyed collection of a [`Policy`] (where it is,
//! which field keys it) and [`REFERENCES`] every reference edge: which field
//! of which collection names entries of which other collection. The loader's
//! uniqueness and dangling-reference checks, the diff's reference-set rules,
//! the synthetic generator and the fuzz edits all read these two tables, so
//! a new reference field is one line of [`REFERENCES`] (and the field in the
//! model). References held outside a collection's entries (the sections the
//! controller, children, profiling, supervisory authority and each caveat
//! cite) are in [`OTHER_REFERENCES`]; [`each_reference_to`] walks both.
//!
//! ```
//! use matrix_privacy_policy::Policy;
//! use matrix_privacy_policy::model::graph::{Collection, REFERENCES};
//!
//! let policy = Policy::canonical();
//! // Every recipient a transfer names is a recipient of the document.
//! let transfers = REFERENCES
//!     .iter()
//!     .find(|r| r.from == Collection::Transfers && r.field == "recipients")
//!     .unwrap();
//! let mut count = 0;
//! transfers.for_each(&policy, &mut |_, _, id| {
//!     assert!(policy.recipient(id.as_str()).is_some());
//!     count += 1;
//! });
//! assert!(count > 0);
//! assert_eq!(transfers.to.pointer(), "/recipients");
//! ```

use crate::diff::RuleId;
use crate::{Id, Policy};

macro_rules! collections {
    ($($(#[$doc:meta])* $variant:ident = $field:ident, $key_field:literal, |$e:ident| $key:expr
        $(, find $finder:ident -> $ty:ty)?;)+) => {
        /// A keyed collection of a [`Policy`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Collection {
            $($(#[$doc])* $variant,)+
        }

        impl Collection {
            /// Every collection, in the order the loader checks them.
            pub const ALL: &'static [Collection] = &[$(Collection::$variant),+];

            /// The collection's field name in the document (`data_categories`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Collection::$variant => stringify!($field),)+
                }
            }

            /// The name of the field that keys an entry (`id`, or `right` for rights).
            pub fn key_field(self) -> &'static str {
                match self {
                    $(Collection::$variant => $key_field,)+
                }
            }

            /// How many entries the collection has in `policy`.
            pub fn len(self, policy: &Policy) -> usize {
                match self {
                    $(Collection::$variant => policy.$field.len(),)+
                }
            }

            /// The key of entry `index`, if there is one.
            pub fn key(self, policy: &Policy, index: usize) -> Option<&str> {
                match self {
                    $(Collection::$variant => policy.$field.get(index).map(|$e| $key),)+
                }
            }
        }

        // The lookups by id (`Policy::recipient("donorbox")`), one per
        // id-keyed collection.
        impl Policy {
            $($(
                #[doc = concat!("The entry of `", stringify!($field), "` with this id.")]
                pub fn $finder(&self, id: &str) -> Option<&$ty> {
                    self.$field.iter().find(|e| e.id == id)
                }
            )?)+
        }
    };
}

collections! {
    /// `sections`: the text's sections, cited by id.
    Sections = sections, "id", |e| e.id.as_str();
    /// `contacts`.
    Contacts = contacts, "id", |e| e.id.as_str(), find contact -> crate::Contact;
    /// `services`.
    Services = services, "id", |e| e.id.as_str(), find service -> crate::Service;
    /// `data_categories`.
    DataCategories = data_categories, "id", |e| e.id.as_str(), find data_category -> crate::DataCategory;
    /// `purposes`.
    Purposes = purposes, "id", |e| e.id.as_str(), find purpose -> crate::Purpose;
    /// `recipients`.
    Recipients = recipients, "id", |e| e.id.as_str(), find recipient -> crate::Recipient;
    /// `transfers`.
    Transfers = transfers, "id", |e| e.id.as_str(), find transfer -> crate::Transfer;
    /// `retention`.
    Retention = retention, "id", |e| e.id.as_str(), find retention_rule -> crate::RetentionRule;
    /// `security_measures`.
    SecurityMeasures = security_measures, "id", |e| e.id.as_str(), find security_measure -> crate::SecurityMeasure;
    /// `history_visibility`.
    HistoryVisibility = history_visibility, "id", |e| e.id.as_str(), find visibility_option -> crate::VisibilityOption;
    /// `statements`.
    Statements = statements, "id", |e| e.id.as_str(), find statement -> crate::Statement;
    /// `rights`, keyed by the right itself.
    Rights = rights, "right", |e| e.right.key();
    /// `related_documents`.
    RelatedDocuments = related_documents, "id", |e| e.id.as_str(), find related_document -> crate::RelatedDocument;
}

impl Collection {
    /// The collection's JSON pointer (`/data_categories`).
    pub fn pointer(self) -> String {
        format!("/{}", self.name())
    }

    /// Whether the collection is empty in `policy`.
    pub fn is_empty(self, policy: &Policy) -> bool {
        self.len(policy) == 0
    }
}

/// Reads the ids one entry holds in a reference field, calling back with
/// their slot (index in the list) and the id.
type ForEach = for<'a> fn(&'a Policy, usize, &mut dyn FnMut(usize, &'a Id));
/// Visits every id a reference field holds, in every entry, mutably.
type ForEachMut = fn(&mut Policy, &mut dyn FnMut(&mut Id));
/// The id list of one entry, for fields that are a list of ids.
type List = for<'a> fn(&'a Policy, usize) -> Option<&'a [Id]>;
/// The id list of one entry, mutably.
type ListMut = for<'a> fn(&'a mut Policy, usize) -> Option<&'a mut Vec<Id>>;

/// A reference edge: a field of the entries of [`from`](Self::from) that
/// holds ids of entries of [`to`](Self::to).
#[derive(Clone, Copy)]
pub struct Reference {
    /// The collection whose entries hold the reference.
    pub from: Collection,
    /// The field of an entry that holds the ids (`receives`), or that holds
    /// the list whose elements do (`exercise`).
    pub field: &'static str,
    /// For a list of objects that each hold one optional id: the field of
    /// the object (`contact`); `None` for a plain list of ids.
    pub element_field: Option<&'static str>,
    /// The collection the ids name.
    pub to: Collection,
    /// The fewest ids an entry may hold (the schema's `minItems`).
    pub min_items: usize,
    /// The diff rules of an id added to and removed from the list, if the
    /// diff compares it as a set (their messages are in the catalog).
    pub diff_rules: Option<(RuleId, RuleId)>,
    for_each: ForEach,
    for_each_mut: ForEachMut,
    list: Option<List>,
    list_mut: Option<ListMut>,
}

impl std::fmt::Debug for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[].{}", self.from.name(), self.field)?;
        if let Some(element) = self.element_field {
            write!(f, "[].{element}")?;
        }
        write!(f, " -> {}", self.to.name())
    }
}

impl Reference {
    /// Calls `visit(entry, slot, id)` for every id the field holds, entry by
    /// entry of [`from`](Self::from), in document order.
    pub fn for_each<'a>(&self, policy: &'a Policy, visit: &mut dyn FnMut(usize, usize, &'a Id)) {
        for entry in 0..self.from.len(policy) {
            (self.for_each)(policy, entry, &mut |slot, id| visit(entry, slot, id));
        }
    }

    /// Calls `visit(slot, id)` for every id the field holds in one entry.
    pub fn for_each_in<'a>(
        &self,
        policy: &'a Policy,
        entry: usize,
        visit: &mut dyn FnMut(usize, &'a Id),
    ) {
        (self.for_each)(policy, entry, visit);
    }

    /// Calls `visit` on every id the field holds, in every entry.
    pub fn for_each_mut(&self, policy: &mut Policy, visit: &mut dyn FnMut(&mut Id)) {
        (self.for_each_mut)(policy, visit);
    }

    /// The id list of one entry, when the field is a list of ids.
    pub fn list<'a>(&self, policy: &'a Policy, entry: usize) -> Option<&'a [Id]> {
        self.list.and_then(|list| list(policy, entry))
    }

    /// The id list of one entry, mutably, when the field is a list of ids.
    pub fn list_mut<'a>(&self, policy: &'a mut Policy, entry: usize) -> Option<&'a mut Vec<Id>> {
        self.list_mut.and_then(|list| list(policy, entry))
    }

    /// The JSON pointer, relative to an entry, of the field (`/receives`).
    pub fn field_pointer(&self) -> String {
        format!("/{}", self.field)
    }

    /// The JSON pointer of the id at `slot` of entry `entry`.
    pub fn pointer(&self, entry: usize, slot: usize) -> String {
        let from = self.from.name();
        match self.element_field {
            None => format!("/{from}/{entry}/{}/{slot}", self.field),
            Some(element) => format!("/{from}/{entry}/{}/{slot}/{element}", self.field),
        }
    }
}

macro_rules! references {
    (@ [$($done:expr,)*]) => {
        /// Every reference edge of the model, in the order the loader checks them.
        pub static REFERENCES: &[Reference] = &[$($done,)*];
    };
    // A list of ids: `Variant: field.ids -> Target, at least N, diff Added / Removed;`
    (@ [$($done:expr,)*] $from:ident: $coll:ident . $field:ident -> $to:ident, at least $min:literal, diff $added:ident / $removed:ident; $($rest:tt)*) => {
        references!(@list [$($done,)*] $from $coll $field $to $min Some((RuleId::$added, RuleId::$removed)); $($rest)*);
    };
    // Citations, compared by the entry's own rule: `Variant: field.ids -> Target, at least N, cited;`
    (@ [$($done:expr,)*] $from:ident: $coll:ident . $field:ident -> $to:ident, at least $min:literal, cited; $($rest:tt)*) => {
        references!(@list [$($done,)*] $from $coll $field $to $min None; $($rest)*);
    };
    // Both of the above: a list of ids, with or without rules of its own.
    (@list [$($done:expr,)*] $from:ident $coll:ident $field:ident $to:ident $min:literal $rules:expr; $($rest:tt)*) => {
        references!(@ [$($done,)* Reference {
            from: Collection::$from,
            field: stringify!($field),
            element_field: None,
            to: Collection::$to,
            min_items: $min,
            diff_rules: $rules,
            for_each: |p, i, visit| {
                if let Some(e) = p.$coll.get(i) {
                    e.$field.iter().enumerate().for_each(|(j, id)| visit(j, id));
                }
            },
            for_each_mut: |p, visit| p.$coll.iter_mut().flat_map(|e| e.$field.iter_mut()).for_each(visit),
            list: Some(|p, i| p.$coll.get(i).map(|e| e.$field.as_slice())),
            list_mut: Some(|p, i| p.$coll.get_mut(i).map(|e| &mut e.$field)),
        },] $($rest)*);
    };
    // One optional id per element of a list: `Variant: field.list[].id -> Target;`
    (@ [$($done:expr,)*] $from:ident: $coll:ident . $field:ident [] . $element:ident -> $to:ident; $($rest:tt)*) => {
        references!(@ [$($done,)* Reference {
            from: Collection::$from,
            field: stringify!($field),
            element_field: Some(stringify!($element)),
            to: Collection::$to,
            min_items: 0,
            diff_rules: None,
            for_each: |p, i, visit| {
                if let Some(e) = p.$coll.get(i) {
                    for (j, x) in e.$field.iter().enumerate() {
                        if let Some(id) = &x.$element {
                            visit(j, id);
                        }
                    }
                }
            },
            for_each_mut: |p, visit| {
                p.$coll
                    .iter_mut()
                    .flat_map(|e| e.$field.iter_mut())
                    .filter_map(|x| x.$element.as_mut())
                    .for_each(visit)
            },
            list: None,
            list_mut: None,
        },] $($rest)*);
    };
    ($($rest:tt)+) => { references!(@ [] $($rest)+); };
}

references! {
    Services: services.operated_by -> Recipients, at least 0, diff ServiceOperatorAdded / ServiceOperatorRemoved;
    DataCategories: data_categories.services -> Services, at least 1, diff DataCategoryServiceAdded / DataCategoryServiceRemoved;
    Purposes: purposes.data -> DataCategories, at least 0, diff PurposeDataAdded / PurposeDataRemoved;
    Purposes: purposes.documents -> RelatedDocuments, at least 0, diff PurposeDocumentAdded / PurposeDocumentRemoved;
    DataCategories: data_categories.held_by -> Recipients, at least 0, diff DataCategoryHolderAdded / DataCategoryHolderRemoved;
    Recipients: recipients.receives -> DataCategories, at least 0, diff RecipientDataAdded / RecipientDataRemoved;
    Recipients: recipients.purposes -> Purposes, at least 0, diff RecipientPurposeAdded / RecipientPurposeRemoved;
    Transfers: transfers.recipients -> Recipients, at least 1, diff TransferRecipientAdded / TransferRecipientRemoved;
    Retention: retention.data -> DataCategories, at least 1, diff RetentionDataAdded / RetentionDataRemoved;
    Rights: rights.exercise[].contact -> Contacts;
    SecurityMeasures: security_measures.applies_to -> DataCategories, at least 0, diff SecurityMeasureScopeExtended / SecurityMeasureScopeReduced;
    Contacts: contacts.sections -> Sections, at least 1, cited;
    Services: services.sections -> Sections, at least 1, cited;
    DataCategories: data_categories.sections -> Sections, at least 1, cited;
    Purposes: purposes.sections -> Sections, at least 1, cited;
    Recipients: recipients.sections -> Sections, at least 1, cited;
    Transfers: transfers.sections -> Sections, at least 1, cited;
    Retention: retention.sections -> Sections, at least 1, cited;
    Rights: rights.sections -> Sections, at least 1, cited;
    SecurityMeasures: security_measures.sections -> Sections, at least 1, cited;
    HistoryVisibility: history_visibility.sections -> Sections, at least 1, cited;
    Statements: statements.sections -> Sections, at least 1, cited;
    RelatedDocuments: related_documents.sections -> Sections, at least 1, cited;
}

/// Calls `visit(holder, slot, id)` for every id a part of the document
/// holds, where `holder` is the JSON pointer of the object holding the list.
type OtherForEach = for<'a> fn(&'a Policy, &mut dyn FnMut(&str, usize, &'a Id));

/// A reference held outside the entries of a [`Collection`]: by a singleton
/// (`/controller`) or by a list nested in an entry (`/rights/0/caveats/1`).
/// The loader checks these as it checks [`REFERENCES`]; the diff compares
/// them with the rule of their holder.
#[derive(Clone, Copy)]
pub struct OtherReference {
    /// Where the holders are, for messages (`/rights/*/caveats/*`).
    pub holders: &'static str,
    /// The field of a holder that holds the ids.
    pub field: &'static str,
    /// The collection the ids name.
    pub to: Collection,
    for_each: OtherForEach,
    for_each_mut: ForEachMut,
}

impl std::fmt::Debug for OtherReference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{} -> {}", self.holders, self.field, self.to.name())
    }
}

impl OtherReference {
    /// Calls `visit(holder, slot, id)` for every id the field holds, holder
    /// by holder in document order; `holder` is the holder's JSON pointer.
    pub fn for_each<'a>(&self, policy: &'a Policy, visit: &mut dyn FnMut(&str, usize, &'a Id)) {
        (self.for_each)(policy, visit);
    }

    /// Calls `visit` on every id the field holds, in every holder.
    pub fn for_each_mut(&self, policy: &mut Policy, visit: &mut dyn FnMut(&mut Id)) {
        (self.for_each_mut)(policy, visit);
    }
}

macro_rules! singleton_citations {
    ($($field:ident: $slice:path, $slice_mut:path;)+) => {
        [$(OtherReference {
            holders: concat!("/", stringify!($field)),
            field: "sections",
            to: Collection::Sections,
            for_each: |p, visit| {
                for (j, id) in $slice(&p.$field).iter().flat_map(|e| e.sections.iter()).enumerate() {
                    visit(concat!("/", stringify!($field)), j, id);
                }
            },
            for_each_mut: |p, visit| $slice_mut(&mut p.$field).iter_mut().flat_map(|e| e.sections.iter_mut()).for_each(visit),
        },)+]
    };
}

const SINGLETON_CITATIONS: [OtherReference; 4] = singleton_citations!(
    controller: std::slice::from_ref, std::slice::from_mut;
    children: Option::as_slice, Option::as_mut_slice;
    profiling: Option::as_slice, Option::as_mut_slice;
    supervisory_authority: Option::as_slice, Option::as_mut_slice;
);

/// Every reference held outside the entries of a collection: the sections
/// the singletons cite, and the sections each caveat of a right cites.
pub static OTHER_REFERENCES: &[OtherReference] = &[
    SINGLETON_CITATIONS[0],
    SINGLETON_CITATIONS[1],
    SINGLETON_CITATIONS[2],
    SINGLETON_CITATIONS[3],
    OtherReference {
        holders: "/rights/*/caveats/*",
        field: "sections",
        to: Collection::Sections,
        for_each: |p, visit| {
            for (i, right) in p.rights.iter().enumerate() {
                for (k, caveat) in right.caveats.iter().enumerate() {
                    let holder = format!("/rights/{i}/caveats/{k}");
                    for (j, id) in caveat.sections.iter().enumerate() {
                        visit(&holder, j, id);
                    }
                }
            }
        },
        for_each_mut: |p, visit| {
            p.rights
                .iter_mut()
                .flat_map(|r| r.caveats.iter_mut())
                .flat_map(|c| c.sections.iter_mut())
                .for_each(visit)
        },
    },
];

/// Calls `visit(holder, slot, id)` for every id, anywhere in the document,
/// that names an entry of `to`: the edges of [`REFERENCES`] (with the
/// entry's pointer, `/recipients/3`, as holder) and of [`OTHER_REFERENCES`].
pub fn each_reference_to<'a>(
    policy: &'a Policy,
    to: Collection,
    visit: &mut dyn FnMut(&str, usize, &'a Id),
) {
    for edge in REFERENCES.iter().filter(|e| e.to == to) {
        let from = edge.from.pointer();
        edge.for_each(policy, &mut |entry, slot, id| {
            let holder = match edge.element_field {
                None => format!("{from}/{entry}"),
                Some(_) => format!("{from}/{entry}/{}/{slot}", edge.field),
            };
            visit(&holder, slot, id);
        });
    }
    for other in OTHER_REFERENCES.iter().filter(|e| e.to == to) {
        other.for_each(policy, visit);
    }
}

/// The reference edge from `from`'s field `field`, if the model has one.
pub fn reference(from: Collection, field: &str) -> Option<&'static Reference> {
    REFERENCES
        .iter()
        .find(|r| r.from == from && r.field == field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_pointers() {
        let p = Policy::canonical();
        for &c in Collection::ALL {
            for i in 0..c.len(p) {
                assert!(c.key(p, i).is_some());
            }
            assert_eq!(c.key(p, c.len(p)), None);
        }
        assert_eq!(Collection::DataCategories.pointer(), "/data_categories");
        let contact = reference(Collection::Rights, "exercise").unwrap();
        assert_eq!(contact.pointer(2, 1), "/rights/2/exercise/1/contact");
        let receives = reference(Collection::Recipients, "receives").unwrap();
        assert_eq!(receives.pointer(0, 3), "/recipients/0/receives/3");
        assert!(contact.list(p, 0).is_none());
        assert!(receives.list(p, 0).is_some());
    }

    /// Every section citation of the document, at any depth, is an edge of
    /// the graph: none escapes the loader's check.
    #[test]
    fn the_graph_reaches_every_section_citation() {
        fn count(v: &serde_json::Value, top: bool) -> usize {
            match v {
                serde_json::Value::Object(map) => map
                    .iter()
                    .map(|(k, x)| match (k.as_str(), x) {
                        ("sections", serde_json::Value::Array(ids)) if !top => ids.len(),
                        ("sections", _) => 0,
                        _ => count(x, false),
                    })
                    .sum(),
                serde_json::Value::Array(items) => items.iter().map(|x| count(x, false)).sum(),
                _ => 0,
            }
        }
        for p in Policy::releases() {
            let mut reached = 0;
            each_reference_to(p, Collection::Sections, &mut |_, _, id| {
                assert!(p.section(id.as_str()).is_some(), "{id}");
                reached += 1;
            });
            let json = serde_json::to_value(p).unwrap();
            assert_eq!(reached, count(&json, true), "{}", p.version);
        }
    }

    #[test]
    fn renames_every_reference() {
        let mut p = Policy::canonical().clone();
        let mut before = 0;
        for r in REFERENCES {
            r.for_each(&p, &mut |_, _, _| before += 1);
        }
        let renamed: Id = "renamed".parse().unwrap();
        for r in REFERENCES {
            r.for_each_mut(&mut p, &mut |id| *id = renamed.clone());
        }
        let mut after = 0;
        for r in REFERENCES {
            r.for_each(&p, &mut |_, _, id| {
                assert_eq!(id, &renamed);
                after += 1;
            });
        }
        assert_eq!(before, after);
        assert!(before > 0);
    }
}
