//! A rating scale: ordered levels with labels and descriptions.

use sea_orm::entity::prelude::*;

/// A row of `rating_scale`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "rating_scale")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Code, e.g. `CONCLUSIE_PERSONEELSGESPREK`.
    #[sea_orm(unique)]
    pub code: String,
    /// The scale's name, e.g. "Samenvattende conclusie".
    pub name: String,
    /// The levels, highest first: `[{"code","label","description"}]`.
    #[sea_orm(column_type = "Text")]
    pub levels_json: String,
    /// Where the levels come from.
    #[sea_orm(column_type = "Text")]
    pub source_reference: String,
    /// Where that can be checked.
    #[sea_orm(column_type = "Text", nullable)]
    pub source_url: Option<String>,
    /// True when the scale is the register's, not an official one.
    pub illustrative: bool,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
