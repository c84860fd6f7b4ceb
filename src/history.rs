//! The history report: every consecutive pair of releases, diffed and checked.
//!
//! For each pair it gives the bump the authors declared (from the two
//! versions), the bump the rule catalog requires, the verdict, and the main
//! findings. Where the rules require more than the authors declared, the
//! report says so plainly: that is the tool doing its job, not a reason to
//! tune the rules.
//!
//! ```
//! use matrix_privacy_policy::{Policy, history};
//!
//! let report = history::report(Policy::releases());
//! assert_eq!(report.rows.len(), 12);
//! let last = report.rows.last().unwrap();
//! assert_eq!((last.old_version.to_string(), last.new_version.to_string()), ("3.0.1".into(), "3.1.0".into()));
//! assert!(last.passed);
//! ```

use semver::Version;
use serde::Serialize;

use crate::diff::{self, Accepted, Bump, Failure, RuleId};
use crate::{PartialDate, Policy};

/// How many rule ids a row lists as its main findings.
pub const MAIN_FINDINGS: usize = 4;

/// The report over a sequence of releases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryReport {
    /// One row per consecutive pair, oldest first.
    pub rows: Vec<HistoryRow>,
}

/// One consecutive pair of releases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryRow {
    /// The older release.
    pub old_version: Version,
    /// The newer release.
    pub new_version: Version,
    /// When the newer release was published, as its history says.
    pub date: Option<PartialDate>,
    /// The bump the versions declare.
    pub declared_bump: Bump,
    /// The bump the rule catalog requires.
    pub required_bump: Bump,
    /// Whether the release check passes.
    pub passed: bool,
    /// Why it fails, in words.
    pub reasons: Vec<String>,
    /// How many changes the diff found.
    pub changes: usize,
    /// The findings that decide the required bump: rule ids with their
    /// counts, highest bump first, at most [`MAIN_FINDINGS`].
    pub main_findings: Vec<RuleCount>,
}

/// A rule id and how many findings it has in a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// The rule.
    pub rule: RuleId,
    /// Its bump.
    pub bump: Bump,
    /// How many findings.
    pub count: usize,
}

/// Diffs and checks each consecutive pair of `releases` (in the order given).
pub fn report(releases: &[Policy]) -> HistoryReport {
    let rows = releases.windows(2).map(|w| row(&w[0], &w[1])).collect();
    HistoryReport { rows }
}

fn row(old: &Policy, new: &Policy) -> HistoryRow {
    let report = diff::check_policies(old, new, &Accepted::default());
    let mut counts: Vec<RuleCount> = Vec::new();
    for f in &report.findings {
        match counts.iter_mut().find(|c| c.rule == f.change.rule) {
            Some(c) => c.count += 1,
            None => counts.push(RuleCount {
                rule: f.change.rule,
                bump: f.change.bump(),
                count: 1,
            }),
        }
    }
    // Highest bump first, then the most frequent, then by id for stability.
    counts.sort_by(|a, b| {
        b.bump
            .cmp(&a.bump)
            .then(b.count.cmp(&a.count))
            .then(a.rule.as_str().cmp(b.rule.as_str()))
    });
    counts.truncate(MAIN_FINDINGS);
    let reasons = report
        .failures
        .iter()
        .map(|f| match f {
            Failure::BumpTooSmall => format!(
                "the rules require a {} bump; the authors declared {}",
                report.required_bump, report.declared_bump
            ),
            Failure::VersionNotIncreased => "the version did not increase".to_owned(),
            Failure::HistoryRewritten { count } => {
                format!("{count} finding(s) rewrite the published history")
            }
            #[allow(unreachable_patterns)]
            _ => "the check failed".to_owned(),
        })
        .collect();
    HistoryRow {
        old_version: report.old_version.clone(),
        new_version: report.new_version.clone(),
        date: new.history.last().map(|h| h.date),
        declared_bump: report.declared_bump,
        required_bump: report.required_bump,
        passed: report.passed,
        reasons,
        changes: report.findings.len(),
        main_findings: counts,
    }
}

impl HistoryReport {
    /// How many pairs pass the check.
    pub fn passed(&self) -> usize {
        self.rows.iter().filter(|r| r.passed).count()
    }
}
