//! Where a requirement is required: a whole family, or one group.

use sea_orm::entity::prelude::*;

/// A row of `requirement_scope`; exactly one of `family_id` and `group_id` is set.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "requirement_scope")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The requirement.
    pub requirement_id: i32,
    /// Required in every group of this family.
    pub family_id: Option<i32>,
    /// Required in this group.
    pub group_id: Option<i32>,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
