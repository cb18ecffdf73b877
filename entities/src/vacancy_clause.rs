//! A standard vacancy clause: its stable code. The text and rules live in its versions.

use sea_orm::entity::prelude::*;

/// A row of `vacancy_clause`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "vacancy_clause")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable code, e.g. `ABD_SOCIALE_VEILIGHEID`.
    #[sea_orm(unique)]
    pub code: String,
    /// When it was added to the library (UTC).
    pub created_at: DateTime,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
