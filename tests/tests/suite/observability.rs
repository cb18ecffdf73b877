//! What an operator sees: `/metrics` for a scraper's token (the request counter moving, latency
//! histograms, the pool and the register's position), a request id on every answer and error that
//! the audit trail records, and a trusted proxy's request id and client address believed, nobody
//! else's.

use std::collections::BTreeSet;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use fgr_api::auth::throttle::Limits;
use fgr_api::auth::{api_tokens, AuthConfig};
use fgr_api::config::ServerConfig;
use fgr_api::domain::access::{Role, Scope};
use fgr_api::domain::audit::Actor;
use serde_json::json;

use crate::support::{Answer, Backend, TestApp, TestDb};

const FAMILIES: &str = "query Families { jobFamilies { code } }";

async fn token(app: &TestApp, scopes: &[Scope]) -> String {
    api_tokens::create(
        &app.db.conn,
        &Actor::cli(),
        "req-test",
        "prometheus",
        &scopes.iter().copied().collect::<BTreeSet<_>>(),
        None,
    )
    .await
    .expect("a client")
    .token
}

async fn scrape(app: &TestApp, bearer: Option<&str>) -> Answer {
    let mut request = Request::builder().uri("/metrics");
    if let Some(token) = bearer {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    app.send(request.body(Body::empty()).unwrap()).await
}

/// The value of the sample `name{labels}` in a Prometheus text page (0 when absent).
fn sample(page: &str, series: &str) -> f64 {
    page.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0.0)
}

#[tokio::test]
async fn metrics_need_the_scope_and_show_the_request_counter_moving_and_latency_histograms() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let scraper = token(&app, &[Scope::MetricsRead]).await;
    let reader = token(&app, &[Scope::CatalogueRead]).await;

    let anonymous = scrape(&app, None).await;
    assert_eq!(
        anonymous.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        anonymous.body
    );
    assert_eq!(
        anonymous.json()["errors"][0]["extensions"]["code"],
        "UNAUTHENTICATED"
    );
    let wrong_scope = scrape(&app, Some(&reader)).await;
    assert_eq!(
        wrong_scope.status,
        StatusCode::FORBIDDEN,
        "{}",
        wrong_scope.body
    );
    let viewer = app.person("vera", Role::Viewer).await;
    let as_viewer = app
        .send(
            Request::builder()
                .uri("/metrics")
                .header(header::COOKIE, &viewer)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        as_viewer.status,
        StatusCode::FORBIDDEN,
        "people see metrics only as admins"
    );

    app.data(FAMILIES, json!({})).await;
    let before = scrape(&app, Some(&scraper)).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    assert!(before.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let ok = r#"fgr_graphql_operations_total{operation="Families",outcome="OK"}"#;
    let counted = sample(&before.body, ok);
    assert!(counted >= 1.0, "{}", before.body);
    for _ in 0..3 {
        app.data(FAMILIES, json!({})).await;
    }
    let refused = app
        .graphql(
            "query Broken { functionGroups(first: -1) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(refused["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    let after = scrape(&app, Some(&scraper)).await.body;
    assert_eq!(sample(&after, ok), counted + 3.0, "{after}");
    assert_eq!(
        sample(
            &after,
            r#"fgr_graphql_operations_total{operation="Broken",outcome="BAD_USER_INPUT"}"#
        ),
        1.0,
        "{after}"
    );
    // A histogram with buckets, its count equal to the operations answered.
    assert_eq!(
        sample(
            &after,
            r#"fgr_graphql_operation_duration_seconds_count{operation="Families"}"#
        ),
        counted + 3.0,
        "{after}"
    );
    assert_eq!(
        sample(
            &after,
            r#"fgr_graphql_operation_duration_seconds_bucket{operation="Families",le="+Inf"}"#
        ),
        counted + 3.0,
        "{after}"
    );
    assert!(
        after.contains(
            r#"fgr_graphql_operation_duration_seconds_bucket{operation="Families",le="0.005"}"#
        ),
        "{after}"
    );
    assert!(
        sample(
            &after,
            r#"fgr_http_requests_total{route="graphql",status="200"}"#
        ) >= counted + 4.0,
        "{after}"
    );
    assert!(
        after.contains(r#"fgr_http_request_duration_seconds_bucket{route="graphql",le="0.001"}"#),
        "{after}"
    );
    // The pool and the register's position.
    assert!(
        after.contains(r#"fgr_db_pool_connections{state="idle"}"#),
        "{after}"
    );
    let revision = app.service.read_model().published().revision();
    assert!(revision > 0);
    assert_eq!(
        sample(&after, "fgr_register_revision"),
        revision as f64,
        "{after}"
    );
    assert_eq!(
        sample(&after, "fgr_change_feed_head"),
        revision as f64,
        "{after}"
    );
}

#[tokio::test]
async fn every_answer_and_error_carries_the_request_id_the_audit_trail_records() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let owner = app.person("mo", Role::Maintainer).await;
    // A client's own id is not believed.
    let answer = app
        .graphql_with(FAMILIES, json!({}), &[("x-request-id", "mine-123")])
        .await;
    let id = answer.headers["x-request-id"].to_str().unwrap().to_owned();
    assert!(id.starts_with("req-") && id.len() == 16, "{id}");
    let failed = app
        .graphql_with(
            "{ functionGroups(first: -1) { totalCount } }",
            json!({}),
            &[("cookie", &owner)],
        )
        .await;
    let header_id = failed.headers["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(
        failed.json()["errors"][0]["extensions"]["requestId"],
        header_id.as_str()
    );
    // A change: the audit entry names the request that made it.
    let retired = app
        .graphql_with(
            r#"mutation { retireVacancyClause(code: "VOG", expectedVersion: 1, on: "2999-01-01") { code } }"#,
            json!({}),
            &[("cookie", &owner)],
        )
        .await;
    assert!(retired.json().get("errors").is_none(), "{}", retired.body);
    let change_id = retired.headers["x-request-id"].to_str().unwrap().to_owned();
    let log = app
        .graphql_with(
            "{ auditLog(first: 1) { edges { node { action requestId } } } }",
            json!({}),
            &[("cookie", &owner)],
        )
        .await
        .json();
    assert_eq!(
        log["data"]["auditLog"]["edges"][0]["node"]["requestId"],
        change_id.as_str(),
        "{log}"
    );
}

fn behind_proxy(db: TestDb) -> TestApp {
    TestApp::configured(
        db,
        ServerConfig {
            trusted_proxies: vec!["10.0.0.2".parse().unwrap()],
            auth: AuthConfig {
                limits: Limits {
                    bad_credentials_per_minute: 2,
                    ..Limits::default()
                },
                ..AuthConfig::default()
            },
            ..ServerConfig::default()
        },
    )
}

async fn via(app: &TestApp, peer: &str, forwarded_for: &str, request_id: &str) -> Answer {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, "Bearer fgr_not_a_real_token")
        .header("x-forwarded-for", forwarded_for)
        .header("x-request-id", request_id)
        .body(Body::from(r#"{"query":"{ jobFamilies { code } }"}"#))
        .unwrap();
    let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    app.send(request).await
}

#[tokio::test]
async fn a_trusted_proxy_names_the_request_id_and_the_client_the_rate_limit_counts() {
    let app = behind_proxy(TestDb::seeded(Backend::Sqlite).await);
    // Through the load balancer: its id is kept, and two clients behind it have limits of their own.
    let first = via(&app, "10.0.0.2", "203.0.113.9", "lb-0001").await;
    assert_eq!(first.status, StatusCode::UNAUTHORIZED);
    assert_eq!(first.headers["x-request-id"], "lb-0001");
    via(&app, "10.0.0.2", "203.0.113.9", "lb-0002").await;
    let third = via(&app, "10.0.0.2", "203.0.113.9", "lb-0003").await;
    assert_eq!(
        third.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the third bad token from one client"
    );
    let other_client = via(&app, "10.0.0.2", "198.51.100.7", "lb-0004").await;
    assert_eq!(
        other_client.status,
        StatusCode::UNAUTHORIZED,
        "another client behind the same proxy"
    );
    // Straight from the internet: neither the id nor the forwarded address is believed, so the
    // sender is limited as itself whatever it claims.
    let direct = via(&app, "192.0.2.50", "198.51.100.99", "forged").await;
    assert!(direct.headers["x-request-id"]
        .to_str()
        .unwrap()
        .starts_with("req-"));
    via(&app, "192.0.2.50", "198.51.100.98", "forged").await;
    let limited = via(&app, "192.0.2.50", "198.51.100.97", "forged").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    // A proxy's id that is not a plain token is replaced.
    let odd = via(&app, "10.0.0.2", "198.51.100.8", "a/b c").await;
    assert!(odd.headers["x-request-id"]
        .to_str()
        .unwrap()
        .starts_with("req-"));
}
