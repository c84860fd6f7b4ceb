//! The `diff`, `check`, `rules` and `explain` subcommands, run as a process:
//! exit codes, standard input, accepted findings, formats, and `REV:PATH`
//! inputs from a temporary git repository.

mod diff_support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use diff_support::{BASE_JSON, base, id};
use matrix_privacy_policy::{Policy, Revision};

const BIN: &str = env!("CARGO_BIN_EXE_privacy-policy");

/// A scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "privacy-policy-diff-cli-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }
    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("runs")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("runs")
}

fn run_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    if let Some(mut input) = child.stdin.take() {
        // The command may exit before reading (a usage error): a closed pipe is fine.
        match input.write_all(stdin.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.expect("stdin"),
        }
    }
    child.wait_with_output().expect("runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The base at a new version, with its history entry and one major change.
fn released(version: &str) -> Policy {
    let mut p = base();
    p.version = version.parse().expect("version");
    p.history.push(Revision {
        version: p.version.clone(),
        date: "2024-02-01".parse().expect("date"),
        summary: "The CDN also receives user agents".into(),
    });
    if let Some(cdn) = p.recipients.iter_mut().find(|r| r.id == "cdn") {
        cdn.receives.push(id("user_agent"));
    }
    p
}

fn json(p: &Policy) -> String {
    serde_json::to_string_pretty(p).expect("serializes")
}

#[test]
fn diff_exits_0_whatever_it_finds() {
    let s = Scratch::new("diff");
    let old = s.write("old.json", BASE_JSON);
    let new = s.write("new.json", &json(&released("1.1.1")));
    let o = run(&["diff", &old, &new]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("recipient-data-added"));
    assert!(stdout(&o).contains("requires a major bump; declared patch"));
}

#[test]
fn check_exit_codes() {
    let s = Scratch::new("check");
    let old = s.write("old.json", BASE_JSON);
    let major = s.write("major.json", &json(&released("2.0.0")));
    let minor = s.write("minor.json", &json(&released("1.2.0")));

    let o = run(&["check", &old, &major]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("PASS requires a major bump; declared major"));

    let o = run(&["check", &old, &minor]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("FAIL requires a major bump; declared minor; next valid version 2.0.0")
    );

    // The same document against itself passes.
    assert_eq!(code(&run(&["check", &old, &old])), 0);
}

#[test]
fn could_not_run_exits_2() {
    let s = Scratch::new("errors");
    let old = s.write("old.json", BASE_JSON);
    let broken = s.write("broken.json", r#"{"version": "1.0.0"}"#);
    let missing = s.path().join("missing.json").to_string_lossy().into_owned();

    for cmd in ["diff", "check"] {
        let o = run(&[cmd, &old, &missing]);
        assert_eq!(code(&o), 2, "{cmd}: unreadable file");
        assert!(stderr(&o).contains("missing.json"), "{}", stderr(&o));

        let o = run(&[cmd, &broken, &old]);
        assert_eq!(code(&o), 2, "{cmd}: not a policy");
        let err = stderr(&o);
        assert!(err.contains("not a valid policy document"), "{err}");
        assert!(
            err.contains("missing-field") || err.contains("required"),
            "the loader's errors are printed: {err}"
        );

        assert_eq!(code(&run(&[cmd, &old])), 2, "{cmd}: usage");
        assert_eq!(
            code(&run(&[cmd, &old, &old, "--format", "yaml"])),
            2,
            "{cmd}: bad format"
        );
    }
    assert_eq!(code(&run(&["explain"])), 2);
}

#[test]
fn standard_input() {
    let s = Scratch::new("stdin");
    let new = s.write("new.json", &json(&released("2.0.0")));
    let o = run_stdin(&["check", "-", &new], BASE_JSON);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run_stdin(&["diff", &new, "-", "--format", "json"], BASE_JSON);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["old_version"], "2.0.0");
    assert_eq!(v["new_version"], "1.1.0");
    // Only one input can be standard input.
    let o = run_stdin(&["diff", "-", "-"], BASE_JSON);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("only one input"));
    // Not a policy on stdin.
    assert_eq!(code(&run_stdin(&["diff", "-", &new], "not json")), 2);
}

#[test]
fn accepted_findings_file() {
    let s = Scratch::new("accept");
    let old = s.write("old.json", BASE_JSON);
    let new = s.write("new.json", &json(&released("1.2.0")));
    let accept = s.write(
        "accepted.json",
        r#"{"accepted": [{"rule": "recipient-data-added", "pointer": "/recipients/cdn/receives/user_agent",
            "reason": "User agents were always sent; the old text forgot them."}]}"#,
    );
    let o = run(&["check", &old, &new, "--accept", &accept, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["passed"], true);
    assert_eq!(v["required_bump"], "patch");
    let accepted: Vec<&serde_json::Value> = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| c["accepted"] == true)
        .collect();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0]["rule"], "recipient-data-added");

    let blank = s.write(
        "blank.json",
        r#"{"accepted": [{"rule": "title-changed", "pointer": "/title", "reason": " "}]}"#,
    );
    let o = run(&["check", &old, &new, "--accept", &blank]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("reason"), "{}", stderr(&o));

    let missing = s.path().join("none.json").to_string_lossy().into_owned();
    assert_eq!(code(&run(&["check", &old, &new, "--accept", &missing])), 2);
}

#[test]
fn formats() {
    let s = Scratch::new("formats");
    let old = s.write("old.json", BASE_JSON);
    let new = s.write("new.json", &json(&released("1.2.0")));

    let o = run(&["check", &old, &new, "--format", "markdown"]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).starts_with("## Privacy policy 1.1.0 → 1.2.0"));
    assert!(stdout(&o).contains("### Changed"));

    let summary = s.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("write");
    let o = Command::new(BIN)
        .args(["check", &old, &new, "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("runs");
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
    assert!(out.contains("::error file="), "{out}");
    assert!(out.contains(",line="), "{out}");
    let written = std::fs::read_to_string(&summary).expect("summary");
    assert!(
        written.starts_with("earlier step\n## Privacy policy 1.1.0 → 1.2.0"),
        "{written}"
    );
}

#[test]
fn rules_and_explain() {
    let o = run(&["rules"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("recipient-added"));
    let o = run(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        v.as_array().map(Vec::len),
        Some(matrix_privacy_policy::diff::RULES.len())
    );
    let o = run(&["rules", "--format", "markdown"]);
    assert_eq!(
        stdout(&o),
        matrix_privacy_policy::render::catalog::markdown_table()
    );

    let o = run(&["explain", "retention-incomparable"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("retention-incomparable: "));
    let o = run(&["explain", "retention-longer"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn git_revisions() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed; skipping");
        return;
    }
    let s = Scratch::new("git");
    let dir = s.path();
    git(dir, &["init", "-q"]);
    std::fs::create_dir_all(dir.join("data")).expect("mkdir");
    std::fs::write(dir.join("data/policy.json"), BASE_JSON).expect("write");
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "1.1.0"]);
    std::fs::write(dir.join("data/policy.json"), json(&released("1.2.0"))).expect("write");

    // Working tree against the last commit.
    let o = run_in(dir, &["check", "HEAD:data/policy.json", "data/policy.json"]);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("declared minor"));

    git(dir, &["commit", "-q", "-am", "1.2.0"]);
    let o = run_in(
        dir,
        &[
            "diff",
            "HEAD~1:data/policy.json",
            "HEAD:data/policy.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        (v["old_version"].as_str(), v["new_version"].as_str()),
        (Some("1.1.0"), Some("1.2.0"))
    );

    // A revision or path git does not know: could not run.
    let o = run_in(
        dir,
        &["check", "no-such-rev:data/policy.json", "data/policy.json"],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no-such-rev"), "{}", stderr(&o));
    let o = run_in(
        dir,
        &["check", "HEAD:data/missing.json", "data/policy.json"],
    );
    assert_eq!(code(&o), 2);
}
