//! A version of the ABD membership rule: from which scale a post is an ABD post (Algemene
//! Bestuursdienst) in a period. Vacancy clauses for ABD posts follow the rule in force on the date
//! asked for.

use sea_orm::entity::prelude::*;

/// A row of `abd_rule_version`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "abd_rule_version")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// 1, 2, … in order.
    #[sea_orm(unique)]
    pub version_no: i32,
    /// First day in effect.
    pub effective_from: Date,
    /// First day no longer in effect; `None` while open-ended.
    pub effective_to: Option<Date>,
    /// Posts from this scale up are ABD posts.
    pub min_scale: i32,
    /// The source document the rule rests on, when it is one the register holds.
    pub source_document_id: Option<i32>,
    /// The decision or document, as cited.
    #[sea_orm(column_type = "Text")]
    pub reference: String,
    /// Where to check it.
    #[sea_orm(column_type = "Text", nullable)]
    pub url: Option<String>,
    /// Date of the decision, where known.
    pub decided_on: Option<Date>,
    /// True when the period is our inference rather than a stated fact.
    pub illustrative: bool,
    /// A remark.
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    /// Who recorded the change (subject), for versions made in the register.
    pub changed_by: Option<String>,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
