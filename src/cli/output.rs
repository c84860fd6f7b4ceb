//! Everything the CLI writes goes through here: standard output, standard
//! error and the GitHub job summary.
//!
//! - Every byte is passed through [`escape::output`]: no ESC or other
//!   control byte, no `##[`, and no line starting with `::` unless the
//!   command writes GitHub workflow commands on purpose ([`out_commands`]);
//! - a failed write (a full disk, a closed pipe) is remembered and turns the
//!   exit code into 2 ([`finish`]), with a message when stderr still works;
//!   a closed or full stderr never panics;
//! - the Markdown report and the job summary are capped below GitHub's
//!   1 MiB summary limit, workflow annotations to GitHub's per-step limits.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use matrix_privacy_policy::render::escape;

use super::Exit;

/// Set when any write of the report failed.
static WRITE_FAILED: AtomicBool = AtomicBool::new(false);

/// The most Markdown one command writes, to stdout or the job summary:
/// GitHub drops a step summary over 1 MiB, so stay well below it.
pub const MARKDOWN_LIMIT: usize = 900 * 1024;

/// The most annotations of one level (error, warning, notice) one command
/// writes: GitHub shows at most 10 of each per step.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// The longest annotation line, in bytes (GitHub truncates long messages).
pub const ANNOTATION_BYTES: usize = 4 * 1024;

/// `eprintln!` for the CLI: sanitized, never panics, a failure is remembered.
macro_rules! eprintln {
    ($($arg:tt)*) => {
        $crate::cli::output::err(&format!($($arg)*))
    };
}

fn failed(what: &str, e: &std::io::Error) {
    WRITE_FAILED.store(true, Ordering::Relaxed);
    err(&format!("privacy-policy: could not write {what}: {e}"));
}

fn write_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        failed("the report to standard output", &e);
    }
}

/// Writes text that holds no workflow command to stdout.
pub fn out(text: &str) {
    write_stdout(&escape::output(text, false));
}

/// Writes GitHub workflow commands (whose data the renderer escaped) to
/// stdout, capped to GitHub's per-step annotation limits.
pub fn out_commands(text: &str) {
    write_stdout(&escape::output(&cap_annotations(text), true));
}

/// Writes a Markdown report to stdout, capped below [`MARKDOWN_LIMIT`].
pub fn out_markdown(markdown: &str) {
    out(&cap_markdown(markdown, MARKDOWN_LIMIT));
}

/// Writes one line to stderr. A failure is remembered (exit 2) but there is
/// nowhere left to report it.
pub fn err(line: &str) {
    let mut text = escape::output(line, false);
    text.push('\n');
    let mut stderr = std::io::stderr().lock();
    if stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush())
        .is_err()
    {
        WRITE_FAILED.store(true, Ordering::Relaxed);
    }
}

/// Appends `markdown` to the file named by `$GITHUB_STEP_SUMMARY`, when
/// set, within what is left of GitHub's 1 MiB budget for the step.
pub fn append_step_summary(markdown: &str) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") else {
        return;
    };
    let used = std::fs::metadata(&path)
        .map(|m| usize::try_from(m.len()).unwrap_or(usize::MAX))
        .unwrap_or(0);
    let budget = MARKDOWN_LIMIT.saturating_sub(used);
    let text = escape::output(&cap_markdown(markdown, budget), false);
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.flush()));
    if let Err(e) = written {
        failed("the job summary ($GITHUB_STEP_SUMMARY)", &e);
    }
}

/// The exit code, or 2 when a write failed.
pub fn finish(exit: Exit) -> Exit {
    if WRITE_FAILED.load(Ordering::Relaxed) {
        Exit::CouldNotRun
    } else {
        exit
    }
}

/// Whether a Markdown line is one finding (a list item or a table row).
fn is_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || (t.starts_with("| ") && !t.starts_with("| bump"))
}

/// `markdown` cut at a line boundary to fit in `limit` bytes, with a line
/// saying how many findings were left out.
pub fn cap_markdown(markdown: &str, limit: usize) -> String {
    if markdown.len() <= limit {
        return markdown.to_owned();
    }
    const NOTE_ROOM: usize = 200;
    let keep = limit.saturating_sub(NOTE_ROOM);
    let mut out = String::new();
    let mut omitted = 0usize;
    let mut full = false;
    for line in markdown.split_inclusive('\n') {
        if !full && out.len() + line.len() <= keep {
            out.push_str(line);
            continue;
        }
        full = true;
        if is_item(line) {
            omitted += 1;
        }
    }
    if limit >= NOTE_ROOM {
        if !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(
            "\n**{omitted} more findings not shown** (the report is limited to {limit} bytes): see the JSON report (`--format json`).\n"
        ));
    }
    out
}

/// Workflow commands capped per level ([`ANNOTATIONS_PER_LEVEL`]) and per
/// line ([`ANNOTATION_BYTES`]); the last line (the verdict) is always kept
/// and says how many were left out.
pub fn cap_annotations(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some((verdict, rest)) = lines.split_last() else {
        return String::new();
    };
    let mut counts = [0usize; 3];
    let mut omitted = 0usize;
    let mut out = String::new();
    for line in rest {
        let level = if line.starts_with("::error") {
            0
        } else if line.starts_with("::warning") {
            1
        } else {
            2
        };
        // One slot of each level is kept for the verdict and the note.
        if counts[level] + 1 >= ANNOTATIONS_PER_LEVEL {
            omitted += 1;
            continue;
        }
        counts[level] += 1;
        out.push_str(&cut_line(line));
        out.push('\n');
    }
    // The note goes on the verdict's line: no extra annotation.
    let mut last = cut_line(verdict);
    if omitted > 0 {
        last.push_str(&format!(
            "%0A({omitted} more annotations not shown: GitHub shows {ANNOTATIONS_PER_LEVEL} per level and step; see the job summary or the JSON report)"
        ));
    }
    out.push_str(&last);
    out.push('\n');
    out
}

/// An annotation line cut to [`ANNOTATION_BYTES`] on a character boundary,
/// never inside a `%XX` escape.
fn cut_line(line: &str) -> String {
    if line.len() <= ANNOTATION_BYTES {
        return line.to_owned();
    }
    let mut end = ANNOTATION_BYTES - 3;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let mut cut = &line[..end];
    if let Some(p) = cut.get(cut.len().saturating_sub(2)..)
        && let Some(i) = p.find('%')
    {
        cut = &cut[..cut.len() - p.len() + i];
    }
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_capped_with_a_note() {
        let md: String = (0..1000).map(|i| format!("- finding {i}\n")).collect();
        let capped = cap_markdown(&md, 2000);
        assert!(capped.len() <= 2000, "{}", capped.len());
        assert!(capped.contains("more findings not shown"));
        let kept = capped.lines().filter(|l| is_item(l)).count();
        assert!(capped.contains(&format!("**{} more findings", 1000 - kept)));
        assert_eq!(cap_markdown("- a\n", 2000), "- a\n");
    }

    #[test]
    fn annotations_are_capped_and_the_verdict_kept() {
        let mut text: String = (0..50).map(|i| format!("::error title=x::{i}\n")).collect();
        text.push_str("::error title=verdict::failed\n");
        let capped = cap_annotations(&text);
        assert_eq!(
            capped.lines().filter(|l| l.starts_with("::error")).count(),
            10
        );
        assert!(capped.contains("::error title=verdict::failed%0A(41 more"));
        assert!(capped.contains("41 more annotations"));
        let long = format!("::error::{}", "%0A".repeat(3000));
        let cut = cut_line(&long);
        assert!(cut.len() <= ANNOTATION_BYTES && cut.trim_end_matches('…').ends_with("%0A"));
    }
}
