//! Which version of the policy users last had to accept.
//!
//! A homeserver asks every user to accept the policy again whenever its
//! consent version changes (Synapse compares the configured
//! `user_consent.version` with the version each user accepted). Giving it
//! the document's own version would ask for re-consent at every typo fix;
//! giving it the *consent version* — the latest release whose change from
//! its predecessor was a major one — asks only when the changes need it.
//!
//! There are two readings of "major", and the caller chooses:
//!
//! - [`Reading::Declared`]: the authors bumped the major number;
//! - [`Reading::Required`]: the rule catalog ([`mod@crate::diff`]) finds a
//!   change that needs a major bump, whatever the authors declared.
//!
//! The first release is the version everyone accepted at registration; it
//! is the consent version until a later release needs re-consent.
//!
//! ```
//! use matrix_privacy_policy::Policy;
//! use matrix_privacy_policy::matrix::consent::{Reading, consent_version};
//!
//! let declared = consent_version(Policy::releases(), Reading::Declared)?;
//! assert_eq!(declared.version.to_string(), "3.0.0");
//! let required = consent_version(Policy::releases(), Reading::Required)?;
//! assert!(required.re_consent.len() > declared.re_consent.len());
//! # Ok::<(), matrix_privacy_policy::matrix::MatrixError>(())
//! ```

use std::cmp::Ordering;

use semver::Version;
use serde::{Deserialize, Serialize};

use super::{MatrixError, TermsVersion};
use crate::diff::{self, Bump};
use crate::{Policy, Revision};

/// Which bumps count as needing re-consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// The bump the authors declared (the major number changed).
    Declared,
    /// The bump the rule catalog requires for the changes.
    Required,
}

impl Reading {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Reading::Declared => "declared",
            Reading::Required => "required",
        }
    }
}

/// One release after the first, with both readings of its bump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleaseStep {
    /// The release.
    pub version: Version,
    /// The bump its version declares over its predecessor.
    pub declared: Bump,
    /// The bump the rule catalog requires for its changes (`None` when only
    /// the history list is known).
    pub required: Option<Bump>,
}

impl ReleaseStep {
    /// The bump under `reading` (`None` when the reading is not known).
    pub fn bump(&self, reading: Reading) -> Option<Bump> {
        match reading {
            Reading::Declared => Some(self.declared),
            Reading::Required => self.required,
        }
    }
}

/// The consent version under one reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentVersion {
    /// The reading.
    pub reading: Reading,
    /// The release users last had to accept.
    pub version: Version,
    /// The latest release.
    pub latest: Version,
    /// Every release after the first that needed re-consent, oldest first.
    pub re_consent: Vec<Version>,
}

impl ConsentVersion {
    /// The version as the string a homeserver records.
    pub fn terms_version(&self) -> Result<TermsVersion, MatrixError> {
        TermsVersion::from_semver(&self.version)
    }
}

/// Both readings of every release after the first, from the documents:
/// the required bump is [`diff::diff`]'s verdict on each consecutive pair.
pub fn steps(releases: &[Policy]) -> Result<Vec<ReleaseStep>, MatrixError> {
    check_order(releases.iter().map(|p| &p.version))?;
    Ok(releases
        .windows(2)
        .map(|w| ReleaseStep {
            version: w[1].version.clone(),
            declared: diff::declared_bump(&w[0].version, &w[1].version),
            required: Some(diff::diff(&w[0], &w[1]).required_bump()),
        })
        .collect())
}

/// The consent version of a sequence of released documents, oldest first.
pub fn consent_version(
    releases: &[Policy],
    reading: Reading,
) -> Result<ConsentVersion, MatrixError> {
    let first = releases.first().ok_or(MatrixError::NoReleases)?;
    let steps = match reading {
        // The declared reading needs no diff.
        Reading::Declared => {
            check_order(releases.iter().map(|p| &p.version))?;
            releases
                .windows(2)
                .map(|w| ReleaseStep {
                    version: w[1].version.clone(),
                    declared: diff::declared_bump(&w[0].version, &w[1].version),
                    required: None,
                })
                .collect()
        }
        Reading::Required => steps(releases)?,
    };
    Ok(choose(&first.version, &steps, reading))
}

/// The consent version under the declared reading from a document's own
/// history list (no earlier documents needed).
pub fn declared_from_history(history: &[Revision]) -> Result<ConsentVersion, MatrixError> {
    let first = history.first().ok_or(MatrixError::NoReleases)?;
    check_order(history.iter().map(|r| &r.version))?;
    let steps: Vec<ReleaseStep> = history
        .windows(2)
        .map(|w| ReleaseStep {
            version: w[1].version.clone(),
            declared: diff::declared_bump(&w[0].version, &w[1].version),
            required: None,
        })
        .collect();
    Ok(choose(&first.version, &steps, Reading::Declared))
}

fn choose(first: &Version, steps: &[ReleaseStep], reading: Reading) -> ConsentVersion {
    let re_consent: Vec<Version> = steps
        .iter()
        .filter(|s| s.bump(reading) == Some(Bump::Major))
        .map(|s| s.version.clone())
        .collect();
    ConsentVersion {
        reading,
        version: re_consent.last().unwrap_or(first).clone(),
        latest: steps.last().map_or(first, |s| &s.version).clone(),
        re_consent,
    }
}

fn check_order<'a>(versions: impl Iterator<Item = &'a Version>) -> Result<(), MatrixError> {
    let mut previous: Option<&Version> = None;
    for v in versions {
        if let Some(p) = previous
            && v.cmp_precedence(p) != Ordering::Greater
        {
            return Err(MatrixError::NotIncreasing {
                earlier: p.clone(),
                later: v.clone(),
            });
        }
        previous = Some(v);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versions(c: &ConsentVersion) -> Vec<String> {
        c.re_consent.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn declared_reading_of_the_matrix_org_history() {
        let c = consent_version(Policy::releases(), Reading::Declared).unwrap();
        assert_eq!(versions(&c), ["2.0.0", "3.0.0"]);
        assert_eq!(c.version.to_string(), "3.0.0");
        assert_eq!(c.latest.to_string(), "3.1.0");
        let from_list = declared_from_history(&Policy::canonical().history).unwrap();
        assert_eq!(from_list, c);
    }

    #[test]
    fn required_reading_includes_every_declared_major_here() {
        let declared = consent_version(Policy::releases(), Reading::Declared).unwrap();
        let required = consent_version(Policy::releases(), Reading::Required).unwrap();
        for v in &declared.re_consent {
            assert!(required.re_consent.contains(v), "{v}");
        }
        assert!(required.re_consent.len() > declared.re_consent.len());
    }

    #[test]
    fn one_release_is_its_own_consent_version() {
        let one = &Policy::releases()[..1];
        let c = consent_version(one, Reading::Required).unwrap();
        assert_eq!(c.version.to_string(), "1.0.0");
        assert!(c.re_consent.is_empty());
    }

    #[test]
    fn out_of_order_and_empty_are_errors() {
        let r = Policy::releases();
        let reversed = [r[1].clone(), r[0].clone()];
        assert!(matches!(
            consent_version(&reversed, Reading::Declared),
            Err(MatrixError::NotIncreasing { .. })
        ));
        assert!(matches!(
            consent_version(&[], Reading::Required),
            Err(MatrixError::NoReleases)
        ));
    }
}
