//! Standard vacancy clauses over GraphQL: the library, one clause with its versions and diffs,
//! the assembled vacancy text, and the changes FGR beheer and the secretary make. Thin: the rules
//! live in [`crate::domain::clauses`]. Here: the enums that inputs and answers share; `types`
//! shows a clause and an assembled text, `query` reads them, `mutation` makes the changes.

use async_graphql::Enum;

use crate::domain::clauses::{self, Status};

/// What a clause is about.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ClauseCategory {
    /// Social safety, diversity and inclusion.
    SocialSafetyInclusion,
    /// Leiderschap, e.g. the ABD clause on the rijksbrede visie op publiek leiderschap.
    Leadership,
    /// Integrity and screening.
    IntegrityScreening,
    /// Terms of employment.
    TermsOfEmployment,
}

impl From<ClauseCategory> for clauses::Category {
    fn from(c: ClauseCategory) -> Self {
        match c {
            ClauseCategory::SocialSafetyInclusion => Self::SocialSafetyInclusion,
            ClauseCategory::Leadership => Self::Leadership,
            ClauseCategory::IntegrityScreening => Self::IntegrityScreening,
            ClauseCategory::TermsOfEmployment => Self::TermsOfEmployment,
        }
    }
}

/// The sections of a vacancy text, in order.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum VacancySection {
    /// About the post ("De functie").
    Position,
    /// Who we are looking for ("Wie zoeken wij").
    Profile,
    /// What we offer ("Wat bieden wij").
    Offer,
    /// The procedure ("Procedure"), the last section, e.g. the eed of belofte and the VOG.
    Procedure,
}

impl From<VacancySection> for clauses::Section {
    fn from(s: VacancySection) -> Self {
        match s {
            VacancySection::Position => Self::Position,
            VacancySection::Profile => Self::Profile,
            VacancySection::Offer => Self::Offer,
            VacancySection::Procedure => Self::Procedure,
        }
    }
}

/// Where a clause stands on a date.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ClauseStatus {
    /// In effect.
    Active,
    /// Retired: every version has ended.
    Retired,
    /// Its first version starts later.
    Future,
}

impl From<Status> for ClauseStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Active => Self::Active,
            Status::Retired => Self::Retired,
            Status::Future => Self::Future,
        }
    }
}

impl From<ClauseStatus> for Status {
    fn from(s: ClauseStatus) -> Self {
        match s {
            ClauseStatus::Active => Self::Active,
            ClauseStatus::Retired => Self::Retired,
            ClauseStatus::Future => Self::Future,
        }
    }
}

/// How an assembled vacancy text is written.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum VacancyTextFormat {
    /// Plain text.
    #[default]
    Plain,
    /// Markdown: a `##` heading per section; clause texts are escaped.
    Markdown,
    /// HTML; clause texts are escaped.
    Html,
}

mod mutation;
mod query;
mod types;

pub use mutation::{
    ClauseFieldsInput, ClauseMutation, CreateVacancyClauseInput, ReviseVacancyClauseInput,
};
pub use query::{ClauseQuery, VacancyClauseFilter};
pub use types::{
    ClauseApplicability, ClauseVersion, VacancyClause, VacancyText, VacancyTextClause,
    VacancyTextSection,
};
