//! Rate limits on what an attacker repeats: after the configured number of bad bearer tokens, or
//! of sign-in attempts, from one address, the answer is `429` with `Retry-After` and nothing is
//! checked or written. Ended sessions are swept.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use fgr_api::auth::throttle::Limits;
use fgr_api::auth::{sessions, AuthConfig};
use fgr_api::config::ServerConfig;
use fgr_api::domain::access::{Person, Role};
use fgr_entities::{audit_event, session};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};

use crate::on_every_backend;
use crate::support::{Answer, Backend, TestApp, TestDb};

fn limited(db: TestDb) -> TestApp {
    TestApp::configured(
        db,
        ServerConfig {
            auth: AuthConfig {
                dev_login: true,
                limits: Limits {
                    bad_credentials_per_minute: 5,
                    sign_ins_per_minute: 3,
                },
                ..AuthConfig::default()
            },
            ..ServerConfig::default()
        },
    )
}

async fn with_token(app: &TestApp, token: &str) -> Answer {
    app.send(
        Request::builder()
            .method(Method::POST)
            .uri("/graphql")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(r#"{"query":"{ jobFamilies { code } }"}"#))
            .unwrap(),
    )
    .await
}

async fn dev_sign_in(app: &TestApp) -> Answer {
    app.send(
        Request::builder()
            .method(Method::POST)
            .uri("/auth/dev-login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::ORIGIN, "http://127.0.0.1:8080")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from("role=viewer&name=Tess&return_to=%2F"))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn bad_tokens_get_429_with_retry_after_after_the_limit() {
    let app = limited(TestDb::seeded(Backend::Sqlite).await);
    for attempt in 1..=5 {
        let answer = with_token(&app, &format!("fgr_nep{attempt}")).await;
        assert_eq!(
            answer.status,
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}: {}",
            answer.body
        );
    }
    let blocked = with_token(&app, "fgr_nep6").await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        blocked.body
    );
    let wait: u64 = blocked.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(
        blocked.json()["errors"][0]["extensions"]["code"],
        "RATE_LIMITED"
    );
    // Requests without a bad credential are not limited.
    let anonymous = app
        .graphql("{ jobFamilies { code } }", serde_json::json!({}))
        .await;
    assert!(anonymous.get("errors").is_none());
}

#[tokio::test]
async fn sign_ins_get_429_after_the_limit_and_write_nothing_more() {
    let app = limited(TestDb::seeded(Backend::Sqlite).await);
    for attempt in 1..=3 {
        let answer = dev_sign_in(&app).await;
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "attempt {attempt}: {}",
            answer.body
        );
    }
    let audited = audit_event::Entity::find()
        .count(&app.db.conn)
        .await
        .unwrap();
    let blocked = dev_sign_in(&app).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(
        audit_event::Entity::find()
            .count(&app.db.conn)
            .await
            .unwrap(),
        audited,
        "no session, no audit entry"
    );
    // The form itself still shows.
    let form = app
        .send(
            Request::builder()
                .uri("/auth/dev-login")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
}

on_every_backend! {
    async fn ended_sessions_are_swept(backend) {
        let db = TestDb::seeded(backend).await;
        let config = AuthConfig::default();
        let person = |n: &str| Person { subject: format!("oidc:{n}"), name: n.into(), email: None, roles: [Role::Viewer].into() };
        let _alive = sessions::start(&db.conn, &config, &person("levend"), None, "test", "req-1").await.unwrap();
        let _old = sessions::start(&db.conn, &config, &person("oud"), None, "test", "req-2").await.unwrap();
        // The second one was last seen two hours ago.
        let rows = session::Entity::find().all(&db.conn).await.unwrap();
        let old = rows.into_iter().find(|s| s.subject == "oidc:oud").unwrap();
        let mut stale = old.into_active_model();
        stale.last_seen_at = Set(chrono::Utc::now().naive_utc() - chrono::Duration::hours(2));
        stale.update(&db.conn).await.unwrap();
        assert_eq!(sessions::sweep(&db.conn, &config).await.unwrap(), 1);
        let left: Vec<String> = session::Entity::find().all(&db.conn).await.unwrap().into_iter().map(|s| s.subject).collect();
        assert_eq!(left, ["oidc:levend"]);
    }
}
