//! A committee member's comment on a submitted proposal.

use sea_orm::entity::prelude::*;

/// A row of `proposal_comment`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "proposal_comment")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The proposal.
    pub proposal_id: i32,
    /// The author's subject.
    pub author: String,
    /// The author's name.
    pub author_name: String,
    /// The comment.
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// When (UTC).
    pub created_at: DateTime,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
