//! Authoring: start a policy for another homeserver, and start its next
//! release.
//!
//! [`scaffold`] writes a complete policy whose facts only the operator
//! knows are placeholders: each starts with `TODO:`, says what to write,
//! and fails validation (`placeholder`, or the pattern of the field) until
//! it is replaced. [`next_release`] turns a valid policy into its next
//! release: the version bumped and a history entry appended.
//!
//! ```
//! use matrix_privacy_policy::authoring;
//!
//! let text = authoring::scaffold("example.org", "2026-01-15");
//! let errors = matrix_privacy_policy::load::load_str(&text).unwrap_err();
//! // Every problem is a placeholder, and says what to write.
//! assert!(errors.diagnostics().iter().all(|d| d.message.contains("TODO:")));
//! ```

use crate::{Bump, PartialDate, Policy, Revision};

const SCAFFOLD: &str = include_str!("scaffold.json");

/// A new policy for the homeserver `server` (its name, such as
/// `example.org`), first released on `date` (`YYYY-MM-DD`).
///
/// The name is written as JSON text, escaped; an empty name becomes a
/// placeholder.
pub fn scaffold(server: &str, date: &str) -> String {
    let server = server.trim();
    let (name, host) = if server.is_empty() {
        (
            "TODO: your homeserver's name".to_owned(),
            "example.org".to_owned(),
        )
    } else {
        (server.to_owned(), server.to_owned())
    };
    SCAFFOLD
        .replace("{{SERVER}}", &json_inner(&name))
        .replace("{{SERVER_HOST}}", &json_inner(&host))
        .replace("{{TODAY}}", &json_inner(date))
}

/// `s` as the inside of a JSON string literal.
fn json_inner(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
    quoted[1..quoted.len() - 1].to_owned()
}

/// Why the next release could not be made.
#[derive(Debug, thiserror::Error)]
pub enum NextReleaseError {
    /// The bump must be patch, minor or major.
    #[error("the bump must be patch, minor or major")]
    NoBump,
    /// The release date does not follow the last release's.
    #[error("the date {date} is before the last release's ({last})")]
    DateBeforeLast {
        /// The date asked for.
        date: PartialDate,
        /// The last release's date.
        last: PartialDate,
    },
}

/// The version after `version` for a `bump` (pre-release and build
/// metadata are dropped).
pub fn next_version(version: &semver::Version, bump: Bump) -> Option<semver::Version> {
    let v = version;
    let next = match bump {
        Bump::None => return None,
        Bump::Patch if v.pre.is_empty() => semver::Version::new(v.major, v.minor, v.patch + 1),
        // A pre-release of x.y.z is released as x.y.z.
        Bump::Patch => semver::Version::new(v.major, v.minor, v.patch),
        Bump::Minor => semver::Version::new(v.major, v.minor + 1, 0),
        Bump::Major => semver::Version::new(v.major + 1, 0, 0),
    };
    Some(next)
}

/// `policy`'s next release: the version bumped by `bump`, and a history
/// entry with `summary` and `date` appended. The rest of the document is
/// unchanged, ready to edit.
///
/// # Errors
/// [`NextReleaseError`] for [`Bump::None`] or a date before the last
/// release's.
pub fn next_release(
    policy: &Policy,
    bump: Bump,
    summary: &str,
    date: PartialDate,
) -> Result<Policy, NextReleaseError> {
    let version = next_version(&policy.version, bump).ok_or(NextReleaseError::NoBump)?;
    if let Some(last) = policy.history.last()
        && date.compare(&last.date) == Some(std::cmp::Ordering::Less)
    {
        return Err(NextReleaseError::DateBeforeLast {
            date,
            last: last.date,
        });
    }
    let mut next = policy.clone();
    next.version = version.clone();
    next.history.push(Revision {
        version,
        date,
        summary: summary.trim().to_owned(),
    });
    Ok(next)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let (y, m, d) = civil_from_days(i64::try_from(days).unwrap_or(0));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a (year, month, day) in the proleptic
/// Gregorian calendar (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_423), (2025, 12, 1));
        assert!(PartialDate::parse(&today()).is_ok());
    }

    #[test]
    fn scaffold_is_json_and_every_placeholder_is_reported() {
        let text = scaffold("ex\"ample.org", "2026-01-15");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["title"], "ex\"ample.org Privacy Policy");
        // Placeholders in fields with a pattern (URL, e-mail, country,
        // period) fail the schema; the free-text ones fail once those are
        // filled in. Every message quotes what to write.
        let err = crate::load::load_str(&text).unwrap_err();
        assert!(!err.diagnostics().is_empty());
        for d in err.diagnostics() {
            assert!(d.message.contains("TODO:"), "{d}");
        }
        let mut filled: serde_json::Value = serde_json::from_str(&text).unwrap();
        filled["url"] = "https://example.org/privacy".into();
        filled["controller"]["address"]["country"] = "DE".into();
        filled["contacts"][0]["email"] = "privacy@example.org".into();
        filled["retention"][0]["retention"]["period"] = "P90D".into();
        filled["supervisory_authority"]["country"] = "DE".into();
        let err = crate::load::load_str(&filled.to_string()).unwrap_err();
        let rest = text.matches("TODO:").count() - 5;
        let placeholders = err
            .diagnostics()
            .iter()
            .filter(|d| d.code == "placeholder")
            .count();
        assert_eq!(placeholders, rest, "{err}");
        assert_eq!(placeholders, err.diagnostics().len(), "{err}");
    }

    #[test]
    fn versions() {
        let v = |s: &str| semver::Version::parse(s).unwrap();
        assert_eq!(next_version(&v("3.1.0"), Bump::Patch), Some(v("3.1.1")));
        assert_eq!(next_version(&v("3.1.4"), Bump::Minor), Some(v("3.2.0")));
        assert_eq!(next_version(&v("3.1.4"), Bump::Major), Some(v("4.0.0")));
        assert_eq!(
            next_version(&v("2.0.0-rc.1"), Bump::Patch),
            Some(v("2.0.0"))
        );
        assert_eq!(next_version(&v("1.0.0"), Bump::None), None);
    }

    #[test]
    fn next_release_appends_history() {
        let p = Policy::canonical();
        let date = PartialDate::parse("2026-01-15").unwrap();
        let next = next_release(p, Bump::Minor, "New processor.", date).unwrap();
        assert_eq!(next.version.to_string(), "3.2.0");
        assert_eq!(next.history.len(), p.history.len() + 1);
        let text = next.to_json_pretty();
        assert!(crate::load::load_str(&text).is_ok());
        let early = PartialDate::parse("2001-01").unwrap();
        assert!(next_release(p, Bump::Patch, "x", early).is_err());
    }
}
