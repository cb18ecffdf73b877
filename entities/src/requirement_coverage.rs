//! Where a group version's profile covers a requirement.

use sea_orm::entity::prelude::*;

/// A row of `requirement_coverage`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "requirement_coverage")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The group version whose content covers the requirement.
    pub group_version_id: i32,
    /// The requirement covered.
    pub requirement_id: i32,
    /// The typing (scale) whose text covers it; `None` when the core profile covers it for every
    /// typing of the version.
    pub typing_scale: Option<i32>,
    /// Where in the profile, e.g. "Typering schaal 12 › Resultaten › project/programmamanagement".
    pub location: String,
    /// The covering text, quoted.
    #[sea_orm(column_type = "Text")]
    pub quote: String,
    /// True when the coverage is an assessment of ours, not a committee finding.
    pub illustrative: bool,
    /// Remarks, e.g. "covers safety, not inclusion".
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
