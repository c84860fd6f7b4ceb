//! Exports of a [`Policy`](crate::Policy) for other tools.
//!
//! - [`dpv`]: the W3C Data Privacy Vocabulary (DPV 2.x) IRIs of the model's
//!   vocabularies and of the Matrix.org policy's data categories and
//!   purposes, also published as `bindings/dpv-mapping.json`;
//! - [`jsonld`]: a policy as a JSON-LD graph in DPV terms.

pub mod dpv;
pub mod jsonld;
