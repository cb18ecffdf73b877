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
