//! The vacancy clause library and the composer.

// The modules and fields graphql_client generates carry no docs; the schema documents them.
#![allow(missing_docs)]

#[allow(unused_imports)]
use super::*;

operation!(
    /// The library, filtered.
    ConsoleClauses, "queries/clauses.graphql",
    shares("Operation", "ClauseStatus", "ClauseCategory", "VacancySection")
);
operation!(
    /// One clause with its versions.
    ConsoleClause, "queries/clause.graphql",
    shares("Operation", "ClauseStatus", "ClauseCategory", "VacancySection")
);
operation!(
    /// What changed between two versions of a clause.
    ConsoleClauseVersionDiff, "queries/clause_version_diff.graphql", shares("ChangeKind", "WordTag")
);
operation!(
    /// A vacancy text assembled for a group and scale.
    ConsoleVacancyText, "queries/vacancy_text.graphql"
);
operation!(
    /// Adds a clause to the library. Generates `ClauseCategory`, `ClauseStatus` and
    /// `VacancySection`.
    ConsoleCreateClause, "queries/create_clause.graphql"
);
operation!(
    /// Makes a new version of a clause.
    ConsoleReviseClause, "queries/revise_clause.graphql",
    shares("ClauseStatus", "ClauseCategory", "VacancySection")
);
operation!(
    /// Retires a clause from a date.
    ConsoleRetireClause, "queries/retire_clause.graphql", shares("ClauseStatus")
);

field_changes![
    console_clause_version_diff::ConsoleClauseVersionDiffClauseVersionDiff
        / ConsoleClauseVersionDiffClauseVersionDiffWords,
];
viewer![
    console_clauses::ConsoleClausesMe,
    console_clause::ConsoleClauseMe
];

/// The choices of the clause forms and filters: categories, vacancy sections and statuses with
/// their labels.
#[derive(Clone, Debug, Default)]
pub struct ClauseChoices {
    /// Clause categories.
    pub categories: Labels,
    /// Sections of a vacancy text.
    pub sections: Labels,
    /// Where a clause stands on the peildatum.
    pub statuses: Labels,
    /// The most characters a title, a clause text and a source reference may have.
    pub limits: ClauseLimits,
}

/// The text limits of a clause version's fields (`vocabulary.limits`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClauseLimits {
    /// The title.
    pub title: i64,
    /// Each of the texts (Dutch, English).
    pub text: i64,
    /// Where the wording comes from.
    pub source_reference: i64,
}

impl From<console_clauses::ConsoleClausesVocabulary> for ClauseChoices {
    fn from(v: console_clauses::ConsoleClausesVocabulary) -> Self {
        Self {
            categories: labels_of!(v.clause_categories),
            sections: labels_of!(v.vacancy_sections),
            statuses: labels_of!(v.clause_statuses),
            limits: ClauseLimits {
                title: v.limits.title,
                text: v.limits.clause_text,
                source_reference: v.limits.source_reference,
            },
        }
    }
}

impl From<console_clause::ConsoleClauseVocabulary> for ClauseChoices {
    fn from(v: console_clause::ConsoleClauseVocabulary) -> Self {
        Self {
            categories: labels_of!(v.clause_categories),
            sections: labels_of!(v.vacancy_sections),
            statuses: labels_of!(v.clause_statuses),
            limits: ClauseLimits {
                title: v.limits.title,
                text: v.limits.clause_text,
                source_reference: v.limits.source_reference,
            },
        }
    }
}

/// A clause with its versions.
pub type ClauseDetail = console_clause::ConsoleClauseVacancyClause;
/// A clause version in full.
pub type ClauseVersionDetail = console_clause::ConsoleClauseVacancyClauseVersion;
/// The rule of a clause version.
pub type ApplicabilityView = console_clause::ConsoleClauseVacancyClauseVersionApplicability;
/// An assembled vacancy text.
pub type VacancyTextView = console_vacancy_text::ConsoleVacancyTextVacancyText;
