//! Scalars of the API.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

/// A calendar date, `YYYY-MM-DD` (ISO 8601). Versions take effect on whole days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => crate::domain::dates::parse_day(s).map(Date).ok_or_else(|| {
                InputValueError::custom(format!(
                    "'{s}' is geen datum: schrijf JJJJ-MM-DD, jaar 1000 t/m 9999"
                ))
            }),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Self(d)
    }
}

/// The date asked for, or today.
pub fn day_or_today(as_of: Option<Date>) -> NaiveDate {
    as_of.map_or_else(crate::domain::dates::today, |d| d.0)
}
