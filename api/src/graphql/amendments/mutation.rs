//! The workflow's steps: check, call the domain, show the proposal after.

use super::*;

/// A new proposal.
#[derive(InputObject)]
pub struct CreateProposalInput {
    /// The group to amend (or give `formatCode`).
    pub group_code: Option<String>,
    /// The appraisal format to amend (or give `groupCode`).
    pub format_code: Option<String>,
    /// Short title.
    pub title: String,
    /// Why the change is needed; required, at most 10,000 characters.
    pub rationale: String,
    /// When it should take effect (today or later).
    pub requested_effective_from: Date,
    /// The proposed document; a copy of the current one when left out.
    pub content: Option<Json<serde_json::Value>>,
}

/// Changes to a draft; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateProposalInput {
    /// The proposal's number, as `Proposal.number` gives it.
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
    /// The proposal's number, as `Proposal.number` gives it.
    pub number: i32,
    /// The `version` you last saw.
    pub expected_version: i32,
    /// The day the committee met; not in the future.
    pub meeting_date: Date,
    /// What the committee advises; `POSITIVE_WITH_CONDITIONS` needs `conditions`.
    pub outcome: AdviceOutcome,
    /// The committee's reasoning; required, at most 10,000 characters.
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
    /// The proposal's number, as `Proposal.number` gives it.
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
            outcome: input.outcome.into(),
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
