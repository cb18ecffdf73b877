//! A machine client's webhook: an HTTPS address that receives every change-feed event, signed, in
//! feed order (`fgr webhooks add`).

use sea_orm::entity::prelude::*;

/// A row of `webhook`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "webhook")]
pub struct Model {
    /// Surrogate key; also the start of every delivery id (`<id>-<position>`).
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The machine client it delivers to (`api_client.id`); deliveries pause while that client
    /// is revoked, expired or without `changes:read`.
    pub api_client_id: i32,
    /// Where events are POSTed.
    pub url: String,
    /// The HMAC-SHA256 key of the signatures (shown once when added; kept to sign).
    pub secret: String,
    /// The feed position of the last event the receiver acknowledged (2xx).
    pub delivered_through: i64,
    /// Failed attempts at the next event since the last success.
    pub attempts: i32,
    /// When the next event may be tried again after a failure (UTC).
    pub next_attempt_at: Option<DateTime>,
    /// The replica delivering now, while its lease lasts.
    pub lease_owner: Option<String>,
    /// Until when that replica holds the lease (UTC).
    pub lease_until: Option<DateTime>,
    /// Added at (UTC).
    pub created_at: DateTime,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
