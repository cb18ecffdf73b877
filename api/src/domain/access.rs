//! Who may do what. Every operation of every adapter (GraphQL, console, CLI) is decided here,
//! from one table; an operation without a rule is refused.

use std::collections::BTreeSet;
use std::fmt;

use crate::error::DomainError;

/// A person's role, mapped from the identity provider's claim (see the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads the catalogue, drafts and proposals.
    Viewer,
    /// ABD recruiter: reads and assembles vacancy texts.
    Recruiter,
    /// Member of the Standaardisatiecommissie.
    CommitteeMember,
    /// Secretary of the committee: records advice.
    CommitteeSecretary,
    /// FGR beheer: records decisions on behalf of the owner, maintains clauses and formats.
    Maintainer,
    /// Runs the system.
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: [Self; 6] = [
        Self::Viewer,
        Self::Recruiter,
        Self::CommitteeMember,
        Self::CommitteeSecretary,
        Self::Maintainer,
        Self::Admin,
    ];

    /// The name used in configuration and claims, e.g. `committee_member`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Recruiter => "recruiter",
            Self::CommitteeMember => "committee_member",
            Self::CommitteeSecretary => "committee_secretary",
            Self::Maintainer => "maintainer",
            Self::Admin => "admin",
        }
    }

    /// The role named `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The Dutch label the console shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Viewer => "Raadpleger",
            Self::Recruiter => "Recruiter (ABD)",
            Self::CommitteeMember => "Lid Standaardisatiecommissie",
            Self::CommitteeSecretary => "Secretaris Standaardisatiecommissie",
            Self::Maintainer => "FGR-beheer",
            Self::Admin => "Beheerder",
        }
    }
}

/// What a machine credential may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The published catalogue.
    CatalogueRead,
    /// Appraisal criteria.
    CriteriaRead,
    /// Standard vacancy clauses.
    ClausesRead,
    /// The change feed.
    ChangesRead,
    /// The server's metrics (`GET /metrics`), for a Prometheus scraper.
    MetricsRead,
}

impl Scope {
    /// Every scope.
    pub const ALL: [Self; 5] = [
        Self::CatalogueRead,
        Self::CriteriaRead,
        Self::ClausesRead,
        Self::ChangesRead,
        Self::MetricsRead,
    ];

    /// The OAuth scope string, e.g. `catalogue:read`.
    pub fn code(self) -> &'static str {
        match self {
            Self::CatalogueRead => "catalogue:read",
            Self::CriteriaRead => "criteria:read",
            Self::ClausesRead => "clauses:read",
            Self::ChangesRead => "changes:read",
            Self::MetricsRead => "metrics:read",
        }
    }

    /// The scope named `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A signed-in person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The identity provider's subject (`sub`), or `dev:<role>` for the local sign-in.
    pub subject: String,
    /// Display name.
    pub name: String,
    /// E-mail address, when the provider gives one.
    pub email: Option<String>,
    /// Roles; every person has at least `viewer`.
    pub roles: BTreeSet<Role>,
}

/// How a machine proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// An access token (JWT) from the identity provider, client-credentials grant.
    ProviderToken,
    /// An API token issued by `fgr clients create`.
    ApiToken,
}

/// A machine client (appraisal tool, vacancy site).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    /// The client's id.
    pub client_id: String,
    /// The client's name.
    pub name: String,
    /// What it may read.
    pub scopes: BTreeSet<Scope>,
    /// How it authenticated.
    pub credential: Credential,
    /// Whether it may only send persisted operations (see `fgr operations add`).
    pub trusted_documents_only: bool,
}

/// Whoever makes a request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Principal {
    /// Nobody signed in.
    #[default]
    Anonymous,
    /// A person with a session.
    Person(Person),
    /// A machine with a credential.
    Machine(Machine),
}

impl Principal {
    /// Whether this is a machine client that may only send persisted operations.
    pub fn trusted_documents_only(&self) -> bool {
        matches!(self, Self::Machine(m) if m.trusted_documents_only)
    }

    /// A short description for logs (never a credential).
    pub fn describe(&self) -> String {
        match self {
            Self::Anonymous => "anonymous".into(),
            Self::Person(p) => format!("person {}", p.subject),
            Self::Machine(m) => format!("machine {}", m.client_id),
        }
    }
}

/// Everything the register lets anyone do. GraphQL root fields map onto these in
/// [`ROOT_FIELDS`]; the console and the CLI name them directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Operation {
    /// Read the published catalogue (families, groups, typings, profiles, requirements).
    ReadCatalogue,
    /// Read who you are and what you may do.
    ReadOwnIdentity,
    /// Read the audit trail (who changed what, when).
    ReadAudit,
    /// Read amendment proposals, advice and decisions.
    ReadProposals,
    /// Propose an amendment, edit, submit or withdraw one's own proposal.
    ProposeAmendment,
    /// Record the committee's advice (the secretary).
    RecordAdvice,
    /// Record the owner's decision and adopt (FGR beheer on behalf of DG DOO).
    RecordDecision,
    /// Read the standard vacancy clauses and assemble vacancy texts.
    ReadClauses,
    /// Add, revise and retire vacancy clauses (FGR beheer, the committee's secretary).
    EditClauses,
    /// Read appraisal formats, criteria and rating scales.
    ReadCriteria,
    /// Read the change feed.
    ReadChanges,
    /// Take in a catalogue file: add groups and new versions (FGR beheer).
    ImportCatalogue,
    /// Read the server's metrics (a scraper's token with `metrics:read`, or an admin).
    ReadMetrics,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Self; 13] = [
        Self::ReadCatalogue,
        Self::ReadOwnIdentity,
        Self::ReadAudit,
        Self::ReadProposals,
        Self::ProposeAmendment,
        Self::RecordAdvice,
        Self::RecordDecision,
        Self::ReadClauses,
        Self::EditClauses,
        Self::ReadCriteria,
        Self::ReadChanges,
        Self::ImportCatalogue,
        Self::ReadMetrics,
    ];
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

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

/// The deployment's access settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessPolicy {
    /// Whether the published catalogue is readable without signing in (`FGR_PUBLIC_READ`).
    pub public_read: bool,
}

impl Default for AccessPolicy {
    fn default() -> Self {
        Self { public_read: true }
    }
}

impl AccessPolicy {
    /// Whether `principal` sees who did what: the people behind proposals, comments, advice,
    /// decisions and audit entries. One rule for every place identities show: those who may read
    /// the audit trail (the committee and FGR beheer, who answer for changes) see them; viewers,
    /// recruiters and machines see proposals and their history without names.
    pub fn sees_identities(&self, principal: &Principal) -> bool {
        self.authorize(principal, Operation::ReadAudit).is_ok()
    }

    /// Whether `principal` may perform `operation`.
    ///
    /// # Errors
    /// `UNAUTHENTICATED` when signing in would help, `FORBIDDEN` when it would not.
    pub fn authorize(
        &self,
        principal: &Principal,
        operation: Operation,
    ) -> Result<(), DomainError> {
        use Operation::*;
        let allowed = match (operation, principal) {
            (ReadOwnIdentity, _) => true,
            (ReadCatalogue, Principal::Anonymous) => self.public_read,
            (ReadCatalogue, Principal::Person(_)) => true,
            (ReadCatalogue, Principal::Machine(m)) => m.scopes.contains(&Scope::CatalogueRead),
            // The committee and FGR beheer answer for changes; others see no identities.
            (ReadAudit, Principal::Person(p)) => p.roles.iter().any(|r| {
                matches!(
                    r,
                    Role::CommitteeMember
                        | Role::CommitteeSecretary
                        | Role::Maintainer
                        | Role::Admin
                )
            }),
            (ReadAudit, _) => false,
            (ReadProposals, Principal::Person(_)) => true,
            (ProposeAmendment, Principal::Person(p)) => p.roles.iter().any(|r| {
                matches!(
                    r,
                    Role::CommitteeMember
                        | Role::CommitteeSecretary
                        | Role::Maintainer
                        | Role::Admin
                )
            }),
            (RecordAdvice, Principal::Person(p)) => p.roles.contains(&Role::CommitteeSecretary),
            (RecordDecision, Principal::Person(p)) => p.roles.contains(&Role::Maintainer),
            // Importing adds versions as a decision does: FGR beheer records it.
            (ImportCatalogue, Principal::Person(p)) => p.roles.contains(&Role::Maintainer),
            // Vacancy texts are public information, like the catalogue; sites pull them.
            (ReadClauses, Principal::Anonymous) => self.public_read,
            (ReadClauses, Principal::Person(_)) => true,
            (ReadClauses, Principal::Machine(m)) => m.scopes.contains(&Scope::ClausesRead),
            // The formats of the personeelsgesprek are public; appraisal tools pull the criteria.
            (ReadCriteria, Principal::Anonymous) => self.public_read,
            (ReadCriteria, Principal::Person(_)) => true,
            (ReadCriteria, Principal::Machine(m)) => m.scopes.contains(&Scope::CriteriaRead),
            // The feed carries the same public data, for integrations that keep a copy.
            (ReadChanges, Principal::Anonymous) => self.public_read,
            (ReadChanges, Principal::Person(_)) => true,
            (ReadChanges, Principal::Machine(m)) => m.scopes.contains(&Scope::ChangesRead),
            (EditClauses, Principal::Person(p)) => p
                .roles
                .iter()
                .any(|r| matches!(r, Role::Maintainer | Role::CommitteeSecretary)),
            // How the service runs is for the operator's scraper and admins, not the public.
            (ReadMetrics, Principal::Machine(m)) => m.scopes.contains(&Scope::MetricsRead),
            (ReadMetrics, Principal::Person(p)) => p.roles.contains(&Role::Admin),
            (ReadMetrics, Principal::Anonymous) => false,
            // Machines read; they never change anything, and see no proposals.
            (
                ReadProposals | ProposeAmendment | RecordAdvice | RecordDecision | EditClauses
                | ImportCatalogue,
                _,
            ) => false,
        };
        if allowed {
            return Ok(());
        }
        Err(match principal {
            Principal::Anonymous => {
                DomainError::Unauthenticated(format!("{operation} requires signing in"))
            }
            Principal::Machine(_) => {
                DomainError::Forbidden(format!("this credential's scopes do not allow {operation}"))
            }
            Principal::Person(_) => {
                DomainError::Forbidden(format!("your roles do not allow {operation}"))
            }
        })
    }

    /// The operations `principal` may perform, for showing only actions that will succeed.
    pub fn allowed_operations(&self, principal: &Principal) -> Vec<Operation> {
        Operation::ALL
            .into_iter()
            .filter(|op| self.authorize(principal, *op).is_ok())
            .collect()
    }
}

/// The scope a machine lacked, for `WWW-Authenticate: Bearer error="insufficient_scope"`.
pub fn scope_needed(operation: Operation) -> Option<Scope> {
    match operation {
        Operation::ReadCatalogue => Some(Scope::CatalogueRead),
        Operation::ReadClauses => Some(Scope::ClausesRead),
        Operation::ReadCriteria => Some(Scope::CriteriaRead),
        Operation::ReadChanges => Some(Scope::ChangesRead),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn machine(scopes: &[Scope]) -> Principal {
        Principal::Machine(Machine {
            client_id: "tool".into(),
            name: "tool".into(),
            scopes: scopes.iter().copied().collect(),
            credential: Credential::ApiToken,
            trusted_documents_only: false,
        })
    }

    #[test]
    fn the_catalogue_is_public_unless_configured_otherwise() {
        assert!(AccessPolicy { public_read: true }
            .authorize(&Principal::Anonymous, Operation::ReadCatalogue)
            .is_ok());
        let err = AccessPolicy { public_read: false }
            .authorize(&Principal::Anonymous, Operation::ReadCatalogue)
            .unwrap_err();
        assert_eq!(err.code(), crate::error::ErrorCode::Unauthenticated);
    }

    #[test]
    fn machines_need_the_matching_scope() {
        let policy = AccessPolicy::default();
        assert!(policy
            .authorize(&machine(&[Scope::CatalogueRead]), Operation::ReadCatalogue)
            .is_ok());
        let err = policy
            .authorize(&machine(&[Scope::ClausesRead]), Operation::ReadCatalogue)
            .unwrap_err();
        assert_eq!(err.code(), crate::error::ErrorCode::Forbidden);
    }

    #[test]
    fn role_and_scope_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        for scope in Scope::ALL {
            assert_eq!(Scope::from_code(scope.code()), Some(scope));
        }
    }
}
