//! Dates: "today". (Which version is in effect on a day is [`super::temporal`]'s rule.)

use chrono::NaiveDate;

use crate::error::{DomainError, DomainResult};

/// Today's date, the default for every `asOf`.
///
/// Taken in UTC: versions take effect on whole days, and the FGR publishes dates without times.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
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
