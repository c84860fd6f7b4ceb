//! Rendering diff and check reports: text for people, JSON for machines,
//! Markdown for pull-request comments and changelogs, and GitHub workflow
//! annotations.
//!
//! # JSON keys
//!
//! [`json`] prints one object with these keys (stable; new keys may be added,
//! none removed or renamed):
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `mode` | `"diff"` \| `"check"` | which command produced it |
//! | `old_version`, `new_version` | string | the documents' versions |
//! | `declared_bump` | `"none"` \| `"patch"` \| `"minor"` \| `"major"` | the bump the versions declare |
//! | `required_bump` | same | the highest bump among unaccepted changes |
//! | `passed` | bool | the verdict (for `diff`, what `check` without accepted findings would say) |
//! | `summary` | string | the verdict in a sentence |
//! | `next_version` | string \| null | the smallest version that would pass, when the version is the problem |
//! | `failures` | array of `"version_not_increased"`, `"bump_too_small"`, `"history_rewritten"` | why it failed |
//! | `changes[]` | array | every change: `rule`, `bump`, `effect`, `title`, `pointer`, `old_pointer`, `new_pointer` (string or null), `message`, `accepted` (bool), `accepted_reason` (string or null), `failing` (bool: one of the reasons the check fails) |
//! | `stale_accepted[]` | array | accepted-findings entries that matched nothing: `rule`, `pointer`, `reason` |
//!
//! ```
//! use matrix_privacy_policy::diff::{self, Accepted};
//! use matrix_privacy_policy::render::diff as render;
//! # use matrix_privacy_policy::Policy;
//! # let old: Policy = serde_json::from_str(include_str!("../../tests/fixtures/diff/base.json"))?;
//! # let mut new = old.clone();
//! # new.title = "Privacy Policy".into();
//! let report = diff::check(diff::diff(&old, &new), &Accepted::default());
//! let json: serde_json::Value = serde_json::from_str(&render::json(&report, render::Mode::Check))?;
//! assert_eq!(json["changes"][0]["rule"], "title-changed");
//! assert_eq!(json["passed"], false); // the version did not increase
//! assert!(render::text(&report, render::Mode::Check).contains("title-changed"));
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt::Write as _;

use serde::Serialize;

use super::text::{self, markdown_inline, one_line, plural};
use crate::diff::rules::{ChangelogSection, RULES, Rule};
use crate::diff::{Bump, Failure, Finding, Report};

/// Which command a report is rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// `privacy-policy diff`: lists changes; never fails.
    Diff,
    /// `privacy-policy check`: the release gate.
    Check,
}

impl Mode {
    fn as_str(self) -> &'static str {
        match self {
            Mode::Diff => "diff",
            Mode::Check => "check",
        }
    }
}

/// Findings grouped by rule: most severe first, catalog order within a bump.
fn grouped(report: &Report) -> Vec<(&'static Rule, Vec<&Finding>)> {
    let mut groups: Vec<(&'static Rule, Vec<&Finding>)> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; RULES.len()];
    for f in &report.findings {
        let r = f.change.rule as usize;
        match slot.get(r).copied().flatten() {
            Some(g) => groups[g].1.push(f),
            None => {
                if let Some(s) = slot.get_mut(r) {
                    *s = Some(groups.len());
                }
                groups.push((f.change.rule_info(), vec![f]));
            }
        }
    }
    groups.sort_by_key(|(rule, _)| {
        let index = RULES
            .iter()
            .position(|r| r.id == rule.id)
            .unwrap_or(usize::MAX);
        (std::cmp::Reverse(rule.bump), index)
    });
    groups
}

/// The report as text for people, in the manner of `cargo semver-checks`:
/// one block per rule (its bump, title, rationale and reference, then where
/// each finding is), and a closing verdict line.
pub fn text(report: &Report, mode: Mode) -> String {
    let mut out = String::new();
    let verb = match mode {
        Mode::Diff => "Comparing",
        Mode::Check => "Checking",
    };
    let _ = writeln!(
        out,
        "{verb:>12} privacy policy {} -> {} ({} bump declared)",
        report.old_version, report.new_version, report.declared_bump
    );
    let _ = writeln!(
        out,
        "{:>12} {} against {}",
        "Found",
        plural(report.findings.len(), "change", "changes"),
        plural(RULES.len(), "rule", "rules")
    );
    for (rule, findings) in grouped(report) {
        let fails = findings.iter().any(|f| report.is_failing(f));
        let status = match (mode, fails) {
            (Mode::Check, true) => "FAIL ",
            _ => "",
        };
        let _ = writeln!(
            out,
            "\n--- {status}{} {}: {} ---\n",
            rule.bump, rule.id, rule.title
        );
        let _ = writeln!(out, "Why:       {}", rule.rationale);
        let _ = writeln!(
            out,
            "Effect:    {} ({})",
            rule.effect,
            rule.effect.describe()
        );
        let _ = writeln!(out, "Reference: {}", rule.reference);
        let _ = writeln!(out, "Explain:   privacy-policy explain {}", rule.id);
        let _ = writeln!(out, "\nFound in:");
        for f in findings {
            let c = &f.change;
            let _ = writeln!(out, "  {}", crate::render::escape::visible(&c.message));
            let _ = writeln!(out, "      at {}", where_text(f));
            if let Some(reason) = &f.accepted {
                let _ = writeln!(out, "      accepted: {}", one_line(reason));
            }
        }
    }
    for e in &report.stale {
        let _ = writeln!(
            out,
            "\nwarning: accepted finding `{}` at `{}` matches no change (stale; remove it): {}",
            e.rule,
            one_line(&e.pointer),
            one_line(&e.reason)
        );
    }
    let _ = writeln!(out);
    let verdict = match mode {
        Mode::Check if report.passed => "PASS",
        Mode::Check => "FAIL",
        Mode::Diff => "Summary",
    };
    let _ = writeln!(out, "{verdict:>12} {}", report.summary());
    out
}

fn where_text(f: &Finding) -> String {
    let c = &f.change;
    let show = |p: &str| {
        if p.is_empty() {
            "/".to_owned()
        } else {
            p.to_owned()
        }
    };
    match (&c.old_pointer, &c.new_pointer) {
        (Some(o), Some(n)) if o == n => show(n),
        (Some(o), Some(n)) => format!("old {} / new {}", show(o), show(n)),
        (Some(o), None) => format!("old {}", show(o)),
        (None, Some(n)) => format!("new {}", show(n)),
        (None, None) => show(&c.pointer),
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    mode: &'static str,
    old_version: String,
    new_version: String,
    declared_bump: Bump,
    required_bump: Bump,
    passed: bool,
    summary: String,
    next_version: Option<String>,
    failures: Vec<&'static str>,
    changes: Vec<JsonChange<'a>>,
    stale_accepted: &'a [crate::diff::AcceptEntry],
}

#[derive(Serialize)]
struct JsonChange<'a> {
    rule: &'static str,
    bump: Bump,
    effect: crate::diff::Effect,
    title: &'static str,
    pointer: &'a str,
    old_pointer: Option<&'a str>,
    new_pointer: Option<&'a str>,
    message: &'a str,
    accepted: bool,
    accepted_reason: Option<&'a str>,
    failing: bool,
}

/// The report as a JSON value (see the module docs for its keys).
pub fn json_value(report: &Report, mode: Mode) -> serde_json::Value {
    let out = JsonReport {
        mode: mode.as_str(),
        old_version: report.old_version.to_string(),
        new_version: report.new_version.to_string(),
        declared_bump: report.declared_bump,
        required_bump: report.required_bump,
        passed: report.passed,
        summary: report.summary(),
        next_version: report.next_version.as_ref().map(ToString::to_string),
        failures: report
            .failures
            .iter()
            .map(|f| match f {
                Failure::VersionNotIncreased => "version_not_increased",
                Failure::BumpTooSmall => "bump_too_small",
                Failure::HistoryRewritten { .. } => "history_rewritten",
            })
            .collect(),
        changes: report
            .findings
            .iter()
            .map(|f| {
                let rule = f.change.rule_info();
                JsonChange {
                    rule: rule.id,
                    bump: rule.bump,
                    effect: rule.effect,
                    title: rule.title,
                    pointer: &f.change.pointer,
                    old_pointer: f.change.old_pointer.as_deref(),
                    new_pointer: f.change.new_pointer.as_deref(),
                    message: &f.change.message,
                    accepted: f.is_accepted(),
                    accepted_reason: f.accepted.as_deref(),
                    failing: mode == Mode::Check && report.is_failing(f),
                }
            })
            .collect(),
        stale_accepted: &report.stale,
    };
    serde_json::to_value(out).unwrap_or(serde_json::Value::Null)
}

/// The report as pretty-printed JSON with a trailing newline.
pub fn json(report: &Report, mode: Mode) -> String {
    let mut s = serde_json::to_string_pretty(&json_value(report, mode)).unwrap_or_default();
    s.push('\n');
    s
}

fn md_item(out: &mut String, f: &Finding, failing: bool) {
    let rule = f.change.rule_info();
    let flag = if failing { " ⛔" } else { "" };
    let _ = write!(
        out,
        "- **{}**{flag} `{}`: {} <sub>`{}`</sub>",
        rule.bump,
        rule.id,
        markdown_inline(&f.change.message),
        if f.change.pointer.is_empty() {
            "/"
        } else {
            &f.change.pointer
        }
    );
    if let Some(reason) = &f.accepted {
        let _ = write!(out, " — *accepted: {}*", markdown_inline(&one_line(reason)));
    }
    out.push('\n');
}

/// The changes as Keep a Changelog sections (`### Added`, `### Changed`,
/// `### Removed`, `### Security`), for a changelog entry.
pub fn changelog(report: &Report) -> String {
    let mut out = String::new();
    changelog_sections(&mut out, report, |_| false);
    out
}

/// The findings under Keep a Changelog headings, major first within each;
/// `failing` marks the findings that fail a check.
fn changelog_sections(out: &mut String, report: &Report, failing: impl Fn(&Finding) -> bool) {
    for section in ChangelogSection::ALL {
        let mut items: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.change.rule_info().changelog == *section)
            .collect();
        if items.is_empty() {
            continue;
        }
        items.sort_by_key(|f| std::cmp::Reverse(f.change.bump()));
        let _ = writeln!(out, "### {}\n", section.heading());
        for f in items {
            md_item(out, f, failing(f));
        }
        out.push('\n');
    }
}

/// The report as Markdown for a pull-request comment or a job summary: a
/// verdict, counts by bump, then the changes under Keep a Changelog headings.
pub fn markdown(report: &Report, mode: Mode) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Privacy policy {} → {}\n",
        markdown_inline(&report.old_version.to_string()),
        markdown_inline(&report.new_version.to_string())
    );
    let head = match mode {
        Mode::Check if report.passed => "**Check passed**",
        Mode::Check => "**Check failed**",
        Mode::Diff => "**Diff**",
    };
    let _ = writeln!(out, "{head}: {}.\n", markdown_inline(&report.summary()));
    if report.findings.is_empty() {
        out.push_str("No changes.\n");
    } else {
        out.push_str("| bump | changes | accepted |\n|---|---:|---:|\n");
        for bump in [Bump::Major, Bump::Minor, Bump::Patch] {
            let all = report.findings.iter().filter(|f| f.change.bump() == bump);
            let n = all.clone().count();
            if n > 0 {
                let a = all.filter(|f| f.is_accepted()).count();
                let _ = writeln!(out, "| {bump} | {n} | {a} |");
            }
        }
        out.push('\n');
        changelog_sections(&mut out, report, |f| {
            mode == Mode::Check && report.is_failing(f)
        });
    }
    if !report.stale.is_empty() {
        out.push_str("### Stale accepted findings\n\nThese entries of the accepted-findings file match no change; remove them.\n\n");
        for e in &report.stale {
            let _ = writeln!(
                out,
                "- `{}` at {}: {}",
                e.rule,
                crate::render::escape::code_span(&e.pointer),
                markdown_inline(&e.reason)
            );
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// One annotation: on `file` (and its line) when known, with a title.
fn annotation(
    out: &mut String,
    level: &str,
    at: Option<(&str, Option<usize>)>,
    title: &str,
    message: &str,
) {
    let line = at.and_then(|(_, line)| line).map(|l| l.to_string());
    let mut properties = Vec::new();
    if let Some((file, _)) = at {
        properties.push(("file", file));
    }
    if let Some(line) = &line {
        properties.push(("line", line.as_str()));
    }
    properties.push(("title", title));
    text::annotation(out, level, &properties, message);
}

/// The report as GitHub Actions workflow commands: one annotation per
/// finding, then one for the verdict, each on its own line.
///
/// `check`: findings that fail the check and accepted major findings (titled
/// `ACCEPTED …`) are `::error`, other unaccepted major findings `::warning`,
/// the rest `::notice`; stale accepted entries are
/// `::warning`; the verdict is `::error` or `::notice`. `diff`: major findings
/// are `::warning`, the rest `::notice`. `file` names the new document for the
/// annotations (omit it for stdin).
///
/// ```
/// # use matrix_privacy_policy::diff::{self, Accepted};
/// # use matrix_privacy_policy::render::diff as render;
/// # use matrix_privacy_policy::Policy;
/// # let old: Policy = serde_json::from_str(include_str!("../../tests/fixtures/diff/base.json"))?;
/// # let mut new = old.clone();
/// new.title = "50% new: a, b".into();
/// let report = diff::check(diff::diff(&old, &new), &Accepted::default());
/// let out = render::github(&report, render::Mode::Check, Some("data/policy.json"));
/// assert!(out.starts_with("::error file=data/policy.json,title=patch title-changed%3A "));
/// assert!(out.contains("“50%25 new: a, b”"));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn github(report: &Report, mode: Mode, file: Option<&str>) -> String {
    github_located(report, mode, file, None)
}

/// The line where the value at `pointer` starts in `text`.
#[cfg(feature = "validate")]
fn line_of(text: &str, pointer: &str) -> Option<usize> {
    crate::load::locate(text, pointer).map(|p| p.line)
}

/// Without the loader (the `validate` feature), annotations have no line.
#[cfg(not(feature = "validate"))]
fn line_of(_text: &str, _pointer: &str) -> Option<usize> {
    None
}

/// The most findings given a line number (each lookup reads the document once).
const MAX_LOCATED: usize = 200;

/// As [`github`], with `line=` on each annotation when `text`, the new
/// document's JSON text, is given: the line of the change in the new
/// document, or for removals the line of the collection it was removed from.
pub fn github_located(
    report: &Report,
    mode: Mode,
    file: Option<&str>,
    text: Option<&str>,
) -> String {
    let mut out = String::new();
    for (i, f) in report.findings.iter().enumerate() {
        let rule = f.change.rule_info();
        // An accepted major finding stays an error-level line, marked
        // accepted: accepting it must not hide it from reviewers.
        let level = match mode {
            Mode::Check if report.is_failing(f) => "error",
            Mode::Check if f.is_accepted() && rule.bump == Bump::Major => "error",
            _ if !f.is_accepted() && rule.bump == Bump::Major => "warning",
            _ => "notice",
        };
        let line = match text {
            Some(text) if i < MAX_LOCATED => {
                let pointer = match (&f.change.new_pointer, &f.change.old_pointer) {
                    (Some(n), _) => n.clone(),
                    (None, Some(o)) => o
                        .rsplit_once('/')
                        .map(|(parent, _)| parent.to_owned())
                        .unwrap_or_default(),
                    (None, None) => String::new(),
                };
                line_of(text, &pointer)
            }
            _ => None,
        };
        let title = if f.is_accepted() {
            format!("ACCEPTED {} {}: {}", rule.bump, rule.id, rule.title)
        } else {
            format!("{} {}: {}", rule.bump, rule.id, rule.title)
        };
        let mut message = format!("{} (at {})", f.change.message, where_text(f));
        if let Some(reason) = &f.accepted {
            message.push_str(&format!("\naccepted: {reason}"));
        }
        message.push_str(&format!("\n{}", rule.rationale));
        annotation(&mut out, level, file.map(|f| (f, line)), &title, &message);
    }
    for e in &report.stale {
        annotation(
            &mut out,
            "warning",
            None,
            "stale accepted finding",
            &format!(
                "`{}` at `{}` matches no change; remove it: {}",
                e.rule, e.pointer, e.reason
            ),
        );
    }
    let (level, title) = match mode {
        Mode::Check if report.passed => ("notice", "Privacy policy check passed"),
        Mode::Check => ("error", "Privacy policy check failed"),
        Mode::Diff => ("notice", "Privacy policy diff"),
    };
    annotation(
        &mut out,
        level,
        None,
        title,
        &format!(
            "{} -> {}: {}",
            report.old_version,
            report.new_version,
            report.summary()
        ),
    );
    out
}
