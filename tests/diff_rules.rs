//! The rule catalog: ids, consistency, and a triggering fixture with a
//! snapshot of its messages for every rule.

mod diff_support;

use std::collections::HashSet;

use diff_support::{fixtures, pair};
use matrix_privacy_policy::diff::{self, Bump, Effect, RULES, RuleId, rules};

#[test]
fn catalog_ids_are_unique_and_kebab_case() {
    let mut seen = HashSet::new();
    for rule in RULES {
        assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
        let kebab = !rule.id.is_empty()
            && rule.id.split('-').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
            && rule.id.starts_with(|c: char| c.is_ascii_lowercase());
        assert!(kebab, "rule id {} is not kebab-case", rule.id);
    }
    assert_eq!(RULES.len(), RuleId::ALL.len());
    for (id, rule) in RuleId::ALL.iter().zip(RULES) {
        assert_eq!(id.as_str(), rule.id);
        assert_eq!(id.rule(), rule);
        assert_eq!(rules::find(rule.id), Some(rule));
    }
}

#[test]
fn catalog_is_consistent() {
    for rule in RULES {
        assert_ne!(rule.bump, Bump::None, "{}: a rule needs a bump", rule.id);
        for text in [rule.title, rule.rationale, rule.reference] {
            assert!(!text.trim().is_empty(), "{}: empty text", rule.id);
            assert!(!text.contains('\n'), "{}: text must be one line", rule.id);
        }
        // The bump follows from the effect: expansions are major, restrictions
        // minor, wording patch.
        match rule.effect {
            Effect::Expands => assert_eq!(rule.bump, Bump::Major, "{}", rule.id),
            Effect::Restricts => assert_eq!(rule.bump, Bump::Minor, "{}", rule.id),
            Effect::Neutral => assert_ne!(rule.bump, Bump::Major, "{}", rule.id),
        }
        if rule.fails_check {
            assert!(
                rule.id.starts_with("history-") || rule.id.starts_with("text-"),
                "{}",
                rule.id
            );
        }
    }
}

#[test]
fn every_rule_has_a_triggering_fixture() {
    let fixtures = fixtures();
    let mut missing = Vec::new();
    // The text rules come from the text binding (`text::findings`), not
    // from a diff of two documents: tests/text_binding.rs triggers them.
    for rule in RULES.iter().filter(|r| !r.id.starts_with("text-")) {
        if !fixtures.iter().any(|f| f.rule == rule.id) {
            missing.push(rule.id);
        }
    }
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
    for f in &fixtures {
        assert!(
            rules::find(f.rule).is_some(),
            "fixture {:?} names no rule: {}",
            f.name,
            f.rule
        );
        let (old, new) = pair(f);
        let d = diff::diff(&old, &new);
        assert!(
            d.iter().any(|c| c.rule.as_str() == f.rule),
            "fixture {:?} does not trigger {}: {:#?}",
            f.name,
            f.rule,
            d.changes
        );
        // The reverse pair compares too, and never to nothing.
        assert!(!diff::diff(&new, &old).is_empty(), "{}", f.name);
    }
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

#[test]
fn rule_messages() {
    for f in fixtures() {
        let (old, new) = pair(&f);
        let d = diff::diff(&old, &new);
        let mut out = format!("fixture: {}\n", f.name);
        for c in &d {
            let mark = if c.rule.as_str() == f.rule { "*" } else { " " };
            out.push_str(&format!(
                "{mark} {} {} at {}\n    {}\n",
                c.bump(),
                c.rule,
                if c.pointer.is_empty() {
                    "/"
                } else {
                    &c.pointer
                },
                c.message
            ));
        }
        insta::assert_snapshot!(format!("rule__{}__{}", f.rule, slug(f.name)), out);
    }
}
