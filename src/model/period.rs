//! Calendar periods in a strict subset of ISO 8601: `PnYnMnD`.
//!
//! Privacy policies state retention in years, months and days ("180 days",
//! "7 years"). [`Period`] holds exactly that and nothing more: no time part
//! (`PT…`), no weeks (`P1W`), no signs, no fractions, no leading zeros, and at
//! most six digits per component. The JSON Schema publishes
//! [`PERIOD_PATTERN`], which accepts exactly the strings [`Period::parse`]
//! accepts.
//!
//! Years and months are not a fixed number of days, so periods are only
//! *partially* ordered: [`Period::compare`] answers `None` for pairs such as
//! `P1M` and `P30D`.
//!
//! ```
//! use matrix_privacy_policy::Period;
//! use std::cmp::Ordering;
//!
//! let logs: Period = "P180D".parse()?;
//! assert_eq!(logs.days(), Some(180));
//! assert_eq!(logs.to_string(), "P180D");
//!
//! let a: Period = "P6M".parse()?;
//! let b: Period = "P1Y".parse()?;
//! assert_eq!(a.compare(&b), Some(Ordering::Less));
//! assert_eq!("P1M".parse::<Period>()?.compare(&"P30D".parse()?), None);
//! assert!("P1W".parse::<Period>().is_err());
//! # Ok::<(), matrix_privacy_policy::InvalidPeriod>(())
//! ```

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// The JSON Schema pattern of a [`Period`]; accepts exactly what [`Period::parse`] accepts.
pub const PERIOD_PATTERN: &str = "^P((0|[1-9][0-9]{0,5})Y((0|[1-9][0-9]{0,5})M)?((0|[1-9][0-9]{0,5})D)?|(0|[1-9][0-9]{0,5})M((0|[1-9][0-9]{0,5})D)?|(0|[1-9][0-9]{0,5})D)$";

/// The largest value of one component (six digits).
pub const PERIOD_COMPONENT_MAX: u32 = 999_999;

/// A period of years, months and days, as written in the policy.
///
/// Components keep their presence: `P1Y` and `P1Y0M` are different texts and
/// serialize back as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    years: Option<u32>,
    months: Option<u32>,
    days: Option<u32>,
}

/// Why a string is not a [`Period`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not an ISO 8601 period of the form PnYnMnD: {reason}")]
pub struct InvalidPeriod {
    text: String,
    reason: &'static str,
}

impl InvalidPeriod {
    /// What was wrong, in a few words.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl Period {
    /// A period of whole days.
    ///
    /// # Panics
    /// Never; values above [`PERIOD_COMPONENT_MAX`] are clamped.
    pub fn from_days(days: u32) -> Self {
        Period {
            years: None,
            months: None,
            days: Some(days.min(PERIOD_COMPONENT_MAX)),
        }
    }

    /// A period of whole months (clamped to [`PERIOD_COMPONENT_MAX`]).
    pub fn from_months(months: u32) -> Self {
        Period {
            years: None,
            months: Some(months.min(PERIOD_COMPONENT_MAX)),
            days: None,
        }
    }

    /// A period of whole years (clamped to [`PERIOD_COMPONENT_MAX`]).
    pub fn from_years(years: u32) -> Self {
        Period {
            years: Some(years.min(PERIOD_COMPONENT_MAX)),
            months: None,
            days: None,
        }
    }

    /// Parses the strict form `PnYnMnD` (at least one component, in that order).
    ///
    /// # Errors
    /// [`InvalidPeriod`] with the reason.
    pub fn parse(text: &str) -> Result<Self, InvalidPeriod> {
        let err = |reason| InvalidPeriod {
            text: shorten(text),
            reason,
        };
        let rest = text
            .strip_prefix('P')
            .ok_or_else(|| err("it must start with `P`"))?;
        if rest.is_empty() {
            return Err(err("it has no component"));
        }
        let mut period = Period {
            years: None,
            months: None,
            days: None,
        };
        let mut rest = rest.as_bytes();
        let mut last = 0u8; // 0 = none yet, 1 = Y, 2 = M, 3 = D
        while !rest.is_empty() {
            let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return Err(err(match rest[0] {
                    b'T' => "a time part (`T…`) is not allowed",
                    b'-' | b'+' => "signs are not allowed",
                    _ => "expected a number",
                }));
            }
            if digits > 1 && rest[0] == b'0' {
                return Err(err("leading zeros are not allowed"));
            }
            if digits > 6 {
                return Err(err("a component has more than six digits"));
            }
            let mut value = 0u32;
            for c in &rest[..digits] {
                value = value * 10 + u32::from(c - b'0');
            }
            let Some(&unit) = rest.get(digits) else {
                return Err(err("a number has no unit"));
            };
            let (slot, rank) = match unit {
                b'Y' => (&mut period.years, 1),
                b'M' => (&mut period.months, 2),
                b'D' => (&mut period.days, 3),
                b'W' => return Err(err("weeks (`W`) are not allowed; use days")),
                b'.' | b',' => return Err(err("fractions are not allowed")),
                _ => return Err(err("the unit must be Y, M or D")),
            };
            if rank <= last {
                return Err(err(
                    "components must appear once each, in the order Y, M, D",
                ));
            }
            last = rank;
            *slot = Some(value);
            rest = &rest[digits + 1..];
        }
        Ok(period)
    }

    /// The years component, if written.
    pub fn years(&self) -> Option<u32> {
        self.years
    }

    /// The months component, if written.
    pub fn months(&self) -> Option<u32> {
        self.months
    }

    /// The length in days when the period is written in days only.
    pub fn days(&self) -> Option<u32> {
        match (self.years, self.months) {
            (None, None) => self.days,
            _ => None,
        }
    }

    /// The days component, if written.
    pub fn days_component(&self) -> Option<u32> {
        self.days
    }

    /// The shortest and longest number of days this period can span
    /// (a year is 365 or 366 days, a month 28 to 31).
    pub fn day_range(&self) -> (u64, u64) {
        let y = u64::from(self.years.unwrap_or(0));
        let m = u64::from(self.months.unwrap_or(0));
        let d = u64::from(self.days.unwrap_or(0));
        (365 * y + 28 * m + d, 366 * y + 31 * m + d)
    }

    /// Compares two periods as ranges of days.
    ///
    /// `Some(Equal)` when both have the same components (`P1Y` and `P1Y0M`)
    /// or are the same number of days; `Some(Less)`
    /// when `self` can never be longer than `other`; `None` when the answer
    /// depends on the calendar (`P1M` against `P30D`, `P1Y` against `P12M`).
    pub fn compare(&self, other: &Period) -> Option<Ordering> {
        let (a_min, a_max) = self.day_range();
        let (b_min, b_max) = other.day_range();
        let same_components = (self.years.unwrap_or(0), self.months.unwrap_or(0))
            == (other.years.unwrap_or(0), other.months.unwrap_or(0))
            && self.days.unwrap_or(0) == other.days.unwrap_or(0);
        if same_components || (a_min == a_max && b_min == b_max && a_min == b_min) {
            Some(Ordering::Equal)
        } else if a_max <= b_min {
            Some(Ordering::Less)
        } else if b_max <= a_min {
            Some(Ordering::Greater)
        } else {
            None
        }
    }
}

fn shorten(s: &str) -> String {
    let mut end = s.len().min(40);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    if end < s.len() {
        format!("{}…", &s[..end])
    } else {
        s.to_owned()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        if let Some(y) = self.years {
            write!(f, "{y}Y")?;
        }
        if let Some(m) = self.months {
            write!(f, "{m}M")?;
        }
        if let Some(d) = self.days {
            write!(f, "{d}D")?;
        }
        Ok(())
    }
}

impl FromStr for Period {
    type Err = InvalidPeriod;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Period::parse(s)
    }
}

impl TryFrom<String> for Period {
    type Error = InvalidPeriod;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Period::parse(&s)
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

impl JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An ISO 8601 period of years, months and days (`P180D`, `P7Y`, `P1Y6M`): no time part, weeks, signs, fractions or leading zeros.",
            "type": "string",
            "pattern": PERIOD_PATTERN,
        })
    }
}

/// The table of inputs both [`Period::parse`] and [`PERIOD_PATTERN`] are tested on:
/// `(input, accepted)`.
#[doc(hidden)]
pub const PERIOD_CASES: &[(&str, bool)] = &[
    ("P180D", true),
    ("P7Y", true),
    ("P30D", true),
    ("P1M", true),
    ("P0D", true),
    ("P1Y6M", true),
    ("P1Y2M3D", true),
    ("P1Y3D", true),
    ("P2M10D", true),
    ("P999999D", true),
    ("P", false),
    ("", false),
    ("PT", false),
    ("PT1H", false),
    ("P1DT1H", false),
    ("P1W", false),
    ("P-1D", false),
    ("-P1D", false),
    ("P+1D", false),
    ("P1.5Y", false),
    ("P1,5Y", false),
    ("P01D", false),
    ("P1000000D", false),
    ("P1D1Y", false),
    ("P1M1Y", false),
    ("P1Y1Y", false),
    ("p1d", false),
    ("P1d", false),
    ("1D", false),
    ("P1", false),
    ("PD", false),
    (" P1D", false),
    ("P1D ", false),
    ("P1Y\n", false),
    ("P１D", false),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (input, ok) in PERIOD_CASES {
            assert_eq!(Period::parse(input).is_ok(), *ok, "{input:?}");
        }
    }

    #[test]
    fn round_trip() {
        for (input, ok) in PERIOD_CASES {
            if *ok {
                assert_eq!(Period::parse(input).unwrap().to_string(), *input);
            }
        }
    }

    #[test]
    fn order() {
        let p = |s: &str| Period::parse(s).unwrap();
        assert_eq!(p("P30D").compare(&p("P180D")), Some(Ordering::Less));
        assert_eq!(p("P7Y").compare(&p("P6Y")), Some(Ordering::Greater));
        assert_eq!(p("P1M").compare(&p("P30D")), None);
        assert_eq!(p("P1Y").compare(&p("P12M")), None);
        assert_eq!(p("P365D").compare(&p("P1Y")), Some(Ordering::Less));
        assert_eq!(p("P1Y").compare(&p("P1Y")), Some(Ordering::Equal));
        assert_eq!(p("P1Y").compare(&p("P1Y0M")), Some(Ordering::Equal));
        assert_eq!(p("P0D").compare(&p("P0M")), Some(Ordering::Equal));
        assert_eq!(p("P1M").compare(&p("P32D")), Some(Ordering::Less));
        assert_eq!(p("P1M").compare(&p("P27D")), Some(Ordering::Greater));
    }

    #[test]
    fn reasons() {
        assert_eq!(
            Period::parse("P1W").unwrap_err().reason(),
            "weeks (`W`) are not allowed; use days"
        );
    }
}
