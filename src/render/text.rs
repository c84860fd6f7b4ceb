//! The text helpers every report shares: truncation, one-line text,
//! Markdown escaping and GitHub workflow commands.
//!
//! Document text, file names, pointers and accepted-findings reasons are
//! hostile: everything a report prints from them goes through one of these.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `s` cut after `max` characters, with `…` when cut.
#[cfg_attr(not(feature = "validate"), allow(dead_code))] // used by the loader and validation reports
pub(crate) fn truncate_chars(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((i, _)) => Cow::Owned(format!("{}…", s.get(..i).unwrap_or_default())),
    }
}

/// `s` cut to at most `max` bytes on a character boundary, with `…` when cut.
#[cfg_attr(not(feature = "validate"), allow(dead_code))] // used by the loader and validation reports
pub(crate) fn truncate_bytes(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", s.get(..end).unwrap_or_default()))
}

/// `s` on one visible line: runs of white space (line breaks included)
/// become one space, hidden characters are escaped.
pub(crate) fn one_line(s: &str) -> String {
    super::escape::visible(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `n` with the singular or plural noun.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Escapes Markdown outside the code spans our own messages use, and closes
/// an unclosed code span, so that text cannot add emphasis, links, HTML or
/// table cells.
pub(crate) fn markdown_inline(s: &str) -> String {
    // Backtick runs pair as CommonMark pairs them, whatever the text holds.
    super::escape::markdown_message(s)
}

/// Escapes every Markdown character in document text for a table cell or
/// list item, and puts it on one line, so that it cannot add links, images,
/// HTML or table cells to a pull-request comment.
#[cfg_attr(not(feature = "validate"), allow(dead_code))] // used by the loader and validation reports
pub(crate) fn markdown_text(s: &str) -> String {
    super::escape::markdown_text(s)
}

/// Text for a code span in a table cell: no backticks, escaped pipes, one line.
#[cfg_attr(not(feature = "validate"), allow(dead_code))] // used by the loader and validation reports
pub(crate) fn markdown_code_cell(s: &str) -> String {
    s.replace('`', "'")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// Our own catalog text in a Markdown table cell: pipes escaped, one line.
pub(crate) fn markdown_trusted_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Escapes the message of a GitHub workflow command (`%`, CR, LF), so that
/// text cannot end the command or start another one on a new line.
pub(crate) fn escape_data(s: &str) -> String {
    super::escape::workflow_data(s)
}

/// Escapes a property of a GitHub workflow command (`%`, CR, LF, `:` and `,`).
pub(crate) fn escape_property(s: &str) -> String {
    super::escape::workflow_property(s)
}

/// Appends one GitHub workflow annotation line:
/// `::LEVEL PROP=VALUE,…::MESSAGE`, properties and message escaped.
/// `properties` are `(name, value)` pairs in order.
pub(crate) fn annotation(
    out: &mut String,
    level: &str,
    properties: &[(&str, &str)],
    message: &str,
) {
    let props: Vec<String> = properties
        .iter()
        .map(|(name, value)| format!("{name}={}", escape_property(value)))
        .collect();
    let _ = writeln!(
        out,
        "::{level} {}::{}",
        props.join(","),
        escape_data(message)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(markdown_inline("a_b `c_d` *x*"), "a\\_b `c_d` \\*x\\*");
        assert_eq!(markdown_inline("unclosed `code"), "unclosed \\`code");
        let mut out = String::new();
        annotation(
            &mut out,
            "error",
            &[("file", "a,b"), ("line", "3")],
            "x\n::y",
        );
        assert_eq!(out, "::error file=a%2Cb,line=3::x%0A::y\n");
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate_chars("abcdef", 3), "abc…");
        assert_eq!(truncate_chars("abc", 3), "abc");
        assert_eq!(truncate_bytes("ééé", 3), "é…");
        assert_eq!(truncate_bytes("abc", 3), "abc");
        assert_eq!(one_line(" a \n b\t c "), "a b c");
    }
}
