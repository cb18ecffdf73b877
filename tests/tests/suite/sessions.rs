//! People's sessions through the local dev sign-in: cookies, rotation, timeouts, sign-out, and
//! the same-site rules for form posts.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use fgr_api::auth::AuthConfig;
use fgr_api::config::ServerConfig;
use fgr_entities::session;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::{Backend, TestApp, TestDb};

fn dev_login_app(db: TestDb) -> TestApp {
    TestApp::configured(
        db,
        ServerConfig {
            auth: AuthConfig {
                dev_login: true,
                ..AuthConfig::default()
            },
            ..ServerConfig::default()
        },
    )
}

/// Signs in through the dev form; the session cookie (`name=value`) and the redirect target.
async fn sign_in(app: &TestApp, role: &str, return_to: &str) -> (String, String) {
    let form = serde_urlencoded::to_string([
        ("role", role),
        ("name", "Tess Test"),
        ("return_to", return_to),
    ])
    .unwrap();
    let answer = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/auth/dev-login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::HOST, "127.0.0.1:8080")
                .header(header::ORIGIN, "http://127.0.0.1:8080")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(form))
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let set_cookie = answer.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(
            set_cookie.contains(attribute),
            "{set_cookie} lacks {attribute}"
        );
    }
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    (
        cookie,
        answer.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned(),
    )
}

async fn me(app: &TestApp, cookie: &str) -> Value {
    app.graphql_with(
        "{ me { kind id name roles { role label } allowedOperations } }",
        json!({}),
        &[("cookie", cookie)],
    )
    .await
    .json()["data"]["me"]
        .clone()
}

on_every_backend! {
    async fn a_dev_sign_in_starts_a_session_that_me_reports(backend) {
        let app = dev_login_app(TestDb::seeded(backend).await);
        let (cookie, location) = sign_in(&app, "committee_secretary", "/groups/MANAGER").await;
        assert_eq!(location, "/groups/MANAGER");
        let who = me(&app, &cookie).await;
        assert_eq!(who["kind"], "PERSON");
        assert_eq!(who["id"], "dev:committee_secretary:tess-test", "each name its own identity");
        assert_eq!(who["name"], "Tess Test");
        assert_eq!(who["roles"], json!([
            { "role": "VIEWER", "label": "Raadpleger" },
            { "role": "COMMITTEE_SECRETARY", "label": "Secretaris Standaardisatiecommissie" },
        ]));
        assert_eq!(session::Entity::find().count(&app.db.conn).await.unwrap(), 1);
    }

    async fn signing_in_again_rotates_the_session_and_signing_out_ends_it(backend) {
        let app = dev_login_app(TestDb::seeded(backend).await);
        let (first, _) = sign_in(&app, "viewer", "/").await;
        let (second, _) = sign_in(&app, "maintainer", "/").await;
        assert_ne!(first, second);
        // The second sign-in came without the first cookie, so both live until signed out.
        let logout = app.send(
            Request::builder().method(Method::POST).uri("/auth/logout")
                .header(header::COOKIE, &second)
                .header("sec-fetch-site", "same-origin")
                .body(Body::empty()).unwrap(),
        ).await;
        assert_eq!(logout.status, StatusCode::SEE_OTHER);
        assert!(logout.headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
        assert_eq!(me(&app, &second).await["kind"], "ANONYMOUS", "the session outlived sign-out");
        assert_eq!(me(&app, &first).await["kind"], "PERSON");
    }

    async fn idle_and_expired_sessions_end(backend) {
        let app = dev_login_app(TestDb::seeded(backend).await);
        let (idle, _) = sign_in(&app, "viewer", "/").await;
        app.db.conn.execute_unprepared("UPDATE session SET last_seen_at = '2000-01-01 00:00:00'").await.unwrap();
        assert_eq!(me(&app, &idle).await["kind"], "ANONYMOUS");
        let (old, _) = sign_in(&app, "viewer", "/").await;
        app.db.conn.execute_unprepared("UPDATE session SET expires_at = '2000-01-01 00:00:00'").await.unwrap();
        assert_eq!(me(&app, &old).await["kind"], "ANONYMOUS");
        assert_eq!(session::Entity::find().count(&app.db.conn).await.unwrap(), 0, "ended sessions are deleted");
    }
}

#[tokio::test]
async fn return_to_only_ever_leads_to_this_site() {
    let app = dev_login_app(TestDb::seeded(Backend::Sqlite).await);
    for evil in [
        "//evil.example/x",
        "https://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
    ] {
        let (_, location) = sign_in(&app, "viewer", evil).await;
        assert_eq!(location, "/", "{evil}");
    }
    let login = app
        .send(
            Request::builder()
                .uri("/auth/login?return_to=//evil.example")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        login.headers[header::LOCATION],
        "/auth/dev-login?return_to=%2F"
    );
}

#[tokio::test]
async fn cross_site_form_posts_are_refused() {
    let app = dev_login_app(TestDb::seeded(Backend::Sqlite).await);
    for (uri, body) in [("/auth/dev-login", "role=admin"), ("/auth/logout", "")] {
        let answer = app
            .send(
                Request::builder()
                    .method(Method::POST)
                    .uri(uri)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::HOST, "127.0.0.1:8080")
                    .header(header::ORIGIN, "https://evil.example")
                    .header("sec-fetch-site", "cross-site")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{uri}");
        assert!(answer.headers.get(header::SET_COOKIE).is_none());
    }
    assert_eq!(
        session::Entity::find().count(&app.db.conn).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn without_dev_login_there_is_no_dev_sign_in() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let page = app
        .send(
            Request::builder()
                .uri("/auth/dev-login")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let post = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/auth/dev-login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("role=admin"))
                .unwrap(),
        )
        .await;
    assert_ne!(post.status, StatusCode::SEE_OTHER);
    assert_eq!(
        session::Entity::find().count(&app.db.conn).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn the_console_header_shows_who_is_signed_in() {
    let app = dev_login_app(TestDb::seeded(Backend::Sqlite).await);
    let anonymous = app
        .send(
            Request::builder()
                .uri("/groups/MANAGER")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        anonymous
            .body
            .contains(r#"href="/auth/login?return_to=/groups/MANAGER""#),
        "{}",
        anonymous.body
    );
    let (cookie, _) = sign_in(&app, "maintainer", "/").await;
    let signed_in = app
        .send(
            Request::builder()
                .uri("/groups/MANAGER")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(signed_in.body.contains("Tess Test"));
    assert!(signed_in.body.contains("FGR-beheer"));
    assert!(signed_in.body.contains(r#"action="/auth/logout""#));
}
