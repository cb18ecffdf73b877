//! What counts as text in the register: one rule for every way text comes in (GraphQL arguments,
//! variables, catalogue files).

/// Why text with a control character is refused (the place or "de aanvraag" goes before it).
pub const CONTROL_CHARACTER: &str =
    "bevat een stuurteken (zoals NUL); dat kan geen tekst in het register zijn";

/// Whether `text` holds a control character other than tab, line feed and carriage return. No
/// text of the register has one, and PostgreSQL refuses a NUL byte outright, so such input is
/// refused as `BAD_USER_INPUT` before anything runs, the same on every database.
pub fn has_control_characters(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The lowercase hex SHA-256 of `text`: the one digest of the register (audit entries, token
/// hashes, persisted operations' ids).
pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(text.as_bytes()))
}

/// `bytes` as lowercase hex, in one allocation (ids are made on every request).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// The paths (`groups[3].name`) of the strings in `value`, keys included, that hold a control
/// character (see [`has_control_characters`]).
pub fn control_characters_in(value: &serde_json::Value) -> Vec<String> {
    fn walk(value: &serde_json::Value, path: &mut String, found: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) if has_control_characters(s) => found.push(path.clone()),
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(item, path, found);
                    path.truncate(len);
                }
            }
            serde_json::Value::Object(fields) => {
                for (key, item) in fields {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    if has_control_characters(key) {
                        found.push(path.clone());
                    }
                    walk(item, path, found);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(value, &mut String::new(), &mut found);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_and_newlines_are_text_other_control_characters_are_not() {
        assert!(!has_control_characters("regel 1\nregel 2\tmet tab\r\n"));
        assert!(has_control_characters("MAN\u{0}AGER"));
        assert!(has_control_characters("bel\u{7}"));
        assert!(has_control_characters("\u{9b}"));
        let doc =
            serde_json::json!({ "groups": [{ "name": "ok" }, { "name": "n\u{0}" }], "k\u{1}": 1 });
        assert_eq!(control_characters_in(&doc), ["groups[1].name", "k\u{1}"]);
    }
}
