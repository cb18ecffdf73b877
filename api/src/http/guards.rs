//! The transport rules GraphQL requests pass before they run: JSON bodies only and no cross-site
//! browser requests (CSRF), persisted operations by id, and body limits by who sends them.

use async_graphql::ParseRequestError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::{self};
use crate::domain::access::Principal;
use crate::graphql::GraphqlService;

use super::refuse;

/// POST rules: a JSON body, and no cross-site browser requests. Runs before the body is read.
/// HTML forms and `fetch` without a preflight cannot send `application/json`, so this closes
/// CSRF for cookie-authenticated use.
pub(super) async fn post_guard(
    State(PublicUrl(public_url)): State<PublicUrl>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let headers = request.headers();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "POST /graphql verwacht Content-Type: application/json",
        );
    }
    if auth::is_cross_site(headers, &public_url) {
        return refuse(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "verzoeken vanaf een andere site worden geweigerd",
        );
    }
    next.run(request).await
}

/// Persisted operations on POST: a body `{"documentId": "sha256:…", "variables": …}` becomes the
/// registered document's request; a client created `--trusted-documents-only` may send nothing
/// else. Other bodies pass as they came (the check is a byte search, no parse).
pub(super) async fn persisted_documents(
    State(service): State<GraphqlService>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let trusted_only = request
        .extensions()
        .get::<Principal>()
        .is_some_and(Principal::trusted_documents_only);
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "het verzoek is te groot: kort de teksten in of stuur minder tegelijk",
            )
        }
    };
    let names_document = bytes.windows(12).any(|w| w == b"\"documentId\"");
    if !names_document {
        if trusted_only {
            return trusted_documents_only();
        }
        return next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
    }
    let Ok(mut fields) =
        serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&bytes)
    else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "de inhoud van het verzoek is geen geldig GraphQL-verzoek",
        );
    };
    let Some(id) = fields.remove("documentId") else {
        if trusted_only {
            return trusted_documents_only();
        }
        return next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
    };
    let document = match document_for(&service, id.as_str(), fields.contains_key("query")).await {
        Ok(document) => document,
        Err(refusal) => return refusal,
    };
    fields.insert(
        "query".into(),
        serde_json::Value::String(document.to_string()),
    );
    let body = serde_json::Value::Object(fields).to_string();
    next.run(Request::from_parts(parts, Body::from(body))).await
}

/// The registered document `id` names, or the refusal: `BAD_REQUEST` when the request also sends
/// a `query` or the id is not `sha256:` and 64 hex digits, `DOCUMENT_NOT_FOUND` when nothing is
/// registered under it.
pub(super) async fn document_for(
    service: &GraphqlService,
    id: Option<&str>,
    with_query: bool,
) -> Result<std::sync::Arc<str>, Response> {
    let Some(id) = id.filter(|id| crate::domain::operations::is_document_id(id)) else {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "documentId is sha256: gevolgd door 64 kleine hexadecimale tekens",
        ));
    };
    if with_query {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "stuur query of documentId, niet allebei",
        ));
    }
    match service.document(id).await {
        Ok(Some(document)) => Ok(document),
        Ok(None) => Err(refuse(
            StatusCode::BAD_REQUEST,
            "DOCUMENT_NOT_FOUND",
            "onder deze documentId is geen vaste query vastgelegd (fgr operations add)",
        )),
        Err(e) => Err(e.into_response()),
    }
}

pub(super) fn trusted_documents_only() -> Response {
    refuse(
        StatusCode::FORBIDDEN,
        "TRUSTED_DOCUMENTS_ONLY",
        "deze koppeling mag alleen vastgelegde queries sturen: {\"documentId\": \"sha256:…\"}",
    )
}

/// The site's public base URL, whose origin is the only one POSTs may come from.
#[derive(Clone)]
pub(super) struct PublicUrl(pub(super) String);

/// How large a GraphQL request body may be.
#[derive(Clone, Copy)]
pub(super) struct BodyLimits {
    /// For everyone.
    pub(super) everyone: usize,
    /// For FGR beheer, who may send a whole catalogue file.
    pub(super) maintainer: usize,
}

/// Limits the body by who sends it (the principal is resolved before this runs): a large
/// catalogue import only from FGR beheer, the small limit for everyone else.
pub(super) async fn body_limit(
    State(limits): State<BodyLimits>,
    request: Request,
    next: Next,
) -> Response {
    let maintainer = matches!(
        request.extensions().get::<Principal>(),
        Some(Principal::Person(p)) if p.roles.contains(&crate::domain::access::Role::Maintainer)
    );
    let limit = if maintainer {
        limits.maintainer.max(limits.everyone)
    } else {
        limits.everyone
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PAYLOAD_TOO_LARGE",
            "het verzoek is te groot: kort de teksten in of stuur minder tegelijk",
        );
    }
    next.run(request.map(|body| Body::new(http_body_util::Limited::new(body, limit))))
        .await
}

/// Why a request body was refused, without echoing parser internals.
pub struct BodyRejection(ParseRequestError);

impl From<ParseRequestError> for BodyRejection {
    fn from(e: ParseRequestError) -> Self {
        Self(e)
    }
}

impl IntoResponse for BodyRejection {
    fn into_response(self) -> Response {
        match self.0 {
            ParseRequestError::UnsupportedBatch => refuse(
                StatusCode::BAD_REQUEST,
                "BATCH_NOT_SUPPORTED",
                "meerdere operaties in één verzoek worden niet ondersteund: stuur er één per verzoek",
            ),
            ParseRequestError::PayloadTooLarge => refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "het verzoek is te groot: kort de teksten in of stuur minder tegelijk",
            ),
            ParseRequestError::Io(e) if e.to_string().contains("length limit") => refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "het verzoek is te groot: kort de teksten in of stuur minder tegelijk",
            ),
            _ => refuse(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "de inhoud van het verzoek is geen geldig GraphQL-verzoek",
            ),
        }
    }
}
