//! Free-text search that ignores case and accents, the same on every database.
//!
//! Searchable records keep a folded copy of their text (`search_text`); a query is folded the same
//! way and matched with `LIKE`, so "Beleidsmedewerker", "beleidsmédewerker" and "BELEIDS" all match.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::domain::limits;
use crate::error::{DomainError, DomainResult};
use crate::register::Register;

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

/// What a search over the register found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HitKind {
    /// A function group, by its name, code, description or FGR site id.
    Group,
    /// A typing: a group's name with one of its scales ("manager 13").
    Typing,
    /// A responsibility requirement, by its title or code.
    Requirement,
    /// A vacancy clause in effect, by its title or code.
    Clause,
}

/// One thing found, with what a reader needs to recognise it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What it is.
    pub kind: HitKind,
    /// The group's, requirement's or clause's code.
    pub code: String,
    /// The typing's scale.
    pub scale: Option<i32>,
    /// Its name as people know it, e.g. "Manager" or "Manager, schaal 13".
    pub title: String,
    /// Where it sits, e.g. the group's family.
    pub context: String,
}

/// At most this many hits are asked for at once.
pub const MAX_HITS: usize = 50;
/// How many hits a search gives when the caller does not say.
pub const DEFAULT_HITS: usize = 20;

/// Everything in `register` on `day` that `text` names, best first: each word of `text` must
/// occur in the thing's folded text (case and accents ignored, so "coordinerend" finds
/// "Coördinerend"); a thing whose name starts with the text ranks first, then one whose name
/// holds it, then the rest. Typings are found by a group's name with a scale ("manager 13").
/// Clauses only when `with_clauses` (the caller may read them).
///
/// # Errors
/// `BAD_USER_INPUT` for an empty text, a text over 100 characters or `first` outside 1–50.
pub fn find(
    register: &Register,
    day: NaiveDate,
    text: &str,
    first: usize,
    with_clauses: bool,
) -> DomainResult<Vec<Hit>> {
    let query = fold(text);
    if query.is_empty() || text.chars().count() > limits::SEARCH_TEXT {
        return Err(DomainError::bad_input(
            "text",
            format!("zoek op 1 tot {} tekens", limits::SEARCH_TEXT),
        ));
    }
    if !(1..=MAX_HITS).contains(&first) {
        return Err(DomainError::bad_input(
            "first",
            format!("first is 1 tot en met {MAX_HITS}"),
        ));
    }
    let words: Vec<&str> = query.split(' ').collect();
    let numbers: Vec<i32> = words.iter().filter_map(|w| w.parse().ok()).collect();
    let names: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.parse::<i32>().is_err())
        .collect();
    let holds = |haystack: &str, words: &[&str]| words.iter().all(|w| haystack.contains(w));
    // 0: the name starts with the text; 1: the name holds it; 2: found elsewhere.
    let rank = |name: &str| {
        let name = fold(name);
        if name.starts_with(&query) {
            0
        } else if name.contains(&query) {
            1
        } else {
            2
        }
    };
    let mut found: Vec<(u8, Hit)> = Vec::new();
    for (history, version) in register.groups_in_effect(day).iter() {
        let g = &history.group;
        let family = register
            .family(g.family_id)
            .map(|f| f.name.clone())
            .unwrap_or_default();
        let site = g.fgr_site_id.map(|id| id.to_string()).unwrap_or_default();
        let haystack = format!("{} {site}", g.search_text);
        if holds(&haystack, &words) {
            found.push((
                rank(&g.name),
                Hit {
                    kind: HitKind::Group,
                    code: g.code.clone(),
                    scale: None,
                    title: g.name.clone(),
                    context: format!("functiegroep in {family}"),
                },
            ));
        }
        if !numbers.is_empty() && !names.is_empty() && holds(&g.search_text, &names) {
            let mut scales: Vec<i32> = version.typings.iter().map(|t| t.typing.scale).collect();
            scales.dedup();
            for scale in scales.into_iter().filter(|s| numbers.contains(s)) {
                found.push((
                    rank(&g.name),
                    Hit {
                        kind: HitKind::Typing,
                        code: g.code.clone(),
                        scale: Some(scale),
                        title: format!("{}, schaal {scale}", g.name),
                        context: format!("typering in {family}"),
                    },
                ));
            }
        }
    }
    for r in register.requirements() {
        let m = &r.model;
        if holds(
            &fold(&format!("{} {}", m.title, m.code.replace('_', " "))),
            &words,
        ) {
            found.push((
                rank(&m.title),
                Hit {
                    kind: HitKind::Requirement,
                    code: m.code.clone(),
                    scale: None,
                    title: m.title.clone(),
                    context: "vereiste verantwoordelijkheid".to_owned(),
                },
            ));
        }
    }
    if with_clauses {
        for c in register.clauses() {
            let Some(v) = c.versions.in_effect(day) else {
                continue;
            };
            let haystack = fold(&format!("{} {}", v.title, c.clause.code.replace('_', " ")));
            if holds(&haystack, &words) {
                found.push((
                    rank(&v.title),
                    Hit {
                        kind: HitKind::Clause,
                        code: c.clause.code.clone(),
                        scale: None,
                        title: v.title.clone(),
                        context: "standaardclausule voor vacatureteksten".to_owned(),
                    },
                ));
            }
        }
    }
    found.sort_by(|(ra, a), (rb, b)| {
        (ra, a.kind)
            .cmp(&(rb, b.kind))
            .then_with(|| collate(&a.title, &b.title))
    });
    Ok(found.into_iter().take(first).map(|(_, hit)| hit).collect())
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
