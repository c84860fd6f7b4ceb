//! tuwunel's configuration tables for the policy.
//!
//! - `[global.registration_terms.<id>]` with `version` and
//!   `[global.registration_terms.<id>.translations.<lang>]` `name`, `url`:
//!   registration's `m.login.terms` stage;
//! - `[global.well_known.support_policy.<id>]` with `version` and
//!   `[….policy_translation.<lang>]` `name`, `url`: the policy in the
//!   support document (MSC4266);
//! - `[global.well_known.support_contact.<contact id>]` with `role` and
//!   `email_address`: the contacts (see [`super::support`] for roles and
//!   for contacts that cannot be mapped).
//!
//! Every document string is written as an escaped TOML basic string and
//! every key bare only when it is made of `A-Za-z0-9_-`.
//!
//! ```
//! use matrix_privacy_policy::Policy;
//! use matrix_privacy_policy::matrix::{TermsOptions, TermsVersion, support::Names, tuwunel};
//!
//! let options = TermsOptions::new(TermsVersion::new("3.0.0")?);
//! let export = tuwunel::tuwunel(Policy::canonical(), &options, Names::Unstable)?;
//! assert!(export.toml.contains("[global.registration_terms.privacy_policy]\nversion = \"3.0.0\"\n"));
//! assert_eq!(export.not_mappable.len(), 1);
//! # Ok::<(), matrix_privacy_policy::matrix::MatrixError>(())
//! ```

use super::support::{Names, NotMappable, contacts};
use super::text::{toml_key, toml_string};
use super::{MatrixError, TermsOptions, localized};
use crate::Policy;

/// The TOML and the contacts that could not go into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TuwunelExport {
    /// The tables to add to `tuwunel.toml`.
    pub toml: String,
    /// Contacts left out, with the reason.
    pub not_mappable: Vec<NotMappable>,
}

/// The tuwunel tables for `policy`.
pub fn tuwunel(
    policy: &Policy,
    options: &TermsOptions,
    names: Names,
) -> Result<TuwunelExport, MatrixError> {
    let id = toml_key(options.checked_policy_id()?);
    let languages = localized(policy, options)?;
    let version = toml_string(options.version.as_str());
    let mut t = String::new();
    t.push_str("# Privacy policy (privacy-policy matrix tuwunel).\n");
    t.push_str("# Merge into tuwunel.toml; keep a single [global.well_known] table.\n\n");

    t.push_str(&format!(
        "[global.registration_terms.{id}]\nversion = {version}\n\n"
    ));
    for l in &languages {
        t.push_str(&format!(
            "[global.registration_terms.{id}.translations.{}]\nname = {}\nurl = {}\n\n",
            toml_key(&l.language),
            toml_string(&l.name),
            toml_string(&l.url)
        ));
    }

    t.push_str(&format!(
        "[global.well_known.support_policy.{id}]\nversion = {version}\n\n"
    ));
    for l in &languages {
        t.push_str(&format!(
            "[global.well_known.support_policy.{id}.policy_translation.{}]\nname = {}\nurl = {}\n\n",
            toml_key(&l.language),
            toml_string(&l.name),
            toml_string(&l.url)
        ));
    }

    let (mapped, not_mappable) = contacts(policy, names);
    for (source, contact) in &mapped {
        t.push_str(&format!(
            "[global.well_known.support_contact.{}]\nrole = {}\n",
            toml_key(source.id.as_str()),
            toml_string(&contact.role)
        ));
        if let Some(email) = &contact.email_address {
            t.push_str(&format!("email_address = {}\n", toml_string(email)));
        }
        t.push('\n');
    }
    // One trailing newline.
    while t.ends_with("\n\n") {
        t.pop();
    }
    Ok(TuwunelExport {
        toml: t,
        not_mappable,
    })
}
