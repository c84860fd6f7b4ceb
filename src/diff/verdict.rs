//! The verdict: is the declared version bump enough for the changes?
//!
//! - The **required bump** is the highest bump among the findings that are
//!   not accepted ([`Bump::None`] when there are none).
//! - The **declared bump** comes from the two versions ([`declared_bump`]):
//!   the major, minor or patch part that increased. Pre-releases: when the
//!   old version is a pre-release and the new one has the same
//!   `major.minor.patch` (`4.0.0-rc.1` → `4.0.0-rc.2` or → `4.0.0`), the
//!   declared bump is the level of that version (`X.0.0` major, `X.Y.0` minor,
//!   else patch): a pre-release series may hold the changes of the release it
//!   prepares. Build metadata never counts. `0.x` versions are not special.
//! - The check **passes** when there is no failure:
//!   - the new version is greater than the old one, or equal to it with no
//!     change at all (so a CI job that checks an untouched policy passes);
//!     a version that decreases always fails;
//!   - the declared bump is at least the required bump;
//!   - no unaccepted finding of a rule that fails the check (the
//!     append-only history: `history-rewritten`, `history-entry-removed`,
//!     `history-entry-backfilled`).

use std::cmp::Ordering;

use semver::Version;
use serde::Serialize;

use super::accept::Matches;
use super::{AcceptEntry, Accepted, Bump, Change, Diff};
use crate::Policy;

/// A change, and whether the maintainers accepted it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The change.
    #[serde(flatten)]
    pub change: Change,
    /// The reason it was accepted, if it was.
    pub accepted: Option<String>,
}

impl Finding {
    /// Whether the finding was accepted.
    pub fn is_accepted(&self) -> bool {
        self.accepted.is_some()
    }
}

/// Why a check failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// The version did not increase although the document changed, or it decreased.
    VersionNotIncreased,
    /// The declared bump is smaller than the required one.
    BumpTooSmall,
    /// Unaccepted findings rewrite the published history.
    HistoryRewritten {
        /// How many findings.
        count: usize,
    },
}

/// The result of a release check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The old document's version.
    pub old_version: Version,
    /// The new document's version.
    pub new_version: Version,
    /// The bump the versions declare ([`Bump::None`] when the version did not increase).
    pub declared_bump: Bump,
    /// The highest bump among unaccepted findings.
    pub required_bump: Bump,
    /// Whether the release passes.
    pub passed: bool,
    /// Why it does not pass.
    pub failures: Vec<Failure>,
    /// The smallest version the new document could carry to pass (ignoring
    /// history failures), when the check fails on the version.
    pub next_version: Option<Version>,
    /// Every change, accepted or not.
    pub findings: Vec<Finding>,
    /// Accepted-findings entries that matched nothing (a warning, not a failure).
    pub stale: Vec<AcceptEntry>,
}

impl Report {
    /// A one-line summary: `requires a major bump; declared minor; next valid version 4.0.0`.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.required_bump == Bump::None {
            parts.push("requires no bump".to_owned());
        } else {
            parts.push(format!("requires a {} bump", self.required_bump));
        }
        let cmp = self.new_version.cmp_precedence(&self.old_version);
        match cmp {
            Ordering::Greater => parts.push(format!("declared {}", self.declared_bump)),
            Ordering::Equal => parts.push(format!("version unchanged ({})", self.new_version)),
            Ordering::Less => parts.push(format!(
                "version decreased ({} → {}): OLD and NEW look swapped",
                self.old_version, self.new_version
            )),
        }
        if let Some(HistoryCount(n)) = self.history_count() {
            parts.push(format!(
                "{n} unaccepted finding{} rewrite{} the published history",
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" }
            ));
        }
        if let Some(next) = &self.next_version {
            parts.push(format!("next valid version {next}"));
        }
        parts.join("; ")
    }

    fn history_count(&self) -> Option<HistoryCount> {
        self.failures.iter().find_map(|f| match f {
            Failure::HistoryRewritten { count } => Some(HistoryCount(*count)),
            _ => None,
        })
    }

    /// The findings that are not accepted.
    pub fn unaccepted(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.is_accepted())
    }

    /// Whether this finding is one of the reasons the check fails.
    pub fn is_failing(&self, finding: &Finding) -> bool {
        if finding.is_accepted() {
            return false;
        }
        let rule = finding.change.rule_info();
        (rule.fails_check)
            || self.failures.contains(&Failure::VersionNotIncreased)
            || (self.failures.contains(&Failure::BumpTooSmall) && rule.bump > self.declared_bump)
    }
}

struct HistoryCount(usize);

/// The bump two versions declare: which of major, minor and patch increased
/// ([`Bump::None`] when `new` is not greater than `old`). See the module docs
/// for pre-releases.
///
/// ```
/// use matrix_privacy_policy::diff::{Bump, declared_bump};
/// let v = |s: &str| semver::Version::parse(s).unwrap();
/// assert_eq!(declared_bump(&v("3.1.0"), &v("4.0.0")), Bump::Major);
/// assert_eq!(declared_bump(&v("3.1.0"), &v("3.1.1")), Bump::Patch);
/// assert_eq!(declared_bump(&v("3.1.0"), &v("4.0.0-rc.1")), Bump::Major);
/// assert_eq!(declared_bump(&v("4.0.0-rc.1"), &v("4.0.0")), Bump::Major);
/// assert_eq!(declared_bump(&v("3.1.0"), &v("3.0.9")), Bump::None);
/// ```
pub fn declared_bump(old: &Version, new: &Version) -> Bump {
    if new.cmp_precedence(old) != Ordering::Greater {
        return Bump::None;
    }
    if new.major != old.major {
        Bump::Major
    } else if new.minor != old.minor {
        Bump::Minor
    } else if new.patch != old.patch {
        Bump::Patch
    } else {
        // Same core: the old version is a pre-release of it.
        level(new)
    }
}

/// The level a release version stands for: `X.0.0` major, `X.Y.0` minor, else patch.
fn level(v: &Version) -> Bump {
    if v.minor == 0 && v.patch == 0 {
        Bump::Major
    } else if v.patch == 0 {
        Bump::Minor
    } else {
        Bump::Patch
    }
}

/// The smallest version after `old` that declares at least `required`
/// (`None` for [`Bump::None`] or on overflow). From a pre-release, its own
/// release may be enough: `4.0.0-rc.1` needs only `4.0.0` for a major change.
///
/// ```
/// use matrix_privacy_policy::diff::{Bump, next_version};
/// let v = |s: &str| semver::Version::parse(s).unwrap();
/// assert_eq!(next_version(&v("3.1.0"), Bump::Major), Some(v("4.0.0")));
/// assert_eq!(next_version(&v("3.1.0"), Bump::Minor), Some(v("3.2.0")));
/// assert_eq!(next_version(&v("3.1.0"), Bump::Patch), Some(v("3.1.1")));
/// assert_eq!(next_version(&v("4.0.0-rc.1"), Bump::Major), Some(v("4.0.0")));
/// ```
pub fn next_version(old: &Version, required: Bump) -> Option<Version> {
    if required == Bump::None {
        return None;
    }
    if !old.pre.is_empty() {
        let core = Version::new(old.major, old.minor, old.patch);
        if level(&core) >= required {
            return Some(core);
        }
    }
    let v = match required {
        Bump::None => return None,
        Bump::Patch => Version::new(old.major, old.minor, old.patch.checked_add(1)?),
        Bump::Minor => Version::new(old.major, old.minor.checked_add(1)?, 0),
        Bump::Major => Version::new(old.major.checked_add(1)?, 0, 0),
    };
    Some(v)
}

/// Checks a release: applies the accepted findings to a diff and decides.
///
/// ```
/// use matrix_privacy_policy::diff::{self, Accepted, Bump};
/// # use matrix_privacy_policy::Policy;
/// # let old: Policy = serde_json::from_str(include_str!("../../tests/fixtures/diff/base.json"))?;
/// let report = diff::check(diff::diff(&old, &old), &Accepted::default());
/// assert!(report.passed); // same version, nothing changed
/// assert_eq!(report.required_bump, Bump::None);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn check(diff: Diff, accepted: &Accepted) -> Report {
    let matches = accepted.match_pointers(&diff.changes);
    check_matched(diff, accepted, matches)
}

/// Checks a release, matching accepted findings by identity (see
/// [`super::accept`]): what the release gate uses. [`check`] matches by
/// position only, which moving items can re-target.
pub fn check_documents(old: &Policy, new: &Policy, accepted: &Accepted) -> Report {
    check_diff(super::diff(old, new), old, new, accepted)
}

/// Checks a release from a [`Diff`] of `old` and `new` that may carry more
/// findings than [`super::diff`] makes (such as the text binding's, see
/// [`crate::text::findings`]), matching accepted findings by identity.
pub fn check_diff(diff: Diff, old: &Policy, new: &Policy, accepted: &Accepted) -> Report {
    let matches = accepted.match_changes(&diff.changes, old, new);
    check_matched(diff, accepted, matches)
}

fn check_matched(diff: Diff, accepted: &Accepted, matches: Matches) -> Report {
    let Diff {
        old_version,
        new_version,
        changes,
    } = diff;
    let mut findings = Vec::with_capacity(changes.len());
    for (change, hit) in changes.into_iter().zip(matches.by_change) {
        let accepted_reason = hit.and_then(|i| accepted.accepted.get(i).map(|e| e.reason.clone()));
        findings.push(Finding {
            change,
            accepted: accepted_reason,
        });
    }
    let stale = accepted
        .accepted
        .iter()
        .zip(&matches.used)
        .filter(|(_, u)| !**u)
        .map(|(e, _)| e.clone())
        .collect();

    let required_bump = findings
        .iter()
        .filter(|f| !f.is_accepted())
        .map(|f| f.change.bump())
        .max()
        .unwrap_or_default();
    let declared = declared_bump(&old_version, &new_version);
    let order = new_version.cmp_precedence(&old_version);

    let mut failures = Vec::new();
    let changed = !findings.is_empty();
    if order == Ordering::Less || (order == Ordering::Equal && changed) {
        failures.push(Failure::VersionNotIncreased);
    }
    if order == Ordering::Greater && declared < required_bump {
        failures.push(Failure::BumpTooSmall);
    }
    let history = findings
        .iter()
        .filter(|f| !f.is_accepted() && f.change.rule_info().fails_check)
        .count();
    if history > 0 {
        failures.push(Failure::HistoryRewritten { count: history });
    }
    let version_failed = failures
        .iter()
        .any(|f| matches!(f, Failure::VersionNotIncreased | Failure::BumpTooSmall));
    let next = if version_failed {
        next_version(&old_version, required_bump.max(Bump::Patch))
    } else {
        None
    };
    Report {
        old_version,
        new_version,
        declared_bump: declared,
        required_bump,
        passed: failures.is_empty(),
        failures,
        next_version: next,
        findings,
        stale,
    }
}
