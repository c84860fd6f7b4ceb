//! The section structure of a policy's Markdown text.
//!
//! A published policy is a Markdown file: optional YAML front matter
//! (`---` … `---`), a title, a short preamble, then headings. This module
//! reads only what the text binding needs: every heading with its number
//! (`2.1.3`, as printed, without a trailing dot), its heading text, its level,
//! its line, and the text of its own body (up to the next heading).
//!
//! Two shapes of the real texts need care:
//! - numbers repeat (two `2.12` sections in the Matrix.org text), so a
//!   section is known by its number *and* heading;
//! - some texts use an unnumbered heading with no body of its own as an
//!   emphasised paragraph (`### **We do not profile users.**`). Such a
//!   heading is content, not structure: it is folded into the body of the
//!   section that contains it.
//!
//! ```
//! use matrix_privacy_policy::text::sections;
//!
//! let text = "---\ntitle: Example\n---\n\n# 1. Introduction\n\n## 1.1 Who we are\n\nWe run a homeserver.\n";
//! let found = sections(text);
//! assert_eq!(found.len(), 2);
//! assert_eq!(found[1].number.as_deref(), Some("1.1"));
//! assert_eq!(found[1].heading, "Who we are");
//! assert_eq!(found[1].body, "We run a homeserver.");
//! assert!(found[1].has_body());
//! assert!(!found[0].has_body()); // a container: its text is in 1.1
//! ```

/// One heading of a Markdown text and the text below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSection {
    /// The number as printed, without a trailing dot (`2.1.3`); `None` for an
    /// unnumbered heading such as "Document History".
    pub number: Option<String>,
    /// The heading text: emphasis markers removed, white space collapsed.
    pub heading: String,
    /// The heading level (1 for `#`, 6 for `######`).
    pub level: u8,
    /// The 1-based line of the heading in the text.
    pub line: usize,
    /// The section's own text up to the next heading, lines trimmed and
    /// blank lines collapsed; headings folded in as paragraphs included.
    pub body: String,
}

impl TextSection {
    /// Whether the section states anything itself (a container whose text is
    /// all in its subsections has no body).
    pub fn has_body(&self) -> bool {
        !self.body.is_empty()
    }

    /// The section as a reader names it: `2.6 How do you handle passwords?`.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.heading),
            None => self.heading.clone(),
        }
    }

    /// Whether this section is the one a citation names: the same number (or
    /// both unnumbered) and the same heading, up to white space, emphasis and
    /// a trailing colon.
    pub fn is_named(&self, number: Option<&str>, heading: &str) -> bool {
        let number = number.map(normalise_number);
        number.as_deref() == self.number.as_deref()
            && heading_key(heading) == heading_key(&self.heading)
    }
}

/// The key two headings are compared by: white space collapsed, emphasis
/// markers and a trailing colon removed. Case is kept: headings are printed
/// text.
pub fn heading_key(heading: &str) -> String {
    let plain = strip_emphasis(heading);
    plain.trim_end_matches(':').trim_end().to_owned()
}

fn normalise_number(n: &str) -> String {
    n.trim().trim_end_matches('.').to_owned()
}

/// Every section of `markdown`, in document order.
///
/// The front matter and the title (a first-level heading before any numbered
/// heading, or the front matter's `title`) are not sections; text before the
/// first heading is not a section either. Headings inside fenced code blocks
/// are text.
pub fn sections(markdown: &str) -> Vec<TextSection> {
    let mut out: Vec<TextSection> = Vec::new();
    let mut body: Vec<String> = Vec::new();
    let mut in_fence: Option<&str> = None;
    let mut seen_heading = false;
    let mut lines = markdown.lines().enumerate().peekable();

    // Front matter: only at the very start.
    if markdown.starts_with("---") {
        let mut closed = false;
        let mut consumed = 0;
        for (i, line) in markdown.lines().enumerate().skip(1) {
            if line.trim_end() == "---" {
                closed = true;
                consumed = i + 1;
                break;
            }
        }
        if closed {
            for _ in 0..consumed {
                lines.next();
            }
        }
    }

    while let Some((index, line)) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(fence) = in_fence {
            if trimmed.starts_with(fence) {
                in_fence = None;
            }
            body.push(line.trim().to_owned());
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = Some(&trimmed[..3]);
            body.push(line.trim().to_owned());
            continue;
        }
        // Setext headings: a text line underlined by === or ---.
        let setext = match lines.peek() {
            Some((_, next)) if !trimmed.is_empty() && line.len() - trimmed.len() < 4 => {
                let next = next.trim();
                if !next.is_empty() && next.chars().all(|c| c == '=') {
                    Some(1)
                } else if next.len() >= 2
                    && next.chars().all(|c| c == '-')
                    && !body_is_list(trimmed)
                {
                    Some(2)
                } else {
                    None
                }
            }
            _ => None,
        };
        let heading = if let Some(level) = setext {
            lines.next();
            Some((level, trimmed.trim().to_owned()))
        } else {
            atx_heading(line)
        };
        let Some((level, text)) = heading else {
            body.push(line.trim().to_owned());
            continue;
        };
        let (number, heading) = split_number(&strip_emphasis(&text));
        flush(&mut out, &mut body);
        if !seen_heading && number.is_none() && level == 1 {
            // The title: not a section, and its preamble is not one either.
            seen_heading = true;
            body.clear();
            out.push(TextSection {
                number: None,
                heading: String::new(),
                level: 0,
                line: index + 1,
                body: String::new(),
            });
            continue;
        }
        seen_heading = true;
        out.push(TextSection {
            number,
            heading,
            level,
            line: index + 1,
            body: String::new(),
        });
    }
    flush(&mut out, &mut body);
    // Drop the title placeholder (level 0) and fold body-less unnumbered
    // headings, which the texts use as emphasised paragraphs.
    let mut result: Vec<TextSection> = Vec::with_capacity(out.len());
    for section in out {
        if section.level == 0 {
            continue;
        }
        if section.number.is_none()
            && !section.has_body()
            && let Some(parent) = result.last_mut()
        {
            if !parent.body.is_empty() {
                parent.body.push('\n');
            }
            parent.body.push_str(&section.heading);
            continue;
        }
        result.push(section);
    }
    result
}

/// A `-` line under a list item is a list, not a setext underline.
fn body_is_list(line: &str) -> bool {
    line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")
}

/// Moves the collected body lines into the last section.
fn flush(out: &mut [TextSection], body: &mut Vec<String>) {
    if let Some(last) = out.last_mut() {
        let mut text = String::new();
        let mut blank = false;
        for line in body.iter() {
            if line.is_empty() {
                blank = !text.is_empty();
                continue;
            }
            if !text.is_empty() {
                text.push(if blank { '\n' } else { ' ' });
                if blank {
                    text.push('\n');
                }
            }
            blank = false;
            text.push_str(line);
        }
        last.body = text;
    }
    body.clear();
}

/// `## 2.1 Heading ##` → `(2, "2.1 Heading")`.
fn atx_heading(line: &str) -> Option<(u8, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let after = &rest[hashes..];
    if !(after.is_empty() || after.starts_with(' ') || after.starts_with('\t')) {
        return None;
    }
    let mut text = after.trim();
    // A closing sequence of #s preceded by a space is not part of the text.
    let without_closing = text.trim_end_matches('#');
    if without_closing.len() < text.len()
        && (without_closing.is_empty() || without_closing.ends_with(' '))
    {
        text = without_closing.trim_end();
    }
    // `hashes` is 1..=6, so the cast is lossless.
    Some((hashes as u8, text.to_owned()))
}

/// `2.1.3. Right to erasure` → (`Some("2.1.3")`, `Right to erasure`).
fn split_number(text: &str) -> (Option<String>, String) {
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(text.len(), |(i, _)| i);
    let candidate = &text[..end];
    let rest = &text[end..];
    let is_number = candidate.starts_with(|c: char| c.is_ascii_digit())
        && !candidate.contains("..")
        && (rest.is_empty() || rest.starts_with(char::is_whitespace));
    if is_number {
        (Some(normalise_number(candidate)), collapse(rest.trim()))
    } else {
        (None, collapse(text))
    }
}

/// Removes Markdown emphasis markers (`*`, `_` runs at word edges) and
/// collapses white space.
fn strip_emphasis(text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            let w = w.trim_matches(|c| c == '*' || c == '_');
            // `****not****` inside a bold run.
            w.replace("**", "")
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "---\ntitle: Example Privacy Policy\nversion: 1.0.0\n---\n\nRead this first.\n\n## 1. Introduction\n\n### 1.1 Who we are\n\nWe run a\nhomeserver.\n\nIn Europe.\n\n### **We never sell data.**\n\n### 1.2 Changes\n\nWe tell you.\n\n```\n# not a heading\n```\n\n## Making a Complaint ##\n\nWrite to the regulator.\n\nDocument History\n----------------\n\n- 1.0.0 created\n";

    #[test]
    fn reads_numbers_headings_levels_and_bodies() {
        let found = sections(TEXT);
        let labels: Vec<String> = found.iter().map(TextSection::label).collect();
        assert_eq!(
            labels,
            [
                "1 Introduction",
                "1.1 Who we are",
                "1.2 Changes",
                "Making a Complaint",
                "Document History"
            ]
        );
        assert_eq!(found[0].level, 2);
        assert!(!found[0].has_body());
        assert_eq!(
            found[1].body,
            "We run a homeserver.\n\nIn Europe.\nWe never sell data."
        );
        assert!(found[2].body.contains("# not a heading"));
        assert_eq!(found[3].heading, "Making a Complaint");
        assert_eq!(found[4].level, 2);
        assert_eq!(found[4].body, "- 1.0.0 created");
        assert_eq!(found[1].line, 10);
    }

    #[test]
    fn the_title_and_preamble_are_not_sections() {
        let found = sections(
            "# Example Homeserver Privacy Notice\n\nPlease read.\n\n# 1. Introduction\n\nHello.\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].number.as_deref(), Some("1"));
    }

    #[test]
    fn citations_match_up_to_emphasis_spacing_and_colon() {
        let found = sections("## 2.2.1 Information you provide to us:\n\nText.\n");
        assert!(found[0].is_named(Some("2.2.1"), "Information you provide to us:"));
        assert!(found[0].is_named(Some("2.2.1."), "Information  you provide to us"));
        assert!(!found[0].is_named(Some("2.2.2"), "Information you provide to us:"));
        assert!(!found[0].is_named(None, "Information you provide to us:"));
    }

    #[test]
    fn numbers_need_a_space_after_them() {
        assert_eq!(split_number("2.1 Heading").0.as_deref(), Some("2.1"));
        assert_eq!(
            split_number("3. Making a Complaint").0.as_deref(),
            Some("3")
        );
        assert_eq!(split_number("2020 in review").0.as_deref(), Some("2020"));
        assert_eq!(split_number("2fa for staff").0, None);
        assert_eq!(split_number("1..2 odd").0, None);
        assert_eq!(split_number("Document History").0, None);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in [
            "",
            "#",
            "####### seven",
            "---",
            "---\n",
            "```\n# x",
            "a\n==",
            "\u{feff}# x",
            "#\t\u{7f}",
        ] {
            let _ = sections(text);
        }
    }
}
