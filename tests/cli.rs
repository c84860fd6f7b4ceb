//! The `validate`, `schema`, `show` and `history` commands, end to end:
//! exit codes 0 / 1 / 2 and their output.

use std::process::{Command, Output, Stdio};

use matrix_privacy_policy::schema::SCHEMA_JSON;

const BIN: &str = env!("CARGO_BIN_EXE_privacy-policy");
const CANONICAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix.org/3.1.0.json");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The command may exit before reading everything: a closed pipe is fine.
    match child.stdin.take().expect("stdin").write_all(input) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.expect("write stdin"),
    }
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A temporary file, removed when dropped.
struct TempFile(std::path::PathBuf);

impl std::ops::Deref for TempFile {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn temp_file(name: &str, bytes: &[u8]) -> TempFile {
    let path = std::env::temp_dir().join(format!("mpp-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).expect("write temp file");
    TempFile(path)
}

#[test]
fn validate_embedded_and_file_exit_0() {
    let o = run(&["validate"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("valid — Matrix.org Privacy Policy 3.1.0"),
        "{}",
        stdout(&o)
    );
    let o = run(&["validate", CANONICAL]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn validate_every_release_exit_0() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix.org");
    let mut args = vec!["validate".to_owned()];
    for entry in std::fs::read_dir(dir).expect("data dir") {
        args.push(entry.expect("entry").path().display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        stdout(&o)
            .lines()
            .filter(|l| l.contains(": valid — "))
            .count(),
        13
    );
}

#[test]
fn invalid_document_exit_1_says_where_and_what() {
    let text = std::fs::read_to_string(CANONICAL).expect("canonical");
    let broken = text.replacen("\"version\": \"3.1.0\"", "\"version\": \"3.1\"", 1);
    let path = temp_file("broken.json", broken.as_bytes());
    let o = run(&["validate", path.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("broken.json:"), "{out}");
    assert!(out.contains(": /version: "), "{out}");
    assert!(out.contains("invalid — "), "{out}");
}

#[test]
fn validate_formats() {
    let o = run_stdin(
        &["validate", "-", "--format", "json"],
        b"{\"version\": true}",
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json output");
    assert_eq!(v["passed"], false);
    assert_eq!(v["documents"][0]["file"], "<stdin>");
    let d = &v["documents"][0]["diagnostics"];
    assert!(
        d.as_array()
            .expect("array")
            .iter()
            .any(|d| d["pointer"] == "/version" && d["line"] == 1)
    );

    let o = run_stdin(
        &["validate", "-", "--format", "github"],
        b"{\"version\": true}",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o)
            .lines()
            .all(|l| l.starts_with("::error file=<stdin>")),
        "{}",
        stdout(&o)
    );

    let o = run(&["validate", CANONICAL, "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("✅"));
}

#[test]
fn could_not_run_exit_2() {
    assert_eq!(
        run(&["validate", "/nonexistent/policy.json"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["validate", "--format", "yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(
        run(&["show", "/nonexistent/policy.json"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["history", "/nonexistent"]).status.code(), Some(2));
}

#[test]
fn garbage_never_panics() {
    for input in [
        &b""[..],
        b"\xff\xfe",
        b"\xef\xbb\xbf{}",
        b"[[[[[[",
        b"null",
        b"{\"a\":1,\"a\":2}",
    ] {
        let o = run_stdin(&["validate", "-"], input);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{input:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn schema_is_byte_for_byte() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), SCHEMA_JSON);
}

#[test]
fn show_summary_snapshot() {
    let o = run(&["show"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("show_canonical", stdout(&o));
}

#[test]
fn show_json_is_the_document() {
    let o = run(&["show", CANONICAL, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let shown = matrix_privacy_policy::load::load(&o.stdout).expect("show --format json loads");
    assert_eq!(&shown, matrix_privacy_policy::Policy::canonical());
}

#[test]
fn show_invalid_exit_1() {
    let o = run_stdin(&["show", "-"], b"{}");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn history_formats() {
    let o = run(&["history"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("3.0.1 → 3.1.0"));
    let o = run(&["history", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["pairs"], 12);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix.org");
    let o = run(&["history", dir, "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        stdout(&run(&["history", "--format", "markdown"]))
    );
}

/// The rule counts the README quotes ("… against 111 rules") are the
/// catalog's; `python3 scripts/update-readme.py` refreshes them.
#[test]
fn readme_rule_counts_come_from_the_catalog() {
    const README: &str = include_str!("../README.md");
    let rules = matrix_privacy_policy::diff::RULES.len();
    let mut quoted = 0;
    for (at, _) in README.match_indices(" rules") {
        let before = &README[..at];
        let Some(rest) = before.rsplit_once("against ").map(|(_, n)| n) else {
            continue;
        };
        if let Ok(n) = rest.parse::<usize>() {
            assert_eq!(
                n, rules,
                "README.md says `against {n} rules`; the catalog has {rules}: run `python3 scripts/update-readme.py`"
            );
            quoted += 1;
        }
    }
    assert!(quoted > 0, "README.md quotes no rule count any more");
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Empty, YAML and TOML inputs say what they are; a directory suggests its
/// documents.
#[test]
fn input_kinds_are_named() {
    let empty = temp_file("empty.json", b"\n  \n");
    let o = run(&["validate", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(":1:1: (root): the input is empty"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("[empty]"));

    let yaml = temp_file("policy.yaml", b"version: 3.1.0\ntitle: Example\n");
    let o = run(&["validate", yaml.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(":1:1: (root): documents are JSON"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("[not-json]"));

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix.org");
    let o = run(&["validate", dir]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!(
            "is a directory, not a policy document; name the documents in it, e.g. `{dir}/*.json`"
        )),
        "{}",
        stderr(&o)
    );
}

/// `validate` with several files reports each, in order, and exits with the
/// worst status: 2 unreadable > 1 invalid > 0.
#[test]
fn validate_reports_every_file_and_exits_with_the_worst() {
    let broken = temp_file("broken.json", b"{\"version\": 1}");
    let broken = broken.to_str().unwrap();
    let missing = "/nonexistent/missing.json";

    let o = run(&["validate", CANONICAL, broken, CANONICAL]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let valid: Vec<_> = text.match_indices(": valid — ").collect();
    assert_eq!(valid.len(), 2, "{text}");
    let invalid = text
        .find(&format!("{broken}: invalid"))
        .expect("the broken file");
    assert!(
        valid[0].0 < invalid && invalid < valid[1].0,
        "in order: {text}"
    );

    let o = run(&["validate", CANONICAL, broken, missing]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains(": valid — "));
    assert!(stdout(&o).contains(&format!("{broken}: invalid")));
    assert!(stderr(&o).contains(missing), "{}", stderr(&o));

    let o = run(&["validate", "--format", "json", CANONICAL, missing, broken]);
    assert_eq!(o.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(report["passed"], false);
    let documents = report["documents"].as_array().unwrap();
    let files: Vec<_> = documents
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, [CANONICAL, missing, broken]);
    assert_eq!(documents[0]["valid"], true);
    assert_eq!(documents[1]["readable"], false);
    assert!(documents[1]["error"].as_str().unwrap().contains(missing));
    assert_eq!(documents[2]["valid"], false);

    for format in ["markdown", "github"] {
        let o = run(&["validate", "--format", format, CANONICAL, missing, broken]);
        assert_eq!(o.status.code(), Some(2), "{format}");
        let text = stdout(&o);
        let (a, b) = (text.find("3.1.0").unwrap(), text.find("missing").unwrap());
        assert!(a < b, "{format}: {text}");
        assert!(text.contains("broken"), "{format}: {text}");
    }
}

/// `REV:PATH` says which half is missing: the revision, or the path in it.
#[test]
fn rev_path_says_what_is_missing() {
    let git = |dir: &std::path::Path, args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .stdin(Stdio::null())
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let dir = std::env::temp_dir().join(format!("mpp-cli-{}-revpath", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::copy(CANONICAL, dir.join("policy.json")).expect("copy");
    if !(git(&dir, &["init", "-q"])
        && git(&dir, &["add", "."])
        && git(&dir, &["commit", "-q", "-m", "x"]))
    {
        let _ = std::fs::remove_dir_all(&dir);
        return; // no git here
    }
    let run_here = |spec: &str| {
        Command::new(BIN)
            .args(["validate", spec])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs")
    };
    let o = run_here("HEAD:policy.json");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_here("HEAD:missing.json");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "the revision `HEAD` exists, but the path `missing.json` does not exist in it"
        ),
        "{}",
        stderr(&o)
    );
    let o = run_here("no-such-branch:policy.json");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the revision `no-such-branch` does not exist here"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `check OLD NEW` with OLD newer than NEW hints that the arguments look
/// swapped, on stderr and in the report; the verdict is unchanged.
#[test]
fn swapped_check_arguments_get_a_hint() {
    let old = concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix.org/3.0.0.json");
    let o = run(&["check", CANONICAL, old]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is newer than NEW") && stderr(&o).contains("look swapped"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("OLD and NEW look swapped"),
        "{}",
        stdout(&o)
    );
    let o = run(&["check", old, CANONICAL]);
    assert!(!stderr(&o).contains("swapped"), "{}", stderr(&o));
}
