//! Appraisal formats (the forms of the personeelsgesprek) and their criteria: which criteria apply
//! to an employee in a typing on a date, with their rating scales and what each appraises, and
//! whether the manager formats appraise every responsibility required of managers.
//!
//! This module holds the conversation's sections and the lookups on the register's formats;
//! the stored documents, who a format applies to, validation, manager coverage and
//! diff/merge each have their own module.

use std::sync::Arc;

use chrono::NaiveDate;
use fgr_entities::{appraisal_format, appraisal_format_version};

use crate::error::{DomainError, DomainResult};
use crate::register::{FormatHistory, Register};

mod compare;
mod content;
mod coverage;
mod criteria;
#[cfg(test)]
mod tests;
mod validation;

pub use compare::{diff_contents, merge, version_diff};
pub use content::{
    content_of, levels_of, Appraises, CriterionContent, FormatContent, Level, SectionContent,
};
pub use coverage::{format_coverage, FormatCoverage};
pub use criteria::{criteria_for, AppliedCriterion, Audience, PostCriteria};
pub use validation::validate;

/// The sections of a conversation, in order: the three parts of the personeelsgesprek
/// (Regeling personeelsgesprek sector Rijk, art. 2) and the themes the minister's letter names.
pub const SECTIONS: [(&str, &str); 7] = [
    ("PLANNEN", "Plannen"),
    ("REFLECTEREN_OP_FUNCTIONEREN", "Reflecteren op functioneren"),
    ("EVALUEREN_MET_CONCLUSIE", "Evalueren met conclusie"),
    ("INTEGRITEIT", "Integriteit"),
    ("SOCIALE_VEILIGHEID", "Sociale veiligheid"),
    ("DISCRIMINATIE_RACISME", "Discriminatie en racisme"),
    (
        "LEIDINGGEVEN",
        "Leidinggeven aan een veilige en inclusieve werkomgeving",
    ),
];

/// The result areas a criterion can appraise (the kernprofiel's four).
pub const RESULT_AREAS: [&str; 4] = [
    "OPDRACHTGEVER",
    "OMGEVING",
    "BEDRIJFSVOERING",
    "VERNIEUWEN_VERBETEREN",
];

/// A format with one of its versions and that version's content, borrowed from a snapshot.
#[derive(Debug, Clone, Copy)]
pub struct FormatVersion<'a> {
    /// The format.
    pub format: &'a appraisal_format::Model,
    /// The version.
    pub version: &'a appraisal_format_version::Model,
    /// Its sections and criteria.
    pub content: &'a FormatContent,
}

/// The formats in effect on `day`, by code.
pub fn in_effect(register: &Register, day: NaiveDate) -> Vec<FormatVersion<'_>> {
    register
        .formats()
        .iter()
        .filter_map(|h| {
            h.versions.in_effect(day).map(|v| FormatVersion {
                format: &h.format,
                version: &v.version,
                content: &v.content,
            })
        })
        .collect()
}

/// One format with every version, oldest first.
///
/// # Errors
/// `NOT_FOUND` for an unknown code.
pub fn history<'a>(register: &'a Register, code: &str) -> DomainResult<&'a Arc<FormatHistory>> {
    register
        .format(code)
        .ok_or_else(|| DomainError::NotFound(format!("format {code}")))
}

/// The label of a section code.
pub fn section_label(code: &str) -> &'static str {
    SECTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, label)| *label)
}
