//! Under the `ruma` feature: our `m.login.terms` JSON deserializes into
//! ruma's own `LoginTermsParams` and serializes back unchanged, and the
//! `From` conversions agree with ruma's serde.
#![cfg(feature = "ruma")]

use std::process::{Command, Stdio};

use matrix_privacy_policy::Policy;
use matrix_privacy_policy::matrix::{
    LoginTermsParams, TermsOptions, TermsVersion, login_terms::login_terms, ruma::to_policies,
};
use ruma_client_api::uiaa;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_privacy-policy");
const CANONICAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix.org/3.1.0.json");

#[test]
fn cli_login_terms_round_trip_through_ruma() {
    let o = Command::new(BIN)
        .args(["matrix", "login-terms", CANONICAL])
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(0));
    let ours: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let theirs: uiaa::LoginTermsParams =
        serde_json::from_value(ours.clone()).expect("ruma reads it");
    let def = &theirs.policies["privacy_policy"];
    assert_eq!(def.version, "3.1.0");
    assert_eq!(def.translations["en"].name, "Matrix.org Privacy Policy");
    assert_eq!(
        def.translations["en"].url,
        "https://matrix.org/legal/privacy-notice"
    );
    assert_eq!(serde_json::to_value(&theirs).expect("ruma writes it"), ours);
    // And back into our type.
    let back: LoginTermsParams = serde_json::from_value(ours.clone()).expect("ours reads it");
    assert_eq!(serde_json::to_value(&back).expect("JSON"), ours);
}

#[test]
fn conversions_agree_with_ruma_serde() {
    let options = TermsOptions::new(TermsVersion::new("3.0.0").expect("opaque"));
    let params = login_terms(Policy::canonical(), &options).expect("export");
    let converted = uiaa::LoginTermsParams::from(&params);
    assert_eq!(
        serde_json::to_value(&converted).expect("JSON"),
        serde_json::to_value(&params).expect("JSON")
    );
    let policies = to_policies(&params);
    let identity = serde_json::to_value(&policies).expect("JSON");
    assert_eq!(
        identity,
        serde_json::to_value(&params.policies).expect("JSON")
    );
}
