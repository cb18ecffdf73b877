//! Which events the stored versions imply, per kind of thing (groups with their typings,
//! requirements, clauses, formats with their criteria, the ABD rule): pure functions of a
//! register, so the whole register and one touched part are derived alike.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::json;

use super::{EntityType, Implied, Kind};
use crate::domain::{abd, clauses, content};
use crate::error::{DomainError, DomainResult};
use crate::register::{ClauseHistory, FormatHistory, GroupHistory, Register, Requirement};

fn first_or_next(first: bool) -> Kind {
    if first {
        Kind::Created
    } else {
        Kind::Changed
    }
}

/// The events a group's versions imply: the group at each version, and each typing created,
/// changed or gone at that version.
fn implied_by_group(
    g: &GroupHistory,
    family_code: Option<&str>,
    register: &Register,
) -> DomainResult<Vec<Implied>> {
    let mut out = Vec::new();
    // A typing is known by its scale and, for a named variant, its number.
    let mut previous: BTreeSet<(i32, Option<i32>)> = BTreeSet::new();
    let id_of = |(scale, variant): (i32, Option<i32>)| match variant {
        None => format!("{}/{scale}", g.group.code),
        Some(v) => format!("{}/{scale}/{v}", g.group.code),
    };
    for (i, v) in g.versions.all().iter().enumerate() {
        let version = &v.version;
        out.push(Implied {
            entity_type: EntityType::FunctionGroup,
            entity_id: g.group.code.clone(),
            version: version.version_no,
            kind: first_or_next(i == 0),
            effective_from: Some(version.effective_from),
            data: Some(json!({
                "name": g.group.name, "family": family_code,
                "scaleMin": g.group.scale_min, "scaleMax": g.group.scale_max,
                "provenance": version.provenance_reference, "illustrative": version.illustrative,
            })),
        });
        let doc = content::of_entry(register, v);
        let keys: BTreeSet<(i32, Option<i32>)> =
            doc.typings.iter().map(|t| (t.scale, t.variant)).collect();
        for t in &doc.typings {
            out.push(Implied {
                entity_type: EntityType::Typing,
                entity_id: id_of((t.scale, t.variant)),
                version: version.version_no,
                kind: first_or_next(!previous.contains(&(t.scale, t.variant))),
                effective_from: Some(version.effective_from),
                data: Some(serde_json::to_value(t).map_err(DomainError::internal)?),
            });
        }
        for gone in previous.difference(&keys) {
            out.push(Implied {
                entity_type: EntityType::Typing,
                entity_id: id_of(*gone),
                version: version.version_no,
                kind: Kind::Retired,
                effective_from: Some(version.effective_from),
                data: None,
            });
        }
        previous = keys;
    }
    Ok(out)
}

/// The events a requirement implies.
fn implied_by_requirement(r: &Requirement) -> Implied {
    Implied {
        entity_type: EntityType::Requirement,
        entity_id: r.model.code.clone(),
        version: 1,
        kind: Kind::Created,
        effective_from: r.model.required_from,
        data: Some(
            json!({ "title": r.model.title, "text": r.model.text, "source": r.model.source_reference }),
        ),
    }
}

/// The events a clause's versions imply: each version, and its retirement.
fn implied_by_clause(h: &ClauseHistory) -> Vec<Implied> {
    let versions = h.versions.all();
    let mut out: Vec<Implied> = versions
        .iter()
        .enumerate()
        .map(|(i, v)| Implied {
            entity_type: EntityType::VacancyClause,
            entity_id: h.clause.code.clone(),
            version: v.version_no,
            kind: first_or_next(i == 0),
            effective_from: Some(v.effective_from),
            data: Some(clauses::audited(v)),
        })
        .collect();
    if let Some(last) = versions.last() {
        if let Some(end) = last.effective_to {
            out.push(Implied {
                entity_type: EntityType::VacancyClause,
                entity_id: h.clause.code.clone(),
                version: last.version_no,
                kind: Kind::Retired,
                effective_from: Some(end),
                data: None,
            });
        }
    }
    out
}

/// The events a format's versions imply: each version, each criterion created, changed or gone
/// at it, and the format's retirement.
fn implied_by_format(h: &FormatHistory) -> DomainResult<Vec<Implied>> {
    let mut out = Vec::new();
    let code = &h.format.code;
    let mut previous: BTreeSet<String> = BTreeSet::new();
    let versions = h.versions.all();
    for (i, entry) in versions.iter().enumerate() {
        let v = &entry.version;
        out.push(Implied {
            entity_type: EntityType::AppraisalFormat,
            entity_id: code.clone(),
            version: v.version_no,
            kind: first_or_next(i == 0),
            effective_from: Some(v.effective_from),
            data: Some(json!({ "name": v.name, "audience": v.audience, "audienceCodes": v.audience_codes })),
        });
        let mut codes = BTreeSet::new();
        for s in &entry.content.sections {
            for c in &s.criteria {
                codes.insert(c.code.clone());
                let mut data = serde_json::to_value(c).map_err(DomainError::internal)?;
                data["section"] = json!(s.code);
                out.push(Implied {
                    entity_type: EntityType::Criterion,
                    entity_id: format!("{code}/{}", c.code),
                    version: v.version_no,
                    kind: first_or_next(!previous.contains(&c.code)),
                    effective_from: Some(v.effective_from),
                    data: Some(data),
                });
            }
        }
        for gone in previous.difference(&codes) {
            out.push(Implied {
                entity_type: EntityType::Criterion,
                entity_id: format!("{code}/{gone}"),
                version: v.version_no,
                kind: Kind::Retired,
                effective_from: Some(v.effective_from),
                data: None,
            });
        }
        previous = codes;
    }
    if let Some(last) = versions.last() {
        if let Some(end) = last.version.effective_to {
            out.push(Implied {
                entity_type: EntityType::AppraisalFormat,
                entity_id: code.clone(),
                version: last.version.version_no,
                kind: Kind::Retired,
                effective_from: Some(end),
                data: None,
            });
        }
    }
    Ok(out)
}

/// Every event the register's versions imply, in a stable order: groups (by id) with their
/// typings, requirements, clauses, formats with their criteria.
///
/// # Errors
/// `INTERNAL` when stored content cannot be written as an event.
pub fn implied(register: &Register) -> DomainResult<Vec<Implied>> {
    let mut out = Vec::new();
    let mut groups: Vec<&Arc<GroupHistory>> = register.groups().iter().collect();
    groups.sort_by_key(|g| g.group.id);
    for g in groups {
        let family = register.family(g.group.family_id).map(|f| f.code.as_str());
        out.extend(implied_by_group(g, family, register)?);
    }
    out.extend(
        register
            .requirements()
            .iter()
            .map(|r| implied_by_requirement(r)),
    );
    for h in register.clauses() {
        out.extend(implied_by_clause(h));
    }
    for h in register.formats() {
        out.extend(implied_by_format(h)?);
    }
    out.extend(implied_by_abd_rule(register));
    Ok(out)
}

/// The events the ABD rule's versions imply: its first version, then each change.
fn implied_by_abd_rule(register: &Register) -> Vec<Implied> {
    register
        .abd_rule()
        .all()
        .iter()
        .enumerate()
        .map(|(i, v)| Implied {
            entity_type: EntityType::AbdRule,
            entity_id: abd::ENTITY_ID.to_owned(),
            version: v.version_no,
            kind: first_or_next(i == 0),
            effective_from: Some(v.effective_from),
            data: Some(json!({
                "minScale": v.min_scale, "reference": v.reference, "url": v.url,
                "decidedOn": v.decided_on, "illustrative": v.illustrative,
            })),
        })
        .collect()
}
