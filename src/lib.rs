//! The Matrix.org homeserver privacy policy as typed, validated, versioned data.
//!
//! Privacy policies are prose; tools that must act on them — homeservers
//! asking users to re-consent, admin dashboards, audits, CI on the policy
//! repository — cannot read prose. This crate gives them:
//!
//! - [`model`]: the typed model of a GDPR privacy policy ([`Policy`]), with
//!   closed vocabularies ([`LegalBasis`], [`Right`], [`Safeguard`]) that
//!   know their GDPR article and W3C DPV IRI, strict ISO 8601 retention
//!   periods ([`Period`]) and month-precise dates ([`PartialDate`]);
//! - the canonical Matrix.org policy, embedded: [`Policy::canonical`], and
//!   every earlier release ([`Policy::releases`], [`history`]);
//! - [`schema`]: the JSON Schema generated from the types;
//! - `load` (feature `validate`): the validating loader (strict JSON → JSON
//!   Schema → typed → semantic checks), whose every error says where and what;
//! - [`diff`](mod@diff): semver-aware diffing and the release check;
//! - [`render`]: summaries and reports for people;
//! - [`matrix`]: the policy as Matrix speaks it (`m.login.terms`, the
//!   support well-known, Synapse and tuwunel configuration, consent versions).
//!
//! ```
//! use matrix_privacy_policy::{Policy, Right};
//!
//! let policy = Policy::canonical();
//! assert_eq!(policy.controller.name, "The Matrix.org Foundation C.I.C.");
//! assert_eq!(policy.children.as_ref().map(|c| c.minimum_age), Some(16));
//! let erasure = policy.right(Right::Erasure).expect("stated");
//! assert!(!erasure.caveats.is_empty());
//! ```
//!
//! # Features
//! - `validate` (default): the validating loader, `load`, and its JSON
//!   Schema validator (jsonschema). Without it the crate is the typed model,
//!   the embedded releases (read with plain serde; the test suite validates
//!   them), the diff and the renderers, on a handful of crates.
//! - `cli` (default, implies `validate`): the `privacy-policy` binary and its
//!   dependencies (clap). Library users can turn it off with
//!   `default-features = false, features = ["validate"]`.
//! - `synth`: the `synth` module, synthetic documents of any size and
//!   version pairs with chosen changes, for this crate's tests and
//!   benchmarks; not part of the stable API.
//! - `ruma` (off by default): conversions from [`matrix`]'s types to ruma's
//!   (`ruma-client-api`, `ruma-identity-service-api`; needs Rust 1.89).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod authoring;
pub mod diff;
pub mod export;
pub mod history;
#[cfg(feature = "validate")]
pub mod load;
pub mod matrix;
pub mod model;
pub mod releases;
pub mod render;
pub mod schema;
#[cfg(feature = "synth")]
pub mod synth;
#[cfg(feature = "validate")]
pub mod text;

pub use diff::{Bump, diff};
#[cfg(feature = "validate")]
pub use load::{LoadError, load};
pub use model::*;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
