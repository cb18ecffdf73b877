//! Rebasing: re-applying a proposal's change on its target's newest version, field by field,
//! with its own error type because conflicts are an answer, not a failure.

use fgr_entities::amendment_proposal;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

use super::transition::{check_expected, checked};
use super::{audited, get, now, Caller, Step, Target};
use crate::domain::audit::{self, Change};
use crate::domain::tx;
use crate::error::DomainError;

/// Re-applies a proposal's change on the group's latest version (author only, before a
/// decision). Fields both sides changed differently are reported as a `CONFLICT` and nothing is
/// changed.
///
/// # Errors
/// `CONFLICT` with the conflicting fields, or for a stale `expected_version`;
/// `INVALID_TRANSITION` after a decision; `FORBIDDEN` for anyone but the author.
pub async fn rebase<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    id: i32,
    expected_version: i32,
) -> Result<amendment_proposal::Model, RebaseError> {
    let (_, before) = checked(db, caller, Step::Rebase, id).await?;
    check_expected(&before, expected_version)?;
    let target = Target::of(db, &before).await?;
    let latest = target.latest(db).await?;
    if latest.id == before.base_version_id {
        return Ok(before);
    }
    let content_json = target
        .merge(db, before.base_version_id, latest.id, &before.content_json)
        .await
        .map_err(|e| match e {
            Ok(conflicts) => RebaseError::Conflicts(conflicts),
            Err(e) => RebaseError::Domain(e),
        })?;
    let txn = db.begin().await?;
    let result = async {
        let moved = amendment_proposal::Entity::update_many()
            .col_expr(
                amendment_proposal::Column::BaseVersionId,
                Expr::value(latest.id),
            )
            .col_expr(
                amendment_proposal::Column::ContentJson,
                Expr::value(content_json),
            )
            .col_expr(
                amendment_proposal::Column::LockVersion,
                Expr::value(before.lock_version + 1),
            )
            .col_expr(amendment_proposal::Column::UpdatedAt, Expr::value(now()))
            .filter(amendment_proposal::Column::Id.eq(before.id))
            .filter(amendment_proposal::Column::LockVersion.eq(before.lock_version))
            .exec(&txn)
            .await?;
        if moved.rows_affected != 1 {
            return Err(DomainError::Conflict(format!(
                "voorstel {} is intussen gewijzigd; laad het opnieuw",
                before.id
            )));
        }
        let after = get(&txn, before.id).await?;
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: "proposal.rebase".into(),
                target_type: "proposal".into(),
                target_id: before.id.to_string(),
                before: Some(audited(&before)),
                after: Some(audited(&after)),
            },
        )
        .await?;
        Ok(after)
    }
    .await;
    Ok(tx::finish(txn, result).await?)
}

/// Why a rebase failed.
#[derive(Debug)]
pub enum RebaseError {
    /// Fields both sides changed differently.
    Conflicts(Vec<String>),
    /// Any other refusal.
    Domain(DomainError),
}

impl From<DomainError> for RebaseError {
    fn from(e: DomainError) -> Self {
        Self::Domain(e)
    }
}

impl From<sea_orm::DbErr> for RebaseError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::Domain(e.into())
    }
}
