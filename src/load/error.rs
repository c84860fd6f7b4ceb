//! The loader's error type and its uniform list of diagnostics.

use std::fmt;

use super::code::Code;

/// A place in the input text: 1-based line and 1-based column.
///
/// Columns count bytes of UTF-8 from the start of the line, as serde_json's
/// own error positions do, so every position the loader reports uses the same
/// convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column in bytes, from 1.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The stage of the loader that found a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// The bytes themselves: size limit, encoding, byte order mark.
    Input,
    /// JSON syntax, duplicate keys, nesting depth.
    Syntax,
    /// The document does not follow the JSON Schema.
    Schema,
    /// A value the schema accepts but the typed model rejects (e.g. `2023-02-30`).
    Type,
    /// A rule across the document: references, unique ids, history order, text.
    Semantic,
}

impl DiagnosticKind {
    /// A lower-case name (`input`, `syntax`, `schema`, `type`, `semantic`).
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticKind::Input => "input",
            DiagnosticKind::Syntax => "syntax",
            DiagnosticKind::Schema => "schema",
            DiagnosticKind::Type => "type",
            DiagnosticKind::Semantic => "semantic",
        }
    }
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in a document.
///
/// `Display` writes `LINE:COL: POINTER: message [code]`, leaving out the
/// position when it is unknown and writing the document root as `(root)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// The stage that found it.
    pub kind: DiagnosticKind,
    /// What it is about: a stable code whose kebab-case form
    /// ([`Code::as_str`]) is printed (`duplicate-key`, `missing-field`, …).
    pub code: Code,
    /// The JSON pointer (RFC 6901) of the value concerned; empty for the whole document.
    pub pointer: String,
    /// Where the value starts in the input text, when the text is known.
    pub position: Option<Position>,
    /// What is wrong, in one short line.
    pub message: String,
    /// The id of the entry of an id-keyed collection the pointer is inside
    /// (`donorbox` for `/recipients/10/receives/2`), when the document
    /// names one: people find `/recipients/10` by its id, not its index.
    /// As written in the document, so possibly hostile: escape it to show it.
    pub entity: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of the stage of its code, with no position yet.
    pub(crate) fn new(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            kind: code.kind(),
            code,
            pointer: pointer.into(),
            position: None,
            message: message.into(),
            entity: None,
        }
    }

    /// The pointer for people: `(root)` for the document, a long pointer
    /// cut short, and the entity's id after it, escaped
    /// (`/recipients/10/receives/2 (donorbox)`).
    pub fn pointer_for_people(&self) -> String {
        let mut shown = ShowPointer(&self.pointer).to_string();
        if let Some(entity) = &self.entity {
            shown.push_str(&format!(
                " ({})",
                crate::render::escape::visible_brief(entity, MAX_ENTITY_CHARS)
            ));
        }
        shown
    }

    pub(crate) fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }
}

/// The longest entity id shown after a pointer, in characters.
pub(crate) const MAX_ENTITY_CHARS: usize = 60;

/// Writes a pointer for people: the root (the empty pointer) as `(root)`,
/// and a very long pointer (a huge key) cut short with `…`.
pub(crate) struct ShowPointer<'a>(pub &'a str);

impl fmt::Display for ShowPointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("(root)")
        } else {
            Brief(self.0).fmt(f)
        }
    }
}

/// Writes text cut after 120 characters, with `…`.
pub(crate) struct Brief<'a>(pub &'a str);

impl fmt::Display for Brief<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::render::text::truncate_chars(self.0, 120))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.position {
            write!(f, "{p}: ")?;
        }
        write!(
            f,
            "{}: {} [{}]",
            self.pointer_for_people(),
            self.message,
            self.code
        )
    }
}

/// Why a document could not be loaded.
///
/// The first variants stop the loader early and carry one problem each;
/// [`LoadError::Invalid`] carries every problem the schema, the typed model or
/// the semantic checks found. [`LoadError::diagnostics`] turns any variant
/// into the same list form, for printing as `FILE:LINE:COL: POINTER: message`.
/// `Display` writes one line per problem: the [`Display`](fmt::Display) of
/// each of its [`diagnostics`](LoadError::diagnostics).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", DiagnosticList(self))]
#[non_exhaustive]
pub enum LoadError {
    /// The input is larger than [`LoadOptions::max_bytes`](super::LoadOptions::max_bytes).
    TooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The input is not UTF-8.
    NotUtf8 {
        /// The byte offset of the first invalid byte, from 0.
        offset: usize,
        /// Its line, from 1.
        line: usize,
        /// Its column in bytes, from 1.
        column: usize,
    },
    /// The input starts with a UTF-8 byte order mark, which RFC 8259 forbids
    /// JSON texts to add; it is rejected rather than silently skipped, so that
    /// every tool reading the file sees the same bytes.
    ByteOrderMark,
    /// The input is empty or only white space.
    Empty,
    /// The input is not JSON and does not start with `{`: likely YAML or
    /// TOML, where a policy document is JSON.
    NotJson {
        /// serde_json's message, without its position.
        message: String,
        /// The line of the first character that is not JSON, from 1.
        line: usize,
        /// Its column in bytes, from 1.
        column: usize,
    },
    /// The input is not well-formed JSON (a truncated document, content
    /// after the document, …) but starts like a JSON object.
    Syntax {
        /// serde_json's message, without its position.
        message: String,
        /// The pointer of the innermost value being read when the error occurred.
        pointer: String,
        /// The line, from 1.
        line: usize,
        /// The column in bytes, from 1.
        column: usize,
    },
    /// An object has the same key twice.
    DuplicateKey {
        /// The key.
        key: String,
        /// The pointer of the second occurrence.
        pointer: String,
        /// The line of the second occurrence, from 1.
        line: usize,
        /// Its column in bytes (at the end of the key), from 1.
        column: usize,
    },
    /// Arrays and objects are nested deeper than [`LoadOptions::max_depth`](super::LoadOptions::max_depth).
    TooDeep {
        /// The limit.
        limit: usize,
        /// The pointer of the first array or object beyond the limit.
        pointer: String,
        /// Its line, from 1.
        line: usize,
        /// Its column in bytes, from 1.
        column: usize,
    },
    /// The document is well-formed JSON but not a valid policy: every
    /// problem found, in document order within each stage.
    Invalid(Vec<Diagnostic>),
}

/// Writes a [`LoadError`] as its diagnostics, one a line.
struct DiagnosticList<'a>(&'a LoadError);

impl fmt::Display for DiagnosticList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let single;
        let list = match self.0 {
            LoadError::Invalid(list) => list.as_slice(),
            other => {
                single = other.diagnostics();
                single.as_slice()
            }
        };
        for (i, d) in list.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl LoadError {
    /// Every problem as a [`Diagnostic`], whatever the variant.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let pos = |line, column| Some(Position { line, column });
        match self {
            LoadError::TooLarge { size, limit } => vec![Diagnostic::new(Code::TooLarge,
                "",
                format!("the input is {size} bytes, more than the limit of {limit} bytes"),
            )],
            LoadError::NotUtf8 { offset, line, column } => vec![
                Diagnostic::new(Code::NotUtf8,
                    "",
                    format!("the input is not UTF-8: invalid byte at offset {offset}"),
                )
                .at(pos(*line, *column)),
            ],
            LoadError::ByteOrderMark => vec![
                Diagnostic::new(Code::ByteOrderMark,
                    "",
                    "the input starts with a byte order mark (U+FEFF); save the file as UTF-8 without BOM",
                )
                .at(pos(1, 1)),
            ],
            LoadError::Empty => vec![Diagnostic::new(
                Code::Empty,
                "",
                "the input is empty: a policy document is a JSON object, `{ \"version\": …, … }`",
            )
            .at(pos(1, 1))],
            LoadError::NotJson { message, line, column } => vec![
                Diagnostic::new(
                    Code::NotJson,
                    "",
                    format!(
                        "documents are JSON, and this is not (YAML or TOML?): a policy document is a JSON object, starting with `{{` (here: {message})"
                    ),
                )
                .at(pos(*line, *column)),
            ],
            LoadError::Syntax { message, pointer, line, column } => vec![
                Diagnostic::new(Code::Syntax, pointer.clone(), message.clone())
                    .at(pos(*line, *column)),
            ],
            LoadError::DuplicateKey { key, pointer, line, column } => vec![
                Diagnostic::new(Code::DuplicateKey,
                    pointer.clone(),
                    format!("duplicate key `{}`", Brief(key)),
                )
                .at(pos(*line, *column)),
            ],
            LoadError::TooDeep { limit, pointer, line, column } => vec![
                Diagnostic::new(Code::TooDeep,
                    pointer.clone(),
                    format!("arrays and objects are nested deeper than {limit} levels"),
                )
                .at(pos(*line, *column)),
            ],
            LoadError::Invalid(list) => list.clone(),
        }
    }

    /// The code of the first problem ([`Code::TooLarge`], [`Code::Syntax`],
    /// [`Code::MissingField`], …).
    pub fn code(&self) -> Code {
        match self {
            LoadError::TooLarge { .. } => Code::TooLarge,
            LoadError::NotUtf8 { .. } => Code::NotUtf8,
            LoadError::ByteOrderMark => Code::ByteOrderMark,
            LoadError::Empty => Code::Empty,
            LoadError::NotJson { .. } => Code::NotJson,
            LoadError::Syntax { .. } => Code::Syntax,
            LoadError::DuplicateKey { .. } => Code::DuplicateKey,
            LoadError::TooDeep { .. } => Code::TooDeep,
            LoadError::Invalid(list) => list.first().map_or(Code::Invalid, |d| d.code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_line_per_problem() {
        let e = LoadError::Invalid(vec![
            Diagnostic::new(Code::MissingField, "", "missing field `version`")
                .at(Some(Position { line: 1, column: 1 })),
            Diagnostic::new(Code::DanglingReference, "/purposes/0/data/1", "x"),
        ]);
        assert_eq!(
            e.to_string(),
            "1:1: (root): missing field `version` [missing-field]\n/purposes/0/data/1: x [dangling-reference]"
        );
        assert_eq!(e.diagnostics().len(), 2);
        assert_eq!(e.code(), "missing-field");
        let d = LoadError::DuplicateKey {
            key: "a".into(),
            pointer: "/a".into(),
            line: 2,
            column: 7,
        };
        assert_eq!(d.to_string(), "2:7: /a: duplicate key `a` [duplicate-key]");
    }
}
