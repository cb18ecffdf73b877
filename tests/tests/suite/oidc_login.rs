//! Signing in at a real OpenID Provider (npm `oidc-provider`, certified), driven over HTTP:
//! the happy path and the attacks the callback must refuse.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use chrono::Utc;
use fgr_api::auth::AuthConfig;
use fgr_api::config::ServerConfig;
use fgr_entities::session;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::support::op::{callback, session_cookie, start_login, Browser, Op, APP_URL};
use crate::support::{Backend, TestApp, TestDb};

async fn app_with(op: &Op, settings: fgr_api::auth::oidc::OidcSettings) -> TestApp {
    let _ = op;
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

async fn me(app: &TestApp, cookie: &str) -> serde_json::Value {
    app.graphql_with(
        "{ me { kind id name email roles { role } } }",
        json!({}),
        &[("cookie", cookie)],
    )
    .await
    .json()["data"]["me"]
        .clone()
}

#[tokio::test]
async fn a_person_signs_in_with_code_and_pkce_and_gets_a_session_with_mapped_roles() {
    let op = Op::start().await;
    let app = app_with(&op, op.settings()).await;
    let (login_cookie, authorize_url) = start_login(&app, "/groups/MANAGER?asOf=2025-02-01").await;
    for expected in [
        "response_type=code",
        "code_challenge_method=S256",
        "state=",
        "nonce=",
        "client_id=console",
    ] {
        assert!(
            authorize_url.contains(expected),
            "{authorize_url} lacks {expected}"
        );
    }
    let back = Browser::default()
        .sign_in_at_provider(&authorize_url, "alice")
        .await;
    assert!(
        back.contains("iss="),
        "the provider sends iss (RFC 9207): {back}"
    );
    let answer = callback(&app, &back, &login_cookie).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.headers[header::LOCATION],
        "/groups/MANAGER?asOf=2025-02-01"
    );
    let cookie = session_cookie(&answer).expect("a session cookie");
    let who = me(&app, &cookie).await;
    assert_eq!(who["kind"], "PERSON");
    assert_eq!(who["id"], "alice");
    assert_eq!(who["name"], "Alice Beheer");
    assert_eq!(who["email"], "alice@example.test");
    assert_eq!(
        who["roles"],
        json!([{ "role": "VIEWER" }, { "role": "MAINTAINER" }, { "role": "ADMIN" }])
    );

    // Replaying the same callback finds no login attempt: it was used once.
    let replay = callback(&app, &back, &login_cookie).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    assert!(session_cookie(&replay).is_none());
    assert_eq!(
        session::Entity::find().count(&app.db.conn).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn a_wrong_or_missing_state_is_refused() {
    let op = Op::start().await;
    let app = app_with(&op, op.settings()).await;
    for tamper in ["wrong", "missing"] {
        let (login_cookie, authorize_url) = start_login(&app, "/").await;
        let back = Browser::default()
            .sign_in_at_provider(&authorize_url, "bob")
            .await;
        let state = back
            .split("state=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap()
            .to_owned();
        let forged = match tamper {
            "wrong" => back.replace(&format!("state={state}"), "state=forged"),
            _ => back.replace(&format!("state={state}"), ""),
        };
        let answer = callback(&app, &forged, &login_cookie).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{tamper}");
        assert!(answer.body.contains("state"), "{tamper}: {}", answer.body);
        assert!(session_cookie(&answer).is_none());
    }
    // A callback without the browser's login cookie is refused too.
    let (_, authorize_url) = start_login(&app, "/").await;
    let back = Browser::default()
        .sign_in_at_provider(&authorize_url, "bob")
        .await;
    assert_eq!(
        callback(&app, &back, "fgr_login=someone-elses")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        session::Entity::find().count(&app.db.conn).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn a_wrong_nonce_or_issuer_is_refused() {
    let op = Op::start().await;
    let app = app_with(&op, op.settings()).await;
    let (login_cookie, authorize_url) = start_login(&app, "/").await;
    app.db
        .conn
        .execute_unprepared("UPDATE login_attempt SET nonce = 'not-the-nonce-sent'")
        .await
        .unwrap();
    let back = Browser::default()
        .sign_in_at_provider(&authorize_url, "bob")
        .await;
    let answer = callback(&app, &back, &login_cookie).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(
        answer.body.to_lowercase().contains("nonce"),
        "{}",
        answer.body
    );

    let (login_cookie, authorize_url) = start_login(&app, "/").await;
    let back = Browser::default()
        .sign_in_at_provider(&authorize_url, "bob")
        .await;
    let mixed_up = back.replace("iss=http", "iss=https");
    let answer = callback(&app, &mixed_up, &login_cookie).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(answer.body.contains("iss"), "{}", answer.body);
    assert_eq!(
        session::Entity::find().count(&app.db.conn).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn an_expired_id_token_is_refused() {
    let op = Op::start().await;
    let mut settings = op.settings();
    // The provider's ID tokens live an hour; judge this one two hours later.
    settings.now = std::sync::Arc::new(|| Utc::now() + chrono::Duration::hours(2));
    let app = app_with(&op, settings).await;
    let (login_cookie, authorize_url) = start_login(&app, "/").await;
    let back = Browser::default()
        .sign_in_at_provider(&authorize_url, "carol")
        .await;
    let answer = callback(&app, &back, &login_cookie).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(
        answer.body.to_lowercase().contains("expired"),
        "{}",
        answer.body
    );
    assert!(session_cookie(&answer).is_none());
}

#[tokio::test]
async fn the_provider_being_down_gives_a_friendly_page_and_the_catalogue_stays_readable() {
    let op = Op::start().await;
    let mut settings = op.settings();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    settings.issuer = format!("http://127.0.0.1:{closed}");
    let app = app_with(&op, settings).await;
    let answer = app
        .send(
            Request::builder()
                .uri("/auth/login")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(answer.body.contains("niet bereikbaar"), "{}", answer.body);
    let families = app.data("{ jobFamilies { code } }", json!({})).await;
    assert_eq!(families["jobFamilies"].as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn signing_out_ends_the_session_here_and_at_the_provider() {
    let op = Op::start().await;
    let app = app_with(&op, op.settings()).await;
    let (login_cookie, authorize_url) = start_login(&app, "/").await;
    let back = Browser::default()
        .sign_in_at_provider(&authorize_url, "bob")
        .await;
    let cookie = session_cookie(&callback(&app, &back, &login_cookie).await).unwrap();
    let logout = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/auth/logout")
                .header(header::COOKIE, &cookie)
                .header("sec-fetch-site", "same-origin")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(logout.status, StatusCode::SEE_OTHER);
    let location = logout.headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.starts_with(&format!("{}/session/end?", op.issuer)),
        "{location}"
    );
    assert!(
        location.contains("id_token_hint=") && location.contains("post_logout_redirect_uri="),
        "{location}"
    );
    assert_eq!(me(&app, &cookie).await["kind"], "ANONYMOUS");
}
