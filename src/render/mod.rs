//! Rendering policies for people.
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

pub mod escape;
pub mod history;
mod summary;
pub mod validation;

pub use summary::summary;
