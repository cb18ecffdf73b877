//! An entry of the append-only, hash-chained audit trail.

use sea_orm::entity::prelude::*;

/// A row of `audit_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Position in the chain: 1, 2, 3, ... without gaps.
    #[sea_orm(unique)]
    pub seq: i64,
    /// When (UTC, whole seconds).
    pub occurred_at: DateTime,
    /// Who: a person's subject, a machine's client id, or `cli`.
    pub actor: String,
    /// The actor's roles or scopes at the time.
    pub actor_role: String,
    /// What, e.g. `api_client.create`.
    pub action: String,
    /// The kind of thing changed.
    pub target_type: String,
    /// Which one.
    pub target_id: String,
    /// The state before (canonical JSON), if any.
    #[sea_orm(column_type = "Text", nullable)]
    pub before_json: Option<String>,
    /// The state after (canonical JSON), if any.
    #[sea_orm(column_type = "Text", nullable)]
    pub after_json: Option<String>,
    /// The request that made the change.
    pub request_id: String,
    /// The previous entry's hash (all zeros for the first).
    pub prev_hash: String,
    /// SHA-256 over this entry's canonical form and `prev_hash`.
    #[sea_orm(unique)]
    pub hash: String,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
