//! Coverage of a text by its data, and text changes the data did not follow.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use super::markdown::{TextSection, heading_key, sections};
use crate::diff::{Change, RuleId};
use crate::model::graph::{self, Collection};
use crate::{Id, Policy};

/// One citation of a text section by the data: which entity cites which
/// section of the document's sections table; or, in
/// [`Coverage::missing`], a table entry itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The JSON pointer of the citing entity (`/recipients/3`), or of the
    /// table entry (`/sections/4`).
    pub pointer: String,
    /// The id of the section cited.
    pub section: Id,
    /// The section number, as the table gives it.
    pub number: Option<String>,
    /// The section heading, as the table gives it.
    pub heading: String,
}

impl Citation {
    /// The section as a reader names it.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.heading),
            None => self.heading.clone(),
        }
    }
}

/// What [`coverage`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Every section of the text, in text order.
    pub sections: Vec<TextSection>,
    /// Sections that state something but that no entry of the sections
    /// table names, or whose entry no statement cites.
    pub uncited: Vec<TextSection>,
    /// Entries of the sections table that name no section of the text,
    /// each with its own pointer (`/sections/4`).
    pub missing: Vec<Citation>,
}

impl Coverage {
    /// Whether every section with a body is cited and every table entry is
    /// in the text.
    pub fn is_complete(&self) -> bool {
        self.uncited.is_empty() && self.missing.is_empty()
    }
}

/// Every section citation in `policy`, in the order of the model's graph
/// ([`graph::each_reference_to`]), with the number and heading the sections
/// table gives. Citations of ids the table does not have are left out (the
/// loader reports them as dangling references).
pub fn citations(policy: &Policy) -> Vec<Citation> {
    let mut out = Vec::new();
    graph::each_reference_to(policy, Collection::Sections, &mut |holder, _, id| {
        if let Some(s) = policy.section(id.as_str()) {
            out.push(Citation {
                pointer: holder.to_owned(),
                section: id.clone(),
                number: s.number.clone(),
                heading: s.heading.clone(),
            });
        }
    });
    out
}

/// The ids of the table entries that name `text_section`.
fn table_entries<'a>(policy: &'a Policy, text_section: &TextSection) -> Vec<&'a Id> {
    policy
        .sections
        .iter()
        .filter(|s| text_section.is_named(s.number.as_deref(), &s.heading))
        .map(|s| &s.id)
        .collect()
}

/// Checks `policy` against its Markdown `text` through the document's
/// sections table: a text section is covered when a table entry with its
/// number and heading exists and some statement cites that entry; a table
/// entry that names no text section is reported as missing.
///
/// A section with no body of its own (a container whose text is all in its
/// subsections) needs no citation.
pub fn coverage(policy: &Policy, text: &str) -> Coverage {
    let found = sections(text);
    let cited: HashSet<&str> = {
        let mut set = HashSet::new();
        graph::each_reference_to(policy, Collection::Sections, &mut |_, _, id| {
            set.insert(id.as_str());
        });
        set
    };
    let uncited = found
        .iter()
        .filter(|s| {
            s.has_body()
                && !table_entries(policy, s)
                    .iter()
                    .any(|id| cited.contains(id.as_str()))
        })
        .cloned()
        .collect();
    let missing = policy
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            !found
                .iter()
                .any(|t| t.is_named(s.number.as_deref(), &s.heading))
        })
        .map(|(i, s)| Citation {
            pointer: format!("/sections/{i}"),
            section: s.id.clone(),
            number: s.number.clone(),
            heading: s.heading.clone(),
        })
        .collect();
    Coverage {
        sections: found,
        uncited,
        missing,
    }
}

/// A section whose text changed between two releases while no entity
/// citing it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextChange {
    /// The section in the old text.
    pub old: TextSection,
    /// The section in the new text.
    pub new: TextSection,
    /// The entities of the new document that cite the section.
    pub citing: Vec<String>,
}

/// Every section present in both texts whose body changed while the
/// entities citing it did not (compared without their `sections` field).
///
/// Sections are paired by number and heading, or else by heading alone (a
/// renumbered section). Sections only in one text are left to [`coverage`].
pub fn text_changes(
    old_policy: &Policy,
    new_policy: &Policy,
    old_text: &str,
    new_text: &str,
) -> Vec<TextChange> {
    let old_sections = sections(old_text);
    let new_sections = sections(new_text);
    let old_json = serde_json::to_value(old_policy).unwrap_or(Value::Null);
    let new_json = serde_json::to_value(new_policy).unwrap_or(Value::Null);
    let old_cited = citations(old_policy);
    let new_cited = citations(new_policy);
    let mut out = Vec::new();
    for new in &new_sections {
        let Some(old) = old_sections
            .iter()
            .find(|o| o.is_named(new.number.as_deref(), &new.heading))
            .or_else(|| {
                old_sections
                    .iter()
                    .find(|o| heading_key(&o.heading) == heading_key(&new.heading))
            })
        else {
            continue;
        };
        if same_words(&old.body, &new.body) {
            continue;
        }
        let old_entities = citing_entities(&old_json, &old_cited, &table_entries(old_policy, old));
        let new_ids = table_entries(new_policy, new);
        let new_entities = citing_entities(&new_json, &new_cited, &new_ids);
        if old_entities == new_entities {
            out.push(TextChange {
                old: old.clone(),
                new: new.clone(),
                citing: new_cited
                    .iter()
                    .filter(|c| new_ids.contains(&&c.section))
                    .map(|c| c.pointer.clone())
                    .collect(),
            });
        }
    }
    out
}

/// Removes every `sections` field, at any depth: citations say where a
/// statement comes from, not what it states.
fn strip_sections(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("sections");
            map.values_mut().for_each(strip_sections);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_sections),
        _ => {}
    }
}

/// The findings the text binding adds to a release check
/// (`privacy-policy check OLD NEW --text OLD.md NEW.md`), as diff
/// [`Change`]s under the catalog's text rules:
///
/// - [`RuleId::TextSectionUncited`] (fails the check): a section of the new
///   text that states something and that no statement cites;
/// - [`RuleId::TextSectionMissing`] (fails the check): a citation of a
///   section the new text does not have;
/// - [`RuleId::TextChangedDataUnchanged`] (patch): a section whose text
///   changed while no statement citing it did ([`text_changes`]); under an
///   unchanged version this fails, as any change does.
///
/// `new_text_name` names the new text in messages (a file name).
pub fn findings(
    old_policy: &Policy,
    new_policy: &Policy,
    old_text: &str,
    new_text: &str,
    new_text_name: &str,
) -> Vec<Change> {
    let mut out = Vec::new();
    let report = coverage(new_policy, new_text);
    for s in &report.uncited {
        let line = s.line.to_string();
        out.push(change(
            RuleId::TextSectionUncited,
            String::new(),
            &[
                ("section", &quoted(&s.label())),
                ("file", new_text_name),
                ("line", &line),
            ],
        ));
    }
    for c in &report.missing {
        out.push(change(
            RuleId::TextSectionMissing,
            c.pointer.clone(),
            &[("section", &quoted(&c.label())), ("file", new_text_name)],
        ));
    }
    for t in text_changes(old_policy, new_policy, old_text, new_text) {
        let line = t.new.line.to_string();
        let pointer = t.citing.first().cloned().unwrap_or_default();
        out.push(change(
            RuleId::TextChangedDataUnchanged,
            pointer,
            &[
                ("section", &quoted(&t.new.label())),
                ("file", new_text_name),
                ("line", &line),
            ],
        ));
    }
    out
}

fn change(rule: RuleId, pointer: String, vars: &[(&str, &str)]) -> Change {
    Change {
        rule,
        new_pointer: Some(pointer.clone()),
        old_pointer: None,
        pointer,
        message: crate::diff::fill(rule, vars),
    }
}

/// A heading for a message: one line, at most 80 characters, in quotes, no
/// backticks (they would open code spans in Markdown reports).
fn quoted(label: &str) -> String {
    let one_line: String = label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('`', "'");
    let mut shown: String = one_line.chars().take(80).collect();
    if shown.len() < one_line.len() {
        shown.push('…');
    }
    format!("“{shown}”")
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The entities citing one of the table entries `ids`, as canonical JSON without their
/// `sections`, counted (a multiset, so order does not matter).
fn citing_entities(document: &Value, cited: &[Citation], ids: &[&Id]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for c in cited.iter().filter(|c| ids.contains(&&c.section)) {
        let Some(entity) = document.pointer(&c.pointer) else {
            continue;
        };
        let mut entity = entity.clone();
        strip_sections(&mut entity);
        // serde_json's map is ordered by key, so this form is canonical.
        *out.entry(entity.to_string()).or_insert(0) += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy::canonical().clone()
    }

    /// A text that has exactly the sections the canonical data cites (with
    /// a body each), built from the data, not from the published text.
    fn text_for(policy: &Policy) -> String {
        let mut seen: Vec<String> = Vec::new();
        let mut out = String::from("---\ntitle: Test\n---\n\nPreamble.\n\n");
        for c in citations(policy) {
            let label = c.label();
            if seen.contains(&label) {
                continue;
            }
            seen.push(label.clone());
            out.push_str(&format!("## {label}\n\nBody of {label}.\n\n"));
        }
        out
    }

    #[test]
    fn canonical_data_covers_a_text_of_its_own_sections() {
        let p = policy();
        let text = text_for(&p);
        let report = coverage(&p, &text);
        assert!(report.is_complete(), "{report:?}");
        assert!(report.sections.len() > 20);
    }

    #[test]
    fn an_extra_section_is_uncited_and_a_missing_one_is_reported() {
        let p = policy();
        let mut text = text_for(&p);
        text.push_str("## 3.1 Cookies\n\nWe set none.\n\n## 3.2 Empty container\n\n### 3.2.1 Inside\n\nCited nowhere either.\n");
        let report = coverage(&p, &text);
        let uncited: Vec<String> = report.uncited.iter().map(TextSection::label).collect();
        assert_eq!(uncited, ["3.1 Cookies", "3.2.1 Inside"]);
        assert!(report.missing.is_empty());

        let without = text.replace("## 2.6 How do you handle passwords?", "## 2.6 Passwords");
        let report = coverage(&p, &without);
        let missing: Vec<String> = report.missing.iter().map(Citation::label).collect();
        assert_eq!(missing, ["2.6 How do you handle passwords?"]);
        assert!(report.uncited.iter().any(|s| s.label() == "2.6 Passwords"));
    }

    #[test]
    fn citations_name_their_entities() {
        let p = policy();
        let cited = citations(&p);
        assert!(cited.iter().any(|c| c.pointer.starts_with("/recipients/")));
        assert!(cited.iter().any(|c| c.pointer == "/children"));
        for c in &cited {
            let value = serde_json::to_value(&p).unwrap();
            assert!(value.pointer(&c.pointer).is_some(), "{}", c.pointer);
        }
    }

    #[test]
    fn a_text_change_the_data_did_not_follow_is_reported() {
        let p = policy();
        let old_text = text_for(&p);
        let new_text = old_text.replace(
            "Body of 2.6 How do you handle passwords?.",
            "Body of 2.6, now with argon2.",
        );
        let changes = text_changes(&p, &p, &old_text, &new_text);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].new.label(), "2.6 How do you handle passwords?");
        assert!(!changes[0].citing.is_empty());

        // The same text change with a change to an entity citing the section.
        let mut new = p.clone();
        let hashing = new
            .security_measures
            .iter_mut()
            .find(|m| m.id == "password_hashing")
            .unwrap();
        hashing.description.push_str(" Now argon2.");
        assert!(text_changes(&p, &new, &old_text, &new_text).is_empty());

        // White space alone is no change.
        let spaced = old_text.replace("Body of 2.6", "Body  of\n2.6");
        assert!(text_changes(&p, &p, &old_text, &spaced).is_empty());
    }
}
