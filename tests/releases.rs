//! Every embedded release of the Matrix.org policy, and the history report.

use matrix_privacy_policy::releases::MATRIX_ORG;
use matrix_privacy_policy::{Policy, history, load, render};

#[test]
fn every_release_validates_and_matches_its_file_name() {
    assert_eq!(MATRIX_ORG.len(), 13);
    for (version, json) in MATRIX_ORG {
        let policy = load::load_str(json).unwrap_or_else(|e| panic!("{version}:\n{e}"));
        assert_eq!(policy.version.to_string(), *version);
        let last = policy.history.last().expect("history is never empty");
        assert_eq!(last.version.to_string(), *version);
    }
}

#[test]
fn files_on_disk_are_the_embedded_ones() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/matrix.org");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("data/matrix.org")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = MATRIX_ORG
        .iter()
        .map(|(v, _)| format!("{v}.json"))
        .collect();
    embedded.sort();
    assert_eq!(on_disk, embedded, "add new releases to src/releases.rs");
}

#[test]
fn each_history_is_a_prefix_of_the_next() {
    // Each release's history says what its own text says. The versions are
    // append-only; an entry whose date or summary a later text states
    // differently (3.0.0 replaced the dated list with a back-filled one) must
    // be reported by the diff as `history-rewritten`, never pass silently.
    let releases = Policy::releases();
    for pair in releases.windows(2) {
        let (old, new) = (&pair[0], &pair[1]);
        assert_eq!(
            new.history.len(),
            old.history.len() + 1,
            "{} → {}",
            old.version,
            new.version
        );
        let changes = matrix_privacy_policy::diff::diff(old, new);
        for (i, (a, b)) in old.history.iter().zip(&new.history).enumerate() {
            assert_eq!(a.version, b.version, "{} → {}", old.version, new.version);
            if a != b {
                let at = format!("/history/{i}");
                assert!(
                    changes
                        .iter()
                        .any(|c| c.rule.as_str() == "history-rewritten"
                            && c.pointer.starts_with(&at)),
                    "{} → {}: entry {} differs unreported",
                    old.version,
                    new.version,
                    a.version
                );
            }
        }
    }
}

#[test]
fn canonical_is_the_newest_release() {
    assert_eq!(Policy::releases().last(), Some(Policy::canonical()));
    assert_eq!(Policy::release("3.1.0"), Some(Policy::canonical()));
    assert!(Policy::release("9.9.9").is_none());
}

#[test]
fn releases_round_trip() {
    for p in Policy::releases() {
        let again = load::load_str(&p.to_json_pretty()).expect("serialized release loads");
        assert_eq!(&again, p);
    }
}

/// 3.0.1 → 3.1.0 adds the room history visibility settings and names
/// archive.matrix.org: explanatory content, a minor release.
#[test]
fn room_visibility_release_is_minor_and_passes() {
    let report = history::report(Policy::releases());
    let row = report.rows.last().expect("rows");
    assert_eq!(row.new_version.to_string(), "3.1.0");
    assert_eq!(row.required_bump.as_str(), "minor");
    assert!(row.passed, "{row:?}");
}

#[test]
fn history_report_snapshots() {
    let report = history::report(Policy::releases());
    insta::assert_snapshot!("history_text", render::history::text(&report));
    insta::assert_snapshot!("history_markdown", render::history::markdown(&report));
    insta::assert_snapshot!("history_json", render::history::json(&report));
}

#[test]
fn readme_shows_the_current_history_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = render::history::markdown(&history::report(Policy::releases()));
    let start = readme
        .find("<!-- history:start -->\n")
        .expect("README has <!-- history:start -->");
    let end = readme
        .find("<!-- history:end -->")
        .expect("README has <!-- history:end -->");
    let current = &readme[start + "<!-- history:start -->\n".len()..end];
    assert!(
        current == table,
        "the README's history table is stale; regenerate it with `cargo run -- history --format markdown`"
    );
}
