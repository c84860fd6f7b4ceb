//! `privacy-policy`: validate, show, diff and check privacy policy documents.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
