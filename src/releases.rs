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
use crate::load::load_str;

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
                    load_str(json).unwrap_or_else(|e| {
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
}
