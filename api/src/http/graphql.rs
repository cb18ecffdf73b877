//! `POST` and `GET /graphql`: the request in, the answer out in the media type the client
//! accepts, with the status and challenge a refusal needs; GraphiQL for a browser.

use async_graphql::parser::types::OperationType;
use async_graphql::{Request as GqlRequest, Variables};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::auth::middleware::RequestId;
use crate::domain::access::Principal;
use crate::error::{ErrorCode, RETRY_AFTER_SECONDS};
use crate::graphql::{Answer, GraphqlService};

use super::guards::{document_for, trusted_documents_only, BodyRejection};
use super::refuse;

pub(super) async fn graphql_post(
    State(service): State<GraphqlService>,
    headers: axum::http::HeaderMap,
    principal: Principal,
    request_id: RequestId,
    request: GraphQLRequest<BodyRejection>,
) -> Response {
    let request = request.into_inner();
    let measured = Measured::start(&request);
    let answer = service
        .answer(request.data(request_id.clone()), principal.clone())
        .await;
    answered(&principal, &headers, &request_id, measured, answer)
}

/// An operation being answered, for the metrics: its series and when it started.
pub(super) struct Measured(
    std::sync::Arc<crate::observe::metrics::Operation>,
    std::time::Instant,
);

impl Measured {
    fn start(request: &GqlRequest) -> Self {
        Self(
            crate::observe::metrics::operation(&request.query, request.operation_name.as_deref()),
            std::time::Instant::now(),
        )
    }
}

/// The transport's answer: kept bytes as they are, a computed answer through
/// [`with_auth_challenge`] with the request's id in every error (`extensions.requestId`, the id
/// the logs carry); counted in the metrics by operation and outcome.
pub(super) fn answered(
    principal: &Principal,
    request_headers: &axum::http::HeaderMap,
    request_id: &RequestId,
    measured: Measured,
    answer: Answer,
) -> Response {
    let outcome = match &answer {
        Answer::Kept(_) => "OK",
        Answer::Computed(response) => response
            .errors
            .iter()
            .find_map(|e| match e.extensions.as_ref()?.get("code")? {
                async_graphql::Value::String(code) => Some(code.as_str()),
                _ => None,
            })
            .unwrap_or(if response.errors.is_empty() {
                "OK"
            } else {
                "INTERNAL"
            }),
    };
    measured.0.answered(outcome, measured.1.elapsed());
    match answer {
        Answer::Computed(mut response) => {
            for error in &mut response.errors {
                error
                    .extensions
                    .get_or_insert_with(Default::default)
                    .set("requestId", request_id.0.clone());
            }
            with_auth_challenge(principal, request_headers, response)
        }
        Answer::Kept(bytes) => {
            let content_type = if accepts_graphql_response(request_headers) {
                "application/graphql-response+json"
            } else {
                "application/json"
            };
            ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
    }
}

/// Whether the client lists `application/graphql-response+json` in `Accept`.
pub(super) fn accepts_graphql_response(request_headers: &axum::http::HeaderMap) -> bool {
    request_headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| {
            t.split(';').next().is_some_and(|m| {
                m.trim()
                    .eq_ignore_ascii_case("application/graphql-response+json")
            })
        })
}

/// Refusals get the HTTP status and challenge RFC 6750 asks for: an anonymous caller refused
/// for want of a credential gets `401`, a machine refused for lack of scope `403`, both with
/// `WWW-Authenticate`. An answer with an `UNAVAILABLE` error (the database is away) is `503`
/// with `Retry-After`, whoever asked.
pub(super) fn with_auth_challenge(
    principal: &Principal,
    request_headers: &axum::http::HeaderMap,
    response: async_graphql::Response,
) -> Response {
    let first_code = |wanted: &str| {
        response.errors.iter().find_map(|e| {
            let ext = e.extensions.as_ref()?;
            match ext.get("code") {
                Some(async_graphql::Value::String(code)) if code == wanted => {
                    Some(match ext.get("requiredScope") {
                        Some(async_graphql::Value::String(scope)) => scope.clone(),
                        _ => String::new(),
                    })
                }
                _ => None,
            }
        })
    };
    let challenge = match principal {
        Principal::Machine(_) => first_code("FORBIDDEN").map(|scope| {
            (
                StatusCode::FORBIDDEN,
                format!(r#"Bearer realm="fgr", error="insufficient_scope", scope="{scope}""#),
            )
        }),
        Principal::Anonymous => first_code("UNAUTHENTICATED")
            .map(|_| (StatusCode::UNAUTHORIZED, r#"Bearer realm="fgr""#.to_owned())),
        Principal::Person(_) => None,
    };
    let unavailable = first_code(ErrorCode::Unavailable.as_str()).is_some();
    let mut http = negotiated(request_headers, response);
    if unavailable {
        // The database is away: not an answer to cache or act on, but one to retry.
        *http.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        http.headers_mut()
            .insert(header::RETRY_AFTER, RETRY_AFTER_SECONDS.into());
        return http;
    }
    if let Some((status, value)) = challenge {
        *http.status_mut() = status;
        if let Ok(value) = value.parse() {
            http.headers_mut().insert(header::WWW_AUTHENTICATE, value);
        }
    }
    http
}

/// The answer in the media type the client accepts, as the GraphQL-over-HTTP spec says:
/// `application/graphql-response+json` when the client lists it (then a request error, one that
/// stopped the request before any field ran, is `400` without `data`), else `application/json`
/// with `200` (for `application/json`, `*/*` or no `Accept` at all).
pub(super) fn negotiated(
    request_headers: &axum::http::HeaderMap,
    response: async_graphql::Response,
) -> Response {
    let accepts_graphql_response = accepts_graphql_response(request_headers);
    let request_error = matches!(response.data, async_graphql::Value::Null)
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    if !accepts_graphql_response {
        let mut http = GraphQLResponse::from(response).into_response();
        http.headers_mut().insert(
            header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        );
        return http;
    }
    if request_error {
        let body = json!({ "errors": response.errors });
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "application/graphql-response+json")],
            body.to_string(),
        )
            .into_response();
    }
    GraphQLResponse::from(response).into_response()
}

/// Parameters of a GraphQL GET request.
#[derive(Deserialize)]
pub(super) struct GetParams {
    query: Option<String>,
    variables: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    /// A persisted operation's id instead of `query`.
    #[serde(rename = "documentId")]
    document_id: Option<String>,
}

/// GraphiQL: its files come from this origin (`/graphiql/`, published from npm by
/// `cargo xtask console`), so the page works on a closed network and trusts no CDN.
pub(super) const GRAPHIQL_PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FGR Register · GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/graphiql/graphiql.min.css">
</head>
<body style="margin:0">
<div id="graphiql" style="height:100vh">GraphiQL is loading. If this stays, its files are not published: run <code>cargo xtask console</code>.</div>
<script src="/graphiql/react.production.min.js"></script>
<script src="/graphiql/react-dom.production.min.js"></script>
<script src="/graphiql/graphiql.min.js"></script>
<script src="/graphiql/start.js"></script>
</body>
</html>
"#;

/// GET: GraphiQL for a browser without a query; queries (never mutations) with one.
pub(super) async fn graphql_get(
    State(service): State<GraphqlService>,
    headers: axum::http::HeaderMap,
    principal: Principal,
    request_id: RequestId,
    params: Result<Query<GetParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(params)) = params else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "de parameters in het adres zijn onleesbaar",
        );
    };
    let trusted_only = principal.trusted_documents_only();
    let query = match (params.query, params.document_id.as_deref()) {
        (query, Some(id)) => match document_for(&service, Some(id), query.is_some()).await {
            Ok(document) => document.to_string(),
            Err(refusal) => return refusal,
        },
        (_, None) if trusted_only => return trusted_documents_only(),
        (Some(query), None) => query,
        (None, None) => return Html(GRAPHIQL_PAGE).into_response(),
    };
    if selects_non_query(&query, params.operation_name.as_deref()) {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "POST")],
            Json(json!({ "errors": [{
                "message": "mutations are only accepted over POST",
                "extensions": { "code": "METHOD_NOT_ALLOWED" } }] })),
        )
            .into_response();
    }
    let variables = match params.variables.as_deref().map(serde_json::from_str) {
        None => Variables::default(),
        Some(Ok(v)) => Variables::from_json(v),
        Some(Err(_)) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "variables is geen geldige JSON",
            )
        }
    };
    let mut request = GqlRequest::new(query).variables(variables);
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    let measured = Measured::start(&request);
    let answer = service
        .answer(request.data(request_id.clone()), principal.clone())
        .await;
    answered(&principal, &headers, &request_id, measured, answer)
}

/// Whether the operation a GET would run is a mutation or subscription. Unparsable documents are
/// left to the executor, which reports them properly.
pub(super) fn selects_non_query(query: &str, operation_name: Option<&str>) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    document.operations.iter().any(|(name, op)| {
        let selected = match (operation_name, name) {
            (Some(wanted), Some(name)) => name.as_str() == wanted,
            (Some(_), None) => false,
            (None, _) => true,
        };
        selected && op.node.ty != OperationType::Query
    })
}
