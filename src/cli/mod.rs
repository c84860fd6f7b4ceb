//! The command-line interface: a thin layer over the library.

mod diff;
mod input;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use matrix_privacy_policy::Policy;

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

fn validate(args: &ValidateArgs) -> Exit {
    use matrix_privacy_policy::render::validation::{self, FileReport};
    let mut names = Vec::new();
    let mut results = Vec::new();
    if args.files.is_empty() {
        names.push("embedded canonical policy (data/matrix.org/3.1.0.json)".to_owned());
        results.push(matrix_privacy_policy::load::load_str(
            Policy::canonical_json(),
        ));
    }
    for spec in &args.files {
        match input::read(spec) {
            Ok(inp) => {
                results.push(matrix_privacy_policy::load::load(&inp.bytes));
                names.push(inp.name);
            }
            Err(e) => {
                eprintln!("privacy-policy: {e}");
                return Exit::CouldNotRun;
            }
        }
    }
    let reports: Vec<FileReport<'_>> = names
        .iter()
        .zip(&results)
        .map(|(name, result)| FileReport { name, result })
        .collect();
    let out = match args.format {
        Format::Text => validation::text(&reports),
        Format::Json => validation::json(&reports),
        Format::Markdown => validation::markdown(&reports),
        Format::Github => {
            let md = validation::markdown(&reports);
            append_step_summary(&md);
            validation::github(&reports)
        }
    };
    print!("{out}");
    if results.iter().all(Result::is_ok) {
        Exit::Passed
    } else {
        Exit::Failed
    }
}

/// Appends `markdown` to the file named by `$GITHUB_STEP_SUMMARY`, when set.
pub fn append_step_summary(markdown: &str) {
    use std::io::Write;
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(markdown.as_bytes()));
    if let Err(e) = written {
        eprintln!("privacy-policy: could not write the job summary: {e}");
    }
}

fn show(args: &ShowArgs) -> Exit {
    let policy = match &args.file {
        None => Policy::canonical().clone(),
        Some(spec) => {
            let inp = match input::read(spec) {
                Ok(inp) => inp,
                Err(e) => {
                    eprintln!("privacy-policy: {e}");
                    return Exit::CouldNotRun;
                }
            };
            match matrix_privacy_policy::load::load(&inp.bytes) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("{}: not a valid policy:", inp.name);
                    for d in e.diagnostics() {
                        eprintln!("{}: {d}", inp.name);
                    }
                    return Exit::Failed;
                }
            }
        }
    };
    match args.format {
        Format::Text => print!("{}", matrix_privacy_policy::render::summary(&policy)),
        Format::Json => println!("{}", policy.to_json_pretty()),
        Format::Markdown | Format::Github => {
            eprintln!("privacy-policy: `show` supports --format text or json");
            return Exit::CouldNotRun;
        }
    }
    Exit::Passed
}
