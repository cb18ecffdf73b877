//! Reading the feed back: pages of events for the GraphQL query and subscriptions, and the JSON
//! shape webhooks push.

use fgr_entities::change_event;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{json, Value};

use crate::error::DomainResult;

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
