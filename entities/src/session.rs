//! A person's server-side session.

use sea_orm::entity::prelude::*;

/// A row of `session`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "session")]
pub struct Model {
    /// SHA-256 (hex) of the session cookie's value.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The provider's subject.
    pub subject: String,
    /// Display name.
    pub display_name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Role codes, comma-separated.
    pub roles: String,
    /// The ID token, kept for the provider's logout (`id_token_hint`).
    #[sea_orm(column_type = "Text", nullable)]
    pub id_token: Option<String>,
    /// Sign-in time (UTC).
    pub created_at: DateTime,
    /// Last request (UTC), for the idle timeout.
    pub last_seen_at: DateTime,
    /// The absolute end of the session (UTC).
    pub expires_at: DateTime,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
