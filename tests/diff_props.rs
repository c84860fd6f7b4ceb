//! Property tests of the diff: a document never differs from itself, the
//! order of id-keyed collections and white space never count, and adding a
//! major change never lowers the required bump.

mod diff_support;

use diff_support::{Fixture, base, fixtures, major_fixtures};
use matrix_privacy_policy::Policy;
use matrix_privacy_policy::diff::{self, Accepted, Bump};
use proptest::prelude::*;

/// Applies fixtures' mutations of the new side to `doc`, in order.
fn apply(doc: &mut Policy, chosen: &[&Fixture]) {
    for f in chosen {
        let mut scratch = doc.clone();
        (f.mutate)(&mut scratch, doc);
    }
}

/// A document made from the base by a few random fixtures.
fn doc(indices: &[usize]) -> Policy {
    let all = fixtures();
    let chosen: Vec<&Fixture> = indices.iter().map(|i| &all[i % all.len()]).collect();
    let mut d = base();
    apply(&mut d, &chosen);
    d
}

/// A small deterministic generator (xorshift64*), so shuffles follow the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Reorders every id-keyed collection and every reference list of `p`.
fn shuffle(p: &mut Policy, seed: u64) {
    let mut r = Rng(seed | 1);
    r.shuffle(&mut p.contacts);
    r.shuffle(&mut p.services);
    for s in &mut p.services {
        r.shuffle(&mut s.operated_by);
        r.shuffle(&mut s.sections);
    }
    r.shuffle(&mut p.data_categories);
    for d in &mut p.data_categories {
        r.shuffle(&mut d.services);
    }
    r.shuffle(&mut p.purposes);
    for x in &mut p.purposes {
        r.shuffle(&mut x.legal_bases);
        r.shuffle(&mut x.data);
    }
    r.shuffle(&mut p.recipients);
    for x in &mut p.recipients {
        r.shuffle(&mut x.receives);
        r.shuffle(&mut x.purposes);
    }
    r.shuffle(&mut p.transfers);
    for x in &mut p.transfers {
        r.shuffle(&mut x.recipients);
        r.shuffle(&mut x.safeguards);
    }
    r.shuffle(&mut p.retention);
    for x in &mut p.retention {
        r.shuffle(&mut x.data);
        match &mut x.retention {
            matrix_privacy_policy::Retention::AfterEvent { events, .. }
            | matrix_privacy_policy::Retention::UntilEvent { events } => r.shuffle(events),
            _ => {}
        }
    }
    r.shuffle(&mut p.rights);
    for x in &mut p.rights {
        r.shuffle(&mut x.exercise);
        r.shuffle(&mut x.caveats);
    }
    r.shuffle(&mut p.security_measures);
    for x in &mut p.security_measures {
        r.shuffle(&mut x.applies_to);
        r.shuffle(&mut x.parameters);
    }
    r.shuffle(&mut p.history_visibility);
    r.shuffle(&mut p.statements);
    r.shuffle(&mut p.sections);
    r.shuffle(&mut p.history);
}

/// Adds white space around and inside every free text.
fn respace(p: &mut Policy) {
    let pad = |s: &mut String| *s = format!("  {}\n", s.replace(' ', " \t "));
    pad(&mut p.title);
    pad(&mut p.controller.description);
    for x in &mut p.data_categories {
        pad(&mut x.name);
        pad(&mut x.description);
    }
    for x in &mut p.purposes {
        pad(&mut x.description);
    }
    for x in &mut p.recipients {
        pad(&mut x.description);
        if let Some(c) = &mut x.condition {
            pad(c);
        }
    }
    for x in &mut p.statements {
        pad(&mut x.text);
    }
    for x in &mut p.history {
        pad(&mut x.summary);
    }
    for x in &mut p.sections {
        pad(&mut x.heading);
    }
}

/// The changes as an order-free multiset of (rule, message).
fn findings(old: &Policy, new: &Policy) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = diff::diff(old, new)
        .iter()
        .map(|c| (c.rule.to_string(), c.message.clone()))
        .collect();
    v.sort();
    v
}

fn indices() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0usize..1000, 0..5)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_document_never_differs_from_itself(ix in indices()) {
        let a = doc(&ix);
        let d = diff::diff(&a, &a);
        prop_assert!(d.is_empty(), "{:#?}", d.changes);
        prop_assert_eq!(d.required_bump(), Bump::None);
    }

    #[test]
    fn reordering_id_keyed_arrays_changes_nothing(ix in indices(), seed in any::<u64>()) {
        let a = doc(&ix);
        let mut b = a.clone();
        shuffle(&mut b, seed);
        let d = diff::diff(&a, &b);
        prop_assert!(d.is_empty(), "{:#?}", d.changes);
    }

    #[test]
    fn reordering_does_not_change_the_findings(
        old_ix in indices(), new_ix in indices(), s1 in any::<u64>(), s2 in any::<u64>()
    ) {
        let (a, b) = (doc(&old_ix), doc(&new_ix));
        let (mut a2, mut b2) = (a.clone(), b.clone());
        shuffle(&mut a2, s1);
        shuffle(&mut b2, s2);
        prop_assert_eq!(findings(&a, &b), findings(&a2, &b2));
    }

    #[test]
    fn white_space_in_text_never_counts(ix in indices()) {
        let a = doc(&ix);
        let mut b = a.clone();
        respace(&mut b);
        let d = diff::diff(&a, &b);
        prop_assert!(d.is_empty(), "{:#?}", d.changes);
    }

    #[test]
    fn adding_a_major_change_never_lowers_the_required_bump(
        ix in indices(), major in 0usize..1000
    ) {
        let old = base();
        let new = doc(&ix);
        let before = diff::diff(&old, &new).required_bump();
        let majors = major_fixtures();
        let m = &majors[major % majors.len()];
        // The major fixture's own pair, then the same mutation on top of `new`.
        let (o, n) = diff_support::pair(m);
        prop_assume!(o == old, "the fixture mutates the old side");
        let mut newer = new.clone();
        let mut scratch = newer.clone();
        (m.mutate)(&mut scratch, &mut newer);
        let after = diff::diff(&old, &newer).required_bump();
        prop_assert!(after >= before, "{} lowered {before} to {after}", m.name);
        prop_assert_eq!(diff::diff(&old, &n).required_bump(), Bump::Major);
        let report = diff::check(diff::diff(&old, &newer), &Accepted::default());
        prop_assert!(report.required_bump >= before);
    }

    #[test]
    fn every_difference_is_reported(old_ix in indices(), new_ix in indices()) {
        // If the diff finds nothing, the documents are the same up to order
        // and white space: normalising both makes them equal.
        let (a, b) = (doc(&old_ix), doc(&new_ix));
        if diff::diff(&a, &b).is_empty() {
            let norm = |p: &Policy| {
                let mut p = p.clone();
                p.version = semver::Version::new(0, 0, 0);
                let mut v = serde_json::to_value(&p).expect("serializes");
                sort_arrays(&mut v);
                v
            };
            prop_assert_eq!(norm(&a), norm(&b));
        }
    }
}

fn sort_arrays(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Array(items) => {
            items.iter_mut().for_each(sort_arrays);
            items.sort_by_key(|x| x.to_string());
        }
        serde_json::Value::Object(map) => map.values_mut().for_each(sort_arrays),
        _ => {}
    }
}

#[test]
fn every_fixture_reverses() {
    // Swapping old and new turns additions into removals: the reverse diff
    // has as many findings of the mirrored kinds, and is never empty.
    for f in fixtures() {
        let (o, n) = diff_support::pair(&f);
        assert!(!diff::diff(&n, &o).is_empty(), "{}", f.name);
    }
}

#[test]
fn every_pair_of_real_releases_compares() {
    // The published Matrix.org releases, each against each: no panic, nothing
    // found between a release and itself, something between any two, and a
    // version that goes backwards never passes.
    let releases = Policy::releases();
    for a in releases {
        assert!(diff::diff(a, a).is_empty(), "{}", a.version);
        for b in releases {
            if a.version == b.version {
                continue;
            }
            let forward = diff::diff(a, b);
            assert!(!forward.is_empty(), "{} -> {}", a.version, b.version);
            let report = diff::check(forward, &Accepted::default());
            if a.version > b.version {
                assert!(
                    !report.passed,
                    "{} -> {} goes backwards",
                    a.version, b.version
                );
            }
        }
    }
}
