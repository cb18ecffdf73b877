//! The amendment workflow's operations as the console sends them. Every one is listed in
//! [`ALL`]; the server's test suite walks the whole workflow with exactly these strings.

use serde::{Deserialize, Serialize};

use crate::queries::FieldChangeView;

/// Starts a draft (a copy of the group's current content).
pub const CREATE_PROPOSAL: &str = r#"mutation ConsoleCreateProposal($input: CreateProposalInput!) {
  createProposal(input: $input) { number version state }
}"#;

/// Saves a draft.
pub const UPDATE_PROPOSAL: &str = r#"mutation ConsoleUpdateProposal($input: UpdateProposalInput!) {
  updateProposal(input: $input) { number version state }
}"#;

/// Submits a draft to the committee.
pub const SUBMIT_PROPOSAL: &str = r#"mutation ConsoleSubmitProposal($number: Int!, $expectedVersion: Int!) {
  submitProposal(number: $number, expectedVersion: $expectedVersion) { number version state }
}"#;

/// Withdraws a proposal.
pub const WITHDRAW_PROPOSAL: &str = r#"mutation ConsoleWithdrawProposal($number: Int!, $expectedVersion: Int!) {
  withdrawProposal(number: $number, expectedVersion: $expectedVersion) { number version state }
}"#;

/// Re-applies a proposal on the group's newest version.
pub const REBASE_PROPOSAL: &str = r#"mutation ConsoleRebaseProposal($number: Int!, $expectedVersion: Int!) {
  rebaseProposal(number: $number, expectedVersion: $expectedVersion) { number version state }
}"#;

/// Comments on a proposal.
pub const COMMENT_ON_PROPOSAL: &str = r#"mutation ConsoleCommentOnProposal($number: Int!, $text: String!) {
  commentOnProposal(number: $number, text: $text) { number version state }
}"#;

/// Records the committee's advice.
pub const RECORD_ADVICE: &str = r#"mutation ConsoleRecordAdvice($input: RecordAdviceInput!) {
  recordAdvice(input: $input) { number version state }
}"#;

/// Records the owner's decision.
pub const RECORD_DECISION: &str = r#"mutation ConsoleRecordDecision($input: RecordDecisionInput!) {
  recordDecision(input: $input) { number version state }
}"#;

/// The live diff of edited content against the draft's base (stores nothing).
pub const PREVIEW_DIFF: &str = r#"query ConsolePreviewDiff($number: Int!, $content: JSON!) {
  previewProposalDiff(number: $number, content: $content) { path kind before after words { tag text } }
}"#;

/// Every workflow operation of the console, by name, in the order of the workflow.
pub const ALL: &[(&str, &str)] = &[
    ("ConsoleCreateProposal", CREATE_PROPOSAL),
    ("ConsolePreviewDiff", PREVIEW_DIFF),
    ("ConsoleUpdateProposal", UPDATE_PROPOSAL),
    ("ConsoleSubmitProposal", SUBMIT_PROPOSAL),
    ("ConsoleCommentOnProposal", COMMENT_ON_PROPOSAL),
    ("ConsoleRecordAdvice", RECORD_ADVICE),
    ("ConsoleRecordDecision", RECORD_DECISION),
    ("ConsoleRebaseProposal", REBASE_PROPOSAL),
    ("ConsoleWithdrawProposal", WITHDRAW_PROPOSAL),
];

/// Adds a clause to the library.
pub const CREATE_CLAUSE: &str = r#"mutation ConsoleCreateClause($input: CreateVacancyClauseInput!) {
  createVacancyClause(input: $input) { code status version { number } }
}"#;

/// Makes a new version of a clause.
pub const REVISE_CLAUSE: &str = r#"mutation ConsoleReviseClause($input: ReviseVacancyClauseInput!) {
  reviseVacancyClause(input: $input) { code status version { number } }
}"#;

/// Retires a clause from a date.
pub const RETIRE_CLAUSE: &str = r#"mutation ConsoleRetireClause($code: String!, $expectedVersion: Int!, $on: Date!) {
  retireVacancyClause(code: $code, expectedVersion: $expectedVersion, on: $on) { code status version { number } }
}"#;

/// Every clause-library change of the console, in a workable order.
pub const CLAUSE_CHANGES: &[(&str, &str)] = &[
    ("ConsoleCreateClause", CREATE_CLAUSE),
    ("ConsoleReviseClause", REVISE_CLAUSE),
    ("ConsoleRetireClause", RETIRE_CLAUSE),
];

/// Checks (`dryRun: true`) or takes in a catalogue file (FGR beheer).
pub const IMPORT_CATALOGUE: &str = r#"mutation ConsoleImportCatalogue($input: ImportCatalogueInput!) {
  importCatalogue(input: $input) {
    applied added remarks
    groups { code name action versionsAdded changes { path kind before after words { tag text } } }
  }
}"#;

/// What an import did or would do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportView {
    /// Whether anything was written.
    pub applied: bool,
    /// Records added beside groups.
    pub added: Vec<String>,
    /// What the register holds differently and the import leaves alone.
    pub remarks: Vec<String>,
    /// Every group of the file.
    pub groups: Vec<GroupImportView>,
}

/// One group of an import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupImportView {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// `ADDED`, `NEW_VERSION` or `UNCHANGED`.
    pub action: String,
    /// Versions added.
    pub versions_added: i32,
    /// Its content change.
    pub changes: Vec<FieldChangeView>,
}

/// A clause after a change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClauseStep {
    /// Its code.
    pub code: String,
    /// Its status today.
    pub status: String,
    /// Its latest version.
    pub version: ClauseStepVersion,
}

/// The version number after a change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClauseStepVersion {
    /// Number.
    pub number: i32,
}

/// A proposal after a workflow step: enough to go on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalStep {
    /// The proposal's number.
    pub number: i32,
    /// Its new concurrency token.
    pub version: i32,
    /// Its new state.
    pub state: String,
}

/// The answer of any workflow mutation: one root field holding a [`ProposalStep`].
pub type StepData = std::collections::HashMap<String, ProposalStep>;

/// The answer of [`PREVIEW_DIFF`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewData {
    /// The changes.
    pub preview_proposal_diff: Vec<FieldChangeView>,
}
