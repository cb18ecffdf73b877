//! Free-text search that ignores case and accents, the same on every database.
//!
//! Searchable records keep a folded copy of their text (`search_text`); a query is folded the same
//! way and matched with `LIKE`, so "Beleidsmedewerker", "beleidsmédewerker" and "BELEIDS" all match.

use unicode_normalization::UnicodeNormalization;

/// The folded text a group is found by: its name, its code in words and its description.
pub fn group_text(name: &str, code: &str, description: Option<&str>) -> String {
    fold(&format!(
        "{name} {} {}",
        code.replace('_', " "),
        description.unwrap_or_default()
    ))
}

/// Lower-cases `text` and strips accents (é → e, ë → e, ï → i), collapsing runs of white space.
pub fn fold(text: &str) -> String {
    let stripped: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compares names as a reader of a list expects: letters and digits only, accents and case
/// ignored, so "(Inrichtings)beveiliger" sorts under I and "Coördinerend" beside "Coordinatie".
pub fn collate(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(s: &str) -> impl Iterator<Item = char> + '_ {
        s.nfd()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
    }
    key(a).cmp(key(b))
}

/// The escape character used in `LIKE` patterns built by [`like_pattern`].
pub const LIKE_ESCAPE: char = '!';

/// A `LIKE` pattern matching any text containing the folded `query`, with `%`, `_` and the escape
/// character in the query taken literally.
pub fn like_pattern(query: &str) -> String {
    let mut pattern = String::from("%");
    for c in fold(query).chars() {
        if c == '%' || c == '_' || c == LIKE_ESCAPE {
            pattern.push(LIKE_ESCAPE);
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collation_ignores_punctuation_case_and_accents() {
        let mut names = [
            "Manager",
            "(Inrichtings)beveiliger",
            "Coördinerend X",
            "Coordinator",
            "assistent",
        ];
        names.sort_by(|a, b| collate(a, b));
        assert_eq!(
            names,
            [
                "assistent",
                "Coordinator",
                "Coördinerend X",
                "(Inrichtings)beveiliger",
                "Manager"
            ]
        );
    }

    #[test]
    fn folding_ignores_case_accents_and_spacing() {
        assert_eq!(
            fold("  Coördinerend   BELEIDSmédewerker "),
            "coordinerend beleidsmedewerker"
        );
    }

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(like_pattern("50%_a!"), "%50!%!_a!!%");
    }
}
