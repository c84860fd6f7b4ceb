//! The binding between a policy document and its human text.
//!
//! A policy document is a hand-kept encoding of a Markdown text: nothing in
//! the data alone shows that the encoding is complete. This module reads the
//! text's structure ([`sections`]) and checks the data against it:
//!
//! - [`coverage`]: every section of the text that states something is cited
//!   by at least one statement of the data, and every section the data cites
//!   is in the text (`privacy-policy coverage DATA TEXT`);
//! - [`text_changes`]: between two releases, every section whose text
//!   changed while no statement citing it changed, a sign that the encoding
//!   missed part of the change (`privacy-policy check OLD NEW --text OLD.md
//!   NEW.md`).
//!
//! Sections are matched by number *and* heading (numbers repeat in real
//! texts), up to white space, emphasis and a trailing colon.
//!
//! ```
//! use matrix_privacy_policy::{Policy, text};
//!
//! let policy = Policy::canonical();
//! // A text with one section the data cites and one it does not.
//! let markdown = "## 2.7 Our commitment to children's privacy\n\nNo children.\n\n## 9. Cookies\n\nNone.\n";
//! let report = text::coverage(policy, markdown);
//! assert_eq!(report.uncited.len(), 1);
//! assert_eq!(report.uncited[0].label(), "9 Cookies");
//! assert!(!report.is_complete());
//! ```

mod coverage;
mod markdown;

pub use coverage::{Citation, Coverage, TextChange, citations, coverage, findings, text_changes};
pub use markdown::{TextSection, heading_key, sections};
