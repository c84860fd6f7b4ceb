//! Escaping hostile text for every output: terminals, GitHub Actions logs
//! (which parse workflow commands on stdout *and* stderr) and Markdown.
//!
//! Any text that comes from a document, an accepted-findings file, a file
//! name or a git revision is hostile. Three guarantees follow from these
//! helpers:
//!
//! - [`visible`]: control characters (line feeds included), bidirectional
//!   and zero-width format characters become visible `\uXXXX` escapes, so
//!   hostile text can neither start a line nor move the cursor, and `##[` is
//!   broken up so the runner's legacy command syntax never matches;
//! - [`output`]: the last line of defence applied to everything the CLI
//!   writes: no ESC byte or other control character (bar line feed and tab),
//!   no `##[`, and — unless the caller wrote workflow commands itself — no
//!   line that starts with `::`. Its escapes are also JSON escapes, so JSON
//!   output stays valid and decodes to the original text;
//! - [`markdown_text`] and [`markdown_message`]: Markdown from which no HTML
//!   tag, link, image, autolink, heading or table break can come out,
//!   whatever the backticks.
//!
//! ```
//! use matrix_privacy_policy::render::escape;
//! assert_eq!(escape::visible("a\nb\u{1b}[2J"), "a\\u000Ab\\u001B[2J");
//! assert_eq!(escape::output("::error::x\nok ##[group]\n", false), "\\::error::x\nok #\\u0023[group]\n");
//! assert_eq!(escape::markdown_text("<img src=x>"), "\\<img src\\=x\\>");
//! assert_eq!(escape::markdown_message("name `a` and ``b"), "name `a` and \\`\\`b");
//! ```

use std::fmt::Write as _;

/// Whether `c` must never reach an output raw: C0/C1 controls and DEL, and
/// the bidirectional, zero-width and other invisible format characters
/// that could disguise text in a terminal or a page.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Text for HTML element content or a quoted attribute value: `& < > " '`
/// become character references, and so do `{` and `}`, so the text is also
/// inert inside a Jinja template (no `{{`, `{%` or `{#`). Other characters
/// are kept: callers drop or replace hidden ones as their format needs.
///
/// ```
/// use matrix_privacy_policy::render::escape;
/// assert_eq!(escape::html("<a href='x'>{{ y }}</a>"), "&lt;a href=&#39;x&#39;&gt;&#123;&#123; y &#125;&#125;&lt;/a&gt;");
/// ```
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            c => out.push(c),
        }
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    // All hidden characters are in the BMP: `\uXXXX` is also a JSON escape.
    let _ = write!(out, "\\u{:04X}", c as u32);
}

/// Hostile text on one visible line: hidden characters (see [`is_hidden`]),
/// line feeds included, become `\uXXXX`, and `##[` becomes `#\u0023[`.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hidden(c) {
            push_escaped(&mut out, c);
        } else if c == '[' && out.ends_with("##") {
            out.pop();
            out.push_str("\\u0023[");
        } else {
            out.push(c);
        }
    }
    out
}

/// [`visible`], and shortened to at most `max` characters (with `…`).
pub fn visible_brief(s: &str, max: usize) -> String {
    let v = visible(s);
    if v.chars().count() <= max {
        return v;
    }
    let mut cut: String = v.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The last line of defence for text written to stdout or stderr.
///
/// Hidden characters other than line feed and tab become `\uXXXX`, `##[`
/// becomes `#\u0023[`, and unless `commands` is true (the caller wrote
/// GitHub workflow commands on purpose, with their data escaped), a line
/// that starts with `::` after white space gets a `\` in front. JSON text
/// stays valid JSON with the same meaning.
pub fn output(text: &str, commands: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        if !commands && body.trim_start().starts_with("::") {
            out.push('\\');
        }
        for c in body.chars() {
            if c == '\t' {
                out.push(c);
            } else if is_hidden(c) {
                push_escaped(&mut out, c);
            } else if c == '[' && out.ends_with("##") {
                out.pop();
                out.push_str("\\u0023[");
            } else {
                out.push(c);
            }
        }
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The data of a workflow command (`::error …::DATA`): `%`, CR and LF
/// escaped as the runner expects, other hidden characters made visible and
/// `##[` broken up.
pub fn workflow_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if is_hidden(c) => push_escaped(&mut out, c),
            '[' if out.ends_with("##") => {
                out.pop();
                out.push_str("\\u0023[");
            }
            c => out.push(c),
        }
    }
    out
}

/// A property of a workflow command (`file=…`, `title=…`): as
/// [`workflow_data`], and `:` and `,` escaped.
pub fn workflow_property(s: &str) -> String {
    workflow_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Plain Markdown text: every ASCII punctuation character is
/// backslash-escaped (CommonMark allows it for all of them), so no emphasis,
/// code span, HTML, link, image, heading or table cell can start; `:` and
/// `@` are escaped too, which stops GitHub's bare-URL and e-mail autolinks;
/// white space and hidden characters collapse to one visible line.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    let line = visible_spaces(s);
    for c in line.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// White space (line breaks included) collapsed to single spaces, then
/// [`visible`].
fn visible_spaces(s: &str) -> String {
    visible(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Text escaped as Markdown outside code spans, with the light escaping that
/// keeps ordinary prose readable: the characters that start HTML, links,
/// emphasis, headings, tables and code, and the `://`, `@` and `www.` of
/// autolinks.
fn markdown_prose(s: &str, out: &mut String) {
    for (i, c) in s.char_indices() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' | '#' | '~' | '!' | '&' | '@' => {
                true
            }
            // `http://`: no scheme survives an escaped colon (`mailto:` and
            // `xmpp:` autolinks need an `@`, escaped above).
            ':' => s[i + 1..].starts_with("//"),
            // `www.example.org`.
            '.' => out.to_ascii_lowercase().ends_with("www"),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A report message in Markdown: the `` `id` `` code spans the tool writes
/// stay code spans, everything else is escaped text.
///
/// The message is split at every backtick; pieces at odd positions are code.
/// Each code piece is written as its own span (it holds no backtick, so it
/// cannot close early), spans with nothing between them are merged, an
/// empty pair and a final unmatched backtick are written as escaped
/// backticks. So the backtick runs of the output pair exactly as written,
/// whatever backticks the document's text holds.
pub fn markdown_message(s: &str) -> String {
    let line = visible_spaces(s);
    let pieces: Vec<&str> = line.split('`').collect();
    let unmatched = pieces.len().is_multiple_of(2); // an odd number of backticks
    let mut out = String::with_capacity(line.len() + 8);
    let mut code = String::new();
    let mut pending = false;
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.iter().enumerate() {
        let is_code = i % 2 == 1 && !(unmatched && i == last);
        if is_code {
            code.push_str(piece);
            pending = true;
            continue;
        }
        if unmatched && i == last && i % 2 == 1 {
            // The text after an unmatched backtick.
            flush_code(&mut code, &mut out, &mut pending);
            out.push_str("\\`");
            markdown_prose(piece, &mut out);
            continue;
        }
        if piece.is_empty() && i != 0 && i != last && !code.is_empty() {
            // Two code pieces with nothing between them: one span.
            continue;
        }
        flush_code(&mut code, &mut out, &mut pending);
        markdown_prose(piece, &mut out);
    }
    flush_code(&mut code, &mut out, &mut pending);
    out
}

fn flush_code(code: &mut String, out: &mut String, pending: &mut bool) {
    if *pending {
        if code.is_empty() {
            // An empty pair of backticks: shown as written.
            out.push_str("\\`\\`");
        } else {
            out.push_str(&code_span(code));
        }
    }
    code.clear();
    *pending = false;
}

/// `s` as one Markdown code span, whatever it holds: the fence is one
/// backtick longer than the longest run inside, padded with spaces when the
/// text starts or ends with a backtick; line breaks and hidden characters
/// are made visible first.
pub fn code_span(s: &str) -> String {
    let text = visible_spaces(s);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_quotes_hidden_characters() {
        assert_eq!(visible("a\r\nb"), "a\\u000D\\u000Ab");
        assert_eq!(visible("x\u{202e}y\u{200b}"), "x\\u202Ey\\u200B");
        assert_eq!(visible("###["), "##\\u0023[");
        assert_eq!(visible("##[add-mask]"), "#\\u0023[add-mask]");
        assert!(!visible("\u{9b}31m").contains('\u{9b}'));
    }

    #[test]
    fn output_neutralises_commands_and_keeps_json() {
        let s = "  ::add-mask::x\n::error::y\nfine :: not at start\n";
        assert_eq!(
            output(s, false),
            "\\  ::add-mask::x\n\\::error::y\nfine :: not at start\n"
        );
        assert_eq!(output("::notice::ok\n", true), "::notice::ok\n");
        let json = serde_json::to_string("a\u{1b}b ##[x] \u{202e}").unwrap_or_default();
        let safe = output(&json, false);
        assert!(!safe.contains('\u{1b}') && !safe.contains("##[") && !safe.contains('\u{202e}'));
        let back: String = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, "a\u{1b}b ##[x] \u{202e}");
        assert_eq!(output("a\u{7}\tb\u{1b}", false), "a\\u0007\tb\\u001B");
    }

    #[test]
    fn workflow_escapes() {
        assert_eq!(workflow_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(workflow_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(workflow_data("##[set-output]"), "#\\u0023[set-output]");
        assert_eq!(workflow_data("\u{1b}]8;;x\u{7}"), "\\u001B]8;;x\\u0007");
    }

    #[test]
    fn markdown_message_pairs_backticks_safely() {
        assert_eq!(markdown_message("a_b `c_d` *x*"), "a\\_b `c_d` \\*x\\*");
        assert_eq!(markdown_message("unclosed `code"), "unclosed \\`code");
        // Adjacent spans merge instead of forming a double-backtick run.
        assert_eq!(markdown_message("`a``b` c"), "`ab` c");
        // A code piece cannot hold a backtick, so it cannot close early.
        let hostile = "x ``` `<img src=x onerror=alert(1)>` ` [a](http://e) <a href=x>";
        let md = markdown_message(hostile);
        assert!(md.contains("\\<img src=x onerror=alert(1)\\>"), "{md}");
        assert!(md.contains("\\[a\\]"));
        assert!(md.contains("\\<a href=x\\>"));
        assert_eq!(
            markdown_message("see www.example.org"),
            "see www\\.example.org"
        );
        assert_eq!(markdown_message("https://e.org"), "https\\://e.org");
        assert_eq!(markdown_message("a\n# b | c"), "a \\# b \\| c");
    }

    #[test]
    fn markdown_text_escapes_all_punctuation() {
        assert_eq!(markdown_text("`a` <b>"), "\\`a\\` \\<b\\>");
        assert_eq!(markdown_text("x\n\n---"), "x \\-\\-\\-");
    }

    #[test]
    fn code_spans() {
        assert_eq!(code_span("a"), "`a`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
        assert_eq!(code_span("a\nb"), "`a b`");
    }
}
