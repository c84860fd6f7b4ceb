//! The JSON Schema of a [`Policy`] document.
//!
//! The committed file `schema/privacy-policy.schema.json` is generated from
//! the Rust types by [`generate`]; [`SCHEMA_JSON`] is that file, embedded, and
//! is what the loader validates against. A test fails when the two differ.
//!
//! ```
//! use matrix_privacy_policy::schema;
//! let schema: serde_json::Value = serde_json::from_str(schema::SCHEMA_JSON)?;
//! assert_eq!(schema["$id"], schema::SCHEMA_ID);
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! # Ok::<(), serde_json::Error>(())
//! ```

use schemars::generate::SchemaSettings;

use crate::Policy;

/// The schema's `$id`.
pub const SCHEMA_ID: &str = "https://github.com/matrix-org/matrix-privacy-policy/raw/main/schema/privacy-policy.schema.json";

/// The committed schema, byte for byte.
pub const SCHEMA_JSON: &str = include_str!("../schema/privacy-policy.schema.json");

/// Where the committed schema lives, relative to the crate root.
pub const SCHEMA_PATH: &str = "schema/privacy-policy.schema.json";

/// Generates the schema from the Rust types, as pretty-printed JSON with a
/// trailing newline (the form committed to the repository).
pub fn generate() -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut value = generator.into_root_schema_for::<Policy>().to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("$id".into(), SCHEMA_ID.into());
    }
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}
