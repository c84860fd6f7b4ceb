//! The diff engine: walks two policies collection by collection, matches
//! entities by id and emits one [`Change`] per difference, naming its rule.
//!
//! The engine never decides a bump: that is the catalog's job
//! ([`super::rules::RULES`]). Every collection is indexed once, so the whole
//! diff is linear in the size of the documents.

use std::collections::HashSet;
use std::fmt::Display;

use serde::Serialize;

use super::matching::{Pairing, pair_by, same_set, set_changes};
use super::retention::{self, Comparison};
use super::{Change, Diff, RuleId};
use crate::{
    Channel, Children, Contact, ExerciseMethod, Id, Parameter, ParameterValue, Policy,
    PostalAddress, Profiling, SectionRef, Stronger, SupervisoryAuthority, Url,
};

/// Compares two policies and lists every change, each with its rule.
///
/// Never fails and never panics: any two values of [`Policy`] compare.
/// Documents that the loader would reject (duplicate ids) still compare: the
/// first entity with an id stands for it.
///
/// ```
/// # use matrix_privacy_policy::{Policy, diff};
/// # let policy: Policy = serde_json::from_str(include_str!("../../tests/fixtures/diff/base.json"))?;
/// let changes = diff::diff(&policy, &policy);
/// assert!(changes.is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn diff(old: &Policy, new: &Policy) -> Diff {
    let mut e = Engine {
        old,
        new,
        out: Vec::new(),
        new_data: None,
        old_data: None,
    };
    e.document();
    e.controller();
    e.contacts();
    e.services();
    e.data_categories();
    e.purposes();
    e.recipients();
    e.transfers();
    e.retention();
    e.rights();
    e.security_measures();
    e.children();
    e.profiling();
    e.history_visibility();
    e.statements();
    e.supervisory_authority();
    e.history();
    Diff {
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        changes: e.out,
    }
}

struct Engine<'a> {
    old: &'a Policy,
    new: &'a Policy,
    out: Vec<Change>,
    /// Data category ids of the new document, built on first use.
    new_data: Option<HashSet<&'a str>>,
    /// Data category ids of the old document, built on first use.
    old_data: Option<HashSet<&'a str>>,
}

/// Where a change is.
enum At {
    /// Only in the new document (an addition).
    New(String),
    /// Only in the old document (a removal).
    Old(String),
    /// In both; the change is in the new one.
    Both(String, String),
    /// In both; the change is a removal from the old one.
    BothOld(String, String),
}

/// Text equal up to white space.
fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

fn same_opt_text(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same_text(a, b),
        _ => false,
    }
}

/// A text for a message: white space collapsed, cut at 80 characters, in quotes.
fn quote(s: &str) -> String {
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
fn words<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::from("?"),
    }
}

fn list<T: Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "nothing".to_owned();
    }
    // Sorted, so that messages do not depend on the order of the document.
    let mut v: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    v.sort();
    v.dedup();
    v.join(", ")
}

fn opt_url(u: Option<&Url>) -> String {
    u.map_or_else(|| "none".to_owned(), |u| plain(u.as_str(), 200))
}

/// A short raw value for a message: white space collapsed, no backticks, cut at `max` characters.
fn plain(s: &str, max: usize) -> String {
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

fn section_key(s: &SectionRef) -> (Option<String>, String) {
    (
        s.number.as_ref().map(|n| n.trim().to_owned()),
        s.heading.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

fn same_sections(a: &[SectionRef], b: &[SectionRef]) -> bool {
    if a == b {
        return true;
    }
    let a: Vec<_> = a.iter().map(section_key).collect();
    let b: Vec<_> = b.iter().map(section_key).collect();
    same_set(&a, &b)
}

fn describe_sections(s: &[SectionRef]) -> String {
    let mut v: Vec<String> = s
        .iter()
        .map(|s| match &s.number {
            Some(n) => format!("{} {}", plain(n, 20), quote(&s.heading)),
            None => quote(&s.heading),
        })
        .collect();
    v.sort();
    v.truncate(3);
    let mut out = v.join(", ");
    if s.len() > 3 {
        out.push_str(&format!(" and {} more", s.len() - 3));
    }
    if out.is_empty() {
        "none".to_owned()
    } else {
        out
    }
}

fn same_address(a: Option<&PostalAddress>, b: Option<&PostalAddress>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.lines.len() == b.lines.len()
                && a.lines.iter().zip(&b.lines).all(|(x, y)| same_text(x, y))
                && same_text(&a.locality, &b.locality)
                && same_opt_text(a.postal_code.as_deref(), b.postal_code.as_deref())
                && a.country.trim() == b.country.trim()
        }
        _ => false,
    }
}

fn describe_address(a: Option<&PostalAddress>) -> String {
    match a {
        None => "none".to_owned(),
        Some(a) => {
            let mut parts: Vec<&str> = a.lines.iter().map(String::as_str).collect();
            parts.push(&a.locality);
            if let Some(p) = &a.postal_code {
                parts.push(p);
            }
            parts.push(&a.country);
            quote(&parts.join(", "))
        }
    }
}

fn value_text(v: &ParameterValue) -> String {
    match v {
        ParameterValue::Bool(b) => b.to_string(),
        ParameterValue::Integer(i) => i.to_string(),
        ParameterValue::Text(t) => quote(t),
    }
}

/// How a parameter's value moved: `Some(true)` stronger, `Some(false)`
/// weaker, `None` not comparable (with the reason).
fn parameter_move(old: &Parameter, new: &Parameter) -> Result<bool, &'static str> {
    let Some(dir) = new.stronger else {
        return Err("no stronger direction is stated");
    };
    if old.stronger != new.stronger {
        return Err("the stronger direction changed");
    }
    let up = match (&old.value, &new.value) {
        (ParameterValue::Integer(a), ParameterValue::Integer(b)) => b > a,
        (ParameterValue::Bool(a), ParameterValue::Bool(b)) => b > a,
        (ParameterValue::Text(_), ParameterValue::Text(_)) => {
            return Err("text values do not compare");
        }
        _ => return Err("the value changed type"),
    };
    Ok(match dir {
        Stronger::Higher => up,
        Stronger::Lower => !up,
    })
}

impl<'a> Engine<'a> {
    fn emit(&mut self, rule: RuleId, at: At, message: String) {
        let (pointer, old_pointer, new_pointer) = match at {
            At::New(n) => (n.clone(), None, Some(n)),
            At::Old(o) => (o.clone(), Some(o), None),
            At::Both(o, n) => (n.clone(), Some(o), Some(n)),
            At::BothOld(o, n) => (o.clone(), Some(o), Some(n)),
        };
        // Messages are one line whatever the input holds.
        let message = if message.chars().any(char::is_control) {
            message
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect()
        } else {
            message
        };
        self.out.push(Change {
            rule,
            pointer,
            old_pointer,
            new_pointer,
            message,
        });
    }

    fn changed(&mut self, rule: RuleId, op: &str, np: &str, field: &str, message: String) {
        self.emit(
            rule,
            At::Both(format!("{op}{field}"), format!("{np}{field}")),
            message,
        );
    }

    fn new_has_data(&mut self, id: &str) -> bool {
        let new = self.new;
        self.new_data
            .get_or_insert_with(|| new.data_categories.iter().map(|d| d.id.as_str()).collect())
            .contains(id)
    }

    fn old_has_data(&mut self, id: &str) -> bool {
        let old = self.old;
        self.old_data
            .get_or_insert_with(|| old.data_categories.iter().map(|d| d.id.as_str()).collect())
            .contains(id)
    }

    /// A data reference that disappears only because the category itself was
    /// removed from the document (reported once, as `data-category-removed`).
    fn data_removed_with_category(&mut self, id: &str) -> bool {
        !self.new_has_data(id) && self.old_has_data(id)
    }

    /// Name, description and sections: the wording of an entity.
    fn wording(&mut self, label: &str, op: &str, np: &str, w: Wording<'_>) {
        if let Some((a, b)) = w.name
            && !same_text(a, b)
        {
            self.changed(
                RuleId::NameChanged,
                op,
                np,
                w.name_field,
                format!("{label} renamed: {} → {}", quote(a), quote(b)),
            );
        }
        if let Some((a, b)) = w.description
            && !same_text(a, b)
        {
            self.changed(
                RuleId::DescriptionChanged,
                op,
                np,
                "/description",
                format!("description of {label} reworded: now {}", quote(b)),
            );
        }
        if let Some((a, b)) = w.sections
            && !same_sections(a, b)
        {
            self.changed(
                RuleId::SectionsChanged,
                op,
                np,
                "/sections",
                format!(
                    "sections of {label} changed: now {} (was {})",
                    describe_sections(b),
                    describe_sections(a)
                ),
            );
        }
    }

    fn link(
        &mut self,
        label: &str,
        op: &str,
        np: &str,
        field: &str,
        a: Option<&Url>,
        b: Option<&Url>,
    ) {
        if a != b {
            self.changed(
                RuleId::LinkChanged,
                op,
                np,
                field,
                format!("{label} link changed: {} → {}", opt_url(a), opt_url(b)),
            );
        }
    }

    /// Added and removed references in an id list of a matched entity.
    #[allow(clippy::too_many_arguments)]
    fn refs<T: std::hash::Hash + Eq + Display>(
        &mut self,
        op: &str,
        np: &str,
        field: &str,
        old: &[T],
        new: &[T],
        added: (RuleId, &dyn Fn(&T) -> String),
        removed: (RuleId, &dyn Fn(&T) -> String),
        skip_removed: &mut dyn FnMut(&mut Self, &T) -> bool,
    ) {
        let (plus, minus) = set_changes(old, new);
        for (i, t) in minus {
            if skip_removed(self, t) {
                continue;
            }
            let at = At::BothOld(format!("{op}{field}/{i}"), format!("{np}{field}"));
            self.emit(removed.0, at, removed.1(t));
        }
        for (j, t) in plus {
            let at = At::Both(format!("{op}{field}"), format!("{np}{field}/{j}"));
            self.emit(added.0, at, added.1(t));
        }
    }

    // ----- document

    fn document(&mut self) {
        let (o, n) = (self.old, self.new);
        if !same_text(&o.title, &n.title) {
            self.changed(
                RuleId::TitleChanged,
                "",
                "",
                "/title",
                format!("title changed: {} → {}", quote(&o.title), quote(&n.title)),
            );
        }
        if o.language.trim() != n.language.trim() {
            self.changed(
                RuleId::LanguageChanged,
                "",
                "",
                "/language",
                format!(
                    "language changed: {} → {}",
                    quote(&o.language),
                    quote(&n.language)
                ),
            );
        }
        self.link(
            "the document's",
            "",
            "",
            "/url",
            o.url.as_ref(),
            n.url.as_ref(),
        );
    }

    fn controller(&mut self) {
        let (o, n) = (&self.old.controller, &self.new.controller);
        let (op, np) = ("/controller", "/controller");
        let who = |c: &crate::Controller| match &c.legal_form {
            Some(f) => format!("{} ({})", quote(&c.name), plain(f, 80)),
            None => quote(&c.name),
        };
        if !same_text(&o.name, &n.name)
            || !same_opt_text(o.legal_form.as_deref(), n.legal_form.as_deref())
        {
            let field = if same_text(&o.name, &n.name) {
                "/legal_form"
            } else {
                "/name"
            };
            self.changed(
                RuleId::ControllerChanged,
                op,
                np,
                field,
                format!("the controller changed from {} to {}", who(o), who(n)),
            );
        }
        if o.incorporated != n.incorporated {
            let d = |d: Option<&crate::PartialDate>| {
                d.map_or_else(|| "none".to_owned(), |d| d.to_string())
            };
            self.changed(
                RuleId::ControllerDetailsChanged,
                op,
                np,
                "/incorporated",
                format!(
                    "the controller's incorporation date changed: {} → {}",
                    d(o.incorporated.as_ref()),
                    d(n.incorporated.as_ref())
                ),
            );
        }
        if !same_address(o.address.as_ref(), n.address.as_ref()) {
            self.changed(
                RuleId::ControllerAddressChanged,
                op,
                np,
                "/address",
                format!(
                    "the controller's address changed: {} → {}",
                    describe_address(o.address.as_ref()),
                    describe_address(n.address.as_ref())
                ),
            );
        }
        self.link(
            "the controller's website",
            op,
            np,
            "/website",
            o.website.as_ref(),
            n.website.as_ref(),
        );
        self.wording(
            "the controller",
            op,
            np,
            Wording {
                description: Some((&o.description, &n.description)),
                sections: Some((&o.sections, &n.sections)),
                ..Wording::default()
            },
        );
    }

    fn contacts(&mut self) {
        let (old, new) = (&self.old.contacts, &self.new.contacts);
        let describe = |c: &Contact| {
            let mut s = format!("contact `{}` ({}", c.id, words(&c.role));
            if let Some(e) = &c.email {
                s.push_str(&format!(", {}", plain(e.as_str(), 200)));
            }
            if let Some(u) = &c.url {
                s.push_str(&format!(", {}", plain(u.as_str(), 200)));
            }
            s.push(')');
            s
        };
        for p in pair_by(old, new, |c| c.id.as_str()) {
            match p {
                Pairing::Removed(i, c) => {
                    self.emit(
                        RuleId::ContactRemoved,
                        At::Old(format!("/contacts/{i}")),
                        format!("{} removed", describe(c)),
                    );
                }
                Pairing::Added(j, c) => {
                    self.emit(
                        RuleId::ContactAdded,
                        At::New(format!("/contacts/{j}")),
                        format!("{} added", describe(c)),
                    );
                }
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (format!("/contacts/{i}"), format!("/contacts/{j}"));
                    let mut what: Vec<(&str, String)> = Vec::new();
                    if a.role != b.role {
                        what.push((
                            "/role",
                            format!("role {} → {}", words(&a.role), words(&b.role)),
                        ));
                    }
                    if a.email != b.email {
                        let e = |e: Option<&crate::Email>| {
                            e.map_or_else(|| "none".to_owned(), |e| plain(e.as_str(), 200))
                        };
                        what.push((
                            "/email",
                            format!("e-mail {} → {}", e(a.email.as_ref()), e(b.email.as_ref())),
                        ));
                    }
                    if a.url != b.url {
                        what.push((
                            "/url",
                            format!(
                                "web {} → {}",
                                opt_url(a.url.as_ref()),
                                opt_url(b.url.as_ref())
                            ),
                        ));
                    }
                    let field = if what.len() == 1 { what[0].0 } else { "" };
                    let what: Vec<String> = what.into_iter().map(|(_, w)| w).collect();
                    if !what.is_empty() {
                        self.changed(
                            RuleId::ContactChanged,
                            &op,
                            &np,
                            field,
                            format!("contact `{}` changed: {}", b.id, what.join("; ")),
                        );
                    }
                    let label = format!("contact `{}`", b.id);
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording {
                            description: Some((&a.description, &b.description)),
                            sections: Some((&a.sections, &b.sections)),
                            ..Wording::default()
                        },
                    );
                }
            }
        }
    }

    fn services(&mut self) {
        let (old, new) = (&self.old.services, &self.new.services);
        for p in pair_by(old, new, |s| s.id.as_str()) {
            match p {
                Pairing::Removed(i, s) => self.emit(
                    RuleId::ServiceRemoved,
                    At::Old(format!("/services/{i}")),
                    format!(
                        "service `{}` ({}) is no longer covered",
                        s.id,
                        quote(&s.name)
                    ),
                ),
                Pairing::Added(j, s) => self.emit(
                    RuleId::ServiceAdded,
                    At::New(format!("/services/{j}")),
                    format!("service `{}` ({}) is now covered", s.id, quote(&s.name)),
                ),
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (format!("/services/{i}"), format!("/services/{j}"));
                    let label = format!("service `{}`", b.id);
                    let id = b.id.clone();
                    self.refs(
                        &op,
                        &np,
                        "/operated_by",
                        &a.operated_by,
                        &b.operated_by,
                        (RuleId::ServiceOperatorAdded, &|r| {
                            format!("service `{id}` is now operated by recipient `{r}`")
                        }),
                        (RuleId::ServiceOperatorRemoved, &|r| {
                            format!("service `{id}` is no longer operated by recipient `{r}`")
                        }),
                        &mut |_, _| false,
                    );
                    self.link(
                        &format!("{label}'s"),
                        &op,
                        &np,
                        "/url",
                        a.url.as_ref(),
                        b.url.as_ref(),
                    );
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording::full(
                            &a.name,
                            &b.name,
                            &a.description,
                            &b.description,
                            &a.sections,
                            &b.sections,
                        ),
                    );
                }
            }
        }
    }

    fn data_categories(&mut self) {
        let (old, new) = (&self.old.data_categories, &self.new.data_categories);
        for p in pair_by(old, new, |d| d.id.as_str()) {
            match p {
                Pairing::Removed(i, d) => self.emit(
                    RuleId::DataCategoryRemoved,
                    At::Old(format!("/data_categories/{i}")),
                    format!("data category `{}` ({}) removed", d.id, quote(&d.name)),
                ),
                Pairing::Added(j, d) => self.emit(
                    RuleId::DataCategoryAdded,
                    At::New(format!("/data_categories/{j}")),
                    format!(
                        "data category `{}` ({}) added: {}, {}",
                        d.id,
                        quote(&d.name),
                        words(&d.source),
                        if d.optional { "optional" } else { "mandatory" }
                    ),
                ),
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (
                        format!("/data_categories/{i}"),
                        format!("/data_categories/{j}"),
                    );
                    let label = format!("data category `{}`", b.id);
                    if a.optional && !b.optional {
                        self.changed(
                            RuleId::DataCategoryNowMandatory,
                            &op,
                            &np,
                            "/optional",
                            format!("{label} is now mandatory"),
                        );
                    } else if !a.optional && b.optional {
                        self.changed(
                            RuleId::DataCategoryNowOptional,
                            &op,
                            &np,
                            "/optional",
                            format!("{label} is now optional"),
                        );
                    }
                    if a.publishable != b.publishable {
                        let (rule, now) = if b.publishable {
                            (RuleId::DataCategoryNowPublishable, "now")
                        } else {
                            (RuleId::DataCategoryNoLongerPublishable, "no longer")
                        };
                        self.changed(
                            rule,
                            &op,
                            &np,
                            "/publishable",
                            format!("{label} is {now} publishable"),
                        );
                    }
                    if a.source != b.source {
                        self.changed(
                            RuleId::DataCategorySourceChanged,
                            &op,
                            &np,
                            "/source",
                            format!(
                                "{label} is now {} (was {})",
                                words(&b.source),
                                words(&a.source)
                            ),
                        );
                    }
                    let id = b.id.clone();
                    self.refs(
                        &op,
                        &np,
                        "/services",
                        &a.services,
                        &b.services,
                        (RuleId::DataCategoryServiceAdded, &|s| {
                            format!("data category `{id}` is now collected by service `{s}`")
                        }),
                        (RuleId::DataCategoryServiceRemoved, &|s| {
                            format!("data category `{id}` is no longer collected by service `{s}`")
                        }),
                        &mut |_, _| false,
                    );
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording::full(
                            &a.name,
                            &b.name,
                            &a.description,
                            &b.description,
                            &a.sections,
                            &b.sections,
                        ),
                    );
                }
            }
        }
    }

    fn purposes(&mut self) {
        let (old, new) = (&self.old.purposes, &self.new.purposes);
        for p in pair_by(old, new, |d| d.id.as_str()) {
            match p {
                Pairing::Removed(i, d) => self.emit(
                    RuleId::PurposeRemoved,
                    At::Old(format!("/purposes/{i}")),
                    format!("purpose `{}` ({}) removed", d.id, quote(&d.name)),
                ),
                Pairing::Added(j, d) => self.emit(
                    RuleId::PurposeAdded,
                    At::New(format!("/purposes/{j}")),
                    format!(
                        "purpose `{}` ({}) added, using {} on the basis of {}",
                        d.id,
                        quote(&d.name),
                        list(&d.data),
                        bases(&d.legal_bases)
                    ),
                ),
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (format!("/purposes/{i}"), format!("/purposes/{j}"));
                    let label = format!("purpose `{}`", b.id);
                    if !same_set(&a.legal_bases, &b.legal_bases) {
                        self.changed(
                            RuleId::LegalBasisChanged,
                            &op,
                            &np,
                            "/legal_bases",
                            format!(
                                "{label} now rests on {} (was {})",
                                bases(&b.legal_bases),
                                bases(&a.legal_bases)
                            ),
                        );
                    }
                    let id = b.id.clone();
                    self.refs(
                        &op,
                        &np,
                        "/data",
                        &a.data,
                        &b.data,
                        (RuleId::PurposeDataAdded, &|d| {
                            format!("purpose `{id}` now uses data category `{d}`")
                        }),
                        (RuleId::PurposeDataRemoved, &|d| {
                            format!("purpose `{id}` no longer uses data category `{d}`")
                        }),
                        &mut |_, _| false,
                    );
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording::full(
                            &a.name,
                            &b.name,
                            &a.description,
                            &b.description,
                            &a.sections,
                            &b.sections,
                        ),
                    );
                }
            }
        }
    }

    fn recipients(&mut self) {
        let (old, new) = (&self.old.recipients, &self.new.recipients);
        for p in pair_by(old, new, |d| d.id.as_str()) {
            match p {
                Pairing::Removed(i, r) => self.emit(
                    RuleId::RecipientRemoved,
                    At::Old(format!("/recipients/{i}")),
                    format!("recipient `{}` ({}) removed", r.id, quote(&r.name)),
                ),
                // A public indexer of data publishable before and after reads
                // what anyone can already read: naming it is information, not
                // a new disclosure (see `diff::public`).
                Pairing::Added(j, r)
                    if super::public::reads_only_published(self.old, self.new, r) =>
                {
                    self.emit(
                        RuleId::PublicIndexerAdded,
                        At::New(format!("/recipients/{j}")),
                        format!(
                            "public indexer `{}` ({}) named, reading {}{}",
                            r.id,
                            quote(&r.name),
                            list(&r.receives),
                            r.condition
                                .as_deref()
                                .map(|c| format!(" ({})", c.trim()))
                                .unwrap_or_default()
                        ),
                    )
                }
                Pairing::Added(j, r) => self.emit(
                    RuleId::RecipientAdded,
                    At::New(format!("/recipients/{j}")),
                    format!(
                        "recipient `{}` ({}, {}) added, receiving {}",
                        r.id,
                        quote(&r.name),
                        words(&r.role),
                        list(&r.receives)
                    ),
                ),
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (format!("/recipients/{i}"), format!("/recipients/{j}"));
                    let label = format!("recipient `{}`", b.id);
                    if a.role != b.role {
                        self.changed(
                            RuleId::RecipientRoleChanged,
                            &op,
                            &np,
                            "/role",
                            format!(
                                "{label} is now {} (was {})",
                                article(&words(&b.role)),
                                article(&words(&a.role))
                            ),
                        );
                    }
                    if a.kind != b.kind {
                        self.changed(
                            RuleId::RecipientKindChanged,
                            &op,
                            &np,
                            "/kind",
                            format!(
                                "{label} is now classed as {} (was {})",
                                words(&b.kind),
                                words(&a.kind)
                            ),
                        );
                    }
                    let id = b.id.clone();
                    self.refs(
                        &op,
                        &np,
                        "/receives",
                        &a.receives,
                        &b.receives,
                        (RuleId::RecipientDataAdded, &|d| {
                            format!("recipient `{id}` now receives data category `{d}`")
                        }),
                        (RuleId::RecipientDataRemoved, &|d| {
                            format!("recipient `{id}` no longer receives data category `{d}`")
                        }),
                        &mut |_, _| false,
                    );
                    self.refs(
                        &op,
                        &np,
                        "/purposes",
                        &a.purposes,
                        &b.purposes,
                        (RuleId::RecipientPurposeAdded, &|d| {
                            format!("recipient `{id}` now receives data for purpose `{d}`")
                        }),
                        (RuleId::RecipientPurposeRemoved, &|d| {
                            format!("recipient `{id}` no longer receives data for purpose `{d}`")
                        }),
                        &mut |_, _| false,
                    );
                    match (&a.condition, &b.condition) {
                        (None, Some(c)) => self.changed(
                            RuleId::RecipientConditionAdded,
                            &op,
                            &np,
                            "/condition",
                            format!(
                                "{label} now receives data only on a condition: {}",
                                quote(c)
                            ),
                        ),
                        (Some(c), None) => self.changed(
                            RuleId::RecipientConditionRemoved,
                            &op,
                            &np,
                            "/condition",
                            format!(
                                "{label} now receives data unconditionally (was only: {})",
                                quote(c)
                            ),
                        ),
                        (Some(x), Some(y)) if !same_text(x, y) => self.changed(
                            RuleId::RecipientConditionChanged,
                            &op,
                            &np,
                            "/condition",
                            format!(
                                "the condition of {label} changed: {} → {}",
                                quote(x),
                                quote(y)
                            ),
                        ),
                        _ => {}
                    }
                    if a.privacy_policy != b.privacy_policy {
                        self.changed(
                            RuleId::RecipientPrivacyPolicyChanged,
                            &op,
                            &np,
                            "/privacy_policy",
                            format!(
                                "privacy policy link of {label} changed: {} → {}",
                                opt_url(a.privacy_policy.as_ref()),
                                opt_url(b.privacy_policy.as_ref())
                            ),
                        );
                    }
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording::full(
                            &a.name,
                            &b.name,
                            &a.description,
                            &b.description,
                            &a.sections,
                            &b.sections,
                        ),
                    );
                }
            }
        }
    }

    fn transfers(&mut self) {
        let (old, new) = (&self.old.transfers, &self.new.transfers);
        for p in pair_by(old, new, |d| d.id.as_str()) {
            match p {
                Pairing::Removed(i, t) => self.emit(
                    RuleId::TransferRemoved,
                    At::Old(format!("/transfers/{i}")),
                    format!("transfer `{}` to {} removed", t.id, quote(&t.destination)),
                ),
                Pairing::Added(j, t) => self.emit(
                    RuleId::TransferAdded,
                    At::New(format!("/transfers/{j}")),
                    format!(
                        "transfer `{}` to {} added, to {}, under {}",
                        t.id,
                        quote(&t.destination),
                        list(&t.recipients),
                        safeguards(&t.safeguards)
                    ),
                ),
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (format!("/transfers/{i}"), format!("/transfers/{j}"));
                    let label = format!("transfer `{}`", b.id);
                    if !same_text(&a.destination, &b.destination) {
                        self.changed(
                            RuleId::TransferDestinationChanged,
                            &op,
                            &np,
                            "/destination",
                            format!(
                                "{label} now goes to {} (was {})",
                                quote(&b.destination),
                                quote(&a.destination)
                            ),
                        );
                    }
                    let id = b.id.clone();
                    self.refs(
                        &op,
                        &np,
                        "/recipients",
                        &a.recipients,
                        &b.recipients,
                        (RuleId::TransferRecipientAdded, &|r| {
                            format!("transfer `{id}` now also goes to recipient `{r}`")
                        }),
                        (RuleId::TransferRecipientRemoved, &|r| {
                            format!("transfer `{id}` no longer goes to recipient `{r}`")
                        }),
                        &mut |_, _| false,
                    );
                    self.refs(
                        &op,
                        &np,
                        "/safeguards",
                        &a.safeguards,
                        &b.safeguards,
                        (RuleId::TransferSafeguardAdded, &|s| {
                            format!(
                                "transfer `{id}` is now covered by {} ({})",
                                s.label(),
                                s.article()
                            )
                        }),
                        (RuleId::TransferSafeguardRemoved, &|s| {
                            format!(
                                "transfer `{id}` is no longer covered by {} ({})",
                                s.label(),
                                s.article()
                            )
                        }),
                        &mut |_, _| false,
                    );
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording {
                            description: Some((&a.description, &b.description)),
                            sections: Some((&a.sections, &b.sections)),
                            ..Wording::default()
                        },
                    );
                }
            }
        }
    }

    fn retention(&mut self) {
        let (old, new) = (&self.old.retention, &self.new.retention);
        for p in pair_by(old, new, |d| d.id.as_str()) {
            match p {
                Pairing::Removed(i, r) => {
                    let gone = r
                        .data
                        .iter()
                        .all(|d| self.data_removed_with_category(d.as_str()));
                    let (rule, msg) = if gone && !r.data.is_empty() {
                        (
                            RuleId::RetentionRuleRemovedWithData,
                            format!(
                                "retention rule `{}` removed with all the data it covered ({})",
                                r.id,
                                list(&r.data)
                            ),
                        )
                    } else {
                        (
                            RuleId::RetentionRuleRemoved,
                            format!(
                                "retention rule `{}` ({}) removed: {} no longer {} a stated retention",
                                r.id,
                                retention::describe(&r.retention),
                                list(&r.data),
                                if r.data.len() == 1 { "has" } else { "have" }
                            ),
                        )
                    };
                    self.emit(rule, At::Old(format!("/retention/{i}")), msg);
                }
                Pairing::Added(j, r) => self.emit(
                    RuleId::RetentionRuleAdded,
                    At::New(format!("/retention/{j}")),
                    format!(
                        "retention rule `{}` added: {} kept {}",
                        r.id,
                        list(&r.data),
                        keep(&r.retention)
                    ),
                ),
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (format!("/retention/{i}"), format!("/retention/{j}"));
                    let label = format!("retention rule `{}`", b.id);
                    let (was, now) = (
                        retention::describe(&a.retention),
                        retention::describe(&b.retention),
                    );
                    match retention::compare(&a.retention, &b.retention) {
                        Comparison::Same => {}
                        Comparison::ReasonReworded => self.changed(
                            RuleId::RetentionReasonChanged,
                            &op,
                            &np,
                            "/retention",
                            format!("the reason {label} keeps data indefinitely was reworded"),
                        ),
                        Comparison::Longer => self.changed(
                            RuleId::RetentionExtended,
                            &op,
                            &np,
                            "/retention",
                            format!("{label} extended: {was} → {now}"),
                        ),
                        Comparison::Shorter => self.changed(
                            RuleId::RetentionShortened,
                            &op,
                            &np,
                            "/retention",
                            format!("{label} shortened: {was} → {now}"),
                        ),
                        Comparison::Incomparable(why) => self.changed(
                            RuleId::RetentionIncomparable,
                            &op,
                            &np,
                            "/retention",
                            format!("{label} changed from {was} to {now}: {why}; taken as longer"),
                        ),
                    }
                    let id = b.id.clone();
                    self.refs(
                        &op,
                        &np,
                        "/data",
                        &a.data,
                        &b.data,
                        (RuleId::RetentionDataAdded, &|d| format!("retention rule `{id}` ({now}) now also covers data category `{d}`")),
                        (RuleId::RetentionDataRemoved, &|d| format!("retention rule `{id}` no longer covers data category `{d}`, which is still collected")),
                        &mut |e, d| e.data_removed_with_category(d.as_str()),
                    );
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording {
                            description: Some((&a.description, &b.description)),
                            sections: Some((&a.sections, &b.sections)),
                            ..Wording::default()
                        },
                    );
                }
            }
        }
    }

    fn rights(&mut self) {
        let (old, new) = (&self.old.rights, &self.new.rights);
        for p in pair_by(old, new, |r| r.right) {
            match p {
                Pairing::Removed(i, r) => self.emit(
                    RuleId::RightRemoved,
                    At::Old(format!("/rights/{i}")),
                    format!(
                        "the {} ({}) is no longer stated",
                        r.right.label(),
                        r.right.article()
                    ),
                ),
                Pairing::Added(j, r) => self.emit(
                    RuleId::RightAdded,
                    At::New(format!("/rights/{j}")),
                    format!(
                        "the {} ({}) is now stated",
                        r.right.label(),
                        r.right.article()
                    ),
                ),
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (format!("/rights/{i}"), format!("/rights/{j}"));
                    let label = format!("the {}", b.right.label());
                    self.exercise(&label, &op, &np, &a.exercise, &b.exercise);
                    for p in pair_by(&a.caveats, &b.caveats, |c| c.id.as_str()) {
                        match p {
                            Pairing::Removed(k, c) => self.emit(
                                RuleId::CaveatRemoved,
                                At::BothOld(format!("{op}/caveats/{k}"), format!("{np}/caveats")),
                                format!("caveat `{}` of {label} removed", c.id),
                            ),
                            Pairing::Added(k, c) => self.emit(
                                RuleId::CaveatAdded,
                                At::Both(format!("{op}/caveats"), format!("{np}/caveats/{k}")),
                                format!(
                                    "caveat `{}` added to {label}: {}",
                                    c.id,
                                    quote(&c.description)
                                ),
                            ),
                            Pairing::Matched(k, x, l, y) => {
                                let clabel = format!("caveat `{}` of {label}", y.id);
                                self.wording(
                                    &clabel,
                                    &format!("{op}/caveats/{k}"),
                                    &format!("{np}/caveats/{l}"),
                                    Wording {
                                        description: Some((&x.description, &y.description)),
                                        sections: Some((&x.sections, &y.sections)),
                                        ..Wording::default()
                                    },
                                );
                            }
                        }
                    }
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording {
                            description: Some((&a.description, &b.description)),
                            sections: Some((&a.sections, &b.sections)),
                            ..Wording::default()
                        },
                    );
                }
            }
        }
    }

    fn exercise(
        &mut self,
        label: &str,
        op: &str,
        np: &str,
        old: &[ExerciseMethod],
        new: &[ExerciseMethod],
    ) {
        let how = |m: &ExerciseMethod| {
            let channel = match m.channel {
                Channel::Email => "e-mail",
                Channel::MatrixMessage => "a Matrix message",
                Channel::ClientSettings => "the client's settings",
                Channel::AccountDeactivation => "deactivating the account",
                Channel::Web => "a web page or form",
                Channel::Post => "post",
            };
            match &m.contact {
                Some(c) => format!("{channel} to contact `{c}`"),
                None => channel.to_owned(),
            }
        };
        for p in pair_by(old, new, |m| {
            (m.channel, m.contact.as_ref().map(Id::as_str))
        }) {
            match p {
                Pairing::Removed(k, m) => self.emit(
                    RuleId::ExerciseMethodRemoved,
                    At::BothOld(format!("{op}/exercise/{k}"), format!("{np}/exercise")),
                    format!("{label} can no longer be exercised by {}", how(m)),
                ),
                Pairing::Added(k, m) => self.emit(
                    RuleId::ExerciseMethodAdded,
                    At::Both(format!("{op}/exercise"), format!("{np}/exercise/{k}")),
                    format!("{label} can now be exercised by {}", how(m)),
                ),
                Pairing::Matched(k, x, l, y) => {
                    let (mo, mn) = (format!("{op}/exercise/{k}"), format!("{np}/exercise/{l}"));
                    let mlabel = format!("the way to exercise {label} by {}", how(y));
                    self.link(
                        &format!("{mlabel}:"),
                        &mo,
                        &mn,
                        "/url",
                        x.url.as_ref(),
                        y.url.as_ref(),
                    );
                    self.wording(
                        &mlabel,
                        &mo,
                        &mn,
                        Wording {
                            description: Some((&x.description, &y.description)),
                            ..Wording::default()
                        },
                    );
                }
            }
        }
    }

    fn security_measures(&mut self) {
        let (old, new) = (&self.old.security_measures, &self.new.security_measures);
        for p in pair_by(old, new, |d| d.id.as_str()) {
            match p {
                Pairing::Removed(i, m) => self.emit(
                    RuleId::SecurityMeasureRemoved,
                    At::Old(format!("/security_measures/{i}")),
                    format!("security measure `{}` ({}) removed", m.id, words(&m.kind)),
                ),
                Pairing::Added(j, m) => self.emit(
                    RuleId::SecurityMeasureAdded,
                    At::New(format!("/security_measures/{j}")),
                    format!("security measure `{}` ({}) added", m.id, words(&m.kind)),
                ),
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (
                        format!("/security_measures/{i}"),
                        format!("/security_measures/{j}"),
                    );
                    let label = format!("security measure `{}`", b.id);
                    if a.kind != b.kind {
                        self.changed(
                            RuleId::SecurityMeasureKindChanged,
                            &op,
                            &np,
                            "/kind",
                            format!(
                                "{label} is now classed as {} (was {})",
                                words(&b.kind),
                                words(&a.kind)
                            ),
                        );
                    }
                    let id = b.id.clone();
                    self.refs(
                        &op,
                        &np,
                        "/applies_to",
                        &a.applies_to,
                        &b.applies_to,
                        (RuleId::SecurityMeasureScopeExtended, &|d| format!("security measure `{id}` now also protects data category `{d}`")),
                        (RuleId::SecurityMeasureScopeReduced, &|d| format!("security measure `{id}` no longer protects data category `{d}`, which is still collected")),
                        &mut |e, d| e.data_removed_with_category(d.as_str()),
                    );
                    for p in pair_by(&a.parameters, &b.parameters, |p| p.name.as_str()) {
                        match p {
                            Pairing::Removed(k, x) => self.emit(
                                RuleId::ParameterRemoved,
                                At::BothOld(
                                    format!("{op}/parameters/{k}"),
                                    format!("{np}/parameters"),
                                ),
                                format!(
                                    "{label} no longer states `{}` (was {})",
                                    x.name,
                                    value_text(&x.value)
                                ),
                            ),
                            Pairing::Added(k, x) => self.emit(
                                RuleId::ParameterAdded,
                                At::Both(
                                    format!("{op}/parameters"),
                                    format!("{np}/parameters/{k}"),
                                ),
                                format!(
                                    "{label} now states `{}` = {}",
                                    x.name,
                                    value_text(&x.value)
                                ),
                            ),
                            Pairing::Matched(k, x, l, y) => {
                                if x == y {
                                    continue;
                                }
                                let at = At::Both(
                                    format!("{op}/parameters/{k}"),
                                    format!("{np}/parameters/{l}"),
                                );
                                let change = format!("`{}` of {label}", y.name);
                                let (from, to) = (value_text(&x.value), value_text(&y.value));
                                let (rule, msg) = match parameter_move(x, y) {
                                    Ok(true) => (
                                        RuleId::ParameterStrengthened,
                                        format!(
                                            "{change} strengthened: {from} → {to} ({} is stronger)",
                                            dir(y.stronger)
                                        ),
                                    ),
                                    Ok(false) if x.value == y.value => continue,
                                    Ok(false) => (
                                        RuleId::ParameterWeakened,
                                        format!(
                                            "{change} weakened: {from} → {to} ({} is stronger)",
                                            dir(y.stronger)
                                        ),
                                    ),
                                    Err(why) => (
                                        RuleId::ParameterChanged,
                                        format!("{change} changed: {from} → {to} ({why})"),
                                    ),
                                };
                                self.emit(rule, at, msg);
                            }
                        }
                    }
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording {
                            description: Some((&a.description, &b.description)),
                            sections: Some((&a.sections, &b.sections)),
                            ..Wording::default()
                        },
                    );
                }
            }
        }
    }

    fn children(&mut self) {
        match (&self.old.children, &self.new.children) {
            (None, None) => {}
            (None, Some(c)) => self.emit(
                RuleId::MinimumAgeAdded,
                At::New("/children".into()),
                format!("a minimum age of {} is now stated", c.minimum_age),
            ),
            (Some(c), None) => self.emit(
                RuleId::MinimumAgeRemoved,
                At::Old("/children".into()),
                format!("the minimum age ({}) is no longer stated", c.minimum_age),
            ),
            (Some(a), Some(b)) => {
                let (a, b): (&Children, &Children) = (a, b);
                if b.minimum_age < a.minimum_age {
                    self.changed(
                        RuleId::MinimumAgeLowered,
                        "/children",
                        "/children",
                        "/minimum_age",
                        format!(
                            "the minimum age was lowered from {} to {}",
                            a.minimum_age, b.minimum_age
                        ),
                    );
                } else if b.minimum_age > a.minimum_age {
                    self.changed(
                        RuleId::MinimumAgeRaised,
                        "/children",
                        "/children",
                        "/minimum_age",
                        format!(
                            "the minimum age was raised from {} to {}",
                            a.minimum_age, b.minimum_age
                        ),
                    );
                }
                self.wording(
                    "the statement on children",
                    "/children",
                    "/children",
                    Wording {
                        description: Some((&a.description, &b.description)),
                        sections: Some((&a.sections, &b.sections)),
                        ..Wording::default()
                    },
                );
            }
        }
    }

    fn profiling(&mut self) {
        let (o, n): (Option<&Profiling>, Option<&Profiling>) =
            (self.old.profiling.as_ref(), self.new.profiling.as_ref());
        let at = |field: &str| match (o, n) {
            (Some(_), Some(_)) => {
                At::Both(format!("/profiling{field}"), format!("/profiling{field}"))
            }
            (None, _) => At::New(format!("/profiling{field}")),
            (_, None) => At::Old(format!("/profiling{field}")),
        };
        match (o.map(|p| p.performed), n.map(|p| p.performed)) {
            (a, Some(true)) if a != Some(true) => {
                self.emit(
                    RuleId::ProfilingStarted,
                    at("/performed"),
                    "users are now profiled".into(),
                );
            }
            (Some(true), Some(false)) => {
                self.emit(
                    RuleId::ProfilingStopped,
                    at("/performed"),
                    "users are no longer profiled".into(),
                );
            }
            (None, Some(false)) => self.emit(
                RuleId::ProfilingStatementAdded,
                at(""),
                "the policy now states that users are not profiled".into(),
            ),
            (Some(was), None) => self.emit(
                RuleId::ProfilingStatementRemoved,
                at(""),
                format!(
                    "the policy no longer says whether users are profiled (it said they {})",
                    if was { "are" } else { "are not" }
                ),
            ),
            _ => {}
        }
        let field = "/automated_decisions";
        match (o.and_then(|p| p.automated_decisions), n.and_then(|p| p.automated_decisions)) {
            (a, Some(true)) if a != Some(true) => self.emit(
                RuleId::AutomatedDecisionsStarted,
                at(field),
                "automated decisions with legal or similar effect are now made".into(),
            ),
            (Some(true), b) if b != Some(true) => self.emit(
                RuleId::AutomatedDecisionsStopped,
                at(field),
                "automated decisions with legal or similar effect are no longer made".into(),
            ),
            (None, Some(false)) => self.emit(
                RuleId::AutomatedDecisionsStatementAdded,
                at(field),
                "the policy now states that no automated decisions with legal or similar effect are made".into(),
            ),
            (Some(false), None) => self.emit(
                RuleId::AutomatedDecisionsStatementRemoved,
                at(field),
                "the policy no longer states that no automated decisions with legal or similar effect are made".into(),
            ),
            _ => {}
        }
        if let (Some(a), Some(b)) = (o, n) {
            self.wording(
                "the statement on profiling",
                "/profiling",
                "/profiling",
                Wording {
                    description: Some((&a.description, &b.description)),
                    sections: Some((&a.sections, &b.sections)),
                    ..Wording::default()
                },
            );
        }
    }

    fn history_visibility(&mut self) {
        let (old, new) = (&self.old.history_visibility, &self.new.history_visibility);
        for p in pair_by(old, new, |d| d.id.as_str()) {
            match p {
                Pairing::Removed(i, v) => self.emit(
                    RuleId::VisibilityOptionRemoved,
                    At::Old(format!("/history_visibility/{i}")),
                    format!(
                        "history visibility setting `{}` is no longer explained",
                        v.id
                    ),
                ),
                Pairing::Added(j, v) => self.emit(
                    RuleId::VisibilityOptionAdded,
                    At::New(format!("/history_visibility/{j}")),
                    format!(
                        "history visibility setting `{}` is now explained ({}): {}",
                        v.id,
                        if v.public { "public" } else { "not public" },
                        quote(&v.description)
                    ),
                ),
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (
                        format!("/history_visibility/{i}"),
                        format!("/history_visibility/{j}"),
                    );
                    let label = format!("history visibility setting `{}`", b.id);
                    if !a.public && b.public {
                        self.changed(
                            RuleId::VisibilityOptionNowPublic,
                            &op,
                            &np,
                            "/public",
                            format!(
                                "rooms with history visibility `{}` are now readable by the public",
                                b.id
                            ),
                        );
                    } else if a.public && !b.public {
                        self.changed(
                            RuleId::VisibilityOptionNoLongerPublic,
                            &op,
                            &np,
                            "/public",
                            format!("rooms with history visibility `{}` are no longer readable by the public", b.id),
                        );
                    }
                    if a.openness != b.openness {
                        self.changed(
                            RuleId::VisibilityOptionChanged,
                            &op,
                            &np,
                            "/openness",
                            format!(
                                "{label} now ranks {} in openness (was {})",
                                b.openness, a.openness
                            ),
                        );
                    }
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording {
                            description: Some((&a.description, &b.description)),
                            sections: Some((&a.sections, &b.sections)),
                            ..Wording::default()
                        },
                    );
                }
            }
        }
    }

    fn statements(&mut self) {
        let (old, new) = (&self.old.statements, &self.new.statements);
        for p in pair_by(old, new, |d| d.id.as_str()) {
            match p {
                Pairing::Removed(i, s) => {
                    let (rule, what) = if s.commitment {
                        (RuleId::CommitmentRemoved, "commitment")
                    } else {
                        (RuleId::StatementRemoved, "statement")
                    };
                    self.emit(
                        rule,
                        At::Old(format!("/statements/{i}")),
                        format!("{what} `{}` removed: {}", s.id, quote(&s.text)),
                    );
                }
                Pairing::Added(j, s) => {
                    let (rule, what) = if s.commitment {
                        (RuleId::CommitmentAdded, "commitment")
                    } else {
                        (RuleId::StatementAdded, "statement")
                    };
                    self.emit(
                        rule,
                        At::New(format!("/statements/{j}")),
                        format!("{what} `{}` added: {}", s.id, quote(&s.text)),
                    );
                }
                Pairing::Matched(i, a, j, b) => {
                    let (op, np) = (format!("/statements/{i}"), format!("/statements/{j}"));
                    if a.commitment && !b.commitment {
                        self.changed(
                            RuleId::CommitmentRemoved,
                            &op,
                            &np,
                            "/commitment",
                            format!("statement `{}` is no longer a commitment", b.id),
                        );
                    } else if !a.commitment && b.commitment {
                        self.changed(
                            RuleId::CommitmentAdded,
                            &op,
                            &np,
                            "/commitment",
                            format!("statement `{}` is now a commitment", b.id),
                        );
                    }
                    if !same_text(&a.text, &b.text) {
                        if a.commitment && b.commitment {
                            self.changed(
                                RuleId::CommitmentChanged,
                                &op,
                                &np,
                                "/text",
                                format!(
                                    "commitment `{}` reworded: {} → {}",
                                    b.id,
                                    quote(&a.text),
                                    quote(&b.text)
                                ),
                            );
                        } else {
                            self.changed(
                                RuleId::StatementChanged,
                                &op,
                                &np,
                                "/text",
                                format!("statement `{}` reworded: now {}", b.id, quote(&b.text)),
                            );
                        }
                    }
                    let label = format!("statement `{}`", b.id);
                    self.wording(
                        &label,
                        &op,
                        &np,
                        Wording {
                            sections: Some((&a.sections, &b.sections)),
                            ..Wording::default()
                        },
                    );
                }
            }
        }
    }

    fn supervisory_authority(&mut self) {
        let name =
            |s: &SupervisoryAuthority| format!("{} ({})", quote(&s.name), plain(&s.country, 10));
        let p = "/supervisory_authority";
        match (
            &self.old.supervisory_authority,
            &self.new.supervisory_authority,
        ) {
            (None, None) => {}
            (None, Some(s)) => self.emit(
                RuleId::SupervisoryAuthorityChanged,
                At::New(p.into()),
                format!("the supervisory authority is now stated: {}", name(s)),
            ),
            (Some(s), None) => self.emit(
                RuleId::SupervisoryAuthorityChanged,
                At::Old(p.into()),
                format!(
                    "the supervisory authority is no longer stated (was {})",
                    name(s)
                ),
            ),
            (Some(a), Some(b)) => {
                if !same_text(&a.name, &b.name) || a.country.trim() != b.country.trim() {
                    self.changed(
                        RuleId::SupervisoryAuthorityChanged,
                        p,
                        p,
                        "",
                        format!(
                            "the supervisory authority changed from {} to {}",
                            name(a),
                            name(b)
                        ),
                    );
                }
                self.link(
                    "the supervisory authority's",
                    p,
                    p,
                    "/url",
                    a.url.as_ref(),
                    b.url.as_ref(),
                );
                self.wording(
                    "the supervisory authority",
                    p,
                    p,
                    Wording {
                        sections: Some((&a.sections, &b.sections)),
                        ..Wording::default()
                    },
                );
            }
        }
    }

    fn history(&mut self) {
        let (old, new) = (&self.old.history, &self.new.history);
        let old_version = &self.old.version;
        for p in pair_by(old, new, |h| &h.version) {
            match p {
                Pairing::Removed(i, h) => self.emit(
                    RuleId::HistoryEntryRemoved,
                    At::Old(format!("/history/{i}")),
                    format!(
                        "the history entry of release {} ({}) was removed",
                        h.version, h.date
                    ),
                ),
                Pairing::Added(j, h) => {
                    if h.version.cmp_precedence(old_version).is_gt() {
                        self.emit(
                            RuleId::HistoryEntryAdded,
                            At::New(format!("/history/{j}")),
                            format!(
                                "release {} ({}) added to the history: {}",
                                h.version,
                                h.date,
                                quote(&h.summary)
                            ),
                        );
                    } else {
                        self.emit(
                            RuleId::HistoryEntryBackfilled,
                            At::New(format!("/history/{j}")),
                            format!(
                                "a history entry for release {} ({}) was inserted, though the old document is already at {}",
                                h.version, h.date, old_version
                            ),
                        );
                    }
                }
                Pairing::Matched(i, a, j, b) => {
                    let mut what = Vec::new();
                    let mut field = "";
                    if a.date != b.date {
                        what.push(format!("date {} → {}", a.date, b.date));
                        field = "/date";
                    }
                    if !same_text(&a.summary, &b.summary) {
                        what.push(format!(
                            "summary {} → {}",
                            quote(&a.summary),
                            quote(&b.summary)
                        ));
                        field = if what.len() == 1 { "/summary" } else { "" };
                    }
                    if !what.is_empty() {
                        self.changed(
                            RuleId::HistoryRewritten,
                            &format!("/history/{i}"),
                            &format!("/history/{j}"),
                            field,
                            format!(
                                "the history entry of release {} was edited: {}",
                                b.version,
                                what.join("; ")
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// The wording fields of an entity pair; `None` for fields it does not have.
#[derive(Default)]
struct Wording<'w> {
    name: Option<(&'w str, &'w str)>,
    name_field: &'static str,
    description: Option<(&'w str, &'w str)>,
    sections: Option<(&'w [SectionRef], &'w [SectionRef])>,
}

impl<'w> Wording<'w> {
    fn full(
        old_name: &'w str,
        new_name: &'w str,
        old_description: &'w str,
        new_description: &'w str,
        old_sections: &'w [SectionRef],
        new_sections: &'w [SectionRef],
    ) -> Self {
        Wording {
            name: Some((old_name, new_name)),
            name_field: "/name",
            description: Some((old_description, new_description)),
            sections: Some((old_sections, new_sections)),
        }
    }
}

fn bases(b: &[crate::LegalBasis]) -> String {
    if b.is_empty() {
        return "no legal basis".to_owned();
    }
    let v: Vec<String> = b
        .iter()
        .map(|b| format!("{} ({})", b.label(), b.article()))
        .collect();
    v.join(" and ")
}

fn safeguards(s: &[crate::Safeguard]) -> String {
    if s.is_empty() {
        return "no safeguard".to_owned();
    }
    let mut s = s.to_vec();
    s.sort();
    s.dedup();
    let v: Vec<&str> = s.iter().map(|s| s.label()).collect();
    v.join(" and ")
}

fn keep(r: &crate::Retention) -> String {
    match r {
        crate::Retention::Fixed { period } => format!("for at most {period}"),
        crate::Retention::Indefinite { .. } => "indefinitely".to_owned(),
        other => retention::describe(other),
    }
}

fn article(w: &str) -> String {
    let vowel = w.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {w}", if vowel { "an" } else { "a" })
}

fn dir(s: Option<Stronger>) -> &'static str {
    match s {
        Some(Stronger::Higher) => "higher",
        Some(Stronger::Lower) => "lower",
        None => "neither",
    }
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
