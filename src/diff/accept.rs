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
//! - `pointer` is the JSON pointer of the finding as reports print it
//!   (`pointer`, `old_pointer` or `new_pointer` all match);
//! - `reason` is required and must not be blank: it is printed next to the
//!   finding in every report.
//!
//! Unknown keys are errors. An accepted finding still appears in reports,
//! marked accepted, and no longer counts towards the required bump (nor, for
//! the history rules, fails the check). An entry that matches no finding is
//! *stale*: reports show it as a warning so it can be removed, but it does not
//! fail the check — a release that no longer makes an accepted change is not
//! worse for it.
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

use super::RuleId;

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
                path,
                line,
                column,
                message,
            }
        })?;
        for (index, entry) in parsed.accepted.iter().enumerate() {
            if entry.reason.trim().is_empty() {
                return Err(AcceptError::EmptyReason { index });
            }
            if !(entry.pointer.is_empty() || entry.pointer.starts_with('/')) {
                return Err(AcceptError::BadPointer {
                    index,
                    pointer: entry.pointer.chars().take(80).collect(),
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
