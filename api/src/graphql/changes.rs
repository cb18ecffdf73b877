//! The change feed over GraphQL: `changes(after, first)`, an ordered list of events without gaps,
//! with opaque cursors, for integrations that keep a copy in sync.

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, Json, Object, SimpleObject};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use fgr_entities::change_event;

use super::catalogue::query::MAX_PAGE_SIZE;
use super::db;
use super::errors::GqlResultExt;
use super::scalars::Date;
use crate::domain::changes;
use crate::error::DomainError;

/// One change: which entity, which version, how, from when.
#[derive(SimpleObject)]
pub struct ChangeEvent {
    /// Position in the feed: 1, 2, 3, ... without gaps, in commit order.
    pub position: i64,
    /// `FUNCTION_GROUP`, `TYPING`, `REQUIREMENT`, `VACANCY_CLAUSE`, `APPRAISAL_FORMAT` or
    /// `CRITERION`.
    pub entity_type: String,
    /// Which one, e.g. `MANAGER`, `MANAGER/13`, `VOG`, `PERSONEELSGESPREK_RIJK/SAMENVATTENDE_CONCLUSIE`.
    pub entity_id: String,
    /// The entity's version.
    pub version: i32,
    /// `CREATED`, `CHANGED` or `RETIRED`.
    pub kind: String,
    /// From when the change applies.
    pub effective_from: Option<Date>,
    /// When it was recorded (UTC, ISO 8601).
    pub occurred_at: String,
    /// The entity's state at this version; null for a retirement.
    pub data: Option<Json<serde_json::Value>>,
}

impl From<change_event::Model> for ChangeEvent {
    fn from(e: change_event::Model) -> Self {
        Self {
            position: e.seq,
            entity_type: e.entity_type,
            entity_id: e.entity_id,
            version: e.version,
            kind: e.kind,
            effective_from: e.effective_from.map(Date),
            occurred_at: e.occurred_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            data: e
                .data_json
                .and_then(|d| serde_json::from_str(&d).ok())
                .map(Json),
        }
    }
}

fn cursor(seq: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("change:{seq}"))
}

fn parse_cursor(cursor: &str) -> Option<i64> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("change:")?
        .parse()
        .ok()
}

/// The change feed query.
#[derive(Default)]
pub struct ChangeQuery;

#[Object]
impl ChangeQuery {
    /// Every change after the cursor `after` (from the start when left out), oldest first, at most
    /// `first` (default and maximum 100). Keep the last `endCursor` and ask again with it: events
    /// are numbered in commit order, so nothing is skipped.
    async fn changes(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Connection<String, ChangeEvent, EmptyFields, EmptyFields>> {
        let first = first.unwrap_or(MAX_PAGE_SIZE);
        if !(0..=MAX_PAGE_SIZE).contains(&first) {
            return Err(DomainError::bad_input(
                "first",
                format!("first moet tussen 0 en {MAX_PAGE_SIZE} liggen, niet {first}"),
            ))
            .gql();
        }
        let after_seq = match after.as_deref() {
            None => 0,
            Some(c) => parse_cursor(c)
                .ok_or_else(|| DomainError::bad_input("after", "ongeldige cursor"))
                .gql()?,
        };
        let (rows, more) = changes::page(db(ctx)?, after_seq, u64::try_from(first).unwrap_or(0))
            .await
            .gql()?;
        let mut connection = Connection::new(after_seq > 0, more);
        connection.edges.extend(
            rows.into_iter()
                .map(|e| Edge::new(cursor(e.seq), ChangeEvent::from(e))),
        );
        Ok(connection)
    }
}

/// The change feed, pushed.
#[derive(Default)]
pub struct ChangeSubscription;

#[async_graphql::Subscription(name = "SubscriptionRoot")]
impl ChangeSubscription {
    /// Every change after the cursor `after` (from the start when left out), oldest first, then
    /// every new one as it commits through any replica: in feed order, without gaps or
    /// duplicates. Over WebSocket (`graphql-transport-ws`) at `/graphql/ws`; needs what
    /// `changes` needs (the scope `changes:read` for machines). Keep the `cursor` of the last
    /// event you handled and subscribe again with it after a disconnect.
    async fn change_events(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
    ) -> async_graphql::Result<impl futures::Stream<Item = async_graphql::Result<PushedChange>>>
    {
        let after_seq = match after.as_deref() {
            None => 0,
            Some(c) => parse_cursor(c)
                .ok_or_else(|| DomainError::bad_input("after", "ongeldige cursor"))
                .gql()?,
        };
        let subscriber = ctx
            .data_opt::<crate::push::subscriptions::Subscriber>()
            .cloned()
            .ok_or_else(|| {
                DomainError::bad_input("changeEvents", "abonneer je over WebSocket op /graphql/ws")
            })
            .gql()?;
        let push = ctx.data::<std::sync::Arc<crate::push::Push>>()?;
        let events =
            crate::push::subscriptions::events(push, db(ctx)?.clone(), subscriber, after_seq)
                .gql()?;
        Ok(futures::StreamExt::map(events, |event| {
            event
                .map(|e| PushedChange {
                    cursor: cursor(e.seq),
                    event: ChangeEvent::from(e),
                })
                .gql()
        }))
    }
}

/// A change as a subscription delivers it: the event and its cursor.
#[derive(SimpleObject)]
pub struct PushedChange {
    /// Where to subscribe (or page with `changes(after:)`) from to get what follows this event.
    pub cursor: String,
    /// The change.
    pub event: ChangeEvent,
}

#[cfg(test)]
mod tests {
    #[test]
    fn cursors_round_trip() {
        assert_eq!(super::parse_cursor(&super::cursor(42)), Some(42));
        assert_eq!(super::parse_cursor("nonsense"), None);
    }
}
