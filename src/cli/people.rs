//! Commands for people: `show` (a summary, or one data category, recipient
//! or right), `render` (the whole policy as a page), `new` (a policy for
//! another homeserver) and `bump` (the next release of a policy).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use matrix_privacy_policy::render::{page, views};
use matrix_privacy_policy::{Bump, PartialDate, Policy, authoring};

use super::{Exit, input, out};

/// The formats `show` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ShowFormat {
    /// For people, wrapped to the terminal's width.
    #[default]
    Text,
    /// A readable page (the whole policy, or the view asked for).
    Markdown,
    /// The document itself, or the entities the view is made of.
    Json,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("view").args(["data", "recipient", "right", "statements"])))]
pub struct ShowArgs {
    /// The document: a path, `-` for stdin, or REV:PATH from git.
    file: Option<String>,
    /// Everything about one data category (by id, such as `ip_address`):
    /// who receives it, why, on what basis, how long it is kept, where it goes.
    #[arg(long, value_name = "ID")]
    data: Option<String>,
    /// Everything about one recipient (by id, such as `cloudflare`).
    #[arg(long, value_name = "ID")]
    recipient: Option<String>,
    /// One right (such as `erasure`): how to exercise it and every caveat.
    #[arg(long, value_name = "RIGHT")]
    right: Option<String>,
    /// Every further statement and commitment.
    #[arg(long)]
    statements: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: ShowFormat,
    /// Wrap text at this many columns (default: the terminal's width, or
    /// $COLUMNS, or 80; at most 100).
    #[arg(long, value_name = "COLUMNS")]
    width: Option<usize>,
}

/// The formats `render` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum RenderFormat {
    /// Markdown (CommonMark with anchors).
    #[default]
    Markdown,
    /// A standalone HTML page.
    Html,
    /// The HTML page's `<article>` only, to wrap in another template.
    HtmlBody,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The document: a path, `-` for stdin, or REV:PATH from git (none: the
    /// embedded canonical policy).
    file: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: RenderFormat,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The homeserver's name, such as `example.org`.
    #[arg(long, value_name = "NAME")]
    server: Option<String>,
    /// Write the policy to this file (it must not exist) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The first release's date, `YYYY-MM-DD` (default: today).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("level").required(true).args(["major", "minor", "patch"])))]
pub struct BumpArgs {
    /// The current release, such as `data/example.org/1.0.0.json`.
    file: PathBuf,
    /// A change that needs users' specific re-acknowledgement.
    #[arg(long)]
    major: bool,
    /// A notable change that does not expand processing.
    #[arg(long)]
    minor: bool,
    /// Wording only.
    #[arg(long)]
    patch: bool,
    /// What changed, for the history entry.
    #[arg(long, value_name = "TEXT")]
    summary: String,
    /// The release date, `YYYY-MM-DD` or `YYYY-MM` (default: today).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

fn load(file: Option<&str>) -> Result<Policy, Exit> {
    let Some(spec) = file else {
        return Ok(Policy::canonical().clone());
    };
    let inp = input::read(spec).map_err(|e| {
        eprintln!("privacy-policy: {e}");
        Exit::CouldNotRun
    })?;
    matrix_privacy_policy::load::load(&inp.bytes).map_err(|e| {
        eprintln!("{}: not a valid policy:", inp.name);
        for d in e.diagnostics() {
            eprintln!("{}: {d}", inp.name);
        }
        Exit::Failed
    })
}

/// The width to wrap text at: `--width`, the terminal's, `$COLUMNS`, or 80;
/// never more than 100 (longer lines are hard to read) nor less than 20.
fn width(asked: Option<usize>) -> usize {
    let detected = asked
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(80);
    detected.clamp(20, 100)
}

pub fn show(args: &ShowArgs) -> Exit {
    let policy = match load(args.file.as_deref()) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let view = if let Some(id) = &args.data {
        views::data(&policy, id).map(Some)
    } else if let Some(id) = &args.recipient {
        views::recipient(&policy, id).map(Some)
    } else if let Some(key) = &args.right {
        views::parse_right(key).map(|r| Some(views::right(&policy, r)))
    } else if args.statements {
        Ok(Some(views::statements(&policy)))
    } else {
        Ok(None)
    };
    let view = match view {
        Ok(v) => v,
        Err(e) => {
            eprintln!("privacy-policy: {e}");
            return Exit::CouldNotRun;
        }
    };
    let text = match (args.format, view) {
        (ShowFormat::Text, Some(v)) => v.text(width(args.width)),
        (ShowFormat::Markdown, Some(v)) => v.markdown(),
        (ShowFormat::Json, Some(_)) => json_view(&policy, args),
        (ShowFormat::Text, None) => {
            matrix_privacy_policy::render::summary_text(&policy, width(args.width))
        }
        (ShowFormat::Markdown, None) => page::markdown(&policy),
        (ShowFormat::Json, None) => format!("{}\n", policy.to_json_pretty()),
    };
    out(&text);
    Exit::Passed
}

/// The entities a view is made of, as JSON.
fn json_view(p: &Policy, args: &ShowArgs) -> String {
    use serde_json::json;
    let value = if let Some(id) = &args.data {
        let id = id.as_str();
        json!({
            "data_category": p.data_category(id),
            "services": p.services_collecting(id).collect::<Vec<_>>(),
            "recipients": p.recipients_of(id).collect::<Vec<_>>(),
            "recipients_with_unstated_data": p.recipients_with_unstated_data().collect::<Vec<_>>(),
            "purposes": p.purposes_using(id).collect::<Vec<_>>(),
            "retention": p.retention_for(id).collect::<Vec<_>>(),
            "transfers": p.transfers_of(id).collect::<Vec<_>>(),
            "security_measures": p.security_measures_for(id).collect::<Vec<_>>(),
        })
    } else if let Some(id) = &args.recipient {
        let r = p.recipient(id);
        json!({
            "recipient": r,
            // Absent roles and `inferred` fields in words, so a reader of
            // the JSON sees what the text states and what is our reading.
            "role_in_words": r.map(|r| r.role_in_words()),
            "data_categories": r.map(|r| r.receives.iter().filter_map(|d| p.data_category(d.as_str())).collect::<Vec<_>>()),
            "purposes": r.map(|r| r.purposes.iter().filter_map(|d| p.purpose(d.as_str())).collect::<Vec<_>>()),
            "transfers": p.transfers_to(id).collect::<Vec<_>>(),
        })
    } else if let Some(key) = &args.right {
        json!({ "right": views::parse_right(key).ok().and_then(|r| p.right(r)) })
    } else {
        json!({ "statements": p.statements })
    };
    let value = with_cited_sections(p, value);
    format!(
        "{}\n",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    )
}

/// Adds `sections`: the entries of the policy's sections table that the
/// view's entities cite (they cite them by id), in the table's order.
fn with_cited_sections(p: &Policy, mut value: serde_json::Value) -> serde_json::Value {
    fn cited<'v>(v: &'v serde_json::Value, out: &mut Vec<&'v str>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, x) in map {
                    match (k.as_str(), x) {
                        ("sections", serde_json::Value::Array(ids)) => {
                            out.extend(ids.iter().filter_map(serde_json::Value::as_str));
                        }
                        _ => cited(x, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| cited(x, out)),
            _ => {}
        }
    }
    let mut ids = Vec::new();
    cited(&value, &mut ids);
    let table: Vec<_> = p
        .sections
        .iter()
        .filter(|s| ids.contains(&s.id.as_str()))
        .collect();
    let table = serde_json::to_value(table).unwrap_or_default();
    if let serde_json::Value::Object(map) = &mut value {
        map.insert("sections".to_owned(), table);
    }
    value
}

pub fn render(args: &RenderArgs) -> Exit {
    let policy = match load(args.file.as_deref()) {
        Ok(p) => p,
        Err(e) => return e,
    };
    out(&match args.format {
        RenderFormat::Markdown => page::markdown(&policy),
        RenderFormat::Html => page::html(&policy),
        RenderFormat::HtmlBody => page::html_body(&policy),
    });
    Exit::Passed
}

fn parse_date(text: Option<&str>) -> Result<PartialDate, Exit> {
    let text = text.map_or_else(authoring::today, str::to_owned);
    PartialDate::parse(&text).map_err(|e| {
        eprintln!("privacy-policy: --date: {e}");
        Exit::CouldNotRun
    })
}

/// Writes `text` to a new file; never replaces one.
fn write_new(path: &Path, text: &str) -> Result<(), Exit> {
    use std::io::Write;
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()));
    written.map_err(|e| {
        eprintln!("privacy-policy: {}: {e}", path.display());
        if path.exists() && e.kind() != std::io::ErrorKind::AlreadyExists {
            // A partial write: do not leave half a policy behind.
            let _ = std::fs::remove_file(path);
        }
        Exit::CouldNotRun
    })
}

pub fn new(args: &NewArgs) -> Exit {
    let date = match parse_date(args.date.as_deref()) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let text = authoring::scaffold(args.server.as_deref().unwrap_or(""), &date.to_string());
    let placeholders: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"TODO:"))
        .map(|(i, _)| i + 1)
        .collect();
    match &args.output {
        None => out(&text),
        Some(path) => {
            if let Err(e) = write_new(path, &text) {
                return e;
            }
            let lines: Vec<String> = placeholders.iter().map(usize::to_string).collect();
            eprintln!(
                "wrote {}: replace every \"TODO: …\" (lines {}) with what it asks for, review the rest, then run `privacy-policy validate {}`",
                path.display(),
                lines.join(", "),
                path.display()
            );
        }
    }
    Exit::Passed
}

pub fn bump(args: &BumpArgs) -> Exit {
    let level = if args.major {
        Bump::Major
    } else if args.minor {
        Bump::Minor
    } else {
        Bump::Patch
    };
    let date = match parse_date(args.date.as_deref()) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let Some(spec) = args.file.to_str() else {
        eprintln!(
            "privacy-policy: {}: the file name is not UTF-8",
            args.file.display()
        );
        return Exit::CouldNotRun;
    };
    let policy = match load(Some(spec)) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let next = match authoring::next_release(&policy, level, &args.summary, date) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("privacy-policy: {e}");
            return Exit::CouldNotRun;
        }
    };
    let text = format!("{}\n", next.to_json_pretty());
    // The result must load: a summary with control characters, say, is
    // refused here rather than written.
    if let Err(e) = matrix_privacy_policy::load::load_str(&text) {
        eprintln!("privacy-policy: the next release would not be valid:");
        for d in e.diagnostics() {
            eprintln!("  {d}");
        }
        return Exit::Failed;
    }
    let dir = args.file.parent().unwrap_or(Path::new("."));
    let path = dir.join(format!("{}.json", next.version));
    if let Err(e) = write_new(&path, &text) {
        return e;
    }
    eprintln!(
        "wrote {} ({} → {}); edit it, then run `privacy-policy check {} {}`",
        path.display(),
        policy.version,
        next.version,
        args.file.display(),
        path.display()
    );
    Exit::Passed
}
