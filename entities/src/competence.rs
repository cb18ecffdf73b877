//! A competence of the Competentietaal Rijk.

use sea_orm::entity::prelude::*;

/// A row of `competence`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "competence")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Official name, e.g. "Bestuurssensitiviteit".
    #[sea_orm(unique)]
    pub name: String,
    /// Description, where known.
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    /// Where the data comes from.
    #[sea_orm(column_type = "Text", nullable)]
    pub source_url: Option<String>,
    /// True when the record is not confirmed by an official source.
    pub illustrative: bool,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
