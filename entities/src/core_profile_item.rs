//! A result or behaviour indicator within a result area.

use sea_orm::entity::prelude::*;

/// A row of `core_profile_item`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "core_profile_item")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The result area the item belongs to.
    pub result_area_id: i32,
    /// `RESULT` or `BEHAVIOUR_INDICATOR`.
    pub kind: String,
    /// The text.
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// Position in the area.
    pub sort_order: i32,
    /// True when the text is not from an official source.
    pub illustrative: bool,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
