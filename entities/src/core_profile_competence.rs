//! Which competences a core profile names.

use sea_orm::entity::prelude::*;

/// A row of `core_profile_competence`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "core_profile_competence")]
pub struct Model {
    /// The core profile.
    #[sea_orm(primary_key, auto_increment = false)]
    pub core_profile_id: i32,
    /// The competence.
    #[sea_orm(primary_key, auto_increment = false)]
    pub competence_id: i32,
    /// Position in the profile.
    pub sort_order: i32,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
