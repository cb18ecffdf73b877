//! A job family (functiefamilie): one of the eight families of the FGR.

use sea_orm::entity::prelude::*;

/// A row of `job_family`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "job_family")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable code, e.g. `LIJNMANAGEMENT`.
    #[sea_orm(unique)]
    pub code: String,
    /// Official name, e.g. "Lijnmanagement".
    pub name: String,
    /// Official definition, where it is known.
    #[sea_orm(column_type = "Text", nullable)]
    pub definition: Option<String>,
    /// Whether the family holds manager jobs (Lijnmanagement, Project-/Programmamanagement).
    pub manager_family: bool,
    /// Position in the official listing.
    pub sort_order: i32,
    /// Where the data comes from.
    #[sea_orm(column_type = "Text", nullable)]
    pub source_url: Option<String>,
    /// True when the record is not confirmed by an official source.
    pub illustrative: bool,
    /// What is known to be missing or uncertain about this record.
    #[sea_orm(column_type = "Text", nullable)]
    pub data_note: Option<String>,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
