//! Rendering the [history report](crate::history) as text, JSON or Markdown.

use std::fmt::Write;

use crate::history::{HistoryReport, HistoryRow};

fn verdict(row: &HistoryRow) -> &'static str {
    if row.passed { "pass" } else { "FAIL" }
}

fn findings(row: &HistoryRow) -> String {
    if row.main_findings.is_empty() {
        return "no changes".to_owned();
    }
    row.main_findings
        .iter()
        .map(|c| {
            if c.count > 1 {
                format!("{} ×{}", c.rule.as_str(), c.count)
            } else {
                c.rule.as_str().to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn pair(row: &HistoryRow) -> String {
    format!("{} → {}", row.old_version, row.new_version)
}

/// A fixed-width table for terminals, with a closing line per failing pair.
pub fn text(report: &HistoryReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<17} {:<10} {:<9} {:<9} {:<8} main findings",
        "pair", "date", "declared", "required", "verdict"
    );
    for row in &report.rows {
        let date = row.date.map(|d| d.to_string()).unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<17} {:<10} {:<9} {:<9} {:<8} {}",
            pair(row),
            date,
            row.declared_bump.as_str(),
            row.required_bump.as_str(),
            verdict(row),
            findings(row)
        );
    }
    let _ = writeln!(
        out,
        "\n{} of {} releases pass the check.",
        report.passed(),
        report.rows.len()
    );
    for row in report.rows.iter().filter(|r| !r.passed) {
        let _ = writeln!(out, "{}: {}", pair(row), row.reasons.join("; "));
    }
    out
}

/// JSON: `{"passed": n, "pairs": n, "rows": [{old_version, new_version, date, declared_bump, required_bump, passed, reasons, changes, main_findings: [{rule, bump, count}]}]}`.
pub fn json(report: &HistoryReport) -> String {
    let value = serde_json::json!({
        "passed": report.passed(),
        "pairs": report.rows.len(),
        "rows": report.rows,
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

/// A Markdown table, for the README and pull requests.
pub fn markdown(report: &HistoryReport) -> String {
    let mut out = String::from(
        "| pair | published | declared | required | verdict | main findings |\n|---|---|---|---|---|---|\n",
    );
    for row in &report.rows {
        let date = row.date.map(|d| d.to_string()).unwrap_or_default();
        let verdict = if row.passed {
            "✅ pass".to_owned()
        } else {
            format!("❌ {}", row.reasons.join("; "))
        };
        let findings = if row.main_findings.is_empty() {
            "no changes".to_owned()
        } else {
            row.main_findings
                .iter()
                .map(|c| {
                    let n = if c.count > 1 {
                        format!(" ×{}", c.count)
                    } else {
                        String::new()
                    };
                    format!("`{}`{n}", c.rule.as_str())
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "| {} | {date} | {} | {} | {verdict} | {findings} |",
            pair(row),
            row.declared_bump.as_str(),
            row.required_bump.as_str()
        );
    }
    let _ = writeln!(
        out,
        "\n{} of {} releases pass the check.",
        report.passed(),
        report.rows.len()
    );
    out
}
