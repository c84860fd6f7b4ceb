//! The verdict: declared and required bumps, pre-releases, the append-only
//! history, and accepted findings.

mod diff_support;

use diff_support::{base, fixtures, pair};
use matrix_privacy_policy::Policy;
use matrix_privacy_policy::diff::{
    self, AcceptError, Accepted, Bump, Failure, RuleId, declared_bump, next_version,
};
use semver::Version;

fn v(s: &str) -> Version {
    Version::parse(s).expect("version")
}

/// `old` and `new` from a fixture, with `new` at `version` and its history entry.
fn release(fixture: &str, version: &str) -> (Policy, Policy) {
    let f = fixtures()
        .into_iter()
        .find(|f| f.name == fixture)
        .expect("fixture");
    let (old, mut new) = pair(&f);
    set_version(&mut new, version);
    (old, new)
}

fn set_version(p: &mut Policy, version: &str) {
    p.version = v(version);
    p.history.push(matrix_privacy_policy::Revision {
        version: v(version),
        date: "2024-02-01".parse().expect("date"),
        summary: format!("Release {version}"),
    });
}

fn accepted(json: &str) -> Accepted {
    Accepted::from_json(json).expect("valid accepted findings")
}

#[test]
fn declared_bumps() {
    let cases = [
        ("3.1.0", "4.0.0", Bump::Major),
        ("3.1.0", "3.2.0", Bump::Minor),
        ("3.1.0", "3.1.1", Bump::Patch),
        ("3.1.0", "5.0.0", Bump::Major),
        ("3.1.0", "3.3.7", Bump::Minor),
        ("3.1.0", "3.1.0", Bump::None),
        ("3.1.0", "3.0.9", Bump::None),
        ("3.1.0", "3.1.0+build.5", Bump::None),
        ("3.1.0", "4.0.0-rc.1", Bump::Major),
        ("3.1.0", "3.2.0-alpha", Bump::Minor),
        ("4.0.0-rc.1", "4.0.0-rc.2", Bump::Major),
        ("4.0.0-rc.1", "4.0.0", Bump::Major),
        ("3.2.0-rc.1", "3.2.0", Bump::Minor),
        ("3.1.1-rc.1", "3.1.1", Bump::Patch),
        ("4.0.0", "4.0.0-rc.1", Bump::None),
    ];
    for (old, new, bump) in cases {
        assert_eq!(declared_bump(&v(old), &v(new)), bump, "{old} -> {new}");
    }
}

#[test]
fn next_versions() {
    assert_eq!(next_version(&v("3.1.0"), Bump::None), None);
    assert_eq!(next_version(&v("3.1.4"), Bump::Major), Some(v("4.0.0")));
    assert_eq!(next_version(&v("3.1.4"), Bump::Minor), Some(v("3.2.0")));
    assert_eq!(next_version(&v("3.1.4"), Bump::Patch), Some(v("3.1.5")));
    assert_eq!(
        next_version(&v("3.2.0-rc.1"), Bump::Minor),
        Some(v("3.2.0"))
    );
    assert_eq!(
        next_version(&v("3.2.0-rc.1"), Bump::Major),
        Some(v("4.0.0"))
    );
    assert_eq!(
        next_version(&v(&format!("{}.0.0", u64::MAX)), Bump::Major),
        None
    );
}

#[test]
fn enough_bump_passes_and_too_little_fails() {
    let (old, new) = release("CDN receives user agents", "2.0.0");
    let report = diff::check_policies(&old, &new, &Accepted::default());
    assert!(report.passed, "{}", report.summary());
    assert_eq!(
        (report.declared_bump, report.required_bump),
        (Bump::Major, Bump::Major)
    );
    assert_eq!(report.next_version, None);

    let (old, new) = release("CDN receives user agents", "1.2.0");
    let report = diff::check_policies(&old, &new, &Accepted::default());
    assert!(!report.passed);
    assert_eq!(report.failures, vec![Failure::BumpTooSmall]);
    assert_eq!(
        report.summary(),
        "requires a major bump; declared minor; next valid version 2.0.0"
    );

    // A larger bump than needed is fine.
    let (old, new) = release("new title", "2.0.0");
    assert!(diff::check_policies(&old, &new, &Accepted::default()).passed);
}

#[test]
fn the_version_must_increase_when_anything_changed() {
    let base = base();
    // Nothing changed, same version: passes (CI on an untouched policy).
    let report = diff::check_policies(&base, &base, &Accepted::default());
    assert!(report.passed);
    assert_eq!(
        report.summary(),
        "requires no bump; version unchanged (1.1.0)"
    );

    // Something changed, same version: fails.
    let f = fixtures()
        .into_iter()
        .find(|f| f.name == "new title")
        .expect("fixture");
    let (old, new) = pair(&f);
    let report = diff::check_policies(&old, &new, &Accepted::default());
    assert!(!report.passed);
    assert_eq!(report.failures, vec![Failure::VersionNotIncreased]);
    assert_eq!(report.next_version, Some(v("1.1.1")));

    // A decreasing version fails even with nothing else changed.
    let mut lower = base.clone();
    lower.version = v("1.0.5");
    let report = diff::check_policies(&base, &lower, &Accepted::default());
    assert!(!report.passed);
    assert!(report.failures.contains(&Failure::VersionNotIncreased));
    assert!(
        report
            .summary()
            .contains("version decreased (1.1.0 → 1.0.5)")
    );
}

#[test]
fn rewriting_history_fails_whatever_the_bump() {
    for fixture in [
        "summary of 1.0.0 edited",
        "1.0.0 forgotten",
        "1.0.1 inserted",
    ] {
        let (old, new) = release(fixture, "2.0.0");
        let report = diff::check_policies(&old, &new, &Accepted::default());
        assert!(!report.passed, "{fixture}");
        assert_eq!(
            report.failures,
            vec![Failure::HistoryRewritten { count: 1 }],
            "{fixture}"
        );
        assert_eq!(
            report.next_version, None,
            "{fixture}: the version is not the problem"
        );
    }
}

#[test]
fn accepted_history_edits_pass() {
    let (old, new) = release("date of 1.1.0 edited", "1.1.1");
    let acc = accepted(
        r#"{"accepted": [{"rule": "history-rewritten", "pointer": "/history/1/date",
            "reason": "The source only gives the month."}]}"#,
    );
    let report = diff::check_policies(&old, &new, &acc);
    assert!(report.passed, "{}", report.summary());
    let f = report
        .findings
        .iter()
        .find(|f| f.change.rule == RuleId::HistoryRewritten)
        .expect("finding");
    assert_eq!(
        f.accepted.as_deref(),
        Some("The source only gives the month.")
    );
}

#[test]
fn accepted_findings_do_not_count_towards_the_required_bump() {
    let (old, new) = release("logs for six months", "1.2.0");
    let report = diff::check_policies(&old, &new, &Accepted::default());
    assert_eq!(report.required_bump, Bump::Major);
    assert!(!report.passed);

    // Matched by the finding's pointer (old and new pointers match too).
    let acc = accepted(
        r#"{"accepted": [{"rule": "retention-incomparable", "pointer": "/retention/0/retention",
            "reason": "Six months is at most 186 days; the service deletes at 180."}]}"#,
    );
    let report = diff::check_policies(&old, &new, &acc);
    assert_eq!(report.required_bump, Bump::Patch);
    assert!(report.passed, "{}", report.summary());
    assert!(report.stale.is_empty());
    // Still reported, marked accepted.
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.change.rule == RuleId::RetentionIncomparable && f.is_accepted())
    );
}

#[test]
fn an_entry_must_match_rule_and_pointer() {
    let (old, new) = release("logs for six months", "1.2.0");
    let acc = accepted(
        r#"{"accepted": [
            {"rule": "retention-extended", "pointer": "/retention/0/retention", "reason": "wrong rule"},
            {"rule": "retention-incomparable", "pointer": "/retention/1/retention", "reason": "wrong place"}
        ]}"#,
    );
    let report = diff::check_policies(&old, &new, &acc);
    assert!(!report.passed);
    assert_eq!(report.stale.len(), 2, "both entries are stale");
    assert!(report.findings.iter().all(|f| !f.is_accepted()));
}

#[test]
fn stale_entries_warn_but_do_not_fail() {
    let (old, new) = release("new title", "1.1.1");
    let acc = accepted(
        r#"{"accepted": [{"rule": "recipient-added", "pointer": "/recipients/9", "reason": "no longer needed"}]}"#,
    );
    let report = diff::check_policies(&old, &new, &acc);
    assert!(report.passed);
    assert_eq!(report.stale.len(), 1);
    assert_eq!(report.stale[0].rule, RuleId::RecipientAdded);
}

#[test]
fn accept_files_are_strict() {
    let err = |json: &str| Accepted::from_json(json).expect_err(json);
    assert!(matches!(
        err(r#"{"accepted": [{"rule": "title-changed", "pointer": "/title", "reason": ""}]}"#),
        AcceptError::EmptyReason { index: 0 }
    ));
    assert!(matches!(
        err(r#"{"accepted": [{"rule": "title-changed", "pointer": "/title"}]}"#),
        AcceptError::Shape { .. }
    ));
    assert!(matches!(
        err(r#"{"accepted": [{"rule": "title-changed", "pointer": "title", "reason": "x"}]}"#),
        AcceptError::BadPointer { index: 0, .. }
    ));
    let unknown_key = err(
        r#"{"accepted": [{"rule": "title-changed", "pointer": "/title", "reason": "x", "by": "me"}]}"#,
    );
    assert!(
        unknown_key.to_string().contains("unknown field `by`"),
        "{unknown_key}"
    );
    let unknown_rule =
        err(r#"{"accepted": [{"rule": "title-change", "pointer": "/title", "reason": "x"}]}"#);
    assert_eq!(
        unknown_rule.to_string(),
        "accepted findings: 1:37: at `accepted[0].rule`: `title-change` is not a rule id (see `privacy-policy rules`)"
    );
    assert!(matches!(
        err(r#"{"accepted": [], "extra": 1}"#),
        AcceptError::Shape { .. }
    ));
    assert!(matches!(err("[]"), AcceptError::Shape { .. }));
    assert!(matches!(err(""), AcceptError::Shape { .. }));
    assert!(Accepted::from_slice(b"\xff").is_err());
    assert_eq!(
        Accepted::from_json(r#"{"accepted": []}"#),
        Ok(Accepted::default())
    );
}

#[test]
fn diffing_never_panics_on_odd_documents() {
    // Duplicate ids, dangling references and empty collections: documents the
    // loader rejects still compare.
    let mut odd = base();
    let dup = odd.recipients[0].clone();
    odd.recipients.push(dup);
    odd.purposes[0].data.push("nowhere".parse().expect("id"));
    odd.history.clear();
    odd.services.clear();
    let base = base();
    let _ = diff::diff(&base, &odd);
    let _ = diff::diff(&odd, &base);
    assert!(diff::diff(&odd, &odd).is_empty());
    let report = diff::check_policies(&base, &odd, &Accepted::default());
    assert!(!report.passed);
}
