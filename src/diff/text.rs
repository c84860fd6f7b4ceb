//! Text for diff messages: comparing texts up to white space, and showing
//! values short, on one line, with no Markdown code spans.

use std::fmt::Display;

use crate::{Id, Policy, Url};

/// Text equal up to white space.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

pub(crate) fn same_opt_text(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same_text(a, b),
        _ => false,
    }
}

/// A text for a message: white space collapsed, cut at 80 characters, in quotes.
pub(crate) fn quote(s: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::from("“");
    let mut n = 0;
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
            n += 1;
        }
        for c in word.chars() {
            // Backticks would open code spans in Markdown reports.
            let c = if c == '`' { '\'' } else { c };
            if n >= MAX {
                out.push('…');
                out.push('”');
                return out;
            }
            out.push(c);
            n += 1;
        }
    }
    out.push('”');
    out
}

/// The snake_case key of a vocabulary value, in words (`cdn_ddos_protection` → `cdn ddos protection`).
pub(crate) fn words<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::from("?"),
    }
}

/// Ids for a message: sorted, deduplicated, in backticks; `nothing` when empty.
pub(crate) fn list<T: Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "nothing".to_owned();
    }
    // Sorted, so that messages do not depend on the order of the document.
    let mut v: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    v.sort();
    v.dedup();
    v.join(", ")
}

pub(crate) fn opt_url(u: Option<&Url>) -> String {
    u.map_or_else(|| "none".to_owned(), |u| plain(u.as_str(), 200))
}

/// A short raw value for a message: white space collapsed, no backticks, cut at `max` characters.
pub(crate) fn plain(s: &str, max: usize) -> String {
    let mut out: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c == '`' { '\'' } else { c })
        .take(max + 1)
        .collect();
    if out.chars().count() > max {
        out = out.chars().take(max).collect();
        out.push('…');
    }
    out
}

pub(crate) fn same_sections(a: &[Id], b: &[Id]) -> bool {
    a == b || super::matching::same_set(a, b)
}

/// Cited sections for a message, named as `policy` lists them.
pub(crate) fn describe_sections(policy: &Policy, ids: &[Id]) -> String {
    let mut v: Vec<String> = ids
        .iter()
        .map(|id| match policy.section(id.as_str()) {
            Some(s) => match &s.number {
                Some(n) => format!("{} {}", plain(n, 20), quote(&s.heading)),
                None => quote(&s.heading),
            },
            None => quote(id.as_str()),
        })
        .collect();
    v.sort();
    v.truncate(3);
    let mut out = v.join(", ");
    if ids.len() > 3 {
        out.push_str(&format!(" and {} more", ids.len() - 3));
    }
    if out.is_empty() {
        "none".to_owned()
    } else {
        out
    }
}

/// Legal bases for a message: `consent (GDPR Art. 6(1)(a)) and …`.
pub(crate) fn bases(b: &[crate::LegalBasis]) -> String {
    if b.is_empty() {
        return "no stated legal basis".to_owned();
    }
    let v: Vec<String> = b
        .iter()
        .map(|b| format!("{} ({})", b.label(), b.article()))
        .collect();
    v.join(" and ")
}

/// Safeguards for a message, sorted.
pub(crate) fn safeguards(s: &[crate::Safeguard]) -> String {
    if s.is_empty() {
        return "no stated safeguard".to_owned();
    }
    let mut s = s.to_vec();
    s.sort();
    s.dedup();
    let v: Vec<&str> = s.iter().map(|s| s.label()).collect();
    v.join(" and ")
}

/// How long data is kept, after "kept".
pub(crate) fn keep(r: &crate::Retention) -> String {
    match r {
        crate::Retention::Fixed { period } => format!("for at most {period}"),
        crate::Retention::Indefinite { .. } => "indefinitely".to_owned(),
        other => super::retention::describe(other),
    }
}

/// A word with its indefinite article.
pub(crate) fn article(w: &str) -> String {
    let vowel = w.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {w}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes() {
        assert_eq!(quote("  a \n b "), "“a b”");
        let long = "x".repeat(100);
        assert_eq!(quote(&long).chars().count(), 80 + 3);
    }

    #[test]
    fn text_normalisation() {
        assert!(same_text("a  b\n", " a b"));
        assert!(!same_text("ab", "a b"));
    }
}
