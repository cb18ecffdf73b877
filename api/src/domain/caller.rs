//! Who acts on a change, under which request, and the checks every change makes on its input.

use super::access::{AccessPolicy, Operation, Person, Principal};
use super::audit::Actor;
use crate::error::{DomainError, DomainResult};

/// Who acts, and under which request.
pub struct Caller<'a> {
    /// The principal.
    pub principal: &'a Principal,
    /// The access policy.
    pub policy: AccessPolicy,
    /// The request id for the audit trail.
    pub request_id: &'a str,
}

impl Caller<'_> {
    /// The person acting, when they may perform `operation`; changes are made by people only.
    ///
    /// # Errors
    /// `UNAUTHENTICATED` or `FORBIDDEN`.
    pub fn person(&self, operation: Operation) -> DomainResult<&Person> {
        self.policy.authorize(self.principal, operation)?;
        match self.principal {
            Principal::Person(p) => Ok(p),
            _ => Err(DomainError::Forbidden(
                "alleen personen kunnen wijzigingen aanbrengen".into(),
            )),
        }
    }

    /// The actor the audit trail records.
    pub fn actor(&self) -> Actor {
        Actor::of(self.principal)
    }
}

/// An optional link: absent, empty, or an absolute `http://` or `https://` URL of at most 2,000
/// characters (a `javascript:` or `data:` link is refused: it would run in the console).
///
/// # Errors
/// `BAD_USER_INPUT` on `field`.
pub fn check_url(field: &str, url: Option<&str>) -> DomainResult<()> {
    let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) else {
        return Ok(());
    };
    let lower = url.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let host_ok = url.split_once("://").is_some_and(|(_, rest)| {
        rest.split(['/', '?', '#'])
            .next()
            .is_some_and(|h| !h.is_empty())
    });
    if !scheme_ok || !host_ok || url.chars().count() > 2_000 || url.chars().any(char::is_whitespace)
    {
        return Err(DomainError::bad_input(
            field,
            "een link begint met http:// of https:// en noemt een adres",
        ));
    }
    Ok(())
}

/// A required text of at most `max` characters.
///
/// # Errors
/// `BAD_USER_INPUT` naming `field`.
pub fn check_words(field: &str, text: &str, max: usize) -> DomainResult<()> {
    if text.trim().is_empty() {
        return Err(DomainError::bad_input(field, "mag niet leeg zijn"));
    }
    if text.chars().count() > max {
        return Err(DomainError::bad_input(
            field,
            format!("is langer dan {max} tekens"),
        ));
    }
    Ok(())
}
