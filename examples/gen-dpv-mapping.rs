//! Prints the DPV mapping published as `bindings/dpv-mapping.json`.
//! Regenerate it with:
//! `cargo run --example gen-dpv-mapping > bindings/dpv-mapping.json`
fn main() {
    print!("{}", matrix_privacy_policy::export::dpv::mapping());
}
