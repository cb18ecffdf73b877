//! The axum router: GraphQL at `/graphql`, the console at `/`, health checks, and the transport
//! rules that the libraries leave to us (see `shared/SECURITY-NOTES.md`).

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use crate::auth::{self, AuthState};
use crate::config::ServerConfig;
use crate::error::{DomainError, ErrorCode, RETRY_AFTER_SECONDS};
use crate::graphql::GraphqlService;
use crate::observe::request::TrustedProxies;

mod console;
mod downloads;
mod graphql;
mod guards;
mod health;
mod ws;

use console::console_router;
use downloads::{catalogue_csv, catalogue_json, coverage_csv, typing_pdf};
use graphql::{graphql_get, graphql_post};
pub use guards::BodyRejection;
use guards::{body_limit, persisted_documents, post_guard, BodyLimits, PublicUrl};
pub use health::scrape;
use health::{metrics, readyz};

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
        .route("/api/catalogue.csv", get(catalogue_csv))
        .route("/api/groups/{code}/typings/{file}", get(typing_pdf));
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
            crate::error::INTERNAL_MESSAGE,
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
            "/style/",
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
