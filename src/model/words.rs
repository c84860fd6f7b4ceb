//! Periods, retention and events in words, for people: `P180D` is
//! "180 days", an `after_event` retention of `P7Y` after `no_longer_needed`
//! is "7 years after it is no longer needed".
//!
//! ```
//! use matrix_privacy_policy::{Period, Retention};
//!
//! let period: Period = "P1Y6M".parse()?;
//! assert_eq!(period.in_words(), "1 year and 6 months");
//! let kept = Retention::AfterEvent { period: "P7Y".parse()?, events: vec!["no_longer_needed".parse()?] };
//! assert_eq!(kept.in_words(), "7 years after it is no longer needed");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Period, Retention};

/// Events common to homeserver policies, and how to say them. Other
/// events are spelt out from their id (`ticket_closed`: "ticket closed").
const EVENTS: &[(&str, &str)] = &[
    ("no_longer_needed", "it is no longer needed"),
    ("account_deactivated", "the account is deactivated"),
    ("password_changed", "the password is changed"),
    ("erasure_request", "an erasure request"),
    ("account_created", "the account is created"),
    ("last_login", "the last login"),
    ("last_seen", "the last connection"),
    ("order_completed", "the order is completed"),
    ("consent_withdrawn", "consent is withdrawn"),
];

/// An event id in words (`account_deactivated`: "the account is deactivated").
pub fn event_in_words(event: &str) -> String {
    EVENTS
        .iter()
        .find(|(id, _)| *id == event)
        .map_or_else(|| event.replace('_', " "), |(_, words)| (*words).to_owned())
}

fn events_in_words(events: &[super::Id]) -> String {
    let words: Vec<String> = events.iter().map(|e| event_in_words(e.as_str())).collect();
    join_or(&words)
}

/// `a`, `a or b`, `a, b or c`.
fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn unit(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Period {
    /// The period in words: "180 days", "7 years", "1 year, 2 months and 3 days".
    ///
    /// ```
    /// use matrix_privacy_policy::Period;
    /// assert_eq!(Period::from_days(1).in_words(), "1 day");
    /// assert_eq!(Period::from_years(7).in_words(), "7 years");
    /// ```
    pub fn in_words(&self) -> String {
        let parts: Vec<String> = [
            self.years().map(|n| unit(n, "year", "years")),
            self.months().map(|n| unit(n, "month", "months")),
            self.days_component().map(|n| unit(n, "day", "days")),
        ]
        .into_iter()
        .flatten()
        .collect();
        match parts.as_slice() {
            [] => "0 days".to_owned(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

impl Retention {
    /// How long the data is kept, in words: "at most 180 days", "30 days
    /// after an erasure request", "until the password is changed or the
    /// account is deactivated", "indefinitely: REASON".
    pub fn in_words(&self) -> String {
        match self {
            Retention::Fixed { period } => format!("at most {}", period.in_words()),
            Retention::AfterEvent { period, events } => {
                format!("{} after {}", period.in_words(), events_in_words(events))
            }
            Retention::UntilEvent { events } => format!("until {}", events_in_words(events)),
            Retention::Indefinite { reason } => {
                format!(
                    "indefinitely: {}",
                    lower_first(reason.trim_end_matches('.'))
                )
            }
        }
    }

    /// The same as [`Retention::in_words`] without the reason of an
    /// indefinite retention: "indefinitely".
    pub fn in_short_words(&self) -> String {
        match self {
            Retention::Indefinite { .. } => "indefinitely".to_owned(),
            other => other.in_words(),
        }
    }
}

/// Lower-cases the first letter of a sentence fragment unless it starts an
/// acronym or a name in capitals (`So that …`: `so that …`; `AWS …` stays).
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(s[first.len_utf8()..].chars())
            .collect(),
        _ => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn periods() {
        assert_eq!(p("P180D").in_words(), "180 days");
        assert_eq!(p("P1D").in_words(), "1 day");
        assert_eq!(p("P7Y").in_words(), "7 years");
        assert_eq!(p("P1M").in_words(), "1 month");
        assert_eq!(p("P1Y6M").in_words(), "1 year and 6 months");
        assert_eq!(p("P1Y2M3D").in_words(), "1 year, 2 months and 3 days");
        assert_eq!(p("P0D").in_words(), "0 days");
    }

    #[test]
    fn retentions() {
        let id = |s: &str| s.parse::<crate::Id>().unwrap();
        assert_eq!(
            Retention::Fixed { period: p("P180D") }.in_words(),
            "at most 180 days"
        );
        let until = Retention::UntilEvent {
            events: vec![id("password_changed"), id("account_deactivated")],
        };
        assert_eq!(
            until.in_words(),
            "until the password is changed or the account is deactivated"
        );
        let after = Retention::AfterEvent {
            period: p("P30D"),
            events: vec![id("ticket_closed")],
        };
        assert_eq!(after.in_words(), "30 days after ticket closed");
        let forever = Retention::Indefinite {
            reason: "So that names are not reused.".into(),
        };
        assert_eq!(
            forever.in_words(),
            "indefinitely: so that names are not reused"
        );
        assert_eq!(forever.in_short_words(), "indefinitely");
        let acronym = Retention::Indefinite {
            reason: "AWS keeps it".into(),
        };
        assert_eq!(acronym.in_words(), "indefinitely: AWS keeps it");
    }

    #[test]
    fn lists() {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(join_or(&s(&[])), "");
        assert_eq!(join_or(&s(&["a", "b", "c"])), "a, b or c");
    }
}
