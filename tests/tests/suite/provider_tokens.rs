//! Machine access tokens from the real OpenID Provider (client credentials, RFC 9068 JWTs):
//! checked for signature, type, issuer, audience, expiry and scope.

use axum::http::{header, StatusCode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use fgr_api::auth::AuthConfig;
use fgr_api::config::ServerConfig;
use serde_json::json;

use crate::support::op::{Op, APP_URL};
use crate::support::{Backend, TestApp, TestDb};

async fn app_for(op: &Op, leeway: u64) -> TestApp {
    app_at(op, leeway, chrono::Duration::zero()).await
}

/// The application judging tokens by a clock `ahead` of the real one (no waiting in tests).
async fn app_at(op: &Op, leeway: u64, ahead: chrono::Duration) -> TestApp {
    let mut settings = op.settings();
    settings.token_leeway_seconds = leeway;
    settings.now = std::sync::Arc::new(move || chrono::Utc::now() + ahead);
    TestApp::configured(
        TestDb::seeded(Backend::Sqlite).await,
        ServerConfig {
            auth: AuthConfig {
                public_url: APP_URL.into(),
                oidc: Some(settings),
                ..AuthConfig::default()
            },
            ..ServerConfig::default()
        },
    )
}

async fn ask(app: &TestApp, token: &str, query: &str) -> crate::support::app::Answer {
    let bearer = format!("Bearer {token}");
    app.graphql_with(query, json!({}), &[("authorization", bearer.as_str())])
        .await
}

fn assert_invalid_token(answer: &crate::support::app::Answer, why: &str) {
    assert_eq!(
        answer.status,
        StatusCode::UNAUTHORIZED,
        "{why}: {}",
        answer.body
    );
    let challenge = answer.headers[header::WWW_AUTHENTICATE].to_str().unwrap();
    assert!(
        challenge.contains(r#"error="invalid_token""#),
        "{why}: {challenge}"
    );
}

#[tokio::test]
async fn a_client_credentials_token_reads_within_its_scopes() {
    let op = Op::start().await;
    let app = app_for(&op, 30).await;
    let token = op
        .machine_token("appraisal-tool", "catalogue:read criteria:read", None)
        .await;
    let answer = ask(
        &app,
        &token,
        "{ me { kind id scopes } jobFamilies { code } }",
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let body = answer.json();
    assert_eq!(
        body["data"]["me"],
        json!({ "kind": "MACHINE", "id": "appraisal-tool", "scopes": ["catalogue:read", "criteria:read"] })
    );

    let narrow = op
        .machine_token("appraisal-tool", "clauses:read", None)
        .await;
    let answer = ask(&app, &narrow, "{ jobFamilies { code } }").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.headers[header::WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .contains(r#"error="insufficient_scope""#));
}

#[tokio::test]
async fn tokens_for_another_audience_forged_or_unsigned_are_refused() {
    let op = Op::start().await;
    let app = app_for(&op, 30).await;
    let other = op
        .machine_token("appraisal-tool", "catalogue:read", Some("urn:other:api"))
        .await;
    assert_invalid_token(
        &ask(&app, &other, "{ jobFamilies { code } }").await,
        "another audience",
    );

    let good = op
        .machine_token("appraisal-tool", "catalogue:read", None)
        .await;
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    let mut claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();
    claims["scope"] = json!("catalogue:read criteria:read clauses:read changes:read");
    parts[1] = URL_SAFE_NO_PAD.encode(claims.to_string());
    let forged = parts.join(".");
    assert_invalid_token(
        &ask(&app, &forged, "{ jobFamilies { code } }").await,
        "forged claims",
    );

    let unsigned = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"at+jwt"}"#),
        parts[1]
    );
    assert_invalid_token(
        &ask(&app, &unsigned, "{ jobFamilies { code } }").await,
        "alg none",
    );

    let wrong_type = format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT","kid":"keystore-CHANGE-ME"}"#),
        good.split('.').nth(1).unwrap(),
        good.split('.').nth(2).unwrap()
    );
    assert_invalid_token(
        &ask(&app, &wrong_type, "{ jobFamilies { code } }").await,
        "not at+jwt",
    );
    assert_invalid_token(
        &ask(&app, "not-a-jwt", "{ jobFamilies { code } }").await,
        "garbage",
    );
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let op = Op::start().await;
    // This client's tokens live one second at the provider; the application's clock is two
    // seconds on, so the token is past its expiry when it arrives.
    let app = app_at(&op, 0, chrono::Duration::seconds(3)).await;
    let fresh = app_for(&op, 0).await;
    let token = op
        .machine_token("short-lived-tool", "catalogue:read", None)
        .await;
    assert_eq!(
        ask(&fresh, &token, "{ jobFamilies { code } }").await.status,
        StatusCode::OK,
        "valid by the real clock"
    );
    assert_invalid_token(
        &ask(&app, &token, "{ jobFamilies { code } }").await,
        "expired",
    );
}
