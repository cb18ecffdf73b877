//! Dates and times as Dutch readers write them: "1 december 2026", "1 december 2026, 11:05", in
//! Europe/Amsterdam time. The API sends ISO dates (`2026-12-01`) and UTC timestamps; values this
//! cannot read are shown as they came.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};

fn written(day: NaiveDate) -> String {
    fgr_content::dates::written(day.year(), day.month(), day.day())
}

/// "2026-12-01" → "1 december 2026".
pub fn date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_or_else(|_| iso.to_owned(), written)
}

/// An optional end date: the date, or "—" when open-ended.
pub fn until(iso: Option<&str>) -> String {
    iso.map_or_else(|| "—".to_owned(), date)
}

/// A period of validity: "sinds 18 december 2017", or "van 1 januari 2020 tot 1 januari 2025".
pub fn period(from: &str, to: Option<&str>) -> String {
    match to {
        Some(to) => format!("van {} tot {}", date(from), date(to)),
        None => format!("sinds {}", date(from)),
    }
}

/// The last Sunday of `month` in `year`, at 01:00 UTC: when the Netherlands changes its clocks.
fn last_sunday_0100_utc(year: i32, month: u32) -> Option<NaiveDateTime> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    let last = first_of_next - Duration::days(1);
    let back = i64::from(last.weekday().num_days_from_sunday());
    (last - Duration::days(back)).and_hms_opt(1, 0, 0)
}

/// The UTC instant `at` on the clocks of Amsterdam: CET (+1), or CEST (+2) from the last Sunday
/// of March to the last Sunday of October (the EU rule, in force since 1996). Hand-written rather
/// than a time-zone database, which would add megabytes to the browser code for one zone.
pub fn amsterdam(at: DateTime<Utc>) -> NaiveDateTime {
    let utc = at.naive_utc();
    let summer = match (
        last_sunday_0100_utc(utc.year(), 3),
        last_sunday_0100_utc(utc.year(), 10),
    ) {
        (Some(start), Some(end)) => utc >= start && utc < end,
        _ => false,
    };
    utc + Duration::hours(if summer { 2 } else { 1 })
}

/// A UTC timestamp (RFC 3339) → "1 december 2026, 11:05", Amsterdam time.
pub fn time(rfc3339: &str) -> String {
    match DateTime::parse_from_rfc3339(rfc3339) {
        Ok(at) => {
            let local = amsterdam(at.with_timezone(&Utc));
            format!(
                "{}, {:02}:{:02}",
                written(local.date()),
                local.hour(),
                local.minute()
            )
        }
        Err(_) => date(rfc3339),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_from_and_until() {
        assert_eq!(period("2017-12-18", None), "sinds 18 december 2017");
        assert_eq!(
            period("2020-01-01", Some("2025-01-01")),
            "van 1 januari 2020 tot 1 januari 2025"
        );
    }

    #[test]
    fn dates_are_written_out_in_dutch() {
        assert_eq!(date("2026-12-01"), "1 december 2026");
        assert_eq!(date("2017-03-18"), "18 maart 2017");
        assert_eq!(date("gisteren"), "gisteren");
        assert_eq!(until(None), "—");
    }

    #[test]
    fn times_follow_the_clocks_of_amsterdam() {
        // Winter: CET, +1.
        assert_eq!(time("2026-12-01T10:05:00Z"), "1 december 2026, 11:05");
        // Summer: CEST, +2; and the day turns.
        assert_eq!(time("2026-07-01T22:30:00Z"), "2 juli 2026, 00:30");
        // The change in 2026: the clocks go forward on 29 March at 01:00 UTC, back on 25 October.
        assert_eq!(time("2026-03-29T00:59:00Z"), "29 maart 2026, 01:59");
        assert_eq!(time("2026-03-29T01:00:00Z"), "29 maart 2026, 03:00");
        assert_eq!(time("2026-10-25T00:59:00Z"), "25 oktober 2026, 02:59");
        assert_eq!(time("2026-10-25T01:00:00Z"), "25 oktober 2026, 02:00");
        assert_eq!(
            time("2026-12-01T10:05:00.123+00:00"),
            "1 december 2026, 11:05"
        );
    }
}
