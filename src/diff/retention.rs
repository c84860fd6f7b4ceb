//! Comparing two retentions: a partial order.
//!
//! Years and months are ranges of days ([`Period::compare`]); a fixed period
//! and a period counted from an event do not compare; keeping data until an
//! event ends no later than keeping it for a period after the same event;
//! indefinite retention is longer than any other.

use std::cmp::Ordering;

use crate::{Id, Period, Retention};

/// How a new retention compares with the old one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Comparison {
    /// The same (possibly written differently, or with a reworded reason).
    Same,
    /// The same indefinite retention, with a reworded reason.
    ReasonReworded,
    /// The new retention is longer.
    Longer,
    /// The new retention is shorter.
    Shorter,
    /// The two do not compare, for this reason.
    Incomparable(String),
}

/// Compares two periods, treating components written as zero like absent
/// ones (`P1Y0M` is `P1Y`).
pub(crate) fn compare_periods(old: &Period, new: &Period) -> Option<Ordering> {
    let parts = |p: &Period| {
        (
            p.years().unwrap_or(0),
            p.months().unwrap_or(0),
            p.days_component().unwrap_or(0),
        )
    };
    if parts(old) == parts(new) {
        return Some(Ordering::Equal);
    }
    new.compare(old)
}

fn why_periods(old: &Period, new: &Period) -> String {
    let days = |p: &Period| match p.day_range() {
        (a, b) if a == b => format!("{a} days"),
        (a, b) => format!("{a} to {b} days"),
    };
    format!(
        "{old} ({}) and {new} ({}) do not compare",
        days(old),
        days(new)
    )
}

fn same_events(a: &[Id], b: &[Id]) -> bool {
    super::matching::same_set(a, b)
}

fn subset(a: &[Id], b: &[Id]) -> bool {
    super::matching::is_subset(a, b)
}

fn from_order(o: Option<Ordering>, old: &Period, new: &Period) -> Comparison {
    match o {
        Some(Ordering::Equal) => Comparison::Same,
        Some(Ordering::Greater) => Comparison::Longer,
        Some(Ordering::Less) => Comparison::Shorter,
        None => Comparison::Incomparable(why_periods(old, new)),
    }
}

/// Compares the old retention with the new one.
pub(crate) fn compare(old: &Retention, new: &Retention) -> Comparison {
    use Retention::*;
    match (old, new) {
        (Fixed { period: a }, Fixed { period: b }) => from_order(compare_periods(a, b), a, b),
        (
            AfterEvent {
                period: a,
                events: ea,
            },
            AfterEvent {
                period: b,
                events: eb,
            },
        ) => {
            if same_events(ea, eb) {
                from_order(compare_periods(a, b), a, b)
            } else {
                Comparison::Incomparable(format!(
                    "the period is counted from other events ({} instead of {})",
                    events(eb, " or "),
                    events(ea, " or ")
                ))
            }
        }
        (UntilEvent { events: ea }, UntilEvent { events: eb }) => {
            // Data is kept until the first of the events: more events end it sooner.
            if same_events(ea, eb) {
                Comparison::Same
            } else if subset(ea, eb) {
                Comparison::Shorter
            } else if subset(eb, ea) {
                Comparison::Longer
            } else {
                Comparison::Incomparable(format!(
                    "retention now ends at other events ({} instead of {})",
                    events(eb, " or "),
                    events(ea, " or ")
                ))
            }
        }
        (UntilEvent { events: ea }, AfterEvent { period, events: eb }) if same_events(ea, eb) => {
            if compare_periods(&Period::from_days(0), period) == Some(Ordering::Equal) {
                Comparison::Same
            } else {
                Comparison::Longer
            }
        }
        (AfterEvent { period, events: ea }, UntilEvent { events: eb }) if same_events(ea, eb) => {
            if compare_periods(period, &Period::from_days(0)) == Some(Ordering::Equal) {
                Comparison::Same
            } else {
                Comparison::Shorter
            }
        }
        (Indefinite { reason: a }, Indefinite { reason: b }) => {
            if a.split_whitespace().eq(b.split_whitespace()) {
                Comparison::Same
            } else {
                Comparison::ReasonReworded
            }
        }
        (_, Indefinite { .. }) => Comparison::Longer,
        (Indefinite { .. }, _) => Comparison::Shorter,
        (a, b) => Comparison::Incomparable(format!(
            "{} and {} do not compare",
            kind_phrase(a),
            kind_phrase(b)
        )),
    }
}

fn kind_phrase(r: &Retention) -> &'static str {
    match r {
        Retention::Fixed { .. } => "a fixed period",
        Retention::AfterEvent { .. } => "a period counted from an event",
        Retention::UntilEvent { .. } => "keeping data until an event",
        Retention::Indefinite { .. } => "indefinite retention",
    }
}

fn events(e: &[Id], sep: &str) -> String {
    let mut names: Vec<String> = e.iter().map(|e| format!("`{e}`")).collect();
    names.sort();
    names.dedup();
    names.join(sep)
}

/// A retention in a few words: `P180D`, `P30D after `erasure_request``, …
pub(crate) fn describe(r: &Retention) -> String {
    match r {
        Retention::Fixed { period } => period.to_string(),
        Retention::AfterEvent { period, events: e } => {
            format!("{period} after {}", events(e, " or "))
        }
        Retention::UntilEvent { events: e } => format!("until {}", events(e, " or ")),
        Retention::Indefinite { .. } => "indefinitely".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }
    fn id(s: &str) -> Id {
        s.parse().unwrap()
    }
    fn fixed(s: &str) -> Retention {
        Retention::Fixed { period: p(s) }
    }

    #[test]
    fn fixed_periods() {
        assert_eq!(compare(&fixed("P180D"), &fixed("P1Y")), Comparison::Longer);
        assert_eq!(compare(&fixed("P1Y"), &fixed("P180D")), Comparison::Shorter);
        assert_eq!(compare(&fixed("P1Y"), &fixed("P1Y0M")), Comparison::Same);
        assert!(matches!(
            compare(&fixed("P1M"), &fixed("P30D")),
            Comparison::Incomparable(_)
        ));
        assert!(matches!(
            compare(&fixed("P12M"), &fixed("P1Y")),
            Comparison::Incomparable(_)
        ));
    }

    #[test]
    fn events() {
        let until = |e: &[&str]| Retention::UntilEvent {
            events: e.iter().map(|s| id(s)).collect(),
        };
        let after = |d: &str, e: &[&str]| Retention::AfterEvent {
            period: p(d),
            events: e.iter().map(|s| id(s)).collect(),
        };
        assert_eq!(
            compare(&until(&["a"]), &until(&["a", "b"])),
            Comparison::Shorter
        );
        assert_eq!(
            compare(&until(&["a", "b"]), &until(&["a"])),
            Comparison::Longer
        );
        assert!(matches!(
            compare(&until(&["a"]), &until(&["b"])),
            Comparison::Incomparable(_)
        ));
        assert_eq!(
            compare(&until(&["a"]), &after("P30D", &["a"])),
            Comparison::Longer
        );
        assert_eq!(
            compare(&after("P30D", &["a"]), &until(&["a"])),
            Comparison::Shorter
        );
        assert_eq!(
            compare(&after("P30D", &["a"]), &after("P7D", &["a"])),
            Comparison::Shorter
        );
        assert!(matches!(
            compare(&after("P30D", &["a"]), &fixed("P30D")),
            Comparison::Incomparable(_)
        ));
        assert!(matches!(
            compare(&after("P30D", &["a"]), &after("P30D", &["b"])),
            Comparison::Incomparable(_)
        ));
        let forever = Retention::Indefinite { reason: "x".into() };
        assert_eq!(compare(&fixed("P7Y"), &forever), Comparison::Longer);
        assert_eq!(compare(&forever, &until(&["a"])), Comparison::Shorter);
    }
}
