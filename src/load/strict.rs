//! Strict JSON: serde_json's parser, driven by a visitor that rejects
//! duplicate keys at any depth and limits the nesting depth.
//!
//! The result is a [`Tree`] whose strings borrow from the text. The visitor
//! keeps the path to the current value as a linked list of segments on the
//! stack; it is only formatted into a JSON pointer when something goes wrong,
//! so the happy path allocates nothing beyond the tree itself.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

use super::LoadOptions;
use super::error::{Diagnostic, LoadError};
use super::pointer::{line_col, locate, push_token};
use super::text::{control_char, control_char_unescaped, control_diagnostic, has_del_or_non_ascii};
use super::tree::{Builder, Node, Tree};
use foldhash::{HashSet as FastSet, HashSetExt};

/// Objects with more members than this detect duplicate keys with a hash
/// set instead of a scan, so that a huge object is still linear.
const SCAN_LIMIT: usize = 16;

/// The deepest nesting serde_json itself parses (its recursion limit is 128
/// levels; the 128th fails). A larger [`LoadOptions::max_depth`] is capped to this.
pub(crate) const SERDE_JSON_MAX_DEPTH: usize = 127;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The path to a value: a linked list on the stack, root last.
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    pub(crate) fn to_pointer(self) -> String {
        let mut segments = Vec::new();
        let mut cur = self;
        loop {
            match cur {
                Path::Root => break,
                Path::Key(parent, _) | Path::Index(parent, _) => {
                    segments.push(cur);
                    cur = *parent;
                }
            }
        }
        let mut out = String::new();
        for s in segments.iter().rev() {
            match s {
                Path::Key(_, k) => push_token(&mut out, k),
                Path::Index(_, i) => push_token(&mut out, &i.to_string()),
                Path::Root => {}
            }
        }
        out
    }
}

/// What went wrong, beyond serde_json's own message (set on error paths only).
#[derive(Default)]
struct Failure {
    /// The first structural problem the visitor raised.
    kind: Cell<Option<FailureKind>>,
    /// The pointer of the innermost value being read when the error occurred.
    pointer: Cell<Option<String>>,
    /// Strings with control characters (not a syntax error: reported with
    /// the schema errors).
    text: Cell<Vec<Diagnostic>>,
    /// Whether the text has a byte that starts a DEL or C1 control
    /// character anywhere: only then can a string without escapes hold one
    /// (JSON forbids raw C0), so only then are such strings scanned.
    raw_controls: bool,
    /// The most control-character diagnostics kept.
    limit: usize,
}

enum FailureKind {
    DuplicateKey { key: String, pointer: String },
    TooDeep { pointer: String },
}

impl Failure {
    fn set_kind(&self, kind: FailureKind) {
        let cur = self.kind.take();
        self.kind.set(cur.or(Some(kind)));
    }
    fn control(&self, path: Path<'_>, found: (usize, char)) {
        let mut list = self.text.take();
        if list.len() < self.limit {
            list.push(control_diagnostic(path.to_pointer(), found));
        }
        self.text.set(list);
    }
    fn set_pointer(&self, path: Path<'_>) {
        let cur = self.pointer.take();
        self.pointer.set(cur.or_else(|| Some(path.to_pointer())));
    }
}

struct ValueSeed<'p, 'f, 'b, 'de> {
    path: Path<'p>,
    depth: usize,
    max_depth: usize,
    failure: &'f Failure,
    builder: &'b mut Builder<'de>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_, '_, 'de> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let (path, failure) = (self.path, self.failure);
        let result = deserializer.deserialize_any(self);
        if result.is_err() {
            failure.set_pointer(path);
        }
        result
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.builder.push(Node::Bool(v));
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.builder.push(Node::Number(v.into()));
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.builder.push(Node::Number(v.into()));
        Ok(())
    }
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.builder
            .push(Number::from_f64(v).map_or(Node::Null, Node::Number));
        Ok(())
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<(), E> {
        if self.failure.raw_controls
            && let Some(found) = control_char_unescaped(v)
        {
            self.failure.control(self.path, found);
        }
        self.builder.push(Node::String(Cow::Borrowed(v)));
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        if let Some(found) = control_char(v) {
            self.failure.control(self.path, found);
        }
        self.builder.push(Node::String(Cow::Owned(v.to_owned())));
        Ok(())
    }
    fn visit_string<E>(self, v: String) -> Result<(), E> {
        if let Some(found) = control_char(&v) {
            self.failure.control(self.path, found);
        }
        self.builder.push(Node::String(Cow::Owned(v)));
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.builder.push(Node::Null);
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        self.builder.push(Node::Null);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let depth = self.enter::<A::Error>()?;
        let at = self.builder.open();
        let mut index = 0;
        loop {
            let seed = ValueSeed {
                path: Path::Index(&self.path, index),
                depth,
                max_depth: self.max_depth,
                failure: self.failure,
                builder: &mut *self.builder,
            };
            if seq.next_element_seed(seed)?.is_none() {
                self.builder.close_array(at, index);
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        let depth = self.enter::<A::Error>()?;
        let at = self.builder.open();
        let mut len = 0;
        let mut seen: Option<FastSet<Cow<'de, str>>> = None;
        while let Some(key) = access.next_key_seed(KeySeed)? {
            let duplicate = match &mut seen {
                Some(set) => !set.insert(key.clone()),
                None => {
                    let dup = self.builder.keys_since(at).any(|k| *k == key);
                    if !dup && len >= SCAN_LIMIT {
                        let mut set = FastSet::with_capacity(2 * len);
                        set.extend(self.builder.keys_since(at).cloned());
                        set.insert(key.clone());
                        seen = Some(set);
                    }
                    dup
                }
            };
            if duplicate {
                let mut pointer = self.path.to_pointer();
                push_token(&mut pointer, &key);
                self.failure.set_kind(FailureKind::DuplicateKey {
                    key: key.into_owned(),
                    pointer,
                });
                return Err(de::Error::custom("duplicate key"));
            }
            let seed = ValueSeed {
                path: Path::Key(&self.path, &key),
                depth,
                max_depth: self.max_depth,
                failure: self.failure,
                builder: &mut *self.builder,
            };
            access.next_value_seed(seed)?;
            self.builder.push(Node::String(key));
            len += 1;
        }
        self.builder.close_object(at, len);
        Ok(())
    }
}

/// Reads an object key, borrowing it from the text when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

impl ValueSeed<'_, '_, '_, '_> {
    /// Enters an array or object: its depth, or an error beyond the limit.
    fn enter<E: de::Error>(&self) -> Result<usize, E> {
        let depth = self.depth + 1;
        if depth > self.max_depth {
            self.failure.set_kind(FailureKind::TooDeep {
                pointer: self.path.to_pointer(),
            });
            return Err(E::custom("nested too deep"));
        }
        Ok(depth)
    }
}

/// The input's bytes as text, after the size, byte-order-mark and UTF-8 checks.
pub(crate) fn check_bytes<'a>(bytes: &'a [u8], opts: &LoadOptions) -> Result<&'a str, LoadError> {
    if bytes.len() > opts.max_bytes {
        return Err(LoadError::TooLarge {
            size: bytes.len(),
            limit: opts.max_bytes,
        });
    }
    if bytes.starts_with(BOM) {
        return Err(LoadError::ByteOrderMark);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let p = line_col(bytes, offset);
        LoadError::NotUtf8 {
            offset,
            line: p.line,
            column: p.column,
        }
    })
}

/// Parses `text` strictly into a [`Tree`], with the strings that hold
/// control characters (`control-character` diagnostics, without positions).
pub(crate) fn parse_text<'t>(
    text: &'t str,
    opts: &LoadOptions,
) -> Result<(Tree<'t>, Vec<Diagnostic>), LoadError> {
    let bytes = text.as_bytes();
    let failure = Failure {
        raw_controls: has_del_or_non_ascii(bytes),
        limit: opts.max_diagnostics.max(1),
        ..Failure::default()
    };
    let max_depth = opts.max_depth.min(SERDE_JSON_MAX_DEPTH);
    let mut builder = Builder::for_text(text.len());
    let seed = ValueSeed {
        path: Path::Root,
        depth: 0,
        max_depth,
        failure: &failure,
        builder: &mut builder,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let result = seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    result
        .map(|()| (builder.finish(), failure.text.take()))
        .map_err(|e| {
            let (line, column) = (e.line().max(1), e.column().max(1));
            let pointer = failure.pointer.take().unwrap_or_default();
            match failure.kind.take() {
                Some(FailureKind::DuplicateKey { key, pointer }) => LoadError::DuplicateKey {
                    key,
                    pointer,
                    line,
                    column,
                },
                Some(FailureKind::TooDeep { pointer }) => {
                    // Point at the opening bracket, not where the parser stopped.
                    let (line, column) = match locate(text, &pointer) {
                        Some(p) => (p.line, p.column),
                        None => (line, column),
                    };
                    LoadError::TooDeep {
                        limit: max_depth,
                        pointer,
                        line,
                        column,
                    }
                }
                None => {
                    let full = e.to_string();
                    let suffix = format!(" at line {} column {}", e.line(), e.column());
                    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
                    if message == "recursion limit exceeded" {
                        LoadError::TooDeep {
                            limit: max_depth,
                            pointer,
                            line,
                            column,
                        }
                    } else {
                        LoadError::Syntax {
                            message,
                            pointer,
                            line,
                            column,
                        }
                    }
                }
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::tree::View;

    fn parse(text: &str) -> Result<serde_json::Value, LoadError> {
        parse_text(text, &LoadOptions::default()).map(|(t, _)| t.root().to_value())
    }

    #[test]
    fn parses_like_serde_json() {
        let text = r#"{"a": [1, -2, 3.5, "x\ny", true, null, {}], "b": {"c": [], "d\u00e9": "\ud83d\ude00"}}"#;
        assert_eq!(
            parse(text).unwrap(),
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
        // Strings without escapes borrow from the text.
        let (tree, _) = parse_text(r#"{"k": "v", "e": "\n"}"#, &LoadOptions::default()).unwrap();
        let view = |k| tree.root().get(k).map(|r| r.view());
        assert!(matches!(view("k"), Some(View::String(Cow::Borrowed("v")))));
        assert!(matches!(view("e"), Some(View::String(Cow::Owned(_)))));
    }

    #[test]
    fn control_characters_are_found_while_parsing() {
        let text = "{\"a\": [\"ok\\n\", \"x\\u0007\", \"y\u{7f}\"], \"b\\/\": {\"c\": \"\u{85}\"}, \"d\": \"\\r\"}";
        let (_, found) = parse_text(text, &LoadOptions::default()).unwrap();
        let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/a/1", "/a/2", "/b~1/c", "/d"]);
        assert!(found.iter().all(|d| d.code == "control-character"));
    }

    #[test]
    fn huge_objects_detect_duplicates_in_linear_time() {
        let members: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\": {i}")).collect();
        let ok = format!("{{{}}}", members.join(","));
        assert!(parse(&ok).is_ok());
        let dup = format!("{{{}, \"k99999\": 0}}", members.join(","));
        assert!(matches!(parse(&dup), Err(LoadError::DuplicateKey { key, .. }) if key == "k99999"));
        let early = format!("{{\"k5\": 0, {}}}", members.join(","));
        assert!(matches!(parse(&early), Err(LoadError::DuplicateKey { key, .. }) if key == "k5"));
    }

    #[test]
    fn duplicate_key_at_depth() {
        let text = "{\"a\": [0, {\"b\": {\"x~/\": 1,\n \"x~/\": 2}}]}";
        match parse(text) {
            Err(LoadError::DuplicateKey {
                key,
                pointer,
                line,
                column,
            }) => {
                assert_eq!(key, "x~/");
                assert_eq!(pointer, "/a/1/b/x~0~1");
                assert_eq!((line, column), (2, 6)); // the key's closing quote
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(parse(r#"{"a":1,"b":2,"a":3}"#), Err(LoadError::DuplicateKey { pointer, .. }) if pointer == "/a")
        );
        // The same key in different objects is fine.
        assert!(parse(r#"[{"a":1},{"a":2}]"#).is_ok());
    }

    #[test]
    fn syntax_errors_point_at_the_innermost_value() {
        match parse("{\"a\": [1, 2") {
            Err(LoadError::Syntax { pointer, line, .. }) => {
                assert_eq!(pointer, "/a");
                assert_eq!(line, 1);
            }
            other => panic!("{other:?}"),
        }
        match parse("{\"a\": {\"b\": tru}}") {
            Err(LoadError::Syntax {
                pointer, message, ..
            }) => {
                assert_eq!(pointer, "/a/b");
                assert!(message.contains("expected"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse(""),
            Err(LoadError::Syntax {
                line: 1,
                column: 1,
                ..
            })
        ));
        assert!(matches!(
            parse("{} x"),
            Err(LoadError::Syntax {
                line: 1,
                column: 4,
                ..
            })
        ));
        assert!(parse("{}\n\n").is_ok());
    }

    #[test]
    fn depth_limit() {
        let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        match parse(&deep) {
            Err(LoadError::TooDeep {
                limit,
                pointer,
                column,
                ..
            }) => {
                assert_eq!(limit, 64);
                assert_eq!(pointer, "/0".repeat(64));
                assert_eq!(column, 65);
            }
            other => panic!("{other:?}"),
        }
        let opts = LoadOptions::default().with_max_depth(1000);
        let ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
        assert!(parse_text(&ok, &opts).is_ok());
        let deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(matches!(
            parse_text(&deep, &opts),
            Err(LoadError::TooDeep { limit: 127, .. })
        ));
        let opts = opts.with_max_depth(2);
        assert!(
            matches!(parse_text(r#"{"a":{"b":{}}}"#, &opts), Err(LoadError::TooDeep { limit: 2, pointer, .. }) if pointer == "/a/b")
        );
    }

    #[test]
    fn bytes() {
        let opts = LoadOptions::default();
        assert!(matches!(
            check_bytes(b"\xEF\xBB\xBF{}", &opts),
            Err(LoadError::ByteOrderMark)
        ));
        assert!(matches!(
            check_bytes(b"{\n \"a\xff\": 1}", &opts),
            Err(LoadError::NotUtf8 {
                offset: 5,
                line: 2,
                column: 4
            })
        ));
        let small = LoadOptions::default().with_max_bytes(3);
        assert!(check_bytes(b"{ }", &small).is_ok());
        assert!(matches!(
            check_bytes(b"{  }", &small),
            Err(LoadError::TooLarge { size: 4, limit: 3 })
        ));
    }
}
