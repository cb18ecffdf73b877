//! An amendment proposal: an edited copy of a versioned target's content, on its way through
//! the committee.

use sea_orm::entity::prelude::*;

/// A row of `amendment_proposal`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "amendment_proposal")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `FUNCTION_GROUP` (appraisal formats later).
    pub target_type: String,
    /// The target's id.
    pub target_id: i32,
    /// The version the proposal edits.
    pub base_version_id: i32,
    /// `DRAFT`, `SUBMITTED`, `ADVISED`, `ADOPTED`, `REJECTED` or `WITHDRAWN`.
    pub state: String,
    /// Short title.
    pub title: String,
    /// The author's reason for the change (trimmed, at most 10,000 characters).
    #[sea_orm(column_type = "Text")]
    pub rationale: String,
    /// The date the change should take effect.
    pub requested_effective_from: Date,
    /// The proposed content (JSON document).
    #[sea_orm(column_type = "Text")]
    pub content_json: String,
    /// The author's subject.
    pub author: String,
    /// The author's name.
    pub author_name: String,
    /// Optimistic-concurrency token; +1 on every change.
    pub lock_version: i32,
    /// Created (UTC).
    pub created_at: DateTime,
    /// Last changed (UTC).
    pub updated_at: DateTime,
    /// The version its adoption created.
    pub adopted_version_id: Option<i32>,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
