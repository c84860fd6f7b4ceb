//! JSON pointers (RFC 6901): escaping, and finding where the value a pointer
//! designates starts in a JSON text.
//!
//! The locator is only used on error paths. It is a small skip-scanner: it
//! never builds a tree, never recurses on the text's nesting (only on the
//! pointers' tokens), reads each byte of the text at most once for any number
//! of pointers, and accepts any text without panicking (on text that is not
//! JSON it answers with the deepest value it could reach, or nothing).

use std::borrow::Cow;
use std::collections::HashMap;

use super::error::{Diagnostic, Position};
use crate::model::graph::Collection;

/// Appends `token` to `out` as one pointer segment: `/` then the token with
/// `~` written `~0` and `/` written `~1`.
pub(crate) fn push_token(out: &mut String, token: &str) {
    out.push('/');
    if !token.contains(['~', '/']) {
        out.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// The id-keyed collection and the index of the entry a pointer is inside
/// (`/recipients/10/receives/2` → recipients, 10), if it is inside one.
pub(crate) fn entry_of(pointer: &str) -> Option<(Collection, usize)> {
    let mut toks = pointer.strip_prefix('/')?.split('/');
    let name = toks.next()?;
    let collection = Collection::ALL.iter().find(|c| c.name() == name)?;
    let index = toks.next()?;
    // Pointer indexes have no sign, no leading zero.
    if index.is_empty() || (index.len() > 1 && index.starts_with('0')) {
        return None;
    }
    Some((*collection, index.parse().ok()?))
}

/// Sets the [`entity`](Diagnostic::entity) of every diagnostic whose pointer
/// is inside an entry of an id-keyed collection, from `key_of(collection, index)`.
pub(crate) fn name_entities(
    problems: &mut [Diagnostic],
    key_of: impl Fn(Collection, usize) -> Option<String>,
) {
    for d in problems {
        if d.entity.is_none() {
            d.entity = entry_of(&d.pointer).and_then(|(c, i)| key_of(c, i));
        }
    }
}

/// Splits a pointer into its unescaped tokens; `None` when it is not a
/// pointer (non-empty and not starting with `/`).
fn tokens(pointer: &str) -> Option<Vec<Cow<'_, str>>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| {
                if t.contains('~') {
                    Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
                } else {
                    Cow::Borrowed(t)
                }
            })
            .collect(),
    )
}

/// The line and column of a byte offset (both from 1, the column in bytes).
pub(crate) fn line_col(text: &[u8], offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or_default();
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Position {
        line,
        column: offset - line_start + 1,
    }
}

/// Line and column of several offsets, in one pass over the text.
fn line_cols(text: &[u8], offsets: &[usize]) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets.get(i).copied().unwrap_or(0));
    let mut out = vec![Position { line: 1, column: 1 }; offsets.len()];
    let (mut pos, mut line, mut line_start) = (0usize, 1usize, 0usize);
    for i in order {
        let target = offsets.get(i).copied().unwrap_or(0).min(text.len());
        for (j, &b) in text.get(pos..target).unwrap_or_default().iter().enumerate() {
            if b == b'\n' {
                line += 1;
                line_start = pos + j + 1;
            }
        }
        pos = pos.max(target);
        if let Some(slot) = out.get_mut(i) {
            *slot = Position {
                line,
                column: target.saturating_sub(line_start) + 1,
            };
        }
    }
    out
}

/// The most tokens of a pointer the locator follows (deeper ones resolve to
/// the value at this depth).
const MAX_TOKENS: usize = 128;

#[derive(Default)]
struct Node {
    children: HashMap<String, usize>,
    /// Byte offset of the value, once reached.
    offset: Option<usize>,
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// At `"`: moves past the closing quote and returns the raw content's range.
    fn string(&mut self) -> Option<(usize, usize)> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.i += 1;
        let start = self.i;
        loop {
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some((start, self.i - 1));
                }
                b'\\' => self.i += 2,
                _ => self.i += 1,
            }
        }
    }

    /// At `"`: reads a key, decoding escapes.
    fn key(&mut self) -> Option<Cow<'a, str>> {
        let (s, e) = self.string()?;
        let raw = self.text.get(s..e)?;
        if raw.contains('\\') {
            Some(Cow::Owned(unescape(raw)))
        } else {
            Some(Cow::Borrowed(raw))
        }
    }

    /// Skips one value of any kind, without recursion.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.ws();
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'[' | b'{' => {
                    depth += 1;
                    self.i += 1;
                }
                b']' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    self.i += 1;
                }
                b',' | b':' if depth > 0 => self.i += 1,
                _ => {
                    let start = self.i;
                    while let Some(c) = self.peek() {
                        if matches!(
                            c,
                            b',' | b']'
                                | b'}'
                                | b':'
                                | b' '
                                | b'\t'
                                | b'\n'
                                | b'\r'
                                | b'"'
                                | b'['
                                | b'{'
                        ) {
                            break;
                        }
                        self.i += 1;
                    }
                    if self.i == start {
                        return None;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// At the start of a value (after white space): records it in `node`,
    /// follows the children of `node` inside it, and moves past it.
    fn walk(&mut self, nodes: &mut [Node], node: usize, level: usize) -> Option<()> {
        self.ws();
        if let Some(n) = nodes.get_mut(node) {
            n.offset = Some(self.i);
        }
        let has_children = nodes.get(node).is_some_and(|n| !n.children.is_empty());
        if !has_children || level >= MAX_TOKENS {
            return self.skip_value();
        }
        let child = |nodes: &[Node], token: &str| {
            nodes.get(node).and_then(|n| n.children.get(token).copied())
        };
        match self.peek()? {
            b'{' => {
                self.i += 1;
                self.ws();
                if self.peek()? == b'}' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.ws();
                    let key = self.key()?;
                    self.ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.i += 1;
                    match child(nodes, &key) {
                        Some(c) if nodes.get(c).is_some_and(|n| n.offset.is_none()) => {
                            self.walk(nodes, c, level + 1)?;
                        }
                        _ => self.skip_value()?,
                    }
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                self.ws();
                if self.peek()? == b']' {
                    self.i += 1;
                    return Some(());
                }
                let mut index = 0usize;
                let mut buf = itoa_buf();
                loop {
                    buf.clear();
                    push_usize(&mut buf, index);
                    match child(nodes, &buf) {
                        Some(c) => self.walk(nodes, c, level + 1)?,
                        None => self.skip_value()?,
                    }
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                    index += 1;
                }
            }
            _ => self.skip_value(),
        }
    }
}

fn itoa_buf() -> String {
    String::with_capacity(20)
}

fn push_usize(buf: &mut String, n: usize) {
    use std::fmt::Write;
    let _ = write!(buf, "{n}");
}

/// Decodes the escapes of a JSON string's raw content (lossily: broken
/// escapes become U+FFFD).
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    let hex4 = |chars: &mut std::str::Chars<'_>| -> Option<u32> {
        let s: String = chars.by_ref().take(4).collect();
        if s.len() == 4 {
            u32::from_str_radix(&s, 16).ok()
        } else {
            None
        }
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let Some(hi) = hex4(&mut chars) else {
                    out.push('\u{fffd}');
                    continue;
                };
                let code = if (0xD800..0xDC00).contains(&hi) {
                    let mut look = chars.clone();
                    if look.next() == Some('\\') && look.next() == Some('u') {
                        match hex4(&mut look) {
                            Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                chars = look;
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            }
                            _ => 0xFFFD,
                        }
                    } else {
                        0xFFFD
                    }
                } else {
                    hi
                };
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            Some(other) => out.push(other),
            None => out.push('\u{fffd}'),
        }
    }
    out
}

/// For each pointer, the byte offset of the value it designates, or of the
/// deepest enclosing value found, and whether the pointer resolved fully.
fn resolve_offsets(text: &str, pointers: &[&str]) -> Vec<Option<(usize, bool)>> {
    let mut nodes = vec![Node::default()];
    // Per pointer, the nodes along its path (root first); `None`: not a pointer.
    let mut paths: Vec<Option<Vec<usize>>> = Vec::with_capacity(pointers.len());
    for p in pointers {
        let Some(toks) = tokens(p) else {
            paths.push(None);
            continue;
        };
        let mut path = vec![0usize];
        let mut cur = 0usize;
        for t in toks.iter().take(MAX_TOKENS) {
            let existing = nodes
                .get(cur)
                .and_then(|n| n.children.get(t.as_ref()).copied());
            let next = match existing {
                Some(n) => n,
                None => {
                    let n = nodes.len();
                    nodes.push(Node::default());
                    if let Some(parent) = nodes.get_mut(cur) {
                        parent.children.insert(t.to_string(), n);
                    }
                    n
                }
            };
            path.push(next);
            cur = next;
        }
        if toks.len() > MAX_TOKENS {
            // Cannot be resolved exactly: mark with a sentinel that never resolves.
            path.push(usize::MAX);
        }
        paths.push(Some(path));
    }
    let mut scanner = Scanner {
        text,
        b: text.as_bytes(),
        i: 0,
    };
    let _ = scanner.walk(&mut nodes, 0, 0);
    paths
        .into_iter()
        .map(|path| {
            let path = path?;
            let mut best = None;
            let mut exact = true;
            for n in &path {
                match nodes.get(*n).and_then(|n| n.offset) {
                    Some(o) => best = Some(o),
                    None => {
                        exact = false;
                        break;
                    }
                }
            }
            best.map(|o| (o, exact))
        })
        .collect()
}

/// Where the value each pointer designates starts in `text`, in one pass.
///
/// For a pointer that does not resolve (no such key or index, or `text` is
/// not JSON past some point), the answer is the start of the deepest
/// enclosing value that does, or `None` when not even the root was found or
/// the string is not a pointer. The second element tells whether the
/// pointer resolved fully.
pub(crate) fn locate_all(text: &str, pointers: &[&str]) -> Vec<Option<(Position, bool)>> {
    if pointers.is_empty() {
        return Vec::new();
    }
    let offsets = resolve_offsets(text, pointers);
    let found: Vec<usize> = offsets.iter().flatten().map(|(o, _)| *o).collect();
    let mut positions = line_cols(text.as_bytes(), &found).into_iter();
    offsets
        .into_iter()
        .map(|o| o.and_then(|(_, exact)| positions.next().map(|p| (p, exact))))
        .collect()
}

/// Where the value `pointer` designates starts in the JSON `text`, as line
/// and column (both from 1, the column in bytes); `None` when the pointer
/// does not resolve. Works on any text without panicking.
pub(crate) fn locate(text: &str, pointer: &str) -> Option<Position> {
    match locate_all(text, &[pointer]).into_iter().next() {
        Some(Some((p, true))) => Some(p),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_of_pointers() {
        assert_eq!(
            entry_of("/recipients/10"),
            Some((Collection::Recipients, 10))
        );
        assert_eq!(
            entry_of("/rights/0/exercise/1/contact"),
            Some((Collection::Rights, 0))
        );
        assert_eq!(entry_of("/recipients"), None);
        assert_eq!(entry_of("/recipients/01"), None);
        assert_eq!(entry_of("/recipients/-1"), None);
        assert_eq!(entry_of("/controller/name"), None);
        assert_eq!(entry_of(""), None);
    }

    #[test]
    fn escape_and_locate() {
        let mut escaped = String::new();
        push_token(&mut escaped, "a/b~c");
        assert_eq!(escaped, "/a~1b~0c");
        let text = "{\n  \"a\": [1, {\"b/c\": true}]\n}";
        assert_eq!(
            locate(text, "/a/1/b~1c"),
            Some(Position {
                line: 2,
                column: 20
            })
        );
        assert_eq!(locate(text, ""), Some(Position { line: 1, column: 1 }));
        assert_eq!(locate(text, "/a/2"), None);
    }

    fn at(text: &str, p: &str) -> Option<(usize, usize)> {
        locate(text, p).map(|p| (p.line, p.column))
    }

    #[test]
    fn escaping() {
        let mut s = String::new();
        push_token(&mut s, "x~/y");
        push_token(&mut s, "0");
        assert_eq!(s, "/x~0~1y/0");
        assert_eq!(tokens("/x~0~1y/0").unwrap(), vec!["x~/y", "0"]);
        assert_eq!(tokens("/~01").unwrap(), vec!["~1"]);
        assert_eq!(tokens("").unwrap(), Vec::<Cow<'_, str>>::new());
        assert!(tokens("a").is_none());
    }

    #[test]
    fn locates_values() {
        let text =
            r#"{"a": 1, "b": {"c": [10, "x,]}", {"d": null}], "e\"f": "g"}, "": 5, "h~i/j": 6}"#;
        assert_eq!(at(text, ""), Some((1, 1)));
        assert_eq!(at(text, "/a"), Some((1, 7)));
        assert_eq!(at(text, "/b"), Some((1, 15)));
        assert_eq!(at(text, "/b/c/0"), Some((1, 22)));
        assert_eq!(at(text, "/b/c/1"), Some((1, 26)));
        assert_eq!(at(text, "/b/c/2/d"), Some((1, 40)));
        assert_eq!(at(text, "/b/e\"f"), Some((1, 56)));
        assert_eq!(at(text, "/"), Some((1, 66)));
        assert_eq!(at(text, "/h~0i~1j"), Some((1, 78)));
        assert_eq!(at(text, "/b/c/3"), None);
        assert_eq!(at(text, "/zz"), None);
        assert_eq!(at(text, "/a/0"), None);
        assert_eq!(at(text, "nonsense"), None);
    }

    #[test]
    fn escaped_keys_and_lines() {
        let text = "{\n \"\\u00e9t\\u00e9\":\n   [\n\n    true]\n}";
        assert_eq!(at(text, "/été/0"), Some((5, 5)));
        let text = r#"{"\ud83d\ude00": 1}"#;
        assert_eq!(at(text, "/😀"), Some((1, 18)));
    }

    #[test]
    fn many_pointers_one_pass_and_fallback() {
        let text = r#"{"x": [{"id": "a"}, {"id": "b"}], "y": 2}"#;
        let got = locate_all(text, &["/x/1/id", "/y", "/x/0/nope", "/x/0/id", "bad"]);
        let simple: Vec<_> = got.iter().map(|o| o.map(|(p, e)| (p.column, e))).collect();
        assert_eq!(
            simple,
            vec![
                Some((28, true)),
                Some((40, true)),
                Some((8, false)),
                Some((15, true)),
                None
            ]
        );
    }

    #[test]
    fn robust_on_any_text() {
        let samples: &[&str] = &[
            "",
            "{",
            "[",
            "\"",
            "\"\\",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":[",
            "]]]",
            "}}",
            "{\"a\" 1}",
            "[1,,2]",
            "{\"a\":1,}",
            "\u{feff}{}",
            "{\"a\":\"\\u12\"}",
            "[[[[[[[[[[",
            "nul",
            "{\"\\ud800\":1}",
        ];
        for s in samples {
            for p in ["", "/a", "/0", "/a/0/b", "/0/0/0/0"] {
                let _ = locate(s, p);
            }
        }
        let deep = "[".repeat(200_000);
        assert_eq!(locate(&deep, "/0/0"), Some(Position { line: 1, column: 3 }));
        let deep_pointer = "/0".repeat(100_000);
        assert_eq!(locate(&deep, &deep_pointer), None);
    }

    #[test]
    fn line_col_counts_bytes() {
        let t = "ab\ncé\nd".as_bytes();
        assert_eq!(line_col(t, 0), Position { line: 1, column: 1 });
        assert_eq!(line_col(t, 3), Position { line: 2, column: 1 });
        assert_eq!(line_col(t, 7), Position { line: 3, column: 1 });
        assert_eq!(line_col(t, 99), Position { line: 3, column: 2 });
        assert_eq!(
            line_cols(t, &[7, 0, 3]),
            vec![line_col(t, 7), line_col(t, 0), line_col(t, 3)]
        );
    }
}
