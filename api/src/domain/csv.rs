//! RFC 4180 CSV, as the register's exports write it.

/// One field: quoted when it holds a comma, a quote or a line break.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// One record, ended by CRLF.
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_with_separators_are_quoted() {
        assert_eq!(
            super::record(&["a", "b,c", "d\"e"]),
            "a,\"b,c\",\"d\"\"e\"\r\n"
        );
    }
}
