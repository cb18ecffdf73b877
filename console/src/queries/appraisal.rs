//! The console's reads of appraisal formats, criteria and the format coverage.

use serde::{Deserialize, Serialize};

use super::FieldChangeView;

/// The formats with the version in effect on the peildatum.
pub const FORMATS: &str = r#"query ConsoleFormats($asOf: Date) {
  appraisalFormats(asOf: $asOf) {
    nodes { code version { number name audience effectiveFrom illustrative } versions { number effectiveFrom effectiveTo name } }
  }
}"#;

/// One format: sections, criteria, rating scales, history, and the diff between two versions.
pub const FORMAT: &str = r#"query ConsoleFormat($code: String!, $asOf: Date, $from: Int!, $to: Int!, $compare: Boolean!) {
  appraisalFormat(code: $code, asOf: $asOf) {
    code
    version { number name audience effectiveFrom effectiveTo illustrative provenanceReference note sections { ...Section } }
    versions { number name effectiveFrom effectiveTo provenanceKind provenanceReference illustrative note }
  }
  formatVersionDiff(code: $code, from: $from, to: $to) @include(if: $compare) {
    path kind before after words { tag text }
  }
  me { id allowedOperations }
}
fragment Section on CriteriaSection {
  code title
  criteria { code text guidance mandatory illustrative source formatCode
    appraises { requirementCode resultArea }
    ratingScale { code name levels { code label description } } }
}"#;

/// The criteria for a post, for previewing the conversation form.
pub const PREVIEW: &str = r#"query ConsoleAppraisalPreview($group: String!, $scale: Int!, $on: Date, $preview: Boolean!) {
  functionGroups(first: 100) { nodes { code name scaleRange { min max } } }
  appraisalCriteria(groupCode: $group, scale: $scale, on: $on) @include(if: $preview) {
    on formats
    sections { code title
      criteria { code text guidance mandatory illustrative source formatCode
        appraises { requirementCode resultArea }
        ratingScale { code name levels { code label description } } } }
  }
}"#;

/// A format in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatsData {
    /// The formats.
    pub appraisal_formats: FormatNodes,
}

/// The formats.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormatNodes {
    /// The formats.
    pub nodes: Vec<FormatSummary>,
}

/// A format, briefly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormatSummary {
    /// Code.
    pub code: String,
    /// The version in effect, if any.
    pub version: Option<FormatVersionSummary>,
    /// All versions.
    pub versions: Vec<FormatVersionRow>,
}

/// The version in effect, briefly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatVersionSummary {
    /// Number.
    pub number: i32,
    /// Name.
    pub name: String,
    /// `ALL_STAFF`, `MANAGERS`, ...
    pub audience: String,
    /// From.
    pub effective_from: String,
    /// Inferred.
    pub illustrative: bool,
}

/// A version in a history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatVersionRow {
    /// Number.
    pub number: i32,
    /// Name.
    pub name: String,
    /// From.
    pub effective_from: String,
    /// Until.
    pub effective_to: Option<String>,
    /// `SEED` or `DECISION`.
    #[serde(default)]
    pub provenance_kind: Option<String>,
    /// Source or decision.
    #[serde(default)]
    pub provenance_reference: Option<String>,
    /// Inferred.
    #[serde(default)]
    pub illustrative: bool,
    /// Remarks.
    #[serde(default)]
    pub note: Option<String>,
}

/// Answer of [`FORMAT`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatData {
    /// The format.
    pub appraisal_format: Option<FormatDetail>,
    /// The diff, when asked.
    #[serde(default)]
    pub format_version_diff: Option<Vec<FieldChangeView>>,
    /// Who is asking.
    pub me: super::Viewer,
}

/// A format in full.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormatDetail {
    /// Code.
    pub code: String,
    /// The version in effect, if any.
    pub version: Option<FormatVersionDetail>,
    /// All versions.
    pub versions: Vec<FormatVersionRow>,
}

/// A version with its sections.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatVersionDetail {
    /// Number.
    pub number: i32,
    /// Name.
    pub name: String,
    /// Audience.
    pub audience: String,
    /// From.
    pub effective_from: String,
    /// Until.
    pub effective_to: Option<String>,
    /// Inferred.
    pub illustrative: bool,
    /// Source or decision.
    pub provenance_reference: Option<String>,
    /// Remarks.
    pub note: Option<String>,
    /// Sections.
    pub sections: Vec<SectionView>,
}

/// A section with criteria.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionView {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Criteria.
    pub criteria: Vec<CriterionView>,
}

/// A criterion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionView {
    /// Code.
    pub code: String,
    /// Question or criterion.
    pub text: String,
    /// Guidance.
    pub guidance: Option<String>,
    /// Mandatory.
    pub mandatory: bool,
    /// Ours rather than official.
    pub illustrative: bool,
    /// Source.
    pub source: Option<String>,
    /// Its format.
    pub format_code: String,
    /// What it appraises.
    pub appraises: Option<AppraisesView>,
    /// Its rating scale.
    pub rating_scale: Option<RatingScaleView>,
}

/// What a criterion appraises.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppraisesView {
    /// Requirement code.
    pub requirement_code: Option<String>,
    /// Result area code.
    pub result_area: Option<String>,
}

/// A rating scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingScaleView {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Levels, highest first.
    pub levels: Vec<LevelView>,
}

/// A level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelView {
    /// Code.
    pub code: String,
    /// Label.
    pub label: String,
    /// Meaning.
    pub description: String,
}

/// Answer of [`PREVIEW`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewData {
    /// Groups to choose from.
    pub function_groups: super::clauses::GroupChoices,
    /// The criteria, when a post was chosen.
    #[serde(default)]
    pub appraisal_criteria: Option<PostCriteriaView>,
}

/// The criteria for a post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostCriteriaView {
    /// The date.
    pub on: String,
    /// The formats that apply.
    pub formats: Vec<String>,
    /// Sections.
    pub sections: Vec<SectionView>,
}

/// The format part of the coverage page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatCoverageView {
    /// Required in the manager families.
    pub required_codes: Vec<String>,
    /// Each manager format in effect.
    pub formats: Vec<ManagerFormatView>,
}

/// A manager format's coverage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagerFormatView {
    /// Format.
    pub format_code: String,
    /// Version.
    pub format_version: i32,
    /// Name.
    pub name: String,
    /// Missing count.
    pub missing: i32,
    /// Per requirement.
    pub requirements: Vec<FormatRequirementView>,
}

/// A requirement in a format's coverage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatRequirementView {
    /// Code.
    pub requirement_code: String,
    /// Title.
    pub requirement_title: String,
    /// Covered.
    pub covered: bool,
    /// By which criteria.
    pub criteria: Vec<String>,
}
