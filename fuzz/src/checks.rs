//! The invariants the fuzz targets check, shared with
//! `tests/fuzz_regressions.rs` (which includes this file by path, so it
//! depends on nothing but the main crate and `serde_json`).
//!
//! Besides "no panic, no hang, bounded memory" (libFuzzer's `-timeout` and
//! `-rss_limit_mb`), the targets check these invariants:
//!
//! - a document that loads serializes and loads back to an equal value
//!   (load → serialize → load is the identity);
//! - `diff(a, a)` is empty, and so is the diff between a document and the
//!   same document with every id-keyed collection reversed and every
//!   reference list reversed and repeated (order and repetition never
//!   count);
//! - every change's `old_pointer` resolves in the old document and its
//!   `new_pointer` in the new one (or names a member left out of an object);
//! - `render::json` prints JSON; `render::github` prints only workflow
//!   commands, one per line (no text of the policy can start a line);
//! - a load error always has diagnostics, the first of which has the
//!   error's code.

use matrix_privacy_policy::diff::{self, Accepted};
use matrix_privacy_policy::load;
use matrix_privacy_policy::render::diff as render;
use matrix_privacy_policy::{Id, Policy};
use serde_json::Value;

/// The most a target renders of one pair: keeps each run fast when a
/// mutated document is huge (the loader's own limits still apply first).
const MAX_CHANGES_RENDERED: usize = 5_000;

/// Checks a document that loaded: round trip and `diff(p, p)`.
pub fn check_loaded(p: &Policy) {
    let text = p.to_json_pretty();
    match load::load_str(&text) {
        Ok(again) => assert!(again == *p, "load -> serialize -> load is not the identity"),
        Err(e) => panic!("a loaded document does not load after serializing: {e}"),
    }
    let d = diff::diff(p, p);
    assert!(d.is_empty(), "diff(p, p) is not empty: {:?}", d.changes);
    let q = shuffled(p);
    let d = diff::diff(p, &q);
    assert!(
        d.is_empty(),
        "reordering or repeating counts: {:?}",
        first(&d)
    );
    let d = diff::diff(&q, p);
    assert!(
        d.is_empty(),
        "reordering or repeating counts (reversed): {:?}",
        first(&d)
    );
}

fn first(d: &diff::Diff) -> &[diff::Change] {
    &d.changes[..d.len().min(3)]
}

/// Every reference list reversed and repeated.
fn twice(v: &mut Vec<Id>) {
    let c = v.clone();
    v.reverse();
    v.extend(c);
}

/// `p` with its id-keyed collections reversed and its reference lists
/// reversed and repeated: the same policy.
pub fn shuffled(p: &Policy) -> Policy {
    let mut q = p.clone();
    q.contacts.reverse();
    q.services.reverse();
    q.data_categories.reverse();
    q.purposes.reverse();
    q.recipients.reverse();
    q.transfers.reverse();
    q.retention.reverse();
    q.rights.reverse();
    q.security_measures.reverse();
    q.history_visibility.reverse();
    q.statements.reverse();
    q.services
        .iter_mut()
        .for_each(|x| twice(&mut x.operated_by));
    q.data_categories
        .iter_mut()
        .for_each(|x| twice(&mut x.services));
    q.purposes.iter_mut().for_each(|x| twice(&mut x.data));
    q.recipients.iter_mut().for_each(|x| {
        twice(&mut x.receives);
        twice(&mut x.purposes);
    });
    q.transfers
        .iter_mut()
        .for_each(|x| twice(&mut x.recipients));
    q.retention.iter_mut().for_each(|x| twice(&mut x.data));
    q.security_measures
        .iter_mut()
        .for_each(|x| twice(&mut x.applies_to));
    for r in &mut q.rights {
        r.caveats.reverse();
    }
    for m in &mut q.security_measures {
        m.parameters.reverse();
    }
    q
}

/// Diffs two documents, checks the pointers, and runs every renderer in both
/// modes; `new_text` is the new document's JSON text (for annotation lines).
pub fn exercise_diff(old: &Policy, new: &Policy, new_text: Option<&str>, accepted: &Accepted) {
    let d = diff::diff(old, new);
    check_pointers(old, new, &d);
    if d.len() > MAX_CHANGES_RENDERED {
        return;
    }
    let report = diff::check(d, accepted);
    let _ = report.summary();
    for mode in [render::Mode::Diff, render::Mode::Check] {
        let _ = render::text(&report, mode);
        let json = render::json(&report, mode);
        if let Err(e) = serde_json::from_str::<Value>(&json) {
            panic!("render::json did not print JSON: {e}\n{json}");
        }
        let _ = render::markdown(&report, mode);
        check_github(&render::github(&report, mode, Some("data/policy.json")));
        check_github(&render::github_located(
            &report,
            mode,
            Some("p,o:l%icy.json"),
            new_text,
        ));
    }
    let _ = render::changelog(&report);
}

/// Every line of GitHub output is a workflow command.
fn check_github(out: &str) {
    for line in out.split('\n').filter(|l| !l.is_empty()) {
        assert!(
            ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|p| line.starts_with(p)),
            "a line of GitHub output is not an annotation: {line:?}"
        );
        assert!(
            !line.contains('\r'),
            "a carriage return in a GitHub annotation: {line:?}"
        );
    }
}

/// Whether `pointer` names a value of `doc`, or a member of an object of
/// `doc` that is left out because it is empty or absent (the engine points an
/// addition to an empty list at the list, e.g. `/rights/0/caveats`, which the
/// serializer omits).
fn resolves(doc: &Value, pointer: &str) -> bool {
    if doc.pointer(pointer).is_some() {
        return true;
    }
    match pointer.rsplit_once('/') {
        Some((parent, _)) => doc.pointer(parent).is_some_and(Value::is_object),
        None => false,
    }
}

/// Every change's pointers resolve in the documents they name.
fn check_pointers(old: &Policy, new: &Policy, d: &diff::Diff) {
    if d.is_empty() {
        return;
    }
    let (Ok(old_v), Ok(new_v)) = (serde_json::to_value(old), serde_json::to_value(new)) else {
        panic!("a Policy does not serialize");
    };
    for c in d.iter() {
        if let Some(p) = &c.old_pointer {
            assert!(
                resolves(&old_v, p),
                "{:?}: old_pointer {p:?} is not in the old document",
                c.rule
            );
        }
        if let Some(p) = &c.new_pointer {
            assert!(
                resolves(&new_v, p),
                "{:?}: new_pointer {p:?} is not in the new document",
                c.rule
            );
        }
        assert!(
            c.old_pointer.as_deref() == Some(c.pointer.as_str())
                || c.new_pointer.as_deref() == Some(c.pointer.as_str()),
            "{:?}: pointer {:?} is neither the old nor the new pointer",
            c.rule,
            c.pointer
        );
    }
}

/// Loads a document; on success, checks it ([`check_loaded`]); on failure,
/// formats the error every way the CLI does.
pub fn load_and_check(bytes: &[u8]) -> Option<Policy> {
    match load::load(bytes) {
        Ok(p) => {
            check_loaded(&p);
            Some(p)
        }
        Err(e) => {
            let _ = e.to_string();
            let list = e.diagnostics();
            assert!(!list.is_empty(), "an error without diagnostics: {e:?}");
            assert_eq!(list[0].code, e.code());
            None
        }
    }
}

/// Splits fuzz input at NUL bytes (which no JSON text contains unescaped):
/// `OLD \0 NEW [\0 ACCEPTED]`.
pub fn split3(data: &[u8]) -> (&[u8], &[u8], Option<&[u8]>) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let old = parts.next().unwrap_or_default();
    let new = parts.next().unwrap_or_default();
    (old, new, parts.next())
}
