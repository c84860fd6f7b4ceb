//! Prints the JSON Schema generated from the Rust types (the same text as
//! `privacy-policy schema`, but from the types rather than the committed file).
//! Regenerate the committed schema with:
//! `cargo run --example gen-schema > schema/privacy-policy.schema.json`
fn main() {
    print!("{}", matrix_privacy_policy::schema::generate());
}
