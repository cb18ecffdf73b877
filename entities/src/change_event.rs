//! An event of the change feed.

use sea_orm::entity::prelude::*;

/// A row of `change_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "change_event")]
pub struct Model {
    /// Position in the feed: 1, 2, 3, ... in commit order, without gaps.
    #[sea_orm(primary_key, auto_increment = false)]
    pub seq: i64,
    /// When (UTC).
    pub occurred_at: DateTime,
    /// `FUNCTION_GROUP`, `TYPING`, `REQUIREMENT`, `VACANCY_CLAUSE`, `APPRAISAL_FORMAT` or
    /// `CRITERION`.
    pub entity_type: String,
    /// Which one, e.g. `MANAGER`, `MANAGER/13`, `VOG`, `PERSONEELSGESPREK_RIJK/SAMENVATTENDE_CONCLUSIE`.
    pub entity_id: String,
    /// The entity's version this event concerns.
    pub version: i32,
    /// `CREATED`, `CHANGED` or `RETIRED`.
    pub kind: String,
    /// From when the change applies.
    pub effective_from: Option<Date>,
    /// The entity's state at that version (JSON); none for a retirement.
    #[sea_orm(column_type = "Text", nullable)]
    pub data_json: Option<String>,
    /// The request that made it.
    pub request_id: String,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
