//! Turning failures into GraphQL errors that carry a stable `extensions.code`.

use async_graphql::{ErrorExtensions, ServerError};

use crate::error::DomainError;

/// A domain error as a GraphQL error: the message for people, `code` (and `field` for bad input)
/// for programs. Internal causes were logged where they happened; only a reference leaves.
pub fn to_gql(err: DomainError) -> async_graphql::Error {
    let code = err.code().as_str();
    match &err {
        DomainError::BadInput { field, .. } => {
            let field = field.clone();
            async_graphql::Error::new(err.to_string()).extend_with(|_, e| {
                e.set("code", code);
                e.set("field", field);
            })
        }
        DomainError::Invalid(problems) => {
            let field = problems
                .first()
                .map(|p| p.place.clone())
                .unwrap_or_default();
            let list: Vec<async_graphql::Value> = problems
                .iter()
                .map(|p| {
                    let mut m = async_graphql::indexmap::IndexMap::new();
                    m.insert(
                        async_graphql::Name::new("place"),
                        async_graphql::Value::from(p.place.clone()),
                    );
                    m.insert(
                        async_graphql::Name::new("message"),
                        async_graphql::Value::from(p.message.clone()),
                    );
                    async_graphql::Value::Object(m)
                })
                .collect();
            async_graphql::Error::new(err.to_string()).extend_with(|_, e| {
                e.set("code", code);
                e.set("field", field);
                e.set("problems", list);
            })
        }
        DomainError::Unavailable { reference } => {
            let reference = reference.clone();
            async_graphql::Error::new(err.to_string()).extend_with(|_, e| {
                e.set("code", code);
                e.set("reference", reference);
            })
        }
        DomainError::Internal { reference } => {
            let reference = reference.clone();
            async_graphql::Error::new("internal error").extend_with(|_, e| {
                e.set("code", code);
                e.set("reference", reference);
            })
        }
        DomainError::NotFound(_)
        | DomainError::Unauthenticated(_)
        | DomainError::Forbidden(_)
        | DomainError::Conflict(_)
        | DomainError::InvalidTransition(_)
        | DomainError::TooMany(_) => {
            async_graphql::Error::new(err.to_string()).extend_with(|_, e| e.set("code", code))
        }
    }
}

/// Shorthand for mapping a domain result at the resolver boundary.
pub trait GqlResultExt<T> {
    /// Maps the error with [`to_gql`].
    ///
    /// # Errors
    /// The mapped error.
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> GqlResultExt<T> for Result<T, DomainError> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(to_gql)
    }
}

/// Gives every error a code. Errors from parsing, validation and argument coercion come from the
/// library without one; anything else without a code is unexpected and is masked.
pub fn classify(errors: &mut [ServerError]) {
    for error in errors {
        let has_code = error
            .extensions
            .as_ref()
            .is_some_and(|e| e.get("code").is_some());
        if has_code {
            continue;
        }
        // A required variable left out is found only when its argument is read.
        let input_error = error.message.starts_with("Failed to parse")
            || error.message.starts_with("Variable ")
            || error.message.starts_with("Invalid value")
            || error.message.starts_with("Expected input type")
            || error.message.contains("is not a valid");
        let code = if input_error {
            "BAD_USER_INPUT"
        } else if error.path.is_empty() {
            "GRAPHQL_VALIDATION_FAILED"
        } else {
            let masked = DomainError::internal(&error.message);
            error.message = "internal error".to_owned();
            if let DomainError::Internal { reference } = masked {
                error
                    .extensions
                    .get_or_insert_with(Default::default)
                    .set("reference", reference);
            }
            "INTERNAL"
        };
        error
            .extensions
            .get_or_insert_with(Default::default)
            .set("code", code);
    }
}

/// Replaces the wording of validation errors, which names types, fields and required arguments
/// (enough to recover a hidden schema with a word list), by one sentence; the code and the
/// location stay.
pub fn mask_validation(errors: &mut [ServerError]) {
    for error in errors {
        let validation = error.extensions.as_ref().is_some_and(|e| {
            matches!(e.get("code"), Some(async_graphql::Value::String(c)) if c == "GRAPHQL_VALIDATION_FAILED")
        });
        if validation {
            "de vraag past niet bij het schema".clone_into(&mut error.message);
        }
    }
}
