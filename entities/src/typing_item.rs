//! One bullet of a typing section (Algemene omschrijving, Resultaten, ...).

use sea_orm::entity::prelude::*;

/// A row of `typing_item`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "typing_item")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The typing the item belongs to.
    pub typing_id: i32,
    /// `ALGEMENE_OMSCHRIJVING`, `RESULTATEN`, `SPEELRUIMTE_KADERS`, `KENNIS_VAARDIGHEDEN` or `CONTACTEN`.
    pub section: String,
    /// Sub-category within Resultaten, e.g. "Aansturing".
    pub sub_category: Option<String>,
    /// The text.
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// Position in the section.
    pub sort_order: i32,
    /// True when the text is not from an official source.
    pub illustrative: bool,
}

/// Relations are resolved with explicit queries in the domain layer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
