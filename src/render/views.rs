//! Views of one part of a policy for people: everything the policy says
//! about one data category, one recipient or one right, and every
//! statement and commitment — with names instead of ids, periods in words
//! and "not stated in the policy" where the text is silent.
//!
//! A [`View`] renders as text wrapped to a width, as Markdown or as HTML.
//!
//! ```
//! use matrix_privacy_policy::{Policy, render::views};
//!
//! let view = views::data(Policy::canonical(), "ip_address")?;
//! let text = view.text(80);
//! assert!(text.contains("at most 180 days"));
//! assert!(text.lines().all(|line| line.chars().count() <= 80));
//! # Ok::<(), views::UnknownId>(())
//! ```

use super::blocks::{self, Block, Inline, Item, anchor, heading, item, strong, text};
use crate::model::words::lower_first;
use crate::{Policy, Recipient, Right};

/// A rendered view: headings, paragraphs and lists, in three formats.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    blocks: Vec<Block>,
}

impl View {
    /// Plain text wrapped at `width` columns (at least 20). Control
    /// characters in the document are replaced; no line starts a GitHub
    /// workflow command.
    pub fn text(&self, width: usize) -> String {
        blocks::to_text(&self.blocks, width)
    }

    /// Markdown (document text escaped).
    pub fn markdown(&self) -> String {
        blocks::to_markdown(&self.blocks)
    }

    /// An HTML fragment (document text escaped).
    pub fn html(&self) -> String {
        blocks::to_html(&self.blocks)
    }
}

/// The policy has no entity with the id asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the policy has no {kind} `{id}`; it has: {known}")]
pub struct UnknownId {
    /// What was looked for ("data category", "recipient", "right").
    pub kind: &'static str,
    /// The id asked for (control characters replaced).
    pub id: String,
    /// The ids the policy has, comma-separated.
    pub known: String,
}

fn unknown<'a>(kind: &'static str, id: &str, known: impl Iterator<Item = &'a str>) -> UnknownId {
    let mut id = blocks::clean(id);
    if id.chars().count() > 64 {
        id = id.chars().take(64).chain(['…']).collect();
    }
    UnknownId {
        kind,
        id,
        known: known.collect::<Vec<_>>().join(", "),
    }
}

const NOT_STATED: &str = "Not stated in the policy.";

fn not_stated() -> Block {
    Block::Para(vec![text(NOT_STATED)])
}

fn list_or_not_stated(items: Vec<Item>) -> Block {
    if items.is_empty() {
        not_stated()
    } else {
        Block::List(items)
    }
}

fn data_name<'p>(p: &'p Policy, id: &'p str) -> &'p str {
    p.data_category(id).map_or(id, |d| d.name.as_str())
}

fn recipient_name<'p>(p: &'p Policy, id: &'p str) -> &'p str {
    p.recipient(id).map_or(id, |r| r.name.as_str())
}

pub(crate) fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

fn bases(purpose: &crate::Purpose) -> String {
    blocks::legal_bases_in_words(purpose, true, blocks::OUR_READING)
}

fn safeguards(t: &crate::Transfer) -> String {
    if t.safeguards.is_empty() {
        "no safeguard stated".to_owned()
    } else {
        let v: Vec<&str> = t.safeguards.iter().map(|s| s.label()).collect();
        format!("safeguard: {}", join_and(&v))
    }
}

/// How much of the service a supplier hosts, in words.
fn share_words(share: crate::Share) -> &'static str {
    match share {
        crate::Share::Some => "hosts some of the service",
        crate::Share::Majority => "hosts most of the service",
        crate::Share::All => "hosts all of the service",
    }
}

/// A recipient's role in a list line: a value that is our reading carries
/// [`blocks::READING_MARK`].
fn role_short(r: &Recipient) -> String {
    match r.role {
        None => "role not stated".to_owned(),
        Some(role) if r.inferred.contains(&crate::RecipientField::Role) => {
            format!("{}{}", role.label(), blocks::READING_MARK)
        }
        Some(role) => role.label().to_owned(),
    }
}

fn recipient_line(r: &Recipient) -> Vec<Inline> {
    let mut line = vec![
        strong(r.name.clone()),
        text(format!(" ({}, {})", r.kind_in_words(), role_short(r))),
    ];
    if let Some(cond) = &r.condition {
        let cond = lower_first(cond.trim_end_matches('.'));
        let only = if cond.starts_with("only ") {
            ""
        } else {
            "only "
        };
        line.push(text(format!(", {only}{cond}")));
    }
    if let Some(share) = r.share {
        line.push(text(format!(" ({})", share_words(share))));
    }
    line
}

/// A one-line fact (`How long it is kept: at most 180 days.`), or a
/// heading and a list when there are several.
fn fact(b: &mut Vec<Block>, label: &str, mut items: Vec<Vec<Inline>>, none: &str) {
    match items.len() {
        0 => b.push(Block::Para(vec![strong(format!("{label}: ")), text(none)])),
        1 => {
            let mut runs = vec![strong(format!("{label}: "))];
            runs.append(&mut items[0]);
            runs.push(text("."));
            b.push(Block::Para(runs));
        }
        _ => {
            b.push(heading(2, None, label));
            b.push(Block::List(items.into_iter().map(item).collect()));
        }
    }
}

/// Everything the policy says about the data category `id`: where it
/// comes from, who receives it, why and on what legal basis, how long it is
/// kept, where it is transferred and what protects it.
///
/// # Errors
/// [`UnknownId`] when the policy has no such data category.
pub fn data(p: &Policy, id: &str) -> Result<View, UnknownId> {
    let Some(d) = p.data_category(id) else {
        return Err(unknown(
            "data category",
            id,
            p.data_categories.iter().map(|d| d.id.as_str()),
        ));
    };
    let id = d.id.as_str();
    let mut b = vec![heading(
        1,
        Some(anchor("data", id)),
        format!("{} ({id})", d.name),
    )];
    b.push(Block::Para(vec![text(d.description.clone())]));
    let services: Vec<&str> = p.services_collecting(id).map(|s| s.name.as_str()).collect();
    let mut source = capitalise(d.source.label());
    if !services.is_empty() {
        source.push_str(&format!(", by {}", join_and(&services)));
    }
    source.push_str(if d.optional {
        "; optional."
    } else {
        "; required."
    });
    b.push(Block::Para(vec![text(source)]));

    // Values that are our reading carry a mark, explained once in the first heading.
    let read_in = p
        .recipients_of(id)
        .any(|r| r.role.is_some() && r.inferred.contains(&crate::RecipientField::Role))
        || p.purposes_using(id).any(|pu| {
            pu.personal_data
                && !pu.legal_bases.is_empty()
                && pu.inferred.contains(&crate::PurposeField::LegalBases)
        });
    let who = if read_in {
        format!("Who receives it ({})", blocks::READING_NOTE)
    } else {
        "Who receives it".to_owned()
    };
    b.push(heading(2, None, who));
    let receivers: Vec<Item> = p
        .recipients_of(id)
        .map(|r| item(recipient_line(r)))
        .collect();
    b.push(list_or_not_stated(receivers));
    let unstated: Vec<&str> = p
        .recipients_with_unstated_data()
        .map(|r| r.name.as_str())
        .collect();
    if !unstated.is_empty() {
        b.push(Block::Para(vec![text(format!(
            "The policy does not say which data {} receive{}.",
            join_and(&unstated),
            if unstated.len() == 1 { "s" } else { "" }
        ))]));
    }

    b.push(heading(
        2,
        None,
        "Why it is processed, and on what legal basis",
    ));
    let purposes: Vec<Item> = p
        .purposes_using(id)
        .map(|pu| {
            item(vec![
                strong(pu.name.clone()),
                text(format!(
                    ": {}",
                    blocks::legal_bases_in_words(pu, false, blocks::READING_MARK)
                )),
            ])
        })
        .collect();
    b.push(list_or_not_stated(purposes));

    let kept: Vec<Vec<Inline>> = p
        .retention_for(id)
        .map(|r| vec![text(r.retention.in_words())])
        .collect();
    fact(
        &mut b,
        "How long it is kept",
        kept,
        "not stated in the policy.",
    );

    let transfers: Vec<Vec<Inline>> = p
        .transfers_of(id)
        .map(|t| {
            let to: Vec<&str> = t
                .recipients
                .iter()
                .filter(|r| {
                    p.recipient(r.as_str())
                        .is_some_and(|x| x.receives.iter().any(|d| d == id))
                })
                .map(|r| recipient_name(p, r.as_str()))
                .collect();
            vec![text(format!(
                "{} — to {}; {}",
                t.destination,
                join_and(&to),
                safeguards(t)
            ))]
        })
        .collect();
    let mut none = String::from("none stated for it");
    let unstated_transfers: Vec<String> = p
        .transfers
        .iter()
        .filter_map(|t| {
            let to: Vec<&str> = t
                .recipients
                .iter()
                .filter_map(|r| p.recipient(r.as_str()))
                .filter(|r| r.receives.is_empty())
                .map(|r| r.name.as_str())
                .collect();
            (!to.is_empty())
                .then(|| format!("{} ({}; {})", join_and(&to), t.destination, safeguards(t)))
        })
        .collect();
    if unstated_transfers.is_empty() {
        none.push('.');
    } else {
        none.push_str(&format!(
            "; the policy does not say which data goes to {}.",
            join_and(&unstated_transfers)
        ));
    }
    fact(&mut b, "Transfers outside the EU", transfers, &none);

    let measures: Vec<Vec<Inline>> = p
        .security_measures_for(id)
        .map(|m| {
            vec![
                strong(capitalise(m.kind.label())),
                text(format!(" — {}", m.description.trim_end_matches('.'))),
            ]
        })
        .collect();
    let general = p.security_measures_general().count();
    let mut none = String::from("none named for it.");
    if general > 0 {
        none.push_str(&format!(
            " {general} measure{} name no data.",
            if general == 1 { "" } else { "s" },
        ));
    }
    fact(&mut b, "Security measures", measures, &none);
    Ok(View { blocks: b })
}

/// Everything the policy says about the recipient `id`: what kind of party
/// it is, its GDPR role, what it receives, why, when, and where it is.
///
/// # Errors
/// [`UnknownId`] when the policy has no such recipient.
pub fn recipient(p: &Policy, id: &str) -> Result<View, UnknownId> {
    let Some(r) = p.recipient(id) else {
        return Err(unknown(
            "recipient",
            id,
            p.recipients.iter().map(|r| r.id.as_str()),
        ));
    };
    let id = r.id.as_str();
    let mut b = vec![heading(
        1,
        Some(anchor("recipient", id)),
        format!("{} ({id})", r.name),
    )];
    b.push(Block::Para(vec![text(r.description.clone())]));
    b.push(Block::Para(vec![
        strong("Kind: "),
        text(format!("{}. ", capitalise(r.kind_in_words()))),
        strong("Role: "),
        text(format!("{}.", role_explained(r))),
    ]));
    if let Some(cond) = &r.condition {
        b.push(Block::Para(vec![strong("Only: "), text(cond.clone())]));
    }
    if let Some(share) = r.share {
        b.push(Block::Para(vec![
            strong("Share: "),
            text(format!("{}.", share_words(share))),
        ]));
    }
    if let Some(url) = &r.privacy_policy {
        b.push(Block::Para(vec![
            strong("Its own privacy policy: "),
            Inline::Url {
                text: url.to_string(),
                url: url.to_string(),
            },
        ]));
    }
    b.push(heading(2, None, "What it receives"));
    let data: Vec<Item> = r
        .receives
        .iter()
        .map(|d| item(vec![text(format!("{} ({d})", data_name(p, d.as_str())))]))
        .collect();
    b.push(list_or_not_stated(data));
    b.push(heading(2, None, "For what"));
    let purposes: Vec<Item> = r
        .purposes
        .iter()
        .filter_map(|id| p.purpose(id.as_str()))
        .map(|pu| {
            item(vec![
                strong(pu.name.clone()),
                text(format!(" — {}", bases(pu))),
            ])
        })
        .collect();
    b.push(list_or_not_stated(purposes));
    let operated: Vec<&str> = p
        .services
        .iter()
        .filter(|s| s.operated_by.iter().any(|o| o == id))
        .map(|s| s.name.as_str())
        .collect();
    if !operated.is_empty() {
        b.push(Block::Para(vec![
            strong("Operates: "),
            text(format!("{}.", join_and(&operated))),
        ]));
    }
    b.push(heading(2, None, "Transfers outside the EU"));
    let transfers: Vec<Item> = p
        .transfers_to(id)
        .map(|t| {
            item(vec![
                strong(t.destination.clone()),
                text(format!(" — {}", safeguards(t))),
            ])
        })
        .collect();
    if transfers.is_empty() {
        b.push(Block::Para(vec![text(
            "No transfer to it is stated in the policy.",
        )]));
    } else {
        b.push(Block::List(transfers));
    }
    Ok(View { blocks: b })
}

fn role_explained(r: &Recipient) -> String {
    use crate::RecipientRole::*;
    let Some(role) = r.role else {
        return r.role_in_words();
    };
    let why = match role {
        Processor => "acts only on the controller's instructions",
        IndependentController => "decides for itself what it does with the data",
        JointController => "decides together with the controller",
    };
    if r.inferred.contains(&crate::RecipientField::Role) {
        format!(
            "{} ({why}; our reading: the text names no role)",
            role.label()
        )
    } else {
        format!("{} ({why})", role.label())
    }
}

/// What the policy says about `right`: what it means here, how to
/// exercise it and every caveat. A right the policy does not state gives a
/// view saying so.
pub fn right(p: &Policy, right: Right) -> View {
    let mut b = vec![heading(
        1,
        Some(anchor("right", right.key())),
        format!("{} ({})", capitalise(right.label()), right.article()),
    )];
    let Some(r) = p.right(right) else {
        b.push(not_stated());
        return View { blocks: b };
    };
    b.push(Block::Para(vec![text(r.description.clone())]));
    b.push(heading(2, None, "How to exercise it"));
    let methods: Vec<Item> = r.exercise.iter().map(|m| exercise_method(p, m)).collect();
    b.push(list_or_not_stated(methods));
    b.push(heading(2, None, "Caveats"));
    let caveats: Vec<Item> = r
        .caveats
        .iter()
        .map(|c| item(vec![text(c.description.clone())]))
        .collect();
    if caveats.is_empty() {
        b.push(Block::Para(vec![text("None stated.")]));
    } else {
        b.push(Block::List(caveats));
    }
    View { blocks: b }
}

pub(crate) fn exercise_method(p: &Policy, m: &crate::ExerciseMethod) -> Item {
    let mut line = vec![
        strong(format!("{}: ", capitalise(m.channel.label()))),
        text(m.description.clone()),
    ];
    if let Some(contact) = m.contact.as_ref().and_then(|c| p.contact(c.as_str())) {
        if let Some(email) = &contact.email {
            line.push(text(" ("));
            line.push(Inline::Mail(email.to_string()));
            line.push(text(")"));
        } else if let Some(url) = &contact.url {
            line.push(text(" ("));
            line.push(Inline::Url {
                text: url.to_string(),
                url: url.to_string(),
            });
            line.push(text(")"));
        }
    }
    if let Some(url) = &m.url {
        line.push(text(" "));
        line.push(Inline::Url {
            text: url.to_string(),
            url: url.to_string(),
        });
    }
    item(line)
}

/// Every further statement of the policy, commitments (promises to the
/// reader) first.
pub fn statements(p: &Policy) -> View {
    let mut b = vec![heading(
        1,
        Some("statements".to_owned()),
        "Statements and commitments",
    )];
    let commitments: Vec<Item> = p
        .statements
        .iter()
        .filter(|s| s.commitment)
        .map(|s| item(vec![text(s.text.clone())]))
        .collect();
    let others: Vec<Item> = p
        .statements
        .iter()
        .filter(|s| !s.commitment)
        .map(|s| item(vec![text(s.text.clone())]))
        .collect();
    b.push(heading(
        2,
        None,
        format!("Commitments ({})", commitments.len()),
    ));
    b.push(list_or_not_stated(commitments));
    b.push(heading(
        2,
        None,
        format!("Other statements ({})", others.len()),
    ));
    b.push(list_or_not_stated(others));
    View { blocks: b }
}

/// Parses a right by its JSON key (`erasure`).
///
/// # Errors
/// [`UnknownId`] listing the keys.
pub fn parse_right(key: &str) -> Result<Right, UnknownId> {
    Right::ALL
        .iter()
        .copied()
        .find(|r| r.key() == key)
        .ok_or_else(|| unknown("right", key, Right::ALL.iter().map(|r| r.key())))
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_address_answers_on_one_screen() {
        let v = data(Policy::canonical(), "ip_address").unwrap();
        let t = v.text(80);
        assert!(t.lines().count() <= 40, "{t}");
        assert!(t.lines().all(|l| l.chars().count() <= 80), "{t}");
        assert!(t.contains("Element"), "{t}");
        assert!(t.contains("How long it is kept: at most 180 days."), "{t}");
        assert!(t.contains("legitimate interests"), "{t}");
        assert!(t.contains("Cloudflare"), "{t}");
    }

    #[test]
    fn readings_and_unstated_roles_are_visible() {
        let p = Policy::canonical();
        let stripe = recipient(p, "stripe").unwrap().text(80);
        assert!(stripe.contains("role not stated in the policy"), "{stripe}");
        let cloudflare = recipient(p, "cloudflare").unwrap().text(200);
        assert!(
            cloudflare.contains("our reading: the text names no role"),
            "{cloudflare}"
        );
        let element = recipient(p, "element").unwrap().text(200);
        assert!(
            !element.contains("our reading: the text names no role"),
            "{element}"
        );
        let ip = data(p, "ip_address").unwrap().text(200);
        assert!(
            ip.contains("processor*") && ip.contains("* our reading of the text"),
            "{ip}"
        );
    }

    #[test]
    fn unknown_ids_list_the_known() {
        let e = data(Policy::canonical(), "ip_adress").unwrap_err();
        assert!(e.to_string().contains("ip_address"), "{e}");
        let e = recipient(Policy::canonical(), "\u{1b}[31m").unwrap_err();
        assert!(!e.to_string().contains('\u{1b}'));
        assert!(parse_right("erasure").is_ok());
        assert!(
            parse_right("forget")
                .unwrap_err()
                .to_string()
                .contains("erasure")
        );
    }

    #[test]
    fn recipient_without_stated_data_says_so() {
        let t = recipient(Policy::canonical(), "cloudflare")
            .unwrap()
            .text(100);
        assert!(t.contains(NOT_STATED), "{t}");
    }

    #[test]
    fn every_statement_is_shown() {
        let p = Policy::canonical();
        let t = statements(p).markdown();
        assert_eq!(
            t.lines().filter(|l| l.starts_with("- ")).count(),
            p.statements.len()
        );
    }
}
