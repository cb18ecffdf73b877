//! A result area (resultaatgebied) of a core profile.

use sea_orm::entity::prelude::*;

/// A row of `result_area`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "result_area")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The core profile the area belongs to.
    pub core_profile_id: i32,
    /// `OPDRACHTGEVER`, `OMGEVING`, `BEDRIJFSVOERING` or `VERNIEUWEN_VERBETEREN`.
    pub code: String,
    /// Label as printed on the group page.
    pub label: String,
    /// Position in the profile.
    pub sort_order: i32,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
