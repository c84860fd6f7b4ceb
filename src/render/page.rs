//! The whole policy as one readable document, in Markdown or HTML: the page
//! a homeserver publishes, generated from the data.
//!
//! Sections come in a fixed order (who we are, services, data, purposes,
//! recipients, transfers, retention, rights, security, children and
//! profiling, history visibility, statements, complaints, history), every
//! entity has an anchor (`#data-ip_address`, `#recipient-element`,
//! `#right-erasure`, `#statement-<id>`, `#release-3.1.0` as
//! `#release-3-1-0`), and every statement, caveat and commitment is
//! included. Document text is escaped in both formats.
//!
//! [`html_body`] is the same page without `<html>`, `<head>` and `<body>`,
//! for wrapping in another template (Synapse's consent template, a site's
//! layout).
//!
//! ```
//! use matrix_privacy_policy::{Policy, render::page};
//!
//! let html = page::html(Policy::canonical());
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains(r#"id="data-ip_address""#));
//! let md = page::markdown(Policy::canonical());
//! assert!(md.contains("## Your rights"));
//! ```

use std::fmt::Write;

use super::blocks::{self, Block, Inline, Item, anchor, heading, item, strong, text};
use super::views::{capitalise, exercise_method, join_and};
use crate::{Id, Policy};

/// The section order of the page, with each section's anchor and heading.
pub const SECTIONS: &[(&str, &str)] = &[
    ("who-we-are", "Who we are"),
    ("services", "What this policy covers"),
    ("data", "What data we collect"),
    ("purposes", "Why we process it, and on what legal basis"),
    ("recipients", "Who receives it"),
    ("transfers", "Transfers outside the EU"),
    ("retention", "How long we keep it"),
    ("rights", "Your rights"),
    ("security", "How we protect it"),
    ("children-and-profiling", "Children and profiling"),
    (
        "history-visibility",
        "Who can read a conversation's history",
    ),
    ("statements", "Further statements and commitments"),
    ("related-documents", "Related documents"),
    ("complaints", "Complaints"),
    ("document-history", "History of this document"),
];

fn section(p: &Policy, key: &str) -> Vec<Block> {
    let title: &str = SECTIONS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, t)| *t);
    let mut b = vec![heading(2, Some(key.to_owned()), title)];
    match key {
        "who-we-are" => who_we_are(p, &mut b),
        "services" => services(p, &mut b),
        "data" => data(p, &mut b),
        "purposes" => purposes(p, &mut b),
        "recipients" => recipients(p, &mut b),
        "transfers" => transfers(p, &mut b),
        "retention" => retention(p, &mut b),
        "rights" => rights(p, &mut b),
        "security" => security(p, &mut b),
        "children-and-profiling" => children_and_profiling(p, &mut b),
        "history-visibility" => visibility(p, &mut b),
        "statements" => statements(p, &mut b),
        "related-documents" => related_documents(p, &mut b),
        "complaints" => complaints(p, &mut b),
        _ => history(p, &mut b),
    }
    b
}

fn para(runs: Vec<Inline>) -> Block {
    Block::Para(runs)
}

fn link(text_: impl Into<String>, kind: &str, id: &str) -> Inline {
    Inline::Anchor {
        text: text_.into(),
        anchor: anchor(kind, id),
    }
}

/// Links to entities by id, joined with commas: `[IP address](#data-ip_address), …`.
fn links(p: &Policy, kind: &str, ids: &[Id]) -> Vec<Inline> {
    let mut runs = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            runs.push(text(if i + 1 == ids.len() { " and " } else { ", " }));
        }
        let name = match kind {
            "data" => p.data_category(id.as_str()).map(|d| d.name.as_str()),
            "recipient" => p.recipient(id.as_str()).map(|r| r.name.as_str()),
            "purpose" => p.purpose(id.as_str()).map(|r| r.name.as_str()),
            "service" => p.service(id.as_str()).map(|r| r.name.as_str()),
            "document" => p.related_document(id.as_str()).map(|d| d.title.as_str()),
            _ => None,
        };
        runs.push(link(name.unwrap_or(id.as_str()), kind, id.as_str()));
    }
    runs
}

fn labelled(label: &str, mut runs: Vec<Inline>) -> Vec<Inline> {
    let mut v = vec![strong(format!("{label}: "))];
    v.append(&mut runs);
    v
}

fn entity_heading(kind: &str, id: &str, name: &str) -> Block {
    heading(3, Some(anchor(kind, id)), name)
}

fn who_we_are(p: &Policy, b: &mut Vec<Block>) {
    let c = &p.controller;
    let mut runs = vec![strong(c.name.clone())];
    if let Some(form) = &c.legal_form {
        runs.push(text(format!(" ({form})")));
    }
    runs.push(text(" is the data controller. "));
    runs.push(text(c.description.clone()));
    b.push(para(runs));
    if let Some(a) = &c.address {
        let mut parts: Vec<String> = a.lines.clone();
        parts.push(a.locality.clone());
        if let Some(pc) = &a.postal_code {
            parts.push(pc.clone());
        }
        parts.push(a.country.clone());
        b.push(para(vec![strong("Address: "), text(parts.join(", "))]));
    }
    if let Some(date) = &c.incorporated {
        b.push(para(vec![strong("Incorporated: "), text(date.to_string())]));
    }
    if let Some(url) = &c.website {
        b.push(para(vec![
            strong("Website: "),
            Inline::Url {
                text: url.to_string(),
                url: url.to_string(),
            },
        ]));
    }
    let contacts: Vec<Item> = p
        .contacts
        .iter()
        .map(|ct| {
            let mut runs = vec![strong(format!("{}: ", capitalise(ct.role.label())))];
            if let Some(e) = &ct.email {
                runs.push(Inline::Mail(e.to_string()));
                runs.push(text(" — "));
            }
            if let Some(u) = &ct.url {
                runs.push(Inline::Url {
                    text: u.to_string(),
                    url: u.to_string(),
                });
                runs.push(text(" — "));
            }
            runs.push(text(ct.description.clone()));
            Item {
                anchor: Some(anchor("contact", ct.id.as_str())),
                content: runs,
            }
        })
        .collect();
    if !contacts.is_empty() {
        b.push(para(vec![strong("Contacts")]));
        b.push(Block::List(contacts));
    }
}

fn services(p: &Policy, b: &mut Vec<Block>) {
    for s in &p.services {
        b.push(entity_heading("service", s.id.as_str(), &s.name));
        let mut runs = vec![text(s.description.clone())];
        if let Some(url) = &s.url {
            runs.push(text(" "));
            runs.push(Inline::Url {
                text: url.to_string(),
                url: url.to_string(),
            });
        }
        b.push(para(runs));
        if !s.operated_by.is_empty() {
            b.push(para(labelled(
                "Operated by",
                links(p, "recipient", &s.operated_by),
            )));
        }
    }
}

fn data(p: &Policy, b: &mut Vec<Block>) {
    for d in &p.data_categories {
        b.push(entity_heading("data", d.id.as_str(), &d.name));
        b.push(para(vec![text(d.description.clone())]));
        let mut facts = vec![
            strong("Source: "),
            text(format!(
                "{}; {}. ",
                capitalise(d.source.label()),
                if d.optional { "optional" } else { "required" }
            )),
        ];
        facts.push(strong("Collected by: "));
        facts.extend(links(p, "service", &d.services));
        facts.push(text(". "));
        facts.push(strong("Kept: "));
        let kept: Vec<String> = p
            .retention_for(d.id.as_str())
            .map(|r| r.retention.in_short_words())
            .collect();
        if kept.is_empty() {
            facts.push(text("not stated in the policy."));
        } else {
            let n = kept.len();
            for (i, (k, rule)) in kept.iter().zip(p.retention_for(d.id.as_str())).enumerate() {
                facts.push(link(k.clone(), "retention", rule.id.as_str()));
                facts.push(text(if i + 1 == n { "." } else { "; " }));
            }
        }
        b.push(para(facts));
        let purposes: Vec<Id> = p
            .purposes_using(d.id.as_str())
            .map(|x| x.id.clone())
            .collect();
        if !purposes.is_empty() {
            b.push(para(labelled("Used for", links(p, "purpose", &purposes))));
        }
        let recipients: Vec<Id> = p
            .recipients_of(d.id.as_str())
            .map(|x| x.id.clone())
            .collect();
        if !recipients.is_empty() {
            b.push(para(labelled(
                "Received by",
                links(p, "recipient", &recipients),
            )));
        }
    }
}

fn purposes(p: &Policy, b: &mut Vec<Block>) {
    for pu in &p.purposes {
        b.push(entity_heading("purpose", pu.id.as_str(), &pu.name));
        b.push(para(vec![text(pu.description.clone())]));
        let bases = super::blocks::legal_bases_in_words(pu, true, super::blocks::OUR_READING);
        b.push(para(vec![strong("Legal basis: "), text(bases)]));
        if !pu.data.is_empty() {
            b.push(para(labelled("Data", links(p, "data", &pu.data))));
        }
        if !pu.documents.is_empty() {
            b.push(para(labelled(
                "Rests on",
                links(p, "document", &pu.documents),
            )));
        }
    }
}

fn recipients(p: &Policy, b: &mut Vec<Block>) {
    for r in &p.recipients {
        b.push(entity_heading("recipient", r.id.as_str(), &r.name));
        b.push(para(vec![text(r.description.clone())]));
        b.push(para(vec![
            strong("Kind: "),
            text(format!("{}. ", capitalise(r.kind_in_words()))),
            strong("Role: "),
            text(format!("{}.", r.role_in_words())),
        ]));
        if let Some(cond) = &r.condition {
            b.push(para(vec![strong("Only: "), text(cond.clone())]));
        }
        if r.receives.is_empty() {
            b.push(para(vec![
                strong("Receives: "),
                text("not stated in the policy."),
            ]));
        } else {
            b.push(para(labelled("Receives", links(p, "data", &r.receives))));
        }
        if !r.purposes.is_empty() {
            b.push(para(labelled("For", links(p, "purpose", &r.purposes))));
        }
        if let Some(url) = &r.privacy_policy {
            b.push(para(vec![
                strong("Its privacy policy: "),
                Inline::Url {
                    text: url.to_string(),
                    url: url.to_string(),
                },
            ]));
        }
    }
}

fn transfers(p: &Policy, b: &mut Vec<Block>) {
    if p.transfers.is_empty() {
        b.push(para(vec![text(
            "The policy states no transfer outside the EU.",
        )]));
    }
    for t in &p.transfers {
        b.push(entity_heading("transfer", t.id.as_str(), &t.destination));
        b.push(para(vec![text(t.description.clone())]));
        b.push(para(labelled("To", links(p, "recipient", &t.recipients))));
        let safeguards: Vec<String> = t
            .safeguards
            .iter()
            .map(|s| format!("{} ({})", s.label(), s.article()))
            .collect();
        b.push(para(vec![
            strong("Safeguards: "),
            text(if safeguards.is_empty() {
                "none stated.".to_owned()
            } else {
                join_and(&safeguards)
            }),
        ]));
    }
}

fn retention(p: &Policy, b: &mut Vec<Block>) {
    let items: Vec<Item> = p
        .retention
        .iter()
        .map(|r| {
            let mut runs = links(p, "data", &r.data);
            runs.push(text(format!(": {}. ", r.retention.in_words())));
            runs.push(text(r.description.clone()));
            Item {
                anchor: Some(anchor("retention", r.id.as_str())),
                content: runs,
            }
        })
        .collect();
    if items.is_empty() {
        b.push(para(vec![text("The policy states no retention period.")]));
    } else {
        b.push(Block::List(items));
    }
    let uncovered = p.without_retention();
    if !uncovered.is_empty() {
        b.push(para(labelled(
            "Not stated for",
            links(p, "data", &uncovered),
        )));
    }
}

fn rights(p: &Policy, b: &mut Vec<Block>) {
    for r in &p.rights {
        b.push(heading(
            3,
            Some(anchor("right", r.right.key())),
            format!("{} ({})", capitalise(r.right.label()), r.right.article()),
        ));
        b.push(para(vec![text(r.description.clone())]));
        if !r.exercise.is_empty() {
            b.push(para(vec![strong("How to exercise it")]));
            b.push(Block::List(
                r.exercise.iter().map(|m| exercise_method(p, m)).collect(),
            ));
        }
        if !r.caveats.is_empty() {
            b.push(para(vec![strong("Caveats")]));
            b.push(Block::List(
                r.caveats
                    .iter()
                    .map(|c| Item {
                        anchor: Some(format!(
                            "{}-{}",
                            anchor("right", r.right.key()),
                            anchor("caveat", c.id.as_str())
                        )),
                        content: vec![text(c.description.clone())],
                    })
                    .collect(),
            ));
        }
    }
}

fn security(p: &Policy, b: &mut Vec<Block>) {
    let items: Vec<Item> = p
        .security_measures
        .iter()
        .map(|m| {
            let mut runs = vec![
                strong(format!("{}: ", capitalise(m.kind.label()))),
                text(m.description.clone()),
            ];
            if !m.applies_to.is_empty() {
                runs.push(text(" Protects: "));
                runs.extend(links(p, "data", &m.applies_to));
                runs.push(text("."));
            }
            if !m.parameters.is_empty() {
                let params: Vec<String> = m
                    .parameters
                    .iter()
                    .map(|prm| {
                        let v = match &prm.value {
                            crate::ParameterValue::Bool(v) => {
                                if *v {
                                    "yes".to_owned()
                                } else {
                                    "no".to_owned()
                                }
                            }
                            crate::ParameterValue::Integer(i) => i.to_string(),
                            crate::ParameterValue::Text(t) => t.clone(),
                        };
                        format!("{} {v}", prm.name.as_str().replace('_', " "))
                    })
                    .collect();
                runs.push(text(format!(" ({})", params.join(", "))));
            }
            Item {
                anchor: Some(anchor("measure", m.id.as_str())),
                content: runs,
            }
        })
        .collect();
    if items.is_empty() {
        b.push(para(vec![text("The policy states no security measure.")]));
    } else {
        b.push(Block::List(items));
    }
}

fn children_and_profiling(p: &Policy, b: &mut Vec<Block>) {
    match &p.children {
        Some(c) => b.push(para(vec![
            strong(format!("Minimum age {}. ", c.minimum_age)),
            text(c.description.clone()),
        ])),
        None => b.push(para(vec![
            strong("Minimum age: "),
            text("not stated in the policy."),
        ])),
    }
    match &p.profiling {
        Some(pr) => {
            let mut runs = vec![
                strong(if pr.performed {
                    "Users are profiled. "
                } else {
                    "Users are not profiled. "
                }),
                text(pr.description.clone()),
            ];
            if let Some(auto) = pr.automated_decisions {
                runs.push(text(if auto {
                    " Decisions with legal or similar effect are made by automated means."
                } else {
                    " No decision with legal or similar effect is made by automated means."
                }));
            }
            b.push(para(runs));
        }
        None => b.push(para(vec![
            strong("Profiling: "),
            text("not stated in the policy."),
        ])),
    }
}

fn visibility(p: &Policy, b: &mut Vec<Block>) {
    let mut options: Vec<_> = p.history_visibility.iter().collect();
    options.sort_by_key(|v| v.openness);
    if options.is_empty() {
        b.push(para(vec![text("Not stated in the policy.")]));
        return;
    }
    b.push(para(vec![text("From the least to the most open setting:")]));
    b.push(Block::List(
        options
            .iter()
            .map(|v| Item {
                anchor: Some(anchor("visibility", v.id.as_str())),
                content: vec![
                    strong(format!("{}: ", v.id.as_str().replace('_', " "))),
                    text(v.description.clone()),
                    text(if v.public {
                        " Public: people outside the room can read it."
                    } else {
                        ""
                    }),
                ],
            })
            .collect(),
    ));
}

fn statements(p: &Policy, b: &mut Vec<Block>) {
    let mut list = |commitment: bool, title: &str| {
        let items: Vec<Item> = p
            .statements
            .iter()
            .filter(|s| s.commitment == commitment)
            .map(|s| Item {
                anchor: Some(anchor("statement", s.id.as_str())),
                content: vec![text(s.text.clone())],
            })
            .collect();
        if !items.is_empty() {
            b.push(heading(3, None, title));
            b.push(Block::List(items));
        }
    };
    list(true, "Our commitments");
    list(false, "Other statements");
    if p.statements.is_empty() {
        b.push(para(vec![text("None.")]));
    }
}

fn related_documents(p: &Policy, b: &mut Vec<Block>) {
    if p.related_documents.is_empty() {
        b.push(para(vec![text("The policy names no other document.")]));
    }
    for d in &p.related_documents {
        b.push(entity_heading("document", d.id.as_str(), &d.title));
        b.push(para(vec![text(d.description.clone())]));
        let mut runs = vec![
            strong("Kind: "),
            text(format!("{}. ", capitalise(d.kind.label()))),
        ];
        match &d.url {
            Some(url) => runs.push(Inline::Url {
                text: url.to_string(),
                url: url.to_string(),
            }),
            None => runs.push(text("The policy gives no address for it.")),
        }
        b.push(para(runs));
    }
}

fn complaints(p: &Policy, b: &mut Vec<Block>) {
    match &p.supervisory_authority {
        Some(sa) => {
            let mut runs = vec![
                text("You can complain to "),
                strong(sa.name.clone()),
                text(format!(" ({})", sa.country)),
            ];
            if let Some(url) = &sa.url {
                runs.push(text(": "));
                runs.push(Inline::Url {
                    text: url.to_string(),
                    url: url.to_string(),
                });
            }
            runs.push(text("."));
            b.push(para(runs));
        }
        None => b.push(para(vec![text(
            "The policy names no supervisory authority.",
        )])),
    }
}

fn history(p: &Policy, b: &mut Vec<Block>) {
    b.push(Block::List(
        p.history
            .iter()
            .rev()
            .map(|h| Item {
                anchor: Some(anchor("release", &h.version.to_string())),
                content: vec![
                    strong(format!("{} ({}): ", h.version, h.date)),
                    text(h.summary.clone()),
                ],
            })
            .collect(),
    ));
}

fn blocks(p: &Policy) -> Vec<Block> {
    let mut b = vec![heading(1, Some("top".to_owned()), p.title.clone())];
    let mut intro = vec![text(format!("Version {}", p.version))];
    if let Some(last) = p.history.last() {
        intro.push(text(format!(", published {}", last.date)));
    }
    intro.push(text("."));
    if let Some(url) = &p.url {
        intro.push(text(" The authoritative text: "));
        intro.push(Inline::Url {
            text: url.to_string(),
            url: url.to_string(),
        });
        intro.push(text("."));
    }
    b.push(para(intro));
    b.push(para(vec![strong("Contents")]));
    b.push(Block::List(
        SECTIONS
            .iter()
            .map(|(key, title)| {
                item(vec![Inline::Anchor {
                    text: (*title).to_owned(),
                    anchor: (*key).to_owned(),
                }])
            })
            .collect(),
    ));
    for (key, _) in SECTIONS {
        b.extend(section(p, key));
    }
    b
}

/// The whole policy as Markdown (CommonMark with `<a id>` anchors).
pub fn markdown(policy: &Policy) -> String {
    blocks::to_markdown(&blocks(policy))
}

/// The whole policy as an HTML fragment: one `<article>` element, for
/// wrapping in another page or template. Every piece of document text is
/// escaped.
pub fn html_body(policy: &Policy) -> String {
    let lang = html_lang(&policy.language);
    format!(
        "<article class=\"privacy-policy\" lang=\"{lang}\">\n{}</article>\n",
        blocks::to_html(&blocks(policy))
    )
}

/// The language tag, or `en` when it holds anything but `[A-Za-z0-9-]`.
fn html_lang(tag: &str) -> &str {
    if !tag.is_empty()
        && tag.len() <= 35
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        tag
    } else {
        "en"
    }
}

/// A small stylesheet for [`html`]: readable line length, no external
/// resources.
pub const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}h1,h2,h3{line-height:1.2}h2{margin-top:2.5rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}h3{margin-top:1.8rem}li{margin:.3rem 0}a{color:#0b57d0}:target{background:#fff6cc}";

/// The whole policy as a standalone HTML5 page: no scripts and no external
/// resources, and a Content-Security-Policy that allows neither.
pub fn html(policy: &Policy) -> String {
    let mut out = String::new();
    let lang = html_lang(&policy.language);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{} {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        blocks::html_escape(&policy.title),
        policy.version,
        html_body(policy)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_statement_caveat_and_entity_has_an_anchor() {
        let p = Policy::canonical();
        let html = html(p);
        for s in &p.statements {
            assert!(html.contains(&format!("id=\"{}\"", anchor("statement", s.id.as_str()))));
        }
        for d in &p.data_categories {
            assert!(html.contains(&format!("id=\"{}\"", anchor("data", d.id.as_str()))));
        }
        for r in &p.rights {
            for c in &r.caveats {
                assert!(
                    html.contains(&blocks::html_escape(&c.description)),
                    "{}",
                    c.id
                );
            }
        }
        for (key, _) in SECTIONS {
            assert!(html.contains(&format!("id=\"{key}\"")));
        }
    }

    #[test]
    fn anchors_link_to_existing_ids() {
        let p = Policy::canonical();
        let html = html(p);
        for part in html.split("href=\"#").skip(1) {
            let target = &part[..part.find('"').unwrap()];
            assert!(
                html.contains(&format!("id=\"{target}\"")),
                "dangling #{target}"
            );
        }
    }

    #[test]
    fn hostile_text_is_escaped() {
        let mut p = Policy::canonical().clone();
        p.title = "<script>alert(1)</script>".into();
        p.statements[0].text = "</li><img src=x onerror=alert(1)> ::error::x".into();
        p.language = "en\"><script>".into();
        let html = html(&p);
        assert!(
            !html.contains("<script>") && !html.contains("<img"),
            "{html}"
        );
        let md = markdown(&p);
        assert!(!md.contains("<script>") && !md.contains("<img"));
    }
}
