//! The Standaardisatiecommissie's advice on a proposal.

use sea_orm::entity::prelude::*;

/// A row of `committee_advice`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "committee_advice")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The proposal advised on; one advice per proposal.
    #[sea_orm(unique)]
    pub proposal_id: i32,
    /// The day the committee met.
    pub meeting_date: Date,
    /// `POSITIVE`, `NEGATIVE` or `POSITIVE_WITH_CONDITIONS`.
    pub outcome: String,
    /// The committee's reasoning for its outcome (trimmed, at most 10,000 characters).
    #[sea_orm(column_type = "Text")]
    pub rationale: String,
    /// Conditions, for a conditional advice.
    #[sea_orm(column_type = "Text", nullable)]
    pub conditions: Option<String>,
    /// Members present for the employers (newline-separated).
    #[sea_orm(column_type = "Text")]
    pub employer_members: String,
    /// Members present for the unions (newline-separated).
    #[sea_orm(column_type = "Text")]
    pub union_members: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When (UTC).
    pub recorded_at: DateTime,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
