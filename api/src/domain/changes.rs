//! The change feed: every version of every group, typing, requirement, vacancy clause, appraisal
//! format and criterion, as an ordered list of events without gaps, for integrations that keep a
//! copy in sync.
//!
//! Events are derived from the versioned tables themselves: [`sync`] works out which events the
//! stored versions imply and appends the ones not yet in the feed. Every change calls it in its
//! own transaction, after the audit entry, so the feed never disagrees with the data and events
//! are numbered in commit order (the audit chain's head row is locked until the commit).

use std::collections::{BTreeSet, HashSet};

use chrono::{NaiveDate, Utc};
use fgr_entities::{audit_head, change_event, function_group, group_version, job_family};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::{json, Value};

use super::{appraisal, clauses, content, requirements};
use crate::error::{DomainError, DomainResult};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A function group (its versioned content).
    FunctionGroup,
    /// A typing: a group at one scale.
    Typing,
    /// A responsibility requirement.
    Requirement,
    /// A standard vacancy clause.
    VacancyClause,
    /// An appraisal format.
    AppraisalFormat,
    /// A criterion of a format.
    Criterion,
}

impl EntityType {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::FunctionGroup => "FUNCTION_GROUP",
            Self::Typing => "TYPING",
            Self::Requirement => "REQUIREMENT",
            Self::VacancyClause => "VACANCY_CLAUSE",
            Self::AppraisalFormat => "APPRAISAL_FORMAT",
            Self::Criterion => "CRITERION",
        }
    }
}

/// How it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Its first version.
    Created,
    /// A new version.
    Changed,
    /// No longer in effect from the event's date.
    Retired,
}

impl Kind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Created => "CREATED",
            Self::Changed => "CHANGED",
            Self::Retired => "RETIRED",
        }
    }
}

/// An event the stored versions imply.
#[derive(Debug, Clone)]
pub struct Implied {
    /// What.
    pub entity_type: EntityType,
    /// Which.
    pub entity_id: String,
    /// Its version.
    pub version: i32,
    /// How.
    pub kind: Kind,
    /// From when.
    pub effective_from: Option<NaiveDate>,
    /// Its state at that version.
    pub data: Option<Value>,
}

impl Implied {
    fn key(&self) -> (String, String, i32, String) {
        (
            self.entity_type.code().to_owned(),
            self.entity_id.clone(),
            self.version,
            self.kind.code().to_owned(),
        )
    }
}

fn first_or_next(first: bool) -> Kind {
    if first {
        Kind::Created
    } else {
        Kind::Changed
    }
}

/// Every event the stored versions imply, in a stable order: groups with their typings,
/// requirements, clauses, formats with their criteria.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn implied(db: &impl ConnectionTrait) -> DomainResult<Vec<Implied>> {
    let mut out = Vec::new();
    let families: std::collections::HashMap<i32, String> = job_family::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.code))
        .collect();
    let groups = function_group::Entity::find()
        .order_by_asc(function_group::Column::Id)
        .all(db)
        .await?;
    for g in groups {
        let versions = group_version::Entity::find()
            .filter(group_version::Column::GroupId.eq(g.id))
            .order_by_asc(group_version::Column::VersionNo)
            .all(db)
            .await?;
        let mut previous_scales: BTreeSet<i32> = BTreeSet::new();
        for (i, v) in versions.iter().enumerate() {
            out.push(Implied {
                entity_type: EntityType::FunctionGroup,
                entity_id: g.code.clone(),
                version: v.version_no,
                kind: first_or_next(i == 0),
                effective_from: Some(v.effective_from),
                data: Some(json!({
                    "name": g.name, "family": families.get(&g.family_id),
                    "scaleMin": g.scale_min, "scaleMax": g.scale_max,
                    "provenance": v.provenance_reference, "illustrative": v.illustrative,
                })),
            });
            let doc = content::of_version(db, v.id).await?;
            let scales: BTreeSet<i32> = doc.typings.iter().map(|t| t.scale).collect();
            for t in &doc.typings {
                out.push(Implied {
                    entity_type: EntityType::Typing,
                    entity_id: format!("{}/{}", g.code, t.scale),
                    version: v.version_no,
                    kind: first_or_next(!previous_scales.contains(&t.scale)),
                    effective_from: Some(v.effective_from),
                    data: Some(serde_json::to_value(t).map_err(DomainError::internal)?),
                });
            }
            for gone in previous_scales.difference(&scales) {
                out.push(Implied {
                    entity_type: EntityType::Typing,
                    entity_id: format!("{}/{gone}", g.code),
                    version: v.version_no,
                    kind: Kind::Retired,
                    effective_from: Some(v.effective_from),
                    data: None,
                });
            }
            previous_scales = scales;
        }
    }
    for r in requirements::list(db).await? {
        out.push(Implied {
            entity_type: EntityType::Requirement,
            entity_id: r.code.clone(),
            version: 1,
            kind: Kind::Created,
            effective_from: r.required_from,
            data: Some(json!({ "title": r.title, "text": r.text, "source": r.source_reference })),
        });
    }
    for (clause, versions) in clauses::all_versions(db).await? {
        for (i, v) in versions.iter().enumerate() {
            out.push(Implied {
                entity_type: EntityType::VacancyClause,
                entity_id: clause.code.clone(),
                version: v.version_no,
                kind: first_or_next(i == 0),
                effective_from: Some(v.effective_from),
                data: Some(clauses::audited(v)),
            });
        }
        if let Some(end) = versions.last().and_then(|v| v.effective_to) {
            let last = versions.last().map_or(1, |v| v.version_no);
            out.push(Implied {
                entity_type: EntityType::VacancyClause,
                entity_id: clause.code.clone(),
                version: last,
                kind: Kind::Retired,
                effective_from: Some(end),
                data: None,
            });
        }
    }
    for (format, versions) in appraisal::all_versions(db).await? {
        let mut previous: BTreeSet<String> = BTreeSet::new();
        for (i, v) in versions.iter().enumerate() {
            out.push(Implied {
                entity_type: EntityType::AppraisalFormat,
                entity_id: format.code.clone(),
                version: v.version_no,
                kind: first_or_next(i == 0),
                effective_from: Some(v.effective_from),
                data: Some(json!({ "name": v.name, "audience": v.audience, "audienceCodes": v.audience_codes })),
            });
            let doc = appraisal::content_of(v)?;
            let mut codes = BTreeSet::new();
            for s in &doc.sections {
                for c in &s.criteria {
                    codes.insert(c.code.clone());
                    let mut data = serde_json::to_value(c).map_err(DomainError::internal)?;
                    data["section"] = json!(s.code);
                    out.push(Implied {
                        entity_type: EntityType::Criterion,
                        entity_id: format!("{}/{}", format.code, c.code),
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
                    entity_id: format!("{}/{gone}", format.code),
                    version: v.version_no,
                    kind: Kind::Retired,
                    effective_from: Some(v.effective_from),
                    data: None,
                });
            }
            previous = codes;
        }
        if let Some(end) = versions.last().and_then(|v| v.effective_to) {
            out.push(Implied {
                entity_type: EntityType::AppraisalFormat,
                entity_id: format.code.clone(),
                version: versions.last().map_or(1, |v| v.version_no),
                kind: Kind::Retired,
                effective_from: Some(end),
                data: None,
            });
        }
    }
    Ok(out)
}

/// Appends the events the stored versions imply and the feed does not hold yet, in order. Call it
/// inside the transaction that made the change.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn sync(txn: &impl ConnectionTrait, request_id: &str) -> DomainResult<usize> {
    // Numbering in commit order: hold the audit chain's head row (every change appends an audit
    // entry, so this lock is taken anyway) until this transaction ends.
    audit_head::Entity::update_many()
        .col_expr(
            audit_head::Column::LastSeq,
            Expr::col(audit_head::Column::LastSeq),
        )
        .filter(audit_head::Column::Id.eq(1))
        .exec(txn)
        .await?;
    let recorded: HashSet<(String, String, i32, String)> = change_event::Entity::find()
        .select_only()
        .column(change_event::Column::EntityType)
        .column(change_event::Column::EntityId)
        .column(change_event::Column::Version)
        .column(change_event::Column::Kind)
        .into_tuple::<(String, String, i32, String)>()
        .all(txn)
        .await?
        .into_iter()
        .collect();
    let mut next: i64 = change_event::Entity::find()
        .select_only()
        .column_as(change_event::Column::Seq.max(), "max")
        .into_tuple::<Option<i64>>()
        .one(txn)
        .await?
        .flatten()
        .unwrap_or(0);
    let now = Utc::now().naive_utc();
    let mut added = 0;
    for e in implied(txn).await? {
        if recorded.contains(&e.key()) {
            continue;
        }
        next += 1;
        added += 1;
        change_event::ActiveModel {
            seq: Set(next),
            occurred_at: Set(now),
            entity_type: Set(e.entity_type.code().to_owned()),
            entity_id: Set(e.entity_id),
            version: Set(e.version),
            kind: Set(e.kind.code().to_owned()),
            effective_from: Set(e.effective_from),
            data_json: Set(e.data.map(|d| super::audit::canonical_json(&d))),
            request_id: Set(request_id.chars().take(100).collect()),
        }
        .insert(txn)
        .await?;
    }
    Ok(added)
}

/// Up to `limit` events after position `after`, and whether more follow.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn page(
    db: &impl ConnectionTrait,
    after: i64,
    limit: u64,
) -> DomainResult<(Vec<change_event::Model>, bool)> {
    let mut rows = change_event::Entity::find()
        .filter(change_event::Column::Seq.gt(after))
        .order_by_asc(change_event::Column::Seq)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((rows, more))
}
