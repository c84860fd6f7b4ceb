//! Every report the crate prints, in one place: the policy summary
//! ([`summary`]), validation reports ([`validation`]), diff and check
//! reports ([`diff`]), the rule catalog ([`catalog`]) and the history table
//! ([`history`]). They share one set of text helpers (truncation, Markdown
//! escaping, GitHub workflow commands), so that hostile text in a document
//! is handled the same way in every report.
//!
//! [`summary`] answers the questions a reader of a privacy policy has: what is
//! collected, why and on what basis, who receives it, how long it is kept,
//! and what the reader can do about it.
//!
//! ```
//! use matrix_privacy_policy::{Policy, render};
//! let text = render::summary(Policy::canonical());
//! assert!(text.contains("Data categories"));
//! ```

pub mod catalog;
pub mod diff;
pub mod history;
mod summary;
pub(crate) mod text;
#[cfg(feature = "validate")]
pub mod validation;

pub use summary::summary;
