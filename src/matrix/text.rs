//! Quoting document text for the formats the exports write. Every byte of
//! a document is hostile: nothing it contains may end a string, start a
//! comment, open a tag or a Jinja expression.

use std::fmt::Write;

use crate::render::escape::{self, is_hidden};

/// At most `max` bytes of `s` (on a character boundary), with `…` when cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    crate::render::text::truncate_bytes(s, max).into_owned()
}

/// Text for HTML element content or a quoted attribute, which is also
/// inert inside a Jinja template: braces become character references, so
/// no `{{`, `{%` or `{#` can appear. Control and bidirectional format
/// characters are dropped.
pub(crate) fn html(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| !is_hidden(*c) || matches!(c, '\n' | '\t'))
        .map(|c| if matches!(c, '\n' | '\t') { ' ' } else { c })
        .collect();
    escape::html(&kept)
}

/// A YAML double-quoted scalar. Everything outside printable ASCII is
/// escaped (`\uXXXX`, `\UXXXXXXXX`), so no character a YAML 1.1 parser
/// treats as a line break (NEL, LS, PS) or disallows can appear raw.
pub(crate) fn yaml_string(s: &str) -> String {
    escaped(s, |c, out| match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        _ => unicode_escape(c, out),
    })
}

/// A TOML basic string, escaped the same way (TOML has the same `\u` and
/// `\U` escapes).
pub(crate) fn toml_string(s: &str) -> String {
    yaml_string(s)
}

/// A TOML key: bare when it is made of `A-Za-z0-9_-`, else quoted.
pub(crate) fn toml_key(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        s.to_owned()
    } else {
        toml_string(s)
    }
}

fn escaped(s: &str, special: impl Fn(char, &mut String)) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' || !(' '..='~').contains(&c) {
            special(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

fn unicode_escape(c: char, out: &mut String) {
    let code = u32::from(c);
    // Writing to a String cannot fail.
    let _ = if code <= 0xFFFF {
        write!(out, "\\u{code:04X}")
    } else {
        write!(out, "\\U{code:08X}")
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_inert_in_jinja() {
        let s = html("{{ evil }}{% raw %}<script>\"'&\u{202E}\u{7}");
        assert_eq!(
            s,
            "&#123;&#123; evil &#125;&#125;&#123;% raw %&#125;&lt;script&gt;&quot;&#39;&amp;"
        );
    }

    #[test]
    fn yaml_and_toml_strings_escape_everything_unusual() {
        assert_eq!(yaml_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(
            yaml_string("x\ny\u{85}z\u{2028}é😀"),
            r#""x\u000Ay\u0085z\u2028\u00E9\U0001F600""#
        );
        assert_eq!(toml_key("privacy_policy"), "privacy_policy");
        assert_eq!(toml_key("terms.v1"), "\"terms.v1\"");
    }

    #[test]
    fn shorten_on_char_boundary() {
        assert_eq!(shorten("ééé", 3), "é…");
        assert_eq!(shorten("abc", 3), "abc");
    }
}
