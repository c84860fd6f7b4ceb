//! `privacy-policy export`: a policy in another vocabulary.

use clap::{Args, ValueEnum};
use matrix_privacy_policy::Policy;
use matrix_privacy_policy::export::jsonld;

use super::{Exit, input};

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A JSON-LD graph in W3C Data Privacy Vocabulary (DPV 2.x) terms.
    Jsonld,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The document: a path, `-` for stdin, or REV:PATH from git (no FILE: the embedded canonical policy).
    file: Option<String>,
    /// The output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
}

/// Loads and validates the document, then writes it in the chosen format.
/// An input that is not a valid policy cannot be exported (exit 2).
pub fn export(args: &ExportArgs) -> Exit {
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
                Ok(policy) => policy,
                Err(e) => {
                    eprintln!(
                        "privacy-policy: {}: not a valid policy ({} problems); run `privacy-policy validate` for the details",
                        inp.name,
                        e.diagnostics().len()
                    );
                    return Exit::CouldNotRun;
                }
            }
        }
    };
    let text = match args.format {
        ExportFormat::Jsonld => jsonld::to_string(&policy),
    };
    // Through the output sink: no control byte reaches the terminal, and a
    // failed write is exit 2 (see `output::finish`).
    super::out(&text);
    Exit::Passed
}
