//! Turning failures into GraphQL errors that carry a stable `extensions.code`.

use async_graphql::parser::types::{Directive, ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ErrorExtensions, Name, Pos, Positioned, ServerError};

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
            async_graphql::Error::new(crate::error::INTERNAL_MESSAGE).extend_with(|_, e| {
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

/// Gives every error a code. The library's own errors (parsing, validation, argument coercion)
/// come without one and are told apart by where they sit in `query`, not by their wording: an
/// error located at an argument of a field or directive is about the values sent (a literal or a
/// variable that does not fit its type, a required variable left out) and is `BAD_USER_INPUT`
/// with that argument as `field`; one without a path is about the document
/// (`GRAPHQL_VALIDATION_FAILED`); anything else without a code is unexpected and is masked.
pub fn classify(errors: &mut [ServerError], query: &str) {
    let uncoded = |error: &ServerError| {
        error
            .extensions
            .as_ref()
            .is_none_or(|e| e.get("code").is_none())
    };
    if !errors.iter().any(uncoded) {
        return;
    }
    // Parsed again only here, on the rare answer with an uncoded error.
    let arguments = async_graphql::parser::parse_query(query)
        .map(|doc| ArgumentSites::of(&doc))
        .unwrap_or_default();
    for error in errors.iter_mut().filter(|e| uncoded(e)) {
        let argument = error.locations.iter().find_map(|at| arguments.at(*at));
        let extensions = error.extensions.get_or_insert_with(Default::default);
        let code = if let Some(name) = argument {
            extensions.set("field", name);
            // People read Dutch; the library's own words stay for developers.
            extensions.set("detail", error.message.clone());
            error.message = dutch_input_message(name, &error.message);
            "BAD_USER_INPUT"
        } else if error.path.is_empty() {
            "GRAPHQL_VALIDATION_FAILED"
        } else {
            if let DomainError::Internal { reference } = DomainError::internal(&error.message) {
                extensions.set("reference", reference);
            }
            error.message = crate::error::INTERNAL_MESSAGE.to_owned();
            "INTERNAL"
        };
        extensions.set("code", code);
    }
}

/// The Dutch for an input error the library raised about argument `name`. The register's own
/// scalars (`Date`, `JSON`) already explain themselves in Dutch after the library's prefix; for
/// the rest the message says what kind of value the argument takes.
fn dutch_input_message(name: &str, message: &str) -> String {
    let quoted = message.split('"').nth(1).unwrap_or_default();
    if let Some((_, own)) = message
        .strip_prefix("Failed to parse \"")
        .and_then(|rest| rest.split_once("\": "))
        .filter(|_| matches!(quoted, "Date" | "JSON"))
    {
        return format!("{name}: {own}");
    }
    if message.starts_with("Variable ") && message.ends_with(" is not defined.") {
        return format!("{name} ontbreekt: geef een waarde mee");
    }
    if message.contains("found null") {
        return format!("{name} mag niet leeg zijn");
    }
    // The type the library names last ("expected type \"Int\"").
    let kind = match message.split('"').rev().nth(1).unwrap_or_default() {
        "Int" | "Int!" => "een geheel getal",
        "Float" | "Float!" => "een getal",
        "String" | "String!" => "tekst",
        "Boolean" | "Boolean!" => "waar (true) of onwaar (false)",
        "ID" | "ID!" => "een id",
        "Date" | "Date!" => "een datum (JJJJ-MM-DD)",
        _ => "een waarde van het juiste soort (zie het schema)",
    };
    format!("{name} heeft geen geldige waarde: verwacht {kind}")
}

/// Where each argument of a document sits: the positions of its name and of its value, which
/// are where the library places an error about that argument (validation at the name, coercion
/// at the value).
#[derive(Default)]
struct ArgumentSites(std::collections::HashMap<Pos, String>);

impl ArgumentSites {
    fn of(doc: &ExecutableDocument) -> Self {
        let mut sites = Self::default();
        for (_, operation) in doc.operations.iter() {
            sites.directives(&operation.node.directives);
            sites.selections(&operation.node.selection_set.node);
        }
        for fragment in doc.fragments.values() {
            sites.directives(&fragment.node.directives);
            sites.selections(&fragment.node.selection_set.node);
        }
        sites
    }

    fn at(&self, pos: Pos) -> Option<&str> {
        self.0.get(&pos).map(String::as_str)
    }

    fn arguments<V>(&mut self, arguments: &[(Positioned<Name>, Positioned<V>)]) {
        for (name, value) in arguments {
            self.0.insert(name.pos, name.node.to_string());
            self.0.insert(value.pos, name.node.to_string());
        }
    }

    fn directives(&mut self, directives: &[Positioned<Directive>]) {
        for directive in directives {
            self.arguments(&directive.node.arguments);
        }
    }

    fn selections(&mut self, set: &SelectionSet) {
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    self.arguments(&field.node.arguments);
                    self.directives(&field.node.directives);
                    self.selections(&field.node.selection_set.node);
                }
                Selection::FragmentSpread(spread) => self.directives(&spread.node.directives),
                Selection::InlineFragment(inline) => {
                    self.directives(&inline.node.directives);
                    self.selections(&inline.node.selection_set.node);
                }
            }
        }
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

#[cfg(test)]
mod tests {
    use super::dutch_input_message as dutch;

    #[test]
    fn the_librarys_input_errors_read_in_dutch() {
        assert_eq!(
            dutch(
                "asOf",
                "Failed to parse \"Date\": 'gisteren' is geen datum: schrijf JJJJ-MM-DD"
            ),
            "asOf: 'gisteren' is geen datum: schrijf JJJJ-MM-DD"
        );
        assert_eq!(
            dutch("first", "Failed to parse \"Int\": Only integers from -2147483648 to 2147483647 are accepted."),
            "first heeft geen geldige waarde: verwacht een geheel getal"
        );
        assert_eq!(
            dutch("text", "Variable text is not defined."),
            "text ontbreekt: geef een waarde mee"
        );
        assert_eq!(
            dutch("code", "Expected input type \"String\", found null."),
            "code mag niet leeg zijn"
        );
        assert_eq!(
            dutch(
                "scale",
                "Invalid value for argument \"scale\", expected type \"Int\""
            ),
            "scale heeft geen geldige waarde: verwacht een geheel getal"
        );
    }
}
