//! Writing the feed: appending the events a change implies inside that change's transaction,
//! numbered in commit order, and the seed's catch-up over the whole register.

use std::collections::HashSet;

use chrono::Utc;
use fgr_entities::{audit_head, change_event};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};

use super::{implied, EntityType, Implied};
use crate::domain::audit;
use crate::error::DomainResult;

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
            data_json: Set(e.data.map(|d| audit::canonical_json(&d))),
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
