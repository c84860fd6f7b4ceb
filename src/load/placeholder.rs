//! The `placeholder` check: free text that still starts with `TODO:` (as
//! `privacy-policy new` writes it) is a placeholder to fill in, never a
//! valid statement of the policy.

use super::code::Code;
use super::error::Diagnostic;
use crate::{ParameterValue, Policy, Retention};

/// What every placeholder starts with.
pub const PLACEHOLDER_PREFIX: &str = "TODO:";

/// Calls `found(pointer, text)` for every free-text field of `p` that is a
/// placeholder, in document order, stopping when `found` returns false.
pub(crate) fn check(p: &Policy, mut push: impl FnMut(Diagnostic) -> bool) {
    let mut v = Visitor {
        push: &mut push,
        full: false,
    };
    v.text("/title", &p.title);
    for (i, s) in p.sections.iter().enumerate() {
        v.text(&format!("/sections/{i}/heading"), &s.heading);
    }
    let c = &p.controller;
    v.text("/controller/name", &c.name);
    v.opt("/controller/legal_form", c.legal_form.as_deref());
    v.text("/controller/description", &c.description);
    if let Some(a) = &c.address {
        for (i, l) in a.lines.iter().enumerate() {
            v.text(&format!("/controller/address/lines/{i}"), l);
        }
        v.text("/controller/address/locality", &a.locality);
        v.opt("/controller/address/postal_code", a.postal_code.as_deref());
    }
    for (i, e) in p.contacts.iter().enumerate() {
        v.text(&format!("/contacts/{i}/description"), &e.description);
    }
    for (i, e) in p.services.iter().enumerate() {
        v.text(&format!("/services/{i}/name"), &e.name);
        v.text(&format!("/services/{i}/description"), &e.description);
    }
    for (i, e) in p.data_categories.iter().enumerate() {
        v.text(&format!("/data_categories/{i}/name"), &e.name);
        v.text(&format!("/data_categories/{i}/description"), &e.description);
    }
    for (i, e) in p.purposes.iter().enumerate() {
        v.text(&format!("/purposes/{i}/name"), &e.name);
        v.text(&format!("/purposes/{i}/description"), &e.description);
    }
    for (i, e) in p.recipients.iter().enumerate() {
        v.text(&format!("/recipients/{i}/name"), &e.name);
        v.text(&format!("/recipients/{i}/description"), &e.description);
        v.opt(
            &format!("/recipients/{i}/condition"),
            e.condition.as_deref(),
        );
    }
    for (i, e) in p.transfers.iter().enumerate() {
        v.text(&format!("/transfers/{i}/destination"), &e.destination);
        v.text(&format!("/transfers/{i}/description"), &e.description);
    }
    for (i, e) in p.retention.iter().enumerate() {
        if let Retention::Indefinite { reason } = &e.retention {
            v.text(&format!("/retention/{i}/retention/reason"), reason);
        }
        v.text(&format!("/retention/{i}/description"), &e.description);
    }
    for (i, e) in p.rights.iter().enumerate() {
        v.text(&format!("/rights/{i}/description"), &e.description);
        for (j, m) in e.exercise.iter().enumerate() {
            v.text(
                &format!("/rights/{i}/exercise/{j}/description"),
                &m.description,
            );
        }
        for (j, c) in e.caveats.iter().enumerate() {
            v.text(
                &format!("/rights/{i}/caveats/{j}/description"),
                &c.description,
            );
        }
    }
    for (i, e) in p.security_measures.iter().enumerate() {
        v.text(
            &format!("/security_measures/{i}/description"),
            &e.description,
        );
        for (j, prm) in e.parameters.iter().enumerate() {
            if let ParameterValue::Text(t) = &prm.value {
                v.text(&format!("/security_measures/{i}/parameters/{j}/value"), t);
            }
        }
    }
    if let Some(ch) = &p.children {
        v.text("/children/description", &ch.description);
    }
    if let Some(pr) = &p.profiling {
        v.text("/profiling/description", &pr.description);
    }
    for (i, e) in p.history_visibility.iter().enumerate() {
        v.text(
            &format!("/history_visibility/{i}/description"),
            &e.description,
        );
    }
    for (i, e) in p.statements.iter().enumerate() {
        v.text(&format!("/statements/{i}/text"), &e.text);
    }
    if let Some(sa) = &p.supervisory_authority {
        v.text("/supervisory_authority/name", &sa.name);
    }
    for (i, h) in p.history.iter().enumerate() {
        v.text(&format!("/history/{i}/summary"), &h.summary);
    }
}

struct Visitor<'f, F: FnMut(Diagnostic) -> bool> {
    push: &'f mut F,
    full: bool,
}

impl<F: FnMut(Diagnostic) -> bool> Visitor<'_, F> {
    fn text(&mut self, pointer: &str, text: &str) {
        if self.full || !text.trim_start().starts_with(PLACEHOLDER_PREFIX) {
            return;
        }
        let what = text.trim_start()[PLACEHOLDER_PREFIX.len()..].trim();
        let mut shown: String = what.chars().take(200).collect();
        if shown.len() < what.len() {
            shown.push('…');
        }
        let d = Diagnostic::new(
            Code::Placeholder,
            pointer.to_owned(),
            format!("a placeholder to fill in: {shown}"),
        );
        self.full = !(self.push)(d);
    }

    fn opt(&mut self, pointer: &str, text: Option<&str>) {
        if let Some(t) = text {
            self.text(pointer, t);
        }
    }
}
