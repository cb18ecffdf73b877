//! A version of an appraisal format: its period, audience, and sections with criteria.

use sea_orm::entity::prelude::*;

/// A row of `appraisal_format_version`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "appraisal_format_version")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The format.
    pub format_id: i32,
    /// 1, 2, 3, ... per format.
    pub version_no: i32,
    /// First day in effect.
    pub effective_from: Date,
    /// First day no longer in effect; open-ended when `None`.
    pub effective_to: Option<Date>,
    /// The version's name; a version adopted through an amendment keeps the previous one's.
    pub name: String,
    /// `ALL_STAFF`, `MANAGERS`, `FAMILIES` or `GROUPS`.
    pub audience: String,
    /// The families or groups (comma-separated codes) for `FAMILIES`/`GROUPS`.
    pub audience_codes: Option<String>,
    /// Sections with criteria, as a JSON document.
    #[sea_orm(column_type = "Text")]
    pub content_json: String,
    /// `SEED` or `DECISION`.
    pub provenance_kind: String,
    /// The decision or source.
    #[sea_orm(column_type = "Text", nullable)]
    pub provenance_reference: Option<String>,
    /// True when the period, audience or wording is the register's, not an official source's.
    pub illustrative: bool,
    /// The date of the decision the version rests on, where known (its first day in effect can
    /// be later).
    pub decided_on: Option<Date>,
    /// A remark on the version; `None` for versions adopted through an amendment.
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
