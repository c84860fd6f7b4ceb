//! Shared helpers of the release-gate tests (`tests/gate_*.rs`): scratch
//! directories, git repositories, the binary, policies at new versions, and
//! the output invariants every command must keep.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use matrix_privacy_policy::{Id, Policy, Revision};

/// The diff tests' base fixture (version 1.1.0).
pub const BASE_JSON: &str = include_str!("../fixtures/diff/base.json");

/// The base fixture, loaded.
pub fn base() -> Policy {
    matrix_privacy_policy::load::load_str(BASE_JSON).expect("the base fixture is a valid policy")
}

/// An id.
pub fn id(s: &str) -> Id {
    s.parse().expect("valid id")
}

/// A temporary directory, removed on drop.
pub struct Scratch(PathBuf);

impl Scratch {
    /// A fresh directory named after the test.
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mpp-gate-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }
    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }
    /// Writes `text` at `name` (parent directories created); its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The CLI binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_privacy-policy");

/// Runs the CLI in `dir` with `args`, stdin closed.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// Its exit code (-1 for a signal).
pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// Stdout and stderr, for assertion messages.
pub fn both(o: &Output) -> String {
    format!(
        "--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Whether git is installed (the git tests skip without it).
pub fn have_git() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

/// Runs git in `dir`; panics with its stderr on failure.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
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
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `p` at `version`, with its history entry.
pub fn at_version(mut p: Policy, version: &str) -> Policy {
    p.version = version.parse().expect("version");
    p.history.push(Revision {
        version: p.version.clone(),
        date: "2024-02-01".parse().expect("date"),
        summary: format!("Release {version}"),
    });
    p
}

/// The base at `version` with one major change (the CDN receives user agents).
pub fn major_change(version: &str) -> Policy {
    let mut p = at_version(base(), version);
    if let Some(cdn) = p.recipients.iter_mut().find(|r| r.id == "cdn") {
        cdn.receives.push(id("user_agent"));
    }
    p
}

/// Pretty JSON of a policy.
pub fn json(p: &Policy) -> String {
    serde_json::to_string_pretty(p).expect("serializes")
}

/// Hostile text: line breaks followed by workflow commands, the legacy
/// `##[` syntax, terminal escapes (CSI, OSC hyperlink), bidi and zero-width.
pub const HOSTILE: &str = "Evil\n::error file=x::pwned\n::add-mask::secret\r\n  ::warning::w ##[set-output name=x]y \u{1b}[2J\u{1b}]8;;http://e\u{7}link\u{1b}]8;;\u{7} \u{202e}rev\u{200b} `` ` <img src=x onerror=alert(1)> [l](http://e) www.evil.example";

/// The invariants every output keeps, whatever the input: no ESC (nor any
/// other control byte bar line feed and tab), no `##[`, and no line that
/// starts with `::` — except, when `commands` is set, the tool's own
/// annotations (`::error`, `::warning`, `::notice` with escaped data).
pub fn assert_clean(what: &str, bytes: &[u8], commands: bool) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.contains('\u{1b}'),
        "{what}: an ESC byte reached the output:\n{text}"
    );
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{what}: a control character reached the output:\n{text}"
    );
    assert!(
        !text.contains("##["),
        "{what}: `##[` reached the output:\n{text}"
    );
    for c in ['\u{202e}', '\u{200b}'] {
        assert!(!text.contains(c), "{what}: {c:?} reached the output");
    }
    for line in text.lines() {
        let t = line.trim_start();
        if !t.starts_with("::") {
            continue;
        }
        assert!(commands, "{what}: a line starts with `::`: {line}");
        let tool = ["::error", "::warning", "::notice"]
            .iter()
            .any(|p| t.starts_with(p) && line == t);
        assert!(tool, "{what}: not one of the tool's annotations: {line}");
        // Properties are escaped (`%3A`): the first `::` after the command
        // ends them, and whatever follows is data the runner never runs.
        let head = t[2..].split_once("::").map(|(h, _)| h);
        assert!(
            head.is_some_and(|h| !h.contains(':')),
            "{what}: a malformed annotation: {line}"
        );
    }
}
