//! `privacy-policy check-releases DIR --base REV`: the release gate for a
//! directory of releases, as a pull request changes it.
//!
//! Published releases are immutable. Against the base revision (the branch
//! the pull request targets) the gate fails when:
//!
//! - a release file present at the base was changed (any byte) or removed;
//! - a file's name is not `<its version>.json`, two files share a version,
//!   or a file in DIR is not a regular file;
//! - a new release is not newer than the newest release at the base;
//! - a new release fails the `check` of its bump against the release before
//!   it (the newest at the base, then each new release in turn), with the
//!   accepted findings of `--accept`.
//!
//! "Newest" is semver precedence: `4.0.0-rc.1` sorts before `4.0.0`. When
//! the base has no DIR (the first pull request), every file must be a valid
//! release with a consistent name, and the gate says so. The base is read
//! from git only; the working tree is read from the file system only.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;

use clap::Args;
use matrix_privacy_policy::Policy;
use matrix_privacy_policy::diff::{self, Accepted};
use matrix_privacy_policy::render::diff as render;
use matrix_privacy_policy::render::escape::{visible, workflow_data, workflow_property};
use semver::Version;

use super::input::{self, Input};
use super::output::out_commands;
use super::{Exit, Format, out};

/// Arguments of `privacy-policy check-releases`.
#[derive(Debug, Args)]
pub struct CheckReleasesArgs {
    /// The directory of `<version>.json` releases in the working tree
    /// (relative to the current directory).
    pub dir: String,
    /// The git revision the pull request targets (e.g. `origin/main`).
    #[arg(long)]
    pub base: String,
    /// A file of accepted findings: best read from the base (`origin/main:accepted.json`).
    #[arg(long)]
    pub accept: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// One release file.
struct Release {
    /// `<dir>/<file name>`, for messages.
    path: String,
    input: Input,
    policy: Policy,
}

/// A reason the gate fails, tied to a file when there is one.
struct Problem {
    path: Option<String>,
    message: String,
}

fn problem(path: Option<&str>, message: String) -> Problem {
    Problem {
        path: path.map(str::to_owned),
        message,
    }
}

/// `privacy-policy check-releases DIR --base REV`: exit 0 passed, 1 failed,
/// 2 could not run.
pub fn check_releases(a: &CheckReleasesArgs) -> Exit {
    run(a).unwrap_or_else(|e| e)
}

fn could_not(message: &str) -> Exit {
    eprintln!("privacy-policy: check-releases: {message}");
    Exit::CouldNotRun
}

fn run(a: &CheckReleasesArgs) -> Result<Exit, Exit> {
    let dir = a.dir.trim_end_matches('/');
    if dir.is_empty() || Path::new(dir).is_absolute() {
        return Err(could_not(
            "DIR must be a relative path inside the repository (e.g. data/matrix.org)",
        ));
    }
    if a.base.starts_with('-') || !input::is_revision(&a.base) {
        return Err(could_not(&format!(
            "`{}` is not a git revision here; fetch the base branch first (git fetch origin main)",
            visible(&a.base)
        )));
    }
    let accepted = match &a.accept {
        None => Accepted::default(),
        Some(spec) => {
            let inp = input::read(spec).map_err(|e| could_not(&e.to_string()))?;
            Accepted::from_slice(&inp.bytes)
                .map_err(|e| could_not(&format!("{}: {e}", visible(&inp.name))))?
        }
    };
    let mut problems = Vec::new();
    let base = base_releases(&a.base, dir, &mut problems)?;
    let head = head_releases(dir, &mut problems)?;

    // Published releases are immutable.
    for (name, old) in &base {
        match head.get(name) {
            None => problems.push(problem(
                Some(&old.path),
                format!(
                    "release {} was removed; published releases are never removed",
                    old.policy.version
                ),
            )),
            Some(new) if new.input.bytes != old.input.bytes => problems.push(problem(
                Some(&new.path),
                format!(
                    "release {} was changed; published releases are immutable: publish a new version instead",
                    old.policy.version
                ),
            )),
            Some(_) => {}
        }
    }
    let newest_base = newest(base.values());
    let mut added: Vec<&Release> = head
        .iter()
        .filter(|(name, _)| !base.contains_key(*name))
        .map(|(_, r)| r)
        .collect();
    added.sort_by(|x, y| x.policy.version.cmp_precedence(&y.policy.version));
    if newest_base.is_none() {
        out_note(
            a.format,
            &format!(
                "the base `{}` has no releases in {dir}: first release, so only names, versions and validity are checked",
                visible(&a.base)
            ),
        );
    }
    let mut reports = Vec::new();
    let mut previous = newest_base;
    for new in added {
        match previous {
            Some(old)
                if new
                    .policy
                    .version
                    .cmp_precedence(&old.policy.version)
                    .is_le() =>
            {
                problems.push(problem(
                    Some(&new.path),
                    format!(
                        "new release {} is not newer than release {} of the base",
                        new.policy.version, old.policy.version
                    ),
                ));
                continue;
            }
            Some(old) => {
                let report = diff::check_policies(&old.policy, &new.policy, &accepted);
                reports.push((new, report));
            }
            None => {}
        }
        previous = Some(new);
    }
    if reports.is_empty() && newest_base.is_some() && problems.is_empty() {
        out_note(
            a.format,
            "no new release: nothing to check beyond immutability",
        );
    }
    let passed = problems.is_empty() && reports.iter().all(|(_, r)| r.passed);
    if a.format == Format::Json {
        let json = serde_json::json!({
            "passed": passed,
            "problems": problems
                .iter()
                .map(|p| serde_json::json!({ "file": p.path, "problem": p.message }))
                .collect::<Vec<_>>(),
            "checks": reports
                .iter()
                .map(|(new, r)| serde_json::json!({
                    "file": new.path,
                    "report": render::json_value(r, render::Mode::Check),
                }))
                .collect::<Vec<_>>(),
        });
        let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
        text.push('\n');
        out(&text);
        return Ok(if passed { Exit::Passed } else { Exit::Failed });
    }
    for (new, report) in &reports {
        super::diff::print_pair(
            report,
            render::Mode::Check,
            a.format,
            Some(&new.path),
            std::str::from_utf8(&new.input.bytes).ok(),
        );
    }
    print_problems(a.format, &problems);
    let verdict = if passed {
        format!(
            "release gate passed ({} new release(s) checked)",
            reports.len()
        )
    } else {
        format!(
            "release gate failed: {} problem(s) with the release files, {} failing check(s)",
            problems.len(),
            reports.iter().filter(|(_, r)| !r.passed).count()
        )
    };
    match a.format {
        Format::Github => out_commands(&format!(
            "::{} title=privacy-policy check-releases::{}\n",
            if passed { "notice" } else { "error" },
            workflow_data(&verdict)
        )),
        _ => out(&format!("{verdict}\n")),
    }
    Ok(if passed { Exit::Passed } else { Exit::Failed })
}

fn newest<'a>(releases: impl Iterator<Item = &'a Release>) -> Option<&'a Release> {
    releases.max_by(|x, y| x.policy.version.cmp_precedence(&y.policy.version))
}

fn out_note(format: Format, message: &str) {
    match format {
        Format::Github => out_commands(&format!(
            "::notice title={}::{}\n",
            workflow_property("privacy-policy check-releases"),
            workflow_data(message)
        )),
        Format::Json => {}
        _ => out(&format!("note: {message}\n")),
    }
}

fn print_problems(format: Format, problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    let mut text = String::new();
    for p in problems {
        let message = visible(&p.message);
        match format {
            Format::Github => {
                let file = p
                    .path
                    .as_deref()
                    .map(|f| format!("file={},", workflow_property(f)))
                    .unwrap_or_default();
                text.push_str(&format!(
                    "::error {file}title=release gate::{}\n",
                    workflow_data(&p.message)
                ));
            }
            Format::Json => {}
            Format::Markdown => text.push_str(&format!(
                "- ⛔ {}: {}\n",
                matrix_privacy_policy::render::escape::code_span(p.path.as_deref().unwrap_or("-")),
                matrix_privacy_policy::render::escape::markdown_text(&p.message)
            )),
            Format::Text => text.push_str(&format!(
                "FAIL {}{message}\n",
                p.path
                    .as_deref()
                    .map(|f| format!("{}: ", visible(f)))
                    .unwrap_or_default()
            )),
        }
    }
    match format {
        Format::Github => out_commands(&text),
        _ => out(&text),
    }
}

/// The releases of DIR at the base revision, by file name. A base without
/// DIR has none.
fn base_releases(
    rev: &str,
    dir: &str,
    problems: &mut Vec<Problem>,
) -> Result<BTreeMap<String, Release>, Exit> {
    let tree = format!("{rev}:./{dir}");
    let mut releases = BTreeMap::new();
    if input::object_type(&tree).as_deref() != Some("tree") {
        return Ok(releases);
    }
    let listing = git_ls_tree(&tree)?;
    for name in listing {
        if !name.ends_with(".json") {
            continue;
        }
        let path = format!("{dir}/{name}");
        let spec = format!("{rev}:./{path}");
        let inp = input::read_git(&spec, rev, &format!("./{path}"))
            .map_err(|e| could_not(&e.to_string()))?;
        match matrix_privacy_policy::load::load(&inp.bytes) {
            Ok(policy) => {
                releases.insert(
                    name,
                    Release {
                        path,
                        input: inp,
                        policy,
                    },
                );
            }
            // The base is trusted, but an invalid release there is still
            // worth saying; it cannot be compared.
            Err(e) => problems.push(problem(
                Some(&path),
                format!("at the base, not a valid policy document: {e}"),
            )),
        }
    }
    Ok(releases)
}

/// `git ls-tree -z --name-only TREE`: the names of the blobs in a tree.
fn git_ls_tree(tree: &str) -> Result<Vec<String>, Exit> {
    let output = std::process::Command::new("git")
        .args(["ls-tree", "-z", "--name-only", tree])
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| could_not(&format!("git: {e}")))?;
    if !output.status.success() {
        return Err(could_not(&format!(
            "git could not list `{}`",
            visible(tree)
        )));
    }
    Ok(output
        .stdout
        .split(|b| *b == 0)
        .filter(|n| !n.is_empty())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect())
}

/// The releases of DIR in the working tree, by file name: each a regular
/// file named `<version>.json` holding a valid document of that version.
fn head_releases(
    dir: &str,
    problems: &mut Vec<Problem>,
) -> Result<BTreeMap<String, Release>, Exit> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        // A pull request may remove the directory: every base release is then "removed".
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(could_not(&format!("{}: {e}", visible(dir)))),
    };
    let mut releases = BTreeMap::new();
    let mut versions: BTreeMap<Version, String> = BTreeMap::new();
    for entry in entries {
        let entry = entry.map_err(|e| could_not(&format!("{}: {e}", visible(dir))))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") {
            continue;
        }
        let path = format!("{dir}/{name}");
        let is_file = std::fs::symlink_metadata(entry.path()).is_ok_and(|m| m.is_file());
        if !is_file {
            problems.push(problem(
                Some(&path),
                "not a regular file (a link or a device); a release is a plain file".into(),
            ));
            continue;
        }
        let inp = match input::read_file(&entry.path(), &path) {
            Ok(inp) => inp,
            Err(e) => {
                problems.push(problem(Some(&path), e.to_string()));
                continue;
            }
        };
        let policy = match matrix_privacy_policy::load::load(&inp.bytes) {
            Ok(policy) => policy,
            Err(e) => {
                problems.push(problem(
                    Some(&path),
                    format!("not a valid policy document: {e}"),
                ));
                continue;
            }
        };
        let stem = name.trim_end_matches(".json");
        if stem != policy.version.to_string() {
            problems.push(problem(
                Some(&path),
                format!(
                    "the file name says {} but the document's version is {}",
                    stem, policy.version
                ),
            ));
        }
        let mut core = policy.version.clone();
        core.build = semver::BuildMetadata::EMPTY;
        if let Some(other) = versions.insert(core, path.clone()) {
            problems.push(problem(
                Some(&path),
                format!("version {} is also the version of {other}", policy.version),
            ));
        }
        releases.insert(
            name,
            Release {
                path,
                input: inp,
                policy,
            },
        );
    }
    Ok(releases)
}
