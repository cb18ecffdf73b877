//! The core profile (kernprofiel) of one group version.

use sea_orm::entity::prelude::*;

/// A row of `core_profile`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "core_profile")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The group version the profile belongs to (one profile per version).
    #[sea_orm(unique)]
    pub group_version_id: i32,
    /// Doel van de functie.
    #[sea_orm(column_type = "Text", nullable)]
    pub purpose: Option<String>,
    /// Where the data comes from.
    #[sea_orm(column_type = "Text", nullable)]
    pub source_url: Option<String>,
    /// True when the content is not confirmed by an official source.
    pub illustrative: bool,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
