//! The Matrix exports end to end: `privacy-policy matrix …` output checked
//! against the shapes of the Matrix spec and tuwunel's configuration, the
//! consent version in both readings (and the README's table of it), and
//! the errors for policies that cannot be exported.
//!
//! Synapse itself is exercised by `.ci/synapse.sh` (a real server).

use std::collections::BTreeMap;
use std::process::{Command, Output, Stdio};

use matrix_privacy_policy::matrix::consent::{Reading, consent_version};
use matrix_privacy_policy::matrix::support::{Names, support};
use matrix_privacy_policy::matrix::{
    MatrixError, TermsOptions, TermsVersion, login_terms::login_terms, synapse, tuwunel,
};
use matrix_privacy_policy::{Policy, Publication, Translation, Url};
use serde::Deserialize;
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_privacy-policy");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix.org");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("mpp-matrix-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn options(version: &str) -> TermsOptions {
    TermsOptions::new(TermsVersion::new(version).expect("opaque"))
}

/// The `m.login.terms` params schema of the Matrix spec
/// (matrix-org/matrix-spec `data/api/client-server/definitions/m.login.terms_params.yaml`)
/// as JSON Schema, with what its prose requires made checkable: policy ids
/// and versions follow the opaque identifier grammar, URLs are http(s).
fn login_terms_schema() -> Value {
    let opaque = "^[0-9A-Za-z._~-]{1,255}$";
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["policies"],
        "properties": {
            "policies": {
                "type": "object",
                "propertyNames": { "pattern": opaque },
                "additionalProperties": {
                    "type": "object",
                    "title": "Policy Definition",
                    "required": ["version"],
                    "properties": { "version": { "type": "string", "pattern": opaque } },
                    "additionalProperties": {
                        "type": "object",
                        "title": "Policy Translation",
                        "required": ["name", "url"],
                        "properties": {
                            "name": { "type": "string" },
                            "url": { "type": "string", "pattern": "^https?://" }
                        }
                    }
                }
            }
        }
    })
}

fn assert_valid_login_terms(value: &Value) {
    let validator = jsonschema::draft202012::new(&login_terms_schema()).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{value:#}");
}

#[test]
fn login_terms_for_3_1_0_follow_the_spec_schema() {
    let o = run(&["matrix", "login-terms", &format!("{DATA}/3.1.0.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let value: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_valid_login_terms(&value);
    assert_eq!(
        value,
        json!({"policies": {"privacy_policy": {"version": "3.1.0", "en": {
            "name": "Matrix.org Privacy Policy",
            "url": "https://matrix.org/legal/privacy-notice"
        }}}})
    );
    // The schema is not vacuous.
    let validator = jsonschema::draft202012::new(&login_terms_schema()).expect("schema compiles");
    for bad in [
        json!({"policies": {"p": {"en": {"name": "n", "url": "https://x"}}}}),
        json!({"policies": {"p": {"version": "1+b", "en": {"name": "n", "url": "https://x"}}}}),
        json!({"policies": {"p": {"version": "1", "en": {"name": "n", "url": "ftp://x"}}}}),
        json!({"policies": {"a b": {"version": "1"}}}),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
    }
}

#[test]
fn login_terms_with_a_reading_and_base_url_point_at_the_consent_page() {
    let o = run(&[
        "matrix",
        "login-terms",
        "--reading",
        "declared",
        "--base-url",
        "https://hs.example.org/",
        "--policy-id",
        "privacy.v2",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let value: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_valid_login_terms(&value);
    let def = &value["policies"]["privacy.v2"];
    assert_eq!(def["version"], "3.0.0");
    assert_eq!(
        def["en"]["url"],
        "https://hs.example.org/_matrix/consent?v=3.0.0"
    );
}

#[test]
fn version_and_policy_id_must_be_opaque_identifiers() {
    let o = run(&["matrix", "login-terms", "--terms-version", "3.1.0+build.7"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("build metadata"), "{}", stderr(&o));
    let o = run(&["matrix", "login-terms", "--policy-id", "privacy policy"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("policy id"), "{}", stderr(&o));
}

#[test]
fn a_policy_without_publication_is_a_clear_error() {
    for sub in ["login-terms", "support", "tuwunel"] {
        let o = run(&["matrix", sub, &format!("{DATA}/2.0.0.json")]);
        assert_eq!(o.status.code(), Some(1), "{sub}");
        assert!(stdout(&o).is_empty(), "{sub}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("policy 2.0.0 has no `publication`"),
            "{sub}: {}",
            stderr(&o)
        );
    }
    let out = temp_dir("nopub");
    let o = run(&[
        "matrix",
        "synapse",
        &format!("{DATA}/2.0.0.json"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.join("en").exists(), "nothing written");

    // Built in Rust, a publication can be empty: also an error.
    let mut policy = Policy::canonical().clone();
    policy.publication = Some(Publication {
        version_url: None,
        translations: Vec::new(),
    });
    assert!(matches!(
        login_terms(&policy, &options("1")),
        Err(MatrixError::NoTranslations { .. })
    ));
    // And the schema refuses an empty list in a document (exit 1, invalid).
    let text = std::fs::read_to_string(format!("{DATA}/3.1.0.json")).expect("read");
    let mut doc: Value = serde_json::from_str(&text).expect("JSON");
    doc["publication"]["translations"] = json!([]);
    let dir = temp_dir("empty");
    let path = dir.join("p.json");
    std::fs::write(&path, serde_json::to_vec(&doc).expect("JSON")).expect("write");
    let o = run(&["matrix", "login-terms", path.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a valid policy"), "{}", stderr(&o));
}

#[test]
fn support_maps_roles_and_reports_contacts_it_cannot_map() {
    let o = run(&["matrix", "support", "--terms-version", "3.0.0"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let value: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        value["contacts"],
        json!([
            {"email_address": "dpo@matrix.org", "role": "org.matrix.msc4265.role.dpo"},
            {"email_address": "security@matrix.org", "role": "m.role.security"}
        ])
    );
    assert!(value.get("policies").is_none());
    assert_valid_login_terms(&json!({"policies": value["org.matrix.msc4266.policies"]}));
    assert!(
        stderr(&o).contains("contact `law_enforcement` left out: it has only a web address"),
        "{}",
        stderr(&o)
    );

    let o = run(&["matrix", "support", "--stable"]);
    let value: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(value["contacts"][0]["role"], "m.role.dpo");
    assert!(value.get("org.matrix.msc4266.policies").is_none());
    assert_eq!(value["policies"]["privacy_policy"]["version"], "3.1.0");

    // Every contact's role is one the spec or MSC4265 defines.
    let export = support(Policy::canonical(), &options("1"), Names::Unstable).expect("export");
    for c in &export.document.contacts {
        assert!(
            [
                "m.role.admin",
                "m.role.security",
                "org.matrix.msc4265.role.dpo"
            ]
            .contains(&c.role.as_str())
        );
        assert!(c.email_address.is_some() || c.matrix_id.is_some());
    }
}

/// tuwunel's configuration types (matrix-construct/tuwunel
/// `src/core/config/mod.rs`: `TermsPolicy`, `TermsPolicyTranslation`,
/// `SupportPolicy`, `SupportPolicyTranslation`, `SupportContact`), mirrored
/// with unknown keys refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TuwunelConfig {
    global: Global,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Global {
    registration_terms: BTreeMap<String, TermsPolicy>,
    well_known: WellKnown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermsPolicy {
    version: String,
    translations: BTreeMap<String, NameUrl>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct NameUrl {
    name: String,
    url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WellKnown {
    support_policy: BTreeMap<String, SupportPolicy>,
    support_contact: BTreeMap<String, SupportContact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SupportPolicy {
    version: String,
    policy_translation: BTreeMap<String, NameUrl>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SupportContact {
    role: String,
    email_address: Option<String>,
    matrix_id: Option<String>,
}

#[test]
fn tuwunel_tables_parse_as_tuwunel_config() {
    let o = run(&["matrix", "tuwunel", "--reading", "declared"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let config: TuwunelConfig = toml::from_str(&stdout(&o)).expect("tuwunel's shape");
    let terms = &config.global.registration_terms["privacy_policy"];
    assert_eq!(terms.version, "3.0.0");
    let en = NameUrl {
        name: "Matrix.org Privacy Policy".into(),
        url: "https://matrix.org/legal/privacy-notice".into(),
    };
    assert_eq!(terms.translations["en"], en);
    let policy = &config.global.well_known.support_policy["privacy_policy"];
    assert_eq!(policy.version, "3.0.0");
    assert_eq!(policy.policy_translation["en"], en);
    let contacts = &config.global.well_known.support_contact;
    assert_eq!(contacts["dpo"].role, "org.matrix.msc4265.role.dpo");
    assert_eq!(
        contacts["security"].email_address.as_deref(),
        Some("security@matrix.org")
    );
    assert!(contacts["security"].matrix_id.is_none());
    assert!(!contacts.contains_key("law_enforcement"));
    assert!(stderr(&o).contains("law_enforcement"));
}

#[test]
fn hostile_names_stay_inside_their_strings() {
    let hostile = "x\"\n[global.evil]\nname = \"y\u{85}\u{2028}\\ {{ 7*7 }} {% raw %}<script>";
    let mut policy = Policy::canonical().clone();
    policy.publication = Some(Publication {
        version_url: Some(Url::new("https://example.org/p?a='b'&c=d").expect("url")),
        translations: vec![Translation {
            language: "en".into(),
            name: hostile.into(),
            url: Url::new("https://example.org/p").expect("url"),
        }],
    });
    let export = tuwunel::tuwunel(&policy, &options("1"), Names::Stable).expect("export");
    let config: TuwunelConfig = toml::from_str(&export.toml).expect("still tuwunel's shape");
    assert_eq!(
        config.global.registration_terms["privacy_policy"].translations["en"].name,
        hostile
    );

    let synapse_options = synapse::SynapseOptions::new(options("1"), "/srv/consent");
    let export = synapse::synapse(&policy, &synapse_options).expect("export");
    assert_eq!(
        export
            .config_yaml
            .lines()
            .filter(|l| l.starts_with("user_consent:"))
            .count(),
        1
    );
    assert!(
        export
            .config_yaml
            .lines()
            .all(|l| l.starts_with('#') || l.starts_with("user_consent:") || l.starts_with("  "))
    );
    let page = &export.templates[0].contents;
    assert!(
        !page.contains("{{ 7*7"),
        "Jinja expression from the document"
    );
    assert!(!page.contains("<script>"));
    assert!(!page.contains("{% raw"));
    assert!(
        page.contains("href=\"https://example.org/p?a=&#39;b&#39;&amp;c=d\""),
        "{page}"
    );
}

#[test]
fn synapse_writes_the_block_and_templates() {
    let out = temp_dir("synapse");
    let o = run(&[
        "matrix",
        "synapse",
        "--reading",
        "required",
        "--out",
        out.to_str().expect("utf-8"),
        "--template-dir",
        "/etc/synapse/consent",
        "--server-notice",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let yaml = stdout(&o);
    for line in [
        "user_consent:",
        "  version: \"3.0.0\"",
        "  template_dir: \"/etc/synapse/consent\"",
        "  policy_name: \"Matrix.org Privacy Policy\"",
        "  require_at_registration: true",
        "  server_notice_content:",
        "    msgtype: \"m.text\"",
    ] {
        assert!(yaml.lines().any(|l| l == line), "{line:?} in\n{yaml}");
    }
    assert!(yaml.contains("%(consent_uri)s"));
    let page = std::fs::read_to_string(out.join("en/3.0.0.html")).expect("policy page");
    for needle in [
        "<h1>Matrix.org Privacy Policy</h1>",
        "dpo@matrix.org",
        "<form method=\"post\" action=\"consent\">",
        "name=\"v\" value=\"{{ version }}\"",
        "name=\"u\" value=\"{{ user }}\"",
        "name=\"h\" value=\"{{ userhmac }}\"",
        "{% if has_consented %}",
        "{% elif not public_version %}",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    assert!(out.join("en/success.html").is_file());
}

#[test]
fn consent_version_in_both_readings() {
    let declared = consent_version(Policy::releases(), Reading::Declared).expect("releases");
    let required = consent_version(Policy::releases(), Reading::Required).expect("releases");
    let list = |v: &[semver::Version]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(list(&declared.re_consent), ["2.0.0", "3.0.0"]);
    assert_eq!(declared.version.to_string(), "3.0.0");
    assert_eq!(
        list(&required.re_consent),
        ["1.1.0", "2.0.0", "2.0.1", "2.1.0", "3.0.0"]
    );
    assert_eq!(required.version.to_string(), "3.0.0");

    let o = run(&["matrix", "consent-version", "--reading", "declared"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("consent version (declared reading): 3.0.0\n"));
    let o = run(&[
        "matrix",
        "consent-version",
        "--reading",
        "required",
        "--format",
        "json",
    ]);
    let value: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(value["version"], "3.0.0");
    assert_eq!(value["reading"], "required");
    // The caller must choose a reading.
    let o = run(&["matrix", "consent-version"]);
    assert_eq!(o.status.code(), Some(2));
    // From a directory of documents.
    let o = run(&["matrix", "consent-version", DATA, "--reading", "declared"]);
    assert!(stdout(&o).starts_with("consent version (declared reading): 3.0.0\n"));
}

#[test]
fn readme_table_is_current() {
    let o = run(&[
        "matrix",
        "consent-version",
        "--reading",
        "required",
        "--format",
        "markdown",
    ]);
    let table = stdout(&o);
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(table.trim_end()),
        "README's consent table is stale; paste the output of\n  privacy-policy matrix consent-version --reading required --format markdown\n\n{table}"
    );
}

#[test]
fn declared_reading_of_a_file_uses_its_history_and_required_needs_releases() {
    let file = format!("{DATA}/3.1.0.json");
    let o = run(&["matrix", "login-terms", &file, "--reading", "declared"]);
    let value: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(value["policies"]["privacy_policy"]["version"], "3.0.0");
    let o = run(&["matrix", "login-terms", &file, "--reading", "required"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--releases DIR"), "{}", stderr(&o));
    let o = run(&[
        "matrix",
        "login-terms",
        &file,
        "--reading",
        "required",
        "--releases",
        DATA,
    ]);
    let value: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(value["policies"]["privacy_policy"]["version"], "3.0.0");
}
