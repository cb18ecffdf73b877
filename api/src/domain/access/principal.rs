//! Who makes a request: a person with roles, a machine with scopes and a credential, or nobody.
//! The policy in the parent module judges these.

use std::collections::BTreeSet;

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

    /// What the scope allows, in Dutch, for the audit page.
    pub fn label(self) -> &'static str {
        match self {
            Self::CatalogueRead => "catalogus lezen",
            Self::CriteriaRead => "beoordelingscriteria lezen",
            Self::ClausesRead => "standaardteksten lezen",
            Self::ChangesRead => "wijzigingen volgen",
            Self::MetricsRead => "meetwaarden lezen",
        }
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
