//! Who may take which step of the workflow, in which state: the one table every transition
//! checks and `Proposal.availableSteps` reads, so the console shows exactly the forms the API
//! would accept.

use fgr_entities::amendment_proposal;

use super::{state_of, State};
use crate::domain::access::{Operation, Person};
use crate::domain::caller::Caller;
use crate::error::{DomainError, DomainResult};

/// A step a caller can take on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Change the draft's title, rationale, date or content.
    Edit,
    /// Hand the draft to the committee.
    Submit,
    /// Withdraw a proposal that has no decision yet.
    Withdraw,
    /// Re-apply the proposal on its target's newest version.
    Rebase,
    /// Comment on a proposal before the committee.
    Comment,
    /// Record the committee's advice.
    RecordAdvice,
    /// Record the owner's decision.
    RecordDecision,
}

/// Whose step it is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Party {
    /// Only the proposal's author.
    Author,
    /// Anyone with the operation but the author: nobody advises or decides on their own proposal.
    NotAuthor,
    /// Anyone with the operation.
    Anyone,
}

struct Rule {
    operation: Operation,
    party: Party,
    states: &'static [State],
    /// For refusals: "voorstel 3 is ingediend: {verb} kan niet".
    verb: &'static str,
}

const OPEN: &[State] = &[State::Draft, State::Submitted, State::Advised];

impl Step {
    /// Every step, in the order the console shows their forms.
    pub const ALL: [Self; 7] = [
        Self::Edit,
        Self::Submit,
        Self::Withdraw,
        Self::Rebase,
        Self::Comment,
        Self::RecordAdvice,
        Self::RecordDecision,
    ];

    fn rule(self) -> Rule {
        let (operation, party, states, verb) = match self {
            Self::Edit => (
                Operation::ProposeAmendment,
                Party::Author,
                &[State::Draft][..],
                "bewerken",
            ),
            Self::Submit => (
                Operation::ProposeAmendment,
                Party::Author,
                &[State::Draft][..],
                "indienen",
            ),
            Self::Withdraw => (
                Operation::ProposeAmendment,
                Party::Author,
                OPEN,
                "intrekken",
            ),
            Self::Rebase => (
                Operation::ProposeAmendment,
                Party::Author,
                OPEN,
                "opnieuw baseren",
            ),
            Self::Comment => (
                Operation::ProposeAmendment,
                Party::Anyone,
                &[State::Submitted, State::Advised][..],
                "becommentariëren",
            ),
            Self::RecordAdvice => (
                Operation::RecordAdvice,
                Party::NotAuthor,
                &[State::Submitted][..],
                "advies vastleggen",
            ),
            Self::RecordDecision => (
                Operation::RecordDecision,
                Party::NotAuthor,
                &[State::Advised][..],
                "besluiten",
            ),
        };
        Rule {
            operation,
            party,
            states,
            verb,
        }
    }

    /// Checks that `caller` holds the operation the step needs; the person.
    ///
    /// # Errors
    /// `UNAUTHENTICATED`/`FORBIDDEN` without it.
    pub fn authorize<'c>(self, caller: &'c Caller<'_>) -> DomainResult<&'c Person> {
        caller.person(self.rule().operation)
    }

    /// Checks that `caller` may take this step on `proposal` now; the person taking it.
    ///
    /// # Errors
    /// `UNAUTHENTICATED`/`FORBIDDEN` without the operation, `FORBIDDEN` for the wrong party,
    /// `INVALID_TRANSITION` in a state the step does not start from.
    pub fn check<'c>(
        self,
        proposal: &amendment_proposal::Model,
        caller: &'c Caller<'_>,
    ) -> DomainResult<&'c Person> {
        let rule = self.rule();
        let person = self.authorize(caller)?;
        let own = proposal.author == person.subject;
        match rule.party {
            Party::Author if !own => {
                return Err(DomainError::Forbidden(
                    "alleen de indiener mag dit voorstel wijzigen, indienen of intrekken".into(),
                ))
            }
            Party::NotAuthor if own => {
                return Err(DomainError::Forbidden(format!(
                    "niemand mag over een eigen voorstel {}",
                    rule.verb
                )))
            }
            _ => {}
        }
        if !rule.states.contains(&state_of(proposal)) {
            return Err(DomainError::InvalidTransition(format!(
                "voorstel {} is {}: {} kan niet",
                proposal.id,
                state_of(proposal).label(),
                rule.verb
            )));
        }
        Ok(person)
    }
}

/// The steps `caller` may take on `proposal` now.
pub fn available(proposal: &amendment_proposal::Model, caller: &Caller<'_>) -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|step| step.check(proposal, caller).is_ok())
        .collect()
}
