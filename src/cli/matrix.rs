//! `privacy-policy matrix …`: the policy in the shapes Matrix speaks.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use matrix_privacy_policy::matrix::consent::{self, ConsentVersion, Reading};
use matrix_privacy_policy::matrix::support::{Names, NotMappable};
use matrix_privacy_policy::matrix::{
    self as m, MatrixError, TermsOptions, TermsVersion, synapse, tuwunel,
};
use matrix_privacy_policy::{Policy, Url};

use super::{Exit, Format, input, out};

/// The `matrix` subcommands.
#[derive(Debug, Subcommand)]
pub enum MatrixCommand {
    /// Which version users last had to accept: the latest release whose change was major.
    ConsentVersion(ConsentArgs),
    /// The `m.login.terms` registration parameters (JSON).
    LoginTerms(ExportArgs),
    /// The `/.well-known/matrix/support` contacts and policies (JSON).
    Support(SupportArgs),
    /// Synapse's `user_consent` block (YAML, on stdout) and its consent templates (written to --out).
    Synapse(SynapseArgs),
    /// tuwunel's registration_terms, support_policy and support_contact tables (TOML).
    Tuwunel(SupportArgs),
}

/// A reading of "major" for the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReadingArg {
    /// The bump the authors declared.
    Declared,
    /// The bump the rule catalog requires.
    Required,
}

impl From<ReadingArg> for Reading {
    fn from(r: ReadingArg) -> Reading {
        match r {
            ReadingArg::Declared => Reading::Declared,
            ReadingArg::Required => Reading::Required,
        }
    }
}

#[derive(Debug, Args)]
pub struct ConsentArgs {
    /// A directory of `<version>.json` releases (no DIR: the embedded Matrix.org releases).
    dir: Option<String>,
    /// Which bumps count as needing re-consent.
    #[arg(long, value_enum)]
    reading: ReadingArg,
    /// Output format (text, json, or markdown: a table of every release under both readings).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The policy: a path, `-` for stdin, or REV:PATH (no FILE: the embedded canonical policy).
    file: Option<String>,
    /// The version users accept: the consent version under this reading (default: the document's own version).
    #[arg(long, value_enum, conflicts_with = "terms_version")]
    reading: Option<ReadingArg>,
    /// The version users accept, as given (a Matrix opaque identifier).
    #[arg(long)]
    terms_version: Option<String>,
    /// For `--reading required` with FILE: a directory with the earlier releases' documents.
    #[arg(long, value_name = "DIR")]
    releases: Option<String>,
    /// The homeserver's public base URL: link to its consent page (`<base>_matrix/consent?v=…`) instead of the document's URLs.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The policy id.
    #[arg(long, default_value = m::DEFAULT_POLICY_ID)]
    policy_id: String,
}

#[derive(Debug, Args)]
pub struct SupportArgs {
    #[command(flatten)]
    export: ExportArgs,
    /// Use MSC4265/MSC4266's stable names (`m.role.dpo`, `policies`) instead of the unstable ones.
    #[arg(long)]
    stable: bool,
}

#[derive(Debug, Args)]
pub struct SynapseArgs {
    #[command(flatten)]
    export: ExportArgs,
    /// Where to write the consent templates (`<DIR>/en/<version>.html`, `<DIR>/en/success.html`).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The template directory as homeserver.yaml should name it (default: --out, made absolute).
    #[arg(long, value_name = "PATH")]
    template_dir: Option<String>,
    /// Do not ask for consent at registration.
    #[arg(long)]
    no_registration: bool,
    /// Do not block events from users who have not accepted the current version.
    #[arg(long)]
    no_block_events: bool,
    /// Also send those users a server notice (needs Synapse's server notices enabled).
    #[arg(long)]
    server_notice: bool,
}

/// Runs a `matrix` subcommand.
pub fn run(command: &MatrixCommand) -> Exit {
    match command {
        MatrixCommand::ConsentVersion(a) => consent_version(a),
        MatrixCommand::LoginTerms(a) => export(a, |policy, options| {
            let params = m::login_terms::login_terms(policy, options)?;
            Ok((json(&params), Vec::new()))
        }),
        MatrixCommand::Support(a) => export(&a.export, |policy, options| {
            let e = m::support::support(policy, options, names(a.stable))?;
            Ok((json(&e.document), e.not_mappable))
        }),
        MatrixCommand::Tuwunel(a) => export(&a.export, |policy, options| {
            let e = tuwunel::tuwunel(policy, options, names(a.stable))?;
            Ok((e.toml, e.not_mappable))
        }),
        MatrixCommand::Synapse(a) => export(&a.export, |policy, options| {
            synapse_export(a, policy, options)
        }),
    }
}

fn names(stable: bool) -> Names {
    if stable {
        Names::Stable
    } else {
        Names::Unstable
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(s) => format!("{s}\n"),
        // Plain data structures with string keys always serialize.
        Err(e) => format!("{}\n", serde_json::json!({ "error": e.to_string() })),
    }
}

/// Why a matrix command failed: the policy cannot be exported (exit 1) or
/// the command could not run (exit 2).
enum Failure {
    Export(MatrixError),
    Invalid(String),
    Usage(String),
}

impl From<MatrixError> for Failure {
    fn from(e: MatrixError) -> Failure {
        match e {
            MatrixError::Io { .. } => Failure::Usage(e.to_string()),
            e => Failure::Export(e),
        }
    }
}

fn finish(result: Result<(String, Vec<NotMappable>), Failure>) -> Exit {
    match result {
        Ok((text, not_mappable)) => {
            for n in &not_mappable {
                eprintln!(
                    "privacy-policy: contact `{}` left out: {}",
                    printable(&n.contact),
                    n.reason
                );
            }
            out(&text);
            Exit::Passed
        }
        Err(Failure::Export(e)) => {
            eprintln!("privacy-policy: {}", printable(&e.to_string()));
            Exit::Failed
        }
        Err(Failure::Invalid(message)) => {
            eprintln!("{}", printable_lines(&message));
            Exit::Failed
        }
        Err(Failure::Usage(message)) => {
            eprintln!("privacy-policy: {}", printable(&message));
            Exit::CouldNotRun
        }
    }
}

/// Text safe for a terminal: control and format characters shown escaped.
fn printable(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let unsafe_char = c.is_control()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
            let shown: Vec<char> = if unsafe_char {
                c.escape_unicode().collect()
            } else {
                vec![c]
            };
            shown
        })
        .collect()
}

/// Like [`printable`], keeping line breaks.
fn printable_lines(s: &str) -> String {
    s.lines().map(printable).collect::<Vec<_>>().join("\n")
}

type Exported = (String, Vec<NotMappable>);

fn export(
    args: &ExportArgs,
    build: impl FnOnce(&Policy, &TermsOptions) -> Result<Exported, Failure>,
) -> Exit {
    finish(prepare(args).and_then(|(policy, options)| build(&policy, &options)))
}

fn prepare(args: &ExportArgs) -> Result<(Policy, TermsOptions), Failure> {
    let policy = read_policy(args.file.as_deref())?;
    let version = match (&args.terms_version, args.reading) {
        (Some(v), _) => TermsVersion::new(v.as_str())?,
        (None, None) => TermsVersion::from_semver(&policy.version)?,
        (None, Some(reading)) => consent_for(&policy, args, reading.into())?.terms_version()?,
    };
    let base_url = match &args.base_url {
        None => None,
        Some(u) => {
            Some(Url::new(u.as_str()).map_err(|e| Failure::Usage(format!("--base-url: {e}")))?)
        }
    };
    let options = TermsOptions {
        version,
        policy_id: args.policy_id.clone(),
        base_url,
    };
    options.checked_policy_id()?;
    Ok((policy, options))
}

/// The consent version for `policy`: from the embedded releases for the
/// embedded policy; else from `--releases DIR` (its earlier versions)
/// followed by `policy`; else, for the declared reading, from the
/// document's own history list.
fn consent_for(
    policy: &Policy,
    args: &ExportArgs,
    reading: Reading,
) -> Result<ConsentVersion, Failure> {
    if args.file.is_none() {
        return Ok(consent::consent_version(Policy::releases(), reading)?);
    }
    if let Some(dir) = &args.releases {
        let mut releases: Vec<Policy> = load_dir(dir)?
            .into_iter()
            .filter(|p| p.version.cmp_precedence(&policy.version) == Ordering::Less)
            .collect();
        releases.push(policy.clone());
        return Ok(consent::consent_version(&releases, reading)?);
    }
    match reading {
        Reading::Declared => Ok(consent::declared_from_history(&policy.history)?),
        _ => Err(Failure::Usage(
            "--reading required needs every release's document: give --releases DIR".to_owned(),
        )),
    }
}

fn read_policy(file: Option<&str>) -> Result<Policy, Failure> {
    let Some(spec) = file else {
        return Ok(Policy::canonical().clone());
    };
    let inp = input::read(spec).map_err(|e| Failure::Usage(e.to_string()))?;
    matrix_privacy_policy::load::load(&inp.bytes).map_err(|e| {
        let mut message = format!("{}: not a valid policy:", inp.name);
        for d in e.diagnostics() {
            message.push_str(&format!("\n{}: {d}", inp.name));
        }
        Failure::Invalid(message)
    })
}

/// Loads every `*.json` in `dir`, sorted by version.
fn load_dir(dir: &str) -> Result<Vec<Policy>, Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| Failure::Usage(format!("{dir}: {e}")))?;
    let mut policies = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| Failure::Usage(format!("{dir}: {e}")))?
            .path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|e| Failure::Usage(format!("{name}: {e}")))?;
        let policy = matrix_privacy_policy::load::load(&bytes)
            .map_err(|e| Failure::Usage(format!("{name}: not a valid policy:\n{e}")))?;
        policies.push(policy);
    }
    if policies.is_empty() {
        return Err(Failure::Usage(format!("{dir}: no policy documents")));
    }
    policies.sort_by(|a, b| a.version.cmp_precedence(&b.version));
    Ok(policies)
}

fn synapse_export(
    args: &SynapseArgs,
    policy: &Policy,
    options: &TermsOptions,
) -> Result<Exported, Failure> {
    let template_dir = match &args.template_dir {
        Some(t) => t.clone(),
        None => absolute(&args.out),
    };
    let mut synapse_options = synapse::SynapseOptions::new(options.clone(), template_dir);
    synapse_options.require_at_registration = !args.no_registration;
    synapse_options.block_events = !args.no_block_events;
    synapse_options.server_notice = args.server_notice;
    let export = synapse::synapse(policy, &synapse_options)?;
    synapse::write_templates(&export, &args.out)?;
    for file in &export.templates {
        eprintln!(
            "privacy-policy: wrote {}",
            printable(&args.out.join(&file.path).display().to_string())
        );
    }
    Ok((export.config_yaml, Vec::new()))
}

fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

fn consent_version(args: &ConsentArgs) -> Exit {
    let releases = match &args.dir {
        None => Policy::releases().to_vec(),
        Some(dir) => match load_dir(dir) {
            Ok(r) => r,
            Err(f) => return finish(Err(f)),
        },
    };
    let reading: Reading = args.reading.into();
    let result = consent::consent_version(&releases, reading).and_then(|c| {
        let text = match args.format {
            Format::Json => json(&c),
            Format::Markdown => markdown_table(&releases, &c)?,
            Format::Text | Format::Github => consent_text(&c),
        };
        Ok(text)
    });
    finish(result.map(|t| (t, Vec::new())).map_err(Failure::from))
}

fn consent_text(c: &ConsentVersion) -> String {
    let list = |v: &[semver::Version]| {
        if v.is_empty() {
            "none".to_owned()
        } else {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    format!(
        "consent version ({} reading): {}\nlatest release: {}\nreleases that needed re-consent: {}\n",
        c.reading.as_str(),
        c.version,
        c.latest,
        list(&c.re_consent)
    )
}

/// Every release under both readings, then the chosen reading's answer.
fn markdown_table(releases: &[Policy], chosen: &ConsentVersion) -> Result<String, MatrixError> {
    let steps = consent::steps(releases)?;
    let declared = consent::consent_version(releases, Reading::Declared)?;
    let required = consent::consent_version(releases, Reading::Required)?;
    let mark = |c: &ConsentVersion, v: &semver::Version| {
        if c.re_consent.contains(v) {
            "**yes**"
        } else {
            "no"
        }
    };
    let mut md = String::from(
        "| release | declared bump | required bump | re-consent (declared) | re-consent (required) |\n|---|---|---|---|---|\n",
    );
    if let Some(first) = releases.first() {
        md.push_str(&format!(
            "| {} | — | — | first release | first release |\n",
            first.version
        ));
    }
    for s in &steps {
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            s.version,
            s.declared,
            s.required.map_or("—", |b| b.as_str()),
            mark(&declared, &s.version),
            mark(&required, &s.version)
        ));
    }
    md.push_str(&format!(
        "\nConsent version ({} reading): **{}** (latest release {}).\n",
        chosen.reading.as_str(),
        chosen.version,
        chosen.latest
    ));
    Ok(md)
}
