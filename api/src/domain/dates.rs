//! Dates: "today" and which version is in effect on a day.

use chrono::NaiveDate;

/// Today's date, the default for every `asOf`.
///
/// Taken in UTC: versions take effect on whole days, and the FGR publishes dates without times.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Whether a period `[from, to)` contains `day`; an open `to` runs forever.
pub fn in_effect(from: NaiveDate, to: Option<NaiveDate>, day: NaiveDate) -> bool {
    from <= day && to.is_none_or(|to| day < to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_period_includes_its_first_day_and_excludes_its_end() {
        assert!(in_effect(
            d("2020-01-01"),
            Some(d("2021-01-01")),
            d("2020-01-01")
        ));
        assert!(in_effect(
            d("2020-01-01"),
            Some(d("2021-01-01")),
            d("2020-12-31")
        ));
        assert!(!in_effect(
            d("2020-01-01"),
            Some(d("2021-01-01")),
            d("2021-01-01")
        ));
        assert!(!in_effect(d("2020-01-01"), None, d("2019-12-31")));
        assert!(in_effect(d("2020-01-01"), None, d("2999-01-01")));
    }
}
