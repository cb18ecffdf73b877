//! The Dutch names people read for the domain's codes: where a proposal stands in the committee's
//! workflow, what the committee advised, where a dated record stands, whom an appraisal format is
//! for. Kept together so the wording is reviewed in one place; the API serves them with the codes
//! (`vocabulary`) and clients show these, never the code. Labels that belong to a reference list
//! with its own module (clause categories, vacancy sections, typing sections, appraisal
//! sections) stay with that list.

use super::amendments::{AdviceOutcome, State};
use super::appraisal::Audience;
use super::temporal::Standing;

impl State {
    /// How the console names the state: "concept", "ingediend", … The decision's outcome is
    /// the state it leaves the proposal in ("vastgesteld", "afgewezen").
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "concept",
            Self::Submitted => "ingediend",
            Self::Advised => "geadviseerd",
            Self::Adopted => "vastgesteld",
            Self::Rejected => "afgewezen",
            Self::Withdrawn => "ingetrokken",
        }
    }
}

impl AdviceOutcome {
    /// The committee's outcome as its advice states it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Positive => "positief",
            Self::Negative => "negatief",
            Self::PositiveWithConditions => "positief onder voorwaarden",
        }
    }
}

impl Standing {
    /// Where a clause (or any dated record) stands on the peildatum.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "geldend",
            Self::Retired => "ingetrokken",
            Self::Future => "toekomstig",
        }
    }
}

impl Audience {
    /// Whom a format is for, without the families or groups it names.
    pub fn label(&self) -> &'static str {
        match self {
            Self::AllStaff => "alle medewerkers",
            Self::Managers => "leidinggevenden (leidinggevende functiefamilies)",
            Self::Families(_) => "bepaalde functiefamilies",
            Self::Groups(_) => "bepaalde functiegroepen",
        }
    }
}
