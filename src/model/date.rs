//! Dates as precise as the source: a day (`2023-07-14`) or only a month (`2023-07`).

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// The JSON Schema pattern of a [`PartialDate`]. The schema cannot tell that
/// `2023-02-30` does not exist; the typed parser does.
pub const PARTIAL_DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$";

/// A calendar date, or a month where the source gives no day.
///
/// Never invent precision: the Matrix.org history says "August 2018", so the
/// document says `2018-08`.
///
/// ```
/// use matrix_privacy_policy::PartialDate;
/// let d: PartialDate = "2023-07".parse()?;
/// assert_eq!(d.to_string(), "2023-07");
/// assert!(d.day().is_none());
/// assert!("2023-02-30".parse::<PartialDate>().is_err());
/// # Ok::<(), matrix_privacy_policy::InvalidDate>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    year: i32,
    month: u32,
    day: Option<u32>,
}

/// Why a string is not a [`PartialDate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date of the form YYYY-MM-DD or YYYY-MM, or no such day exists")]
pub struct InvalidDate(String);

impl PartialDate {
    /// Parses `YYYY-MM-DD` or `YYYY-MM`, rejecting days that do not exist.
    ///
    /// # Errors
    /// [`InvalidDate`] when the text has another form or names no real day.
    pub fn parse(text: &str) -> Result<Self, InvalidDate> {
        let err = || {
            let mut end = text.len().min(40);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            InvalidDate(text[..end].to_owned())
        };
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = b.get(r)?;
            if s.iter().all(u8::is_ascii_digit) {
                Some(s.iter().fold(0, |acc, c| acc * 10 + u32::from(c - b'0')))
            } else {
                None
            }
        };
        if !(b.len() == 7 || b.len() == 10) || b[4] != b'-' {
            return Err(err());
        }
        let year = digits(0..4).ok_or_else(err)?;
        let month = digits(5..7).ok_or_else(err)?;
        let day = if b.len() == 10 {
            if b[7] != b'-' {
                return Err(err());
            }
            Some(digits(8..10).ok_or_else(err)?)
        } else {
            None
        };
        let year = i32::try_from(year).map_err(|_| err())?;
        if !(1..=12).contains(&month) {
            return Err(err());
        }
        if NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1)).is_none() {
            return Err(err());
        }
        Ok(PartialDate { year, month, day })
    }

    /// A full date.
    pub fn from_date(date: NaiveDate) -> Self {
        PartialDate {
            year: date.year(),
            month: date.month(),
            day: Some(date.day()),
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// The day of the month, when the source gives one.
    pub fn day(&self) -> Option<u32> {
        self.day
    }

    /// The first day this date can mean.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last day this date can mean.
    pub fn last_day(&self) -> NaiveDate {
        if let Some(d) = self.day {
            return NaiveDate::from_ymd_opt(self.year, self.month, d).unwrap_or(NaiveDate::MAX);
        }
        let (y, m) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// Orders two dates as ranges: `None` when they overlap without being
    /// equal (`2023-06` against `2023-06-14`).
    pub fn compare(&self, other: &PartialDate) -> Option<Ordering> {
        if self == other {
            Some(Ordering::Equal)
        } else if self.last_day() < other.first_day() {
            Some(Ordering::Less)
        } else if other.last_day() < self.first_day() {
            Some(Ordering::Greater)
        } else {
            None
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)?;
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = InvalidDate;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PartialDate::parse(s)
    }
}

impl TryFrom<String> for PartialDate {
    type Error = InvalidDate;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PartialDate::parse(&s)
    }
}

impl From<PartialDate> for String {
    fn from(d: PartialDate) -> String {
        d.to_string()
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date `YYYY-MM-DD`, or `YYYY-MM` where the source gives only the month.",
            "type": "string",
            "pattern": PARTIAL_DATE_PATTERN,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse() {
        for ok in ["2018-08", "2023-07-14", "2024-02-29", "0001-01"] {
            assert_eq!(PartialDate::parse(ok).unwrap().to_string(), ok);
        }
        for bad in [
            "",
            "2018",
            "2018-8",
            "2018-13",
            "2018-00",
            "2023-02-29",
            "2023-02-30",
            "2023-07-1",
            "2023/07",
            "２０２３-07",
            "2023-07-14T00",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn order() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(d("2023-06").compare(&d("2023-07")), Some(Ordering::Less));
        assert_eq!(d("2023-06").compare(&d("2023-06-14")), None);
        assert_eq!(
            d("2023-06-14").compare(&d("2023-06-15")),
            Some(Ordering::Less)
        );
        assert_eq!(d("2023-12").last_day().to_string(), "2023-12-31");
    }
}
