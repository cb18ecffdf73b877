//! Appraisal formats and their criteria.

// The modules and fields graphql_client generates carry no docs; the schema documents them.
#![allow(missing_docs)]

#[allow(unused_imports)]
use super::*;

operation!(
    /// The formats with the version in effect on the peildatum.
    ConsoleFormats, "queries/formats.graphql", shares("FormatAudience")
);
operation!(
    /// One format: sections, criteria, rating scales and history. Generates `FormatAudience`.
    ConsoleFormat, "queries/format.graphql", shares("Operation")
);
operation!(
    /// What changed between two versions of a format.
    ConsoleFormatVersionDiff, "queries/format_version_diff.graphql", shares("ChangeKind", "WordTag")
);
operation!(
    /// The criteria for a post, for previewing the conversation form.
    ConsoleAppraisalCriteria, "queries/appraisal_criteria.graphql"
);

field_changes![
    console_format_version_diff::ConsoleFormatVersionDiffFormatVersionDiff
        / ConsoleFormatVersionDiffFormatVersionDiffWords,
];
viewer![console_format::ConsoleFormatMe];

/// A format in full.
pub type FormatDetail = console_format::ConsoleFormatAppraisalFormat;
/// A section of a format with its criteria.
pub type SectionView = console_format::Section;
/// A criterion of a format's section.
pub type CriterionView = console_format::SectionCriteria;
/// A section of the criteria for a post.
pub type CriteriaSection = console_appraisal_criteria::Section;
/// The criteria for a post.
pub type PostCriteriaView = console_appraisal_criteria::ConsoleAppraisalCriteriaAppraisalCriteria;
