//! Whether a security parameter got stronger: values compare in the
//! parameter's stated direction, numbers after normalising their units
//! (cost factor 12 = 4096 rounds, 16 bytes = 128 bits).

use std::cmp::Ordering;

use super::{Parameter, ParameterUnit, ParameterValue, Stronger};

/// How a security parameter's value moved from one release to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrengthMove {
    /// Stronger, in the parameter's stated direction.
    Stronger,
    /// The same setting (possibly written in another unit).
    Same,
    /// Weaker.
    Weaker,
}

/// Why two values of a parameter do not compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Incomparable {
    /// The value changed and no stronger direction is stated.
    NoDirection,
    /// The stated stronger direction itself changed.
    DirectionChanged,
    /// The units measure different things (rounds and bits).
    OtherDimension,
    /// A value is outside its unit's range (a negative cost factor).
    OutOfRange,
    /// One side has a unit and the other none.
    UnitChanged,
    /// Two different text values.
    Text,
    /// The value changed type (a number became a text).
    TypeChanged,
}

impl std::fmt::Display for Incomparable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason())
    }
}

impl std::error::Error for Incomparable {}

impl Incomparable {
    /// The reason, as a phrase for messages.
    pub fn reason(self) -> &'static str {
        match self {
            Incomparable::NoDirection => "no stronger direction is stated",
            Incomparable::DirectionChanged => "the stronger direction changed",
            Incomparable::OtherDimension => "the units measure different things",
            Incomparable::OutOfRange => "the value is out of its unit's range",
            Incomparable::UnitChanged => "a unit was added or removed",
            Incomparable::Text => "text values do not compare",
            Incomparable::TypeChanged => "the value changed type",
        }
    }
}

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dimension {
    /// Work, in rounds.
    Work,
    /// Length, in bits.
    Length,
}

/// A numeric value in its dimension's base unit; `None` when it does not
/// fit (a cost factor beyond 2^126 or below zero).
fn normalised(value: i64, unit: ParameterUnit) -> Option<(Dimension, i128)> {
    match unit {
        ParameterUnit::Rounds => Some((Dimension::Work, i128::from(value))),
        ParameterUnit::CostFactor => {
            let exponent = u32::try_from(value).ok().filter(|&e| e < 127)?;
            Some((Dimension::Work, 1i128 << exponent))
        }
        ParameterUnit::Bits => Some((Dimension::Length, i128::from(value))),
        ParameterUnit::Bytes => Some((Dimension::Length, i128::from(value) * 8)),
    }
}

impl Parameter {
    /// How this parameter's value moved to `newer`'s, judged in `newer`'s
    /// stated direction, or why the two do not compare.
    ///
    /// ```
    /// use matrix_privacy_policy::model::{StrengthMove, Parameter};
    /// let bcrypt = |value: i64, unit: &str| -> Parameter {
    ///     serde_json::from_value(serde_json::json!({
    ///         "name": "work_factor", "value": value, "unit": unit, "stronger": "higher"
    ///     }))
    ///     .unwrap()
    /// };
    /// assert_eq!(bcrypt(12, "cost_factor").strength_move(&bcrypt(4096, "rounds")), Ok(StrengthMove::Same));
    /// assert_eq!(bcrypt(12, "cost_factor").strength_move(&bcrypt(13, "cost_factor")), Ok(StrengthMove::Stronger));
    /// ```
    ///
    /// # Errors
    /// [`Incomparable`] says why the values do not compare.
    pub fn strength_move(&self, newer: &Parameter) -> Result<StrengthMove, Incomparable> {
        let same_value = self.value == newer.value && self.unit == newer.unit;
        let Some(direction) = newer.stronger else {
            return if same_value {
                Ok(StrengthMove::Same)
            } else {
                Err(Incomparable::NoDirection)
            };
        };
        if self.stronger != newer.stronger {
            return Err(Incomparable::DirectionChanged);
        }
        let order = match (&self.value, &newer.value) {
            (ParameterValue::Integer(a), ParameterValue::Integer(b)) => {
                match (self.unit, newer.unit) {
                    (None, None) => b.cmp(a),
                    (Some(ua), Some(ub)) => match (normalised(*a, ua), normalised(*b, ub)) {
                        (Some((da, na)), Some((db, nb))) if da == db => nb.cmp(&na),
                        (Some(_), Some(_)) => return Err(Incomparable::OtherDimension),
                        _ => return Err(Incomparable::OutOfRange),
                    },
                    _ => return Err(Incomparable::UnitChanged),
                }
            }
            (ParameterValue::Bool(a), ParameterValue::Bool(b)) => b.cmp(a),
            (ParameterValue::Text(_), ParameterValue::Text(_)) if same_value => {
                return Ok(StrengthMove::Same);
            }
            (ParameterValue::Text(_), ParameterValue::Text(_)) => return Err(Incomparable::Text),
            _ => return Err(Incomparable::TypeChanged),
        };
        Ok(match (order, direction) {
            (Ordering::Equal, _) => StrengthMove::Same,
            (Ordering::Greater, Stronger::Higher) | (Ordering::Less, Stronger::Lower) => {
                StrengthMove::Stronger
            }
            _ => StrengthMove::Weaker,
        })
    }
}
