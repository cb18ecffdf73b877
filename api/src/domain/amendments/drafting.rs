//! The author's side of the workflow: starting a draft, editing it, and the author's own
//! transitions (submit, withdraw).

use fgr_entities::amendment_proposal;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionTrait};

use super::transition::{check_expected, checked, transition};
use super::{audited, now, Caller, DraftChanges, NewProposal, State, Step, Target, TargetCode};
use crate::domain::access::Operation;
use crate::domain::audit::{self, Change};
use crate::domain::caller::check_words;
use crate::domain::limits;
use crate::domain::{dates, tx};
use crate::error::{DomainError, DomainResult};

/// Starts a draft on the group's latest version.
///
/// # Errors
/// `FORBIDDEN`/`UNAUTHENTICATED` without the right role; `NOT_FOUND` for an unknown group;
/// `BAD_USER_INPUT` for invalid fields or content; `INTERNAL` when the database fails.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    new: NewProposal,
) -> DomainResult<amendment_proposal::Model> {
    let author = caller.person(Operation::ProposeAmendment)?.clone();
    check_words("title", &new.title, limits::TITLE)?;
    check_words("rationale", &new.rationale, limits::RATIONALE)?;
    if new.requested_effective_from < dates::today() {
        return Err(DomainError::bad_input(
            "requestedEffectiveFrom",
            "de gewenste ingangsdatum ligt in het verleden",
        ));
    }
    let target = match &new.target {
        TargetCode::Group(code) => Target::group(db, code).await?,
        TargetCode::Format(code) => Target::format(db, code).await?,
    };
    let base = target.latest(db).await?;
    let proposed = match new.content {
        Some(c) => c,
        None => target.document(db, base.id).await?,
    };
    let content_json = target.checked(db, proposed).await?;
    let txn = db.begin().await?;
    let result = async {
        let row = amendment_proposal::ActiveModel {
            target_type: Set(target.type_code().into()),
            target_id: Set(target.id()),
            base_version_id: Set(base.id),
            state: Set(State::Draft.code().into()),
            title: Set(new.title.trim().to_owned()),
            rationale: Set(new.rationale.trim().to_owned()),
            requested_effective_from: Set(new.requested_effective_from),
            content_json: Set(content_json),
            author: Set(author.subject.clone()),
            author_name: Set(author.name.clone()),
            lock_version: Set(1),
            created_at: Set(now()),
            updated_at: Set(now()),
            adopted_version_id: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: "proposal.create".into(),
                target_type: "proposal".into(),
                target_id: row.id.to_string(),
                before: None,
                after: Some(audited(&row)),
            },
        )
        .await?;
        Ok(row)
    }
    .await;
    tx::finish(txn, result).await
}

/// Edits a draft (author only), checking the caller saw the latest version of it.
///
/// # Errors
/// `CONFLICT` for a stale `expected_version`; `INVALID_TRANSITION` unless a draft; `FORBIDDEN`
/// for anyone but the author; `BAD_USER_INPUT` for invalid changes.
pub async fn update_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    id: i32,
    expected_version: i32,
    changes: DraftChanges,
) -> DomainResult<amendment_proposal::Model> {
    let (_, before) = checked(db, caller, Step::Edit, id).await?;
    check_expected(&before, expected_version)?;
    let title = changes.title.unwrap_or_else(|| before.title.clone());
    let rationale = changes
        .rationale
        .unwrap_or_else(|| before.rationale.clone());
    let date = changes
        .requested_effective_from
        .unwrap_or(before.requested_effective_from);
    check_words("title", &title, limits::TITLE)?;
    check_words("rationale", &rationale, limits::RATIONALE)?;
    if date < dates::today() {
        return Err(DomainError::bad_input(
            "requestedEffectiveFrom",
            "de gewenste ingangsdatum ligt in het verleden",
        ));
    }
    let content_json = match changes.content {
        None => before.content_json.clone(),
        Some(c) => Target::of(db, &before).await?.checked(db, c).await?,
    };
    let txn = db.begin().await?;
    let result = transition(
        &txn,
        caller,
        &before,
        State::Draft,
        "proposal.update",
        Some((title.trim(), rationale.trim(), date, &content_json)),
    )
    .await;
    tx::finish(txn, result).await
}

/// The author's own steps: checks authorship, state and version, then moves the proposal.
#[allow(clippy::too_many_arguments)]
async fn author_step<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    id: i32,
    expected_version: i32,
    step: Step,
    to: State,
    action: &str,
) -> DomainResult<amendment_proposal::Model> {
    let (_, before) = checked(db, caller, step, id).await?;
    check_expected(&before, expected_version)?;
    let txn = db.begin().await?;
    let result = transition(&txn, caller, &before, to, action, None).await;
    tx::finish(txn, result).await
}

/// Submits a draft to the committee (author only); it is frozen from then on.
///
/// # Errors
/// As [`update_draft`].
pub async fn submit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    id: i32,
    expected_version: i32,
) -> DomainResult<amendment_proposal::Model> {
    author_step(
        db,
        caller,
        id,
        expected_version,
        Step::Submit,
        State::Submitted,
        "proposal.submit",
    )
    .await
}

/// Withdraws a proposal that has no decision yet (author only).
///
/// # Errors
/// As [`update_draft`].
pub async fn withdraw<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    id: i32,
    expected_version: i32,
) -> DomainResult<amendment_proposal::Model> {
    author_step(
        db,
        caller,
        id,
        expected_version,
        Step::Withdraw,
        State::Withdrawn,
        "proposal.withdraw",
    )
    .await
}
