//! Semver-aware diffing of two policies, and the release check.
//!
//! [`diff`] compares two [`Policy`] documents and reports every [`Change`]:
//! which rule of the catalog ([`rules::RULES`]) it falls under, the version
//! bump that rule requires, its [`Effect`] on the data subject, where it is
//! (JSON pointers into the old and the new document) and a sentence a person
//! understands. Entities are matched by id (rights by the right, caveats by
//! id within the right, parameters by name, history entries by version),
//! never by position: the order of id-keyed collections, the order of
//! reference lists and white space in text never count.
//!
//! [`check`] turns a [`Diff`] into a [`Report`]: the bump the changes
//! require, the bump the two versions declare, findings accepted by the
//! maintainers ([`Accepted`]), and whether the release passes. The
//! [`crate::render::diff`] module prints reports as text, JSON, Markdown or GitHub
//! workflow annotations.
//!
//! - [`rules`]: the catalog, one table; `privacy-policy rules` prints it.
//! - [`verdict`]: how the required and declared bumps are decided, how
//!   pre-releases count, and when a release passes.
//! - [`accept`]: the accepted-findings file (`--accept FILE`).
//!
//! The diff is linear in the size of the documents: collections are walked
//! in step and only what does not line up is hashed, and entities that are
//! equal are skipped after one comparison.
//!
//! ```
//! use matrix_privacy_policy::diff::{self, Accepted, Bump, RuleId};
//! use matrix_privacy_policy::Policy;
//!
//! # let json = include_str!("../../tests/fixtures/diff/base.json");
//! let old: Policy = serde_json::from_str(json)?;
//! let mut new = old.clone();
//! new.version = "1.2.0".parse()?;
//! # new.history.push(matrix_privacy_policy::Revision {
//! #     version: new.version.clone(),
//! #     date: "2024-02-01".parse()?,
//! #     summary: "Share user agents with the CDN".into(),
//! # });
//! let cdn = new.recipients.iter_mut().find(|r| r.id == "cdn").unwrap();
//! cdn.receives.push("user_agent".parse()?);
//!
//! let changes = diff::diff(&old, &new);
//! let change = changes.iter().find(|c| c.rule == RuleId::RecipientDataAdded).unwrap();
//! assert_eq!(change.bump(), Bump::Major);
//! assert_eq!(change.message, "recipient `cdn` now receives data category `user_agent`");
//! assert_eq!(changes.required_bump(), Bump::Major);
//!
//! let report = diff::check(changes, &Accepted::default());
//! assert!(!report.passed); // 1.1.0 -> 1.2.0 declares minor; the change needs major
//! assert_eq!(report.next_version.unwrap().to_string(), "2.0.0");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod accept;
mod collections;
mod engine;
#[cfg_attr(not(feature = "validate"), allow(unused_imports))] // used by the text binding
pub(crate) use engine::fill;
mod matching;
mod public;
mod retention;
pub mod rules;
mod text;
pub mod verdict;

use std::fmt;

use semver::Version;
use serde::{Deserialize, Serialize};

pub use accept::{AcceptEntry, AcceptError, Accepted};
pub use engine::diff;
pub use rules::{ChangelogSection, RULES, Rule, RuleId};
pub use verdict::{Failure, Finding, Report, check, declared_bump, next_version};

use crate::Policy;

/// How much of a version bump a change needs, or the level of a whole diff.
///
/// Ordered: `None < Patch < Minor < Major`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// No change (a report level only; no rule has it).
    #[default]
    None,
    /// Wording only: a typo fix.
    Patch,
    /// A notable change in the text that does not expand processing.
    Minor,
    /// A significant change that needs users' specific re-acknowledgement.
    Major,
}

impl Bump {
    /// The lower-case name (`major`).
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// What a change does to the processing of the data subject's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Processing expands or protection shrinks (more data, more recipients,
    /// longer retention, a right or safeguard removed).
    Expands,
    /// Processing shrinks or protection grows (less data, shorter retention,
    /// a right or safeguard added).
    Restricts,
    /// Neither: wording, contacts, explanatory content.
    Neutral,
}

impl Effect {
    /// The lower-case name (`expands`).
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Expands => "expands",
            Effect::Restricts => "restricts",
            Effect::Neutral => "neutral",
        }
    }

    /// What the effect means, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            Effect::Expands => "processing expands or protection shrinks",
            Effect::Restricts => "processing shrinks or protection grows",
            Effect::Neutral => "information only",
        }
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One change between two policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The rule of the catalog the change falls under.
    pub rule: RuleId,
    /// Where the change is: in the new document for additions and changes,
    /// in the old document for removals.
    pub pointer: String,
    /// The JSON pointer of the changed value in the old document, if it is there.
    pub old_pointer: Option<String>,
    /// The JSON pointer of the changed value in the new document, if it is there.
    pub new_pointer: Option<String>,
    /// The change in a sentence.
    pub message: String,
}

impl Change {
    /// The rule's catalog entry.
    pub fn rule_info(&self) -> &'static Rule {
        self.rule.rule()
    }

    /// The bump the rule requires.
    pub fn bump(&self) -> Bump {
        self.rule.rule().bump
    }

    /// The rule's effect on the data subject.
    pub fn effect(&self) -> Effect {
        self.rule.rule().effect
    }
}

/// Every change between two policies, with their versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// The old document's version.
    pub old_version: Version,
    /// The new document's version.
    pub new_version: Version,
    /// The changes: per collection, removals in old-document order, then
    /// additions and changes in new-document order.
    pub changes: Vec<Change>,
}

impl Diff {
    /// The highest bump among the changes ([`Bump::None`] when there are none).
    pub fn required_bump(&self) -> Bump {
        self.changes
            .iter()
            .map(Change::bump)
            .max()
            .unwrap_or_default()
    }

    /// Whether the documents are the same after normalisation.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The number of changes.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// The changes.
    pub fn iter(&self) -> std::slice::Iter<'_, Change> {
        self.changes.iter()
    }
}

impl<'a> IntoIterator for &'a Diff {
    type Item = &'a Change;
    type IntoIter = std::slice::Iter<'a, Change>;
    fn into_iter(self) -> Self::IntoIter {
        self.changes.iter()
    }
}

/// Diffs two policies and checks the release in one call, matching
/// accepted findings by identity ([`verdict::check_documents`]).
pub fn check_policies(old: &Policy, new: &Policy, accepted: &Accepted) -> Report {
    verdict::check_documents(old, new, accepted)
}
