//! The Matrix.org homeserver privacy policy as typed, validated, versioned data.
#![deny(missing_docs)]

pub mod diff;
pub mod load;
pub mod model;
pub mod render;
pub mod schema;

pub use model::*;
