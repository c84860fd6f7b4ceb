//! The rule catalog for people and machines: the list (`privacy-policy
//! rules`), one rule (`privacy-policy explain`), and the README's table.
//! The catalog itself is data, in [`crate::diff::rules`].
//!
//! ```
//! use matrix_privacy_policy::render::catalog;
//! assert!(catalog::markdown_table().contains("| `recipient-added` | major |"));
//! assert!(catalog::text().contains("recipient-added"));
//! ```

use std::fmt::Write as _;

use super::text::markdown_trusted_cell;
use crate::diff::rules::{RULES, Rule, sorted};

/// The rule catalog as text, most severe first.
pub fn text() -> String {
    let mut out = String::new();
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut last = None;
    for rule in sorted() {
        if last != Some(rule.bump) {
            let n = RULES.iter().filter(|r| r.bump == rule.bump).count();
            let _ = writeln!(
                out,
                "{}{} ({n})",
                if last.is_some() { "\n" } else { "" },
                rule.bump
            );
            last = Some(rule.bump);
        }
        let fails = if rule.fails_check {
            " [fails the check]"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {:<width$}  {:<9}  {}{fails}",
            rule.id, rule.effect, rule.title
        );
    }
    let _ = writeln!(
        out,
        "\n{} rules; `privacy-policy explain RULE` for one.",
        RULES.len()
    );
    out
}

/// The rule catalog as a pretty-printed JSON array of rule objects (`id`,
/// `bump`, `effect`, `fails_check`, `changelog`, `title`, `rationale`,
/// `reference`).
pub fn json() -> String {
    let mut s = serde_json::to_string_pretty(RULES).unwrap_or_default();
    s.push('\n');
    s
}

/// The catalog as a Markdown table (id, bump, effect, title, rationale,
/// reference), most severe first and in catalog order within a bump. The
/// README carries a copy between `<!-- rules:start -->` and
/// `<!-- rules:end -->`, and a test keeps it current.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| rule | bump | effect | what | why | reference |\n|---|---|---|---|---|---|\n",
    );
    for rule in sorted() {
        let bump = if rule.fails_check {
            format!("{} (fails)", rule.bump)
        } else {
            rule.bump.to_string()
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            rule.id,
            bump,
            rule.effect,
            markdown_trusted_cell(rule.title),
            markdown_trusted_cell(rule.rationale),
            markdown_trusted_cell(rule.reference),
        ));
    }
    out
}

/// One rule as plain text, for `privacy-policy explain`.
pub fn explain(rule: &Rule) -> String {
    let mut out = format!(
        "{id}: {title}\n\n  bump:      {bump}{fails}\n  effect:    {effect} ({effect_doc})\n  changelog: {section}\n  why:       {why}\n  reference: {reference}\n",
        id = rule.id,
        title = rule.title,
        bump = rule.bump,
        fails = if rule.fails_check {
            " (fails the check unless accepted)"
        } else {
            ""
        },
        effect = rule.effect,
        effect_doc = rule.effect.describe(),
        section = rule.changelog.heading(),
        why = rule.rationale,
        reference = rule.reference,
    );
    out.push_str("\nAccept a finding of this rule with an entry in the --accept file:\n");
    out.push_str(&format!(
        "  {{\"rule\": \"{}\", \"pointer\": \"/…\", \"reason\": \"…\"}}\n",
        rule.id
    ));
    out
}
