//! Conversions to ruma's types (the `ruma` feature), so that a homeserver
//! built on ruma gets its native types:
//!
//! - [`LoginTermsParams`] → `ruma_client_api::uiaa::LoginTermsParams`
//!   (and [`PolicyDefinition`] → `ruma_client_api::uiaa::PolicyDefinition`);
//! - [`PolicyDefinition`] → `ruma_identity_service_api::tos::get_terms_of_service::v2::Policies`,
//!   the shape of the identity service's terms and of MSC4266's `policies`.
//!
//! ```
//! use matrix_privacy_policy::Policy;
//! use matrix_privacy_policy::matrix::{TermsOptions, TermsVersion, login_terms::login_terms};
//!
//! let params = login_terms(Policy::canonical(), &TermsOptions::new(TermsVersion::new("3.0.0")?))?;
//! let ruma_params = ruma_client_api::uiaa::LoginTermsParams::from(&params);
//! assert_eq!(ruma_params.policies["privacy_policy"].version, "3.0.0");
//! # Ok::<(), matrix_privacy_policy::matrix::MatrixError>(())
//! ```

use std::collections::BTreeMap;

use ruma_client_api::uiaa;
use ruma_identity_service_api::tos::get_terms_of_service::v2 as tos;

use super::login_terms::{LoginTermsParams, PolicyDefinition};

impl From<&PolicyDefinition> for uiaa::PolicyDefinition {
    fn from(p: &PolicyDefinition) -> Self {
        let translations = p
            .translations
            .iter()
            .map(|(lang, t)| {
                (
                    lang.clone(),
                    uiaa::PolicyTranslation::new(t.name.clone(), t.url.clone()),
                )
            })
            .collect();
        uiaa::PolicyDefinition::new(p.version.clone(), translations)
    }
}

impl From<&LoginTermsParams> for uiaa::LoginTermsParams {
    fn from(p: &LoginTermsParams) -> Self {
        let policies: BTreeMap<String, uiaa::PolicyDefinition> = p
            .policies
            .iter()
            .map(|(id, d)| (id.clone(), d.into()))
            .collect();
        uiaa::LoginTermsParams::new(policies)
    }
}

impl From<&PolicyDefinition> for tos::Policies {
    fn from(p: &PolicyDefinition) -> Self {
        let localized = p
            .translations
            .iter()
            .map(|(lang, t)| {
                (
                    lang.clone(),
                    tos::LocalizedPolicy::new(t.name.clone(), t.url.clone()),
                )
            })
            .collect();
        tos::Policies::new(p.version.clone(), localized)
    }
}

/// Every policy of `params` in the identity service's / MSC4266's shape.
pub fn to_policies(params: &LoginTermsParams) -> BTreeMap<String, tos::Policies> {
    params
        .policies
        .iter()
        .map(|(id, d)| (id.clone(), d.into()))
        .collect()
}
