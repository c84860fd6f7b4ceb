//! Every published release of the Matrix.org privacy policy, embedded.
//!
//! `data/matrix.org/<version>.json` holds one document per release, each
//! written from that release's published text. They are compiled into the
//! crate, loaded and validated on first use, and kept for the life of the
//! process.
//!
//! ```
//! use matrix_privacy_policy::Policy;
//!
//! let releases = Policy::releases();
//! assert_eq!(releases.len(), 13);
//! assert_eq!(releases[0].version.to_string(), "1.0.0");
//! let v301 = Policy::release("3.0.1").expect("published");
//! assert!(v301.history_visibility.is_empty()); // added in 3.1.0
//! assert_eq!(releases.last(), Some(Policy::canonical()));
//! ```

use std::sync::OnceLock;

use crate::Policy;

/// Reads an embedded document. With the `validate` feature, through the
/// full loader; without it, with plain serde (every embedded document is
/// validated by `tests/releases.rs`, so both give the same [`Policy`]).
#[cfg(feature = "validate")]
fn read_embedded(json: &str) -> Result<Policy, String> {
    crate::load::load_str(json).map_err(|e| e.to_string())
}

#[cfg(not(feature = "validate"))]
fn read_embedded(json: &str) -> Result<Policy, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

/// The canonical document's text, embedded.
const CANONICAL_JSON: &str = include_str!("../data/matrix.org/3.1.0.json");

macro_rules! releases {
    ($($v:literal),+ $(,)?) => {
        /// The embedded documents, oldest first: `(version, JSON text)`.
        pub const MATRIX_ORG: &[(&str, &str)] = &[
            $(($v, include_str!(concat!("../data/matrix.org/", $v, ".json"))),)+
        ];
    };
}

releases!(
    "1.0.0", "1.0.1", "1.1.0", "1.1.1", "1.2.0", "1.2.1", "2.0.0", "2.0.1", "2.0.2", "2.1.0",
    "3.0.0", "3.0.1", "3.1.0",
);

impl Policy {
    /// Every published release of the Matrix.org policy, oldest first,
    /// loaded and validated once per process.
    ///
    /// # Panics
    /// Never in a released crate: the documents are fixed at build time and
    /// `tests/releases.rs` loads every one of them.
    pub fn releases() -> &'static [Policy] {
        static RELEASES: OnceLock<Vec<Policy>> = OnceLock::new();
        RELEASES.get_or_init(|| {
            MATRIX_ORG
                .iter()
                .map(|(version, json)| {
                    #[allow(clippy::expect_used)]
                    read_embedded(json).unwrap_or_else(|e| {
                        panic!("embedded data/matrix.org/{version}.json is invalid:\n{e}")
                    })
                })
                .collect()
        })
    }

    /// The embedded release with this version, if there is one.
    pub fn release(version: &str) -> Option<&'static Policy> {
        let index = MATRIX_ORG.iter().position(|(v, _)| *v == version)?;
        Policy::releases().get(index)
    }

    /// The embedded canonical Matrix.org policy (`data/matrix.org/3.1.0.json`),
    /// read once per process (validated, with the `validate` feature).
    ///
    /// # Panics
    /// Never in a released crate: the embedded document is fixed at build time
    /// and a test (`tests/load.rs`) loads it, so it is known to be valid.
    pub fn canonical() -> &'static Policy {
        static CANONICAL: OnceLock<Policy> = OnceLock::new();
        CANONICAL.get_or_init(|| {
            #[allow(clippy::expect_used)]
            read_embedded(CANONICAL_JSON).expect(
                "the embedded data/matrix.org/3.1.0.json is valid (tests/load.rs checks it)",
            )
        })
    }

    /// The embedded canonical document's text, byte for byte.
    pub fn canonical_json() -> &'static str {
        CANONICAL_JSON
    }

    /// The document as pretty-printed JSON (two-space indent, no trailing
    /// newline), in the field order of the model; loads back to an equal
    /// [`Policy`].
    ///
    /// ```
    /// use matrix_privacy_policy::{Policy, load};
    /// let p = Policy::canonical();
    /// assert_eq!(&load(p.to_json_pretty().as_bytes())?, p);
    /// # Ok::<(), matrix_privacy_policy::LoadError>(())
    /// ```
    pub fn to_json_pretty(&self) -> String {
        // Serializing a `Policy` cannot fail: every map key is a string and
        // every value is representable in JSON.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
