//! Diffing: the canonical document against its previous release and
//! against a modified copy, and synthetic versions of 1k, 10k and 100k
//! entities per collection. Targets (README, "Performance"): a diff costs no
//! more than loading one document; 10× the entities take at most 12× the time.
//!
//! `cargo bench --bench diff`.

use divan::Bencher;
use divan::black_box;
use matrix_privacy_policy::{Policy, diff};

mod common;
use common::{PREVIOUS_JSON, SIZES, modified_canonical, versions};

fn main() {
    divan::main();
}

/// The canonical document (3.1.0).
mod canonical {
    use super::*;

    /// 3.0.1 → 3.1.0, the real release.
    #[divan::bench]
    fn previous_release(bencher: Bencher) {
        let old: Policy = serde_json::from_str(PREVIOUS_JSON).unwrap();
        let new = Policy::canonical();
        bencher.bench(|| diff::diff(black_box(&old), black_box(new)));
    }

    /// 3.1.0 → a copy with a few changes.
    #[divan::bench]
    fn modified_copy(bencher: Bencher) {
        let old = Policy::canonical();
        let new = modified_canonical();
        bencher.bench(|| diff::diff(black_box(old), black_box(&new)));
    }

    /// 3.1.0 against itself: the cost of walking both documents.
    #[divan::bench]
    fn identical(bencher: Bencher) {
        let p = Policy::canonical();
        bencher.bench(|| diff::diff(black_box(p), black_box(p)));
    }

    /// The diff and the release check.
    #[divan::bench]
    fn check(bencher: Bencher) {
        let old = Policy::canonical();
        let new = modified_canonical();
        let accepted = diff::Accepted::default();
        bencher.bench(|| diff::check(diff::diff(black_box(old), black_box(&new)), &accepted));
    }
}

/// Synthetic versions with `common::CHANGES` between them.
mod synthetic {
    use super::*;

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn diff(bencher: Bencher, n: usize) {
        let (old, new) = versions(n);
        bencher.bench(|| diff::diff(black_box(old), black_box(new)));
    }
}
