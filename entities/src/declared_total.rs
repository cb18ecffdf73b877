//! A total number of function groups an official source declares for the FGR.

use sea_orm::entity::prelude::*;

/// A row of `declared_total`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "declared_total")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The number of groups the source declares.
    pub group_count: i32,
    /// The source that declares it.
    pub source_document_id: i32,
    /// The source's words, verbatim.
    #[sea_orm(column_type = "Text", nullable)]
    pub quote: Option<String>,
    /// What we know about when it held.
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    /// Position in listings.
    pub sort_order: i32,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
