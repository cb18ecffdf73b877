//! A machine client with an API token issued by `fgr clients create`.

use sea_orm::entity::prelude::*;

/// A row of `api_client`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "api_client")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The public part of the token (`fgr_<public_id>_<secret>`), used to find the client.
    #[sea_orm(unique)]
    pub public_id: String,
    /// The client's name.
    pub name: String,
    /// Scope codes, comma-separated.
    pub scopes: String,
    /// SHA-256 (hex) of the secret part; the secret itself is shown once and never stored.
    pub secret_hash: String,
    /// Issue time (UTC).
    pub created_at: DateTime,
    /// Expiry (UTC), if any.
    pub expires_at: Option<DateTime>,
    /// Revocation time (UTC), if revoked.
    pub revoked_at: Option<DateTime>,
    /// Last successful use (UTC).
    pub last_used_at: Option<DateTime>,
    /// Whether the client may only send persisted operations (`{"documentId": …}`).
    pub trusted_documents_only: bool,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
