//! What an amendment proposal changes: a function group's versioned content or an appraisal
//! format's. The workflow (states, roles, advice, decision, audit) is the same for both; this
//! module holds the few steps that depend on the target: its latest version, reading, checking,
//! diffing and merging its document, and writing the adopted version.

use chrono::NaiveDate;
use fgr_entities::{
    amendment_proposal, appraisal_format, appraisal_format_version, function_group, group_version,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::Value;

use super::appraisal::{self, FormatContent};
use super::content::{self, GroupContent};
use super::diff::{FieldChange, Names};
use crate::error::{DomainError, DomainResult};

/// `target_type` of a proposal on a function group.
pub const GROUP: &str = "FUNCTION_GROUP";
/// `target_type` of a proposal on an appraisal format.
pub const FORMAT: &str = "APPRAISAL_FORMAT";

/// The thing a proposal amends.
#[derive(Debug, Clone)]
pub enum Target {
    /// A function group.
    Group(function_group::Model),
    /// An appraisal format.
    Format(appraisal_format::Model),
}

/// The latest version of a target: id, number, period.
#[derive(Debug, Clone, Copy)]
pub struct Latest {
    /// Row id.
    pub id: i32,
    /// Version number.
    pub number: i32,
    /// First day.
    pub from: NaiveDate,
    /// First day no longer, if closed.
    pub to: Option<NaiveDate>,
}

fn unreadable(e: impl std::fmt::Display) -> DomainError {
    DomainError::internal(format!("stored content unreadable: {e}"))
}

fn as_input<T: serde::de::DeserializeOwned>(value: Value) -> DomainResult<T> {
    serde_json::from_value(value).map_err(|e| DomainError::bad_input("content", e.to_string()))
}

impl Target {
    /// The group with this code.
    ///
    /// # Errors
    /// `NOT_FOUND`.
    pub async fn group(db: &impl ConnectionTrait, code: &str) -> DomainResult<Self> {
        function_group::Entity::find()
            .filter(function_group::Column::Code.eq(code))
            .one(db)
            .await?
            .map(Self::Group)
            .ok_or_else(|| DomainError::NotFound(format!("functiegroep {code}")))
    }

    /// The format with this code.
    ///
    /// # Errors
    /// `NOT_FOUND`.
    pub async fn format(db: &impl ConnectionTrait, code: &str) -> DomainResult<Self> {
        appraisal_format::Entity::find()
            .filter(appraisal_format::Column::Code.eq(code))
            .one(db)
            .await?
            .map(Self::Format)
            .ok_or_else(|| DomainError::NotFound(format!("format {code}")))
    }

    /// What `p` amends.
    ///
    /// # Errors
    /// `INTERNAL` when it no longer exists.
    pub async fn of(
        db: &impl ConnectionTrait,
        p: &amendment_proposal::Model,
    ) -> DomainResult<Self> {
        let found = if p.target_type == FORMAT {
            appraisal_format::Entity::find_by_id(p.target_id)
                .one(db)
                .await?
                .map(Self::Format)
        } else {
            function_group::Entity::find_by_id(p.target_id)
                .one(db)
                .await?
                .map(Self::Group)
        };
        found.ok_or_else(|| DomainError::internal(format!("target of proposal {}", p.id)))
    }

    /// `FUNCTION_GROUP` or `APPRAISAL_FORMAT`.
    pub fn type_code(&self) -> &'static str {
        match self {
            Self::Group(_) => GROUP,
            Self::Format(_) => FORMAT,
        }
    }

    /// The target's row id.
    pub fn id(&self) -> i32 {
        match self {
            Self::Group(g) => g.id,
            Self::Format(f) => f.id,
        }
    }

    /// Its code.
    pub fn code(&self) -> &str {
        match self {
            Self::Group(g) => &g.code,
            Self::Format(f) => &f.code,
        }
    }

    /// Its newest version.
    ///
    /// # Errors
    /// `NOT_FOUND` when it has none; `INTERNAL` when the database fails.
    pub async fn latest(&self, db: &impl ConnectionTrait) -> DomainResult<Latest> {
        match self {
            Self::Group(g) => group_version::Entity::find()
                .filter(group_version::Column::GroupId.eq(g.id))
                .order_by_desc(group_version::Column::VersionNo)
                .one(db)
                .await?
                .map(|v| Latest {
                    id: v.id,
                    number: v.version_no,
                    from: v.effective_from,
                    to: v.effective_to,
                }),
            Self::Format(f) => appraisal_format_version::Entity::find()
                .filter(appraisal_format_version::Column::FormatId.eq(f.id))
                .order_by_desc(appraisal_format_version::Column::VersionNo)
                .one(db)
                .await?
                .map(|v| Latest {
                    id: v.id,
                    number: v.version_no,
                    from: v.effective_from,
                    to: v.effective_to,
                }),
        }
        .ok_or_else(|| DomainError::NotFound(format!("versies van {}", self.code())))
    }

    /// The number of version `version_id`.
    ///
    /// # Errors
    /// `INTERNAL` when it does not exist.
    pub async fn version_number(
        &self,
        db: &impl ConnectionTrait,
        version_id: i32,
    ) -> DomainResult<i32> {
        match self {
            Self::Group(_) => group_version::Entity::find_by_id(version_id)
                .one(db)
                .await?
                .map(|v| v.version_no),
            Self::Format(_) => appraisal_format_version::Entity::find_by_id(version_id)
                .one(db)
                .await?
                .map(|v| v.version_no),
        }
        .ok_or_else(|| DomainError::internal(format!("version {version_id}")))
    }

    /// The document of version `version_id`.
    ///
    /// # Errors
    /// `INTERNAL` when it cannot be read.
    pub async fn document(
        &self,
        db: &impl ConnectionTrait,
        version_id: i32,
    ) -> DomainResult<Value> {
        match self {
            Self::Group(_) => serde_json::to_value(content::of_version(db, version_id).await?),
            Self::Format(_) => {
                let v = appraisal_format_version::Entity::find_by_id(version_id)
                    .one(db)
                    .await?
                    .ok_or_else(|| DomainError::internal(format!("format version {version_id}")))?;
                serde_json::to_value(appraisal::content_of(&v)?)
            }
        }
        .map_err(DomainError::internal)
    }

    /// Checks a proposed document and returns it normalized, as stored.
    ///
    /// # Errors
    /// `BAD_USER_INPUT` naming the first field that breaks a rule.
    pub async fn checked(
        &self,
        db: &impl ConnectionTrait,
        document: Value,
    ) -> DomainResult<String> {
        match self {
            Self::Group(g) => {
                let mut c: GroupContent = as_input(document)?;
                // Field names in errors follow the caller's order; storage is normalized.
                content::validate(db, g, &c).await?;
                content::normalize(&mut c);
                serde_json::to_string(&c)
            }
            Self::Format(_) => {
                let c: FormatContent = as_input(document)?;
                appraisal::validate(db, &c).await?;
                serde_json::to_string(&c)
            }
        }
        .map_err(DomainError::internal)
    }

    /// What the stored document `proposed` changes against version `base_id`, its paths in
    /// `names`.
    ///
    /// # Errors
    /// `INTERNAL` when a document cannot be read.
    pub async fn diff(
        &self,
        db: &impl ConnectionTrait,
        base_id: i32,
        proposed: &str,
        names: &Names<'_>,
    ) -> DomainResult<Vec<FieldChange>> {
        match self {
            Self::Group(_) => {
                let base = content::of_version(db, base_id).await?;
                let new: GroupContent = serde_json::from_str(proposed).map_err(unreadable)?;
                Ok(super::diff::between(&base, &new, names))
            }
            Self::Format(_) => {
                let base: FormatContent = serde_json::from_value(self.document(db, base_id).await?)
                    .map_err(unreadable)?;
                let new: FormatContent = serde_json::from_str(proposed).map_err(unreadable)?;
                Ok(appraisal::diff_contents(&base, &new))
            }
        }
    }

    /// Re-applies `mine` (edited from version `base_id`) on version `latest_id`; the merged
    /// document as stored, or the conflicting fields.
    ///
    /// # Errors
    /// `Err(Ok(conflicts))` for fields both sides changed differently; `Err(Err(e))` otherwise.
    pub async fn merge(
        &self,
        db: &impl ConnectionTrait,
        base_id: i32,
        latest_id: i32,
        mine: &str,
    ) -> Result<String, Result<Vec<String>, DomainError>> {
        let merged = match self {
            Self::Group(_) => {
                let base = content::of_version(db, base_id).await.map_err(Err)?;
                let theirs = content::of_version(db, latest_id).await.map_err(Err)?;
                let mine: GroupContent =
                    serde_json::from_str(mine).map_err(|e| Err(unreadable(e)))?;
                serde_json::to_value(super::rebase::merge(&base, &mine, &theirs).map_err(Ok)?)
            }
            Self::Format(_) => {
                let read = |v: Value| {
                    serde_json::from_value::<FormatContent>(v).map_err(|e| Err(unreadable(e)))
                };
                let base = read(self.document(db, base_id).await.map_err(Err)?)?;
                let theirs = read(self.document(db, latest_id).await.map_err(Err)?)?;
                let mine: FormatContent =
                    serde_json::from_str(mine).map_err(|e| Err(unreadable(e)))?;
                serde_json::to_value(appraisal::merge(&base, &mine, &theirs).map_err(Ok)?)
            }
        }
        .map_err(|e| Err(DomainError::internal(e)))?;
        self.checked(db, merged).await.map_err(Err)
    }

    /// Closes `latest` at `effective` (a compare-and-swap, so of two concurrent adoptions exactly
    /// one wins) and writes the proposal's document as the next version; its row id.
    ///
    /// # Errors
    /// `CONFLICT` when another decision closed the version first.
    pub async fn adopt(
        &self,
        txn: &impl ConnectionTrait,
        latest: Latest,
        effective: NaiveDate,
        reference: String,
        decided_on: NaiveDate,
        document: &str,
    ) -> DomainResult<i32> {
        let closed = match self {
            Self::Group(_) => {
                group_version::Entity::update_many()
                    .col_expr(group_version::Column::EffectiveTo, Expr::value(effective))
                    .filter(group_version::Column::Id.eq(latest.id))
                    .filter(group_version::Column::EffectiveTo.is_null())
                    .exec(txn)
                    .await?
            }
            Self::Format(_) => {
                appraisal_format_version::Entity::update_many()
                    .col_expr(
                        appraisal_format_version::Column::EffectiveTo,
                        Expr::value(effective),
                    )
                    .filter(appraisal_format_version::Column::Id.eq(latest.id))
                    .filter(appraisal_format_version::Column::EffectiveTo.is_null())
                    .exec(txn)
                    .await?
            }
        };
        if closed.rows_affected != 1 {
            return Err(DomainError::Conflict(
                "een ander besluit heeft deze versie al afgesloten".into(),
            ));
        }
        match self {
            Self::Group(g) => {
                let adopted = group_version::ActiveModel {
                    group_id: Set(g.id),
                    version_no: Set(latest.number + 1),
                    effective_from: Set(effective),
                    effective_to: Set(None),
                    provenance_kind: Set("DECISION".into()),
                    provenance_reference: Set(Some(reference)),
                    provenance_url: Set(None),
                    decided_on: Set(Some(decided_on)),
                    illustrative: Set(false),
                    note: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                let proposed: GroupContent = serde_json::from_str(document).map_err(unreadable)?;
                content::write(txn, adopted.id, &proposed).await?;
                Ok(adopted.id)
            }
            Self::Format(f) => {
                let previous = appraisal_format_version::Entity::find_by_id(latest.id)
                    .one(txn)
                    .await?
                    .ok_or_else(|| DomainError::internal("latest format version"))?;
                let adopted = appraisal_format_version::ActiveModel {
                    format_id: Set(f.id),
                    version_no: Set(latest.number + 1),
                    effective_from: Set(effective),
                    effective_to: Set(None),
                    name: Set(previous.name),
                    audience: Set(previous.audience),
                    audience_codes: Set(previous.audience_codes),
                    content_json: Set(document.to_owned()),
                    provenance_kind: Set("DECISION".into()),
                    provenance_reference: Set(Some(reference)),
                    illustrative: Set(false),
                    decided_on: Set(Some(decided_on)),
                    note: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                Ok(adopted.id)
            }
        }
    }
}
