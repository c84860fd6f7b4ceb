//! The `/.well-known/matrix/support` document: the policy's contacts with
//! Matrix roles, and the policy itself under MSC4266's `policies`.
//!
//! Roles: a general contact is `m.role.admin` (the spec's catch-all), a
//! security contact `m.role.security`, a data protection officer MSC4265's
//! `m.role.dpo`. MSC4265 and MSC4266 are proposals: by default the export
//! uses their unstable names (`org.matrix.msc4265.role.dpo`,
//! `org.matrix.msc4266.policies`), which is what servers and clients
//! implement until they are merged; [`Names::Stable`] switches.
//!
//! A contact the spec cannot carry — one with neither an e-mail address nor
//! a Matrix ID (the model has no Matrix IDs), or one whose role has no
//! Matrix equivalent (law enforcement) — is listed in
//! [`SupportExport::not_mappable`] with the reason, never dropped silently.
//!
//! ```
//! use matrix_privacy_policy::Policy;
//! use matrix_privacy_policy::matrix::{TermsOptions, TermsVersion, support::{Names, support}};
//!
//! let options = TermsOptions::new(TermsVersion::new("3.0.0")?);
//! let export = support(Policy::canonical(), &options, Names::Unstable)?;
//! let json = serde_json::to_value(&export.document)?;
//! assert_eq!(json["contacts"][0]["role"], "org.matrix.msc4265.role.dpo");
//! assert_eq!(json["org.matrix.msc4266.policies"]["privacy_policy"]["version"], "3.0.0");
//! assert_eq!(export.not_mappable[0].contact, "law_enforcement");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::login_terms::{PolicyDefinition, policy_definition};
use super::{MatrixError, TermsOptions};
use crate::{Contact, ContactRole, Policy};

/// The catch-all role of the support document.
pub const ROLE_ADMIN: &str = "m.role.admin";
/// The role for sensitive (security) requests.
pub const ROLE_SECURITY: &str = "m.role.security";
/// MSC4265's data protection officer role, stable name.
pub const ROLE_DPO: &str = "m.role.dpo";
/// MSC4265's data protection officer role, unstable name.
pub const ROLE_DPO_UNSTABLE: &str = "org.matrix.msc4265.role.dpo";
/// MSC4266's policies key, stable name.
pub const POLICIES: &str = "policies";
/// MSC4266's policies key, unstable name.
pub const POLICIES_UNSTABLE: &str = "org.matrix.msc4266.policies";

/// Which names to use for what MSC4265 and MSC4266 add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Names {
    /// `org.matrix.msc4265.role.dpo`, `org.matrix.msc4266.policies`.
    #[default]
    Unstable,
    /// `m.role.dpo`, `policies`.
    Stable,
}

/// The support document (the part this crate knows: contacts and policies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportDocument {
    /// Ways to contact the server's operators.
    pub contacts: Vec<SupportContact>,
    /// MSC4266's policies, stable name.
    #[serde(rename = "policies", default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<BTreeMap<String, PolicyDefinition>>,
    /// MSC4266's policies, unstable name.
    #[serde(
        rename = "org.matrix.msc4266.policies",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub unstable_policies: Option<BTreeMap<String, PolicyDefinition>>,
}

/// One contact of the support document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportContact {
    /// A Matrix user ID (the model has none; kept for the shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix_id: Option<String>,
    /// An e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    /// The role (`m.role.admin`, `m.role.security`, the DPO role).
    pub role: String,
}

/// A contact of the policy that the support document cannot carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotMappable {
    /// The contact's id.
    pub contact: String,
    /// Why, in a sentence.
    pub reason: String,
}

/// The support document and what could not go into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupportExport {
    /// The document.
    pub document: SupportDocument,
    /// Contacts left out, with the reason.
    pub not_mappable: Vec<NotMappable>,
}

/// The Matrix role of a contact, or why it has none.
pub fn role(contact: &Contact, names: Names) -> Result<&'static str, String> {
    match contact.role {
        ContactRole::General => Ok(ROLE_ADMIN),
        ContactRole::Security => Ok(ROLE_SECURITY),
        ContactRole::DataProtectionOfficer => Ok(match names {
            Names::Stable => ROLE_DPO,
            Names::Unstable => ROLE_DPO_UNSTABLE,
        }),
        ContactRole::LawEnforcement => {
            Err("Matrix has no contact role for law-enforcement requests".to_owned())
        }
    }
}

/// The contacts mapped to Matrix roles (with the contact each comes
/// from), and those that cannot be.
pub fn contacts(
    policy: &Policy,
    names: Names,
) -> (Vec<(&Contact, SupportContact)>, Vec<NotMappable>) {
    let mut mapped = Vec::new();
    let mut not_mappable = Vec::new();
    for c in &policy.contacts {
        let Some(email) = &c.email else {
            let reason = if c.url.is_some() {
                "it has only a web address; the support document needs an e-mail address or a Matrix ID"
            } else {
                "it has neither an e-mail address nor a Matrix ID"
            };
            not_mappable.push(NotMappable {
                contact: c.id.to_string(),
                reason: reason.to_owned(),
            });
            continue;
        };
        match role(c, names) {
            Ok(role) => mapped.push((
                c,
                SupportContact {
                    matrix_id: None,
                    email_address: Some(email.as_str().to_owned()),
                    role: role.to_owned(),
                },
            )),
            Err(reason) => not_mappable.push(NotMappable {
                contact: c.id.to_string(),
                reason,
            }),
        }
    }
    (mapped, not_mappable)
}

/// The support document for `policy`.
pub fn support(
    policy: &Policy,
    options: &TermsOptions,
    names: Names,
) -> Result<SupportExport, MatrixError> {
    let id = options.checked_policy_id()?.to_owned();
    let definition = policy_definition(policy, options)?;
    let (mapped, not_mappable) = contacts(policy, names);
    let contacts: Vec<SupportContact> = mapped.into_iter().map(|(_, c)| c).collect();
    if contacts.is_empty() {
        // The spec requires at least one contact when there is no support page.
        return Err(MatrixError::NoMappableContacts);
    }
    let policies = Some(BTreeMap::from([(id, definition)]));
    let (policies, unstable_policies) = match names {
        Names::Stable => (policies, None),
        Names::Unstable => (None, policies),
    };
    Ok(SupportExport {
        document: SupportDocument {
            contacts,
            policies,
            unstable_policies,
        },
        not_mappable,
    })
}
