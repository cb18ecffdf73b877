//! `me`: who is asking and what they may do, so clients show only actions that will succeed.

use async_graphql::{Context, Enum, Object, SimpleObject};

use crate::domain::access::{self, AccessPolicy, Principal};

/// The identity query fields.
#[derive(Default)]
pub struct IdentityQuery;

/// What kind of caller.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalKind {
    /// Not signed in.
    Anonymous,
    /// A person with a session.
    Person,
    /// A machine client with a credential.
    Machine,
}

/// A role.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Reads the catalogue, drafts and proposals.
    Viewer,
    /// ABD recruiter.
    Recruiter,
    /// Member of the Standaardisatiecommissie.
    CommitteeMember,
    /// Secretary of the committee.
    CommitteeSecretary,
    /// FGR beheer.
    Maintainer,
    /// Runs the system.
    Admin,
}

impl From<access::Role> for Role {
    fn from(r: access::Role) -> Self {
        match r {
            access::Role::Viewer => Self::Viewer,
            access::Role::Recruiter => Self::Recruiter,
            access::Role::CommitteeMember => Self::CommitteeMember,
            access::Role::CommitteeSecretary => Self::CommitteeSecretary,
            access::Role::Maintainer => Self::Maintainer,
            access::Role::Admin => Self::Admin,
        }
    }
}

/// An operation of the register.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Read the published catalogue.
    ReadCatalogue,
    /// Read who you are.
    ReadOwnIdentity,
    /// Read the audit trail.
    ReadAudit,
    /// Read proposals, advice and decisions.
    ReadProposals,
    /// Propose amendments.
    ProposeAmendment,
    /// Record the committee's advice.
    RecordAdvice,
    /// Record the owner's decision.
    RecordDecision,
    /// Read vacancy clauses and assemble vacancy texts.
    ReadClauses,
    /// Add, revise and retire vacancy clauses.
    EditClauses,
    /// Read appraisal formats, criteria and rating scales.
    ReadCriteria,
    /// Read the change feed.
    ReadChanges,
    /// Import a catalogue file (FGR beheer).
    ImportCatalogue,
    /// Read the server's metrics (`GET /metrics`).
    ReadMetrics,
}

impl From<access::Operation> for Operation {
    fn from(o: access::Operation) -> Self {
        match o {
            access::Operation::ReadCatalogue => Self::ReadCatalogue,
            access::Operation::ReadOwnIdentity => Self::ReadOwnIdentity,
            access::Operation::ReadAudit => Self::ReadAudit,
            access::Operation::ReadProposals => Self::ReadProposals,
            access::Operation::ProposeAmendment => Self::ProposeAmendment,
            access::Operation::RecordAdvice => Self::RecordAdvice,
            access::Operation::RecordDecision => Self::RecordDecision,
            access::Operation::ReadClauses => Self::ReadClauses,
            access::Operation::EditClauses => Self::EditClauses,
            access::Operation::ReadCriteria => Self::ReadCriteria,
            access::Operation::ReadChanges => Self::ReadChanges,
            access::Operation::ImportCatalogue => Self::ImportCatalogue,
            access::Operation::ReadMetrics => Self::ReadMetrics,
        }
    }
}

/// A role held, with its Dutch label.
#[derive(SimpleObject)]
pub struct RoleGrant {
    /// The role.
    pub role: Role,
    /// How the console names it.
    pub label: String,
}

/// Who is asking.
#[derive(SimpleObject)]
pub struct Viewer {
    /// Anonymous, person or machine.
    pub kind: PrincipalKind,
    /// The person's subject or the machine's client id.
    pub id: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// E-mail, for persons whose provider gives one.
    pub email: Option<String>,
    /// A person's roles.
    pub roles: Vec<RoleGrant>,
    /// A machine's scopes, e.g. `criteria:read`.
    pub scopes: Vec<String>,
    /// Everything this caller may do.
    pub allowed_operations: Vec<Operation>,
}

#[Object]
impl IdentityQuery {
    /// Who is asking, and what they may do.
    async fn me(&self, ctx: &Context<'_>) -> Viewer {
        let principal = super::principal(ctx).clone();
        let policy = ctx.data_opt::<AccessPolicy>().copied().unwrap_or_default();
        let allowed_operations = policy
            .allowed_operations(&principal)
            .into_iter()
            .map(Operation::from)
            .collect();
        match principal {
            Principal::Anonymous => Viewer {
                kind: PrincipalKind::Anonymous,
                id: None,
                name: None,
                email: None,
                roles: Vec::new(),
                scopes: Vec::new(),
                allowed_operations,
            },
            Principal::Person(p) => Viewer {
                kind: PrincipalKind::Person,
                id: Some(p.subject),
                name: Some(p.name),
                email: p.email,
                roles: p
                    .roles
                    .into_iter()
                    .map(|r| RoleGrant {
                        role: r.into(),
                        label: r.label().to_owned(),
                    })
                    .collect(),
                scopes: Vec::new(),
                allowed_operations,
            },
            Principal::Machine(m) => Viewer {
                kind: PrincipalKind::Machine,
                id: Some(m.client_id),
                name: Some(m.name),
                email: None,
                roles: Vec::new(),
                scopes: m.scopes.iter().map(|s| s.code().to_owned()).collect(),
                allowed_operations,
            },
        }
    }
}
