//! A function group (functiegroep): identity and scale range; its content lives in versions.

use sea_orm::entity::prelude::*;

/// A row of `function_group`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "function_group")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The family the group belongs to.
    pub family_id: i32,
    /// Stable code, e.g. `MANAGER`.
    #[sea_orm(unique)]
    pub code: String,
    /// Official name, e.g. "Manager".
    pub name: String,
    /// The official one-line description of the group.
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    /// Lowest salary scale of the group (1–19).
    pub scale_min: i32,
    /// Highest salary scale of the group (1–19).
    pub scale_max: i32,
    /// Work and thinking levels (werk- en denkniveau), comma-separated, e.g. `mbo,hbo`.
    pub work_levels: Option<String>,
    /// The id of the group on the official FGR site.
    pub fgr_site_id: Option<i32>,
    /// The date the group was added to the FGR, where known.
    pub added_on: Option<Date>,
    /// Case- and accent-folded text for free-text search.
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    /// Where the data comes from.
    #[sea_orm(column_type = "Text", nullable)]
    pub source_url: Option<String>,
    /// True when the record is not confirmed by an official source.
    pub illustrative: bool,
    /// What is known to be missing or uncertain about this record.
    #[sea_orm(column_type = "Text", nullable)]
    pub data_note: Option<String>,
    /// Position within the family.
    pub sort_order: i32,
    /// True when no official page states the family and it is our inference (said in `data_note`).
    pub family_inferred: bool,
    /// True when the scale range is not stated in full on an official page (typically: the upper
    /// scale is unknown and the range holds only the scales seen), said in `data_note`.
    pub scales_inferred: bool,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
