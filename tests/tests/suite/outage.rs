//! The database goes away and comes back: every request meanwhile is answered `503` with
//! `Retry-After` and the typed `UNAVAILABLE` within a second or so (never a masked internal error,
//! never a signed-in person treated as anonymous), and the same server serves again, without a
//! restart, once the database is back. PostgreSQL runs in a cluster of the test's own, which it
//! stops and starts; on SQLite another connection holds the file locked.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use fgr_api::auth::api_tokens;
use fgr_api::domain::access::{Role, Scope};
use fgr_api::domain::audit::Actor;
use fgr_migrations::{Migrator, MigratorTrait};
use serde_json::json;

use crate::amendments::{call, CREATE};
use crate::support::cluster::Cluster;
use crate::support::{Answer, Backend, TestApp, TestDb};

const FAMILIES: &str = "{ jobFamilies { code } }";

/// `answer` is the typed refusal of a request made while the database is away.
fn assert_unavailable(answer: &Answer, what: &str) {
    assert_eq!(
        answer.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{what}: {}",
        answer.body
    );
    assert_eq!(answer.headers[header::RETRY_AFTER], "5", "{what}");
    let body = answer.json();
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "UNAVAILABLE",
        "{what}: {body}"
    );
    assert!(
        body["errors"][0]["extensions"]["reference"].is_string(),
        "{what}: a reference to the logged cause: {body}"
    );
}

async fn ready(app: &TestApp) -> StatusCode {
    app.send(
        Request::builder()
            .uri("/readyz")
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .status
}

#[tokio::test]
async fn postgres_stopped_is_unavailable_at_once_and_started_again_serves_without_a_restart() {
    if !Backend::Postgres.selected() {
        return;
    }
    let cluster = Cluster::start();
    let db = TestDb::existing(Backend::Postgres, &cluster.url()).await;
    Migrator::up(&db.owner, None)
        .await
        .expect("migrations apply");
    fgr_api::seed::run(&db.conn).await.expect("seed loads");
    let app = TestApp::over(db, fgr_api::config::GraphqlLimits::default());
    app.warm().await;
    let member = app.person("alice", Role::CommitteeMember).await;
    let machine = api_tokens::create(
        &app.db.conn,
        &Actor::cli(),
        "req-test",
        "beoordelingstool",
        &BTreeSet::from([Scope::CatalogueRead]),
        None,
    )
    .await
    .expect("a machine client")
    .token;
    let bearer = format!("Bearer {machine}");
    assert_eq!(ready(&app).await, StatusCode::OK);

    cluster.stop();

    let started = Instant::now();
    let anonymous = app.graphql_with(FAMILIES, json!({}), &[]).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "answered within about a second, not after a pool's long timeout: {:?}",
        started.elapsed()
    );
    assert_unavailable(&anonymous, "an anonymous read");
    // A signed-in person is not quietly made anonymous: their read and their change are both
    // refused as unavailable, not as "sign in first".
    let signed_in = app
        .graphql_with(FAMILIES, json!({}), &[("cookie", &member)])
        .await;
    assert_unavailable(&signed_in, "a signed-in read");
    let change = app
        .graphql_with(
            CREATE,
            json!({ "group": "MANAGER", "date": "2030-01-01" }),
            &[("cookie", &member)],
        )
        .await;
    assert_unavailable(&change, "a signed-in change");
    // A machine whose token the server has not seen yet is not told its token is bad.
    let by_machine = app
        .graphql_with(FAMILIES, json!({}), &[("authorization", &bearer)])
        .await;
    assert_unavailable(&by_machine, "a machine's read");
    // Downloads answer the same way.
    let csv = app
        .send(
            Request::builder()
                .uri("/api/coverage.csv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_unavailable(&csv, "the coverage download");
    // People get a page in Dutch, signed in or not.
    for cookie in [None, Some(member.as_str())] {
        let home = app.page("/", cookie).await;
        assert_eq!(
            home.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            home.body
        );
        assert!(
            home.body.contains("Tijdelijk niet beschikbaar"),
            "{}",
            home.body
        );
        assert_eq!(home.headers[header::RETRY_AFTER], "5");
    }
    assert_eq!(ready(&app).await, StatusCode::SERVICE_UNAVAILABLE);

    cluster.resume();

    // The same server, no restart: ready again within a few seconds of the database.
    let deadline = Instant::now() + Duration::from_secs(30);
    while ready(&app).await != StatusCode::OK {
        assert!(
            Instant::now() < deadline,
            "ready again after the database is back"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let families = app
        .graphql_with(FAMILIES, json!({}), &[("cookie", &member)])
        .await;
    assert_eq!(families.status, StatusCode::OK, "{}", families.body);
    assert_eq!(
        families.json()["data"]["jobFamilies"]
            .as_array()
            .map(Vec::len),
        Some(8)
    );
    let created = call(
        &app,
        &member,
        CREATE,
        json!({ "group": "MANAGER", "date": "2030-01-01" }),
    )
    .await;
    assert_eq!(
        created["data"]["createProposal"]["state"], "DRAFT",
        "the signed-in person's session survived: {created}"
    );
    let by_machine = app
        .graphql_with(FAMILIES, json!({}), &[("authorization", &bearer)])
        .await;
    assert_eq!(by_machine.status, StatusCode::OK, "{}", by_machine.body);
    assert_eq!(app.page("/", Some(&member)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_sqlite_file_locked_by_another_process_makes_changes_unavailable_not_internal() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::seeded(Backend::Sqlite).await;
    let member = app.person("alice", Role::CommitteeMember).await;
    app.warm().await;
    // Another process holds the file with an exclusive lock that even readers wait for.
    let mut options = sea_orm::ConnectOptions::new(app.db.url.clone());
    options.max_connections(1).sqlx_logging(false);
    let holder = sea_orm::Database::connect(options).await.unwrap();
    for sql in [
        "PRAGMA locking_mode = EXCLUSIVE",
        "BEGIN EXCLUSIVE",
        "INSERT INTO job_family (code, name, manager_family, sort_order, illustrative) VALUES ('SLOT', 'Slot', false, 99, true)",
    ] {
        holder.execute_unprepared(sql).await.unwrap();
    }
    // Anonymous reads come from memory meanwhile (one process owns a SQLite file).
    let read = app.graphql_with(FAMILIES, json!({}), &[]).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    // A signed-in person's session cannot be read: unavailable, not anonymous, not internal.
    let change = app
        .graphql_with(
            CREATE,
            json!({ "group": "MANAGER", "date": "2030-01-01" }),
            &[("cookie", &member)],
        )
        .await;
    assert_unavailable(&change, "a change while the file is locked");
    holder.execute_unprepared("ROLLBACK").await.unwrap();
    holder.close().await.unwrap();
    let created = call(
        &app,
        &member,
        CREATE,
        json!({ "group": "MANAGER", "date": "2030-01-01" }),
    )
    .await;
    assert_eq!(
        created["data"]["createProposal"]["state"], "DRAFT",
        "{created}"
    );
}
