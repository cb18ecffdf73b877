//! A proposal, its comments, advice and decision as GraphQL shows them.

use super::*;

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
    /// The day the committee met.
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
    /// The committee's reasoning for its outcome.
    async fn rationale(&self) -> &str {
        &self.0.rationale
    }
    /// The conditions the committee attached; always given for `POSITIVE_WITH_CONDITIONS`.
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
    /// The author's reason for the change.
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
    ) -> async_graphql::Result<Vec<crate::graphql::diff::FieldChange>> {
        let target = Target::of(db(ctx)?, &self.0).await.gql()?;
        let register = register(ctx).await?;
        let names = Names::of(&register);
        Ok(crate::graphql::diff::to_graphql(
            target
                .diff(
                    db(ctx)?,
                    self.0.base_version_id,
                    &self.0.content_json,
                    &names,
                )
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
