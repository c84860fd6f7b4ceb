//! Loading: each stage of the loader alone and the whole of it, against a
//! bare typed parse of the same bytes (target: the full load takes at most
//! twice the bare parse).
//!
//! `cargo bench --bench load`; `cargo bench --bench load -- canonical` for
//! the canonical document only.

use divan::Bencher;
use divan::black_box;
use matrix_privacy_policy::Policy;
use matrix_privacy_policy::load::{self, LoadOptions};
use serde_json::Value;

mod common;
use common::{SIZES, canonical_json, document, unlimited};

fn main() {
    divan::main();
}

/// The canonical Matrix.org document (85 KB).
mod canonical {
    use super::*;

    /// Reading the JSON, untyped: the floor.
    #[divan::bench]
    fn value_parse() -> Value {
        serde_json::from_str(black_box(canonical_json())).unwrap()
    }

    /// Bare typed parse: the reference the loader is measured against.
    #[divan::bench]
    fn typed_parse() -> Policy {
        serde_json::from_str(black_box(canonical_json())).unwrap()
    }

    /// Stages 1–2: bytes checks and strict JSON (duplicate keys, depth).
    #[divan::bench]
    fn parse_strict(bencher: Bencher) {
        let bytes = canonical_json().as_bytes();
        let opts = LoadOptions::default();
        bencher.bench(|| {
            load::parse_strict(black_box(bytes), &opts)
                .map(|d| d.text().len())
                .unwrap()
        });
    }

    /// Stage 3: the JSON Schema, on a parsed document.
    #[divan::bench]
    fn validate_schema(bencher: Bencher) {
        let doc = load::parse_strict(canonical_json().as_bytes(), &LoadOptions::default()).unwrap();
        load::validate_schema(&doc); // compile the schema outside the measurement
        bencher.bench(|| load::validate_schema(black_box(&doc)));
    }

    /// Stage 3: control characters in text.
    #[divan::bench]
    fn check_text(bencher: Bencher) {
        let doc = load::parse_strict(canonical_json().as_bytes(), &LoadOptions::default()).unwrap();
        bencher.bench(|| load::check_text(black_box(&doc)));
    }

    /// Stage 4: the typed policy from the parsed document.
    #[divan::bench]
    fn to_policy(bencher: Bencher) {
        let doc = load::parse_strict(canonical_json().as_bytes(), &LoadOptions::default()).unwrap();
        bencher.bench(|| black_box(&doc).to_policy().unwrap());
    }

    /// Stage 5: semantic checks on a typed document.
    #[divan::bench]
    fn check_semantics(bencher: Bencher) {
        let policy = Policy::canonical();
        bencher.bench(|| load::check_semantics(black_box(policy)));
    }

    /// The whole loader: bytes → strict JSON → schema → typed → semantic.
    #[divan::bench]
    fn load() -> Policy {
        load::load(black_box(canonical_json().as_bytes())).unwrap()
    }
}

/// Synthetic documents of 1k, 10k and 100k entities per collection
/// (4 MB, 42 MB and 420 MB of pretty JSON).
mod synthetic {
    use super::*;

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn typed_parse(bencher: Bencher, n: usize) {
        let (text, _) = document(n);
        bencher.bench(|| serde_json::from_str::<Policy>(black_box(text)).unwrap());
    }

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn parse_strict(bencher: Bencher, n: usize) {
        let (text, _) = document(n);
        let opts = unlimited();
        bencher.bench(|| {
            load::parse_strict(black_box(text.as_bytes()), &opts)
                .map(|d| d.text().len())
                .unwrap()
        });
    }

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn validate_schema(bencher: Bencher, n: usize) {
        let (text, _) = document(n);
        let doc = load::parse_strict(text.as_bytes(), &unlimited()).unwrap();
        bencher.bench(|| load::validate_schema(black_box(&doc)));
    }

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn to_policy(bencher: Bencher, n: usize) {
        let (text, _) = document(n);
        let doc = load::parse_strict(text.as_bytes(), &unlimited()).unwrap();
        bencher.bench(|| black_box(&doc).to_policy().unwrap());
    }

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn check_semantics(bencher: Bencher, n: usize) {
        let (_, policy) = document(n);
        bencher.bench(|| load::check_semantics(black_box(policy)));
    }

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn load(bencher: Bencher, n: usize) {
        let (text, _) = document(n);
        let opts = unlimited();
        bencher.bench(|| load::load_with(black_box(text.as_bytes()), &opts).unwrap());
    }
}
