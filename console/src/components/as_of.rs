//! The "peildatum": the date the console shows the catalogue as of, kept in the `asOf` query
//! parameter so every page can be linked and read without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Whether `s` looks like `YYYY-MM-DD` (the API checks the rest).
fn looks_like_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// The `asOf` of the current URL, if it is a date.
pub fn use_as_of() -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("asOf").filter(|s| looks_like_date(s)))
}

/// `path` with the `asOf` parameter carried along.
pub fn href_with_as_of(path: &str, as_of: Option<&str>) -> String {
    match as_of {
        Some(d) => format!("{path}?asOf={d}"),
        None => path.to_owned(),
    }
}

/// The GraphQL variable for a date: the date, or null for today.
pub fn as_of_variable(as_of: Option<String>) -> serde_json::Value {
    as_of.map_or(serde_json::Value::Null, serde_json::Value::String)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_iso_dates_are_taken_from_the_url() {
        assert!(looks_like_date("2025-02-01"));
        assert!(!looks_like_date("2025-2-1"));
        assert!(!looks_like_date("<script>"));
        assert_eq!(
            href_with_as_of("/groups/MANAGER", Some("2025-02-01")),
            "/groups/MANAGER?asOf=2025-02-01"
        );
    }
}
