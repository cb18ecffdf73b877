//! Reading proposals and what was recorded on them (advice, decision, comments), and the
//! author's live diff preview; nothing here writes.

use fgr_entities::{amendment_proposal, committee_advice, owner_decision, proposal_comment};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::transition::checked;
use super::{Caller, State, Step, Target};
use crate::domain::diff;
use crate::error::{DomainError, DomainResult};

/// The proposal with this id.
///
/// # Errors
/// `NOT_FOUND`; `INTERNAL` when the database fails.
pub async fn get(db: &impl ConnectionTrait, id: i32) -> DomainResult<amendment_proposal::Model> {
    amendment_proposal::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::NotFound(format!("voorstel {id}")))
}

/// Proposals, newest first, optionally of one group or in one state.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn list(
    db: &impl ConnectionTrait,
    target: Option<&Target>,
    state: Option<State>,
) -> DomainResult<Vec<amendment_proposal::Model>> {
    let mut query = amendment_proposal::Entity::find();
    if let Some(target) = target {
        query = query
            .filter(amendment_proposal::Column::TargetType.eq(target.type_code()))
            .filter(amendment_proposal::Column::TargetId.eq(target.id()));
    }
    if let Some(state) = state {
        query = query.filter(amendment_proposal::Column::State.eq(state.code()));
    }
    Ok(query
        .order_by_desc(amendment_proposal::Column::Id)
        .all(db)
        .await?)
}

/// What a draft would change if its content were `content`: the field-by-field diff against the
/// proposal's base version, for the author's live preview. Nothing is stored.
///
/// # Errors
/// `FORBIDDEN`/`UNAUTHENTICATED` without the right role; `FORBIDDEN` for anyone but the author;
/// `INVALID_TRANSITION` unless a draft; `NOT_FOUND` for an unknown proposal; `BAD_USER_INPUT`
/// for invalid content.
pub async fn preview_diff(
    db: &impl ConnectionTrait,
    caller: &Caller<'_>,
    id: i32,
    content: serde_json::Value,
    names: &diff::Names<'_>,
) -> DomainResult<Vec<diff::FieldChange>> {
    // The live diff is part of editing: the author's, on a draft.
    let (_, proposal) = checked(db, caller, Step::Edit, id).await?;
    let target = Target::of(db, &proposal).await?;
    let checked = target.checked(db, content).await?;
    target
        .diff(db, proposal.base_version_id, &checked, names)
        .await
}

/// The advice and decision recorded on a proposal, if any.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn outcome_of(
    db: &impl ConnectionTrait,
    proposal_id: i32,
) -> DomainResult<(
    Option<committee_advice::Model>,
    Option<owner_decision::Model>,
)> {
    let advice = committee_advice::Entity::find()
        .filter(committee_advice::Column::ProposalId.eq(proposal_id))
        .one(db)
        .await?;
    let decision = owner_decision::Entity::find()
        .filter(owner_decision::Column::ProposalId.eq(proposal_id))
        .one(db)
        .await?;
    Ok((advice, decision))
}

/// The comments on a proposal, oldest first.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn comments(
    db: &impl ConnectionTrait,
    id: i32,
) -> DomainResult<Vec<proposal_comment::Model>> {
    Ok(proposal_comment::Entity::find()
        .filter(proposal_comment::Column::ProposalId.eq(id))
        .order_by_asc(proposal_comment::Column::Id)
        .all(db)
        .await?)
}
