//! The GraphQL operations the console sends, and the shapes of their answers.
//!
//! Every operation is listed in [`ALL`], so the server's test suite can check each one against
//! the schema (a renamed field fails a test, not a user).

use serde::{Deserialize, Serialize};

pub mod appraisal;
pub mod clauses;

/// The families with their groups, for the home page.
pub const FAMILIES: &str = r#"query ConsoleFamilies($asOf: Date) {
  jobFamilies(asOf: $asOf) {
    code name definition isManagerFamily dataNote
    functionGroups { code name scaleRange { min max } }
  }
  catalogueTotals(asOf: $asOf) { held declared { count source { title reference url } } }
}"#;

/// One family with its groups.
pub const FAMILY: &str = r#"query ConsoleFamily($code: String!, $asOf: Date) {
  jobFamily(code: $code, asOf: $asOf) {
    code name definition isManagerFamily sourceUrl dataNote
    functionGroups {
      code name description workLevels illustrative familyInferred scalesInferred dataNote
      scaleRange { min max }
      version { number effectiveFrom }
    }
  }
}"#;

/// One group with all of its content.
pub const GROUP: &str = r#"query ConsoleGroup($code: String!, $asOf: Date) {
  functionGroup(code: $code, asOf: $asOf) {
    code name description workLevels fgrSiteId addedOn sourceUrl illustrative dataNote
    familyInferred scalesInferred
    scaleRange { min max }
    family { code name }
    version {
      number effectiveFrom effectiveTo illustrative note
      provenance { kind reference url decidedOn }
    }
    versions { number effectiveFrom effectiveTo inEffect provenance { reference } }
    typings {
      scale sourceUrl illustrative note
      variant { number name }
      fuwasys { display }
      sections { section label items { subCategory text illustrative } }
    }
    coreProfile {
      purpose sourceUrl illustrative
      resultAreas { code label results behaviourIndicators }
      competences { name }
    }
    requirements {
      covered
      requirement { code title text sourceReference illustrative }
      coverage { location quote illustrative note }
    }
  }
  decisionLog(groupCode: $code) { decidedOn decision summary sourceUrl }
  me { id allowedOperations }
}"#;

/// Who is signed in, for the header.
pub const ME: &str = r#"query ConsoleMe {
  me { kind id name roles { role label } allowedOperations }
}"#;

/// The coverage matrix of the manager families.
pub const COVERAGE: &str = r#"query ConsoleCoverage($asOf: Date) {
  formatCoverage(asOf: $asOf) {
    requiredCodes
    formats { formatCode formatVersion name missing requirements { requirementCode requirementTitle covered criteria } }
  }
  profileCoverage(asOf: $asOf) {
    asOf
    families {
      family { code name }
      totals { groups checks covered partial missing typingChecks typingsCovered }
      groups {
        group { code name scaleRange { min max } version { number } }
        requirements {
          status
          requirement { code title }
          typings { scale covered }
          coveredBy { location quote illustrative }
        }
      }
    }
  }
}"#;

/// Amendment proposals, newest first.
pub const PROPOSALS: &str = r#"query ConsoleProposals {
  proposals { number state title author authorName requestedEffectiveFrom targetCode functionGroup { code name } }
  me { id allowedOperations }
}"#;

/// One proposal with its diff, comments, advice and decision.
pub const PROPOSAL: &str = r#"query ConsoleProposal($number: Int!) {
  proposal(number: $number) {
    number state title rationale author authorName requestedEffectiveFrom version content
    targetType targetCode baseVersionNumber latestVersionNumber
    functionGroup { code name versions { number effectiveFrom } }
    baseVersion { number effectiveFrom }
    adoptedVersion { number effectiveFrom }
    diff { path kind before after words { tag text } }
    comments { authorName text createdAt }
    advice { meetingDate outcome rationale conditions employerMembers unionMembers }
    decision { outcome reference decisionDate }
  }
  me { id allowedOperations }
  responsibilityRequirements { code title }
  ratingScales { code }
}"#;

/// A group's versions with their provenance, and what changed between two of them.
pub const HISTORY: &str = r#"query ConsoleHistory($code: String!, $from: Int!, $to: Int!, $compare: Boolean!) {
  functionGroup(code: $code) {
    code name
    versions {
      number effectiveFrom effectiveTo inEffect illustrative
      provenance { kind reference url decidedOn }
    }
  }
  versionDiff(groupCode: $code, from: $from, to: $to) @include(if: $compare) {
    path kind before after words { tag text }
  }
}"#;

/// The adopted proposals of a group, for its version history (committee roles only).
pub const ADOPTED_PROPOSALS: &str = r#"query ConsoleAdoptedProposals($code: String!) {
  proposals(groupCode: $code, state: ADOPTED) {
    number title
    adoptedVersion { number effectiveFrom }
    advice { meetingDate outcome }
    decision { outcome reference decisionDate }
  }
}"#;

/// A page of the audit trail.
pub const AUDIT_LOG: &str = r#"query ConsoleAuditLog($filter: AuditLogFilter, $after: String) {
  auditLog(filter: $filter, first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { seq occurredAt actor actorRole action targetType targetId before after requestId hash }
  }
}"#;

/// Every operation of the console, by name.
pub const ALL: &[(&str, &str)] = &[
    ("ConsoleFormats", appraisal::FORMATS),
    ("ConsoleFormat", appraisal::FORMAT),
    ("ConsoleAppraisalPreview", appraisal::PREVIEW),
    ("ConsoleClauses", clauses::CLAUSES),
    ("ConsoleClause", clauses::CLAUSE),
    ("ConsoleVacancyText", clauses::VACANCY_TEXT),
    ("ConsoleHistory", HISTORY),
    ("ConsoleAdoptedProposals", ADOPTED_PROPOSALS),
    ("ConsoleAuditLog", AUDIT_LOG),
    ("ConsoleProposals", PROPOSALS),
    ("ConsoleProposal", PROPOSAL),
    ("ConsoleCoverage", COVERAGE),
    ("ConsoleMe", ME),
    ("ConsoleFamilies", FAMILIES),
    ("ConsoleFamily", FAMILY),
    ("ConsoleGroup", GROUP),
];

/// A scale range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleRange {
    /// Lowest.
    pub min: i32,
    /// Highest.
    pub max: i32,
}

impl ScaleRange {
    /// "schaal 12–15" or "schaal 19".
    pub fn label(&self) -> String {
        if self.min == self.max {
            format!("schaal {}", self.min)
        } else {
            format!("schaal {}–{}", self.min, self.max)
        }
    }
}

/// Answer of [`FAMILIES`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FamiliesData {
    /// The families.
    pub job_families: Vec<FamilySummary>,
    /// How many groups the register holds beside the declared totals.
    pub catalogue_totals: CatalogueTotalsView,
}

/// How much of the FGR the register holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogueTotalsView {
    /// Groups held on the date.
    pub held: i32,
    /// What official sources declare.
    pub declared: Vec<DeclaredTotalView>,
}

/// A declared total with its source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeclaredTotalView {
    /// The number.
    pub count: i32,
    /// Its source.
    pub source: Option<SourceView>,
}

/// A source document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceView {
    /// Title.
    pub title: String,
    /// Citation.
    pub reference: String,
    /// Link.
    pub url: Option<String>,
}

impl CatalogueTotalsView {
    /// "44 van de 61–63 functiegroepen", the declared range from the lowest to the highest.
    pub fn summary(&self) -> String {
        let counts = self.declared.iter().map(|d| d.count);
        match (counts.clone().min(), counts.max()) {
            (Some(lo), Some(hi)) if lo != hi => {
                format!("{} van de {lo}–{hi} functiegroepen", self.held)
            }
            (Some(n), _) => format!("{} van de {n} functiegroepen", self.held),
            _ => format!("{} functiegroepen", self.held),
        }
    }
}

/// A family on the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FamilySummary {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Definition.
    pub definition: Option<String>,
    /// Manager family?
    pub is_manager_family: bool,
    /// What is missing.
    pub data_note: Option<String>,
    /// Its groups.
    pub function_groups: Vec<GroupSummary>,
}

/// A group in a listing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupSummary {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Scales.
    pub scale_range: ScaleRange,
}

/// Answer of [`FAMILY`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FamilyData {
    /// The family, if it exists.
    pub job_family: Option<FamilyDetail>,
}

/// A family page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FamilyDetail {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Definition.
    pub definition: Option<String>,
    /// Manager family?
    pub is_manager_family: bool,
    /// Source.
    pub source_url: Option<String>,
    /// What is missing.
    pub data_note: Option<String>,
    /// Its groups.
    pub function_groups: Vec<GroupRow>,
}

/// A group row on a family page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRow {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Levels.
    pub work_levels: Vec<String>,
    /// Illustrative?
    pub illustrative: bool,
    /// Is the family our inference?
    pub family_inferred: bool,
    /// Is the range only the scales seen?
    pub scales_inferred: bool,
    /// What is missing, uncertain or inferred.
    pub data_note: Option<String>,
    /// Scales.
    pub scale_range: ScaleRange,
    /// Version shown.
    pub version: VersionSummary,
}

/// A version number and start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary {
    /// Number.
    pub number: i32,
    /// First day in effect.
    pub effective_from: String,
}

/// Answer of [`GROUP`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupData {
    /// The group, if it exists on the date.
    pub function_group: Option<GroupDetail>,
    /// The owner's historical decisions on the group.
    pub decision_log: Vec<DecisionView>,
    /// Who is asking.
    pub me: Viewer,
}

/// A historical decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionView {
    /// Date.
    pub decided_on: String,
    /// Who decided.
    pub decision: String,
    /// What changed.
    pub summary: String,
    /// Source.
    pub source_url: String,
}

/// A family reference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FamilyRef {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// The group page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupDetail {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Levels.
    pub work_levels: Vec<String>,
    /// Site id.
    pub fgr_site_id: Option<i32>,
    /// Added on.
    pub added_on: Option<String>,
    /// Source.
    pub source_url: Option<String>,
    /// Illustrative?
    pub illustrative: bool,
    /// What is missing.
    pub data_note: Option<String>,
    /// Is the family our inference?
    pub family_inferred: bool,
    /// Is the range only the scales seen?
    pub scales_inferred: bool,
    /// Scales.
    pub scale_range: ScaleRange,
    /// Family.
    pub family: FamilyRef,
    /// The version shown.
    pub version: VersionDetail,
    /// All versions.
    pub versions: Vec<VersionListItem>,
    /// Typings.
    pub typings: Vec<TypingView>,
    /// Core profile.
    pub core_profile: Option<CoreProfileView>,
    /// Requirements.
    pub requirements: Vec<RequirementStatusView>,
}

/// Provenance of a version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvenanceView {
    /// SEED or DECISION.
    pub kind: String,
    /// Reference.
    pub reference: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Decision date.
    pub decided_on: Option<String>,
}

/// The version shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionDetail {
    /// Number.
    pub number: i32,
    /// From.
    pub effective_from: String,
    /// To.
    pub effective_to: Option<String>,
    /// Illustrative?
    pub illustrative: bool,
    /// Note.
    pub note: Option<String>,
    /// Provenance.
    pub provenance: ProvenanceView,
}

/// Provenance reference only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvenanceRef {
    /// Reference.
    pub reference: Option<String>,
}

/// A version in the history list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionListItem {
    /// Number.
    pub number: i32,
    /// From.
    pub effective_from: String,
    /// To.
    pub effective_to: Option<String>,
    /// In effect on the date shown?
    pub in_effect: bool,
    /// Provenance.
    pub provenance: ProvenanceRef,
}

/// A FUWASYS display string.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FuwasysView {
    /// E.g. `44443 44434 43 43 (52)`.
    pub display: String,
}

/// A typing item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypingItemView {
    /// Sub-category.
    pub sub_category: Option<String>,
    /// Text.
    pub text: String,
    /// Illustrative?
    pub illustrative: bool,
}

/// A typing section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypingSectionView {
    /// Section code.
    pub section: String,
    /// Heading.
    pub label: String,
    /// Items.
    pub items: Vec<TypingItemView>,
}

/// A named variant of a scale's typing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypingVariantView {
    /// 1, 2, …
    pub number: i32,
    /// Its published name.
    pub name: Option<String>,
}

/// A typing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypingView {
    /// Scale.
    pub scale: i32,
    /// Source.
    pub source_url: Option<String>,
    /// Illustrative?
    pub illustrative: bool,
    /// A remark on the typing's data (e.g. an invalid published FUWASYS string, quoted).
    pub note: Option<String>,
    /// Which named variant of the scale this is, if the scale has variants.
    pub variant: Option<TypingVariantView>,
    /// FUWASYS.
    pub fuwasys: Option<FuwasysView>,
    /// Sections.
    pub sections: Vec<TypingSectionView>,
}

/// A result area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultAreaView {
    /// Code.
    pub code: String,
    /// Label.
    pub label: String,
    /// Results.
    pub results: Vec<String>,
    /// Behaviour indicators.
    pub behaviour_indicators: Vec<String>,
}

/// A competence name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompetenceRef {
    /// Name.
    pub name: String,
}

/// A core profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoreProfileView {
    /// Purpose.
    pub purpose: Option<String>,
    /// Source.
    pub source_url: Option<String>,
    /// Illustrative?
    pub illustrative: bool,
    /// Areas.
    pub result_areas: Vec<ResultAreaView>,
    /// Competences.
    pub competences: Vec<CompetenceRef>,
}

/// A requirement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequirementView {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
    /// Citation.
    pub source_reference: String,
    /// Illustrative?
    pub illustrative: bool,
}

/// A coverage link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoverageView {
    /// Where.
    pub location: String,
    /// Quote.
    pub quote: String,
    /// Illustrative?
    pub illustrative: bool,
    /// Note.
    pub note: Option<String>,
}

/// A requirement's status in the group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequirementStatusView {
    /// Covered?
    pub covered: bool,
    /// The requirement.
    pub requirement: RequirementView,
    /// Where covered.
    pub coverage: Vec<CoverageView>,
}

/// Answer of [`ME`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeData {
    /// The caller.
    pub me: Me,
}

/// The caller.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    /// `ANONYMOUS`, `PERSON` or `MACHINE`.
    pub kind: String,
    /// Subject.
    pub id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Roles.
    pub roles: Vec<RoleGrantView>,
    /// What the caller may do.
    pub allowed_operations: Vec<String>,
}

/// A role with its label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleGrantView {
    /// Role code, e.g. `COMMITTEE_MEMBER`.
    pub role: String,
    /// Dutch label.
    pub label: String,
}

/// Answer of [`COVERAGE`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageData {
    /// The report.
    pub profile_coverage: CoverageReportView,
    /// Whether the manager formats appraise the requirements.
    pub format_coverage: appraisal::FormatCoverageView,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageReportView {
    /// Date judged.
    pub as_of: String,
    /// Per family.
    pub families: Vec<FamilyCoverageView>,
}

/// A family's part.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FamilyCoverageView {
    /// The family.
    pub family: FamilyRef,
    /// Totals.
    pub totals: CoverageTotalsView,
    /// Groups.
    pub groups: Vec<GroupCoverageView>,
}

/// Totals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageTotalsView {
    /// Groups.
    pub groups: i32,
    /// Cells.
    pub checks: i32,
    /// Covered cells.
    pub covered: i32,
    /// Partly covered cells.
    pub partial: i32,
    /// Missing cells.
    pub missing: i32,
    /// Typing checks.
    pub typing_checks: i32,
    /// Typing checks covered.
    pub typings_covered: i32,
}

/// A group in the matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoverageGroupRef {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Scales.
    #[serde(rename = "scaleRange")]
    pub scale_range: ScaleRange,
    /// Version judged.
    pub version: VersionNumber,
}

/// A version number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionNumber {
    /// Number.
    pub number: i32,
}

/// A group's row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupCoverageView {
    /// The group.
    pub group: CoverageGroupRef,
    /// Cells.
    pub requirements: Vec<CoverageCellView>,
}

/// A requirement reference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequirementRef {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
}

/// A typing's coverage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypingCoverageView {
    /// Scale.
    pub scale: i32,
    /// Covered?
    pub covered: bool,
}

/// What covers a requirement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoveredByView {
    /// Where.
    pub location: String,
    /// Quote.
    pub quote: String,
    /// Illustrative?
    pub illustrative: bool,
}

/// A cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageCellView {
    /// `COVERED`, `PARTIAL` or `MISSING`.
    pub status: String,
    /// The requirement.
    pub requirement: RequirementRef,
    /// Per typing.
    pub typings: Vec<TypingCoverageView>,
    /// What covers it.
    pub covered_by: Vec<CoveredByView>,
}

/// Answer of [`PROPOSALS`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalsData {
    /// The proposals.
    pub proposals: Vec<ProposalSummary>,
    /// Who is asking.
    pub me: Viewer,
}

/// Who is asking, and what they may do.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Viewer {
    /// Subject (null for anonymous callers).
    pub id: Option<String>,
    /// Operations allowed, e.g. `PROPOSE_AMENDMENT`.
    pub allowed_operations: Vec<String>,
}

impl Viewer {
    /// Whether the viewer may perform `operation`.
    pub fn may(&self, operation: &str) -> bool {
        self.allowed_operations.iter().any(|o| o == operation)
    }
}

/// A proposal in a listing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalSummary {
    /// Number.
    pub number: i32,
    /// State.
    pub state: Option<String>,
    /// Title.
    pub title: String,
    /// Author's subject (hidden from those who do not see identities).
    pub author: Option<String>,
    /// Author (hidden likewise).
    pub author_name: Option<String>,
    /// Requested date.
    pub requested_effective_from: String,
    /// The code of the group or format amended.
    pub target_code: String,
    /// Group.
    pub function_group: Option<FamilyRef>,
}

/// Answer of [`PROPOSAL`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalData {
    /// The proposal, if it exists.
    pub proposal: Option<ProposalDetail>,
    /// Who is asking.
    pub me: Viewer,
    /// The requirements a coverage link can name.
    pub responsibility_requirements: Vec<RequirementRef>,
    /// The rating scales a criterion can use.
    pub rating_scales: Vec<ScaleCode>,
}

/// A rating scale's code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleCode {
    /// Code.
    pub code: String,
}

/// The group a proposal amends, with its version numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalGroup {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Its versions, oldest first.
    pub versions: Vec<VersionRef>,
}

/// Answer of [`HISTORY`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryData {
    /// The group.
    pub function_group: Option<HistoryGroup>,
    /// The diff, when two versions were compared.
    #[serde(default)]
    pub version_diff: Option<Vec<FieldChangeView>>,
}

/// A group with its versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryGroup {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Versions, oldest first.
    pub versions: Vec<HistoryVersion>,
}

/// A version in the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryVersion {
    /// Number.
    pub number: i32,
    /// From.
    pub effective_from: String,
    /// Until.
    pub effective_to: Option<String>,
    /// In effect today.
    pub in_effect: bool,
    /// Inferred rather than confirmed.
    pub illustrative: bool,
    /// Provenance.
    pub provenance: ProvenanceView,
}

/// Answer of [`ADOPTED_PROPOSALS`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdoptedProposalsData {
    /// The proposals.
    pub proposals: Vec<AdoptedProposal>,
}

/// A proposal that made a version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdoptedProposal {
    /// Number.
    pub number: i32,
    /// Title.
    pub title: String,
    /// The version it made.
    pub adopted_version: Option<VersionRef>,
    /// The committee's advice.
    pub advice: Option<AdviceSummary>,
    /// The owner's decision.
    pub decision: Option<DecisionOutcomeView>,
}

/// Meeting and outcome of an advice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdviceSummary {
    /// Meeting date.
    pub meeting_date: String,
    /// Outcome.
    pub outcome: String,
}

/// Answer of [`AUDIT_LOG`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditLogData {
    /// The page.
    pub audit_log: AuditPage,
}

/// A page of audit entries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    /// Entries matching the filter.
    pub total_count: i32,
    /// Paging.
    pub page_info: PageInfoView,
    /// The entries.
    pub nodes: Vec<AuditEntryView>,
}

/// Paging.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageInfoView {
    /// More after this page.
    pub has_next_page: bool,
    /// Cursor of the last entry.
    pub end_cursor: Option<String>,
}

/// An audit entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryView {
    /// Sequence number.
    pub seq: i32,
    /// When.
    pub occurred_at: String,
    /// Who.
    pub actor: String,
    /// In which role.
    pub actor_role: String,
    /// What.
    pub action: String,
    /// Kind of target.
    pub target_type: String,
    /// Target.
    pub target_id: String,
    /// Before (JSON).
    pub before: Option<String>,
    /// After (JSON).
    pub after: Option<String>,
    /// Request.
    pub request_id: String,
    /// Chain hash.
    pub hash: String,
}

/// A version number and start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionRef {
    /// Number.
    pub number: i32,
    /// From.
    pub effective_from: String,
}

/// A run of words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WordRunView {
    /// `EQUAL`, `INSERT` or `DELETE`.
    pub tag: String,
    /// Text.
    pub text: String,
}

/// A changed field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChangeView {
    /// Where.
    pub path: String,
    /// `ADDED`, `REMOVED` or `CHANGED`.
    pub kind: String,
    /// Old text.
    pub before: Option<String>,
    /// New text.
    pub after: Option<String>,
    /// Word diff.
    pub words: Vec<WordRunView>,
}

/// A comment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentView {
    /// Author (hidden from those who do not see identities).
    pub author_name: Option<String>,
    /// Text.
    pub text: String,
    /// When.
    pub created_at: String,
}

/// The committee's advice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdviceView {
    /// Meeting.
    pub meeting_date: String,
    /// Outcome.
    pub outcome: String,
    /// Why.
    pub rationale: String,
    /// Conditions.
    pub conditions: Option<String>,
    /// Employers present.
    pub employer_members: Vec<String>,
    /// Unions present.
    pub union_members: Vec<String>,
}

/// The owner's decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionOutcomeView {
    /// Outcome.
    pub outcome: String,
    /// Reference.
    pub reference: String,
    /// Date.
    pub decision_date: String,
}

/// The proposal page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalDetail {
    /// Number.
    pub number: i32,
    /// State.
    pub state: Option<String>,
    /// Title.
    pub title: String,
    /// Why.
    pub rationale: String,
    /// Author's subject (hidden from those who do not see identities).
    pub author: Option<String>,
    /// Author (hidden likewise).
    pub author_name: Option<String>,
    /// Requested date.
    pub requested_effective_from: String,
    /// Concurrency token.
    pub version: i32,
    /// The proposed document (group content or format sections).
    pub content: serde_json::Value,
    /// `FUNCTION_GROUP` or `APPRAISAL_FORMAT`.
    pub target_type: String,
    /// The code of the group or format amended.
    pub target_code: String,
    /// The version it edits.
    pub base_version_number: i32,
    /// The target's newest version.
    pub latest_version_number: i32,
    /// Group.
    pub function_group: Option<ProposalGroup>,
    /// Base version.
    pub base_version: Option<VersionRef>,
    /// Adopted version.
    pub adopted_version: Option<VersionRef>,
    /// Diff against the base.
    pub diff: Vec<FieldChangeView>,
    /// Comments.
    pub comments: Vec<CommentView>,
    /// Advice.
    pub advice: Option<AdviceView>,
    /// Decision.
    pub decision: Option<DecisionOutcomeView>,
}
