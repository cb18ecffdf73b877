//! Dates: "today". (Which version is in effect on a day is [`super::temporal`]'s rule.)

use chrono::NaiveDate;

use crate::error::{DomainError, DomainResult};

/// Today's date, the default for every `asOf`.
///
/// Taken in UTC: versions take effect on whole days, and the FGR publishes dates without times.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The earliest and latest day the register stores: what every supported database holds in a
/// DATE column (MariaDB's range), so a date means the same on all three.
pub const FIRST_DAY: (i32, u32, u32) = (1000, 1, 1);
/// See [`FIRST_DAY`].
pub const LAST_DAY: (i32, u32, u32) = (9999, 12, 31);

/// Reads a day written exactly `YYYY-MM-DD` (four-digit year 1000–9999, two-digit month and
/// day): no sign, no extra digits, no unpadded parts. The one date rule of every input (GraphQL
/// `Date`, `?asOf=`, the command line).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape || b[0] == b'0' {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// A change takes effect today or later: what held before stays as it was.
///
/// # Errors
/// `BAD_USER_INPUT` on `field` for a day before today.
pub fn check_not_past(field: &str, day: NaiveDate) -> DomainResult<()> {
    if day < today() {
        return Err(DomainError::bad_input(
            field,
            "ligt in het verleden; wat eerder gold blijft zoals het was",
        ));
    }
    Ok(())
}
