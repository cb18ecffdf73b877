//! The owner's (DG DOO's) decision on a proposal.

use sea_orm::entity::prelude::*;

/// A row of `owner_decision`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "owner_decision")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The proposal.
    #[sea_orm(unique)]
    pub proposal_id: i32,
    /// `ADOPTED` or `REJECTED`.
    pub outcome: String,
    /// The decision's reference, e.g. "Besluit DGDOO 2026-0042".
    pub reference: String,
    /// The decision's date.
    pub decision_date: Date,
    /// Who recorded it (on behalf of the owner).
    pub recorded_by: String,
    /// When (UTC).
    pub recorded_at: DateTime,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
