//! The command-line interface: a thin layer over the library.

mod diff;
mod input;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// What a command's verdict was, as an exit code (SPEC §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: passed.
    Passed,
    /// 1: the verdict is negative (invalid document, check failed).
    Failed,
    /// 2: could not run (usage, I/O, git, an input that is not a policy).
    CouldNotRun,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        match e {
            Exit::Passed => ExitCode::SUCCESS,
            Exit::Failed => ExitCode::from(1),
            Exit::CouldNotRun => ExitCode::from(2),
        }
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// For people.
    #[default]
    Text,
    /// For machines: stable, documented keys.
    Json,
    /// For pull-request comments and changelogs.
    Markdown,
    /// GitHub Actions annotations plus a job summary.
    Github,
}

#[derive(Debug, Parser)]
#[command(
    name = "privacy-policy",
    version,
    about = "Validate, show, diff and check machine-readable privacy policies"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate policy documents (no FILE: the embedded canonical Matrix.org policy).
    Validate(ValidateArgs),
    /// Print the JSON Schema of a policy document.
    Schema,
    /// Show a readable summary of a policy (no FILE: the embedded canonical policy).
    Show(ShowArgs),
    /// List every change between two policies, with its rule and bump. Never fails on findings.
    Diff(diff::DiffArgs),
    /// The release gate: is the declared version bump enough for the changes?
    Check(diff::CheckArgs),
    /// List the diff rule catalog.
    Rules(diff::RulesArgs),
    /// Explain one diff rule.
    Explain(diff::ExplainArgs),
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// Documents to validate: paths, `-` for stdin, or REV:PATH from git.
    files: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, Args)]
struct ShowArgs {
    /// The document: a path, `-` for stdin, or REV:PATH from git.
    file: Option<String>,
    /// `text` for a summary, `json` for the document itself.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Runs the CLI.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => Exit::CouldNotRun.into(),
            };
        }
    };
    let exit = match cli.command {
        Command::Validate(a) => validate(&a),
        Command::Schema => {
            print!("{}", matrix_privacy_policy::schema::SCHEMA_JSON);
            Exit::Passed
        }
        Command::Show(a) => show(&a),
        Command::Diff(a) => diff::diff(&a),
        Command::Check(a) => diff::check(&a),
        Command::Rules(a) => diff::rules(&a),
        Command::Explain(a) => diff::explain(&a),
    };
    exit.into()
}

fn validate(_args: &ValidateArgs) -> Exit {
    eprintln!("validate: not implemented yet");
    Exit::CouldNotRun
}

fn show(_args: &ShowArgs) -> Exit {
    eprintln!("show: not implemented yet");
    Exit::CouldNotRun
}
