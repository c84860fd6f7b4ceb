//! Snapshots of every output format for one fixed pair of documents.

mod diff_support;

use diff_support::{base, id};
use matrix_privacy_policy::diff::{self, Accepted, Report};
use matrix_privacy_policy::render::{catalog, diff as render};
use matrix_privacy_policy::{ParameterValue, Period, Policy, Retention, Revision, Right};

/// 1.1.0 → 1.2.0 with a mix of major, minor and patch changes, one accepted
/// finding, one stale accepted entry, and text that needs escaping.
fn fixed_pair() -> (Policy, Policy, Accepted) {
    let old = base();
    let mut new = old.clone();
    new.version = "1.2.0".parse().expect("version");
    new.history.push(Revision {
        version: new.version.clone(),
        date: "2024-02-01".parse().expect("date"),
        summary: "CDN changes; 100% clearer: logs, hashing".into(),
    });
    if let Some(cdn) = new.recipients.iter_mut().find(|r| r.id == "cdn") {
        cdn.receives.push(id("user_agent"));
    }
    if let Some(logs) = new.retention.iter_mut().find(|r| r.id == "logs") {
        logs.retention = Retention::Fixed {
            period: "P6M".parse::<Period>().expect("period"),
        };
    }
    if let Some(m) = new
        .security_measures
        .iter_mut()
        .find(|m| m.id == "password_hashing")
    {
        m.parameters[1].value = ParameterValue::Integer(13);
    }
    new.rights.retain(|r| r.right != Right::Portability);
    if let Some(s) = new.statements.iter_mut().find(|s| s.id == "scope") {
        s.text =
            "Covers 100% of example.org:\r\nthe homeserver, <b>not</b> *other* servers.".into();
    }
    new.title = "Example Privacy Policy".into();
    let accepted = Accepted::from_json(
        r#"{"accepted": [
            {"rule": "retention-incomparable", "pointer": "/retention/0/retention",
             "reason": "Six months is at most 186 days;\r\nlogs are rotated at 180."},
            {"rule": "title-changed", "pointer": "/subtitle", "reason": "Left over from 1.1.0."}
        ]}"#,
    )
    .expect("accepted findings");
    (old, new, accepted)
}

fn report() -> (Report, Policy) {
    let (old, new, accepted) = fixed_pair();
    (diff::check(diff::diff(&old, &new), &accepted), new)
}

#[test]
fn verdict_of_the_fixed_pair() {
    let (r, _) = report();
    assert!(!r.passed);
    assert_eq!(
        r.summary(),
        "requires a major bump; declared minor; next valid version 2.0.0"
    );
}

#[test]
fn text() {
    let (r, _) = report();
    insta::assert_snapshot!("check_text", render::text(&r, render::Mode::Check));
    insta::assert_snapshot!("diff_text", render::text(&r, render::Mode::Diff));
}

#[test]
fn json() {
    let (r, _) = report();
    let out = render::json(&r, render::Mode::Check);
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    for key in [
        "old_version",
        "new_version",
        "declared_bump",
        "required_bump",
        "passed",
        "changes",
        "stale_accepted",
    ] {
        assert!(value.get(key).is_some(), "missing key {key}");
    }
    for change in value["changes"].as_array().expect("changes") {
        for key in ["rule", "bump", "effect", "pointer", "message", "accepted"] {
            assert!(change.get(key).is_some(), "missing change key {key}");
        }
    }
    insta::assert_snapshot!("check_json", out);
}

#[test]
fn markdown() {
    let (r, _) = report();
    insta::assert_snapshot!("check_markdown", render::markdown(&r, render::Mode::Check));
    insta::assert_snapshot!("changelog_markdown", render::changelog(&r));
}

#[test]
fn github() {
    let (r, new) = report();
    let text = new.to_json_pretty();
    let out = render::github_located(
        &r,
        render::Mode::Check,
        Some("data/example, v1.json"),
        Some(&text),
    );
    for line in out.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "{line}"
        );
    }
    assert!(!out.contains('\r'));
    assert!(out.contains("file=data/example%2C v1.json,line="));
    insta::assert_snapshot!("check_github", out);
}

#[test]
fn rules_catalog() {
    insta::assert_snapshot!("rules_text", catalog::text());
    insta::assert_snapshot!("rules_markdown", catalog::markdown_table());
    let json: serde_json::Value = serde_json::from_str(&catalog::json()).expect("valid JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(diff::RULES.len()));
    insta::assert_snapshot!(
        "explain_recipient_added",
        catalog::explain(diff::RuleId::RecipientAdded.rule())
    );
}
