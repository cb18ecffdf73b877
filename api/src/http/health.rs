//! Health and metrics: `/readyz` reads the database within a second; `/metrics` is for a
//! scraper's token (and [`scrape`] also serves `--metrics-bind`).

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::domain::access::{Operation, Principal};
use crate::error::{DomainError, RETRY_AFTER_SECONDS};
use crate::graphql::GraphqlService;

/// `GET /metrics` in Prometheus text format, for a token with `metrics:read` (or an admin).
pub(super) async fn metrics(
    State(service): State<GraphqlService>,
    principal: Principal,
) -> Response {
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

/// Ready when the database answers a real read (the change feed's head, what every read's
/// freshness check asks) within a second: a database that is down, or a SQLite file another
/// process holds locked, is `503` with `Retry-After` at once, not after the pool's timeout.
pub(super) async fn readyz(State(service): State<GraphqlService>) -> Response {
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
