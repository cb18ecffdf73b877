//! The change feed: every version of every group, typing, requirement, vacancy clause, appraisal
//! format and criterion, as an ordered list of events without gaps, for integrations that keep a
//! copy in sync.
//!
//! Events are derived from the stored versions: [`record`] works out which events the versions of
//! the one thing a change touched imply and appends those not yet in the feed. Every change calls
//! it in its own transaction, after the audit entry, so the feed never disagrees with the data and
//! events are numbered in commit order (the audit chain's head row is locked until the commit).

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use fgr_entities::{audit_head, change_event};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::{json, Value};

use super::{clauses, content};
use crate::error::{DomainError, DomainResult};
use crate::register::{ClauseHistory, FormatHistory, GroupHistory, Register, Requirement};

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
    /// The ABD membership rule (id `ABD`): which posts are ABD posts.
    AbdRule,
}

impl EntityType {
    /// Every type.
    pub const ALL: [Self; 7] = [
        Self::FunctionGroup,
        Self::Typing,
        Self::Requirement,
        Self::VacancyClause,
        Self::AppraisalFormat,
        Self::Criterion,
        Self::AbdRule,
    ];

    /// The type stored as `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::FunctionGroup => "FUNCTION_GROUP",
            Self::Typing => "TYPING",
            Self::Requirement => "REQUIREMENT",
            Self::VacancyClause => "VACANCY_CLAUSE",
            Self::AppraisalFormat => "APPRAISAL_FORMAT",
            Self::Criterion => "CRITERION",
            Self::AbdRule => "ABD_RULE",
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
            entity_id: super::abd::ENTITY_ID.to_owned(),
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

/// What a change touched, for [`record`].
#[derive(Debug, Clone, Copy)]
pub enum Touched<'a> {
    /// The group with this code (its versions and typings).
    Group(&'a str),
    /// The clause with this code.
    Clause(&'a str),
    /// The format with this code (its versions and criteria).
    Format(&'a str),
    /// The ABD membership rule.
    AbdRule,
}

/// Holds the audit chain's head row until the transaction ends, so events are numbered in commit
/// order (every change appends an audit entry, so this lock is taken anyway).
async fn lock_numbering(txn: &impl ConnectionTrait) -> DomainResult<()> {
    audit_head::Entity::update_many()
        .col_expr(
            audit_head::Column::LastSeq,
            Expr::col(audit_head::Column::LastSeq),
        )
        .filter(audit_head::Column::Id.eq(1))
        .exec(txn)
        .await?;
    Ok(())
}

/// Appends `events` that are not in `recorded` yet, numbered after the feed's head.
async fn append(
    txn: &impl ConnectionTrait,
    events: Vec<Implied>,
    recorded: &HashSet<(String, String, i32, String)>,
    request_id: &str,
) -> DomainResult<usize> {
    let mut next = crate::register::load::head(txn).await?;
    let now = Utc::now().naive_utc();
    let mut added = 0;
    for e in events {
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

/// The recorded events of these entities (by type and id), as keys.
async fn recorded_of(
    txn: &impl ConnectionTrait,
    entities: &[(EntityType, String)],
) -> DomainResult<HashSet<(String, String, i32, String)>> {
    let mut cond = sea_orm::Condition::any();
    for (t, id) in entities {
        cond = cond.add(
            sea_orm::Condition::all()
                .add(change_event::Column::EntityType.eq(t.code()))
                .add(change_event::Column::EntityId.eq(id.as_str())),
        );
    }
    Ok(change_event::Entity::find()
        .select_only()
        .column(change_event::Column::EntityType)
        .column(change_event::Column::EntityId)
        .column(change_event::Column::Version)
        .column(change_event::Column::Kind)
        .filter(cond)
        .into_tuple::<(String, String, i32, String)>()
        .all(txn)
        .await?
        .into_iter()
        .collect())
}

/// Appends the events a change implies: derived from the stored versions of the one thing it
/// touched (read inside the change's transaction), less those already in the feed. The cost
/// follows that thing's own history (one entry per version), never the size of the register
/// or of the feed. Call it inside the transaction that made the change, after the audit entry.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn record(
    txn: &impl ConnectionTrait,
    touched: Touched<'_>,
    request_id: &str,
) -> DomainResult<usize> {
    lock_numbering(txn).await?;
    let part = crate::register::load::touched(txn, touched).await?;
    let events = implied(&part)?;
    let mut entities: Vec<(EntityType, String)> = events
        .iter()
        .map(|e| (e.entity_type, e.entity_id.clone()))
        .collect();
    entities.sort();
    entities.dedup();
    if entities.is_empty() {
        return Ok(0);
    }
    let recorded = recorded_of(txn, &entities).await?;
    append(txn, events, &recorded, request_id).await
}

/// Appends every event the stored versions imply and the feed does not hold yet, for the whole
/// register: for the seed, which loads everything at once. Call it inside the seed's transaction.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn sync_all(txn: &impl ConnectionTrait, request_id: &str) -> DomainResult<usize> {
    lock_numbering(txn).await?;
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
    let register = crate::register::load::everything_in(txn).await?;
    append(txn, implied(&register)?, &recorded, request_id).await
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

/// An event as pushed to webhooks: the fields and names of the GraphQL `ChangeEvent`.
pub fn event_json(e: &change_event::Model) -> Value {
    json!({
        "position": e.seq,
        "entityType": e.entity_type,
        "entityId": e.entity_id,
        "version": e.version,
        "kind": e.kind,
        "effectiveFrom": e.effective_from.map(|d| d.to_string()),
        "occurredAt": e.occurred_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "data": e.data_json.as_deref().and_then(|d| serde_json::from_str::<Value>(d).ok()),
    })
}
