//! The `show` summary: one screenful per question a reader has, with names
//! rather than ids, periods in words, and what the text leaves unsaid.

use super::blocks::{self, Block, Inline, Item, heading, item, strong, text};
use super::views::{capitalise, join_and};
use crate::{Id, Policy};

/// A plain-text summary of `policy` wrapped at 80 columns, one section per
/// question a reader has: what is collected, why and on what basis, who
/// receives it, how long it is kept, and what the reader can do about it.
pub fn summary(policy: &Policy) -> String {
    summary_text(policy, 80)
}

/// [`summary`] wrapped at `width` columns (at least 20).
pub fn summary_text(policy: &Policy, width: usize) -> String {
    blocks::to_text(&summary_blocks(policy), width)
}

/// A recipient's role inside parentheses: a reading is a clause, not a nested pair.
fn role_in_parentheses(r: &crate::Recipient) -> String {
    match r.role {
        Some(role) if r.inferred.contains(&crate::RecipientField::Role) => {
            format!("{}; our reading of the text", role.label())
        }
        _ => r.role_in_words(),
    }
}

fn names(p: &Policy, ids: &[Id]) -> String {
    let v: Vec<&str> = ids
        .iter()
        .map(|id| {
            p.data_category(id.as_str())
                .map_or(id.as_str(), |d| d.name.as_str())
        })
        .collect();
    join_and(&v)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary_blocks(p: &Policy) -> Vec<Block> {
    let mut b = vec![heading(
        1,
        None,
        format!("{}, version {}", p.title, p.version),
    )];
    if let Some(last) = p.history.last() {
        b.push(Block::Para(vec![text(format!(
            "Published {}: {}",
            last.date, last.summary
        ))]));
    }
    if let Some(url) = &p.url {
        b.push(Block::Para(vec![text(format!("Full text: {url}"))]));
    }

    let c = &p.controller;
    b.push(heading(2, None, "Who is responsible"));
    let mut who = c.name.clone();
    if let Some(form) = &c.legal_form {
        who.push_str(&format!(" ({form})"));
    }
    if let Some(a) = &c.address {
        let mut parts = a.lines.clone();
        parts.push(a.locality.clone());
        if let Some(pc) = &a.postal_code {
            parts.push(pc.clone());
        }
        parts.push(a.country.clone());
        who.push_str(&format!(", {}", parts.join(", ")));
    }
    b.push(Block::Para(vec![text(who)]));
    let contacts: Vec<Item> = p
        .contacts
        .iter()
        .map(|ct| {
            let how = ct
                .email
                .as_ref()
                .map(ToString::to_string)
                .or_else(|| ct.url.as_ref().map(ToString::to_string))
                .unwrap_or_default();
            item(vec![
                strong(format!("{}: ", capitalise(ct.role.label()))),
                text(how),
            ])
        })
        .collect();
    if !contacts.is_empty() {
        b.push(Block::List(contacts));
    }

    b.push(heading(2, None, "Services"));
    b.push(Block::List(
        p.services
            .iter()
            .map(|s| {
                let mut line = s.name.clone();
                if !s.operated_by.is_empty() {
                    let by: Vec<&str> = s
                        .operated_by
                        .iter()
                        .map(|id| {
                            p.recipient(id.as_str())
                                .map_or(id.as_str(), |r| r.name.as_str())
                        })
                        .collect();
                    line.push_str(&format!(", operated by {}", join_and(&by)));
                }
                item(vec![text(line)])
            })
            .collect(),
    ));

    b.push(heading(
        2,
        None,
        "What is collected (show --data ID: everything about one)",
    ));
    b.push(Block::List(
        p.data_categories
            .iter()
            .map(|d| {
                item(vec![
                    strong(d.name.clone()),
                    text(format!(
                        " ({}): {}{}",
                        d.id,
                        d.source.label(),
                        if d.optional { "; optional" } else { "" }
                    )),
                ])
            })
            .collect(),
    ));

    b.push(heading(2, None, "Why, and on what legal basis"));
    let all = p.data_categories.len();
    b.push(Block::List(
        p.purposes
            .iter()
            .map(|pu| {
                // Inside parentheses: the reading mark is a clause, not a nested pair.
                let bases = blocks::legal_bases_in_words(pu, false, "; our reading of the text");
                let data = if pu.data.len() == all && all > 1 {
                    "every data category".to_owned()
                } else {
                    names(p, &pu.data)
                };
                item(vec![
                    strong(pu.name.clone()),
                    text(format!(" ({bases}): {data}")),
                ])
            })
            .collect(),
    ));

    b.push(heading(
        2,
        None,
        "Who receives it (show --recipient ID: what, why, where)",
    ));
    b.push(Block::List(
        p.recipients
            .iter()
            .map(|r| {
                let what = if r.receives.is_empty() {
                    "which data is not stated in the policy".to_owned()
                } else if r.receives.len() <= 3 {
                    names(p, &r.receives)
                } else {
                    plural(r.receives.len(), "data category", "data categories")
                };
                let when = if r.condition.is_some() {
                    ", in some circumstances"
                } else {
                    ""
                };
                item(vec![
                    strong(r.name.clone()),
                    text(format!(
                        " ({}, {}) [{}]: {what}{when}",
                        r.kind_in_words(),
                        role_in_parentheses(r),
                        r.id
                    )),
                ])
            })
            .collect(),
    ));

    b.push(heading(2, None, "Transfers outside the EU"));
    if p.transfers.is_empty() {
        b.push(Block::Para(vec![text("None stated in the policy.")]));
    } else {
        b.push(Block::List(
            p.transfers
                .iter()
                .map(|t| {
                    let to: Vec<&str> = t
                        .recipients
                        .iter()
                        .map(|id| {
                            p.recipient(id.as_str())
                                .map_or(id.as_str(), |r| r.name.as_str())
                        })
                        .collect();
                    let safeguards: Vec<&str> = t.safeguards.iter().map(|s| s.label()).collect();
                    let safeguards = if safeguards.is_empty() {
                        "no safeguard stated".to_owned()
                    } else {
                        format!("safeguard: {}", join_and(&safeguards))
                    };
                    item(vec![
                        strong(t.destination.clone()),
                        text(format!(": to {}; {safeguards}", join_and(&to))),
                    ])
                })
                .collect(),
        ));
    }

    b.push(heading(2, None, "How long it is kept"));
    let kept: Vec<Item> = p
        .retention
        .iter()
        .map(|r| {
            item(vec![
                strong(names(p, &r.data)),
                text(format!(": {}", r.retention.in_words())),
            ])
        })
        .collect();
    if kept.is_empty() {
        b.push(Block::Para(vec![text("Not stated in the policy.")]));
    } else {
        b.push(Block::List(kept));
    }
    let uncovered = p.without_retention();
    if !uncovered.is_empty() {
        b.push(Block::Para(vec![text(format!(
            "Not stated for: {}.",
            names(p, &uncovered)
        ))]));
    }

    b.push(heading(
        2,
        None,
        "Your rights (show --right RIGHT: how, and every caveat)",
    ));
    b.push(Block::List(
        p.rights
            .iter()
            .map(|r| {
                let mut how: Vec<&str> = r.exercise.iter().map(|m| m.channel.label()).collect();
                how.dedup();
                let mut line = format!(" ({}) [{}]", r.right.article(), r.right.key());
                if !how.is_empty() {
                    line.push_str(&format!(": by {}", join_and(&how)));
                }
                if !r.caveats.is_empty() {
                    line.push_str(&format!(
                        "; {}",
                        plural(r.caveats.len(), "caveat", "caveats")
                    ));
                }
                item(vec![strong(capitalise(r.right.label())), text(line)])
            })
            .collect(),
    ));

    b.push(heading(2, None, "Security measures"));
    b.push(Block::List(
        p.security_measures
            .iter()
            .map(|m| {
                let params: Vec<String> = m.parameters.iter().map(parameter_text).collect();
                let mut runs: Vec<Inline> = vec![
                    strong(format!("{}: ", capitalise(m.kind.label()))),
                    text(m.description.clone()),
                ];
                if !params.is_empty() {
                    runs.push(text(format!(" ({})", params.join(", "))));
                }
                item(runs)
            })
            .collect(),
    ));

    b.push(heading(2, None, "Other"));
    let mut other = Vec::new();
    match &p.children {
        Some(ch) => other.push(item(vec![text(format!("Minimum age: {}", ch.minimum_age))])),
        None => other.push(item(vec![text("Minimum age: not stated in the policy")])),
    }
    if let Some(pr) = &p.profiling {
        other.push(item(vec![text(if pr.performed {
            "Users are profiled"
        } else {
            "Users are not profiled"
        })]));
    }
    if !p.history_visibility.is_empty() {
        let mut levels: Vec<_> = p.history_visibility.iter().collect();
        levels.sort_by_key(|v| v.openness);
        let levels: Vec<String> = levels
            .iter()
            .map(|v| v.id.as_str().replace('_', " "))
            .collect();
        other.push(item(vec![text(format!(
            "Room history visibility, least open first: {}",
            levels.join(", ")
        ))]));
    }
    if let Some(sa) = &p.supervisory_authority {
        let url = sa
            .url
            .as_ref()
            .map(|u| format!(", {u}"))
            .unwrap_or_default();
        other.push(item(vec![text(format!(
            "Complaints: {} ({}){url}",
            sa.name, sa.country
        ))]));
    }
    let commitments = p.statements.iter().filter(|s| s.commitment).count();
    other.push(item(vec![text(format!(
        "{}, {} of them {} (show --statements)",
        plural(
            p.statements.len(),
            "further statement",
            "further statements"
        ),
        commitments,
        if commitments == 1 {
            "a commitment"
        } else {
            "commitments"
        }
    ))]));
    b.push(Block::List(other));

    b.push(heading(2, None, "History"));
    b.push(Block::List(
        p.history
            .iter()
            .map(|h| {
                item(vec![text(format!(
                    "{} ({}): {}",
                    h.version, h.date, h.summary
                ))])
            })
            .collect(),
    ));
    b
}

/// A vocabulary term in words (`cost_factor` → `cost factor`).
fn key<T: serde::Serialize>(term: &T) -> String {
    match serde_json::to_value(term) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}

/// One parameter as `name=value unit`, with the text's own words and the
/// inferred fields beside it, so a reading is told apart from a statement.
fn parameter_text(prm: &crate::Parameter) -> String {
    let value = match &prm.value {
        crate::ParameterValue::Bool(b) => b.to_string(),
        crate::ParameterValue::Integer(i) => i.to_string(),
        crate::ParameterValue::Text(t) => t.clone(),
    };
    let mut text = format!("{}={value}", prm.name);
    if let Some(unit) = prm.unit {
        text.push(' ');
        text.push_str(&key(&unit));
    }
    let mut notes = Vec::new();
    if let Some(stated) = &prm.as_stated {
        notes.push(format!("stated {stated:?}"));
    }
    if !prm.inferred.is_empty() {
        let fields: Vec<String> = prm.inferred.iter().map(key).collect();
        notes.push(format!("inferred: {}", fields.join(", ")));
    }
    if !notes.is_empty() {
        text.push_str(&format!(" ({})", notes.join("; ")));
    }
    text
}
