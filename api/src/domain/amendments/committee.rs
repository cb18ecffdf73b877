//! The committee's and the owner's side: comments, the committee's advice, and the owner's
//! decision, whose adoption writes the new version and records it in the change feed.

use fgr_entities::{amendment_proposal, committee_advice, owner_decision, proposal_comment};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;

use super::transition::{check_expected, checked, transition};
use super::{now, Advice, AdviceOutcome, Caller, Decision, State, Step, Target};
use crate::domain::access::Person;
use crate::domain::amendment_targets;
use crate::domain::audit::{self, Change};
use crate::domain::caller::check_words;
use crate::domain::limits;
use crate::domain::{changes, dates, tx};
use crate::error::{DomainError, DomainResult};

fn members(field: &str, list: &[String]) -> DomainResult<String> {
    let names: Vec<&str> = list
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if names.is_empty() {
        return Err(DomainError::bad_input(
            field,
            "de commissie is paritair: beide zijden moeten aanwezig zijn",
        ));
    }
    Ok(names.join("\n"))
}

/// The checks before the committee's and the owner's steps: the role, never on one's own
/// proposal, the state ([`Step::check`]), and the version the caller saw.
async fn committee_step<C: ConnectionTrait>(
    db: &C,
    caller: &Caller<'_>,
    step: Step,
    id: i32,
    expected_version: i32,
) -> DomainResult<(Person, amendment_proposal::Model)> {
    let (person, before) = checked(db, caller, step, id).await?;
    check_expected(&before, expected_version)?;
    Ok((person, before))
}

/// Records the committee's advice on a submitted proposal (the secretary; never on their own).
///
/// # Errors
/// `INVALID_TRANSITION` unless submitted; `FORBIDDEN` for the author or without the role;
/// `BAD_USER_INPUT` without both sides present or for a meeting in the future.
pub async fn record_advice<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    id: i32,
    expected_version: i32,
    advice: Advice,
) -> DomainResult<amendment_proposal::Model> {
    let (person, before) =
        committee_step(db, caller, Step::RecordAdvice, id, expected_version).await?;
    let employers = members("employerMembers", &advice.employer_members)?;
    let unions = members("unionMembers", &advice.union_members)?;
    check_words("rationale", &advice.rationale, limits::RATIONALE)?;
    if advice.meeting_date > dates::today() {
        return Err(DomainError::bad_input(
            "meetingDate",
            "de vergadering ligt in de toekomst",
        ));
    }
    if advice.outcome == AdviceOutcome::PositiveWithConditions
        && advice
            .conditions
            .as_deref()
            .is_none_or(|c| c.trim().is_empty())
    {
        return Err(DomainError::bad_input(
            "conditions",
            "een positief advies onder voorwaarden noemt de voorwaarden",
        ));
    }
    let txn = db.begin().await?;
    let result = async {
        committee_advice::ActiveModel {
            proposal_id: Set(before.id),
            meeting_date: Set(advice.meeting_date),
            outcome: Set(advice.outcome.code().into()),
            rationale: Set(advice.rationale.trim().to_owned()),
            conditions: Set(advice.conditions.clone()),
            employer_members: Set(employers),
            union_members: Set(unions),
            recorded_by: Set(person.subject.clone()),
            recorded_at: Set(now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        transition(
            &txn,
            caller,
            &before,
            State::Advised,
            "proposal.advise",
            None,
        )
        .await
    }
    .await;
    tx::finish(txn, result).await
}

/// Records the owner's decision on an advised proposal (FGR beheer on behalf of DG DOO; never on
/// their own). Adoption writes the proposed content as a new version from the requested date
/// and closes the previous version.
///
/// # Errors
/// `INVALID_TRANSITION` unless advised; `CONFLICT` when the group got a newer version after the
/// proposal's base (rebase first) or another adoption won; `BAD_USER_INPUT` when the requested
/// date has passed or does not follow the current version's start.
pub async fn record_decision<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    id: i32,
    expected_version: i32,
    decision: Decision,
) -> DomainResult<amendment_proposal::Model> {
    let (person, before) =
        committee_step(db, caller, Step::RecordDecision, id, expected_version).await?;
    check_words("reference", &decision.reference, limits::TITLE)?;
    let effective = before.requested_effective_from;
    let txn = db.begin().await?;
    let result = async {
        owner_decision::ActiveModel {
            proposal_id: Set(before.id),
            outcome: Set(if decision.adopt { "ADOPTED" } else { "REJECTED" }.into()),
            reference: Set(decision.reference.trim().to_owned()),
            decision_date: Set(decision.decision_date),
            recorded_by: Set(person.subject.clone()),
            recorded_at: Set(now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if !decision.adopt {
            return transition(&txn, caller, &before, State::Rejected, "proposal.reject", None)
                .await;
        }
        let target = Target::of(&txn, &before).await?;
        let latest = target.latest(&txn).await?;
        if latest.id != before.base_version_id {
            return Err(DomainError::Conflict(format!(
                "{} kreeg versie {} na de basis van dit voorstel; het voorstel moet eerst op de nieuwe versie worden gebaseerd",
                target.code(),
                latest.number
            )));
        }
        if effective < dates::today() || effective <= latest.from {
            return Err(DomainError::bad_input(
                "requestedEffectiveFrom",
                format!(
                    "de ingangsdatum {effective} ligt in het verleden of niet na het begin ({}) van de huidige versie",
                    latest.from
                ),
            ));
        }
        let adopted_id = target
            .adopt(
                &txn,
                latest,
                effective,
                format!(
                    "{} (wijzigingsvoorstel #{}: {})",
                    decision.reference.trim(),
                    before.id,
                    before.title
                ),
                decision.decision_date,
                &before.content_json,
            )
            .await?;
        amendment_proposal::Entity::update_many()
            .col_expr(
                amendment_proposal::Column::AdoptedVersionId,
                Expr::value(adopted_id),
            )
            .filter(amendment_proposal::Column::Id.eq(before.id))
            .exec(&txn)
            .await?;
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: if target.type_code() == amendment_targets::FORMAT {
                    "format_version.adopt"
                } else {
                    "group_version.adopt"
                }
                .into(),
                target_type: if target.type_code() == amendment_targets::FORMAT {
                    "format_version"
                } else {
                    "group_version"
                }
                .into(),
                target_id: adopted_id.to_string(),
                before: Some(json!({ "target": target.code(), "version": latest.number, "effectiveTo": null })),
                after: Some(json!({
                    "version": latest.number + 1,
                    "effectiveFrom": effective.to_string(),
                    "previousClosedAt": effective.to_string(),
                    "proposal": before.id,
                    "decision": decision.reference.trim(),
                })),
            },
        )
        .await?;
        let mut refreshed = before.clone();
        refreshed.adopted_version_id = Some(adopted_id);
        let done =
            transition(&txn, caller, &refreshed, State::Adopted, "proposal.adopt", None).await?;
        // The new version (and its typings) in the change feed, in the same transaction.
        let touched = match &target {
            amendment_targets::Target::Group(g) => changes::Touched::Group(&g.code),
            amendment_targets::Target::Format(f) => changes::Touched::Format(&f.code),
        };
        changes::record(&txn, touched, caller.request_id).await?;
        Ok(done)
    }
    .await;
    tx::finish(txn, result).await
}

/// Adds a committee comment to a submitted or advised proposal.
///
/// # Errors
/// `INVALID_TRANSITION` unless submitted or advised; `FORBIDDEN` without a committee role;
/// `BAD_USER_INPUT` for an empty or overlong comment.
pub async fn comment<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    id: i32,
    text: &str,
) -> DomainResult<proposal_comment::Model> {
    let (person, proposal) = checked(db, caller, Step::Comment, id).await?;
    check_words("text", text, limits::RATIONALE)?;
    let txn = db.begin().await?;
    let result = async {
        let row = proposal_comment::ActiveModel {
            proposal_id: Set(proposal.id),
            author: Set(person.subject.clone()),
            author_name: Set(person.name.clone()),
            text: Set(text.trim().to_owned()),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: "proposal.comment".into(),
                target_type: "proposal".into(),
                target_id: proposal.id.to_string(),
                before: None,
                after: Some(json!({ "comment": row.id, "text": row.text })),
            },
        )
        .await?;
        Ok(row)
    }
    .await;
    tx::finish(txn, result).await
}
