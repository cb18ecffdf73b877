//! One attempt to deliver one event to a webhook: kept so that operators see what was sent,
//! when, and what the receiver answered (`fgr webhooks deliveries`).

use sea_orm::entity::prelude::*;

/// A row of `webhook_delivery`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "webhook_delivery")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The webhook.
    pub webhook_id: i32,
    /// The event's feed position.
    pub position: i64,
    /// The id the receiver sees (`X-FGR-Delivery`), the same on every attempt at this event.
    pub delivery_id: String,
    /// 1 for the first attempt at this event, then 2, 3, …
    pub attempt: i32,
    /// When (UTC).
    pub attempted_at: DateTime,
    /// The receiver's HTTP status, if it answered.
    pub status_code: Option<i32>,
    /// Whether the receiver acknowledged it (2xx).
    pub delivered: bool,
    /// Why not, when it failed (connection refused, timeout, status).
    pub error: Option<String>,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
