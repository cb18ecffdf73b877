//! The machinery every step goes through: authorize before reading, check the step and the
//! version the caller saw, then move the proposal with a compare-and-swap and audit it. Kept
//! apart so each step's module shows only its own rules.

use chrono::NaiveDate;
use fgr_entities::amendment_proposal;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{audited, get, now, Caller, State, Step};
use crate::domain::access::Person;
use crate::domain::audit::{self, Change};
use crate::error::{DomainError, DomainResult};

/// Moves a proposal from `from` to `to` with a compare-and-swap on state and lock version, and
/// records it; the updated row.
pub(super) async fn transition(
    txn: &impl ConnectionTrait,
    caller: &Caller<'_>,
    before: &amendment_proposal::Model,
    to: State,
    action: &str,
    changes: Option<(&str, &str, NaiveDate, &str)>,
) -> DomainResult<amendment_proposal::Model> {
    let mut update = amendment_proposal::Entity::update_many()
        .col_expr(amendment_proposal::Column::State, Expr::value(to.code()))
        .col_expr(
            amendment_proposal::Column::LockVersion,
            Expr::value(before.lock_version + 1),
        )
        .col_expr(amendment_proposal::Column::UpdatedAt, Expr::value(now()));
    if let Some((title, rationale, date, content_json)) = changes {
        update = update
            .col_expr(amendment_proposal::Column::Title, Expr::value(title))
            .col_expr(
                amendment_proposal::Column::Rationale,
                Expr::value(rationale),
            )
            .col_expr(
                amendment_proposal::Column::RequestedEffectiveFrom,
                Expr::value(date),
            )
            .col_expr(
                amendment_proposal::Column::ContentJson,
                Expr::value(content_json),
            );
    }
    let moved = update
        .filter(amendment_proposal::Column::Id.eq(before.id))
        .filter(amendment_proposal::Column::State.eq(before.state.as_str()))
        .filter(amendment_proposal::Column::LockVersion.eq(before.lock_version))
        .exec(txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(DomainError::Conflict(format!(
            "voorstel {} is intussen gewijzigd; laad het opnieuw",
            before.id
        )));
    }
    let after = get(txn, before.id).await?;
    audit::append(
        txn,
        &caller.actor(),
        caller.request_id,
        Change {
            action: action.into(),
            target_type: "proposal".into(),
            target_id: before.id.to_string(),
            before: Some(audited(before)),
            after: Some(audited(&after)),
        },
    )
    .await?;
    Ok(after)
}

/// Authorizes `step` before reading (so a caller without the role learns nothing about which
/// proposals exist), reads proposal `id`, and checks the step on it: the person taking it, and
/// the proposal.
pub(super) async fn checked(
    db: &impl ConnectionTrait,
    caller: &Caller<'_>,
    step: Step,
    id: i32,
) -> DomainResult<(Person, amendment_proposal::Model)> {
    step.authorize(caller)?;
    let proposal = get(db, id).await?;
    let person = step.check(&proposal, caller)?.clone();
    Ok((person, proposal))
}

pub(super) fn check_expected(p: &amendment_proposal::Model, expected: i32) -> DomainResult<()> {
    if p.lock_version != expected {
        return Err(DomainError::Conflict(format!(
            "voorstel {} heeft versie {}, niet {expected}: iemand anders was eerder; laad het opnieuw",
            p.id, p.lock_version
        )));
    }
    Ok(())
}
