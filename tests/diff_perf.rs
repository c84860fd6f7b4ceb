//! Timing of the diff on synthetic documents (run by people, never asserted
//! on time): `cargo test --release --test diff_perf -- --ignored --nocapture`.

use std::time::{Duration, Instant};

use matrix_privacy_policy::diff::{self, RuleId};
use matrix_privacy_policy::synth;

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

#[test]
#[ignore = "timing; run by hand with --release"]
fn diff_scales_linearly() {
    let wanted = [
        (RuleId::RecipientAdded, 5),
        (RuleId::RetentionExtended, 5),
        (RuleId::DescriptionChanged, 5),
        (RuleId::PurposeDataAdded, 5),
    ];
    let mut previous: Option<Duration> = None;
    for n in [1_000, 10_000, 100_000] {
        let (old, new) = synth::pair(7, n, &wanted).expect("synthetic pair");
        let bytes = serde_json::to_vec(&new).expect("serializes");
        let opts = matrix_privacy_policy::load::LoadOptions::default().with_max_bytes(1 << 30);
        let (load, _) = best_of(3, || {
            matrix_privacy_policy::load::load_with(&bytes, &opts).expect("loads")
        });
        let (same, d) = best_of(3, || diff::diff(&old, &old));
        assert!(d.is_empty());
        let (t, d) = best_of(3, || diff::diff(&old, &new));
        let ratio = previous.map(|p| t.as_secs_f64() / p.as_secs_f64());
        println!(
            "{n:>7} entities ({:>6} KiB): diff {t:>10.2?} ({} changes), identical {same:>10.2?}, load {load:>10.2?}{}",
            bytes.len() / 1024,
            d.len(),
            ratio
                .map(|r| format!(", ×{r:.1} for 10× the entities"))
                .unwrap_or_default()
        );
        previous = Some(t);
    }
}

#[test]
#[ignore = "timing; run by hand with --release"]
fn canonical_against_a_modified_copy() {
    let text = matrix_privacy_policy::Policy::canonical_json();
    let (load, old) = best_of(20, || {
        matrix_privacy_policy::load::load_str(text).expect("loads")
    });
    let mut new = old.clone();
    new.version = "4.0.0".parse().expect("version");
    new.title.push_str(" (revised)");
    if let Some(r) = new.recipients.first_mut() {
        r.receives.reverse();
        r.description.push_str(" More.");
    }
    new.recipients.reverse();
    new.data_categories.rotate_left(3);
    if let Some(r) = new.retention.first_mut() {
        r.retention = matrix_privacy_policy::Retention::Fixed {
            period: "P1M".parse().expect("period"),
        };
    }
    new.statements.pop();
    let (t, d) = best_of(200, || diff::diff(&old, &new));
    let copy = old.clone();
    let (same, _) = best_of(200, || diff::diff(&old, &copy));
    println!(
        "canonical {} ({} KiB): load {load:.2?}, diff against a modified copy {t:.2?} ({} changes), against an identical copy {same:.2?}",
        old.version,
        text.len() / 1024,
        d.len()
    );
}
