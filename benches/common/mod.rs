//! Inputs shared by the benchmarks: the canonical document, a modified copy,
//! and synthetic documents (built once per process and kept).

#![allow(dead_code)] // each benchmark uses part of this module

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use matrix_privacy_policy::diff::RuleId;
use matrix_privacy_policy::load::LoadOptions;
use matrix_privacy_policy::synth::{self, Generator};
use matrix_privacy_policy::{Period, Policy, Retention, Revision};

/// Entities per collection of the synthetic documents. Debug builds (the
/// `cargo test --benches` smoke run) use small sizes: the point there is
/// that every benchmark runs, not what it measures.
pub const SIZES: &[usize] = if cfg!(debug_assertions) {
    &[100, 1_000]
} else {
    &[1_000, 10_000, 100_000]
};

/// The seed of every synthetic document in the benchmarks.
pub const SEED: u64 = 2024;

/// The changes between the two synthetic versions diffed: the common
/// rules, a fixed number each (the diff's cost is in walking the
/// documents, not in the few changes).
pub const CHANGES: &[(RuleId, usize)] = &[
    (RuleId::DataCategoryAdded, 5),
    (RuleId::DataCategoryRemoved, 5),
    (RuleId::PurposeAdded, 5),
    (RuleId::PurposeRemoved, 5),
    (RuleId::RecipientAdded, 5),
    (RuleId::RecipientRemoved, 5),
    (RuleId::RecipientDataAdded, 5),
    (RuleId::RecipientDataRemoved, 5),
    (RuleId::RetentionExtended, 5),
    (RuleId::RetentionShortened, 5),
    (RuleId::DescriptionChanged, 20),
    (RuleId::NameChanged, 5),
    (RuleId::ParameterWeakened, 5),
];

/// Loader options without the size limit (a 100k document is ~400 MB).
pub fn unlimited() -> LoadOptions {
    LoadOptions::default().with_max_bytes(usize::MAX)
}

/// The canonical document's text.
pub fn canonical_json() -> &'static str {
    Policy::canonical_json()
}

/// The previous release of the canonical document (3.0.1).
pub const PREVIOUS_JSON: &str = include_str!("../../data/matrix.org/3.0.1.json");

/// The canonical document with a few edits of the kinds a release makes: a
/// recipient receives more data, a retention is extended, a description is
/// reworded, a statement is removed; a major release.
pub fn modified_canonical() -> Policy {
    let mut p = Policy::canonical().clone();
    if let Some(extra) = p.data_categories.last().map(|d| d.id.clone())
        && let Some(r) = p
            .recipients
            .iter_mut()
            .find(|r| !r.receives.contains(&extra))
    {
        r.receives.push(extra);
    }
    if let Some(r) = p
        .retention
        .iter_mut()
        .find(|r| matches!(r.retention, Retention::Fixed { .. }))
    {
        r.retention = Retention::Fixed {
            period: Period::from_years(10),
        };
    }
    if let Some(d) = p.data_categories.first_mut() {
        d.description.push_str(" Reworded.");
    }
    p.statements.pop();
    p.version = semver::Version::new(p.version.major + 1, 0, 0);
    let date = p.history.last().map(|h| h.date);
    if let Some(date) = date {
        p.history.push(Revision {
            version: p.version.clone(),
            date,
            summary: "Benchmark release".into(),
        });
    }
    p
}

/// A synthetic document of `n` entities per collection: its pretty JSON text
/// and the policy.
pub fn document(n: usize) -> &'static (String, Policy) {
    static DOCS: OnceLock<Mutex<HashMap<usize, &'static (String, Policy)>>> = OnceLock::new();
    let mut docs = DOCS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    docs.entry(n).or_insert_with(|| {
        let policy = Generator::new(SEED).entities(n).policy();
        Box::leak(Box::new((policy.to_json_pretty(), policy)))
    })
}

/// An old and a new synthetic version of `n` entities per collection, with
/// [`CHANGES`] between them.
pub fn versions(n: usize) -> &'static (Policy, Policy) {
    static PAIRS: OnceLock<Mutex<HashMap<usize, &'static (Policy, Policy)>>> = OnceLock::new();
    let mut pairs = PAIRS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    pairs.entry(n).or_insert_with(|| {
        let pair = synth::pair(SEED, n, CHANGES).unwrap_or_else(|e| panic!("{e}"));
        Box::leak(Box::new(pair))
    })
}
