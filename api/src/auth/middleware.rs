//! Resolves the principal of every request: a bearer credential, else a session cookie, else
//! anonymous. A bad bearer credential is refused here with `401` and `WWW-Authenticate`.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::oidc::OidcError;
use super::{api_tokens, cookies, sessions, AuthState};
use crate::domain::access::Principal;
use crate::error::DomainError;

/// Puts the request's [`Principal`] into its extensions.
pub async fn resolve_principal(
    State(auth): State<AuthState>,
    mut request: Request,
    next: Next,
) -> Response {
    match principal_of(&auth, request.extensions(), request.headers()).await {
        Ok(principal) => {
            request.extensions_mut().insert(principal);
            next.run(request).await
        }
        Err(refusal) => *refusal,
    }
}

/// Who sends a request with these headers: the principal of its bearer credential, else of its
/// session cookie, else anonymous; or the answer that refuses it (a bad credential, `401`; the
/// database or the provider away, `503`). Also what an open subscription asks again to learn
/// that its credential was revoked or its session ended.
///
/// # Errors
/// The refusal to send instead of an answer.
pub async fn principal_of(
    auth: &AuthState,
    extensions: &axum::http::Extensions,
    headers: &axum::http::HeaderMap,
) -> Result<Principal, Box<Response>> {
    let source = super::throttle::source(extensions, headers);
    let refuse = |reason: &str| {
        Box::new(match auth.throttle.bad_credential(source) {
            Ok(()) => invalid_token(reason),
            Err(too_many) => *too_many,
        })
    };
    Ok(match bearer_token(headers) {
        Some(Ok(token)) if token.starts_with(api_tokens::PREFIX) => {
            match api_tokens::authenticate_cached(&auth.db, &auth.tokens, &token).await {
                Ok(machine) => Principal::Machine(machine),
                Err(api_tokens::Rejection::Unavailable(e)) => {
                    return Err(Box::new(e.into_response()))
                }
                Err(rejection) => return Err(refuse(rejection.describe())),
            }
        }
        Some(Ok(token)) => match &auth.provider {
            Some(provider) => match provider.machine(&token).await {
                Ok(machine) => Principal::Machine(machine),
                Err(OidcError::Rejected(reason)) => return Err(refuse(&reason)),
                Err(OidcError::Unavailable(reason)) => {
                    return Err(Box::new(
                        DomainError::unavailable(format!(
                            "cannot check a provider token: {reason}"
                        ))
                        .into_response(),
                    ));
                }
            },
            None => return Err(refuse("the token is not valid")),
        },
        Some(Err(())) => return Err(refuse("the Authorization header is not a bearer token")),
        None => match cookies::get(headers, cookies::session_name(&auth.config)) {
            Some(token) => match sessions::resume(&auth.db, &auth.config, &token).await {
                Ok(Some(person)) => Principal::Person(person),
                Ok(None) => Principal::Anonymous,
                // Never answer a signed-in person as anonymous because the database is away:
                // their page would lose its forms and their mutations would ask them to sign in.
                Err(e) => return Err(Box::new(crate::http::refused_with(headers, e))),
            },
            None => Principal::Anonymous,
        },
    })
}

pub use crate::observe::RequestId;

/// The bearer token of the request: `None` without an Authorization header, `Err` when the
/// header is there but is not `Bearer <token>`.
fn bearer_token(headers: &axum::http::HeaderMap) -> Option<Result<String, ()>> {
    let value = headers.get(header::AUTHORIZATION)?;
    let text = value.to_str().map_err(|_| ());
    Some(text.and_then(|t| {
        let (scheme, token) = t.split_once(' ').ok_or(())?;
        let token = token.trim();
        if scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() {
            Ok(token.to_owned())
        } else {
            Err(())
        }
    }))
}

/// `401` with `WWW-Authenticate: Bearer error="invalid_token"`.
pub fn invalid_token(description: &str) -> Response {
    let description: String = description
        .chars()
        .filter(|c| c.is_ascii() && !c.is_control() && *c != '"' && *c != '\\')
        .take(200)
        .collect();
    let description = description.as_str();
    let challenge =
        format!(r#"Bearer realm="fgr", error="invalid_token", error_description="{description}""#);
    let mut response = (
        StatusCode::UNAUTHORIZED,
        Json(json!({ "errors": [{ "message": description, "extensions": { "code": "UNAUTHENTICATED" } }] })),
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

impl<S: Send + Sync> FromRequestParts<S> for Principal {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Principal>()
            .cloned()
            .unwrap_or_default())
    }
}
