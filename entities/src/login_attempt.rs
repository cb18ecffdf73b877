//! A login in flight: what the callback must check.

use sea_orm::entity::prelude::*;

/// A row of `login_attempt`; used once, at the callback.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "login_attempt")]
pub struct Model {
    /// SHA-256 (hex) of the login cookie's value.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The `state` sent to the provider.
    pub state: String,
    /// The `nonce` the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier.
    pub pkce_verifier: String,
    /// Where to go after signing in (a path on this site).
    pub return_to: String,
    /// When the attempt started (UTC).
    pub created_at: DateTime,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
