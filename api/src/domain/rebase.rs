//! Rebasing a proposal: re-applying its change on the group's newer version. A three-way merge
//! per field (base, proposal, newer version): a field changed on one side only takes that side;
//! a field changed on both sides differently is a conflict, reported and never merged silently.

use std::collections::BTreeMap;

use super::content::{CoverageContent, GroupContent, ResultAreaContent, TypingContent};

/// Picks the merged value of one field, or records a conflict at `path`.
fn pick<T: Clone + PartialEq>(
    path: &str,
    base: &T,
    mine: &T,
    theirs: &T,
    conflicts: &mut Vec<String>,
) -> T {
    if mine == base || mine == theirs {
        theirs.clone()
    } else if theirs == base {
        mine.clone()
    } else {
        conflicts.push(path.to_owned());
        mine.clone()
    }
}

fn areas(c: &GroupContent) -> BTreeMap<String, ResultAreaContent> {
    c.core_profile
        .result_areas
        .iter()
        .map(|a| (a.code.clone(), a.clone()))
        .collect()
}

/// Typings by scale and variant (a scale's named variants merge one by one).
fn typings(c: &GroupContent) -> BTreeMap<(i32, Option<i32>), TypingContent> {
    c.typings
        .iter()
        .map(|t| ((t.scale, t.variant), t.clone()))
        .collect()
}

/// Merges the proposal's change (`base` → `mine`) into `theirs`; the merged content, or the
/// paths of the fields both sides changed differently.
///
/// # Errors
/// The conflicting field paths.
pub fn merge(
    base: &GroupContent,
    mine: &GroupContent,
    theirs: &GroupContent,
) -> Result<GroupContent, Vec<String>> {
    let mut conflicts = Vec::new();
    let mut merged = theirs.clone();
    merged.core_profile.purpose = pick(
        "coreProfile.purpose",
        &base.core_profile.purpose,
        &mine.core_profile.purpose,
        &theirs.core_profile.purpose,
        &mut conflicts,
    );
    merged.core_profile.competences = pick(
        "coreProfile.competences",
        &base.core_profile.competences,
        &mine.core_profile.competences,
        &theirs.core_profile.competences,
        &mut conflicts,
    );
    let (b, m, t) = (areas(base), areas(mine), areas(theirs));
    let mut codes: Vec<&String> = b.keys().chain(m.keys()).chain(t.keys()).collect();
    codes.sort();
    codes.dedup();
    let mut merged_areas = Vec::new();
    for code in codes {
        let area = pick(
            &format!("coreProfile.resultAreas.{code}"),
            &b.get(code).cloned(),
            &m.get(code).cloned(),
            &t.get(code).cloned(),
            &mut conflicts,
        );
        merged_areas.extend(area);
    }
    // Keep the newer version's order, then any areas only the proposal has.
    merged_areas.sort_by_key(|a| {
        theirs
            .core_profile
            .result_areas
            .iter()
            .position(|x| x.code == a.code)
            .unwrap_or(usize::MAX)
    });
    merged.core_profile.result_areas = merged_areas;
    let (b, m, t) = (typings(base), typings(mine), typings(theirs));
    let mut keys: Vec<(i32, Option<i32>)> =
        b.keys().chain(m.keys()).chain(t.keys()).copied().collect();
    keys.sort_unstable();
    keys.dedup();
    merged.typings = keys
        .into_iter()
        .filter_map(|key| {
            let path = match key {
                (s, None) => format!("typings.{s}"),
                (s, Some(v)) => format!("typings.{s}.variant{v}"),
            };
            pick(
                &path,
                &b.get(&key).cloned(),
                &m.get(&key).cloned(),
                &t.get(&key).cloned(),
                &mut conflicts,
            )
        })
        .collect();
    merged.coverage = pick::<Vec<CoverageContent>>(
        "coverage",
        &base.coverage,
        &mine.coverage,
        &theirs.coverage,
        &mut conflicts,
    );
    if conflicts.is_empty() {
        Ok(merged)
    } else {
        Err(conflicts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_purpose(purpose: &str, coverage: usize) -> GroupContent {
        let mut c = GroupContent::default();
        c.core_profile.purpose = Some(purpose.into());
        for i in 0..coverage {
            c.coverage.push(CoverageContent {
                requirement_code: format!("R{i}"),
                typing_scale: None,
                location: "l".into(),
                quote: "q".into(),
                note: None,
            });
        }
        c
    }

    #[test]
    fn changes_on_different_fields_merge_and_the_same_field_conflicts() {
        let base = with_purpose("doel", 0);
        let mine = with_purpose("doel", 1);
        let theirs = with_purpose("nieuw doel", 0);
        let merged = merge(&base, &mine, &theirs).unwrap();
        assert_eq!(merged.core_profile.purpose.as_deref(), Some("nieuw doel"));
        assert_eq!(merged.coverage.len(), 1);

        let mine = with_purpose("mijn doel", 0);
        assert_eq!(
            merge(&base, &mine, &theirs).unwrap_err(),
            ["coreProfile.purpose"]
        );
    }
}
