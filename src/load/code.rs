//! The loader's diagnostic codes, listed once.

use std::fmt;

use super::error::DiagnosticKind;

/// Declares [`Code`] from one table: variant, kebab-case string, stage and
/// meaning. The meaning becomes the variant's documentation and
/// [`Code::meaning`], so the list of codes is written nowhere else.
macro_rules! codes {
    ($($variant:ident = $text:literal, $kind:ident, $meaning:literal;)+) => {
        /// A stable diagnostic code: what a [`Diagnostic`](super::Diagnostic)
        /// is about, whatever its message says.
        ///
        /// [`Code::as_str`] gives the kebab-case form printed in messages
        /// (`… [missing-field]`) and in JSON reports; it never changes for a
        /// code. [`Code::ALL`] lists every code in stage order, with its stage
        /// ([`Code::kind`]) and meaning ([`Code::meaning`]); the variants
        /// below are that list.
        ///
        /// ```
        /// use matrix_privacy_policy::load::{Code, DiagnosticKind};
        /// assert_eq!(Code::MissingField.as_str(), "missing-field");
        /// assert_eq!(Code::MissingField.kind(), DiagnosticKind::Schema);
        /// assert_eq!(Code::from_str_exact("dangling-reference"), Some(Code::DanglingReference));
        /// assert!(Code::MissingField == "missing-field");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = concat!("`", $text, "` (", stringify!($kind), "): ", $meaning, ".")]
                $variant,
            )+
        }

        impl Code {
            /// Every code, in stage order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The kebab-case form (`missing-field`, `dangling-reference`, …).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)+
                }
            }

            /// The stage of the loader that reports this code.
            pub const fn kind(self) -> DiagnosticKind {
                match self {
                    $(Code::$variant => DiagnosticKind::$kind,)+
                }
            }

            /// What the code means, in one line.
            pub const fn meaning(self) -> &'static str {
                match self {
                    $(Code::$variant => $meaning,)+
                }
            }
        }
    };
}

codes! {
    TooLarge = "too-large", Input, "the input is larger than `LoadOptions::max_bytes`";
    NotUtf8 = "not-utf8", Input, "an invalid UTF-8 byte (its offset, line and column)";
    ByteOrderMark = "byte-order-mark", Input, "a leading U+FEFF: rejected, not skipped";
    Empty = "empty", Input, "the input is empty or only white space: a policy document is a JSON object";
    Syntax = "syntax", Syntax, "not JSON: truncated, malformed, or content after the document";
    NotJson = "not-json", Syntax, "not JSON and not starting with `{` (YAML or TOML?): documents are JSON; points at the first offending character";
    DuplicateKey = "duplicate-key", Syntax, "the same key twice in an object (points at the second)";
    TooDeep = "too-deep", Syntax, "arrays and objects nested deeper than `LoadOptions::max_depth`";
    UnknownField = "unknown-field", Schema, "a key the schema does not allow (objects are closed)";
    MissingField = "missing-field", Schema, "a required key is absent";
    WrongType = "wrong-type", Schema, "a value of the wrong JSON type, e.g. a string where a boolean is expected, or `null` where a value is required";
    Pattern = "pattern", Schema, "a string of the wrong form: id, URL (http(s) only, no credentials), e-mail, semver, period, date (the message gives the model's reason)";
    Format = "format", Schema, "a string that fails its `format` keyword (the current schema has none: URLs and e-mail addresses are `pattern`s)";
    NotAllowed = "not-allowed", Schema, "a value outside a closed vocabulary, or a wrong `kind` tag";
    TooFewItems = "too-few-items", Schema, "an array shorter than its minimum";
    TooManyItems = "too-many-items", Schema, "an array longer than its maximum";
    TooShort = "too-short", Schema, "a string shorter than its minimum";
    TooLong = "too-long", Schema, "a string longer than its maximum";
    OutOfRange = "out-of-range", Schema, "a number beyond its minimum or maximum";
    NoMatch = "no-match", Schema, "a value that matches none of the allowed forms";
    DuplicateItems = "duplicate-items", Schema, "an array whose items must be unique has duplicates (not used by the current schema)";
    Ambiguous = "ambiguous", Schema, "a value that matches more than one of the forms it must match exactly one of (not used by the current schema)";
    Schema = "schema", Schema, "any other schema keyword fails (not used by the current schema)";
    SchemaUnusable = "schema-unusable", Schema, "the embedded JSON Schema does not compile, so nothing can be validated (a build defect: a test compiles it)";
    InvalidValue = "invalid-value", Type, "a value the schema accepts but the typed model rejects, e.g. the date `2023-02-30`";
    DuplicateId = "duplicate-id", Semantic, "an id used twice in a collection (or a caveat id twice in a right)";
    DuplicateParameter = "duplicate-parameter", Semantic, "a parameter name used twice in a security measure";
    DuplicateRight = "duplicate-right", Semantic, "a right stated twice";
    DanglingReference = "dangling-reference", Semantic, "a reference to an id that no entry of the target collection has";
    HistoryVersionOrder = "history-version-order", Semantic, "history versions do not strictly increase";
    HistoryDateOrder = "history-date-order", Semantic, "a history date before the previous entry's";
    HistoryVersionMismatch = "history-version-mismatch", Semantic, "the last history entry is not the document's `version`";
    ContactUnreachable = "contact-unreachable", Semantic, "a contact with neither `email` nor `url`";
    DuplicateOpenness = "duplicate-openness", Semantic, "two history visibility settings with the same openness rank";
    UnusedDataCategory = "unused-data-category", Semantic, "a data category no purpose processes (no processing without a purpose)";
    ControlCharacter = "control-character", Semantic, "text with a control character other than line feed and tab, or a bidirectional or zero-width format character";
    KindLabel = "kind-label", Semantic, "a recipient of kind `other` without a `kind_label`, or a `kind_label` on another kind";
    PersonalDataMismatch = "personal-data-mismatch", Semantic, "a purpose with `personal_data: false` that lists data or legal bases, or one that processes personal data and lists no data";
    HeldBy = "held-by", Semantic, "a data category the controller does not hold without `held_by` (or `held_by` on one it holds), or received by a recipient other than its holder";
    InferredEmpty = "inferred-empty", Semantic, "a field marked `inferred` whose value is absent or empty: nothing was read into it";
    Placeholder = "placeholder", Semantic, "free text that still starts with `TODO:`, the mark of a placeholder `privacy-policy new` writes";
    Invalid = "invalid", Semantic, "the code of `LoadError::Invalid` when its list is empty, which the loader never returns; no diagnostic carries it";
}

impl Code {
    /// The code whose [`as_str`](Self::as_str) is `text`, if any.
    pub fn from_str_exact(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }

    /// The codes as a Markdown table (`| stage | code | meaning |`), as the
    /// README shows it.
    pub fn markdown_table() -> String {
        let mut table = String::from("| stage | code | meaning |\n|---|---|---|\n");
        for code in Code::ALL {
            table.push_str(&format!(
                "| {} | `{}` | {} |\n",
                code.kind(),
                code.as_str(),
                code.meaning()
            ));
        }
        table
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_unique_kebab_case_and_in_stage_order() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} twice");
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{s}"
            );
            assert_eq!(Code::from_str_exact(s), Some(*code));
        }
        assert!(Code::ALL.windows(2).all(|w| w[0].kind() <= w[1].kind()));
    }

    /// The README's table of codes is the one generated here.
    #[test]
    fn readme_lists_every_code() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&Code::markdown_table()),
            "README.md's table of diagnostic codes differs from `Code::markdown_table()`:\n{}",
            Code::markdown_table()
        );
    }
}
