//! The `m.login.terms` parameters of user-interactive authentication: the
//! policies a user accepts at registration, each with a version and a name
//! and URL per language.
//!
//! ```json
//! {"policies": {"privacy_policy": {"version": "3.0.0",
//!   "en": {"name": "Matrix.org Privacy Policy", "url": "https://matrix.org/legal/privacy-notice"}}}}
//! ```
//!
//! The same per-policy shape is MSC4266's `policies` in the support
//! document and the identity service's terms ([`super::support`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{MatrixError, TermsOptions, localized};
use crate::Policy;

/// The `params` of the `m.login.terms` stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginTermsParams {
    /// Policy id → the policy's current definition.
    pub policies: BTreeMap<String, PolicyDefinition>,
}

/// One policy: its version and its translations, keyed by language next to
/// `version` (the translations are flattened into the object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyDefinition {
    /// The version users accept (an opaque identifier).
    pub version: String,
    /// Language → the document in that language.
    #[serde(flatten)]
    pub translations: BTreeMap<String, PolicyTranslation>,
}

/// The document in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyTranslation {
    /// The document's name in that language.
    pub name: String,
    /// Where its text in that language is (http or https).
    pub url: String,
}

/// The policy's definition: the options' version, and a name and URL per
/// language from the document's [`publication`](crate::Policy::publication).
pub fn policy_definition(
    policy: &Policy,
    options: &TermsOptions,
) -> Result<PolicyDefinition, MatrixError> {
    let translations = localized(policy, options)?
        .into_iter()
        .map(|l| {
            (
                l.language,
                PolicyTranslation {
                    name: l.name,
                    url: l.url,
                },
            )
        })
        .collect();
    Ok(PolicyDefinition {
        version: options.version.as_str().to_owned(),
        translations,
    })
}

/// The `m.login.terms` parameters offering this one policy.
///
/// ```
/// use matrix_privacy_policy::Policy;
/// use matrix_privacy_policy::matrix::{TermsOptions, TermsVersion, login_terms::login_terms};
///
/// let options = TermsOptions::new(TermsVersion::new("3.1.0")?);
/// let params = login_terms(Policy::canonical(), &options)?;
/// assert_eq!(params.policies["privacy_policy"].translations["en"].name, "Matrix.org Privacy Policy");
///
/// // Older releases carry no publication: an error, never an empty field.
/// let old = Policy::release("2.0.0").unwrap();
/// assert!(login_terms(old, &options).is_err());
/// # Ok::<(), matrix_privacy_policy::matrix::MatrixError>(())
/// ```
pub fn login_terms(
    policy: &Policy,
    options: &TermsOptions,
) -> Result<LoginTermsParams, MatrixError> {
    let id = options.checked_policy_id()?.to_owned();
    let definition = policy_definition(policy, options)?;
    Ok(LoginTermsParams {
        policies: BTreeMap::from([(id, definition)]),
    })
}
