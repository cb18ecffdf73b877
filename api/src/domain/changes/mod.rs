//! The change feed: every version of every group, typing, requirement, vacancy clause, appraisal
//! format and criterion, as an ordered list of events without gaps, for integrations that keep a
//! copy in sync.
//!
//! Events are derived from the stored versions: [`record`] works out which events the versions of
//! the one thing a change touched imply and appends those not yet in the feed. Every change calls
//! it in its own transaction, after the audit entry, so the feed never disagrees with the data and
//! events are numbered in commit order (the audit chain's head row is locked until the commit).
//!
//! This module holds the event's vocabulary; `derived` works out the events the versions imply,
//! `recording` appends them inside a change's transaction, and `reading` pages the feed back.

use chrono::NaiveDate;
use serde_json::Value;

mod derived;
mod reading;
mod recording;

pub use derived::implied;
pub use reading::{event_json, page};
pub use recording::{record, sync_all, Touched};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A function group (its versioned content).
    FunctionGroup,
    /// A typing: a group at one scale.
    Typing,
    /// A responsibility requirement.
    Requirement,
    /// A standard vacancy clause.
    VacancyClause,
    /// An appraisal format.
    AppraisalFormat,
    /// A criterion of a format.
    Criterion,
    /// The ABD membership rule (id `ABD`): which posts are ABD posts.
    AbdRule,
}

impl EntityType {
    /// Every type.
    pub const ALL: [Self; 7] = [
        Self::FunctionGroup,
        Self::Typing,
        Self::Requirement,
        Self::VacancyClause,
        Self::AppraisalFormat,
        Self::Criterion,
        Self::AbdRule,
    ];

    /// The type stored as `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::FunctionGroup => "FUNCTION_GROUP",
            Self::Typing => "TYPING",
            Self::Requirement => "REQUIREMENT",
            Self::VacancyClause => "VACANCY_CLAUSE",
            Self::AppraisalFormat => "APPRAISAL_FORMAT",
            Self::Criterion => "CRITERION",
            Self::AbdRule => "ABD_RULE",
        }
    }
}

/// How it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Its first version.
    Created,
    /// A new version.
    Changed,
    /// No longer in effect from the event's date.
    Retired,
}

impl Kind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Created => "CREATED",
            Self::Changed => "CHANGED",
            Self::Retired => "RETIRED",
        }
    }
}

/// An event the stored versions imply.
#[derive(Debug, Clone)]
pub struct Implied {
    /// The kind of thing the event is about.
    pub entity_type: EntityType,
    /// Its code; a typing's is `<group>/<scale>` (plus `/<variant>`), a criterion's
    /// `<format>/<criterion>`.
    pub entity_id: String,
    /// Its version.
    pub version: i32,
    /// Created for its first version, changed for a later one, or retired.
    pub kind: Kind,
    /// From when.
    pub effective_from: Option<NaiveDate>,
    /// Its state at that version.
    pub data: Option<Value>,
}

impl Implied {
    fn key(&self) -> (String, String, i32, String) {
        (
            self.entity_type.code().to_owned(),
            self.entity_id.clone(),
            self.version,
            self.kind.code().to_owned(),
        )
    }
}
