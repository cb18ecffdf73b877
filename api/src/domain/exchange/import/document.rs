//! Reading the file as a `fgr-catalogue/1` document: syntax, control characters and the format
//! tag, each reported with its place, before anything is compared with the register.

use crate::domain::exchange::{Catalogue, FORMAT};
use crate::error::{DomainError, DomainResult, Problem};

/// Reads `text` as a catalogue document.
///
/// # Errors
/// `BAD_USER_INPUT` ([`DomainError::Invalid`]) with the line, column and path of the first place
/// the file is not a document of the format.
pub fn parse(text: &str) -> DomainResult<Catalogue> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let catalogue: Catalogue = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        let inner = e.inner();
        let path = e.path().to_string();
        // serde_json appends the position to its message; we name it in the place instead.
        let message = inner.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        DomainError::Invalid(vec![Problem {
            place: if path == "." {
                format!("regel {}, kolom {}", inner.line(), inner.column())
            } else {
                format!("regel {}, kolom {} ({path})", inner.line(), inner.column())
            },
            message: format!("geen geldig {FORMAT}-document: {message}"),
        }])
    })?;
    // Valid JSON may still carry control characters as escapes (`\u0000`); the register's text
    // never does, whichever way it comes in.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let places = crate::domain::text::control_characters_in(&value);
        if !places.is_empty() {
            return Err(DomainError::Invalid(
                places
                    .into_iter()
                    .map(|place| Problem {
                        place,
                        message: crate::domain::text::CONTROL_CHARACTER.into(),
                    })
                    .collect(),
            ));
        }
    }
    if catalogue.format != FORMAT {
        return Err(DomainError::Invalid(vec![Problem {
            place: "format".into(),
            message: format!(
                "het formaat is '{}'; deze versie leest {FORMAT}",
                catalogue.format
            ),
        }]));
    }
    Ok(catalogue)
}
