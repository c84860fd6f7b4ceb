//! The text binding (`text::coverage`, `text::text_changes`) on small texts
//! written for the tests, and — ignored by default, because the published
//! texts are not part of the repository — on every published Matrix.org
//! text, read from `../shared/policy-history/<version>.md` (or
//! `$MPP_POLICY_TEXTS`). CI runs the ignored tests.

use std::path::PathBuf;

use matrix_privacy_policy::{Policy, text};

fn texts_dir() -> PathBuf {
    std::env::var_os("MPP_POLICY_TEXTS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/policy-history"),
        PathBuf::from,
    )
}

fn published_text(version: &str) -> String {
    let path = texts_dir().join(format!("{version}.md"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (set MPP_POLICY_TEXTS)", path.display()))
}

#[test]
#[ignore = "reads the published texts from ../shared/policy-history (CI runs it)"]
fn every_release_covers_its_published_text() {
    let mut report = Vec::new();
    for policy in Policy::releases() {
        let version = policy.version.to_string();
        let coverage = text::coverage(policy, &published_text(&version));
        assert!(coverage.sections.len() > 20, "{version}: too few sections");
        for s in &coverage.uncited {
            report.push(format!(
                "{version}: line {}: {} is cited by no entity",
                s.line,
                s.label()
            ));
        }
        for c in &coverage.missing {
            report.push(format!(
                "{version}: {} lists {}, which the text does not have",
                c.pointer,
                c.label()
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
#[ignore = "reads the published texts from ../shared/policy-history (CI runs it)"]
fn text_changes_between_releases_are_listed() {
    let releases = Policy::releases();
    let mut total = 0;
    for pair in releases.windows(2) {
        let [old, new] = pair else { continue };
        let (ov, nv) = (old.version.to_string(), new.version.to_string());
        let changes = text::text_changes(old, new, &published_text(&ov), &published_text(&nv));
        for c in &changes {
            println!(
                "{ov} -> {nv}: {} (line {}) changed, no citing entity did",
                c.new.label(),
                c.new.line
            );
        }
        total += changes.len();
    }
    println!("{total} text changes the data did not follow");
}

const OLD: &str = "---\ntitle: Example\nversion: 1.0.0\n---\n\n## 1. About\n\n### 1.1 Who we are\n\nExample Ltd runs the homeserver.\n\n### 1.2 Passwords\n\nHashed with bcrypt.\n\n## Making a Complaint\n\nWrite to the regulator.\n";

/// A policy whose sections table is exactly 1.1, 1.2 and the complaint
/// section, every citation re-pointed at one of them in turn.
fn example_policy() -> Policy {
    use matrix_privacy_policy::Section;
    use matrix_privacy_policy::model::graph::{Collection, OTHER_REFERENCES, REFERENCES};
    let mut p = Policy::canonical().clone();
    let section = |id: &str, number: Option<&str>, heading: &str| Section {
        id: id.parse().unwrap(),
        number: number.map(str::to_owned),
        heading: heading.to_owned(),
    };
    p.sections = vec![
        section("who_we_are", Some("1.1"), "Who we are"),
        section("passwords", Some("1.2"), "Passwords"),
        section("complaints", None, "Making a Complaint"),
    ];
    let ids: Vec<_> = p.sections.iter().map(|s| s.id.clone()).collect();
    let mut next = 0;
    let mut retarget = |id: &mut matrix_privacy_policy::Id| {
        *id = ids[next % ids.len()].clone();
        next += 1;
    };
    for edge in REFERENCES.iter().filter(|e| e.to == Collection::Sections) {
        edge.for_each_mut(&mut p, &mut retarget);
    }
    for other in OTHER_REFERENCES
        .iter()
        .filter(|e| e.to == Collection::Sections)
    {
        other.for_each_mut(&mut p, &mut retarget);
    }
    p
}

#[test]
fn coverage_fails_on_an_extra_section_and_passes_once_cited() {
    let p = example_policy();
    let report = text::coverage(&p, OLD);
    assert!(report.is_complete(), "{report:?}");

    let extra = OLD.replace(
        "## Making a Complaint",
        "### 1.3 Cookies\n\nWe set one session cookie.\n\n## Making a Complaint",
    );
    let report = text::coverage(&p, &extra);
    assert!(!report.is_complete());
    let uncited: Vec<String> = report.uncited.iter().map(|s| s.label()).collect();
    assert_eq!(uncited, ["1.3 Cookies"]);
    assert_eq!(report.uncited[0].line, 16);
}

#[test]
fn check_text_flags_a_text_change_with_no_data_change() {
    let p = example_policy();
    let new_text = OLD.replace("Hashed with bcrypt.", "Hashed with argon2id.");
    let changes = text::text_changes(&p, &p, OLD, &new_text);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].new.label(), "1.2 Passwords");
    // A renumbered section (the table following the new number) is still
    // paired by its heading: only the number changed, not what it says.
    let renumbered = new_text.replace("### 1.2 Passwords", "### 1.5 Passwords");
    let mut moved = p.clone();
    moved.sections[1].number = Some("1.5".to_owned());
    assert!(text::coverage(&moved, &renumbered).is_complete());
    let changes = text::text_changes(&p, &moved, OLD, &renumbered);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].old.number.as_deref(), Some("1.2"));
}

// The command line: `coverage` and `check --text`.

const BIN: &str = env!("CARGO_BIN_EXE_privacy-policy");

/// A directory removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("mpp-text-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A Markdown text with exactly the sections `policy` cites.
fn text_for(policy: &Policy) -> String {
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::from("---\ntitle: Test\n---\n\n");
    for c in text::citations(policy) {
        let label = c.label();
        if !seen.contains(&label) {
            out.push_str(&format!("## {label}\n\nWhat {label} says.\n\n"));
            seen.push(label);
        }
    }
    out
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = std::process::Command::new(BIN).args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn coverage_command_reports_uncited_sections_with_their_lines() {
    let dir = TempDir::new("coverage");
    let policy = Policy::canonical();
    let data = dir.write(
        "policy.json",
        &serde_json::to_string_pretty(policy).unwrap(),
    );
    let text = text_for(policy);
    let good = dir.write("policy.md", &text);
    let (code, out, _) = run(&["coverage", &data, &good]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("covered"));

    let bad = dir.write("extra.md", &format!("{text}## 9. Cookies\n\nOne cookie.\n"));
    let (code, out, _) = run(&["coverage", &data, &bad]);
    assert_eq!(code, 1);
    assert!(
        out.contains("section 9 Cookies is cited by no statement"),
        "{out}"
    );
    let (code, out, _) = run(&["coverage", &data, &bad, "--format", "github"]);
    assert_eq!(code, 1);
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error file=") && l.contains("Cookies")),
        "{out}"
    );
    let (code, out, _) = run(&["coverage", &data, &bad, "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["uncited"][0]["heading"], "Cookies");

    // A hostile heading cannot start a workflow command.
    let hostile = dir.write(
        "hostile.md",
        &format!("{text}## 9. x ::error::pwned ##[group]\n\nBody.\n"),
    );
    let (_, out, _) = run(&["coverage", &data, &hostile, "--format", "github"]);
    assert!(!out.contains("##["), "{out}");
    assert!(
        out.lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::notice ")),
        "{out}"
    );

    let (code, _, err) = run(&[
        "coverage",
        &data,
        &dir.0.join("missing.md").to_string_lossy(),
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn check_with_text_flags_unencoded_text_changes_and_unchanged_versions() {
    let dir = TempDir::new("check");
    let policy = Policy::canonical();
    let data = dir.write(
        "policy.json",
        &serde_json::to_string_pretty(policy).unwrap(),
    );
    let text = text_for(policy);
    let old_text = dir.write("old.md", &text);
    let new_text = dir.write(
        "new.md",
        &text.replace(
            "What 2.6 How do you handle passwords? says.",
            "Passwords now use argon2id.",
        ),
    );
    // The text changed, the data did not, the version did not: fails.
    let (code, out, _) = run(&["check", &data, &data, "--text", &old_text, &new_text]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("text-changed-data-unchanged"), "{out}");
    assert!(out.contains("2.6 How do you handle passwords?"), "{out}");
    // The same texts without a change: passes.
    let (code, out, _) = run(&["check", &data, &data, "--text", &old_text, &old_text]);
    assert_eq!(code, 0, "{out}");
    // A new section no statement cites fails the check whatever the bump.
    let extra = dir.write("extra.md", &format!("{text}## 9. Cookies\n\nOne cookie.\n"));
    let (code, out, _) = run(&[
        "check", &data, &data, "--text", &old_text, &extra, "--format", "json",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("text-section-uncited"), "{out}");
}
