//! Standard vacancy clauses: a versioned library with applicability rules, and the vacancy text
//! assembled from the clauses that apply to a post (group and scale) on a date.
//!
//! Versions are never rewritten except to close them: an edit makes a new version from a date
//! (today or later) and closes the previous one there; retiring closes the last one. So the text
//! served for any past date stays what it was.
//!
//! Reading ([`library()`], [`history`]) and composing ([`vacancy_text()`]) work on the read
//! model; only the changes ([`create`], [`revise`], [`retire`]) touch the database.

use fgr_entities::{vacancy_clause, vacancy_clause_version};

pub use super::posts::{post, Post};

mod applicability;
mod compose;
mod export;
mod library;
mod validation;
mod vocabulary;
mod writes;

#[cfg(test)]
mod tests;

pub use applicability::{applicability_of, Applicability};
pub use compose::{html_escape, render, vacancy_text, AssembledClause, VacancyText};
pub use export::{export_csv, export_json};
pub use library::{history, library, version_diff, LibraryEntry, LibraryFilter};
pub use vocabulary::{Category, Language, Section, TextFormat};
pub use writes::{audited, create, retire, revise};

/// The editable fields of a clause version.
#[derive(Debug, Clone)]
pub struct ClauseFields {
    /// Required, at most 300 characters; one title for both languages, not in the vacancy text.
    pub title: String,
    /// What the clause is about; the library can filter by it.
    pub category: Category,
    /// Section of the vacancy text.
    pub section: Section,
    /// Order within the section.
    pub section_order: i32,
    /// Dutch text.
    pub text_nl: String,
    /// English text.
    pub text_en: Option<String>,
    /// Mandatory where it applies.
    pub mandatory: bool,
    /// When it applies.
    pub applicability: Applicability,
    /// Where the wording comes from.
    pub source_reference: String,
    /// Where that can be checked.
    pub source_url: Option<String>,
    /// Wording or rule is ours, not an official source's.
    pub illustrative: bool,
    /// Why this version.
    pub change_note: Option<String>,
}

/// A clause with one of its versions.
#[derive(Debug, Clone)]
pub struct ClauseVersion {
    /// The clause.
    pub clause: vacancy_clause::Model,
    /// The version.
    pub version: vacancy_clause_version::Model,
}

/// Where a clause stands on a date (the rule is [`super::temporal`]'s, as for every versioned thing).
pub use super::temporal::Standing as Status;

/// The text of a version in `language`, and whether it fell back to Dutch.
pub fn text_in(v: &vacancy_clause_version::Model, language: Language) -> (&str, bool) {
    match (language, v.text_en.as_deref()) {
        (Language::En, Some(en)) => (en, false),
        (Language::En, None) => (&v.text_nl, true),
        (Language::Nl, _) => (&v.text_nl, false),
    }
}
