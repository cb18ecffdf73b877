//! The one Dutch spelling of a date ("1 december 2026"), for the console's pages and the API's
//! printed documents alike.

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `written(2026, 12, 1)` = "1 december 2026"; a month outside 1–12 is written as a number.
pub fn written(year: i32, month: u32, day: u32) -> String {
    match MONTHS.get(month.wrapping_sub(1) as usize) {
        Some(name) => format!("{day} {name} {year}"),
        None => format!("{day}-{month}-{year}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_written_the_dutch_way() {
        assert_eq!(super::written(2026, 12, 1), "1 december 2026");
        assert_eq!(super::written(2017, 3, 18), "18 maart 2017");
        assert_eq!(super::written(2017, 13, 18), "18-13-2017");
    }
}
