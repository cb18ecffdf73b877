//! The head of the audit chain: one row, advanced by compare-and-swap with every entry.

use sea_orm::entity::prelude::*;

/// The single row of `audit_head`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "audit_head")]
pub struct Model {
    /// Always 1.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    /// The last entry's sequence number (0 before the first).
    pub last_seq: i64,
    /// The last entry's hash.
    pub last_hash: String,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
