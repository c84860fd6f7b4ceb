//! Every report the crate prints, in one place: the policy summary
//! ([`summary`]), validation reports ([`validation`]), diff and check
//! reports ([`diff`]), the rule catalog ([`catalog`]) and the history table
//! ([`history`]). They share one set of text helpers (truncation, Markdown
//! escaping, GitHub workflow commands), so that hostile text in a document
//! is handled the same way in every report.
//!
//! [`summary`] answers the questions a reader of a privacy policy has: what is
//! collected, why and on what basis, who receives it, how long it is kept,
//! and what the reader can do about it. [`views`] says everything about one
//! data category, recipient or right; [`page`] renders the whole policy as a
//! Markdown or HTML document. Document text is escaped in every format:
//! control characters replaced in text, Markdown and HTML syntax escaped.
//!
//! ```
//! use matrix_privacy_policy::{Policy, render};
//! let text = render::summary(Policy::canonical());
//! assert!(text.contains("What is collected"));
//! ```

mod blocks;
pub mod catalog;
pub mod diff;
pub mod escape;
pub mod history;
pub mod page;
mod summary;
pub(crate) mod text;
#[cfg(feature = "validate")]
pub mod validation;
pub mod views;

pub(crate) use blocks::{OUR_READING, legal_bases_in_words};
pub use summary::{summary, summary_text};
