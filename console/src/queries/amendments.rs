//! The amendment workflow: proposals, their diffs, and every step from draft to decision.

// The modules and fields graphql_client generates carry no docs; the schema documents them.
#![allow(missing_docs)]

#[allow(unused_imports)]
use super::*;

operation!(
    /// Proposals, newest first.
    ConsoleProposals, "queries/proposals.graphql", shares("Operation", "ProposalState")
);
operation!(
    /// One proposal with its diff, comments, advice and decision, and what the caller may do with
    /// it. Generates the workflow's enums.
    ConsoleProposal, "queries/proposal.graphql", shares("ChangeKind", "WordTag")
);
operation!(
    /// The adopted proposals of a group, for its version history (committee roles only).
    ConsoleAdoptedProposals, "queries/adopted_proposals.graphql",
    shares("AdviceOutcome", "DecisionOutcome", "ProposalState")
);
operation!(
    /// The live diff of edited content against the draft's base (stores nothing). Generates
    /// `ChangeKind` and `WordTag`.
    ConsolePreviewDiff, "queries/preview_diff.graphql"
);
operation!(
    /// Starts a draft (a copy of the target's current content).
    ConsoleCreateProposal, "queries/create_proposal.graphql", shares("ProposalState")
);
operation!(
    /// Saves a draft.
    ConsoleUpdateProposal, "queries/update_proposal.graphql", shares("ProposalState")
);
operation!(
    /// Submits a draft to the committee.
    ConsoleSubmitProposal, "queries/submit_proposal.graphql", shares("ProposalState")
);
operation!(
    /// Withdraws a proposal.
    ConsoleWithdrawProposal, "queries/withdraw_proposal.graphql", shares("ProposalState")
);
operation!(
    /// Re-applies a proposal on the target's newest version.
    ConsoleRebaseProposal, "queries/rebase_proposal.graphql", shares("ProposalState")
);
operation!(
    /// Comments on a proposal.
    ConsoleCommentOnProposal, "queries/comment_on_proposal.graphql", shares("ProposalState")
);
operation!(
    /// Records the committee's advice.
    ConsoleRecordAdvice, "queries/record_advice.graphql", shares("AdviceOutcome", "ProposalState")
);
operation!(
    /// Records the owner's decision.
    ConsoleRecordDecision, "queries/record_decision.graphql",
    shares("DecisionOutcome", "ProposalState")
);

/// A changed field, as every diff of the console shows it.
pub type FieldChange = console_preview_diff::ConsolePreviewDiffPreviewProposalDiff;
/// A run of words of a [`FieldChange`], kept, added or removed.
pub type WordRun = console_preview_diff::ConsolePreviewDiffPreviewProposalDiffWords;

field_changes![console_proposal::ConsoleProposalProposalDiff / ConsoleProposalProposalDiffWords];
viewer![console_proposals::ConsoleProposalsMe];

/// A proposal in the list.
pub type ProposalSummary = console_proposals::ConsoleProposalsProposals;
/// The proposal page's answer.
pub type ProposalData = console_proposal::ResponseData;
/// The proposal page.
pub type ProposalDetail = console_proposal::ConsoleProposalProposal;
/// A requirement a coverage link or criterion can name.
pub type RequirementRef = console_proposal::ConsoleProposalResponsibilityRequirements;
/// The reference lists the draft editors offer.
pub type ProposalVocabulary = console_proposal::ConsoleProposalVocabulary;
/// The Dutch names of the workflow's states and outcomes, as the API serves them.
#[derive(Clone, Debug, Default)]
pub struct WorkflowLabels {
    /// `ProposalState`s.
    pub states: Labels,
    /// `AdviceOutcome`s, in the order the advice form offers them.
    pub advice: Labels,
    /// `DecisionOutcome`s, in the order the decision form offers them.
    pub decisions: Labels,
}

impl From<&ProposalVocabulary> for WorkflowLabels {
    fn from(v: &ProposalVocabulary) -> Self {
        Self {
            states: labels_of!(v.proposal_states.clone()),
            advice: labels_of!(v.advice_outcomes.clone()),
            decisions: labels_of!(v.decision_outcomes.clone()),
        }
    }
}

/// A proposal that made a version.
pub type AdoptedProposal = console_adopted_proposals::ConsoleAdoptedProposalsProposals;
