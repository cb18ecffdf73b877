//! Who may do what. Every operation of every adapter (GraphQL, console, CLI) is decided here,
//! from one table; an operation without a rule is refused.

mod principal;
mod root_fields;
#[cfg(test)]
mod tests;

use std::fmt;

use crate::error::DomainError;

pub use principal::{Credential, Machine, Person, Principal, Role, Scope};
pub use root_fields::{operation_of_root_field, ROOT_FIELDS};

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
                DomainError::Unauthenticated(format!("log eerst in ({operation})"))
            }
            Principal::Machine(_) => DomainError::Forbidden(format!(
                "de scopes van deze sleutel staan {operation} niet toe"
            )),
            Principal::Person(_) => {
                DomainError::Forbidden(format!("je rollen staan {operation} niet toe"))
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
