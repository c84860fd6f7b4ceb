//! The fuzz targets' regression corpus and invariants, as ordinary tests
//! (they run in `cargo test`, with no fuzzer installed).
//!
//! - Every file in `tests/corpus/fuzz/` is an input a fuzz target once
//!   failed on, or an edge case worth keeping. Its name says what it is for
//!   and what it must produce: `NAME--CODE.load` is one document for the
//!   `load` target that must fail with error code `CODE` (or load, for
//!   `ok`); `NAME--CODE.pair` is `OLD \0 NEW [\0 ACCEPTED]` for the `diff`
//!   target, where `CODE` is the outcome of loading NEW.
//! - The invariants are the fuzz targets' own (`fuzz/src/checks.rs`, included
//!   here by path): round trip, `diff(p, p)` empty, change pointers resolve,
//!   JSON output parses, GitHub output is only annotations. They are run on
//!   every corpus file and on the embedded releases (each one, consecutive
//!   pairs and the first against the last, both ways).
//!
//! To add a finding: minimise it (`cargo fuzz tmin TARGET ARTIFACT`), copy it
//! here under a name of the form above, and fix the code until this passes.

#[allow(dead_code)]
#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::PathBuf;

use matrix_privacy_policy::Policy;
use matrix_privacy_policy::diff::Accepted;
use matrix_privacy_policy::load;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/fuzz");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("load" | "pair")
            )
        })
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    files
}

/// The code a file's name promises: `NAME--CODE.EXT`.
fn expected(name: &str) -> &str {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    stem.rsplit_once("--")
        .unwrap_or_else(|| panic!("{name}: no `--CODE` in the name"))
        .1
}

fn outcome(bytes: &[u8]) -> &'static str {
    match load::load(bytes) {
        Ok(_) => "ok",
        Err(e) => e.code().as_str(),
    }
}

/// Runs a pair through the `diff` target's steps.
fn run_pair(data: &[u8]) {
    let (old, new, accepted) = checks::split3(data);
    let accepted = match accepted.map(Accepted::from_slice) {
        Some(Ok(a)) => a,
        _ => Accepted::default(),
    };
    if let (Some(a), Some(b)) = (checks::load_and_check(old), checks::load_and_check(new)) {
        checks::exercise_diff(&a, &b, std::str::from_utf8(new).ok(), &accepted);
        checks::exercise_diff(&b, &a, std::str::from_utf8(old).ok(), &Accepted::default());
    }
}

#[test]
fn corpus_inputs_give_their_typed_outcome() {
    for (name, bytes) in corpus() {
        let want = expected(&name);
        let got = if name.ends_with(".pair") {
            run_pair(&bytes);
            outcome(checks::split3(&bytes).1)
        } else {
            if let Some(p) = checks::load_and_check(&bytes) {
                checks::exercise_diff(
                    Policy::canonical(),
                    &p,
                    std::str::from_utf8(&bytes).ok(),
                    &Accepted::default(),
                );
            }
            outcome(&bytes)
        };
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn invariants_hold_for_the_embedded_releases() {
    let releases = Policy::releases();
    for r in releases {
        checks::check_loaded(r);
    }
    // Consecutive releases, and the first against the last, both ways.
    let mut pairs: Vec<(&Policy, &Policy)> = releases.windows(2).map(|w| (&w[0], &w[1])).collect();
    pairs.push((&releases[0], &releases[releases.len() - 1]));
    for (old, new) in pairs {
        checks::exercise_diff(old, new, Some(&new.to_json_pretty()), &Accepted::default());
        checks::exercise_diff(new, old, Some(&old.to_json_pretty()), &Accepted::default());
    }
}

#[test]
fn an_addition_to_an_empty_list_points_at_the_list() {
    // Found by the `diff` target's pointer check on its seeds: a caveat added
    // to a right without caveats has `old_pointer` `/rights/N/caveats`, a
    // member the serializer leaves out of the old document because the list
    // is empty. The check accepts a pointer to a member left out of an object.
    let old = Policy::canonical();
    let i = old
        .rights
        .iter()
        .position(|r| r.caveats.is_empty())
        .expect("a right without caveats");
    let mut new = old.clone();
    let mut caveat = old
        .rights
        .iter()
        .find_map(|r| r.caveats.first())
        .unwrap()
        .clone();
    caveat.id = "fuzz_caveat".parse().unwrap();
    new.rights[i].caveats.push(caveat);
    let d = matrix_privacy_policy::diff::diff(old, &new);
    let c = d
        .iter()
        .find(|c| c.rule.as_str() == "caveat-added")
        .expect("caveat-added");
    assert_eq!(
        c.old_pointer.as_deref(),
        Some(format!("/rights/{i}/caveats").as_str())
    );
    checks::exercise_diff(old, &new, Some(&new.to_json_pretty()), &Accepted::default());
}

#[test]
fn repeated_references_add_nothing() {
    // Found by tests/resource_bounds.rs (a million repeated references):
    // `set_changes` paired duplicates one to one, so `["a"]` → `["a", "a"]`
    // reported `recipient-data-added` (a major bump) for a data category
    // the recipient already received, once per repetition.
    let old = Policy::canonical();
    let mut new = old.clone();
    let first = new.recipients[0].receives[0].clone();
    new.recipients[0].receives.push(first.clone());
    new.recipients[0].receives.push(first);
    let d = matrix_privacy_policy::diff::diff(old, &new);
    assert!(d.is_empty(), "{:?}", d.changes);
    assert!(matrix_privacy_policy::diff::diff(&new, old).is_empty());
    // Every reference list repeated and every collection reversed.
    assert!(matrix_privacy_policy::diff::diff(old, &checks::shuffled(old)).is_empty());
}
