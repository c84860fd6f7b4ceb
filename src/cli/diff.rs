//! `diff`, `check`, `rules` and `explain` (work in progress).

use clap::Args;

use super::{Exit, Format};

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
    /// A file of accepted findings (rule, pointer, reason).
    #[arg(long)]
    pub accept: Option<String>,
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

pub fn diff(_a: &DiffArgs) -> Exit {
    eprintln!("diff: not implemented yet");
    Exit::CouldNotRun
}

pub fn check(_a: &CheckArgs) -> Exit {
    eprintln!("check: not implemented yet");
    Exit::CouldNotRun
}

pub fn rules(_a: &RulesArgs) -> Exit {
    eprintln!("rules: not implemented yet");
    Exit::CouldNotRun
}

pub fn explain(_a: &ExplainArgs) -> Exit {
    eprintln!("explain: not implemented yet");
    Exit::CouldNotRun
}
