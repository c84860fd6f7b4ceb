//! The release gate end to end: the README workflow's own commands (the
//! lines between `# gate:start` and `# gate:end`) run with bash against a
//! temporary git repository, for honest and hostile pull requests; and
//! `check-releases` case by case.

mod gate_support;

use std::path::Path;
use std::process::{Command, Output};

use gate_support::*;

/// The gate script of the README's workflow, dedented.
fn readme_gate_script() -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find("# gate:start")
        .expect("README.md has a `# gate:start` line");
    let end = readme
        .find("# gate:end")
        .expect("README.md has a `# gate:end` line");
    let block = &readme[start..end];
    let indent = readme[..start]
        .rsplit_once('\n')
        .map_or(0, |(_, tail)| tail.len());
    block
        .lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs the README's gate in `dir` as the workflow would: `BASE_REF=main`,
/// `privacy-policy` on the PATH.
fn run_gate(dir: &Path) -> Output {
    let bin_dir = Path::new(BIN).parent().expect("bin dir");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .arg("-c")
        .arg(readme_gate_script())
        .current_dir(dir)
        .env("PATH", path)
        .env("BASE_REF", "main")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("bash runs")
}

/// A repository like the project's: `data/matrix.org/` with two releases
/// and an empty `accepted.json` on `main`, `origin/main` pointing at it, and
/// a pull-request branch `pr` checked out.
fn repository(s: &Scratch) {
    let dir = s.path();
    git(dir, &["init", "-q"]);
    s.write("data/matrix.org/1.1.0.json", BASE_JSON);
    s.write(
        "data/matrix.org/1.1.1.json",
        &json(&at_version(base(), "1.1.1")),
    );
    s.write("accepted.json", r#"{"accepted": []}"#);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "main"]);
    git(dir, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    git(dir, &["checkout", "-q", "-b", "pr"]);
}

fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// Release 2.0.0 after 1.1.1, with the major change and an honest bump.
fn honest_release(s: &Scratch) {
    let mut p = at_version(at_version(base(), "1.1.1"), "2.0.0");
    if let Some(cdn) = p.recipients.iter_mut().find(|r| r.id == "cdn") {
        cdn.receives.push(id("user_agent"));
    }
    s.write("data/matrix.org/2.0.0.json", &json(&p));
}

/// Release 1.2.0 after 1.1.1: a major change declared minor.
fn dishonest_release(s: &Scratch) {
    let mut p = at_version(at_version(base(), "1.1.1"), "1.2.0");
    if let Some(cdn) = p.recipients.iter_mut().find(|r| r.id == "cdn") {
        cdn.receives.push(id("user_agent"));
    }
    s.write("data/matrix.org/1.2.0.json", &json(&p));
}

#[test]
fn the_readme_workflow_passes_an_honest_release() {
    if !have_git() {
        return;
    }
    let s = Scratch::new("wf-honest");
    repository(&s);
    honest_release(&s);
    commit(s.path(), "2.0.0");
    let o = run_gate(s.path());
    assert_eq!(code(&o), 0, "{}", both(&o));
    assert_clean("gate stdout", &o.stdout, true);
}

#[test]
fn the_readme_workflow_fails_a_dishonest_release() {
    if !have_git() {
        return;
    }
    let s = Scratch::new("wf-dishonest");
    repository(&s);
    dishonest_release(&s);
    commit(s.path(), "1.2.0");
    let o = run_gate(s.path());
    assert_eq!(code(&o), 1, "{}", both(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("::error"));
}

#[test]
fn hostile_pull_requests_fail_the_readme_workflow() {
    if !have_git() {
        return;
    }
    // An accept file in the pull request is not read: the base's is.
    let s = Scratch::new("wf-accept");
    repository(&s);
    dishonest_release(&s);
    s.write(
        "accepted.json",
        r#"{"accepted": [{"rule": "recipient-data-added", "pointer": "/recipients/cdn/receives/user_agent", "reason": "trust me"}]}"#,
    );
    commit(s.path(), "1.2.0 with its own excuse");
    let o = run_gate(s.path());
    assert_eq!(
        code(&o),
        1,
        "accept file of the pull request used: {}",
        both(&o)
    );

    // A planted `origin/main:accepted.json` file is refused, not read.
    let s = Scratch::new("wf-planted");
    repository(&s);
    dishonest_release(&s);
    s.write(
        "origin/main:accepted.json",
        r#"{"accepted": [{"rule": "recipient-data-added", "pointer": "/recipients/cdn/receives/user_agent", "reason": "trust me"}]}"#,
    );
    commit(s.path(), "1.2.0 with a planted base");
    let o = run_gate(s.path());
    assert_eq!(code(&o), 2, "planted file read: {}", both(&o));

    // An older published release edited (a recipient added to 1.1.0) while
    // the new release is honest.
    let s = Scratch::new("wf-old");
    repository(&s);
    honest_release(&s);
    let mut old = base();
    let mut extra = old.recipients[0].clone();
    extra.id = id("quiet_partner");
    old.recipients.push(extra);
    s.write("data/matrix.org/1.1.0.json", &json(&old));
    commit(s.path(), "2.0.0 and a quiet edit of 1.1.0");
    let o = run_gate(s.path());
    assert_eq!(code(&o), 1, "edited release passed: {}", both(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1.1.0.json"));
}

#[test]
fn check_releases_cases() {
    if !have_git() {
        return;
    }
    let gate = |dir: &Path| {
        run_in(
            dir,
            &["check-releases", "data/matrix.org", "--base", "origin/main"],
        )
    };

    // A removed release.
    let s = Scratch::new("cr-removed");
    repository(&s);
    std::fs::remove_file(s.path().join("data/matrix.org/1.1.0.json")).expect("rm");
    let o = gate(s.path());
    assert_eq!(code(&o), 1, "{}", both(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("removed"));

    // A file name that disagrees with its version.
    let s = Scratch::new("cr-name");
    repository(&s);
    s.write(
        "data/matrix.org/2.0.1.json",
        &json(&at_version(at_version(base(), "1.1.1"), "2.0.0")),
    );
    let o = gate(s.path());
    assert_eq!(code(&o), 1, "{}", both(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("file name says 2.0.1"));

    // Pre-releases sort before their release: 2.0.0-rc.1 then 2.0.0.
    let s = Scratch::new("cr-rc");
    repository(&s);
    let mut rc = at_version(at_version(base(), "1.1.1"), "2.0.0-rc.1");
    if let Some(cdn) = rc.recipients.iter_mut().find(|r| r.id == "cdn") {
        cdn.receives.push(id("user_agent"));
    }
    let release = at_version(rc.clone(), "2.0.0");
    s.write("data/matrix.org/2.0.0-rc.1.json", &json(&rc));
    s.write("data/matrix.org/2.0.0.json", &json(&release));
    let o = gate(s.path());
    assert_eq!(code(&o), 0, "{}", both(&o));

    // A new release older than the base's newest.
    let s = Scratch::new("cr-older");
    repository(&s);
    s.write(
        "data/matrix.org/1.0.5.json",
        &json(&at_version(base(), "1.0.5")),
    );
    let o = gate(s.path());
    assert_eq!(code(&o), 1, "{}", both(&o));

    // The first pull request: no releases at the base yet.
    let s = Scratch::new("cr-first");
    let dir = s.path();
    git(dir, &["init", "-q"]);
    s.write("README", "x");
    commit(dir, "empty");
    git(dir, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    s.write("data/matrix.org/1.1.0.json", BASE_JSON);
    let o = gate(dir);
    assert_eq!(code(&o), 0, "{}", both(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("first release"));

    // A base that is not a revision: could not run.
    let o = run_in(
        dir,
        &["check-releases", "data/matrix.org", "--base", "origin/nope"],
    );
    assert_eq!(code(&o), 2, "{}", both(&o));
}
