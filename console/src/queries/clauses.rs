//! The console's reads of the vacancy clause library and the composer.

use serde::{Deserialize, Serialize};

use super::{FieldChangeView, Viewer};

/// The library, filtered.
pub const CLAUSES: &str = r#"query ConsoleClauses($filter: VacancyClauseFilter) {
  vacancyClauses(filter: $filter, first: 100) {
    totalCount
    nodes {
      code status
      version { number effectiveFrom effectiveTo title categoryLabel sectionLabel mandatory appliesTo illustrative }
    }
  }
  me { id allowedOperations }
}"#;

/// One clause with its versions, and the diff between two of them.
pub const CLAUSE: &str = r#"query ConsoleClause($code: String!, $on: Date, $from: Int!, $to: Int!, $compare: Boolean!) {
  vacancyClause(code: $code, on: $on) {
    code status
    version {
      number effectiveFrom effectiveTo title category categoryLabel section sectionLabel sectionOrder
      textNl textEn mandatory appliesTo sourceReference sourceUrl illustrative changeNote
      applicability { scaleMin scaleMax managerOnly abdOnly familyCodes groupCodes }
    }
    versions { number effectiveFrom effectiveTo title changeNote createdBy illustrative }
  }
  clauseVersionDiff(code: $code, from: $from, to: $to) @include(if: $compare) {
    path kind before after words { tag text }
  }
  me { id allowedOperations }
}"#;

/// The groups to compose for, and the assembled text when a post is chosen.
pub const VACANCY_TEXT: &str = r#"query ConsoleVacancyText($group: String!, $scale: Int!, $language: String, $on: Date, $format: VacancyTextFormat, $compose: Boolean!) {
  functionGroups(first: 100) { nodes { code name scaleRange { min max } } }
  vacancyText(groupCode: $group, scale: $scale, language: $language, on: $on, format: $format) @include(if: $compose) {
    on language text fallbacks
    sections {
      heading
      clauses { code versionNumber effectiveFrom title mandatory illustrative fellBackToDutch sourceReference }
    }
  }
}"#;

/// Answer of [`CLAUSES`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClausesData {
    /// The library page.
    pub vacancy_clauses: ClauseList,
    /// Who is asking.
    pub me: Viewer,
}

/// The clauses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClauseList {
    /// How many.
    pub total_count: i32,
    /// The clauses.
    pub nodes: Vec<ClauseSummary>,
}

/// A clause in the library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClauseSummary {
    /// Code.
    pub code: String,
    /// `ACTIVE`, `RETIRED` or `FUTURE`.
    pub status: String,
    /// The version standing on the date.
    pub version: ClauseVersionSummary,
}

/// A version, briefly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClauseVersionSummary {
    /// Number.
    pub number: i32,
    /// From.
    pub effective_from: String,
    /// Until.
    pub effective_to: Option<String>,
    /// Title.
    pub title: String,
    /// Category in Dutch.
    pub category_label: String,
    /// Section heading in Dutch.
    pub section_label: String,
    /// Mandatory.
    pub mandatory: bool,
    /// The rule in words.
    pub applies_to: String,
    /// Ours rather than official.
    pub illustrative: bool,
}

/// Answer of [`CLAUSE`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClauseData {
    /// The clause, if it exists.
    pub vacancy_clause: Option<ClauseDetail>,
    /// The diff, when two versions were compared.
    #[serde(default)]
    pub clause_version_diff: Option<Vec<FieldChangeView>>,
    /// Who is asking.
    pub me: Viewer,
}

/// A clause with its versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClauseDetail {
    /// Code.
    pub code: String,
    /// Status on the date.
    pub status: String,
    /// The version standing on the date.
    pub version: ClauseVersionDetail,
    /// Every version.
    pub versions: Vec<ClauseVersionRow>,
}

/// A version in full.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClauseVersionDetail {
    /// Number.
    pub number: i32,
    /// From.
    pub effective_from: String,
    /// Until.
    pub effective_to: Option<String>,
    /// Title.
    pub title: String,
    /// Category code.
    pub category: String,
    /// Category in Dutch.
    pub category_label: String,
    /// Section code.
    pub section: String,
    /// Section heading in Dutch.
    pub section_label: String,
    /// Order in the section.
    pub section_order: i32,
    /// Dutch text.
    pub text_nl: String,
    /// English text.
    pub text_en: Option<String>,
    /// Mandatory.
    pub mandatory: bool,
    /// The rule in words.
    pub applies_to: String,
    /// Source.
    pub source_reference: String,
    /// Source link.
    pub source_url: Option<String>,
    /// Ours rather than official.
    pub illustrative: bool,
    /// Why this version.
    pub change_note: Option<String>,
    /// The rule.
    pub applicability: ApplicabilityView,
}

/// The rule of a version.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicabilityView {
    /// Lowest scale.
    pub scale_min: Option<i32>,
    /// Highest scale.
    pub scale_max: Option<i32>,
    /// Manager families only.
    pub manager_only: bool,
    /// ABD posts only.
    pub abd_only: bool,
    /// Only these families.
    pub family_codes: Vec<String>,
    /// Only these groups.
    pub group_codes: Vec<String>,
}

/// A version in the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClauseVersionRow {
    /// Number.
    pub number: i32,
    /// From.
    pub effective_from: String,
    /// Until.
    pub effective_to: Option<String>,
    /// Title.
    pub title: String,
    /// Why.
    pub change_note: Option<String>,
    /// By whom.
    pub created_by: String,
    /// Ours rather than official.
    pub illustrative: bool,
}

/// Answer of [`VACANCY_TEXT`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VacancyTextData {
    /// Groups to choose from.
    pub function_groups: GroupChoices,
    /// The assembled text, when a post was chosen.
    #[serde(default)]
    pub vacancy_text: Option<VacancyTextView>,
}

/// Groups to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupChoices {
    /// The groups.
    pub nodes: Vec<GroupChoice>,
}

/// A group to choose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupChoice {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Scales.
    pub scale_range: super::ScaleRange,
}

/// An assembled vacancy text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancyTextView {
    /// The date.
    pub on: String,
    /// The language asked for.
    pub language: String,
    /// The text.
    pub text: String,
    /// Clauses shown in Dutch for want of English.
    pub fallbacks: Vec<String>,
    /// Sections with provenance.
    pub sections: Vec<VacancySectionView>,
}

/// A section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancySectionView {
    /// Heading.
    pub heading: String,
    /// Clauses.
    pub clauses: Vec<UsedClauseView>,
}

/// A clause used, with its provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsedClauseView {
    /// Code.
    pub code: String,
    /// Version.
    pub version_number: i32,
    /// That version's start.
    pub effective_from: String,
    /// Title.
    pub title: String,
    /// Mandatory.
    pub mandatory: bool,
    /// Ours rather than official.
    pub illustrative: bool,
    /// Shown in Dutch for want of English.
    pub fell_back_to_dutch: bool,
    /// Source.
    pub source_reference: String,
}
