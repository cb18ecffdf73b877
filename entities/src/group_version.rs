//! A version of a function group's content, with its period of effect and provenance.

use sea_orm::entity::prelude::*;

/// A row of `group_version`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "group_version")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The function group this version belongs to.
    pub group_id: i32,
    /// 1, 2, 3, ... per group.
    pub version_no: i32,
    /// First day the version is in effect.
    pub effective_from: Date,
    /// First day the version is no longer in effect; open-ended when `None`.
    pub effective_to: Option<Date>,
    /// `SEED` (loaded from public sources) or `DECISION` (adopted by the owner).
    pub provenance_kind: String,
    /// The decision or source that made this version, e.g. "Besluit DGOO, 18-12-2017".
    #[sea_orm(column_type = "Text", nullable)]
    pub provenance_reference: Option<String>,
    /// Where the provenance can be checked.
    #[sea_orm(column_type = "Text", nullable)]
    pub provenance_url: Option<String>,
    /// Date of the decision, where known.
    pub decided_on: Option<Date>,
    /// True when the period or provenance is an inference rather than a confirmed fact.
    pub illustrative: bool,
    /// Free-text remarks on the version (e.g. which parts are partial).
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
