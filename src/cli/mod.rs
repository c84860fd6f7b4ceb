//! The command-line interface: a thin layer over the library.

// First: its `eprintln!` (sanitized, never panics) shadows std's in the modules below.
#[macro_use]
mod output;
mod diff;
mod export;
mod input;
mod matrix;
mod people;
mod releases;
mod text;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use matrix_privacy_policy::Policy;

/// What a command's verdict was, as an exit code: 0 passed, 1 a negative
/// verdict, 2 the command could not run.
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
    /// Show a policy for people: a summary, or all it says about one data category, recipient or right (no FILE: the embedded canonical policy).
    Show(people::ShowArgs),
    /// Render the whole policy as a readable Markdown or HTML page (no FILE: the embedded canonical policy).
    Render(people::RenderArgs),
    /// Start a policy for another homeserver, with placeholders to fill in.
    New(people::NewArgs),
    /// Write the next release of a policy next to it: version bumped, history entry appended.
    Bump(people::BumpArgs),
    /// List every change between two policies, with its rule and bump. Never fails on findings.
    Diff(diff::DiffArgs),
    /// The release gate: is the declared version bump enough for the changes?
    Check(diff::CheckArgs),
    /// List the diff rule catalog.
    Rules(diff::RulesArgs),
    /// Explain one diff rule.
    Explain(diff::ExplainArgs),
    /// Diff and check every consecutive pair of releases (no DIR: the embedded Matrix.org releases).
    History(HistoryArgs),
    /// Matrix exports: consent version, m.login.terms, support well-known, Synapse, tuwunel.
    #[command(subcommand)]
    Matrix(matrix::MatrixCommand),
    /// Export a policy as linked data (no FILE: the embedded canonical policy).
    Export(export::ExportArgs),
    /// The release gate for a directory of releases against a git base revision.
    CheckReleases(releases::CheckReleasesArgs),
    /// Check that every section of a policy's Markdown text is cited by the data, and every citation is in the text.
    Coverage(text::CoverageArgs),
}

#[derive(Debug, Args)]
struct HistoryArgs {
    /// A directory of `<version>.json` documents, one per release.
    dir: Option<String>,
    /// Output format (text, json or markdown).
    #[arg(long, default_value = "text", value_parser = history_format())]
    format: Format,
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// Documents to validate: paths, `-` for stdin, or REV:PATH from git.
    files: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// The largest document accepted, in bytes. Raising it raises the memory
    /// a document full of errors may cost (about 200 bytes per byte).
    #[arg(long, value_name = "BYTES", default_value_t = matrix_privacy_policy::load::LoadOptions::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
}

/// Runs the CLI.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Through the output sink: arguments are echoed in clap's messages.
            let text = e.render().to_string();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    out(&text);
                    output::finish(Exit::Passed).into()
                }
                _ => {
                    output::err(text.trim_end());
                    Exit::CouldNotRun.into()
                }
            };
        }
    };
    let exit = match cli.command {
        Command::CheckReleases(a) => releases::check_releases(&a),
        Command::Coverage(a) => text::coverage(&a),
        Command::Validate(a) => validate(&a),
        Command::Schema => {
            out(matrix_privacy_policy::schema::SCHEMA_JSON);
            Exit::Passed
        }
        Command::Show(a) => people::show(&a),
        Command::Render(a) => people::render(&a),
        Command::New(a) => people::new(&a),
        Command::Bump(a) => people::bump(&a),
        Command::Diff(a) => diff::diff(&a),
        Command::Check(a) => diff::check(&a),
        Command::Rules(a) => diff::rules(&a),
        Command::Explain(a) => diff::explain(&a),
        Command::History(a) => history(&a),
        Command::Matrix(c) => matrix::run(&c),
        Command::Export(a) => export::export(&a),
    };
    output::finish(exit).into()
}

/// The report of `validate`, built file by file.
struct ValidateReport {
    format: Format,
    /// The worst outcome so far: 2 (a file could not be read) > 1 (invalid) > 0.
    exit: Exit,
    json_documents: Vec<serde_json::Value>,
    markdown: String,
    commands: String,
}

impl ValidateReport {
    fn new(format: Format) -> Self {
        ValidateReport {
            format,
            exit: Exit::Passed,
            json_documents: Vec::new(),
            markdown: String::from("## Privacy policy validation\n\n"),
            commands: String::new(),
        }
    }

    /// One document read and loaded.
    fn loaded(&mut self, name: &str, result: Result<Policy, matrix_privacy_policy::LoadError>) {
        use matrix_privacy_policy::render::validation::{self, FileReport};
        if result.is_err() && self.exit == Exit::Passed {
            self.exit = Exit::Failed;
        }
        let one = [FileReport {
            name,
            result: &result,
        }];
        match self.format {
            Format::Text => out(&validation::text(&one)),
            Format::Json => {
                let doc = serde_json::from_str::<serde_json::Value>(&validation::json(&one))
                    .ok()
                    .and_then(|mut v| v.get_mut("documents")?.get_mut(0).map(std::mem::take));
                self.json_documents.extend(doc);
            }
            Format::Markdown | Format::Github => {
                let md = validation::markdown(&one);
                // The heading once.
                let body = md.split_once("\n\n").map_or(md.as_str(), |(_, b)| b);
                self.markdown.push_str(body);
                if self.format == Format::Github {
                    self.commands.push_str(&validation::github(&one));
                }
            }
        }
    }

    /// One file that could not be read: said on stderr, and in the report
    /// where it has a place for it.
    fn unreadable(&mut self, name: &str, error: &input::InputError) {
        use matrix_privacy_policy::render::escape::{markdown_text, workflow_data};
        self.exit = Exit::CouldNotRun;
        eprintln!("privacy-policy: {error}");
        let message = error.to_string();
        match self.format {
            Format::Text => {}
            Format::Json => self.json_documents.push(serde_json::json!({
                "file": name,
                "valid": false,
                "readable": false,
                "error": message,
                "diagnostics": [],
            })),
            Format::Markdown | Format::Github => {
                self.markdown
                    .push_str(&format!("- ⛔ {}\n", markdown_text(&message)));
                if self.format == Format::Github {
                    self.commands.push_str(&format!(
                        "::error title=privacy-policy could not read a file::{}\n",
                        workflow_data(&message)
                    ));
                }
            }
        }
    }

    fn finish(self) -> Exit {
        match self.format {
            Format::Text => {}
            Format::Json => {
                let passed = self.exit == Exit::Passed;
                let all = serde_json::json!({ "passed": passed, "documents": self.json_documents });
                let mut text = serde_json::to_string_pretty(&all).unwrap_or_default();
                text.push('\n');
                out(&text);
            }
            Format::Markdown => output::out_markdown(&self.markdown),
            Format::Github => {
                append_step_summary(&self.markdown);
                output::out_commands(&self.commands);
            }
        }
        self.exit
    }
}

fn validate(args: &ValidateArgs) -> Exit {
    // One document at a time: each is rendered and dropped before the next
    // is read, so a long file list never holds more than one policy. Every
    // file is reported, in order, unreadable ones too; the exit status is
    // the worst.
    let mut report = ValidateReport::new(args.format);
    let options =
        matrix_privacy_policy::load::LoadOptions::default().with_max_bytes(args.max_bytes);
    if args.files.is_empty() {
        report.loaded(
            "embedded canonical policy (data/matrix.org/3.1.0.json)",
            matrix_privacy_policy::load::load_str(Policy::canonical_json()),
        );
    }
    for spec in &args.files {
        match input::read(spec) {
            Ok(inp) => report.loaded(
                &inp.name,
                matrix_privacy_policy::load::load_with(&inp.bytes, &options),
            ),
            // A file too large to read is an invalid document (exit 1), as
            // the loader would say of it, not a failure to run.
            Err(input::InputError::TooLarge {
                name,
                size: Some(size),
                ..
            }) => {
                let limit = args.max_bytes;
                let size = usize::try_from(size).unwrap_or(usize::MAX);
                report.loaded(
                    &name,
                    Err(matrix_privacy_policy::LoadError::TooLarge { size, limit }),
                );
            }
            Err(e) => report.unreadable(spec, &e),
        }
    }
    report.finish()
}

pub use output::{append_step_summary, out};

/// `history` accepts text, json and markdown: its help lists only those.
fn history_format() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(["text", "json", "markdown"])
        .map(|s| Format::from_str(&s, true).unwrap_or_default())
}

fn history(args: &HistoryArgs) -> Exit {
    use matrix_privacy_policy::render::history as render;
    let owned;
    let releases: &[Policy] = match &args.dir {
        None => Policy::releases(),
        Some(dir) => match load_dir(dir) {
            Ok(list) => {
                owned = list;
                &owned
            }
            Err(message) => {
                eprintln!("privacy-policy: {message}");
                return Exit::CouldNotRun;
            }
        },
    };
    let report = matrix_privacy_policy::history::report(releases);
    let text = match args.format {
        Format::Text => render::text(&report),
        Format::Json => render::json(&report),
        Format::Markdown => render::markdown(&report),
        Format::Github => {
            eprintln!("privacy-policy: `history` supports --format text, json or markdown");
            return Exit::CouldNotRun;
        }
    };
    if args.format == Format::Markdown {
        output::out_markdown(&text);
    } else {
        out(&text);
    }
    Exit::Passed
}

/// Loads every `*.json` in `dir`, sorted by document version.
fn load_dir(dir: &str) -> Result<Vec<Policy>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{dir}: {e}"))?;
    let mut policies = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{dir}: {e}"))?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.display().to_string();
        // Bounded: a `.json` may be a FIFO or a link to `/dev/zero`.
        let bytes = input::read_file(&path, &name)
            .map_err(|e| e.to_string())?
            .bytes;
        let policy = matrix_privacy_policy::load::load(&bytes)
            .map_err(|e| format!("{name}: not a valid policy:\n{e}"))?;
        policies.push(policy);
    }
    if policies.len() < 2 {
        return Err(format!("{dir}: needs at least two policy documents"));
    }
    policies.sort_by(|a, b| a.version.cmp_precedence(&b.version));
    Ok(policies)
}
