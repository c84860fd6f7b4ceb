//! Text checks: control characters and characters that reorder or hide
//! text (`control-character`). The strict parser runs them on every string
//! it reads; [`check_tree_text`] runs them on a tree built from a value.

use super::Document;
use super::code::Code;
use super::error::Diagnostic;
use super::strict::Path;
use super::tree::{Ref, View};

/// The first control character in `s` other than `\n` and `\t` (C0, DEL and
/// C1), or bidirectional or zero-width format character, with its character
/// index.
pub(crate) fn control_char(s: &str) -> Option<(usize, char)> {
    let b = s.as_bytes();
    if !b.iter().any(|&c| c < 0x20 && c != b'\n' && c != b'\t') && !has_del_or_non_ascii(b) {
        return None;
    }
    find_control(s)
}

/// [`control_char`] for text that came out of a JSON string without escapes,
/// which cannot hold C0 characters (JSON forbids them raw).
pub(crate) fn control_char_unescaped(s: &str) -> Option<(usize, char)> {
    if !has_del_or_non_ascii(s.as_bytes()) {
        return None;
    }
    find_control(s)
}

/// Whether `b` has a byte of 0x7F or more: DEL, or a byte of a non-ASCII
/// character (C1 controls are U+0080 to U+009F). Word at a time: for each
/// byte, `(byte & 0x7F) + 1` reaches 0x80 only from 0x7F or 0xFF, and no
/// sum carries into the next byte.
pub(crate) fn has_del_or_non_ascii(b: &[u8]) -> bool {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONE: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = |c: &[u8]| {
        let w = c
            .iter()
            .rev()
            .fold(0u64, |acc, &x| (acc << 8) | u64::from(x));
        (w | ((w & LOW) + ONE)) & HIGH
    };
    let mut chunks = b.chunks_exact(32);
    for c in &mut chunks {
        let (a, rest) = c.split_at(8);
        let (b2, rest) = rest.split_at(8);
        let (c3, d) = rest.split_at(8);
        if word(a) | word(b2) | word(c3) | word(d) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&c| c >= 0x7f)
}

fn find_control(s: &str) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|&(_, c)| (c.is_control() && c != '\n' && c != '\t') || is_hiding_format(c))
}

/// Unicode format characters (category Cf, which `char::is_control` does not
/// cover) that reorder or hide text: bidirectional embeddings, overrides and
/// isolates ("Trojan Source": text displayed in another order than it is
/// stored), and zero-width spaces. Joiners (U+200C, U+200D) and direction
/// marks (U+200E, U+200F) are left to the scripts that need them.
fn is_hiding_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Checks every string value of a document for control characters other
/// than line feed and tab (`control-character`): a carriage return, a
/// backspace or an escape sequence hidden in a policy's text would render
/// differently, or not at all, in different tools. Bidirectional overrides,
/// embeddings and isolates (U+202A–U+202E, U+2066–U+2069) and zero-width
/// spaces (U+200B, U+2060, U+FEFF) are reported too: they make text display
/// in another order than it is stored, or hide a difference. Object keys are not
/// checked (unknown keys are schema errors anyway). Positions are filled in
/// from the document's text.
///
/// ```
/// use matrix_privacy_policy::load::{check_text, parse_strict, LoadOptions};
/// let doc = parse_strict(br#"{"title": "ok\n", "items": [{"text": "bell\u0007"}]}"#, &LoadOptions::default())?;
/// let found = check_text(&doc);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].pointer, "/items/0/text");
/// assert_eq!(found[0].position.map(|p| (p.line, p.column)), Some((1, 38)));
/// # Ok::<(), matrix_privacy_policy::load::LoadError>(())
/// ```
#[doc(hidden)] // a stage on its own: for the benchmarks and tests, not part of the API
pub fn check_text(doc: &Document<'_>) -> Vec<Diagnostic> {
    doc.with_positions(doc.text_problems().to_vec())
}

/// The `control-character` diagnostic.
pub(crate) fn control_diagnostic(pointer: String, (i, c): (usize, char)) -> Diagnostic {
    Diagnostic::new(
        Code::ControlCharacter,
        pointer,
        format!(
            "text contains the control character U+{:04X} at character {}",
            u32::from(c),
            i + 1
        ),
    )
}

/// The text check on a tree built from a [`serde_json::Value`] (a parsed
/// [`Document`] is checked while it is parsed).
pub(crate) fn check_tree_text(tree: Ref<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk(tree, Path::Root, &mut out);
    out
}

fn walk(value: Ref<'_>, path: Path<'_>, out: &mut Vec<Diagnostic>) {
    match value.view() {
        View::String(s) => {
            if let Some(found) = control_char(s) {
                out.push(control_diagnostic(path.to_pointer(), found));
            }
        }
        View::Array(items) => {
            for (i, v) in items.enumerate() {
                walk(v, Path::Index(&path, i), out);
            }
        }
        View::Object(members) => {
            for (k, v) in members {
                walk(v, Path::Key(&path, k), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters() {
        assert_eq!(control_char("plain\ttext\nok é ü"), None);
        assert_eq!(control_char("a\rb"), Some((1, '\r')));
        assert_eq!(control_char("ab\u{7f}"), Some((2, '\u{7f}')));
        assert_eq!(control_char("é\u{85}"), Some((1, '\u{85}')));
        assert_eq!(control_char("\u{0}"), Some((0, '\u{0}')));
        assert_eq!(control_char_unescaped("é\u{85}"), Some((1, '\u{85}')));
        assert_eq!(control_char_unescaped("a\u{7f}"), Some((1, '\u{7f}')));
        assert_eq!(control_char_unescaped("£ © nbsp\u{a0}"), None);
        // Bidirectional and zero-width format characters; joiners and marks are text.
        assert_eq!(
            control_char_unescaped("ab\u{202e}cd"),
            Some((2, '\u{202e}'))
        );
        assert_eq!(control_char("a\u{2066}b\u{2069}"), Some((1, '\u{2066}')));
        assert_eq!(control_char("zero\u{200b}width"), Some((4, '\u{200b}')));
        assert_eq!(control_char("\u{feff}x"), Some((0, '\u{feff}')));
        assert_eq!(
            control_char(
                "\u{5e9}\u{200f}\u{5dc} \u{1f469}\u{200d}\u{1f4bb} \u{645}\u{200c}\u{6cc}"
            ),
            None
        );
        for len in [0, 1, 7, 8, 31, 32, 33, 64, 100] {
            let mut text = vec![b'a'; len];
            assert!(!has_del_or_non_ascii(&text), "{len}");
            for i in 0..len {
                for bad in [0x7f, 0x80, 0xc2, 0xff] {
                    text[i] = bad;
                    assert!(has_del_or_non_ascii(&text), "{len} {i} {bad}");
                }
                text[i] = 0x7e;
                assert!(!has_del_or_non_ascii(&text));
                text[i] = b'a';
            }
        }
        let v = serde_json::json!({"a/b": ["ok", {"c": "x\u{1b}"}], "n": 1, "t": "\u{9f}"});
        let got: Vec<String> = check_tree_text(crate::load::tree::Tree::from_value(&v).root())
            .into_iter()
            .map(|d| d.pointer)
            .collect();
        assert_eq!(got, vec!["/a~1b/1/c", "/t"]);
    }
}
