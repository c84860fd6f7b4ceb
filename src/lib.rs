//! The Matrix.org homeserver privacy policy as typed, validated, versioned data.
#![deny(missing_docs)]

pub mod model;
pub mod schema;

pub use model::*;

impl Policy {
    /// Placeholder until the loader lands.
    pub fn canonical() -> Policy {
        unimplemented!()
    }
}
