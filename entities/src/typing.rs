//! A typing (functietypering): one scale level of a group version.

use sea_orm::entity::prelude::*;

/// A row of `typing`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "typing")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The group version the typing belongs to.
    pub group_version_id: i32,
    /// The salary scale (1–19).
    pub scale: i32,
    /// 0 for a scale's only typing; 1, 2, … for the named variants the FGR publishes for some
    /// scales ("Variant 1", "Variant 2"). A scale has either one typing numbered 0 or variants.
    pub variant_no: i32,
    /// The variant's name as published, e.g. "Seniorschap woonbeveiliging".
    #[sea_orm(column_type = "Text", nullable)]
    pub variant_name: Option<String>,
    /// FUWASYS scores, 14 digits grouped 5-5-2-2, e.g. `44443 44434 43 43`.
    pub fuwasys_scores: Option<String>,
    /// FUWASYS total: the sum of the 14 digits.
    pub fuwasys_total: Option<i32>,
    /// Where the data comes from.
    #[sea_orm(column_type = "Text", nullable)]
    pub source_url: Option<String>,
    /// True when the record is not confirmed by an official source.
    pub illustrative: bool,
    /// A remark on the typing's data, e.g. an official FUWASYS string that is not a valid score,
    /// quoted verbatim (the score is then left empty).
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
