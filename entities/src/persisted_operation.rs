//! A GraphQL document registered by FGR beheer (`fgr operations add`), which machine clients
//! send by its id instead of its text.

use sea_orm::entity::prelude::*;

/// A row of `persisted_operation`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "persisted_operation")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `sha256:` and the lowercase hex SHA-256 of the document's exact text.
    #[sea_orm(unique)]
    pub document_id: String,
    /// A name for people (the file it came from), if given.
    pub name: Option<String>,
    /// The document's text.
    pub document: String,
    /// When it was registered (UTC).
    pub added_at: DateTime,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
