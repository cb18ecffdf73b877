//! The axum router: GraphQL at `/graphql`, the console at `/`, health checks, and the transport
//! rules that the libraries leave to us (see `shared/SECURITY-NOTES.md`).

use std::path::Path;

use async_graphql::parser::types::OperationType;
use async_graphql::{ParseRequestError, Request as GqlRequest, Variables};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use fgr_console::api::Api;
use leptos::prelude::{provide_context, use_context, LeptosOptions};
use leptos_axum::{generate_route_list, LeptosRoutes};
use serde::Deserialize;
use serde_json::json;
use tower_http::services::ServeDir;

use crate::auth::middleware::RequestId;
use crate::auth::{self, AuthState};
use crate::config::ServerConfig;
use crate::console_bridge::ServerTransport;
use crate::domain::access::{Operation, Principal};
use crate::error::{DomainError, ErrorCode, RETRY_AFTER_SECONDS};
use crate::graphql::{Answer, GraphqlService};
use crate::observe::request::TrustedProxies;

mod ws;

/// The name the console's browser build is published under (`/pkg/fgr_console.js`).
pub const CONSOLE_OUTPUT_NAME: &str = "fgr_console";

/// The whole application: API, console and health checks.
pub fn router(service: GraphqlService, config: &ServerConfig) -> Router {
    crate::observe::metrics::install();
    let graphql = Router::new()
        .route(
            "/graphql",
            get(graphql_get)
                .post(graphql_post)
                .layer(middleware::from_fn_with_state(
                    service.clone(),
                    persisted_documents,
                ))
                .layer(middleware::from_fn_with_state(
                    PublicUrl(config.auth.public_url.clone()),
                    post_guard,
                )),
        )
        .layer(middleware::from_fn_with_state(
            BodyLimits {
                everyone: config.graphql.max_body_bytes,
                maintainer: config.graphql.max_import_bytes,
            },
            body_limit,
        ))
        .with_state(service.clone());
    let mut health = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/api/coverage.csv", get(coverage_csv))
        .route("/api/catalogue.json", get(catalogue_json))
        .route("/api/catalogue.csv", get(catalogue_csv));
    if config.expose_statement_count {
        health = health.route(
            "/_bench/statements",
            get(|| async { crate::db::statements_run().to_string() }),
        );
    }
    let health = health.with_state(service.clone());
    let auth_state = match AuthState::new(service.db().clone(), config.auth.clone()) {
        Ok(state) => state,
        Err(e) => {
            // Only an impossible TLS set-up gets here; serve without the provider rather than not at all.
            tracing::error!(error = %e, "the identity provider client could not be built");
            AuthState {
                db: service.db().clone(),
                config: config.auth.clone(),
                provider: None,
                tokens: std::sync::Arc::default(),
                throttle: std::sync::Arc::new(auth::throttle::Throttle::new(config.auth.limits)),
            }
        }
    };
    let subscriptions = Router::new()
        .route("/graphql/ws", get(ws::upgrade))
        .with_state(ws::SubscriptionState {
            service: service.clone(),
            auth: auth_state.clone(),
        });
    graphql
        .merge(subscriptions)
        .merge(health)
        .merge(auth::routes::router(auth_state.clone()))
        .merge(console_router(service, &config.site_root))
        .layer(middleware::from_fn_with_state(
            auth_state,
            auth::middleware::resolve_principal,
        ))
        .layer(masked_panics())
        .layer(middleware::from_fn_with_state(
            config.auth.public_url.starts_with("https://"),
            security_headers,
        ))
        .layer(middleware::from_fn_with_state(
            TrustedProxies(config.trusted_proxies.clone().into()),
            crate::observe::request::request_context,
        ))
}

/// `GET /metrics` in Prometheus text format, for a token with `metrics:read` (or an admin).
async fn metrics(State(service): State<GraphqlService>, principal: Principal) -> Response {
    if let Err(refusal) = service
        .policy()
        .authorize(&principal, Operation::ReadMetrics)
    {
        let mut response = refusal.into_response();
        if response.status() == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static(r#"Bearer realm="fgr", scope="metrics:read""#),
            );
        }
        return response;
    }
    scrape(&service).await
}

/// The metrics now: the gauges read at this moment, then everything recorded.
pub async fn scrape(service: &GraphqlService) -> Response {
    crate::observe::metrics::pool_gauges(service.db());
    ::metrics::gauge!("fgr_register_revision")
        .set(service.read_model().published().revision() as f64);
    let head = tokio::time::timeout(
        std::time::Duration::from_secs(1),
        crate::register::load::head(service.db()),
    )
    .await;
    if let Ok(Ok(head)) = head {
        ::metrics::gauge!("fgr_change_feed_head").set(head as f64);
    }
    match crate::observe::metrics::render() {
        Some(text) => (
            [(
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        None => DomainError::internal("the metrics recorder is not installed").into_response(),
    }
}

/// A panic while answering (a defect, never an expected refusal) becomes a masked `INTERNAL`
/// answer, `500` with the usual JSON error, instead of a dropped connection; what panicked goes
/// to the log, never to the client.
pub fn masked_panics(
) -> tower_http::catch_panic::CatchPanicLayer<fn(Box<dyn std::any::Any + Send + 'static>) -> Response>
{
    fn answer(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        tracing::error!(panic = %what, "a request panicked");
        refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL",
            "interne fout; probeer het later opnieuw",
        )
    }
    tower_http::catch_panic::CatchPanicLayer::custom(answer as fn(_) -> Response)
}

/// The nonce the console's inline scripts carry on this request (see [`security_headers`]).
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// The browser's protections on every answer: a Content-Security-Policy that runs only this
/// origin's scripts and the page's own inline scripts (by a fresh nonce: the hydration script and
/// the page's data), lets no one frame a page, and sends nothing elsewhere; `nosniff`; the
/// referrer only within this origin; HSTS when the public URL is https; and `no-store` on what a signed-in person is
/// answered, so a shared computer's cache keeps nothing personal.
async fn security_headers(State(https): State<bool>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let graphiql = request.method() == Method::GET && path == "/graphql";
    // Only console pages run inline scripts; API answers get a policy without a nonce (and
    // spare the hot path the random bytes).
    let page = request.method() == Method::GET
        && ![
            "/graphql",
            "/graphiql/",
            "/api/",
            "/healthz",
            "/readyz",
            "/pkg/",
            "/_bench/",
        ]
        .iter()
        .any(|p| path.starts_with(p));
    let nonce = page.then(crate::auth::secrets::random_token);
    if let Some(nonce) = &nonce {
        request.extensions_mut().insert(CspNonce(nonce.clone()));
    }
    let personal = request.headers().contains_key(header::COOKIE)
        || request.headers().contains_key(header::AUTHORIZATION);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let script_src = match &nonce {
        // GraphiQL's own files, served from this origin; its editor sets inline styles, and its
        // fonts are data: URLs in its stylesheet. No inline script.
        _ if graphiql => "script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self';".to_owned(),
        Some(nonce) => format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self';"),
        None => "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self';".to_owned(),
    };
    let policy = format!(
        "default-src 'self'; {script_src} img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, policy),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        // Not `no-referrer`: browsers then send `Origin: null` on form posts, which the CSRF check refuses.
        (header::REFERRER_POLICY, "same-origin".to_owned()),
        (header::X_FRAME_OPTIONS, "DENY".to_owned()),
    ];
    for (name, value) in fixed {
        if let Ok(value) = axum::http::HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            axum::http::HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if personal && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
    }
    response
}

/// A JSON error body in GraphQL's shape, for requests refused before execution.
fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "errors": [{ "message": message, "extensions": { "code": code } }] })),
    )
        .into_response()
}

/// `err` as the answer to a request that could not be served: a browser asking for a page gets a
/// page in Dutch (for `UNAVAILABLE`: "tijdelijk niet beschikbaar", `503`, `Retry-After`), every
/// other client the JSON error body with the code's status.
pub fn refused_with(request_headers: &axum::http::HeaderMap, err: DomainError) -> Response {
    let wants_page = request_headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    if !wants_page || err.code() != ErrorCode::Unavailable {
        return err.into_response();
    }
    let page = format!(
        r#"<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tijdelijk niet beschikbaar · FGR Register</title><link rel="icon" href="data:,"><link rel="stylesheet" href="{css}"></head>
<body><main class="page">
<h1>Tijdelijk niet beschikbaar</h1>
<p>Het register is op dit moment niet bereikbaar. Er is niets verloren gegaan; probeer het over enkele ogenblikken opnieuw.</p>
<p><a href="">Opnieuw proberen</a></p>
</main></body>
</html>
"#,
        css = fgr_console::STYLESHEET_PATH
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, RETRY_AFTER_SECONDS.to_string())],
        Html(page),
    )
        .into_response()
}

/// POST rules: a JSON body, and no cross-site browser requests. Runs before the body is read.
/// HTML forms and `fetch` without a preflight cannot send `application/json`, so this closes
/// CSRF for cookie-authenticated use.
async fn post_guard(
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
            "POST /graphql takes Content-Type: application/json",
        );
    }
    if auth::is_cross_site(headers, &public_url) {
        return refuse(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "cross-site requests are refused",
        );
    }
    next.run(request).await
}

/// Persisted operations on POST: a body `{"documentId": "sha256:…", "variables": …}` becomes the
/// registered document's request; a client created `--trusted-documents-only` may send nothing
/// else. Other bodies pass as they came (the check is a byte search, no parse).
async fn persisted_documents(
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
                "the request body is too large",
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
            "the request body is not a valid GraphQL request",
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
async fn document_for(
    service: &GraphqlService,
    id: Option<&str>,
    with_query: bool,
) -> Result<std::sync::Arc<str>, Response> {
    let Some(id) = id.filter(|id| crate::domain::operations::is_document_id(id)) else {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "documentId is sha256: and 64 lowercase hex digits",
        ));
    };
    if with_query {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "send either query or documentId, not both",
        ));
    }
    match service.document(id).await {
        Ok(Some(document)) => Ok(document),
        Ok(None) => Err(refuse(
            StatusCode::BAD_REQUEST,
            "DOCUMENT_NOT_FOUND",
            "no operation is registered under this documentId (fgr operations add)",
        )),
        Err(e) => Err(e.into_response()),
    }
}

fn trusted_documents_only() -> Response {
    refuse(
        StatusCode::FORBIDDEN,
        "TRUSTED_DOCUMENTS_ONLY",
        "this client may only send registered operations: {\"documentId\": \"sha256:…\"}",
    )
}

/// The site's public base URL, whose origin is the only one POSTs may come from.
#[derive(Clone)]
struct PublicUrl(String);

/// How large a GraphQL request body may be.
#[derive(Clone, Copy)]
struct BodyLimits {
    /// For everyone.
    everyone: usize,
    /// For FGR beheer, who may send a whole catalogue file.
    maintainer: usize,
}

/// Limits the body by who sends it (the principal is resolved before this runs): a large
/// catalogue import only from FGR beheer, the small limit for everyone else.
async fn body_limit(State(limits): State<BodyLimits>, request: Request, next: Next) -> Response {
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
            "the request body is too large",
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
                "batched requests are not supported: send one operation per request",
            ),
            ParseRequestError::PayloadTooLarge => refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "the request body is too large",
            ),
            ParseRequestError::Io(e) if e.to_string().contains("length limit") => refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "the request body is too large",
            ),
            _ => refuse(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "the request body is not a valid GraphQL request",
            ),
        }
    }
}

async fn graphql_post(
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

/// An operation being answered, for the metrics: its label and when it started.
struct Measured(String, std::time::Instant);

impl Measured {
    fn start(request: &GqlRequest) -> Self {
        Self(
            crate::observe::metrics::operation_label(
                &request.query,
                request.operation_name.as_deref(),
            ),
            std::time::Instant::now(),
        )
    }
}

/// The transport's answer: kept bytes as they are, a computed answer through
/// [`with_auth_challenge`] with the request's id in every error (`extensions.requestId`, the id
/// the logs carry); counted in the metrics by operation and outcome.
fn answered(
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
    crate::observe::metrics::graphql_answered(measured.0, outcome, measured.1.elapsed());
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
fn accepts_graphql_response(request_headers: &axum::http::HeaderMap) -> bool {
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
fn with_auth_challenge(
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
fn negotiated(
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
struct GetParams {
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
const GRAPHIQL_PAGE: &str = r#"<!doctype html>
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
async fn graphql_get(
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
            "malformed query string",
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
                "variables are not valid JSON",
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
fn selects_non_query(query: &str, operation_name: Option<&str>) -> bool {
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

/// Parameters of the coverage export.
#[derive(Deserialize)]
struct CoverageParams {
    families: Option<String>,
    #[serde(rename = "asOf")]
    as_of: Option<String>,
}

/// The caller may read the catalogue, and the `asOf` they gave is a date (default today); else
/// the refusal to send.
fn readable_day(
    service: &GraphqlService,
    principal: &Principal,
    as_of: Option<&str>,
) -> Result<chrono::NaiveDate, Box<Response>> {
    service
        .policy()
        .authorize(principal, Operation::ReadCatalogue)
        .map_err(|e| Box::new(e.into_response()))?;
    match as_of.map(crate::domain::dates::parse_day) {
        None => Ok(crate::domain::dates::today()),
        Some(Some(day)) => Ok(day),
        Some(None) => Err(Box::new(
            DomainError::bad_input("asOf", "asOf is geen datum (JJJJ-MM-DD)").into_response(),
        )),
    }
}

/// A download: its type, its file name and its body.
fn download(content_type: &str, file_name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The coverage report as CSV, for spreadsheets: the same rules as `profileCoverage`.
async fn coverage_csv(
    State(service): State<GraphqlService>,
    principal: Principal,
    params: Result<Query<CoverageParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(params)) = params else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "malformed query string",
        );
    };
    let day = match readable_day(&service, &principal, params.as_of.as_deref()) {
        Ok(day) => day,
        Err(refusal) => return *refusal,
    };
    let codes: Option<Vec<String>> = params.families.map(|f| {
        f.split(',')
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect()
    });
    let register = match service.read_model().fresh().await {
        Ok(register) => register,
        Err(e) => return e.into_response(),
    };
    match crate::domain::coverage::report(&register, codes.as_deref(), day) {
        Ok(report) => download(
            "text/csv; charset=utf-8",
            &format!("fgr-dekking-{day}.csv"),
            crate::domain::coverage::to_csv(&report),
        ),
        Err(e) => e.into_response(),
    }
}

#[derive(serde::Deserialize)]
struct ExportParams {
    #[serde(rename = "asOf")]
    as_of: Option<String>,
}

type ExportQuery = Result<Query<ExportParams>, axum::extract::rejection::QueryRejection>;

/// `GET /api/catalogue.json`.
async fn catalogue_json(
    State(service): State<GraphqlService>,
    principal: Principal,
    params: ExportQuery,
) -> Response {
    catalogue_export(service, principal, params, false).await
}

/// `GET /api/catalogue.csv`.
async fn catalogue_csv(
    State(service): State<GraphqlService>,
    principal: Principal,
    params: ExportQuery,
) -> Response {
    catalogue_export(service, principal, params, true).await
}

/// The whole catalogue in the exchange format (`fgr-catalogue/1`): every version, or with
/// `?asOf=` only what was in effect then. `as_csv` gives the flat CSV of typings instead.
async fn catalogue_export(
    service: GraphqlService,
    principal: Principal,
    params: ExportQuery,
    as_csv: bool,
) -> Response {
    let Ok(Query(params)) = params else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "malformed query string",
        );
    };
    let as_of = match readable_day(&service, &principal, params.as_of.as_deref()) {
        Ok(day) => params.as_of.is_some().then_some(day),
        Err(refusal) => return *refusal,
    };
    let register = match service.read_model().fresh().await {
        Ok(register) => register,
        Err(e) => return e.into_response(),
    };
    let catalogue = crate::domain::exchange::export(&register, as_of);
    let stem = as_of.map_or_else(
        || "fgr-catalogus".to_owned(),
        |d| format!("fgr-catalogus-{d}"),
    );
    if as_csv {
        download(
            "text/csv; charset=utf-8",
            &format!("{stem}.csv"),
            crate::domain::exchange::typings_csv(&catalogue),
        )
    } else {
        match serde_json::to_string_pretty(&catalogue) {
            Ok(json) => download("application/json", &format!("{stem}.json"), json + "\n"),
            Err(e) => DomainError::internal(e).into_response(),
        }
    }
}

/// Ready when the database answers a real read (the change feed's head, what every read's
/// freshness check asks) within a second: a database that is down, or a SQLite file another
/// process holds locked, is `503` with `Retry-After` at once, not after the pool's timeout.
async fn readyz(State(service): State<GraphqlService>) -> Response {
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(1),
        crate::register::load::head(service.db()),
    )
    .await;
    let problem = match read {
        Ok(Ok(_)) => return (StatusCode::OK, "ready").into_response(),
        Ok(Err(e)) => e.to_string(),
        Err(_) => "the database did not answer within 1 s".to_owned(),
    };
    tracing::warn!(problem = %problem, "readiness check failed");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, RETRY_AFTER_SECONDS.to_string())],
        "database unavailable",
    )
        .into_response()
}

/// The console: server-rendered pages whose data comes through the same [`GraphqlService`] as
/// the API's, the browser build under `/pkg`, and the stylesheet.
fn console_router(service: GraphqlService, site_root: &Path) -> Router {
    let options = LeptosOptions::builder()
        .output_name(CONSOLE_OUTPUT_NAME)
        .site_root(site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .build();
    if !site_root
        .join("pkg")
        .join(format!("{CONSOLE_OUTPUT_NAME}.js"))
        .exists()
    {
        tracing::warn!(
            site_root = %site_root.display(),
            "console browser build not found: pages render, but will not hydrate (run `cargo xtask console`)"
        );
    }
    let routes = generate_route_list(fgr_console::app::App);
    let shell_options = options.clone();
    Router::new()
        .leptos_routes_with_context(
            &options,
            routes,
            move || {
                // The page is rendered as whoever requested it: the console sees exactly what
                // the API lets that principal see.
                let parts = use_context::<axum::http::request::Parts>();
                let principal = parts
                    .as_ref()
                    .and_then(|parts| parts.extensions.get::<Principal>().cloned())
                    .unwrap_or_default();
                let request_id = parts
                    .as_ref()
                    .and_then(|parts| parts.extensions.get::<RequestId>().cloned());
                // The hydration script and the page's serialized data carry the nonce the
                // Content-Security-Policy of this answer names.
                if let Some(nonce) = parts
                    .as_ref()
                    .and_then(|parts| parts.extensions.get::<CspNonce>())
                {
                    provide_context(leptos::nonce::Nonce::from_value(nonce.0.clone()));
                }
                provide_context(Api::new(ServerTransport::new(
                    service.clone(),
                    principal,
                    request_id,
                )));
            },
            move || fgr_console::app::shell(shell_options.clone()),
        )
        .route(fgr_console::STYLESHEET_PATH, get(stylesheet))
        .nest_service("/pkg", ServeDir::new(site_root.join("pkg")))
        .nest_service("/graphiql", ServeDir::new(site_root.join("graphiql")))
        .fallback(leptos_axum::file_and_error_handler(fgr_console::app::shell))
        .with_state(options)
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        fgr_console::STYLESHEET,
    )
}
