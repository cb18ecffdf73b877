//! Addresses the console builds.

/// Percent-encodes `text` for a query-string value; `/` and `:` stay readable (both are allowed
/// there).
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' | b':' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_are_encoded() {
        assert_eq!(
            super::encode("/groups/MANAGER?asOf=2025-01-01"),
            "/groups/MANAGER%3FasOf%3D2025-01-01"
        );
        assert_eq!(super::encode("a b&c"), "a%20b%26c");
    }
}
