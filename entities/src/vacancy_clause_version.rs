//! A version of a standard vacancy clause: its period of effect, texts, place in a vacancy text
//! and applicability rule.

use sea_orm::entity::prelude::*;

/// A row of `vacancy_clause_version`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "vacancy_clause_version")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The clause.
    pub clause_id: i32,
    /// 1, 2, 3, ... per clause.
    pub version_no: i32,
    /// First day in effect.
    pub effective_from: Date,
    /// First day no longer in effect (retired or replaced); open-ended when `None`.
    pub effective_to: Option<Date>,
    /// The version's title, e.g. "Eed of belofte"; one for both languages, not printed in
    /// vacancy texts.
    pub title: String,
    /// `SOCIAL_SAFETY_INCLUSION`, `LEADERSHIP`, `INTEGRITY_SCREENING` or `TERMS_OF_EMPLOYMENT`.
    pub category: String,
    /// The section of a vacancy text it belongs in, e.g. `PROFILE`.
    pub section: String,
    /// Its order within the section.
    pub section_order: i32,
    /// Dutch text.
    #[sea_orm(column_type = "Text")]
    pub text_nl: String,
    /// English text, if any.
    #[sea_orm(column_type = "Text", nullable)]
    pub text_en: Option<String>,
    /// Whether every applicable vacancy text must carry it.
    pub mandatory: bool,
    /// Lowest scale it applies to.
    pub scale_min: Option<i32>,
    /// Highest scale it applies to.
    pub scale_max: Option<i32>,
    /// Only for groups of the manager families.
    pub manager_only: bool,
    /// Only for ABD posts (scale 15 and up).
    pub abd_only: bool,
    /// Only for these families (comma-separated codes).
    pub family_codes: Option<String>,
    /// Only for these groups (comma-separated codes).
    pub group_codes: Option<String>,
    /// Where the wording comes from.
    #[sea_orm(column_type = "Text")]
    pub source_reference: String,
    /// Where that can be checked.
    #[sea_orm(column_type = "Text", nullable)]
    pub source_url: Option<String>,
    /// True when the wording or rule is ours, not from an official source.
    pub illustrative: bool,
    /// Why this version was made.
    #[sea_orm(column_type = "Text", nullable)]
    pub change_note: Option<String>,
    /// Who made it (subject, or `seed`/`cli`).
    pub created_by: String,
    /// When (UTC).
    pub created_at: DateTime,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
