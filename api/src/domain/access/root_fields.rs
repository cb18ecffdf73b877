//! The table from GraphQL root fields to the operations they perform; a field not in it is
//! refused for everyone.

use super::Operation;

/// Every GraphQL root field (query and mutation) and the operation it performs. A root field
/// that is not listed here is refused for everyone.
pub const ROOT_FIELDS: &[(&str, Operation)] = &[
    ("jobFamilies", Operation::ReadCatalogue),
    ("jobFamily", Operation::ReadCatalogue),
    ("functionGroups", Operation::ReadCatalogue),
    ("functionGroup", Operation::ReadCatalogue),
    ("typing", Operation::ReadCatalogue),
    ("competences", Operation::ReadCatalogue),
    ("responsibilityRequirements", Operation::ReadCatalogue),
    ("node", Operation::ReadCatalogue),
    ("profileCoverage", Operation::ReadCatalogue),
    ("decisionLog", Operation::ReadCatalogue),
    ("versionDiff", Operation::ReadCatalogue),
    ("sourceDocuments", Operation::ReadCatalogue),
    ("catalogueTotals", Operation::ReadCatalogue),
    ("vocabulary", Operation::ReadCatalogue),
    ("search", Operation::ReadCatalogue),
    // Which posts are ABD posts decides which vacancy clauses apply.
    ("abdRule", Operation::ReadClauses),
    ("abdRuleVersions", Operation::ReadClauses),
    ("changeAbdRule", Operation::EditClauses),
    ("importCatalogue", Operation::ImportCatalogue),
    ("auditLog", Operation::ReadAudit),
    ("proposal", Operation::ReadProposals),
    ("proposals", Operation::ReadProposals),
    ("previewProposalDiff", Operation::ProposeAmendment),
    ("createProposal", Operation::ProposeAmendment),
    ("updateProposal", Operation::ProposeAmendment),
    ("submitProposal", Operation::ProposeAmendment),
    ("withdrawProposal", Operation::ProposeAmendment),
    ("rebaseProposal", Operation::ProposeAmendment),
    ("commentOnProposal", Operation::ProposeAmendment),
    ("recordAdvice", Operation::RecordAdvice),
    ("recordDecision", Operation::RecordDecision),
    ("me", Operation::ReadOwnIdentity),
    ("vacancyClauses", Operation::ReadClauses),
    ("vacancyClause", Operation::ReadClauses),
    ("clauseVersionDiff", Operation::ReadClauses),
    ("vacancyText", Operation::ReadClauses),
    ("createVacancyClause", Operation::EditClauses),
    ("reviseVacancyClause", Operation::EditClauses),
    ("retireVacancyClause", Operation::EditClauses),
    ("appraisalFormats", Operation::ReadCriteria),
    ("appraisalFormat", Operation::ReadCriteria),
    ("appraisalCriteria", Operation::ReadCriteria),
    ("ratingScales", Operation::ReadCriteria),
    ("formatCoverage", Operation::ReadCriteria),
    ("formatVersionDiff", Operation::ReadCriteria),
    ("changes", Operation::ReadChanges),
    ("changeEvents", Operation::ReadChanges),
];

/// The operation a root field performs, if it has a rule.
pub fn operation_of_root_field(field: &str) -> Option<Operation> {
    ROOT_FIELDS
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, op)| *op)
}
