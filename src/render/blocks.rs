//! A small document model (headings, paragraphs, lists of inline runs) with
//! three backends: wrapped plain text, Markdown and HTML. The views and the
//! policy page are built once as blocks, so every format says the same.
//!
//! All document text is treated as hostile: the text backend replaces
//! control characters and neutralises GitHub workflow commands at line
//! starts; Markdown escapes its syntax; HTML escapes every character that
//! could open markup. Links only ever point at validated `http(s)` URLs,
//! `mailto:` addresses and in-page anchors made of safe characters.

use std::fmt::Write;

use super::escape::{self, is_hidden};

/// A run of inline content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasised label text.
    Strong(String),
    /// A link to an anchor in the same page (`#data-ip_address`).
    Anchor { text: String, anchor: String },
    /// A link to an `http(s)` URL (validated by the model's `Url`).
    Url { text: String, url: String },
    /// An e-mail address.
    Mail(String),
}

/// A block of content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A heading of level 1 to 4, with an optional anchor.
    Heading {
        level: u8,
        anchor: Option<String>,
        text: String,
    },
    /// A paragraph.
    Para(Vec<Inline>),
    /// A bulleted list; each item may carry an anchor.
    List(Vec<Item>),
}

/// One list item.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Item {
    pub anchor: Option<String>,
    pub content: Vec<Inline>,
}

pub(crate) fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

pub(crate) fn strong(s: impl Into<String>) -> Inline {
    Inline::Strong(s.into())
}

pub(crate) fn heading(level: u8, anchor: Option<String>, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        anchor,
        text: text.into(),
    }
}

pub(crate) fn item(content: Vec<Inline>) -> Item {
    Item {
        anchor: None,
        content,
    }
}

/// An anchor made only of `[a-z0-9_-]`, whatever the id holds.
pub(crate) fn anchor(kind: &str, id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{kind}-{safe}")
}

/// Document text on one line: control characters (C0, DEL, C1) and
/// Unicode format characters become U+FFFD, runs of white space one space.
pub(crate) fn clean(s: &str) -> String {
    let replaced: String = s
        .chars()
        .map(|c| {
            if is_hidden(c) && !c.is_whitespace() {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------- text

/// Plain text wrapped at `width` columns (at least 20).
pub(crate) fn to_text(blocks: &[Block], width: usize) -> String {
    let width = width.max(20);
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading { level, text, .. } => {
                if i > 0 {
                    out.push('\n');
                }
                let t = clean(text);
                wrap_into(&mut out, &t, width, "", "");
                if *level == 1 {
                    let len = t.chars().count().min(width);
                    out.push_str(&"=".repeat(len));
                    out.push('\n');
                }
            }
            Block::Para(runs) => {
                if i > 0 && matches!(blocks[i - 1], Block::List(_)) {
                    out.push('\n');
                }
                wrap_into(&mut out, &inline_text(runs), width, "", "");
            }
            Block::List(items) => {
                for it in items {
                    wrap_into(&mut out, &inline_text(&it.content), width, "  - ", "    ");
                }
            }
        }
    }
    escape::output(&out, false)
}

fn inline_text(runs: &[Inline]) -> String {
    let mut s = String::new();
    for run in runs {
        match run {
            Inline::Text(t) | Inline::Strong(t) | Inline::Anchor { text: t, .. } => {
                s.push_str(&clean_keep_edges(t));
            }
            Inline::Url { text, url } => {
                let text = clean_keep_edges(text);
                let url = clean(url);
                if text.trim() == url {
                    s.push_str(&url);
                } else {
                    let _ = write!(s, "{text} <{url}>");
                }
            }
            Inline::Mail(m) => s.push_str(&clean(m)),
        }
    }
    s
}

/// [`clean`], keeping one leading and one trailing space when present, so
/// runs join as written.
fn clean_keep_edges(s: &str) -> String {
    let body = clean(s);
    let lead = if s.starts_with(char::is_whitespace) && !body.is_empty() {
        " "
    } else {
        ""
    };
    let trail = if s.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    if body.is_empty() {
        return if s.is_empty() {
            String::new()
        } else {
            " ".to_owned()
        };
    }
    format!("{lead}{body}{trail}")
}

/// Greedy word wrap with a first-line and a continuation prefix. Words
/// longer than the line are split by characters.
fn wrap_into(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let mut first_line = true;
    let mut line = String::new();
    let mut line_len = 0usize;
    let prefix_len = |first_line: bool| if first_line { first } else { rest }.chars().count();
    let emit = |out: &mut String, line: &mut String, first_line: &mut bool, len: &mut usize| {
        out.push_str(if *first_line { first } else { rest });
        out.push_str(line.trim_end());
        out.push('\n');
        line.clear();
        *len = 0;
        *first_line = false;
    };
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word.to_owned();
        loop {
            let available = width.saturating_sub(prefix_len(first_line)).max(10);
            let wlen = word.chars().count();
            let needed = if line_len == 0 {
                wlen
            } else {
                line_len + 1 + wlen
            };
            if needed <= available {
                if line_len > 0 {
                    line.push(' ');
                }
                line.push_str(&word);
                line_len = needed;
                break;
            }
            if line_len > 0 {
                emit(out, &mut line, &mut first_line, &mut line_len);
                continue;
            }
            // A word longer than a whole line: split it.
            let head: String = word.chars().take(available).collect();
            let tail: String = word.chars().skip(available).collect();
            line.push_str(&head);
            line_len = available;
            emit(out, &mut line, &mut first_line, &mut line_len);
            word = tail;
            if word.is_empty() {
                break;
            }
        }
    }
    if line_len > 0 || first_line {
        emit(out, &mut line, &mut first_line, &mut line_len);
    }
}

// ---------------------------------------------------------------- markdown

/// Escapes Markdown syntax in document text (on one line).
pub(crate) fn md_escape(s: &str) -> String {
    let s = clean_keep_edges(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            // Entities rather than backslashes: safe in every renderer,
            // including those that pass HTML through.
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// [`md_escape`] for text that starts a line: list markers, numbered
/// lists, block quotes and setext underlines are escaped too.
fn md_escape_line_start(s: &str) -> String {
    let e = md_escape(s.trim_start());
    let digits = e.chars().take_while(char::is_ascii_digit).count();
    if e.starts_with(['-', '+', '=', ':']) {
        format!("\\{e}")
    } else if digits > 0 && e[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &e[..digits], &e[digits..])
    } else {
        e
    }
}

/// A URL as a Markdown link destination in angle brackets: the characters
/// that could end it are percent-encoded.
fn md_url(url: &str) -> String {
    percent_encode_unsafe(url)
}

fn percent_encode_unsafe(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '<' | '>' | '"' | '\'' | '\\' | '`' | ' ' | '(' | ')' | '[' | ']' | '{' | '}' | '|' => {
                let _ = write!(out, "%{:02X}", c as u32);
            }
            c if is_hidden(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn inline_md(runs: &[Inline]) -> String {
    let mut s = String::new();
    for (i, run) in runs.iter().enumerate() {
        let esc = |t: &str| {
            if i == 0 {
                md_escape_line_start(t)
            } else {
                md_escape(t)
            }
        };
        match run {
            Inline::Text(t) => s.push_str(&esc(t)),
            Inline::Strong(t) => {
                let body = md_escape(t.trim());
                if body.is_empty() {
                    continue;
                }
                let _ = write!(s, "**{body}**");
                if t.ends_with(char::is_whitespace) {
                    s.push(' ');
                }
            }
            Inline::Anchor { text, anchor } => {
                let _ = write!(s, "[{}](#{})", md_escape(text.trim()), anchor);
            }
            Inline::Url { text, url } => {
                let _ = write!(s, "[{}](<{}>)", md_escape(text.trim()), md_url(url));
            }
            Inline::Mail(m) => {
                let _ = write!(s, "[{}](<mailto:{}>)", md_escape(m.trim()), md_url(m));
            }
        }
    }
    s
}

/// Markdown (CommonMark with inline `<a id>` anchors, as GitHub renders).
pub(crate) fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Heading {
                level,
                anchor,
                text,
            } => {
                if let Some(a) = anchor {
                    let _ = writeln!(out, "<a id=\"{a}\"></a>");
                }
                let hashes = "#".repeat(usize::from((*level).clamp(1, 6)));
                let _ = writeln!(out, "{hashes} {}", md_escape(text.trim()));
            }
            Block::Para(runs) => {
                let _ = writeln!(out, "{}", inline_md(runs));
            }
            Block::List(items) => {
                for it in items {
                    let a = it
                        .anchor
                        .as_ref()
                        .map(|a| format!("<a id=\"{a}\"></a>"))
                        .unwrap_or_default();
                    let _ = writeln!(out, "- {a}{}", inline_md(&it.content));
                }
            }
        }
    }
    escape::output(&out, false)
}

// ---------------------------------------------------------------- html

/// Escapes text for HTML element content and attribute values, after
/// [`clean`]ing it.
pub(crate) fn html_escape(s: &str) -> String {
    escape::html(&clean_keep_edges(s))
}

fn inline_html(runs: &[Inline]) -> String {
    let mut s = String::new();
    for run in runs {
        match run {
            Inline::Text(t) => s.push_str(&html_escape(t)),
            Inline::Strong(t) => {
                let _ = write!(s, "<strong>{}</strong>", html_escape(t.trim_end()));
                if t.ends_with(char::is_whitespace) {
                    s.push(' ');
                }
            }
            Inline::Anchor { text, anchor } => {
                let _ = write!(s, "<a href=\"#{anchor}\">{}</a>", html_escape(text));
            }
            Inline::Url { text, url } => {
                let _ = write!(
                    s,
                    "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                    html_escape(&percent_encode_unsafe(url)),
                    html_escape(text)
                );
            }
            Inline::Mail(m) => {
                let _ = write!(
                    s,
                    "<a href=\"mailto:{}\">{}</a>",
                    html_escape(&percent_encode_unsafe(m)),
                    html_escape(m)
                );
            }
        }
    }
    s
}

/// HTML fragments (no `<html>` or `<body>`), one element per line.
pub(crate) fn to_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading {
                level,
                anchor,
                text,
            } => {
                let level = (*level).clamp(1, 6);
                let id = anchor
                    .as_ref()
                    .map(|a| format!(" id=\"{a}\""))
                    .unwrap_or_default();
                let _ = writeln!(out, "<h{level}{id}>{}</h{level}>", html_escape(text.trim()));
            }
            Block::Para(runs) => {
                let _ = writeln!(out, "<p>{}</p>", inline_html(runs));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for it in items {
                    let id = it
                        .anchor
                        .as_ref()
                        .map(|a| format!(" id=\"{a}\""))
                        .unwrap_or_default();
                    let _ = writeln!(out, "<li{id}>{}</li>", inline_html(&it.content));
                }
                out.push_str("</ul>\n");
            }
        }
    }
    out
}

/// The mark of a value that is our reading of the text, in long views.
pub(crate) const OUR_READING: &str = " (our reading of the text)";

/// The mark of such a value in compact views, explained by [`READING_NOTE`].
pub(crate) const READING_MARK: &str = "*";

/// The note that explains [`READING_MARK`].
pub(crate) const READING_NOTE: &str = "* our reading of the text";

/// A purpose's legal bases for a reader, with their articles or not:
/// whether the text states them, and whether they are our reading of it.
/// `reading` marks bases that are our reading of the text rather than its words.
pub(crate) fn legal_bases_in_words(pu: &crate::Purpose, articles: bool, reading: &str) -> String {
    if !pu.personal_data {
        return "none needed (no personal data is processed)".to_owned();
    }
    if pu.legal_bases.is_empty() {
        return "not stated in the policy".to_owned();
    }
    let v: Vec<String> = pu
        .legal_bases
        .iter()
        .map(|b| {
            if articles {
                format!("{} ({})", b.label(), b.article())
            } else {
                b.label().to_owned()
            }
        })
        .collect();
    let mut out = super::views::join_and(&v);
    if pu.inferred.contains(&crate::PurposeField::LegalBases) {
        out.push_str(reading);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_with_hanging_indent() {
        let blocks = vec![Block::List(vec![item(vec![text(
            "one two three four five six seven eight nine ten",
        )])])];
        let out = to_text(&blocks, 20);
        assert_eq!(
            out,
            "  - one two three\n    four five six\n    seven eight nine\n    ten\n"
        );
        for line in out.lines() {
            assert!(line.chars().count() <= 20, "{line:?}");
        }
    }

    #[test]
    fn long_words_are_split() {
        let out = to_text(&[Block::Para(vec![text("x".repeat(50))])], 20);
        assert!(out.lines().all(|l| l.chars().count() <= 20), "{out}");
        assert_eq!(out.chars().filter(|c| *c == 'x').count(), 50);
    }

    #[test]
    fn text_output_is_inert() {
        let hostile = "::error::pwned\n##[group]x \u{1b}[31mred\u{202e} \u{9b}";
        let out = to_text(
            &[heading(1, None, hostile), Block::Para(vec![text(hostile)])],
            200,
        );
        assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}') && !out.contains('\u{9b}'));
        for line in out.lines() {
            let t = line.trim_start();
            assert!(!t.starts_with("::") && !t.starts_with("##["), "{line:?}");
        }
    }

    #[test]
    fn markdown_and_html_escape_everything() {
        let hostile = "<script>alert(1)</script> *x* [a](javascript:x) | # `c` &amp;";
        let blocks = vec![
            heading(2, Some(anchor("data", "a\"b")), hostile),
            Block::Para(vec![text("- 1. "), text(hostile)]),
            Block::List(vec![item(vec![Inline::Url {
                text: hostile.into(),
                url: "https://e.com/a)<b>\"".into(),
            }])]),
        ];
        let html = to_html(&blocks);
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("id=\"data-a-b\""));
        assert!(
            html.contains("href=\"https://e.com/a%29%3Cb%3E%22\""),
            "{html}"
        );
        let md = to_markdown(&blocks);
        assert!(!md.contains("<script"), "{md}");
        assert!(md.contains("\\[a\\](javascript:x)"), "{md}");
        assert!(md.contains("\\- 1. "), "{md}");
        assert!(md.contains("(<https://e.com/a%29%3Cb%3E%22>)"), "{md}");
    }

    #[test]
    fn numbered_line_starts_are_escaped() {
        assert_eq!(md_escape_line_start("1. x"), "1\\. x");
        assert_eq!(md_escape_line_start("+ x"), "\\+ x");
        assert_eq!(md_escape_line_start("plain"), "plain");
    }
}
