//! (b) Two documents (and optionally an accepted-findings file), separated
//! by NUL bytes: `OLD \0 NEW [\0 ACCEPTED]`. Both are loaded; when both load,
//! they are diffed, checked and rendered in every format, both ways.
#![no_main]

use libfuzzer_sys::fuzz_target;
use matrix_privacy_policy::diff::Accepted;

fuzz_target!(|data: &[u8]| {
    let (old, new, accepted) = fuzz_support::split3(data);
    let accepted = match accepted.map(Accepted::from_slice) {
        Some(Ok(a)) => a,
        Some(Err(e)) => {
            let _ = e.to_string();
            Accepted::default()
        }
        None => Accepted::default(),
    };
    let (Some(a), Some(b)) = (
        fuzz_support::load_and_check(old),
        fuzz_support::load_and_check(new),
    ) else {
        return;
    };
    fuzz_support::exercise_diff(&a, &b, std::str::from_utf8(new).ok(), &accepted);
    fuzz_support::exercise_diff(&b, &a, std::str::from_utf8(old).ok(), &Accepted::default());
});
