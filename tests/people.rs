//! The commands for people, end to end: `show` views, `render`, and the
//! authoring walk `new` → fill in → `validate` → `bump` → `check`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use matrix_privacy_policy::Policy;
use matrix_privacy_policy::render::{page, views};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_privacy-policy");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .env_remove("COLUMNS")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temporary directory, removed with its contents when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mpp-people-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn show_data_ip_address_answers_on_one_screen() {
    let o = run(&["show", "--data", "ip_address", "--width", "80"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.lines().count() <= 45, "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    insta::assert_snapshot!("show_data_ip_address", text);
}

#[test]
fn show_views_snapshots() {
    let p = Policy::canonical();
    insta::assert_snapshot!(
        "show_recipient_cloudflare",
        views::recipient(p, "cloudflare").unwrap().text(80)
    );
    insta::assert_snapshot!(
        "show_right_erasure_markdown",
        views::right(p, matrix_privacy_policy::Right::Erasure).markdown()
    );
    insta::assert_snapshot!("show_statements", views::statements(p).text(100));
}

#[test]
fn show_formats_and_errors() {
    let o = run(&["show", "--recipient", "element", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with("<a id=\"recipient-element\"></a>\n# Element"),
        "{}",
        stdout(&o)
    );
    let o = run(&["show", "--data", "ip_address", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["data_category"]["id"], "ip_address");
    assert!(v["recipients"].as_array().is_some_and(|a| !a.is_empty()));
    // Entities cite sections by id; the view lists the entries they cite.
    let cited = v["data_category"]["sections"][0].as_str().expect("an id");
    assert!(
        v["sections"].as_array().is_some_and(|t| t
            .iter()
            .any(|s| s["id"] == cited && s["heading"].is_string())),
        "{v}"
    );
    let o = run(&["show", "--format", "markdown"]);
    assert!(stdout(&o).contains("## Your rights"));
    // Unknown ids list what exists; GitHub formats are not offered.
    let o = run(&["show", "--data", "ip_adress"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ip_address"), "{}", stderr(&o));
    let o = run(&["show", "--format", "github"]);
    assert_eq!(o.status.code(), Some(2));
    let help = stdout(&run(&["show", "--help"]));
    assert!(
        help.contains("markdown") && !help.contains("github"),
        "{help}"
    );
    let o = run(&["show", "--data", "ip_address", "--right", "erasure"]);
    assert_eq!(o.status.code(), Some(2), "one view at a time");
}

#[test]
fn render_markdown_and_html() {
    let o = run(&["render", "--format", "html"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), page::html(Policy::canonical()));
    let o = run(&["render"]);
    assert_eq!(stdout(&o), page::markdown(Policy::canonical()));
    let o = run(&["render", "--format", "html-body"]);
    assert!(stdout(&o).starts_with("<article class=\"privacy-policy\" lang=\"en\">"));
    let help = stdout(&run(&["render", "--help"]));
    assert!(
        help.contains("html") && !help.contains("github") && !help.contains("json"),
        "{help}"
    );
}

/// Replaces every `TODO:` placeholder with a plausible value.
fn fill(value: &mut Value, key: &str) {
    match value {
        Value::String(s) if s.starts_with("TODO:") => {
            *s = match key {
                "url" => "https://example.org/privacy".into(),
                "email" => "privacy@example.org".into(),
                "country" => "DE".into(),
                "period" => "P90D".into(),
                _ => format!("Filled in ({key})."),
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| fill(v, key)),
        Value::Object(map) => map.iter_mut().for_each(|(k, v)| fill(v, k)),
        _ => {}
    }
}

#[test]
fn new_fill_validate_bump_check() {
    let dir = TempDir::new("walk");
    let first = dir.path("1.0.0.json");
    let o = run(&[
        "new",
        "--server",
        "example.org",
        "--date",
        "2026-01-15",
        "-o",
        &first,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("TODO"), "{}", stderr(&o));
    // `new` never replaces a file.
    let o = run(&["new", "-o", &first]);
    assert_eq!(o.status.code(), Some(2));

    // Unfilled placeholders fail validation, each saying what to write.
    let o = run(&["validate", &first]);
    assert_eq!(o.status.code(), Some(1));
    let report = stdout(&o);
    assert!(
        report.contains("TODO: the web address where this policy is published"),
        "{report}"
    );

    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    fill(&mut doc, "");
    std::fs::write(&first, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let o = run(&["validate", &first]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    let o = run(&[
        "bump",
        &first,
        "--minor",
        "--summary",
        "Clearer retention.",
        "--date",
        "2026-02",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let second = dir.path("1.1.0.json");
    assert!(Path::new(&second).exists(), "{}", stderr(&o));
    let next: Policy = serde_json::from_str(&std::fs::read_to_string(&second).unwrap()).unwrap();
    assert_eq!(next.version.to_string(), "1.1.0");
    assert_eq!(
        next.history.last().map(|h| h.summary.as_str()),
        Some("Clearer retention.")
    );

    let o = run(&["check", &first, &second]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    // Again: the release exists, so nothing is replaced; a date before the
    // last release is refused.
    let o = run(&[
        "bump",
        &first,
        "--minor",
        "--summary",
        "x",
        "--date",
        "2026-02",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "bump",
        &second,
        "--patch",
        "--summary",
        "x",
        "--date",
        "2020-01-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("before the last release"),
        "{}",
        stderr(&o)
    );
    let o = run(&["bump", &second, "--summary", "x"]);
    assert_eq!(o.status.code(), Some(2), "a level is required");
}

/// The README's example outputs are the binary's; `python3
/// scripts/update-readme.py` refreshes them.
#[test]
fn readme_examples_are_current() {
    const README: &str = include_str!("../README.md");
    let examples: [(&str, &[&str], &str); 2] = [
        (
            "show-data",
            &["show", "--data", "ip_address", "--width", "80"],
            "show --data ip_address",
        ),
        (
            "validate-broken",
            &["validate", "examples/broken.json"],
            "validate examples/broken.json",
        ),
    ];
    for (name, args, shown) in examples {
        let start = format!("<!-- {name}:start -->\n");
        let begin = README.find(&start).expect("README.md has the block") + start.len();
        let end = README[begin..]
            .find(&format!("<!-- {name}:end -->"))
            .expect("and its end")
            + begin;
        let o = Command::new(BIN)
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("COLUMNS")
            .output()
            .expect("the binary runs");
        let expected = format!("```text\n$ privacy-policy {shown}\n{}```\n", stdout(&o));
        assert!(
            README[begin..end] == expected,
            "README.md's `{shown}` example is stale: run `python3 scripts/update-readme.py`"
        );
    }
}
