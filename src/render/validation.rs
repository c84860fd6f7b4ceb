//! Reports of `validate`: one entry per document, in four formats.

use std::fmt::Write;

use serde_json::json;

use super::escape::visible_brief;
use super::text::{annotation, markdown_code_cell, markdown_text, truncate_bytes};
use crate::Policy;
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
                    let _ = writeln!(
                        out,
                        "{}: {}: {} [{}]",
                        location(r.name, d),
                        d.pointer_for_people(),
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
/// `{"passed": bool, "documents": [{"file", "valid", "version"?, "diagnostics": [{"kind", "code", "pointer", "entity"?, "line"?, "column"?, "message"}]}]}`
/// (`entity`: the id of the entry the pointer is inside, as in the document).
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
                    if let Some(entity) = &d.entity {
                        o["entity"] = brief(entity).into();
                    }
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
                    markdown_text(&brief(r.name)),
                    markdown_text(&brief(&p.title)),
                    p.version
                );
            }
            Err(_) => {
                let ds = r.diagnostics();
                let _ = writeln!(
                    out,
                    "- ❌ {}: {} problem(s)\n",
                    markdown_text(&brief(r.name)),
                    ds.len()
                );
                out.push_str("  | where | pointer | problem | code |\n  |---|---|---|---|\n");
                for d in &ds {
                    let at = d.position.map(|p| p.to_string()).unwrap_or_default();
                    let entity = d.entity.as_deref().map_or_else(String::new, |e| {
                        format!(" ({})", markdown_text(&visible_brief(e, 60)))
                    });
                    // The root has no pointer to quote (an empty code span is no code span).
                    let pointer = if d.pointer.is_empty() {
                        "(root)".to_owned()
                    } else {
                        format!("`{}`", markdown_code_cell(&brief(&d.pointer)))
                    };
                    let _ = writeln!(
                        out,
                        "  | {at} | {pointer}{entity} | {} | `{}` |",
                        markdown_text(&d.message),
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
            let (line, column) = match d.position {
                Some(p) => (p.line.to_string(), p.column.to_string()),
                None => (String::new(), String::new()),
            };
            let title = format!("privacy-policy {}", d.code);
            let mut properties = vec![("file", r.name)];
            if d.position.is_some() {
                properties.extend([("line", line.as_str()), ("col", column.as_str())]);
            }
            properties.push(("title", &title));
            annotation(
                &mut out,
                "error",
                &properties,
                &format!("{}: {}", d.pointer_for_people(), d.message),
            );
        }
        if let Ok(p) = r.result {
            annotation(
                &mut out,
                "notice",
                &[("file", r.name)],
                &format!("valid: {} {}", brief(&p.title), p.version),
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
    truncate_bytes(s, MAX_SHOWN)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(markdown(&reports).contains("| 1:1 | (root) | missing field"));

        let mut doc: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/minimal.json")).unwrap();
        doc["recipients"][1]["receives"][0] = "ip_adress".into();
        let result = crate::load::load_str(&doc.to_string());
        let reports = [FileReport {
            name: "x.json",
            result: &result,
        }];
        let id = doc["recipients"][1]["id"].as_str().unwrap();
        let pointer = format!("/recipients/1/receives/0 ({id})");
        assert!(text(&reports).contains(&pointer), "{}", text(&reports));
        assert!(github(&reports).contains(&pointer));
        assert!(markdown(&reports).contains(&format!(
            "`/recipients/1/receives/0` ({})",
            markdown_text(id)
        )));
        let j: serde_json::Value = serde_json::from_str(&json(&reports)).unwrap();
        assert_eq!(j["documents"][0]["diagnostics"][0]["entity"], id);
        assert_eq!(
            j["documents"][0]["diagnostics"][0]["pointer"],
            "/recipients/1/receives/0"
        );
    }
}
