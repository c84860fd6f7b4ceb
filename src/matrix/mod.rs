//! Matrix integration: the policy in the shapes Matrix homeservers and
//! clients speak.
//!
//! - [`consent`]: which version users last had to accept, under the
//!   authors' *declared* bumps or the rule catalog's *required* ones — the
//!   string to give a homeserver as its consent version, so that patch and
//!   minor releases do not ask every user to accept again and major ones do;
//! - [`login_terms`]: the `m.login.terms` parameters of user-interactive
//!   authentication at registration;
//! - [`support`]: the `/.well-known/matrix/support` fragment: contacts
//!   with Matrix roles, and the policy under MSC4266's `policies`;
//! - [`synapse`]: Synapse's `user_consent` configuration block and its
//!   consent templates (the policy page with the form Synapse expects, and
//!   `success.html`);
//! - [`tuwunel`]: tuwunel's `registration_terms`, `support_policy` and
//!   `support_contact` configuration tables;
//! - `ruma` (with the `ruma` feature): conversions to ruma's own types.
//!
//! Every export needs the document's [`publication`](crate::Policy::publication)
//! (its name and address per language): without it the functions return
//! [`MatrixError::NoPublication`] rather than an empty field.
//!
//! # Sources
//!
//! Each shape was checked against its source:
//!
//! - `m.login.terms` parameters: matrix-org/matrix-spec,
//!   `data/api/client-server/definitions/m.login.terms_params.yaml`
//!   (policy ids and versions use the opaque identifier grammar:
//!   1–255 characters of `[0-9A-Za-z._~-]`);
//! - support discovery: matrix-org/matrix-spec,
//!   `data/api/client-server/support.yaml` (roles `m.role.admin`,
//!   `m.role.security`; a contact needs `matrix_id` or `email_address`);
//!   MSC4265 (`proposals/4265-dpo-role.md`: `m.role.dpo`, unstable
//!   `org.matrix.msc4265.role.dpo`); MSC4266 (`policies`, unstable
//!   `org.matrix.msc4266.policies`, of the `m.login.terms` shape);
//! - Synapse: element-hq/synapse `synapse/config/consent.py` (the
//!   `user_consent` keys), `synapse/rest/consent/consent_resource.py`
//!   (templates `<template_dir>/en/<version>.html` and `success.html`, the
//!   variables `user`, `userhmac`, `version`, `has_consented`,
//!   `public_version`, the form fields `u`, `h`, `v`, and
//!   `h = hex(HMAC-SHA256(form_secret, u))`), `synapse/handlers/auth.py`
//!   `_get_params_terms` (the policy id `privacy_policy` and the URL
//!   `<public_baseurl>_matrix/consent?v=<version>`);
//! - tuwunel: matrix-construct/tuwunel `src/core/config/mod.rs` and
//!   `src/core/config/check.rs` (commit 5b3669144219):
//!   `[global.registration_terms.<id>]` `version` with
//!   `.translations.<lang>` `name`, `url`;
//!   `[global.well_known.support_policy.<id>]` `version` with
//!   `.policy_translation.<lang>` (not `translations`);
//!   `[global.well_known.support_contact.<id>]` `role`, `email_address`,
//!   `matrix_id`;
//! - ruma: `ruma-client-api` `src/uiaa/auth_params.rs`
//!   (`LoginTermsParams`, `PolicyDefinition` flattening its translations,
//!   `PolicyTranslation`) and `ruma-identity-service-api`
//!   `src/tos/get_terms_of_service.rs` (`Policies`, `LocalizedPolicy`).
//!
//! ```
//! use matrix_privacy_policy::Policy;
//! use matrix_privacy_policy::matrix::{consent, login_terms, TermsOptions};
//!
//! let releases = Policy::releases();
//! let declared = consent::consent_version(releases, consent::Reading::Declared)?;
//! assert_eq!(declared.version.to_string(), "3.0.0");
//! let options = TermsOptions::new(declared.terms_version()?);
//! let params = login_terms::login_terms(Policy::canonical(), &options)?;
//! let json = serde_json::to_value(&params)?;
//! assert_eq!(json["policies"]["privacy_policy"]["version"], "3.0.0");
//! assert_eq!(json["policies"]["privacy_policy"]["en"]["url"], "https://matrix.org/legal/privacy-notice");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod consent;
pub mod login_terms;
#[cfg(feature = "ruma")]
pub mod ruma;
pub mod support;
pub mod synapse;
mod text;
pub mod tuwunel;

use std::collections::BTreeMap;
use std::fmt;

use semver::Version;
use serde::{Deserialize, Serialize};

use crate::{Policy, Url};

pub use login_terms::{LoginTermsParams, PolicyDefinition, PolicyTranslation};

/// The policy id Synapse uses for its privacy policy in `m.login.terms`.
pub const DEFAULT_POLICY_ID: &str = "privacy_policy";

/// The longest opaque identifier the Matrix grammar allows.
pub const OPAQUE_ID_MAX_LEN: usize = 255;

/// Why a Matrix export could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MatrixError {
    /// The document does not say under which name and address it is published.
    #[error(
        "policy {version} has no `publication`: Matrix needs the document's name and address in at least one language (add `publication.translations`)"
    )]
    NoPublication {
        /// The document's version.
        version: Version,
    },
    /// The document's publication lists no language.
    #[error(
        "policy {version} lists no translation: Matrix needs the document's name and address in at least one language"
    )]
    NoTranslations {
        /// The document's version.
        version: Version,
    },
    /// Two translations have the same language.
    #[error("the language `{0}` has more than one translation")]
    DuplicateLanguage(String),
    /// A translation's language is not a language tag.
    #[error(
        "`{0}` is not a language tag (expected letters, digits and `-`, such as `en` or `pt-BR`)"
    )]
    InvalidLanguage(String),
    /// A translation has an empty name.
    #[error("the `{0}` translation has an empty name")]
    EmptyName(String),
    /// A string Matrix treats as an opaque identifier is not one.
    #[error(
        "{what} `{value}` is not a Matrix opaque identifier (1–255 characters of 0-9 A-Z a-z . _ ~ -){hint}"
    )]
    NotOpaque {
        /// What the string is (`version`, `policy id`).
        what: &'static str,
        /// The string, shortened.
        value: String,
        /// A hint, starting with `: ` when present.
        hint: &'static str,
    },
    /// There are no releases to choose a consent version from.
    #[error("no releases given: the consent version needs at least one")]
    NoReleases,
    /// The releases are not in increasing version order.
    #[error("release {later} does not come after {earlier}: releases must be given oldest first")]
    NotIncreasing {
        /// The earlier entry.
        earlier: Version,
        /// The entry that should be greater.
        later: Version,
    },
    /// No contact can be published and there is no support page.
    #[error(
        "no contact of the policy can be published in the support document (each needs an e-mail address and a Matrix role)"
    )]
    NoMappableContacts,
    /// Writing a template file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Whether `s` follows the Matrix opaque identifier grammar.
pub fn is_opaque_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= OPAQUE_ID_MAX_LEN
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'))
}

fn not_opaque(what: &'static str, value: &str, hint: &'static str) -> MatrixError {
    MatrixError::NotOpaque {
        what,
        value: text::shorten(value, 80),
        hint,
    }
}

/// The version string a homeserver shows and records for the policy: a
/// Matrix opaque identifier (so semver build metadata, `+…`, is refused).
///
/// ```
/// use matrix_privacy_policy::matrix::TermsVersion;
/// assert_eq!(TermsVersion::new("3.0.0").unwrap().as_str(), "3.0.0");
/// assert!(TermsVersion::new("3.0.0+build.1").is_err());
/// assert!(TermsVersion::new("").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TermsVersion(String);

impl TermsVersion {
    /// Checks `s` against the opaque identifier grammar.
    pub fn new(s: impl Into<String>) -> Result<Self, MatrixError> {
        let s = s.into();
        if is_opaque_id(&s) {
            Ok(TermsVersion(s))
        } else if s.contains('+') {
            Err(not_opaque(
                "version",
                &s,
                ": semver build metadata (`+…`) is not allowed",
            ))
        } else {
            Err(not_opaque("version", &s, ""))
        }
    }

    /// The version string of a semantic version.
    pub fn from_semver(version: &Version) -> Result<Self, MatrixError> {
        TermsVersion::new(version.to_string())
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TermsVersion {
    type Error = MatrixError;
    fn try_from(s: String) -> Result<Self, MatrixError> {
        TermsVersion::new(s)
    }
}

impl From<TermsVersion> for String {
    fn from(v: TermsVersion) -> String {
        v.0
    }
}

impl fmt::Display for TermsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What every export needs to know besides the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermsOptions {
    /// The version users accept (see [`consent`] for choosing it).
    pub version: TermsVersion,
    /// The policy id (default [`DEFAULT_POLICY_ID`], as Synapse uses).
    pub policy_id: String,
    /// The homeserver's public base URL (Synapse's `public_baseurl`), when
    /// the homeserver serves the policy page itself: every translation's
    /// URL then becomes its consent page, `<base>_matrix/consent?v=<version>`.
    /// Without it, the document's own URL per language is used.
    pub base_url: Option<Url>,
}

impl TermsOptions {
    /// Options with this version, the default policy id and the document's own URLs.
    pub fn new(version: TermsVersion) -> Self {
        TermsOptions {
            version,
            policy_id: DEFAULT_POLICY_ID.to_owned(),
            base_url: None,
        }
    }

    /// The policy id, checked against the opaque identifier grammar.
    pub fn checked_policy_id(&self) -> Result<&str, MatrixError> {
        if is_opaque_id(&self.policy_id) {
            Ok(&self.policy_id)
        } else {
            Err(not_opaque("policy id", &self.policy_id, ""))
        }
    }
}

/// The URL of the consent page a Synapse homeserver at `base_url` serves
/// for `version`, as Synapse itself advertises it.
///
/// ```
/// use matrix_privacy_policy::{Url, matrix::{TermsVersion, consent_page_url}};
/// let base = Url::new("https://hs.example.org").unwrap();
/// let v = TermsVersion::new("3.0.0").unwrap();
/// assert_eq!(consent_page_url(&base, &v), "https://hs.example.org/_matrix/consent?v=3.0.0");
/// ```
pub fn consent_page_url(base_url: &Url, version: &TermsVersion) -> String {
    let base = base_url.as_str();
    let slash = if base.ends_with('/') { "" } else { "/" };
    // The version is an opaque identifier: every character is URL-safe.
    format!("{base}{slash}_matrix/consent?v={version}")
}

/// One language of the policy as Matrix shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Localized {
    pub language: String,
    pub name: String,
    pub url: String,
}

/// The policy's translations, checked, in document order, with the URL
/// each export should show.
pub(crate) fn localized(
    policy: &Policy,
    options: &TermsOptions,
) -> Result<Vec<Localized>, MatrixError> {
    let publication = policy
        .publication
        .as_ref()
        .ok_or_else(|| MatrixError::NoPublication {
            version: policy.version.clone(),
        })?;
    if publication.translations.is_empty() {
        return Err(MatrixError::NoTranslations {
            version: policy.version.clone(),
        });
    }
    let mut seen = BTreeMap::new();
    let mut out = Vec::with_capacity(publication.translations.len());
    for t in &publication.translations {
        if !is_language_tag(&t.language) {
            return Err(MatrixError::InvalidLanguage(text::shorten(&t.language, 40)));
        }
        if seen.insert(t.language.to_ascii_lowercase(), ()).is_some() {
            return Err(MatrixError::DuplicateLanguage(t.language.clone()));
        }
        if t.name.trim().is_empty() {
            return Err(MatrixError::EmptyName(t.language.clone()));
        }
        let url = match &options.base_url {
            Some(base) => consent_page_url(base, &options.version),
            None => t.url.as_str().to_owned(),
        };
        out.push(Localized {
            language: t.language.clone(),
            name: t.name.clone(),
            url,
        });
    }
    Ok(out)
}

/// A BCP 47-like tag: ASCII letters first, then `-`-separated letters and
/// digits (never `version`, which would collide with the policy's key).
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opaque_ids() {
        assert!(is_opaque_id("privacy_policy"));
        assert!(is_opaque_id("3.0.0-rc.1"));
        assert!(is_opaque_id(&"a".repeat(255)));
        assert!(!is_opaque_id(&"a".repeat(256)));
        assert!(!is_opaque_id("a b"));
        assert!(!is_opaque_id("é"));
        let e = TermsVersion::new("1.0.0+x").unwrap_err().to_string();
        assert!(e.contains("build metadata"), "{e}");
    }

    #[test]
    fn language_tags() {
        for ok in ["en", "pt-BR", "zh-Hant-TW", "sgn"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "version", "EN", "en_", "en--x", "e"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn consent_url_joins_with_one_slash() {
        let v = TermsVersion::new("2").unwrap();
        let with = Url::new("https://a.example/").unwrap();
        let without = Url::new("https://a.example").unwrap();
        assert_eq!(consent_page_url(&with, &v), consent_page_url(&without, &v));
    }
}
