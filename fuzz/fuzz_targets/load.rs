//! (a) Any bytes through the full loader: strict JSON, schema, typed,
//! semantic checks. A document that loads must round-trip and diff empty
//! against itself, and diff against the canonical policy with every renderer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use matrix_privacy_policy::Policy;
use matrix_privacy_policy::diff::Accepted;

fuzz_target!(|data: &[u8]| {
    if let Some(p) = fuzz_support::load_and_check(data) {
        let text = std::str::from_utf8(data).ok();
        fuzz_support::exercise_diff(Policy::canonical(), &p, text, &Accepted::default());
    }
});
