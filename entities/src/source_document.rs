//! A document that records cite as their source, e.g. the minister's letter of 14 April 2025.

use sea_orm::entity::prelude::*;

/// A row of `source_document`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "source_document")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable code, e.g. `KAMERBRIEF_2025_04_14`.
    #[sea_orm(unique)]
    pub code: String,
    /// What it is, in words.
    #[sea_orm(column_type = "Text")]
    pub title: String,
    /// The official citation, e.g. "Kamerstukken II 2024/25, 30 950, nr. 451".
    #[sea_orm(column_type = "Text")]
    pub reference: String,
    /// Where to read it.
    #[sea_orm(column_type = "Text", nullable)]
    pub url: Option<String>,
    /// The date it bears, where known.
    pub published_on: Option<Date>,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
