//! The audit trail: who changed what, when, on which request — written in the same transaction
//! as the change, chained with SHA-256 so that any rewrite is evident, and append-only (the
//! database refuses updates and deletes).
//!
//! Canonical form: a JSON array of strings `[prev_hash, seq, occurred_at, actor, actor_role,
//! action, target_type, target_id, before, after, request_id]`, with `occurred_at` as
//! `YYYY-MM-DDTHH:MM:SSZ` (UTC) and `before`/`after` as canonical JSON (object keys sorted). It
//! depends on neither the time zone nor the database.

use chrono::{NaiveDateTime, Timelike, Utc};
use fgr_entities::{audit_event, audit_head};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::Value;

use super::access::Principal;
use crate::error::{DomainError, DomainResult};

/// The hash the first entry chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who made a change, as the audit trail records it (taken from the authenticated principal,
/// never from input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// A person's subject, a machine's client id, `cli` or `system`.
    pub id: String,
    /// Roles or scopes at the time, comma-separated.
    pub role: String,
}

impl Actor {
    /// The actor for an authenticated principal.
    pub fn of(principal: &Principal) -> Self {
        match principal {
            Principal::Anonymous => Self {
                id: "anonymous".into(),
                role: String::new(),
            },
            Principal::Person(p) => Self {
                id: p.subject.clone(),
                role: p
                    .roles
                    .iter()
                    .map(|r| r.code())
                    .collect::<Vec<_>>()
                    .join(","),
            },
            Principal::Machine(m) => Self {
                id: m.client_id.clone(),
                role: m
                    .scopes
                    .iter()
                    .map(|s| s.code())
                    .collect::<Vec<_>>()
                    .join(","),
            },
        }
    }

    /// The operator at the command line.
    pub fn cli() -> Self {
        Self {
            id: "cli".into(),
            role: "operator".into(),
        }
    }
}

/// A change to record.
#[derive(Debug, Clone)]
pub struct Change {
    /// What, e.g. `api_client.create`.
    pub action: String,
    /// The kind of thing changed, e.g. `api_client`.
    pub target_type: String,
    /// Which one.
    pub target_id: String,
    /// The state before, if any.
    pub before: Option<Value>,
    /// The state after, if any.
    pub after: Option<Value>,
}

/// JSON with object keys sorted at every level, so the same value always gives the same text.
pub fn canonical_json(value: &Value) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                let mut out = serde_json::Map::new();
                for k in keys {
                    out.insert(k.clone(), sorted(&map[k]));
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    // Build the text by hand so key order never depends on serde_json's map implementation.
    fn write(value: &Value, out: &mut String) {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                out.push('{');
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String((*k).clone()).to_string());
                    out.push(':');
                    write(&map[*k], out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(item, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(&sorted(value), &mut out);
    out
}

/// The hash of an entry, from its stored fields.
pub fn entry_hash(event: &audit_event::Model) -> String {
    let fields = [
        event.prev_hash.clone(),
        event.seq.to_string(),
        event.occurred_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        event.actor.clone(),
        event.actor_role.clone(),
        event.action.clone(),
        event.target_type.clone(),
        event.target_id.clone(),
        event.before_json.clone().unwrap_or_default(),
        event.after_json.clone().unwrap_or_default(),
        event.request_id.clone(),
    ];
    let canonical = Value::Array(fields.into_iter().map(Value::String).collect()).to_string();
    crate::domain::text::sha256_hex(&canonical)
}

fn now_whole_seconds() -> NaiveDateTime {
    let now = Utc::now().naive_utc();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Appends an entry for `change`; call it inside the transaction that makes the change, so both
/// happen or neither does.
///
/// Concurrent changes queue here: the head row is read with a row lock (`SELECT … FOR UPDATE`
/// on PostgreSQL and MariaDB, which also reads the latest committed head under MariaDB's
/// repeatable read; SQLite serialises writers on its database lock), held until the change's
/// transaction ends, so independent writers all succeed, one after another.
///
/// # Errors
/// `CONFLICT` only if the head moved despite the lock (it cannot with the engines we support);
/// `INTERNAL` when the database fails.
pub async fn append(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    request_id: &str,
    change: Change,
) -> DomainResult<audit_event::Model> {
    let head = audit_head::Entity::find_by_id(1)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| DomainError::internal("audit_head row missing"))?;
    debug_assert!(
        super::vocabulary::AUDIT_ACTIONS
            .iter()
            .any(|(a, _)| *a == change.action),
        "audit action {} has no label in domain::vocabulary::AUDIT_ACTIONS",
        change.action
    );
    let mut event = audit_event::Model {
        id: 0,
        seq: head.last_seq + 1,
        occurred_at: now_whole_seconds(),
        actor: actor.id.clone(),
        actor_role: actor.role.clone(),
        action: change.action,
        target_type: change.target_type,
        target_id: change.target_id,
        before_json: change.before.as_ref().map(canonical_json),
        after_json: change.after.as_ref().map(canonical_json),
        request_id: request_id.to_owned(),
        prev_hash: head.last_hash.clone(),
        hash: String::new(),
    };
    event.hash = entry_hash(&event);
    // Compare-and-swap on the head: two concurrent appends cannot both chain to the same entry.
    let moved = audit_head::Entity::update_many()
        .col_expr(audit_head::Column::LastSeq, Expr::value(event.seq))
        .col_expr(
            audit_head::Column::LastHash,
            Expr::value(event.hash.clone()),
        )
        .filter(audit_head::Column::Id.eq(1))
        .filter(audit_head::Column::LastSeq.eq(head.last_seq))
        .exec(txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(DomainError::Conflict(
            "another change was recorded at the same moment; try again".into(),
        ));
    }
    let inserted = audit_event::ActiveModel {
        seq: Set(event.seq),
        occurred_at: Set(event.occurred_at),
        actor: Set(event.actor.clone()),
        actor_role: Set(event.actor_role.clone()),
        action: Set(event.action.clone()),
        target_type: Set(event.target_type.clone()),
        target_id: Set(event.target_id.clone()),
        before_json: Set(event.before_json.clone()),
        after_json: Set(event.after_json.clone()),
        request_id: Set(event.request_id.clone()),
        prev_hash: Set(event.prev_hash.clone()),
        hash: Set(event.hash.clone()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(inserted)
}

/// The result of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Entries checked.
    pub checked: u64,
    /// The first entry that does not fit, and why.
    pub first_broken: Option<(i64, String)>,
}

/// Recomputes every hash and link, oldest first, and names the first entry that does not fit.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn verify(db: &impl ConnectionTrait) -> DomainResult<Verification> {
    const PAGE: u64 = 500;
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_seq = 1i64;
    let mut checked = 0u64;
    loop {
        let page = audit_event::Entity::find()
            .filter(audit_event::Column::Seq.gte(expected_seq))
            .order_by_asc(audit_event::Column::Seq)
            .limit(PAGE)
            .all(db)
            .await?;
        if page.is_empty() {
            break;
        }
        for event in page {
            let broken = if event.seq != expected_seq {
                Some(format!("entry #{expected_seq} is missing"))
            } else if event.prev_hash != expected_prev {
                Some("it does not chain to the entry before it".to_owned())
            } else if entry_hash(&event) != event.hash {
                Some("its content does not match its hash".to_owned())
            } else {
                None
            };
            if let Some(reason) = broken {
                return Ok(Verification {
                    checked,
                    first_broken: Some((event.seq.min(expected_seq), reason)),
                });
            }
            checked += 1;
            expected_prev = event.hash;
            expected_seq += 1;
        }
    }
    let head = audit_head::Entity::find_by_id(1).one(db).await?;
    if let Some(head) = head {
        if head.last_seq != expected_seq - 1 || head.last_hash != expected_prev {
            return Ok(Verification {
                checked,
                first_broken: Some((
                    head.last_seq,
                    "the chain head does not match the last entry (entries removed?)".into(),
                )),
            });
        }
    }
    Ok(Verification {
        checked,
        first_broken: None,
    })
}

/// Filters for reading the trail.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this action.
    pub action: Option<String>,
    /// Only this actor.
    pub actor: Option<String>,
    /// Only this kind of target.
    pub target_type: Option<String>,
    /// Only this target.
    pub target_id: Option<String>,
}

/// One page of the trail, newest first, with the total count.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    offset: u64,
    limit: u64,
) -> DomainResult<(Vec<audit_event::Model>, u64)> {
    let mut query = audit_event::Entity::find();
    if let Some(action) = &filter.action {
        query = query.filter(audit_event::Column::Action.eq(action.as_str()));
    }
    if let Some(actor) = &filter.actor {
        query = query.filter(audit_event::Column::Actor.eq(actor.as_str()));
    }
    if let Some(target_type) = &filter.target_type {
        query = query.filter(audit_event::Column::TargetType.eq(target_type.as_str()));
    }
    if let Some(target_id) = &filter.target_id {
        query = query.filter(audit_event::Column::TargetId.eq(target_id.as_str()));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(audit_event::Column::Seq)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let value = serde_json::json!({ "b": 1, "a": { "z": [ { "y": 1, "x": 2 } ], "c": "é" } });
        assert_eq!(
            canonical_json(&value),
            r#"{"a":{"c":"é","z":[{"x":2,"y":1}]},"b":1}"#
        );
    }

    #[test]
    fn an_entry_hash_covers_every_field() {
        let event = audit_event::Model {
            id: 1,
            seq: 1,
            occurred_at: chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap(),
            actor: "alice".into(),
            actor_role: "maintainer".into(),
            action: "x.create".into(),
            target_type: "x".into(),
            target_id: "1".into(),
            before_json: None,
            after_json: Some("{}".into()),
            request_id: "r".into(),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        };
        let original = entry_hash(&event);
        let mut changed = event.clone();
        changed.actor = "mallory".into();
        assert_ne!(entry_hash(&changed), original);
        let mut changed = event;
        changed.after_json = Some(r#"{"a":1}"#.into());
        assert_ne!(entry_hash(&changed), original);
    }
}
