//! `privacy-policy coverage DATA TEXT`, and reading the Markdown texts that
//! `check --text` binds to the data.

use clap::{Args, ValueEnum};
use matrix_privacy_policy::text::{self, Coverage};
use serde_json::json;

use super::{Exit, input, out};
use crate::cli::output::out_commands;

/// Arguments of `privacy-policy coverage`.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// The policy document: a path, `-` for stdin, or REV:PATH from git.
    pub data: String,
    /// Its Markdown text: a path or REV:PATH.
    pub text: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: CoverageFormat,
}

/// The formats `coverage` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CoverageFormat {
    /// For people.
    #[default]
    Text,
    /// For machines.
    Json,
    /// GitHub Actions annotations on the text.
    Github,
}

/// A Markdown text that was read: its name and contents.
pub struct Text {
    /// How the user named it.
    pub name: String,
    /// The text.
    pub text: String,
}

/// Reads a Markdown text (bounded, UTF-8), or says why not (exit 2).
pub fn read(spec: &str) -> Result<Text, Exit> {
    let input = input::read(spec).map_err(|e| {
        eprintln!("privacy-policy: {e}");
        Exit::CouldNotRun
    })?;
    match String::from_utf8(input.bytes) {
        Ok(text) => Ok(Text {
            name: input.name,
            text,
        }),
        Err(e) => {
            eprintln!(
                "privacy-policy: {}: not UTF-8 text (an invalid byte at offset {})",
                input.name,
                e.utf8_error().valid_up_to()
            );
            Err(Exit::CouldNotRun)
        }
    }
}

/// `privacy-policy coverage DATA TEXT`: exit 0 when every section with text
/// is cited and every citation is in the text, 1 otherwise.
pub fn coverage(a: &CoverageArgs) -> Exit {
    let run = || -> Result<Exit, Exit> {
        let data = input::read(&a.data).map_err(|e| {
            eprintln!("privacy-policy: {e}");
            Exit::CouldNotRun
        })?;
        let policy = matrix_privacy_policy::load::load(&data.bytes).map_err(|e| {
            eprintln!(
                "privacy-policy: {}: not a valid policy document ({} problems); run `privacy-policy validate` for the details",
                data.name,
                e.diagnostics().len()
            );
            Exit::CouldNotRun
        })?;
        let text = read(&a.text)?;
        let report = text::coverage(&policy, &text.text);
        match a.format {
            CoverageFormat::Text => out(&as_text(&report, &text.name)),
            CoverageFormat::Json => out(&as_json(&report, &text.name)),
            CoverageFormat::Github => out_commands(&as_github(&report, &text.name)),
        }
        Ok(if report.is_complete() {
            Exit::Passed
        } else {
            Exit::Failed
        })
    };
    run().unwrap_or_else(|e| e)
}

fn as_text(report: &Coverage, name: &str) -> String {
    let mut out = String::new();
    for s in &report.uncited {
        out.push_str(&format!(
            "{name}:{}: section {} is cited by no statement\n",
            s.line,
            s.label()
        ));
    }
    for c in &report.missing {
        out.push_str(&format!(
            "{}: the sections table lists section {}, which {name} does not have\n",
            c.pointer,
            c.label()
        ));
    }
    let with_body = report.sections.iter().filter(|s| s.has_body()).count();
    out.push_str(&format!(
        "{name}: {} — {} sections ({with_body} with text of their own), {} uncited, {} listed but missing\n",
        if report.is_complete() { "covered" } else { "not covered" },
        report.sections.len(),
        report.uncited.len(),
        report.missing.len()
    ));
    out
}

fn as_json(report: &Coverage, name: &str) -> String {
    let value = json!({
        "text": name,
        "complete": report.is_complete(),
        "sections": report.sections.iter().map(|s| json!({
            "number": s.number, "heading": s.heading, "line": s.line, "has_text": s.has_body(),
        })).collect::<Vec<_>>(),
        "uncited": report.uncited.iter().map(|s| json!({
            "number": s.number, "heading": s.heading, "line": s.line,
        })).collect::<Vec<_>>(),
        "missing": report.missing.iter().map(|c| json!({
            "pointer": c.pointer, "number": c.number, "heading": c.heading,
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

fn as_github(report: &Coverage, name: &str) -> String {
    use matrix_privacy_policy::render::escape::{workflow_data, workflow_property};
    let mut out = String::new();
    for s in &report.uncited {
        out.push_str(&format!(
            "::error file={},line={},title={}::{}\n",
            workflow_property(name),
            s.line,
            workflow_property("section cited by no statement"),
            workflow_data(&format!(
                "section {} is cited by no statement of the data",
                s.label()
            ))
        ));
    }
    for c in &report.missing {
        out.push_str(&format!(
            "::error file={},title={}::{}\n",
            workflow_property(name),
            workflow_property("listed section missing from the text"),
            workflow_data(&format!(
                "{} lists section {}, which the text does not have",
                c.pointer,
                c.label()
            ))
        ));
    }
    out.push_str(&format!(
        "::notice title={}::{}\n",
        workflow_property("coverage"),
        workflow_data(&format!(
            "{name}: {} uncited, {} missing",
            report.uncited.len(),
            report.missing.len()
        ))
    ));
    out
}
