//! Dates: "today". (Which version is in effect on a day is [`super::temporal`]'s rule.)

use chrono::NaiveDate;

/// Today's date, the default for every `asOf`.
///
/// Taken in UTC: versions take effect on whole days, and the FGR publishes dates without times.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}
