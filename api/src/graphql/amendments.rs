//! The amendment workflow over GraphQL: proposals, the committee's advice, the owner's decision.
//! Thin: every rule lives in [`crate::domain::amendments`].

use async_graphql::{Context, Enum, InputObject, Json, Object, ID};
use fgr_entities::{amendment_proposal, committee_advice, owner_decision};

use super::catalogue::families::{FunctionGroup, GroupVersion};
use super::errors::GqlResultExt;
use super::ids;
use super::scalars::Date;
use super::{caller, changed, db, register};
use crate::domain::amendments::{
    self, Advice, AdviceOutcome as DomainAdviceOutcome, Decision, DraftChanges, NewProposal, State,
    Step, Target, TargetCode,
};
use crate::domain::{dates, groups};
use crate::error::DomainError;

/// A proposal's state.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ProposalState {
    /// Being written by its author.
    Draft,
    /// Waiting for the committee.
    Submitted,
    /// Advised; waiting for the owner's decision.
    Advised,
    /// Adopted: a new version exists.
    Adopted,
    /// Rejected.
    Rejected,
    /// Withdrawn by its author.
    Withdrawn,
}

impl From<State> for ProposalState {
    fn from(s: State) -> Self {
        match s {
            State::Draft => Self::Draft,
            State::Submitted => Self::Submitted,
            State::Advised => Self::Advised,
            State::Adopted => Self::Adopted,
            State::Rejected => Self::Rejected,
            State::Withdrawn => Self::Withdrawn,
        }
    }
}

impl From<ProposalState> for State {
    fn from(s: ProposalState) -> Self {
        match s {
            ProposalState::Draft => Self::Draft,
            ProposalState::Submitted => Self::Submitted,
            ProposalState::Advised => Self::Advised,
            ProposalState::Adopted => Self::Adopted,
            ProposalState::Rejected => Self::Rejected,
            ProposalState::Withdrawn => Self::Withdrawn,
        }
    }
}

/// The committee's outcome.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum AdviceOutcome {
    /// Positive.
    Positive,
    /// Negative.
    Negative,
    /// Positive, with conditions.
    PositiveWithConditions,
}

/// The owner's outcome.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum DecisionOutcome {
    /// Adopt: the content becomes a new version.
    Adopted,
    /// Reject.
    Rejected,
}

/// A step of the workflow, as `Proposal.availableSteps` offers it.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ProposalStep {
    /// Change the draft (`updateProposal`).
    Edit,
    /// Hand the draft to the committee (`submitProposal`).
    Submit,
    /// Withdraw it (`withdrawProposal`).
    Withdraw,
    /// Re-apply it on the target's newest version (`rebaseProposal`).
    Rebase,
    /// Comment on it (`commentOnProposal`).
    Comment,
    /// Record the committee's advice (`recordAdvice`).
    RecordAdvice,
    /// Record the owner's decision (`recordDecision`).
    RecordDecision,
}

impl From<Step> for ProposalStep {
    fn from(s: Step) -> Self {
        match s {
            Step::Edit => Self::Edit,
            Step::Submit => Self::Submit,
            Step::Withdraw => Self::Withdraw,
            Step::Rebase => Self::Rebase,
            Step::Comment => Self::Comment,
            Step::RecordAdvice => Self::RecordAdvice,
            Step::RecordDecision => Self::RecordDecision,
        }
    }
}

/// What a proposal amends.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ProposalTarget {
    /// A function group's content (core profile, typings, coverage).
    FunctionGroup,
    /// An appraisal format's sections and criteria.
    AppraisalFormat,
}

/// A stored code as the GraphQL enum value `known` pairs it with; a code the register never
/// writes is a defect (`INTERNAL`), not a null.
fn stored<T: Copy>(what: &str, code: &str, known: &[(&str, T)]) -> async_graphql::Result<T> {
    known
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, value)| *value)
        .ok_or_else(|| DomainError::internal(format!("{what} holds the unknown code {code}")))
        .gql()
}

/// An amendment proposal.
pub struct Proposal(pub amendment_proposal::Model);

impl Proposal {
    fn is_format(&self) -> bool {
        self.0.target_type == crate::domain::amendment_targets::FORMAT
    }

    /// The proposal's target as the read model holds it: a list of proposals costs no statement
    /// per proposal for its targets (the workflow's own checks read the database).
    async fn held(&self, ctx: &Context<'_>) -> async_graphql::Result<HeldTarget> {
        let register = register(ctx).await?;
        let held = if self.is_format() {
            register
                .formats()
                .iter()
                .find(|f| f.format.id == self.0.target_id)
                .map(|f| HeldTarget {
                    code: f.format.code.clone(),
                    versions: f
                        .versions
                        .all()
                        .iter()
                        .map(|v| (v.version.id, v.version.version_no))
                        .collect(),
                })
        } else {
            register.group(self.0.target_id).map(|h| HeldTarget {
                code: h.group.code.clone(),
                versions: h
                    .versions
                    .all()
                    .iter()
                    .map(|v| (v.version.id, v.version.version_no))
                    .collect(),
            })
        };
        held.ok_or_else(|| DomainError::internal(format!("target of proposal {}", self.0.id)))
            .gql()
    }
}

/// A proposal's target: its code and its versions as (row id, number).
struct HeldTarget {
    code: String,
    versions: Vec<(i32, i32)>,
}

impl HeldTarget {
    fn number_of(&self, version_id: i32) -> async_graphql::Result<i32> {
        self.versions
            .iter()
            .find(|(id, _)| *id == version_id)
            .map(|(_, number)| *number)
            .ok_or_else(|| DomainError::internal(format!("version {version_id} of {}", self.code)))
            .gql()
    }
}

/// Whether the caller sees who did what ([`crate::domain::access::AccessPolicy::sees_identities`]).
fn sees_identities(ctx: &Context<'_>) -> bool {
    let caller = caller(ctx);
    caller.policy.sees_identities(caller.principal)
}

/// A committee comment on a proposal.
#[derive(async_graphql::SimpleObject)]
pub struct ProposalComment {
    /// The author's subject; null for callers who do not see identities (see the README).
    pub author: Option<String>,
    /// The author's name; null for callers who do not see identities.
    pub author_name: Option<String>,
    /// The comment.
    pub text: String,
    /// When (UTC, ISO 8601).
    pub created_at: String,
}

/// The committee's advice on a proposal.
pub struct CommitteeAdvice(committee_advice::Model);

/// The owner's decision on a proposal.
pub struct OwnerDecision(owner_decision::Model);

#[Object]
impl CommitteeAdvice {
    /// The meeting.
    async fn meeting_date(&self) -> Date {
        Date(self.0.meeting_date)
    }
    /// What the committee advised.
    async fn outcome(&self) -> async_graphql::Result<AdviceOutcome> {
        stored(
            "an advice",
            &self.0.outcome,
            &[
                (
                    DomainAdviceOutcome::Positive.code(),
                    AdviceOutcome::Positive,
                ),
                (
                    DomainAdviceOutcome::Negative.code(),
                    AdviceOutcome::Negative,
                ),
                (
                    DomainAdviceOutcome::PositiveWithConditions.code(),
                    AdviceOutcome::PositiveWithConditions,
                ),
            ],
        )
    }
    /// Why.
    async fn rationale(&self) -> &str {
        &self.0.rationale
    }
    /// Conditions.
    async fn conditions(&self) -> Option<&str> {
        self.0.conditions.as_deref()
    }
    /// Members present for the employers.
    async fn employer_members(&self) -> Vec<&str> {
        self.0.employer_members.lines().collect()
    }
    /// Members present for the unions.
    async fn union_members(&self) -> Vec<&str> {
        self.0.union_members.lines().collect()
    }
    /// Who recorded it; null for callers who do not see identities.
    async fn recorded_by(&self, ctx: &Context<'_>) -> Option<&str> {
        sees_identities(ctx).then_some(self.0.recorded_by.as_str())
    }
}

#[Object]
impl OwnerDecision {
    /// What the owner decided.
    async fn outcome(&self) -> async_graphql::Result<DecisionOutcome> {
        stored(
            "a decision",
            &self.0.outcome,
            &[
                (State::Adopted.code(), DecisionOutcome::Adopted),
                (State::Rejected.code(), DecisionOutcome::Rejected),
            ],
        )
    }
    /// The decision's reference.
    async fn reference(&self) -> &str {
        &self.0.reference
    }
    /// The decision's date.
    async fn decision_date(&self) -> Date {
        Date(self.0.decision_date)
    }
    /// Who recorded it, on behalf of the owner; null for callers who do not see identities.
    async fn recorded_by(&self, ctx: &Context<'_>) -> Option<&str> {
        sees_identities(ctx).then_some(self.0.recorded_by.as_str())
    }
}

/// Version `id` of the group `group_id`, from the snapshot.
async fn version(
    ctx: &Context<'_>,
    group_id: i32,
    id: i32,
) -> async_graphql::Result<Option<GroupVersion>> {
    Ok(register(ctx)
        .await?
        .group(group_id)
        .and_then(|h| h.versions.all().iter().find(|v| v.version.id == id))
        .map(|v| GroupVersion::new(v.version.clone(), dates::today())))
}

#[Object]
impl Proposal {
    /// Global id.
    async fn id(&self) -> ID {
        ids::encode("Proposal", self.0.id)
    }
    /// The proposal's number.
    async fn number(&self) -> i32 {
        self.0.id
    }
    /// What the caller may do with the proposal now, by their role, whether they wrote it, and
    /// its state: the same rule every step checks again. Empty for readers.
    async fn available_steps(&self, ctx: &Context<'_>) -> Vec<ProposalStep> {
        amendments::available_steps(&self.0, &caller(ctx))
            .into_iter()
            .map(ProposalStep::from)
            .collect()
    }
    /// Its state.
    async fn state(&self) -> async_graphql::Result<ProposalState> {
        State::from_code(&self.0.state)
            .map(ProposalState::from)
            .ok_or_else(|| {
                DomainError::internal(format!(
                    "a proposal holds the unknown state {}",
                    self.0.state
                ))
            })
            .gql()
    }
    /// Short title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Why.
    async fn rationale(&self) -> &str {
        &self.0.rationale
    }
    /// When the change should take effect.
    async fn requested_effective_from(&self) -> Date {
        Date(self.0.requested_effective_from)
    }
    /// The author's subject; null for callers who do not see identities (see the README).
    async fn author(&self, ctx: &Context<'_>) -> Option<&str> {
        sees_identities(ctx).then_some(self.0.author.as_str())
    }
    /// The author's name; null for callers who do not see identities.
    async fn author_name(&self, ctx: &Context<'_>) -> Option<&str> {
        sees_identities(ctx).then_some(self.0.author_name.as_str())
    }
    /// Concurrency token: send it back as `expectedVersion` with the next change.
    async fn version(&self) -> i32 {
        self.0.lock_version
    }
    /// What the proposal amends: a group or a format.
    async fn target_type(&self) -> async_graphql::Result<ProposalTarget> {
        stored(
            "a proposal",
            &self.0.target_type,
            &[
                (
                    crate::domain::amendment_targets::GROUP,
                    ProposalTarget::FunctionGroup,
                ),
                (
                    crate::domain::amendment_targets::FORMAT,
                    ProposalTarget::AppraisalFormat,
                ),
            ],
        )
    }
    /// The code of the group or format amended.
    async fn target_code(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(self.held(ctx).await?.code)
    }
    /// The number of the version the proposal edits.
    async fn base_version_number(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        self.held(ctx).await?.number_of(self.0.base_version_id)
    }
    /// The number of the version its adoption created.
    async fn adopted_version_number(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<i32>> {
        match self.0.adopted_version_id {
            Some(id) => Ok(Some(self.held(ctx).await?.number_of(id)?)),
            None => Ok(None),
        }
    }
    /// The number of the target's newest version (when higher than the base, the proposal
    /// must be rebased before adoption).
    async fn latest_version_number(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let held = self.held(ctx).await?;
        held.versions
            .iter()
            .map(|(_, number)| *number)
            .max()
            .ok_or_else(|| DomainError::internal(format!("{} has no version", held.code)))
            .gql()
    }
    /// The group amended, as it stands today; null for a format proposal.
    async fn function_group(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<FunctionGroup>> {
        if self.is_format() {
            return Ok(None);
        }
        let today = dates::today();
        Ok(
            groups::by_id_at(&*register(ctx).await?, self.0.target_id, today)
                .map(|row| FunctionGroup::new(row, today)),
        )
    }
    /// The group version the proposal edits; null for a format proposal.
    async fn base_version(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<GroupVersion>> {
        if self.is_format() {
            return Ok(None);
        }
        version(ctx, self.0.target_id, self.0.base_version_id).await
    }
    /// The group version its adoption created; null for a format proposal.
    async fn adopted_version(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<GroupVersion>> {
        match self.0.adopted_version_id {
            Some(id) if self.0.target_type != crate::domain::amendment_targets::FORMAT => {
                version(ctx, self.0.target_id, id).await
            }
            _ => Ok(None),
        }
    }
    /// The proposed document as JSON: for a group its core profile, typings and coverage; for a
    /// format its sections and criteria.
    async fn content(&self) -> async_graphql::Result<Json<serde_json::Value>> {
        serde_json::from_str(&self.0.content_json)
            .map(Json)
            .map_err(|e| DomainError::internal(e.to_string()))
            .gql()
    }
    /// What the proposal changes, field by field, against its base version.
    async fn diff(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<super::diff::FieldChange>> {
        let target = Target::of(db(ctx)?, &self.0).await.gql()?;
        Ok(super::diff::to_graphql(
            target
                .diff(db(ctx)?, self.0.base_version_id, &self.0.content_json)
                .await
                .gql()?,
        ))
    }
    /// The committee's comments, oldest first.
    async fn comments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ProposalComment>> {
        let shown = sees_identities(ctx);
        Ok(amendments::comments(db(ctx)?, self.0.id)
            .await
            .gql()?
            .into_iter()
            .map(|c| ProposalComment {
                author: shown.then_some(c.author),
                author_name: shown.then_some(c.author_name),
                text: c.text,
                created_at: c.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            })
            .collect())
    }
    /// The committee's advice, once recorded.
    async fn advice(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<CommitteeAdvice>> {
        Ok(amendments::outcome_of(db(ctx)?, self.0.id)
            .await
            .gql()?
            .0
            .map(CommitteeAdvice))
    }
    /// The owner's decision, once recorded.
    async fn decision(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OwnerDecision>> {
        Ok(amendments::outcome_of(db(ctx)?, self.0.id)
            .await
            .gql()?
            .1
            .map(OwnerDecision))
    }
}

/// The amendment query fields.
#[derive(Default)]
pub struct AmendmentQuery;

#[Object]
impl AmendmentQuery {
    /// The proposal with this number; null if there is none.
    async fn proposal(
        &self,
        ctx: &Context<'_>,
        number: i32,
    ) -> async_graphql::Result<Option<Proposal>> {
        match amendments::get(db(ctx)?, number).await {
            Ok(p) => Ok(Some(Proposal(p))),
            Err(DomainError::NotFound(_)) => Ok(None),
            Err(e) => Err(e).gql(),
        }
    }

    /// Proposals, newest first, optionally of one group or format, or in one state.
    async fn proposals(
        &self,
        ctx: &Context<'_>,
        group_code: Option<String>,
        format_code: Option<String>,
        state: Option<ProposalState>,
    ) -> async_graphql::Result<Vec<Proposal>> {
        let db = db(ctx)?;
        let target = match (group_code, format_code) {
            (Some(code), _) => Target::group(db, &code).await,
            (None, Some(code)) => Target::format(db, &code).await,
            (None, None) => Err(DomainError::NotFound(String::new())),
        };
        let target = match target {
            Ok(t) => Some(t),
            Err(DomainError::NotFound(what)) if what.is_empty() => None,
            Err(DomainError::NotFound(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e).gql(),
        };
        Ok(
            amendments::list(db, target.as_ref(), state.map(State::from))
                .await
                .gql()?
                .into_iter()
                .map(Proposal)
                .collect(),
        )
    }

    /// What the draft would change with `content` instead of its stored content (its author
    /// only; nothing is stored): the live diff while editing.
    async fn preview_proposal_diff(
        &self,
        ctx: &Context<'_>,
        number: i32,
        content: Json<serde_json::Value>,
    ) -> async_graphql::Result<Vec<super::diff::FieldChange>> {
        let changes = amendments::preview_diff(db(ctx)?, &caller(ctx), number, content.0)
            .await
            .gql()?;
        Ok(super::diff::to_graphql(changes))
    }
}

/// A new proposal.
#[derive(InputObject)]
pub struct CreateProposalInput {
    /// The group to amend (or give `formatCode`).
    pub group_code: Option<String>,
    /// The appraisal format to amend (or give `groupCode`).
    pub format_code: Option<String>,
    /// Short title.
    pub title: String,
    /// Why.
    pub rationale: String,
    /// When it should take effect (today or later).
    pub requested_effective_from: Date,
    /// The proposed document; a copy of the current one when left out.
    pub content: Option<Json<serde_json::Value>>,
}

/// Changes to a draft; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateProposalInput {
    /// The proposal.
    pub number: i32,
    /// The `version` you last saw.
    pub expected_version: i32,
    /// New title.
    pub title: Option<String>,
    /// New rationale.
    pub rationale: Option<String>,
    /// New requested date.
    pub requested_effective_from: Option<Date>,
    /// New content.
    pub content: Option<Json<serde_json::Value>>,
}

/// The committee's advice.
#[derive(InputObject)]
pub struct RecordAdviceInput {
    /// The proposal.
    pub number: i32,
    /// The `version` you last saw.
    pub expected_version: i32,
    /// The meeting.
    pub meeting_date: Date,
    /// Outcome.
    pub outcome: AdviceOutcome,
    /// Why.
    pub rationale: String,
    /// Conditions (for a conditional advice).
    pub conditions: Option<String>,
    /// Members present for the employers.
    pub employer_members: Vec<String>,
    /// Members present for the unions.
    pub union_members: Vec<String>,
}

/// The owner's decision.
#[derive(InputObject)]
pub struct RecordDecisionInput {
    /// The proposal.
    pub number: i32,
    /// The `version` you last saw.
    pub expected_version: i32,
    /// Adopt or reject.
    pub outcome: DecisionOutcome,
    /// The decision's reference.
    pub reference: String,
    /// The decision's date.
    pub decision_date: Date,
}

/// The amendment mutations.
#[derive(Default)]
pub struct AmendmentMutation;

#[Object]
impl AmendmentMutation {
    /// Starts a draft amendment of a group (a copy of its latest version unless content is given).
    async fn create_proposal(
        &self,
        ctx: &Context<'_>,
        input: CreateProposalInput,
    ) -> async_graphql::Result<Proposal> {
        let new = NewProposal {
            target: match (input.group_code, input.format_code) {
                (Some(code), None) => TargetCode::Group(code),
                (None, Some(code)) => TargetCode::Format(code),
                _ => {
                    return Err(DomainError::bad_input(
                        "groupCode",
                        "geef precies één van groupCode en formatCode",
                    ))
                    .gql()
                }
            },
            title: input.title,
            rationale: input.rationale,
            requested_effective_from: input.requested_effective_from.0,
            content: input.content.map(|c| c.0),
        };
        amendments::create(db(ctx)?, &caller(ctx), new)
            .await
            .map(Proposal)
            .gql()
    }

    /// Edits a draft (its author only); `CONFLICT` when `expectedVersion` is stale.
    async fn update_proposal(
        &self,
        ctx: &Context<'_>,
        input: UpdateProposalInput,
    ) -> async_graphql::Result<Proposal> {
        let changes = DraftChanges {
            title: input.title,
            rationale: input.rationale,
            requested_effective_from: input.requested_effective_from.map(|d| d.0),
            content: input.content.map(|c| c.0),
        };
        amendments::update_draft(
            db(ctx)?,
            &caller(ctx),
            input.number,
            input.expected_version,
            changes,
        )
        .await
        .map(Proposal)
        .gql()
    }

    /// Submits a draft to the committee (its author only).
    async fn submit_proposal(
        &self,
        ctx: &Context<'_>,
        number: i32,
        expected_version: i32,
    ) -> async_graphql::Result<Proposal> {
        amendments::submit(db(ctx)?, &caller(ctx), number, expected_version)
            .await
            .map(Proposal)
            .gql()
    }

    /// Withdraws a proposal without a decision (its author only).
    async fn withdraw_proposal(
        &self,
        ctx: &Context<'_>,
        number: i32,
        expected_version: i32,
    ) -> async_graphql::Result<Proposal> {
        amendments::withdraw(db(ctx)?, &caller(ctx), number, expected_version)
            .await
            .map(Proposal)
            .gql()
    }

    /// Re-applies the proposal's change on the group's newest version (its author only). Fields
    /// changed on both sides are reported as `CONFLICT` with `extensions.conflicts`, never merged.
    async fn rebase_proposal(
        &self,
        ctx: &Context<'_>,
        number: i32,
        expected_version: i32,
    ) -> async_graphql::Result<Proposal> {
        match amendments::rebase(db(ctx)?, &caller(ctx), number, expected_version).await {
            Ok(p) => Ok(Proposal(p)),
            Err(amendments::RebaseError::Domain(e)) => Err(e).gql(),
            Err(amendments::RebaseError::Conflicts(paths)) => {
                use async_graphql::ErrorExtensions;
                Err(async_graphql::Error::new(format!(
                    "beide versies wijzigden hetzelfde: {}",
                    paths.join(", ")
                ))
                .extend_with(|_, e| {
                    e.set("code", "CONFLICT");
                    e.set("conflicts", paths.clone());
                }))
            }
        }
    }

    /// Comments on a submitted or advised proposal (committee roles).
    async fn comment_on_proposal(
        &self,
        ctx: &Context<'_>,
        number: i32,
        text: String,
    ) -> async_graphql::Result<Proposal> {
        let db = db(ctx)?;
        amendments::comment(db, &caller(ctx), number, &text)
            .await
            .gql()?;
        amendments::get(db, number).await.map(Proposal).gql()
    }

    /// Records the committee's advice (the secretary; both sides present).
    async fn record_advice(
        &self,
        ctx: &Context<'_>,
        input: RecordAdviceInput,
    ) -> async_graphql::Result<Proposal> {
        let advice = Advice {
            meeting_date: input.meeting_date.0,
            outcome: match input.outcome {
                AdviceOutcome::Positive => DomainAdviceOutcome::Positive,
                AdviceOutcome::Negative => DomainAdviceOutcome::Negative,
                AdviceOutcome::PositiveWithConditions => {
                    DomainAdviceOutcome::PositiveWithConditions
                }
            },
            rationale: input.rationale,
            conditions: input.conditions,
            employer_members: input.employer_members,
            union_members: input.union_members,
        };
        amendments::record_advice(
            db(ctx)?,
            &caller(ctx),
            input.number,
            input.expected_version,
            advice,
        )
        .await
        .map(Proposal)
        .gql()
    }

    /// Records the owner's decision; adoption creates the new version from the requested date.
    async fn record_decision(
        &self,
        ctx: &Context<'_>,
        input: RecordDecisionInput,
    ) -> async_graphql::Result<Proposal> {
        let decision = Decision {
            adopt: input.outcome == DecisionOutcome::Adopted,
            reference: input.reference,
            decision_date: input.decision_date.0,
        };
        let proposal = amendments::record_decision(
            db(ctx)?,
            &caller(ctx),
            input.number,
            input.expected_version,
            decision,
        )
        .await
        .gql()?;
        // An adoption made a new version: the rest of this request and every later read see it.
        changed(ctx).await?;
        Ok(Proposal(proposal))
    }
}
