//! (c) Structure-aware: a list of typed edits (derived with `arbitrary`) of
//! an embedded release, serialized and loaded, so that inputs reach the
//! schema, typed and semantic stages and the diff rules, not only the JSON
//! parser. The old and the new document are diffed both ways and rendered.
#![no_main]

use fuzz_support::EditInput;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: EditInput| {
    fuzz_support::run_edits(&input);
});
