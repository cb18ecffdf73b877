//! Comparing format contents criterion by criterion: the diff the amendment workflow and the
//! version history show, and the three-way merge a rebase uses.

use std::collections::BTreeMap;

use super::{history, section_label, CriterionContent, FormatContent, SectionContent, SECTIONS};
use crate::domain::diff;
use crate::error::{DomainError, DomainResult};
use crate::register::Register;

/// A format's content as labelled fields, one per criterion, for diffs.
fn diff_fields(content: &FormatContent) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for s in &content.sections {
        for c in &s.criteria {
            let mut text = c.text.clone();
            let mut facts = vec![if c.mandatory {
                "verplicht"
            } else {
                "optioneel"
            }
            .to_owned()];
            if let Some(scale) = &c.rating_scale {
                facts.push(format!("schaal {scale}"));
            }
            if let Some(r) = c
                .appraises
                .as_ref()
                .and_then(|a| a.requirement_code.as_ref())
            {
                facts.push(format!("beoordeelt {r}"));
            }
            text.push_str(&format!(" ({})", facts.join("; ")));
            if let Some(g) = &c.guidance {
                text.push_str(&format!(" Toelichting: {g}"));
            }
            fields.push((format!("{} › {}", section_label(&s.code), c.code), text));
        }
    }
    fields
}

/// What changed from `old` to `new`, criterion by criterion.
pub fn diff_contents(old: &FormatContent, new: &FormatContent) -> Vec<diff::FieldChange> {
    let (old, new) = (diff_fields(old), diff_fields(new));
    diff::between_fields(&borrowed(&old), &borrowed(&new))
}

/// Re-applies the change `base` → `mine` on `theirs`, criterion by criterion (by code); the
/// codes both sides changed differently are conflicts, never merged.
///
/// # Errors
/// The conflicting criteria, as `Section › CODE`.
pub fn merge(
    base: &FormatContent,
    mine: &FormatContent,
    theirs: &FormatContent,
) -> Result<FormatContent, Vec<String>> {
    fn index(c: &FormatContent) -> BTreeMap<String, (String, CriterionContent)> {
        c.sections
            .iter()
            .flat_map(|s| {
                s.criteria
                    .iter()
                    .map(|k| (k.code.clone(), (s.code.clone(), k.clone())))
            })
            .collect()
    }
    let (b, m, t) = (index(base), index(mine), index(theirs));
    let mut conflicts = Vec::new();
    let mut merged: BTreeMap<String, Option<(String, CriterionContent)>> = BTreeMap::new();
    let codes: std::collections::BTreeSet<&String> =
        b.keys().chain(m.keys()).chain(t.keys()).collect();
    for code in codes {
        let (bv, mv, tv) = (b.get(code), m.get(code), t.get(code));
        let pick = if mv == bv || mv == tv {
            tv
        } else if tv == bv {
            mv
        } else {
            let section = mv.or(tv).map_or("", |(s, _)| section_label(s));
            conflicts.push(format!("{section} › {code}"));
            mv
        };
        merged.insert(code.clone(), pick.cloned());
    }
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    // Their order first, then what only the proposal adds, each in its section.
    let mut out = FormatContent::default();
    for (section, _) in SECTIONS {
        let mut criteria: Vec<CriterionContent> = Vec::new();
        let order = theirs
            .sections
            .iter()
            .chain(mine.sections.iter())
            .filter(|s| s.code == section)
            .flat_map(|s| s.criteria.iter().map(|c| c.code.clone()));
        for code in order {
            if criteria.iter().any(|c| c.code == code) {
                continue;
            }
            if let Some(Some((s, c))) = merged.get(&code) {
                if s == section {
                    criteria.push(c.clone());
                }
            }
        }
        if !criteria.is_empty() {
            out.sections.push(SectionContent {
                code: section.to_owned(),
                criteria,
            });
        }
    }
    Ok(out)
}

fn borrowed(fields: &[(String, String)]) -> Vec<(&str, String)> {
    fields
        .iter()
        .map(|(l, t)| (l.as_str(), t.clone()))
        .collect()
}

/// What changed between two versions of a format (by number), criterion by criterion.
///
/// # Errors
/// `NOT_FOUND` for an unknown format; `BAD_USER_INPUT` for an unknown version number.
pub fn version_diff(
    register: &Register,
    code: &str,
    from: i32,
    to: i32,
) -> DomainResult<Vec<diff::FieldChange>> {
    let versions = &history(register, code)?.versions;
    let find = |field: &str, n: i32| {
        versions
            .number(n)
            .ok_or_else(|| DomainError::bad_input(field, format!("{code} heeft geen versie {n}")))
    };
    let (old, new) = (find("from", from)?, find("to", to)?);
    let (old_content, new_content) = (&old.content, &new.content);
    let (old, new) = (&old.version, &new.version);
    let mut changes = diff::between_fields(
        &[
            ("Naam", old.name.clone()),
            ("Doelgroep", old.audience.clone()),
        ],
        &[
            ("Naam", new.name.clone()),
            ("Doelgroep", new.audience.clone()),
        ],
    );
    changes.extend(diff_contents(old_content, new_content));
    Ok(changes)
}
