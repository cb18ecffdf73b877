//! A responsibility requirement (verantwoordelijkheid) that profiles must cover.

use sea_orm::entity::prelude::*;

/// A row of `responsibility_requirement`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "responsibility_requirement")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable code, e.g. `MOTIE_BAMENGA`.
    #[sea_orm(unique)]
    pub code: String,
    /// Short title.
    pub title: String,
    /// The requirement, verbatim from its source where possible.
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// `SOCIAL_SAFETY`, `INCLUSION`, `DISCRIMINATION_RACISM`, `INTEGRITY` or `UNWANTED_BEHAVIOUR`.
    pub theme: String,
    /// The citation, e.g. "Kamerstukken II 2024/25, 30 950, nr. 415".
    #[sea_orm(column_type = "Text")]
    pub source_reference: String,
    /// Where the source can be read.
    #[sea_orm(column_type = "Text", nullable)]
    pub source_url: Option<String>,
    /// The source document the requirement comes from, when the register holds it (the
    /// minister's letter of 14 April 2025).
    pub source_document_id: Option<i32>,
    /// From when the requirement applies, where known.
    pub required_from: Option<Date>,
    /// True when the wording or scope is ours rather than the source's.
    pub illustrative: bool,
    /// Position in listings.
    pub sort_order: i32,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
