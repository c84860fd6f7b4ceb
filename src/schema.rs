//! The JSON Schema of a [`Policy`] document.
//!
//! The committed file `schema/privacy-policy.schema.json` is generated from
//! the Rust types by [`generate`]; [`SCHEMA_JSON`] is that file, embedded, and
//! is what the loader validates against. A test fails when the two differ.
//!
//! The schema is written to mean the same thing in every Draft 2020-12
//! validator:
//!
//! - no `format` keyword (formats are implementation-defined): integers carry
//!   explicit `minimum`/`maximum` (at most 2^53 − 1 in magnitude, so every
//!   language holds them exactly) and strings such as URLs and e-mail
//!   addresses carry patterns that pin down their form;
//! - an optional field is **absent, never `null`**: no property accepts `null`;
//! - descriptions are prose for schema readers (code examples in the Rust
//!   documentation are cut off);
//! - the `$id` names the schema version ([`SCHEMA_VERSION`]).
//!
//! ```
//! use matrix_privacy_policy::schema;
//! let schema: serde_json::Value = serde_json::from_str(schema::SCHEMA_JSON)?;
//! assert_eq!(schema["$id"], schema::SCHEMA_ID);
//! assert!(schema::SCHEMA_ID.contains(schema::SCHEMA_VERSION));
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! # Ok::<(), serde_json::Error>(())
//! ```

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use crate::Policy;

/// The schema's version: MAJOR when a document valid under the previous
/// schema becomes invalid or changes meaning, MINOR when the schema accepts
/// more documents (a new optional field, a new vocabulary term), PATCH when
/// only descriptions change.
pub const SCHEMA_VERSION: &str = "1.1.0";

/// The schema's `$id`: it names the schema version, so two different schemas
/// never share an `$id`.
pub const SCHEMA_ID: &str = "https://github.com/matrix-org/matrix-privacy-policy/raw/schema-v1.1.0/schema/privacy-policy.schema.json";

/// The committed schema, byte for byte.
pub const SCHEMA_JSON: &str = include_str!("../schema/privacy-policy.schema.json");

/// Where the committed schema lives, relative to the crate root.
pub const SCHEMA_PATH: &str = "schema/privacy-policy.schema.json";

/// The largest integer magnitude the schema allows (2^53 − 1): every JSON
/// implementation represents integers up to this exactly.
pub const SAFE_INTEGER_MAX: i64 = 9_007_199_254_740_991;

/// Generates the schema from the Rust types, as pretty-printed JSON with a
/// trailing newline (the form committed to the repository).
pub fn generate() -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut value = generator.into_root_schema_for::<Policy>().to_value();
    make_portable(&mut value);
    if let Some(obj) = value.as_object_mut() {
        obj.insert("$id".into(), SCHEMA_ID.into());
    }
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

/// Rewrites what schemars emits into the portable form described in the
/// module documentation.
fn make_portable(value: &mut Value) {
    match value {
        Value::Object(obj) => {
            drop_null(obj);
            bound_integer(obj);
            if let Some(Value::String(d)) = obj.get_mut("description") {
                *d = prose(d);
            }
            obj.values_mut().for_each(make_portable);
        }
        Value::Array(items) => items.iter_mut().for_each(make_portable),
        _ => {}
    }
}

/// `Option<T>` becomes `T`: the crate never writes `null`, and a document
/// leaves an optional field out instead.
fn drop_null(obj: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if let [single] = types.as_slice() {
            let single = single.clone();
            obj.insert("type".into(), single);
        }
    }
    let is_null = |v: &Value| v.get("type").and_then(Value::as_str) == Some("null");
    if let Some(Value::Array(alternatives)) = obj.get("anyOf")
        && alternatives.len() == 2
        && let Some(null_at) = alternatives.iter().position(is_null)
        && let Some(Value::Object(kept)) = alternatives.get(1 - null_at).cloned()
    {
        obj.remove("anyOf");
        for (key, v) in kept {
            obj.entry(key).or_insert(v);
        }
    }
}

/// Replaces schemars' non-standard integer formats (`uint8`, `int64`, …)
/// with explicit bounds.
fn bound_integer(obj: &mut Map<String, Value>) {
    let Some(format) = obj.get("format").and_then(Value::as_str) else {
        return;
    };
    let (lo, hi): (i64, i64) = match format {
        "uint8" => (0, u8::MAX.into()),
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "uint" | "uint64" | "uint128" => (0, SAFE_INTEGER_MAX),
        "int" | "int64" | "int128" => (-SAFE_INTEGER_MAX, SAFE_INTEGER_MAX),
        "float" | "double" => {
            obj.remove("format");
            return;
        }
        _ => return,
    };
    obj.remove("format");
    let tighter = |current: Option<&Value>, bound: i64, pick: fn(i64, i64) -> i64| {
        current
            .and_then(Value::as_i64)
            .map_or(bound, |c| pick(c, bound))
    };
    let minimum = tighter(obj.get("minimum"), lo, i64::max);
    let maximum = tighter(obj.get("maximum"), hi, i64::min);
    obj.insert("minimum".into(), minimum.into());
    obj.insert("maximum".into(), maximum.into());
}

/// A doc comment as schema prose: everything before the first code block,
/// with the comment's line breaks folded (paragraph breaks kept).
fn prose(doc: &str) -> String {
    let text = doc.split("```").next().unwrap_or_default();
    text.split("\n\n")
        .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|paragraph| !paragraph.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nullable_alternatives_collapse() {
        let mut v = json!({
            "properties": {
                "a": { "anyOf": [{ "$ref": "#/$defs/Url" }, { "type": "null" }], "description": "A." },
                "b": { "type": ["string", "null"] }
            }
        });
        make_portable(&mut v);
        assert_eq!(
            v,
            json!({ "properties": {
                "a": { "$ref": "#/$defs/Url", "description": "A." },
                "b": { "type": "string" }
            }})
        );
    }

    #[test]
    fn integer_formats_become_bounds() {
        let mut v = json!({ "type": "integer", "format": "uint8", "maximum": 25 });
        make_portable(&mut v);
        assert_eq!(v, json!({ "type": "integer", "minimum": 0, "maximum": 25 }));
        let mut v = json!({ "type": "integer", "format": "int64" });
        make_portable(&mut v);
        assert_eq!(
            v,
            json!({ "type": "integer", "minimum": -SAFE_INTEGER_MAX, "maximum": SAFE_INTEGER_MAX })
        );
    }

    #[test]
    fn descriptions_lose_code_and_hard_wraps() {
        assert_eq!(
            prose("A lawful\nbasis.\n\nSecond.\n\n```\nlet x = 1;\n```"),
            "A lawful basis.\n\nSecond."
        );
    }
}
