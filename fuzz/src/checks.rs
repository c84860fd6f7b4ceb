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
//!   error's code;
//! - what the CLI writes for any report or load error, in every format
//!   (the renderer's text through the CLI's output sink,
//!   `render::escape::output`), has no ESC or other control byte but line
//!   feed and tab, no `##[`, and no line starting with `::` except, in the
//!   GitHub format, the tool's own annotations; the diff renderers' own
//!   text, markdown and GitHub output keep this even before the sink (no
//!   ESC, no document text at a line start).

use matrix_privacy_policy::diff::{self, Accepted};
use matrix_privacy_policy::load;
use matrix_privacy_policy::render::diff as render;
use matrix_privacy_policy::render::escape;
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
    // Identity matching of accepted findings must not panic either.
    let _ = accepted.match_changes(&d.changes, old, new);
    let report = diff::check(d, accepted);
    check_output("summary", &report.summary(), false, true);
    for mode in [render::Mode::Diff, render::Mode::Check] {
        check_output("text", &render::text(&report, mode), false, true);
        let json = render::json(&report, mode);
        if let Err(e) = serde_json::from_str::<Value>(&json) {
            panic!("render::json did not print JSON: {e}\n{json}");
        }
        let written = escape::output(&json, false);
        match serde_json::from_str::<Value>(&written) {
            Ok(v) => assert!(
                serde_json::from_str::<Value>(&json).is_ok_and(|w| w == v),
                "the output sink changed the meaning of the JSON report"
            ),
            Err(e) => panic!("the output sink broke the JSON report: {e}\n{written}"),
        }
        check_output("json", &json, false, false);
        check_output("markdown", &render::markdown(&report, mode), false, true);
        for gh in [
            render::github(&report, mode, Some("data/policy.json")),
            render::github_located(&report, mode, Some("p,o:l%icy.json"), new_text),
        ] {
            check_github(&gh);
            check_output("github", &gh, true, true);
        }
    }
    check_output("changelog", &render::changelog(&report), false, true);
}

/// What the CLI writes of `raw` (through its output sink) is clean: no ESC
/// or other control byte but line feed and tab, no `##[`, no line starting
/// with `::` unless `commands` (then only the tool's annotations). With
/// `raw_too`, `raw` itself has no ESC and no line starting with `::` (other
/// than annotations).
pub fn check_output(what: &str, raw: &str, commands: bool, raw_too: bool) {
    let written = escape::output(raw, commands);
    assert!(
        !written
            .chars()
            .any(|c| escape::is_hidden(c) && c != '\n' && c != '\t'),
        "{what}: a control or hidden character in the output: {written:?}"
    );
    assert!(
        !written.contains("##["),
        "{what}: `##[` in the output: {written:?}"
    );
    for line in written.lines() {
        let t = line.trim_start();
        if t.starts_with("::") {
            assert!(
                commands && is_annotation(line),
                "{what}: a line starts a workflow command: {line:?}"
            );
        }
    }
    if raw_too {
        assert!(
            !raw.contains('\u{1b}'),
            "{what}: an ESC byte in the renderer's output: {raw:?}"
        );
        for line in raw.lines() {
            if line.trim_start().starts_with("::") {
                assert!(
                    commands && is_annotation(line),
                    "{what}: document text starts a line of the renderer's output: {line:?}"
                );
            }
        }
    }
}

/// `::error|warning|notice[ props]::data`, properties without a raw `:`.
fn is_annotation(line: &str) -> bool {
    ["::error", "::warning", "::notice"]
        .iter()
        .any(|p| line.starts_with(p))
        && line[2..]
            .split_once("::")
            .is_some_and(|(head, _)| !head.contains(':'))
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
            check_output("load error", &e.to_string(), false, false);
            check_validation(&Err(e.clone()));
            let list = e.diagnostics();
            assert!(!list.is_empty(), "an error without diagnostics: {e:?}");
            assert_eq!(list[0].code, e.code());
            None
        }
    }
}

/// The `validate` reports of one result, in every format, as the CLI writes them.
fn check_validation(result: &Result<Policy, load::LoadError>) {
    use matrix_privacy_policy::render::validation::{self, FileReport};
    let reports = [FileReport {
        name: "data/x\n::error::y.json",
        result,
    }];
    check_output("validate text", &validation::text(&reports), false, false);
    check_output("validate json", &validation::json(&reports), false, false);
    check_output(
        "validate markdown",
        &validation::markdown(&reports),
        false,
        false,
    );
    check_output(
        "validate github",
        &validation::github(&reports),
        true,
        false,
    );
}

/// Splits fuzz input at NUL bytes (which no JSON text contains unescaped):
/// `OLD \0 NEW [\0 ACCEPTED]`.
pub fn split3(data: &[u8]) -> (&[u8], &[u8], Option<&[u8]>) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let old = parts.next().unwrap_or_default();
    let new = parts.next().unwrap_or_default();
    (old, new, parts.next())
}
