//! An appraisal format (a form of the personeelsgesprek): its stable code.

use sea_orm::entity::prelude::*;

/// A row of `appraisal_format`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "appraisal_format")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Code, e.g. `PERSONEELSGESPREK_LEIDINGGEVENDEN`.
    #[sea_orm(unique)]
    pub code: String,
    /// When it was added (UTC).
    pub created_at: DateTime,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
