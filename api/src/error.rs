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
    /// The caller holds as many of something as one caller may (open subscriptions); the message
    /// says how many.
    #[error("{0}")]
    TooMany(String),
    /// A document (an import file) breaks rules in several places; each is named. Nothing was
    /// changed.
    #[error("{}", summary(.0))]
    Invalid(Vec<Problem>),
    /// The database cannot be reached (down, restarting, every connection busy past the pool's
    /// deadline, a SQLite file another process holds locked). Nothing was changed; the same
    /// request may succeed in a few seconds. The cause is logged with `reference`.
    #[error("het register is tijdelijk niet beschikbaar; probeer het over enkele seconden opnieuw (referentie {reference})")]
    Unavailable {
        /// A reference to find the logged cause.
        reference: String,
    },
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

    /// Logs `cause` and returns [`DomainError::Unavailable`] with a reference to it.
    pub fn unavailable(cause: impl fmt::Display) -> Self {
        let reference = next_reference();
        tracing::warn!(%reference, %cause, "database unavailable");
        Self::Unavailable { reference }
    }

    /// The stable machine-readable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadInput { .. } | Self::Invalid(_) => ErrorCode::BadUserInput,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::InvalidTransition(_) => ErrorCode::InvalidTransition,
            Self::TooMany(_) => ErrorCode::RateLimited,
            Self::Unavailable { .. } => ErrorCode::Unavailable,
            Self::Internal { .. } => ErrorCode::Internal,
        }
    }
}

/// The codes a caller can meet in `extensions.code` (GraphQL) and in the JSON error body of every
/// other route: the contract programs branch on. Each has one HTTP status, used wherever an
/// answer is not a GraphQL response (CSV and JSON downloads, sign-in, refused requests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The input breaks a rule; `400`.
    BadUserInput,
    /// No such thing; `404`.
    NotFound,
    /// Sign in or send a credential first; `401`.
    Unauthenticated,
    /// Not allowed for this caller; `403`.
    Forbidden,
    /// Someone changed it first; `409`.
    Conflict,
    /// Not in this state of the workflow; `409`.
    InvalidTransition,
    /// Too many at once for one caller; `429`.
    RateLimited,
    /// The database cannot be reached; `503` with `Retry-After`.
    Unavailable,
    /// A defect; `500`.
    Internal,
}

impl ErrorCode {
    /// The code as it travels, e.g. `BAD_USER_INPUT`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadUserInput => "BAD_USER_INPUT",
            Self::NotFound => "NOT_FOUND",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::Conflict => "CONFLICT",
            Self::InvalidTransition => "INVALID_TRANSITION",
            Self::RateLimited => "RATE_LIMITED",
            Self::Unavailable => "UNAVAILABLE",
            Self::Internal => "INTERNAL",
        }
    }

    /// The HTTP status of an answer refused with this code.
    pub fn status(self) -> axum::http::StatusCode {
        use axum::http::StatusCode as S;
        match self {
            Self::BadUserInput => S::BAD_REQUEST,
            Self::NotFound => S::NOT_FOUND,
            Self::Unauthenticated => S::UNAUTHORIZED,
            Self::Forbidden => S::FORBIDDEN,
            Self::Conflict | Self::InvalidTransition => S::CONFLICT,
            Self::RateLimited => S::TOO_MANY_REQUESTS,
            Self::Unavailable => S::SERVICE_UNAVAILABLE,
            Self::Internal => S::INTERNAL_SERVER_ERROR,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What people read for an `INTERNAL` error; the detail stays in the log under its reference.
pub const INTERNAL_MESSAGE: &str = "interne fout; probeer het later opnieuw";

/// How long a client should wait before trying again after `UNAVAILABLE`, in seconds.
pub const RETRY_AFTER_SECONDS: u32 = 5;

impl From<sea_orm::DbErr> for DomainError {
    fn from(err: sea_orm::DbErr) -> Self {
        if database_unreachable(&err) {
            Self::unavailable(err)
        } else {
            Self::internal(err)
        }
    }
}

/// Whether `err` says the database could not be reached or used for now, rather than that a
/// statement was wrong: no connection within the pool's deadline, a connection lost mid-statement,
/// a server shutting down or starting, a SQLite file locked by another process.
pub fn database_unreachable(err: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    let sqlx = match err {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        DbErr::Conn(_) => return true,
        _ => return false,
    };
    match sqlx.as_ref() {
        Sqlx::Io(_)
        | Sqlx::PoolTimedOut
        | Sqlx::PoolClosed
        | Sqlx::WorkerCrashed
        | Sqlx::Tls(_)
        | Sqlx::Protocol(_) => true,
        Sqlx::Database(e) => {
            let code = e.code().unwrap_or_default();
            let code = &*code;
            if e.try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
                .is_some()
            {
                // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes.
                return code.parse::<u32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6));
            }
            // PostgreSQL: class 08 (connection exception), 57P01..57P03 (shutting down, cannot
            // connect now). MariaDB: 1053 (server shutdown), 2006/2013 (gone away, lost).
            code.starts_with("08")
                || matches!(code, "57P01" | "57P02" | "57P03" | "1053" | "2006" | "2013")
        }
        _ => false,
    }
}

/// The JSON error body every route other than `/graphql` refuses with, in GraphQL's shape
/// (`{"errors": [{"message", "extensions": {"code"}}]}`), with the code's status; `UNAVAILABLE`
/// also says when to try again.
impl axum::response::IntoResponse for DomainError {
    fn into_response(self) -> axum::response::Response {
        let code = self.code();
        let mut extensions = serde_json::json!({ "code": code.as_str() });
        match &self {
            Self::Internal { reference } | Self::Unavailable { reference } => {
                extensions["reference"] = reference.clone().into();
            }
            Self::BadInput { field, .. } => extensions["field"] = field.clone().into(),
            _ => {}
        }
        let message = match &self {
            Self::Internal { .. } => INTERNAL_MESSAGE.to_owned(),
            other => other.to_string(),
        };
        let body =
            serde_json::json!({ "errors": [{ "message": message, "extensions": extensions }] });
        let mut response = (code.status(), axum::Json(body)).into_response();
        if code == ErrorCode::Unavailable {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(RETRY_AFTER_SECONDS),
            );
        }
        response
    }
}

/// The result of a domain operation.
pub type DomainResult<T> = Result<T, DomainError>;

#[cfg(test)]
mod tests {
    use axum::response::IntoResponse;

    use super::*;

    /// Every domain error leaves a non-GraphQL route with its code's status and the JSON body
    /// programs read: `errors[0].extensions.code`.
    #[tokio::test]
    async fn every_code_has_one_status_and_the_json_error_body() {
        let cases = [
            (
                DomainError::bad_input("asOf", "geen datum"),
                400,
                "BAD_USER_INPUT",
            ),
            (
                DomainError::Invalid(vec![Problem {
                    place: "regel 1".into(),
                    message: "fout".into(),
                }]),
                400,
                "BAD_USER_INPUT",
            ),
            (
                DomainError::Unauthenticated("log in".into()),
                401,
                "UNAUTHENTICATED",
            ),
            (
                DomainError::Forbidden("niet voor jou".into()),
                403,
                "FORBIDDEN",
            ),
            (DomainError::NotFound("groep X".into()), 404, "NOT_FOUND"),
            (
                DomainError::Conflict("iemand was je voor".into()),
                409,
                "CONFLICT",
            ),
            (
                DomainError::InvalidTransition("niet in deze stap".into()),
                409,
                "INVALID_TRANSITION",
            ),
            (DomainError::TooMany("te veel".into()), 429, "RATE_LIMITED"),
            (
                DomainError::Unavailable {
                    reference: "E1".into(),
                },
                503,
                "UNAVAILABLE",
            ),
            (
                DomainError::Internal {
                    reference: "E2".into(),
                },
                500,
                "INTERNAL",
            ),
        ];
        for (error, status, code) in cases {
            assert_eq!(error.code().as_str(), code);
            assert_eq!(error.code().status().as_u16(), status, "{code}");
            let message = error.to_string();
            let response = error.into_response();
            assert_eq!(response.status().as_u16(), status, "{code}");
            assert_eq!(
                response
                    .headers()
                    .get(axum::http::header::RETRY_AFTER)
                    .is_some(),
                code == "UNAVAILABLE",
                "{code}: Retry-After only when trying again helps"
            );
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(body["errors"][0]["extensions"]["code"], code, "{body}");
            if code == "INTERNAL" {
                assert_eq!(
                    body["errors"][0]["message"], INTERNAL_MESSAGE,
                    "no detail leaves"
                );
                assert_eq!(body["errors"][0]["extensions"]["reference"], "E2");
            } else {
                assert_eq!(body["errors"][0]["message"], message.as_str());
            }
        }
    }
}
