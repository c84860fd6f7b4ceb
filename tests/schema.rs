//! The committed JSON Schema: current, Draft 2020-12, closed, and in agreement
//! with the typed parsers.

use matrix_privacy_policy::schema::{self, SCHEMA_JSON};
use matrix_privacy_policy::{
    PERIOD_CASES, PartialDate, Period, is_valid_email, is_valid_id, is_valid_url,
};
use serde_json::{Value, json};

const REGENERATE: &str = "cargo run --example gen-schema > schema/privacy-policy.schema.json";

fn committed() -> Value {
    serde_json::from_str(SCHEMA_JSON).expect("the committed schema is JSON")
}

#[test]
fn committed_schema_is_current() {
    let generated = schema::generate();
    assert!(
        generated == SCHEMA_JSON,
        "{} is stale: the Rust types changed. Regenerate it with:\n\n    {REGENERATE}\n",
        schema::SCHEMA_PATH
    );
}

#[test]
fn is_draft_2020_12_with_id() {
    let s = committed();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["$id"], schema::SCHEMA_ID);
    assert_eq!(s["title"], "Privacy policy");
    assert!(jsonschema::meta::is_valid(&s));
}

/// The schema means the same in every validator: no `format` (implementation-
/// defined), no `null` (an optional field is absent, never `null`), every
/// integer bounded within 2^53 - 1, and descriptions without Rust code.
#[test]
fn portable_across_validators() {
    fn walk(v: &Value, at: &str) {
        match v {
            Value::Object(m) => {
                assert!(!m.contains_key("format"), "format at {at}");
                assert_ne!(m.get("type"), Some(&json!("null")), "null at {at}");
                if let Some(Value::Array(types)) = m.get("type") {
                    assert!(!types.contains(&json!("null")), "null at {at}");
                }
                if m.get("type") == Some(&json!("integer")) {
                    for bound in ["minimum", "maximum"] {
                        let b = m.get(bound).and_then(Value::as_i64);
                        assert!(
                            b.is_some_and(|b| b.abs() <= schema::SAFE_INTEGER_MAX),
                            "{bound} at {at}"
                        );
                    }
                }
                if let Some(Value::String(d)) = m.get("description") {
                    for code in ["```", "assert", "matrix_privacy_policy", "::"] {
                        assert!(!d.contains(code), "code in the description at {at}: {d}");
                    }
                }
                for (k, v) in m {
                    walk(v, &format!("{at}/{k}"));
                }
            }
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| walk(v, &format!("{at}/{i}"))),
            _ => {}
        }
    }
    walk(&committed(), "");
    assert!(schema::SCHEMA_ID.contains(&format!("/schema-v{}/", schema::SCHEMA_VERSION)));
}

/// Every object in the schema is closed, and no pattern uses look-around.
#[test]
fn objects_closed_and_patterns_portable() {
    fn walk(v: &Value, at: &str) {
        match v {
            Value::Object(m) => {
                if m.get("type") == Some(&json!("object")) {
                    assert_eq!(
                        m.get("additionalProperties"),
                        Some(&json!(false)),
                        "open object at {at}"
                    );
                }
                if let Some(Value::String(p)) = m.get("pattern") {
                    for bad in ["(?=", "(?!", "(?<=", "(?<!", "\\d", "\\w"] {
                        assert!(!p.contains(bad), "non-portable pattern at {at}: {p}");
                    }
                }
                for (k, v) in m {
                    walk(v, &format!("{at}/{k}"));
                }
            }
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| walk(v, &format!("{at}/{i}"))),
            _ => {}
        }
    }
    walk(&committed(), "");
}

fn def_validator(name: &str) -> jsonschema::Validator {
    let s = json!({ "$defs": committed()["$defs"], "$ref": format!("#/$defs/{name}") });
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&s)
        .expect("schema compiles")
}

/// The strict period parser and the schema's pattern accept and reject
/// exactly the same table of inputs.
#[test]
fn period_parser_and_pattern_agree() {
    let v = def_validator("Period");
    for (input, accepted) in PERIOD_CASES {
        assert_eq!(
            Period::parse(input).is_ok(),
            *accepted,
            "parser on {input:?}"
        );
        assert_eq!(v.is_valid(&json!(input)), *accepted, "schema on {input:?}");
    }
}

#[test]
fn string_types_agree_with_schema() {
    let ids = [
        "a",
        "ip_address",
        "a9",
        "",
        "A",
        "1a",
        "a-b",
        "cIoudflare",
        "ünicode",
        &"a".repeat(64),
        &"a".repeat(65),
    ];
    let v = def_validator("Id");
    for s in ids {
        assert_eq!(is_valid_id(s), v.is_valid(&json!(s)), "id {s:?}");
    }
    let urls = [
        "https://matrix.org/legal",
        "http://a",
        "https://u:p@a.b/",
        "https://a.b/x@y",
        "javascript:alert(1)",
        "ftp://a.b",
        "https://a b",
        "https://",
        "https://a.b/\u{2028}",
        "https://matrix.org/%zz",
        "https://matrix.org/%41",
        "https://a.b:8448/x",
        "https://a.b\\.c/",
        "https://\u{e4}.b/",
    ];
    let v = def_validator("Url");
    for s in urls {
        assert_eq!(is_valid_url(s), v.is_valid(&json!(s)), "url {s:?}");
    }
    let emails = [
        "dpo@matrix.org",
        "a@b",
        "a b@c.d",
        "a@b.c.",
        "@b.c",
        "a@@b.c",
        "a..b@matrix.org",
        "first.last+tag@example.org",
        "\u{e9}@b.c",
    ];
    let v = def_validator("Email");
    for s in emails {
        assert_eq!(is_valid_email(s), v.is_valid(&json!(s)), "email {s:?}");
    }
    // Dates: the pattern admits 2023-02-30 (the typed parser rejects it); otherwise they agree.
    let dates = [
        "2023-07",
        "2023-07-14",
        "2023-13",
        "2023-7",
        "2023-07-32",
        "23-07",
    ];
    let v = def_validator("PartialDate");
    for s in dates {
        assert_eq!(
            PartialDate::parse(s).is_ok(),
            v.is_valid(&json!(s)),
            "date {s:?}"
        );
    }
    assert!(v.is_valid(&json!("2023-02-30")) && PartialDate::parse("2023-02-30").is_err());
}

/// A reviewable outline of the schema: each definition with its required and
/// optional properties or its variants. Structural changes show up here.
#[test]
fn outline_snapshot() {
    let s = committed();
    let mut out = String::new();
    out.push_str(&outline("Policy (root)", &s));
    for (name, def) in s["$defs"].as_object().expect("$defs") {
        out.push_str(&outline(name, def));
    }
    insta::assert_snapshot!(out);
}

fn outline(name: &str, def: &Value) -> String {
    let mut line = format!("{name}:");
    if let Some(props) = def["properties"].as_object() {
        let required: Vec<&str> = def["required"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for key in props.keys() {
            let mark = if required.contains(&key.as_str()) {
                ""
            } else {
                "?"
            };
            line.push_str(&format!(" {key}{mark}"));
        }
    } else if let Some(variants) = def["oneOf"].as_array().or(def["anyOf"].as_array()) {
        let names: Vec<String> = variants
            .iter()
            .map(|v| {
                v["const"]
                    .as_str()
                    .map(str::to_owned)
                    .or_else(|| v["properties"]["kind"]["const"].as_str().map(str::to_owned))
                    .or_else(|| v["type"].as_str().map(str::to_owned))
                    .unwrap_or_else(|| "?".into())
            })
            .collect();
        line.push_str(&format!(" one of {}", names.join(" | ")));
    } else if let Some(t) = def["type"].as_str() {
        line.push_str(&format!(" {t}"));
        if let Some(p) = def["pattern"].as_str() {
            line.push_str(&format!(" /{p}/"));
        }
    }
    line.push('\n');
    line
}
