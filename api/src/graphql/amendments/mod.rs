//! The amendment workflow over GraphQL: proposals, the committee's advice, the owner's decision.
//! Every rule lives in [`crate::domain::amendments`]: `types` shows a proposal (its target from
//! the read model), `query` and `mutation` check the caller, call the domain and convert.

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
use crate::domain::diff::Names;
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
    /// Rejected by the owner; no new version was written.
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
    /// The committee advises adopting the proposal as it stands.
    Positive,
    /// The committee advises against the proposal; the owner still decides.
    Negative,
    /// Positive, with conditions.
    PositiveWithConditions,
}

impl From<AdviceOutcome> for DomainAdviceOutcome {
    fn from(outcome: AdviceOutcome) -> Self {
        match outcome {
            AdviceOutcome::Positive => Self::Positive,
            AdviceOutcome::Negative => Self::Negative,
            AdviceOutcome::PositiveWithConditions => Self::PositiveWithConditions,
        }
    }
}

impl From<DecisionOutcome> for State {
    fn from(outcome: DecisionOutcome) -> Self {
        match outcome {
            DecisionOutcome::Adopted => Self::Adopted,
            DecisionOutcome::Rejected => Self::Rejected,
        }
    }
}

/// The owner's outcome.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum DecisionOutcome {
    /// Adopt: the content becomes a new version.
    Adopted,
    /// Reject: the proposal ends as `REJECTED` and no new version is written.
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

mod mutation;
mod query;
mod types;

pub use mutation::{
    AmendmentMutation, CreateProposalInput, RecordAdviceInput, RecordDecisionInput,
    UpdateProposalInput,
};
pub use query::AmendmentQuery;
pub use types::{CommitteeAdvice, OwnerDecision, Proposal, ProposalComment};
