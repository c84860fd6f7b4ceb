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
//! - [`load`]: the validating loader (strict JSON → JSON Schema → typed →
//!   semantic checks), whose every error says where and what;
//! - [`diff`]: semver-aware diffing and the release check;
//! - [`render`]: summaries and reports for people.
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
//! - `cli` (default): the `privacy-policy` binary and its dependencies
//!   (clap). Library users can turn it off with `default-features = false`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod authoring;
pub mod diff;
pub mod history;
pub mod load;
pub mod model;
pub mod releases;
pub mod render;
pub mod schema;
pub mod synth;

pub use diff::{Bump, diff};
pub use load::{LoadError, load};
pub use model::*;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
