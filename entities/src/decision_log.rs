//! An entry of the FGR's published version log (a historical decision).

use sea_orm::entity::prelude::*;

/// A row of `decision_log`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "decision_log")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The decision's date.
    pub decided_on: Date,
    /// Who decided, e.g. "Besluit DGOO".
    pub decision: String,
    /// What changed, as the version log says it.
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    /// Codes of the register's groups it concerns, comma-separated.
    pub group_codes: Option<String>,
    /// The published version log.
    #[sea_orm(column_type = "Text")]
    pub source_url: String,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
