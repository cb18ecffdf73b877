//! The committee's amendment workflow: a proposal (an edited copy of a group version's content)
//! goes draft → submitted → advised → adopted or rejected, or is withdrawn by its author.
//! Adoption writes the content as a new version from the requested date and closes the previous
//! one; nothing is overwritten. Every step checks the rules here, runs in one transaction and
//! writes the audit trail.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use fgr_entities::{amendment_proposal, committee_advice, owner_decision, proposal_comment};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

use super::access::{Operation, Person};
use super::amendment_targets;
pub use super::amendment_targets::Target;
use super::audit::{self, Change};
use super::caller::check_words;
pub use super::caller::Caller;
use super::{dates, diff, tx};
use crate::error::{DomainError, DomainResult};

mod steps;
pub use steps::{available as available_steps, Step};

/// The proposal's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Being written; only its author may edit it.
    Draft,
    /// Frozen, waiting for the committee.
    Submitted,
    /// The committee has advised; waiting for the owner's decision.
    Advised,
    /// Adopted: a new version exists.
    Adopted,
    /// Rejected by the owner.
    Rejected,
    /// Withdrawn by its author.
    Withdrawn,
}

impl State {
    /// Every state.
    pub const ALL: [Self; 6] = [
        Self::Draft,
        Self::Submitted,
        Self::Advised,
        Self::Adopted,
        Self::Rejected,
        Self::Withdrawn,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "DRAFT",
            Self::Submitted => "SUBMITTED",
            Self::Advised => "ADVISED",
            Self::Adopted => "ADOPTED",
            Self::Rejected => "REJECTED",
            Self::Withdrawn => "WITHDRAWN",
        }
    }

    /// The state stored as `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The committee's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdviceOutcome {
    /// Positive.
    Positive,
    /// Negative.
    Negative,
    /// Positive, with conditions.
    PositiveWithConditions,
}

impl AdviceOutcome {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Positive => "POSITIVE",
            Self::Negative => "NEGATIVE",
            Self::PositiveWithConditions => "POSITIVE_WITH_CONDITIONS",
        }
    }
}

/// What a new proposal says.
#[derive(Debug, Clone)]
pub struct NewProposal {
    /// What to amend: a group or a format, by code.
    pub target: TargetCode,
    /// Short title.
    pub title: String,
    /// Why.
    pub rationale: String,
    /// When the change should take effect (today or later).
    pub requested_effective_from: NaiveDate,
    /// The proposed document; the base version's when `None`.
    pub content: Option<serde_json::Value>,
}

/// What a new proposal amends.
#[derive(Debug, Clone)]
pub enum TargetCode {
    /// A function group, by code.
    Group(String),
    /// An appraisal format, by code.
    Format(String),
}

/// Changes to a draft; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct DraftChanges {
    /// New title.
    pub title: Option<String>,
    /// New rationale.
    pub rationale: Option<String>,
    /// New requested date.
    pub requested_effective_from: Option<NaiveDate>,
    /// New content.
    pub content: Option<serde_json::Value>,
}

/// The committee's advice.
#[derive(Debug, Clone)]
pub struct Advice {
    /// The meeting.
    pub meeting_date: NaiveDate,
    /// Outcome.
    pub outcome: AdviceOutcome,
    /// Why.
    pub rationale: String,
    /// Conditions (required for a conditional advice).
    pub conditions: Option<String>,
    /// Members present for the employers.
    pub employer_members: Vec<String>,
    /// Members present for the unions.
    pub union_members: Vec<String>,
}

/// The owner's decision.
#[derive(Debug, Clone)]
pub struct Decision {
    /// Adopt (true) or reject.
    pub adopt: bool,
    /// The decision's reference.
    pub reference: String,
    /// The decision's date.
    pub decision_date: NaiveDate,
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

fn state_of(p: &amendment_proposal::Model) -> State {
    State::from_code(&p.state).unwrap_or(State::Withdrawn)
}

/// The proposal as the audit trail records it.
fn audited(p: &amendment_proposal::Model) -> serde_json::Value {
    json!({
        "id": p.id,
        "state": p.state,
        "title": p.title,
        "rationale": p.rationale,
        "requestedEffectiveFrom": p.requested_effective_from.to_string(),
        "baseVersionId": p.base_version_id,
        "lockVersion": p.lock_version,
        "content": serde_json::from_str::<serde_json::Value>(&p.content_json).unwrap_or_default(),
    })
}

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
) -> DomainResult<Vec<diff::FieldChange>> {
    // The live diff is part of editing: the author's, on a draft.
    let (_, proposal) = checked(db, caller, Step::Edit, id).await?;
    let target = Target::of(db, &proposal).await?;
    let checked = target.checked(db, content).await?;
    target.diff(db, proposal.base_version_id, &checked).await
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
    check_words("title", &new.title, 300)?;
    check_words("rationale", &new.rationale, 10_000)?;
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

/// Moves a proposal from `from` to `to` with a compare-and-swap on state and lock version, and
/// records it; the updated row.
async fn transition(
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
async fn checked(
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

fn check_expected(p: &amendment_proposal::Model, expected: i32) -> DomainResult<()> {
    if p.lock_version != expected {
        return Err(DomainError::Conflict(format!(
            "voorstel {} heeft versie {}, niet {expected}: iemand anders was eerder; laad het opnieuw",
            p.id, p.lock_version
        )));
    }
    Ok(())
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
    check_words("title", &title, 300)?;
    check_words("rationale", &rationale, 10_000)?;
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
    check_words("rationale", &advice.rationale, 10_000)?;
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
    check_words("reference", &decision.reference, 300)?;
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
            amendment_targets::Target::Group(g) => super::changes::Touched::Group(&g.code),
            amendment_targets::Target::Format(f) => super::changes::Touched::Format(&f.code),
        };
        super::changes::record(&txn, touched, caller.request_id).await?;
        Ok(done)
    }
    .await;
    tx::finish(txn, result).await
}

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
    check_words("text", text, 10_000)?;
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
