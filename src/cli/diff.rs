//! `diff`, `check`, `rules` and `explain`: thin wrappers over
//! [`matrix_privacy_policy::diff`](mod@matrix_privacy_policy::diff) and its renderers.

use clap::Args;
use matrix_privacy_policy::Policy;
use matrix_privacy_policy::diff::{self, Accepted, Report, rules};
use matrix_privacy_policy::render::{catalog, diff as render};

use super::input::{self, Input};
use super::{Exit, Format, append_step_summary};

/// Arguments of `privacy-policy diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old document: a path, `-` for stdin, or REV:PATH from git.
    pub old: String,
    /// The new document: a path, `-` for stdin, or REV:PATH from git.
    pub new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Arguments of `privacy-policy check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The old document: a path, `-` for stdin, or REV:PATH from git.
    pub old: String,
    /// The new document: a path, `-` for stdin, or REV:PATH from git.
    pub new: String,
    /// A file of accepted findings (rule, pointer, reason): a path, `-` or REV:PATH.
    #[arg(long)]
    pub accept: Option<String>,
    /// The Markdown texts of OLD and NEW (paths or REV:PATH): the new text
    /// must be fully cited by NEW, and a text section that changed while no
    /// statement citing it did is a finding.
    #[arg(long, num_args = 2, value_names = ["OLD_TEXT", "NEW_TEXT"])]
    pub text: Option<Vec<String>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Arguments of `privacy-policy rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Arguments of `privacy-policy explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, such as `recipient-added`.
    pub rule: String,
}

/// A loaded input: its name, its text (for line numbers) and the policy.
struct Loaded {
    input: Input,
    policy: Policy,
}

impl Loaded {
    /// The path to name in GitHub annotations: the file, or PATH of REV:PATH;
    /// none for stdin.
    fn annotation_file(&self, spec: &str) -> Option<String> {
        if spec == "-" {
            return None;
        }
        if self.input.from_git {
            return spec.split_once(':').map(|(_, p)| p.to_owned());
        }
        Some(spec.to_owned())
    }
}

/// Reads and loads one input; on failure prints why and says exit 2.
fn load(spec: &str) -> Result<Loaded, Exit> {
    let input = input::read(spec).map_err(|e| {
        eprintln!("privacy-policy: {e}");
        Exit::CouldNotRun
    })?;
    match matrix_privacy_policy::load::load(&input.bytes) {
        Ok(policy) => Ok(Loaded { input, policy }),
        Err(e) => {
            eprintln!(
                "privacy-policy: {}: not a valid policy document:",
                input.name
            );
            for d in e.diagnostics() {
                eprintln!("{}: {d}", input.name);
            }
            Err(Exit::CouldNotRun)
        }
    }
}

/// A hint on stderr when OLD's version is newer than NEW's: the arguments
/// are most likely swapped. The verdict and exit status are unchanged.
fn hint_if_swapped(command: &str, old: &Loaded, new: &Loaded) {
    let (old_version, new_version) = (&old.policy.version, &new.policy.version);
    if old_version.cmp_precedence(new_version) == std::cmp::Ordering::Greater {
        eprintln!(
            "privacy-policy: hint: OLD ({}, version {old_version}) is newer than NEW ({}, version {new_version}): the arguments look swapped; the order is `privacy-policy {command} OLD NEW`",
            old.input.name, new.input.name
        );
    }
}

fn no_double_stdin(specs: &[&str]) -> Result<(), Exit> {
    if specs.iter().filter(|s| **s == "-").count() > 1 {
        eprintln!("privacy-policy: only one input can be `-` (standard input)");
        return Err(Exit::CouldNotRun);
    }
    Ok(())
}

use super::out;
use super::output::{out_commands, out_markdown};

fn print_report(report: &Report, mode: render::Mode, format: Format, new: &Loaded, spec: &str) {
    let file = new.annotation_file(spec);
    let text = std::str::from_utf8(&new.input.bytes).ok();
    print_pair(report, mode, format, file.as_deref(), text);
}

/// Prints a report in `format`; `file` and `text` (the new document's name
/// and JSON text) locate GitHub annotations.
pub(super) fn print_pair(
    report: &Report,
    mode: render::Mode,
    format: Format,
    file: Option<&str>,
    text: Option<&str>,
) {
    match format {
        Format::Text => out(&render::text(report, mode)),
        Format::Json => out(&render::json(report, mode)),
        Format::Markdown => out_markdown(&format!("{}\n", render::markdown(report, mode))),
        Format::Github => {
            out_commands(&render::github_located(report, mode, file, text));
            let mut summary = render::markdown(report, mode);
            summary.push('\n');
            append_step_summary(&summary);
        }
    }
}

/// `privacy-policy diff OLD NEW`: exit 0 whenever it ran.
pub fn diff(a: &DiffArgs) -> Exit {
    let run = || -> Result<Exit, Exit> {
        no_double_stdin(&[&a.old, &a.new])?;
        let old = load(&a.old)?;
        let new = load(&a.new)?;
        hint_if_swapped("diff", &old, &new);
        let report = diff::check(diff::diff(&old.policy, &new.policy), &Accepted::default());
        print_report(&report, render::Mode::Diff, a.format, &new, &a.new);
        Ok(Exit::Passed)
    };
    run().unwrap_or_else(|e| e)
}

/// `privacy-policy check OLD NEW [--accept FILE]`: exit 0 passed, 1 failed.
pub fn check(a: &CheckArgs) -> Exit {
    let run = || -> Result<Exit, Exit> {
        let mut specs = vec![a.old.as_str(), a.new.as_str()];
        if let Some(acc) = &a.accept {
            specs.push(acc);
        }
        no_double_stdin(&specs)?;
        let accepted = match &a.accept {
            None => Accepted::default(),
            Some(spec) => {
                let inp = input::read(spec).map_err(|e| {
                    eprintln!("privacy-policy: {e}");
                    Exit::CouldNotRun
                })?;
                Accepted::from_slice(&inp.bytes).map_err(|e| {
                    eprintln!("privacy-policy: {}: {e}", inp.name);
                    Exit::CouldNotRun
                })?
            }
        };
        let old = load(&a.old)?;
        let new = load(&a.new)?;
        hint_if_swapped("check", &old, &new);
        let mut changes = diff::diff(&old.policy, &new.policy);
        if let Some([old_text, new_text]) = a.text.as_deref() {
            let (old_text, new_text) = (super::text::read(old_text)?, super::text::read(new_text)?);
            changes
                .changes
                .extend(matrix_privacy_policy::text::findings(
                    &old.policy,
                    &new.policy,
                    &old_text.text,
                    &new_text.text,
                    &new_text.name,
                ));
        }
        let report = diff::verdict::check_diff(changes, &old.policy, &new.policy, &accepted);
        print_report(&report, render::Mode::Check, a.format, &new, &a.new);
        Ok(if report.passed {
            Exit::Passed
        } else {
            Exit::Failed
        })
    };
    run().unwrap_or_else(|e| e)
}

/// `privacy-policy rules`: the catalog.
pub fn rules(a: &RulesArgs) -> Exit {
    match a.format {
        Format::Text => out(&catalog::text()),
        Format::Json => out(&catalog::json()),
        Format::Markdown | Format::Github => out(&catalog::markdown_table()),
    }
    Exit::Passed
}

/// `privacy-policy explain RULE`: one rule; exit 2 for an unknown id.
pub fn explain(a: &ExplainArgs) -> Exit {
    match rules::find(a.rule.trim()) {
        Some(rule) => {
            out(&catalog::explain(rule));
            Exit::Passed
        }
        None => {
            let shown: String = a.rule.chars().take(80).collect();
            eprintln!("privacy-policy: `{shown}` is not a rule id");
            let similar = rules::similar(&a.rule);
            if !similar.is_empty() {
                eprintln!("did you mean: {}", similar.join(", "));
            }
            eprintln!("`privacy-policy rules` lists them all.");
            Exit::CouldNotRun
        }
    }
}
