//! The committee's amendment workflow: a proposal (an edited copy of a group version's content)
//! goes draft → submitted → advised → adopted or rejected, or is withdrawn by its author.
//! Adoption writes the content as a new version from the requested date and closes the previous
//! one; nothing is overwritten. Every step checks the rules here, runs in one transaction and
//! writes the audit trail.
//!
//! This module holds the workflow's vocabulary (states, inputs) and the helpers every step
//! shares; `drafting` is the author's side, `committee` the advice, decision and comments,
//! `rebasing` re-applies a proposal on a newer version, `read` only reads, and `transition` is
//! the guarded state move they all go through.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use fgr_entities::amendment_proposal;
use serde_json::json;

pub use super::amendment_targets::Target;
pub use super::caller::Caller;

mod committee;
mod drafting;
mod read;
mod rebasing;
mod steps;
mod transition;

pub use committee::{comment, record_advice, record_decision};
pub use drafting::{create, submit, update_draft, withdraw};
pub use read::{comments, get, list, outcome_of, preview_diff};
pub use rebasing::{rebase, RebaseError};
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
    /// The committee advises adopting the proposal as it stands.
    Positive,
    /// The committee advises against the proposal; the owner still decides.
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
    /// Why the change is needed; required, at most 10,000 characters.
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
    /// The day the committee met; not in the future.
    pub meeting_date: NaiveDate,
    /// What the committee advises; `PositiveWithConditions` needs `conditions`.
    pub outcome: AdviceOutcome,
    /// The committee's reasoning; required, at most 10,000 characters.
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
