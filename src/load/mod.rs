//! Loading and validating policy documents.
//!
//! The pipeline, each stage run once, in this order:
//!
//! 1. **bytes**: at most [`LoadOptions::max_bytes`] (1 MiB by default),
//!    checked before anything else; UTF-8 only; a leading byte order mark is
//!    rejected ([`LoadError::ByteOrderMark`]) rather than skipped.
//! 2. **strict JSON**: serde_json's parser, with duplicate
//!    keys rejected at any depth, nesting limited to
//!    [`LoadOptions::max_depth`] (64 by default, at most 127: serde_json's own
//!    limit), and nothing but white space after the document. The result
//!    is a JSON tree whose strings borrow from the input.
//! 3. **schema**: the committed JSON Schema
//!    ([`crate::schema::SCHEMA_JSON`], Draft 2020-12, formats checked),
//!    compiled once per process, run once on the tree; every
//!    error is reported, each with its instance pointer. Text is checked for
//!    control characters at the same stage.
//! 4. **typed**: the [`Policy`] is deserialized
//!    from the tree (no second parse); values the schema cannot judge, such
//!    as `2023-02-30`, fail here.
//! 5. **semantic** ([`check_semantics`]): references resolve, ids are
//!    unique, the history is ordered and ends at the document's version, ….
//!
//! Every problem becomes a [`Diagnostic`] with a stable code, a JSON pointer
//! and, when the text is known, a line and column (columns count bytes, as
//! serde_json's do). Positions are computed only when something is wrong, in
//! one pass over the text. A broken document reports every schema or
//! semantic problem, up to [`LoadOptions::max_diagnostics`], sorted by stage
//! then position; the typed stage reports only its first problem.
//!
//! # Diagnostic codes
//!
//! Every code, its stage and its meaning are listed once, in [`Code`] (and,
//! generated from it, in the README).
//!
//! ```
//! use matrix_privacy_policy::load::{self, LoadError};
//!
//! let policy = load::load(include_bytes!("../../tests/fixtures/minimal.json"))?;
//! assert_eq!(policy.controller.name, "Example Homeserver Ltd");
//!
//! let err = load::load_str(r#"{"version": "1.0.0", "version": "2.0.0"}"#).unwrap_err();
//! assert!(matches!(err, LoadError::DuplicateKey { ref pointer, .. } if pointer == "/version"));
//! assert_eq!(err.to_string(), "1:30: /version: duplicate key `version` [duplicate-key]");
//! # Ok::<(), LoadError>(())
//! ```

mod code;
mod error;
mod explain;
mod placeholder;
mod pointer;
mod schema_check;
mod semantic;
mod strict;
mod suggest;
mod text;
mod tree;

use serde::Deserialize;
use serde_json::Value;

pub use code::Code;
pub use error::{Diagnostic, DiagnosticKind, LoadError, Position};
pub(crate) use pointer::{locate, push_token};
pub use semantic::check_semantics;
pub use text::check_text;

use crate::Policy;
use tree::Tree;

/// Limits of the loader.
///
/// ```
/// use matrix_privacy_policy::load::{load_with, LoadError, LoadOptions};
/// let opts = LoadOptions::default().with_max_bytes(10);
/// assert!(matches!(load_with(b"{\"title\": \"too long\"}", &opts), Err(LoadError::TooLarge { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadOptions {
    /// The largest input accepted, in bytes (default 1 MiB, ten times the
    /// Matrix.org policy). It also bounds the schema stage's memory: an
    /// invalid document is validated in one call that collects every error,
    /// about 200 bytes per input byte at worst (a document made only of
    /// small errors), so 1 MiB costs at most about 0.2 GB and 16 MiB 3.4 GB.
    /// Raise it for large generated documents you trust.
    pub max_bytes: usize,
    /// The deepest nesting of arrays and objects accepted (default 64; values
    /// above 127, serde_json's own limit, act as 127). A policy is about 6 deep.
    pub max_depth: usize,
    /// The most diagnostics reported by the schema and semantic stages
    /// (default 100); the rest are dropped, so that a huge broken document
    /// costs bounded time and memory to report.
    pub max_diagnostics: usize,
}

impl LoadOptions {
    /// The default size limit: 1 MiB.
    pub const DEFAULT_MAX_BYTES: usize = 1024 * 1024;
    /// The default depth limit.
    pub const DEFAULT_MAX_DEPTH: usize = 64;
    /// The default number of diagnostics reported.
    pub const DEFAULT_MAX_DIAGNOSTICS: usize = 100;

    /// Sets [`max_bytes`](Self::max_bytes).
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Sets [`max_depth`](Self::max_depth).
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Sets [`max_diagnostics`](Self::max_diagnostics) (at least 1).
    pub fn with_max_diagnostics(mut self, max_diagnostics: usize) -> Self {
        self.max_diagnostics = max_diagnostics.max(1);
        self
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: Self::DEFAULT_MAX_BYTES,
            max_depth: Self::DEFAULT_MAX_DEPTH,
            max_diagnostics: Self::DEFAULT_MAX_DIAGNOSTICS,
        }
    }
}

/// Loads and validates a policy document with the default [`LoadOptions`].
///
/// # Errors
/// A [`LoadError`] naming every problem found and where it is.
///
/// ```
/// use matrix_privacy_policy::load::load;
/// let err = load(b"{\"version\": \"1.0\"}").unwrap_err();
/// let bad = err.diagnostics().into_iter().find(|d| d.pointer == "/version").unwrap();
/// assert_eq!(bad.code, "pattern");
/// assert_eq!(bad.position.map(|p| (p.line, p.column)), Some((1, 13)));
/// assert!(err.diagnostics().iter().any(|d| d.code == "missing-field"));
/// ```
pub fn load(bytes: &[u8]) -> Result<Policy, LoadError> {
    load_with(bytes, &LoadOptions::default())
}

/// Loads and validates a policy document from text.
///
/// # Errors
/// As [`load`].
pub fn load_str(text: &str) -> Result<Policy, LoadError> {
    load(text.as_bytes())
}

/// Loads and validates a policy document with the given limits.
///
/// # Errors
/// As [`load`].
pub fn load_with(bytes: &[u8], opts: &LoadOptions) -> Result<Policy, LoadError> {
    let doc = parse_strict(bytes, opts)?;
    let limit = opts.max_diagnostics.max(1);

    let mut problems = schema_check::validate(doc.tree.root(), limit);
    explain::add_hints(doc.tree.root(), &mut problems);
    problems.extend(doc.text_problems.iter().cloned());
    if !problems.is_empty() {
        return Err(doc.invalid(problems, limit));
    }
    let policy = doc.to_policy()?;
    let problems = semantic::check_semantics_limited(&policy, limit);
    if problems.is_empty() {
        Ok(policy)
    } else {
        Err(doc.invalid(problems, limit))
    }
}

/// A strictly parsed JSON document, not yet validated: the result of
/// [`parse_strict`]. Its strings borrow from the input text, which it keeps
/// to give positions to problems found later.
#[derive(Debug, Clone)]
#[doc(hidden)] // a stage on its own: for the benchmarks and tests, not part of the API
pub struct Document<'t> {
    text: &'t str,
    tree: Tree<'t>,
    /// Strings with control characters, found while parsing.
    text_problems: Vec<Diagnostic>,
}

impl<'t> Document<'t> {
    /// The input text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The document as a [`serde_json::Value`] (a copy).
    pub fn to_value(&self) -> Value {
        self.tree.root().to_value()
    }

    pub(crate) fn text_problems(&self) -> &[Diagnostic] {
        &self.text_problems
    }

    /// Stage 4: the typed [`Policy`], without semantic checks. Strings are
    /// copied out of the document; nothing is parsed again.
    ///
    /// # Errors
    /// [`LoadError::Invalid`] with one [`DiagnosticKind::Type`] diagnostic
    /// (serde stops at the first error). Run [`validate_schema`] first for
    /// a full report: the schema catches almost everything this would.
    pub fn to_policy(&self) -> Result<Policy, LoadError> {
        match Policy::deserialize(self.tree.root()) {
            Ok(p) => Ok(p),
            // Once more, on the error path only, to learn where.
            Err(plain) => {
                let diagnostic =
                    match serde_path_to_error::deserialize::<_, Policy>(self.tree.root()) {
                        Err(e) => type_diagnostic(e.path(), e.inner()),
                        Ok(_) => Diagnostic::new(
                            Code::InvalidValue,
                            "",
                            schema_check::brief_text(&plain.to_string(), 200),
                        ),
                    };
                Err(self.invalid(vec![diagnostic], 1))
            }
        }
    }

    /// Fills in the positions of diagnostics from the text, in one pass.
    pub fn with_positions(&self, mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if problems.is_empty() {
            return problems;
        }
        let pointers: Vec<&str> = problems.iter().map(|d| d.pointer.as_str()).collect();
        let positions = pointer::locate_all(self.text, &pointers);
        for (d, p) in problems.iter_mut().zip(positions) {
            d.position = p.map(|(p, _exact)| p);
        }
        name_entities_from_tree(self.tree.root(), &mut problems);
        problems
    }

    /// [`LoadError::Invalid`] with positions, sorted by stage then
    /// position (stable), at most `limit`.
    fn invalid(&self, mut problems: Vec<Diagnostic>, limit: usize) -> LoadError {
        problems.truncate(limit);
        let mut problems = self.with_positions(problems);
        problems.sort_by_key(|d| (d.kind, d.position));
        LoadError::Invalid(problems)
    }
}

/// Stages 1–2: checks the bytes (size, byte order mark, UTF-8) and parses
/// them strictly (duplicate keys, depth, trailing content) into a
/// [`Document`] that borrows from them.
///
/// # Errors
/// [`LoadError::TooLarge`], [`LoadError::ByteOrderMark`],
/// [`LoadError::NotUtf8`], [`LoadError::Empty`], [`LoadError::NotJson`], [`LoadError::Syntax`],
/// [`LoadError::DuplicateKey`] or [`LoadError::TooDeep`].
///
/// ```
/// use matrix_privacy_policy::load::{parse_strict, LoadOptions, LoadError};
/// let doc = parse_strict(b"{\"a\": [1, 2]}", &LoadOptions::default())?;
/// assert_eq!(doc.to_value()["a"][1], 2);
/// let err = parse_strict(b"{\"a\": {\"b\": 1, \"b\": 2}}", &LoadOptions::default()).unwrap_err();
/// assert!(matches!(err, LoadError::DuplicateKey { ref pointer, .. } if pointer == "/a/b"));
/// # Ok::<(), LoadError>(())
/// ```
#[doc(hidden)] // a stage on its own: for the benchmarks and tests, not part of the API
pub fn parse_strict<'t>(bytes: &'t [u8], opts: &LoadOptions) -> Result<Document<'t>, LoadError> {
    let text = strict::check_bytes(bytes, opts)?;
    let start = text.trim_start_matches([' ', '\t', '\n', '\r']);
    if start.is_empty() {
        return Err(LoadError::Empty);
    }
    let (tree, text_problems) = strict::parse_text(text, opts).map_err(|e| match e {
        // Not even the start of a JSON object: most likely another format.
        LoadError::Syntax {
            message,
            line,
            column,
            ..
        } if !start.starts_with('{') => LoadError::NotJson {
            message,
            line,
            column,
        },
        other => other,
    })?;
    Ok(Document {
        text,
        tree,
        text_problems,
    })
}

/// Stage 3: validates a document against the committed JSON Schema
/// ([`crate::schema::SCHEMA_JSON`], Draft 2020-12, formats checked; compiled
/// once per process) and returns every error with its position, at most
/// [`LoadOptions::DEFAULT_MAX_DIAGNOSTICS`].
///
/// ```
/// use matrix_privacy_policy::load::{parse_strict, validate_schema, LoadOptions};
/// let doc = parse_strict(b"{\"version\": 1}", &LoadOptions::default())?;
/// let errors = validate_schema(&doc);
/// assert!(errors.iter().any(|d| d.code == "wrong-type" && d.pointer == "/version"));
/// assert!(errors.iter().any(|d| d.code == "missing-field" && d.message.contains("`title`")));
/// # Ok::<(), matrix_privacy_policy::load::LoadError>(())
/// ```
#[doc(hidden)] // a stage on its own: for the benchmarks and tests, not part of the API
pub fn validate_schema(doc: &Document<'_>) -> Vec<Diagnostic> {
    let mut found = schema_check::validate(doc.tree.root(), LoadOptions::DEFAULT_MAX_DIAGNOSTICS);
    explain::add_hints(doc.tree.root(), &mut found);
    doc.with_positions(found)
}

/// Stage 3 for a [`serde_json::Value`] (no text, so no positions): the
/// schema errors and the text checks of [`check_text`]. A value has no size
/// limit: the memory for its errors grows with it (see
/// [`LoadOptions::max_bytes`]).
///
/// ```
/// use matrix_privacy_policy::load::validate_value;
/// let errors = validate_value(&serde_json::json!({"title": "a\u{7}"}));
/// assert!(errors.iter().any(|d| d.code == "missing-field"));
/// assert!(errors.iter().any(|d| d.code == "control-character" && d.pointer == "/title"));
/// ```
pub fn validate_value(value: &Value) -> Vec<Diagnostic> {
    let tree = Tree::from_value(value);
    let mut found = schema_check::validate(tree.root(), LoadOptions::DEFAULT_MAX_DIAGNOSTICS);
    explain::add_hints(tree.root(), &mut found);
    found.extend(text::check_tree_text(tree.root()));
    name_entities_from_tree(tree.root(), &mut found);
    found
}

/// Names the entity of each diagnostic inside an id-keyed collection from
/// the JSON tree (so schema problems get names too, before any typing).
fn name_entities_from_tree(root: tree::Ref<'_>, problems: &mut [Diagnostic]) {
    pointer::name_entities(problems, |collection, index| {
        let at = format!("/{}/{index}/{}", collection.name(), collection.key_field());
        let key = root.pointer(&at)?.as_str()?;
        Some(schema_check::brief_text(key, 200))
    });
}

/// Turns a typed-stage error into a diagnostic with a JSON pointer.
fn type_diagnostic(path: &serde_path_to_error::Path, e: &dyn std::fmt::Display) -> Diagnostic {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => push_token(&mut pointer, &index.to_string()),
            Segment::Map { key } => push_token(&mut pointer, key),
            // Unit and internally tagged variants are not levels of the JSON.
            Segment::Enum { .. } => {}
            Segment::Unknown => break,
        }
    }
    let message = schema_check::brief_text(&e.to_string(), 200);
    Diagnostic::new(Code::InvalidValue, pointer, message)
}
