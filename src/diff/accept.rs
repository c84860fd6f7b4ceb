//! Accepted findings: the maintainers' written decision that a finding does
//! not need the bump its rule asks for.
//!
//! The file passed with `--accept FILE` is one closed JSON object:
//!
//! ```json
//! {
//!   "accepted": [
//!     {
//!       "rule": "recipient-condition-changed",
//!       "pointer": "/recipients/4/condition",
//!       "reason": "Typo fix: \"cout\" → \"court\"; the condition is the same."
//!     }
//!   ]
//! }
//! ```
//!
//! - `rule` is a rule id of the catalog (`privacy-policy rules`); an unknown
//!   id is an error, so a typo cannot silently accept nothing;
//! - `pointer` names the finding by the identity of what changed, not by
//!   position: array items are written by their key — `id` for entities,
//!   `right` for rights, `version` for history entries, `name` for
//!   parameters, the id itself in reference lists — as in
//!   `/recipients/analytics_co/condition` or
//!   `/recipients/cdn/receives/user_agent`. Moving items around cannot
//!   make an entry accept another change. The position form the reports
//!   print (`/recipients/4/condition`) is still read, but its positions are
//!   resolved in the *old* document only (the base, which the pull request
//!   does not control): it accepts a change only of the entity that was at
//!   that position before, and never an added entity;
//! - `reason` is required and must not be blank: it is printed next to the
//!   finding in every report.
//!
//! Unknown keys are errors, and so are control, bidirectional and zero-width
//! characters in `pointer` (and, bar line breaks and tabs, in `reason`).
//! An accepted finding still appears in reports, marked accepted (a major
//! one stays an error-level GitHub annotation), and no longer counts towards
//! the required bump (nor, for the history rules, fails the check). An entry
//! that matches no finding is *stale*: reports show it as a warning so it
//! can be removed, but it does not fail the check — a release that no
//! longer makes an accepted change is not worse for it.
//!
//! The accepted-findings file must come from the branch the pull request
//! targets (`--accept origin/main:accepted.json`): a file in the pull
//! request itself is written by its author.
//!
//! ```
//! use matrix_privacy_policy::diff::Accepted;
//! let ok = Accepted::from_json(r#"{"accepted": [{"rule": "title-changed", "pointer": "/title", "reason": "rebrand"}]}"#);
//! assert_eq!(ok.unwrap().accepted.len(), 1);
//! let blank = Accepted::from_json(r#"{"accepted": [{"rule": "title-changed", "pointer": "/title", "reason": " "}]}"#);
//! assert!(blank.is_err());
//! let typo = Accepted::from_json(r#"{"accepted": [{"rule": "title-change", "pointer": "/title", "reason": "x"}]}"#);
//! assert!(typo.unwrap_err().to_string().contains("not a rule id"));
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Change, RuleId};
use crate::Policy;
use crate::render::escape::{is_hidden, visible, visible_brief};

/// The contents of an accepted-findings file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accepted {
    /// The accepted findings.
    pub accepted: Vec<AcceptEntry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptEntry {
    /// The rule of the finding.
    pub rule: RuleId,
    /// The finding's JSON pointer (its `pointer`, `old_pointer` or `new_pointer`).
    pub pointer: String,
    /// Why the finding is acceptable; never blank.
    pub reason: String,
}

/// Why an accepted-findings file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AcceptError {
    /// Not JSON, or not of the documented shape (unknown key, wrong type, unknown rule id).
    #[error("accepted findings: {line}:{column}: at `{path}`: {message}")]
    Shape {
        /// Where, as a path (`accepted[0].rule`).
        path: String,
        /// The line of the problem, from 1 (0 when unknown).
        line: usize,
        /// The column of the problem, from 1 (0 when unknown).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// An entry has a blank reason.
    #[error(
        "accepted findings: `accepted[{index}].reason` is empty: say why the finding is acceptable"
    )]
    EmptyReason {
        /// The entry's index.
        index: usize,
    },
    /// An entry holds a control, bidirectional or zero-width character.
    #[error(
        "accepted findings: `accepted[{index}].{field}` holds a control, bidirectional or zero-width character ({character})"
    )]
    HiddenCharacter {
        /// The entry's index.
        index: usize,
        /// `pointer` or `reason`.
        field: &'static str,
        /// The character, escaped (`\u202E`).
        character: String,
    },
    /// An entry's pointer is not a JSON pointer.
    #[error(
        "accepted findings: `accepted[{index}].pointer` is `{pointer}`, not a JSON pointer (empty or starting with `/`)"
    )]
    BadPointer {
        /// The entry's index.
        index: usize,
        /// The pointer as written (shortened).
        pointer: String,
    },
}

impl Accepted {
    /// Parses and checks an accepted-findings file.
    ///
    /// # Errors
    /// [`AcceptError`] when the text is not of the documented shape, names an
    /// unknown rule, has a blank reason or a malformed pointer.
    pub fn from_json(text: &str) -> Result<Self, AcceptError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let parsed: Accepted = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let (line, column) = (inner.line(), inner.column());
            let full = inner.to_string();
            let suffix = format!(" at line {line} column {column}");
            let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
            AcceptError::Shape {
                path: visible_brief(&path, 200),
                line,
                column,
                message: visible_brief(&message, 300),
            }
        })?;
        for (index, entry) in parsed.accepted.iter().enumerate() {
            let hidden = |field: &'static str, text: &str, allow: &[char]| {
                text.chars()
                    .find(|c| is_hidden(*c) && !allow.contains(c))
                    .map(|c| AcceptError::HiddenCharacter {
                        index,
                        field,
                        character: visible(&c.to_string()),
                    })
            };
            if let Some(e) = hidden("pointer", &entry.pointer, &[])
                .or_else(|| hidden("reason", &entry.reason, &['\n', '\r', '\t']))
            {
                return Err(e);
            }
            if entry.reason.trim().is_empty() {
                return Err(AcceptError::EmptyReason { index });
            }
            if !(entry.pointer.is_empty() || entry.pointer.starts_with('/')) {
                return Err(AcceptError::BadPointer {
                    index,
                    pointer: visible_brief(&entry.pointer, 80),
                });
            }
        }
        Ok(parsed)
    }

    /// Parses an accepted-findings file from bytes (UTF-8).
    ///
    /// # Errors
    /// As [`Accepted::from_json`]; invalid UTF-8 is a [`AcceptError::Shape`] error.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, AcceptError> {
        let text = std::str::from_utf8(bytes).map_err(|e| AcceptError::Shape {
            path: ".".into(),
            line: 0,
            column: 0,
            message: format!("not UTF-8: {e}"),
        })?;
        Self::from_json(text.strip_prefix('\u{feff}').unwrap_or(text))
    }

    /// Whether there is nothing accepted.
    pub fn is_empty(&self) -> bool {
        self.accepted.is_empty()
    }
}

/// The key that identifies an array item: `id`, `right`, `version` or
/// `name` of an object, or a string item itself (reference lists).
fn item_key(item: &Value) -> Option<&str> {
    match item {
        Value::String(s) => Some(s),
        Value::Object(map) => ["id", "right", "version", "name"]
            .iter()
            .find_map(|k| map.get(*k).and_then(Value::as_str)),
        _ => None,
    }
}

fn push_segment(out: &mut String, segment: &str) {
    out.push('/');
    out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
}

/// A pointer into `doc` in identity form: array positions replaced by the
/// item's key ([`item_key`]). Segments may already be keys. A missing
/// object member is allowed as the last segment (a member that was added
/// or removed). `None` when the pointer does not resolve. The flag says
/// whether a *position* selected a keyed item (a form that moving items
/// could re-target).
fn identity(doc: &Value, pointer: &str) -> Option<(String, bool)> {
    if pointer.is_empty() {
        return Some((String::new(), false));
    }
    let segments: Vec<String> = pointer
        .strip_prefix('/')?
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut out = String::new();
    let mut by_position = false;
    let mut current = doc;
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match current {
            Value::Object(map) => {
                push_segment(&mut out, segment);
                match map.get(segment) {
                    Some(next) => current = next,
                    None if last => return Some((out, by_position)),
                    None => return None,
                }
            }
            Value::Array(items) => {
                let (item, position) = match items
                    .iter()
                    .find(|it| item_key(it) == Some(segment.as_str()))
                {
                    Some(item) => (item, false),
                    None => (items.get(segment.parse::<usize>().ok()?)?, true),
                };
                match item_key(item) {
                    Some(key) => {
                        by_position |= position;
                        push_segment(&mut out, key);
                    }
                    None => push_segment(&mut out, segment),
                }
                current = item;
            }
            _ => return None,
        }
    }
    Some((out, by_position))
}

/// Which entry accepts each change, matched by identity; and which entries
/// matched anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matches {
    /// Per change, in order: the index of the first entry that accepts it.
    pub by_change: Vec<Option<usize>>,
    /// Per entry: whether it accepts at least one change.
    pub used: Vec<bool>,
}

impl Accepted {
    /// Matches the entries against the changes of `old` → `new` by identity
    /// (see the module docs): an entry's pointer is resolved in `old`, and,
    /// when it names items by key only, in `new`; a change's pointers in the
    /// document each belongs to.
    pub fn match_changes(&self, changes: &[Change], old: &Policy, new: &Policy) -> Matches {
        let mut by_change = vec![None; changes.len()];
        let mut used = vec![false; self.accepted.len()];
        if self.accepted.is_empty() {
            return Matches { by_change, used };
        }
        let (Ok(old), Ok(new)) = (serde_json::to_value(old), serde_json::to_value(new)) else {
            return Matches { by_change, used };
        };
        let entries: Vec<Vec<String>> = self
            .accepted
            .iter()
            .map(|e| {
                let mut forms = Vec::new();
                if let Some((form, _)) = identity(&old, &e.pointer) {
                    forms.push(form);
                }
                if let Some((form, false)) = identity(&new, &e.pointer) {
                    forms.push(form);
                }
                forms
            })
            .collect();
        for (slot, change) in by_change.iter_mut().zip(changes) {
            let mut forms = Vec::new();
            if let Some(p) = &change.old_pointer {
                forms.extend(identity(&old, p).map(|(f, _)| f));
            }
            if let Some(p) = &change.new_pointer {
                forms.extend(identity(&new, p).map(|(f, _)| f));
            }
            if change.old_pointer.is_none() && change.new_pointer.is_none() {
                forms.extend(identity(&new, &change.pointer).map(|(f, _)| f));
            }
            for (i, entry) in self.accepted.iter().enumerate() {
                if entry.rule == change.rule && entries[i].iter().any(|f| forms.contains(f)) {
                    used[i] = true;
                    slot.get_or_insert(i);
                }
            }
        }
        Matches { by_change, used }
    }

    /// Matches by pointer only, as written against the reports' pointers
    /// (`pointer`, `old_pointer` or `new_pointer`), for callers without the
    /// documents. Positions can be re-targeted by moving items: the release
    /// gate uses [`Accepted::match_changes`].
    pub fn match_pointers(&self, changes: &[Change]) -> Matches {
        let mut by_change = vec![None; changes.len()];
        let mut used = vec![false; self.accepted.len()];
        for (slot, change) in by_change.iter_mut().zip(changes) {
            let pointers = [
                Some(&change.pointer),
                change.old_pointer.as_ref(),
                change.new_pointer.as_ref(),
            ];
            for (i, entry) in self.accepted.iter().enumerate() {
                if entry.rule == change.rule
                    && pointers.iter().flatten().any(|p| **p == entry.pointer)
                {
                    used[i] = true;
                    slot.get_or_insert(i);
                }
            }
        }
        Matches { by_change, used }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_forms() {
        let doc = serde_json::json!({
            "recipients": [
                {"id": "a", "receives": ["x", "y"]},
                {"id": "b", "receives": []}
            ],
            "history": [{"version": "1.0.0", "date": "2020"}]
        });
        assert_eq!(
            identity(&doc, "/recipients/1"),
            Some(("/recipients/b".into(), true))
        );
        assert_eq!(
            identity(&doc, "/recipients/b"),
            Some(("/recipients/b".into(), false))
        );
        assert_eq!(
            identity(&doc, "/recipients/0/receives/1"),
            Some(("/recipients/a/receives/y".into(), true))
        );
        assert_eq!(
            identity(&doc, "/recipients/a/condition"),
            Some(("/recipients/a/condition".into(), false))
        );
        assert_eq!(
            identity(&doc, "/history/0/date").map(|f| f.0),
            Some("/history/1.0.0/date".into())
        );
        assert_eq!(identity(&doc, "/recipients/7"), None);
        assert_eq!(identity(&doc, "/recipients/a/x/y"), None);
    }

    #[test]
    fn hidden_characters_are_refused() {
        let e = Accepted::from_json(
            r#"{"accepted": [{"rule": "title-changed", "pointer": "/title", "reason": "ok\u001b]8;;x"}]}"#,
        );
        assert!(matches!(
            e,
            Err(AcceptError::HiddenCharacter {
                field: "reason",
                ..
            })
        ));
        let e = Accepted::from_json(
            r#"{"accepted": [{"rule": "title-changed", "pointer": "/ti\u202etle", "reason": "x"}]}"#,
        );
        assert!(matches!(
            e,
            Err(AcceptError::HiddenCharacter {
                field: "pointer",
                ..
            })
        ));
        let e = Accepted::from_json("{\"accepted\": [], \"\\u001b[31mred\": 1}")
            .unwrap_err()
            .to_string();
        assert!(!e.contains('\u{1b}'), "{e}");
    }
}
