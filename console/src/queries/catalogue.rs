//! The catalogue: families, groups with their versions and content, coverage, the caller, the
//! audit trail, and the catalogue import.

// The modules and fields graphql_client generates carry no docs; the schema documents them.
#![allow(missing_docs)]

#[allow(unused_imports)]
use super::*;

operation!(
    /// The header's search: groups, typings, requirements and clauses that a text names.
    ConsoleSearch, "queries/search.graphql"
);
operation!(
    /// Who is signed in, for the header. Generates `Operation`, `PrincipalKind` and `Role`.
    ConsoleMe, "queries/me.graphql"
);
operation!(
    /// The families with their groups, for the home page.
    ConsoleFamilies, "queries/families.graphql"
);
operation!(
    /// One family with its groups.
    ConsoleFamily, "queries/family.graphql"
);
operation!(
    /// One group with all of its content. Generates `ProvenanceKind` and `TypingSectionKind`.
    ConsoleGroup, "queries/group.graphql", shares("Operation")
);
operation!(
    /// One typing as its printable document.
    ConsoleTyping, "queries/typing.graphql"
);
operation!(
    /// A group's versions with their provenance.
    ConsoleHistory, "queries/history.graphql", shares("ProvenanceKind")
);
operation!(
    /// What changed between two versions of a group.
    ConsoleVersionDiff, "queries/version_diff.graphql", shares("ChangeKind", "WordTag")
);
operation!(
    /// The coverage matrix of the manager families, and the formats' coverage.
    ConsoleCoverage, "queries/coverage.graphql", shares("Operation")
);
operation!(
    /// Every group with its scales, for the choosers of the composer and the criteria preview.
    ConsoleGroupChoices, "queries/group_choices.graphql"
);
operation!(
    /// A page of the audit trail.
    ConsoleAuditLog, "queries/audit_log.graphql"
);
operation!(
    /// Checks (`dryRun: true`) or takes in a catalogue file (FGR beheer).
    ConsoleImportCatalogue, "queries/import_catalogue.graphql", shares("ChangeKind", "WordTag")
);

field_changes![
    console_version_diff::ConsoleVersionDiffVersionDiff / ConsoleVersionDiffVersionDiffWords,
    console_import_catalogue::ConsoleImportCatalogueImportCatalogueGroupsChanges
        / ConsoleImportCatalogueImportCatalogueGroupsChangesWords,
];
viewer![
    console_group::ConsoleGroupMe,
    console_me::ConsoleMeMe,
    console_coverage::ConsoleCoverageMe
];
scale_ranges![
    console_families::ConsoleFamiliesJobFamiliesFunctionGroupsScaleRange,
    console_family::ConsoleFamilyJobFamilyFunctionGroupsScaleRange,
    console_group::ConsoleGroupFunctionGroupScaleRange,
    console_coverage::ConsoleCoverageProfileCoverageFamiliesGroupsGroupScaleRange,
    console_group_choices::ConsoleGroupChoicesFunctionGroupsNodesScaleRange,
];

impl console_families::ConsoleFamiliesCatalogueTotals {
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

/// The group page's answer.
pub type GroupData = console_group::ResponseData;
/// The group page.
pub type GroupDetail = console_group::ConsoleGroupFunctionGroup;
/// The version shown on the group page.
pub type VersionDetail = console_group::ConsoleGroupFunctionGroupVersion;
/// A version in the group page's history list.
pub type VersionListItem = console_group::ConsoleGroupFunctionGroupVersions;
/// A typing of the group.
pub type TypingView = console_group::ConsoleGroupFunctionGroupTypings;
/// A bullet of a typing.
pub type TypingItemView = console_group::ConsoleGroupFunctionGroupTypingsSectionsItems;
/// The group's core profile.
pub type CoreProfileView = console_group::ConsoleGroupFunctionGroupCoreProfile;
/// A requirement's status in the group.
pub type RequirementStatusView = console_group::ConsoleGroupFunctionGroupRequirements;
/// A historical decision about the group.
pub type DecisionView = console_group::ConsoleGroupDecisionLog;
/// A group with its versions, for the history page.
pub type HistoryGroup = console_history::ConsoleHistoryFunctionGroup;
/// A manager family's part of the coverage matrix.
pub type FamilyCoverageView = console_coverage::ConsoleCoverageProfileCoverageFamilies;
/// One search hit.
pub type SearchHitView = console_search::ConsoleSearchSearch;
/// A requirement's cell in the coverage matrix.
pub type CoverageCellView =
    console_coverage::ConsoleCoverageProfileCoverageFamiliesGroupsRequirements;
/// The formats' part of the coverage page.
pub type FormatCoverageView = console_coverage::ConsoleCoverageFormatCoverage;
/// A typing with its group and version, for the printable page.
pub type TypingDocument = console_typing::ConsoleTypingTyping;
/// A page of the audit trail.
pub type AuditPage = console_audit_log::ConsoleAuditLogAuditLog;
/// A group to choose, with its scales.
pub type GroupChoice = console_group_choices::ConsoleGroupChoicesFunctionGroupsNodes;
/// What an import did or would do.
pub type ImportView = console_import_catalogue::ConsoleImportCatalogueImportCatalogue;
