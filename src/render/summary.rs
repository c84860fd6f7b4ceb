//! The `show` summary.

use std::fmt::Write;

use crate::{DataSource, Policy, Retention};

/// A plain-text summary of `policy`, one section per question a reader has.
pub fn summary(policy: &Policy) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_summary(&mut out, policy);
    out
}

fn write_summary(out: &mut String, p: &Policy) -> std::fmt::Result {
    writeln!(out, "{} — version {}", p.title, p.version)?;
    if let Some(last) = p.history.last() {
        writeln!(out, "Published {}: {}", last.date, last.summary)?;
    }
    if let Some(url) = &p.url {
        writeln!(out, "Text: {url}")?;
    }
    let c = &p.controller;
    write!(out, "\nController: {}", c.name)?;
    if let Some(form) = &c.legal_form {
        write!(out, " ({form})")?;
    }
    writeln!(out)?;
    if let Some(a) = &c.address {
        writeln!(
            out,
            "  {}, {}{}, {}",
            a.lines.join(", "),
            a.locality,
            a.postal_code
                .as_deref()
                .map(|pc| format!(" {pc}"))
                .unwrap_or_default(),
            a.country
        )?;
    }
    for contact in &p.contacts {
        let how = contact
            .email
            .as_ref()
            .map(|e| e.to_string())
            .or_else(|| contact.url.as_ref().map(|u| u.to_string()))
            .unwrap_or_default();
        writeln!(out, "  {} contact: {how}", key(&contact.role))?;
    }

    heading(out, "Services")?;
    for s in &p.services {
        let by = if s.operated_by.is_empty() {
            String::new()
        } else {
            format!(
                " (operated by {})",
                names(p, &s.operated_by, |p, id| p
                    .recipient(id)
                    .map(|r| r.name.as_str()))
            )
        };
        writeln!(out, "- {}{by}", s.name)?;
    }

    heading(out, "Data categories (what is collected)")?;
    for d in &p.data_categories {
        let source = match d.source {
            DataSource::ProvidedByUser => "you provide it",
            DataSource::CollectedAutomatically => "collected automatically",
            DataSource::Derived => "derived by the service",
            DataSource::ThirdParty => "from a third party",
        };
        let optional = if d.optional { ", optional" } else { "" };
        writeln!(out, "- {} [{}]: {source}{optional}", d.name, d.id)?;
    }

    heading(out, "Purposes (why, and on what legal basis)")?;
    for purpose in &p.purposes {
        let bases: Vec<String> = purpose
            .legal_bases
            .iter()
            .map(|b| format!("{} ({})", b.label(), b.article()))
            .collect();
        writeln!(out, "- {}: {}", purpose.name, bases.join("; "))?;
        writeln!(out, "    data: {}", ids(&purpose.data))?;
    }

    heading(out, "Recipients (who receives it)")?;
    for r in &p.recipients {
        writeln!(out, "- {} ({}, {})", r.name, key(&r.kind), key(&r.role))?;
        if !r.receives.is_empty() {
            writeln!(out, "    receives: {}", ids(&r.receives))?;
        }
        if let Some(cond) = &r.condition {
            writeln!(out, "    when: {cond}")?;
        }
        if let Some(pp) = &r.privacy_policy {
            writeln!(out, "    privacy policy: {pp}")?;
        }
    }

    if !p.transfers.is_empty() {
        heading(out, "International transfers")?;
        for t in &p.transfers {
            let safeguards: Vec<&str> = t.safeguards.iter().map(|s| s.label()).collect();
            let safeguards = if safeguards.is_empty() {
                "no safeguard stated".to_owned()
            } else {
                safeguards.join(", ")
            };
            writeln!(
                out,
                "- to {} ({}): {safeguards}",
                t.destination,
                ids(&t.recipients)
            )?;
        }
    }

    heading(out, "Retention (how long it is kept)")?;
    for rule in &p.retention {
        writeln!(out, "- {}: {}", ids(&rule.data), retention(&rule.retention))?;
    }

    heading(out, "Your rights")?;
    for r in &p.rights {
        let how: Vec<String> = r.exercise.iter().map(|m| key(&m.channel)).collect();
        let how = if how.is_empty() {
            String::new()
        } else {
            format!(" — via {}", how.join(", "))
        };
        let caveats = if r.caveats.is_empty() {
            String::new()
        } else {
            format!(" ({} caveats)", r.caveats.len())
        };
        writeln!(
            out,
            "- {} ({}){how}{caveats}",
            r.right.label(),
            r.right.article()
        )?;
    }

    heading(out, "Security measures")?;
    for m in &p.security_measures {
        let params: Vec<String> = m.parameters.iter().map(parameter_text).collect();
        let params = if params.is_empty() {
            String::new()
        } else {
            format!(" [{}]", params.join(", "))
        };
        writeln!(out, "- {} ({}){params}", m.id, key(&m.kind))?;
    }

    heading(out, "Other")?;
    if let Some(ch) = &p.children {
        writeln!(out, "- minimum age: {}", ch.minimum_age)?;
    }
    if let Some(pr) = &p.profiling {
        writeln!(
            out,
            "- profiling: {}",
            if pr.performed { "yes" } else { "no" }
        )?;
    }
    if !p.history_visibility.is_empty() {
        let mut levels: Vec<_> = p.history_visibility.iter().collect();
        levels.sort_by_key(|v| v.openness);
        let levels: Vec<&str> = levels.iter().map(|v| v.id.as_str()).collect();
        writeln!(
            out,
            "- room history visibility, least open first: {}",
            levels.join(" < ")
        )?;
    }
    if let Some(sa) = &p.supervisory_authority {
        writeln!(
            out,
            "- supervisory authority: {} ({}){}",
            sa.name,
            sa.country,
            sa.url.as_ref().map(|u| format!(" {u}")).unwrap_or_default()
        )?;
    }
    let commitments = p.statements.iter().filter(|s| s.commitment).count();
    writeln!(
        out,
        "- {} further statements, {commitments} of them commitments",
        p.statements.len()
    )?;

    heading(out, "History")?;
    for h in &p.history {
        writeln!(out, "- {} ({}): {}", h.version, h.date, h.summary)?;
    }
    Ok(())
}

/// The JSON spelling of a vocabulary term (`data_protection_officer`).
fn key<T: serde::Serialize>(term: &T) -> String {
    match serde_json::to_value(term) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}

fn heading(out: &mut String, title: &str) -> std::fmt::Result {
    writeln!(out, "\n{title}")
}

fn ids(list: &[crate::Id]) -> String {
    let v: Vec<&str> = list.iter().map(|i| i.as_str()).collect();
    v.join(", ")
}

fn names<'p>(
    p: &'p Policy,
    list: &[crate::Id],
    name: impl Fn(&'p Policy, &str) -> Option<&'p str>,
) -> String {
    let v: Vec<&str> = list
        .iter()
        .map(|i| name(p, i.as_str()).unwrap_or(i.as_str()))
        .collect();
    v.join(", ")
}

/// A retention period in words.
pub(crate) fn retention(r: &Retention) -> String {
    match r {
        Retention::Fixed { period } => format!("at most {period}"),
        Retention::AfterEvent { period, events } => {
            format!("{period} after {}", ids(events).replace(", ", " or "))
        }
        Retention::UntilEvent { events } => format!("until {}", ids(events).replace(", ", " or ")),
        Retention::Indefinite { reason } => format!("indefinitely: {reason}"),
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
