//! Reports of `validate`: one entry per document, in four formats.

use std::fmt::Write;

use serde_json::json;

use crate::Policy;
pub use crate::diff::render::{escape_data, escape_property};
use crate::load::{Diagnostic, LoadError};

/// The outcome of validating one document.
#[derive(Debug)]
pub struct FileReport<'a> {
    /// The document's name as the user gave it.
    pub name: &'a str,
    /// The loaded policy, or why it is not valid.
    pub result: &'a Result<Policy, LoadError>,
}

impl FileReport<'_> {
    fn diagnostics(&self) -> Vec<Diagnostic> {
        match self.result {
            Ok(_) => Vec::new(),
            Err(e) => e.diagnostics(),
        }
    }
}

fn counts(p: &Policy) -> String {
    format!(
        "{} data categories, {} purposes, {} recipients, {} retention rules, {} rights, {} security measures",
        p.data_categories.len(),
        p.purposes.len(),
        p.recipients.len(),
        p.retention.len(),
        p.rights.len(),
        p.security_measures.len()
    )
}

fn location(name: &str, d: &Diagnostic) -> String {
    match d.position {
        Some(p) => format!("{name}:{}:{}", p.line, p.column),
        None => name.to_owned(),
    }
}

/// Text for people: `FILE:LINE:COL: POINTER: message [code]` per problem, and
/// a verdict line per document.
pub fn text(reports: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for r in reports {
        match r.result {
            Ok(p) => {
                let _ = writeln!(
                    out,
                    "{}: valid — {} {} ({})",
                    r.name,
                    brief(&p.title),
                    p.version,
                    counts(p)
                );
            }
            Err(_) => {
                let ds = r.diagnostics();
                for d in &ds {
                    let pointer = if d.pointer.is_empty() {
                        "(root)"
                    } else {
                        &brief(&d.pointer)
                    };
                    let _ = writeln!(
                        out,
                        "{}: {pointer}: {} [{}]",
                        location(r.name, d),
                        d.message,
                        d.code
                    );
                }
                let _ = writeln!(
                    out,
                    "{}: invalid — {} problem{}",
                    r.name,
                    ds.len(),
                    if ds.len() == 1 { "" } else { "s" }
                );
            }
        }
    }
    out
}

/// JSON for machines:
/// `{"passed": bool, "documents": [{"file", "valid", "version"?, "diagnostics": [{"kind", "code", "pointer", "line"?, "column"?, "message"}]}]}`.
pub fn json(reports: &[FileReport<'_>]) -> String {
    let documents: Vec<_> = reports
        .iter()
        .map(|r| {
            let diagnostics: Vec<_> = r
                .diagnostics()
                .iter()
                .map(|d| {
                    let mut o = json!({
                        "kind": d.kind.as_str(),
                        "code": d.code,
                        "pointer": brief(&d.pointer),
                        "message": d.message,
                    });
                    if let Some(p) = d.position {
                        o["line"] = p.line.into();
                        o["column"] = p.column.into();
                    }
                    o
                })
                .collect();
            let mut o =
                json!({ "file": r.name, "valid": r.result.is_ok(), "diagnostics": diagnostics });
            if let Ok(p) = r.result {
                o["version"] = p.version.to_string().into();
            }
            o
        })
        .collect();
    let passed = reports.iter().all(|r| r.result.is_ok());
    let mut s = serde_json::to_string_pretty(&json!({ "passed": passed, "documents": documents }))
        .unwrap_or_default();
    s.push('\n');
    s
}

/// Markdown for pull-request comments: a table per invalid document.
pub fn markdown(reports: &[FileReport<'_>]) -> String {
    let mut out = String::from("## Privacy policy validation\n\n");
    for r in reports {
        match r.result {
            Ok(p) => {
                let _ = writeln!(
                    out,
                    "- ✅ {}: valid, {} {}",
                    md_cell(&brief(r.name)),
                    md_cell(&brief(&p.title)),
                    p.version
                );
            }
            Err(_) => {
                let ds = r.diagnostics();
                let _ = writeln!(
                    out,
                    "- ❌ {}: {} problem(s)\n",
                    md_cell(&brief(r.name)),
                    ds.len()
                );
                out.push_str("  | where | pointer | problem | code |\n  |---|---|---|---|\n");
                for d in &ds {
                    let at = d.position.map(|p| p.to_string()).unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "  | {at} | `{}` | {} | `{}` |",
                        code_cell(&brief(&d.pointer)),
                        md_cell(&d.message),
                        d.code
                    );
                }
                out.push('\n');
            }
        }
    }
    out
}

/// GitHub Actions workflow commands: one `::error` annotation per problem.
pub fn github(reports: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for r in reports {
        for d in r.diagnostics() {
            let mut props = format!("file={}", escape_property(r.name));
            if let Some(p) = d.position {
                let _ = write!(props, ",line={},col={}", p.line, p.column);
            }
            let _ = write!(
                props,
                ",title={}",
                escape_property(&format!("privacy-policy {}", d.code))
            );
            let pointer = if d.pointer.is_empty() {
                "(root)"
            } else {
                &brief(&d.pointer)
            };
            let _ = writeln!(
                out,
                "::error {props}::{}",
                escape_data(&format!("{pointer}: {}", d.message))
            );
        }
        if let Ok(p) = r.result {
            let _ = writeln!(
                out,
                "::notice file={}::{}",
                escape_property(r.name),
                escape_data(&format!("valid: {} {}", brief(&p.title), p.version))
            );
        }
    }
    out
}

/// The longest title, file name or pointer a report prints, in bytes; longer
/// ones are cut with `…` so a huge value never makes a huge report.
pub const MAX_SHOWN: usize = 200;

/// `s`, cut to at most [`MAX_SHOWN`] bytes on a character boundary.
fn brief(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_SHOWN {
        return s.into();
    }
    let mut end = MAX_SHOWN;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end]).into()
}

/// Text for a code span in a table cell: no backticks, escaped pipes.
fn code_cell(s: &str) -> String {
    s.replace('`', "'")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// Escapes Markdown so document text cannot add links, images, HTML or
/// table cells to a pull-request comment.
fn md_cell(s: &str) -> String {
    // Every ASCII punctuation escaped: no link, autolink, HTML or cell break.
    crate::render::escape::markdown_text(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn reports_every_problem() {
        let result = crate::load::load_str("{\"version\": 1}");
        let reports = [FileReport {
            name: "x.json",
            result: &result,
        }];
        let t = text(&reports);
        assert!(t.contains("x.json:1:13: /version:"), "{t}");
        assert!(t.ends_with("problems\n"), "{t}");
        let j: serde_json::Value = serde_json::from_str(&json(&reports)).unwrap();
        assert_eq!(j["passed"], false);
        assert!(github(&reports).contains("::error file=x.json,line=1,col=13,"));
        assert!(markdown(&reports).contains("| 1:13 | `/version` |"));
    }
}
