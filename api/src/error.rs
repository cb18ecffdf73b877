//! The domain error: every failure a caller can see, each with a stable code.

use std::fmt;

/// A failure of a domain operation. Adapters map it to their own shape (a GraphQL error with
/// `extensions.code`, an HTTP status, a CLI message); the code is the contract.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The caller sent something the rules refuse; the message says what and why.
    #[error("{message}")]
    BadInput {
        /// Which argument or field, e.g. `scale`.
        field: String,
        /// A sentence for the user.
        message: String,
    },
    /// The thing asked for does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The caller must sign in (or send a valid credential) first.
    #[error("{0}")]
    Unauthenticated(String),
    /// The caller is known, but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Someone else changed the same thing first (a stale version, a concurrent change).
    #[error("{0}")]
    Conflict(String),
    /// The workflow does not allow this step in the current state.
    #[error("{0}")]
    InvalidTransition(String),
    /// A document (an import file) breaks rules in several places; each is named. Nothing was
    /// changed.
    #[error("{}", summary(.0))]
    Invalid(Vec<Problem>),
    /// Something failed inside; the cause is logged with `reference`, never shown.
    #[error("internal error (reference {reference})")]
    Internal {
        /// A reference to find the logged cause.
        reference: String,
    },
}

/// One place in a document that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, as a path into the document with the group's code where there is one, e.g.
    /// `groups[3] MANAGER .versions[0].content.typings[2].fuwasys`, or `line 12, column 5`.
    pub place: String,
    /// A sentence for the user.
    pub message: String,
}

/// At most this many problems are spelled out in the message (all are in the list).
const PROBLEMS_IN_MESSAGE: usize = 20;

fn summary(problems: &[Problem]) -> String {
    let mut out = match problems.len() {
        1 => "het bestand bevat 1 fout; er is niets gewijzigd".to_owned(),
        n => format!("het bestand bevat {n} fouten; er is niets gewijzigd"),
    };
    for p in problems.iter().take(PROBLEMS_IN_MESSAGE) {
        out.push_str(&format!("\n{}: {}", p.place, p.message));
    }
    if problems.len() > PROBLEMS_IN_MESSAGE {
        out.push_str(&format!(
            "\n… en {} meer",
            problems.len() - PROBLEMS_IN_MESSAGE
        ));
    }
    out
}

/// A short reference for a logged internal failure.
fn next_reference() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(1);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    format!("E{t:x}-{n}")
}

impl DomainError {
    /// A bad-input error on `field`.
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Logs `cause` and returns an error that tells the caller only a reference to it.
    pub fn internal(cause: impl fmt::Display) -> Self {
        let reference = next_reference();
        tracing::error!(%reference, %cause, "internal error");
        Self::Internal { reference }
    }

    /// The stable machine-readable code: `BAD_USER_INPUT`, `NOT_FOUND`, `UNAUTHENTICATED`,
    /// `FORBIDDEN` or `INTERNAL`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadInput { .. } | Self::Invalid(_) => "BAD_USER_INPUT",
            Self::NotFound(_) => "NOT_FOUND",
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::Conflict(_) => "CONFLICT",
            Self::InvalidTransition(_) => "INVALID_TRANSITION",
            Self::Internal { .. } => "INTERNAL",
        }
    }
}

impl From<sea_orm::DbErr> for DomainError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::internal(err)
    }
}

/// The result of a domain operation.
pub type DomainResult<T> = Result<T, DomainError>;
