//! The stored documents: a format version's sections and criteria and a rating scale's levels,
//! as serialised in the database and the amendment workflow, and how each is read back.

use fgr_entities::{appraisal_format_version, rating_scale};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, DomainResult};

/// What a criterion appraises.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Appraises {
    /// A responsibility requirement, by code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement_code: Option<String>,
    /// A result area of the core profile, by code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_area: Option<String>,
}

/// A criterion or question of a format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionContent {
    /// Code, unique within the format.
    pub code: String,
    /// The question or criterion.
    pub text: String,
    /// Guidance for the conversation.
    #[serde(default)]
    pub guidance: Option<String>,
    /// The rating scale, by code; none for an open question.
    #[serde(default)]
    pub rating_scale: Option<String>,
    /// Whether the conversation must cover it.
    pub mandatory: bool,
    /// What it appraises.
    #[serde(default)]
    pub appraises: Option<Appraises>,
    /// True when the wording is the register's, not an official source's.
    pub illustrative: bool,
    /// Where the wording comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// A section of a format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionContent {
    /// One of [`SECTIONS`](super::SECTIONS).
    pub code: String,
    /// Its criteria, in order.
    pub criteria: Vec<CriterionContent>,
}

/// A format version's sections and criteria.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatContent {
    /// Sections, in conversation order.
    pub sections: Vec<SectionContent>,
}

/// Reads a version's content.
///
/// # Errors
/// `INTERNAL` when the stored document cannot be read.
pub fn content_of(v: &appraisal_format_version::Model) -> DomainResult<FormatContent> {
    serde_json::from_str(&v.content_json)
        .map_err(|e| DomainError::internal(format!("format version {}: {e}", v.id)))
}

/// A level of a rating scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// Code, e.g. `PLUS_PLUS`.
    pub code: String,
    /// Label, e.g. `++`.
    pub label: String,
    /// What it means.
    pub description: String,
}

/// The levels of a stored scale, highest first.
///
/// # Errors
/// `INTERNAL` when the stored document cannot be read.
pub fn levels_of(scale: &rating_scale::Model) -> DomainResult<Vec<Level>> {
    serde_json::from_str(&scale.levels_json)
        .map_err(|e| DomainError::internal(format!("rating scale {}: {e}", scale.code)))
}
