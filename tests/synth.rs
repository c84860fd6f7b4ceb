//! The synthetic document generator: valid by construction, deterministic,
//! and pairs of versions with exactly the requested changes.

use std::collections::BTreeMap;

use matrix_privacy_policy::diff::{self, RuleId};
use matrix_privacy_policy::load::{self, LoadOptions};
use matrix_privacy_policy::synth::{self, Generator, SUPPORTED_RULES, SynthError};

/// Whether the heavy tests run: `MPP_HEAVY_TESTS=1` (CI sets it; the
/// README's `cargo test` stays fast without it).
fn heavy_tests() -> bool {
    let on = std::env::var_os("MPP_HEAVY_TESTS").is_some_and(|v| v == "1");
    if !on {
        eprintln!("skipped: a heavy test; set MPP_HEAVY_TESTS=1 to run it");
    }
    on
}

fn counts(d: &diff::Diff) -> BTreeMap<RuleId, usize> {
    let mut out = BTreeMap::new();
    for c in d {
        *out.entry(c.rule).or_insert(0) += 1;
    }
    out
}

fn loads(policy: &matrix_privacy_policy::Policy) {
    let compact = serde_json::to_vec(policy).unwrap();
    let opts = LoadOptions::default().with_max_bytes(usize::MAX);
    match load::load_with(&compact, &opts) {
        Ok(back) => assert_eq!(&back, policy),
        Err(e) => panic!(
            "{} entities: {e}\n{:#?}",
            policy.data_categories.len(),
            e.diagnostics()
        ),
    }
    let pretty = policy.to_json_pretty();
    assert_eq!(&load::load_with(pretty.as_bytes(), &opts).unwrap(), policy);
}

#[test]
fn generated_documents_load() {
    let cases = [1, 2, 3, 4, 5, 7, 8, 16, 33, 100]
        .into_iter()
        .flat_map(|n| [0, 1, 0xDEAD_BEEF].map(|seed| (n, seed)))
        // 1000 entities: a heavy case (MPP_HEAVY_TESTS=1).
        .chain(heavy_tests().then_some((1000, 7)));
    for (n, seed) in cases {
        let p = Generator::new(seed).entities(n).policy();
        assert_eq!(p.data_categories.len(), n);
        assert_eq!(p.statements.len(), n);
        assert_eq!(p.history.len(), n);
        loads(&p);
    }
}

#[test]
fn same_seed_same_document() {
    let a = Generator::new(9).entities(200).json();
    let b = Generator::new(9).entities(200).json();
    assert_eq!(a, b);
    assert_ne!(a, Generator::new(10).entities(200).json());
}

#[test]
fn diff_against_itself_is_empty() {
    let (old, new) = synth::pair(3, 50, &[]).unwrap();
    assert_eq!(old, new);
    assert!(diff::diff(&old, &new).is_empty());
}

#[test]
fn every_supported_rule_alone() {
    for &rule in SUPPORTED_RULES {
        for count in [1, 3] {
            let wanted = [(rule, count)];
            let (old, new) = synth::pair(11, 64, &wanted).unwrap_or_else(|e| panic!("{rule}: {e}"));
            loads(&new);
            let found = diff::diff(&old, &new);
            let expected = synth::expected_changes(&wanted).unwrap();
            assert_eq!(
                counts(&found),
                expected,
                "{rule} ×{count}: {:#?}",
                found.changes
            );
            let report = diff::check(found, &diff::Accepted::default());
            assert!(
                report.passed,
                "{rule}: the version bump matches the changes"
            );
        }
    }
}

#[test]
fn many_rules_together() {
    let wanted: Vec<(RuleId, usize)> = SUPPORTED_RULES.iter().map(|&r| (r, 2)).collect();
    let sizes = [(1, 200), (2, 301), (3, 1000)];
    // 1000 entities: a heavy case (MPP_HEAVY_TESTS=1).
    let sizes = if heavy_tests() {
        &sizes[..]
    } else {
        &sizes[..2]
    };
    for &(seed, n) in sizes {
        let (old, new) = synth::pair(seed, n, &wanted).unwrap();
        loads(&old);
        loads(&new);
        let found = diff::diff(&old, &new);
        assert_eq!(
            counts(&found),
            synth::expected_changes(&wanted).unwrap(),
            "seed {seed}, {n} entities"
        );
        // Deterministic too.
        assert_eq!(synth::pair(seed, n, &wanted).unwrap().1, new);
    }
}

#[test]
fn common_rules_at_scale() {
    if !heavy_tests() {
        return;
    }
    let wanted = [
        (RuleId::DataCategoryAdded, 10),
        (RuleId::DataCategoryRemoved, 10),
        (RuleId::RecipientAdded, 10),
        (RuleId::RecipientRemoved, 10),
        (RuleId::PurposeAdded, 10),
        (RuleId::PurposeRemoved, 10),
        (RuleId::RecipientDataAdded, 10),
        (RuleId::RecipientDataRemoved, 10),
        (RuleId::RetentionExtended, 10),
        (RuleId::RetentionShortened, 10),
        (RuleId::DescriptionChanged, 100),
        (RuleId::NameChanged, 10),
        (RuleId::ParameterWeakened, 10),
    ];
    let (old, new) = synth::pair(5, 5000, &wanted).unwrap();
    loads(&new);
    assert_eq!(
        counts(&diff::diff(&old, &new)),
        synth::expected_changes(&wanted).unwrap()
    );
}

#[test]
fn errors() {
    assert!(matches!(
        synth::pair(1, 10, &[(RuleId::HistoryRewritten, 1)]),
        Err(SynthError::Unsupported(RuleId::HistoryRewritten))
    ));
    let err = synth::pair(1, 8, &[(RuleId::RecipientRemoved, 7)]).unwrap_err();
    assert_eq!(
        err,
        SynthError::Capacity {
            rule: RuleId::RecipientRemoved,
            requested: 7,
            made: 6,
            entities: 8
        }
    );
    assert!(
        err.to_string()
            .contains("room for 6 `recipient-removed` changes")
    );
    // A document with one anchor has no second reference to add or remove.
    assert!(synth::pair(1, 3, &[(RuleId::PurposeDataRemoved, 1)]).is_err());
}
