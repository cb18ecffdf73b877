//! Backup, restore and copy: a register with proposals, advice, decisions, clause versions, API
//! clients and webhooks, backed up from each engine and restored into each engine, answers every
//! console query, the catalogue export and the change feed exactly as the original; its audit
//! chain verifies; the feed goes on from the same position. A non-empty target and a file with a
//! broken audit chain are refused and leave the target as it was. A backup taken while writers
//! run restores to a chain that verifies.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::Request;
use chrono::{Duration, Utc};
use fgr_api::auth::api_tokens;
use fgr_api::backup;
use fgr_api::domain::access::{Person, Principal, Role, Scope};
use fgr_api::domain::audit::{self, Actor};
use fgr_console::queries;
use serde_json::{json, Value};

use crate::amendments::{call, ADVISE, CREATE, DECIDE, SUBMIT};
use crate::contract::read_variables;
use crate::on_every_backend;
use crate::support::{Backend, TestApp, TestDb};
use crate::vacancy_clauses::REVISE;

const FEED: &str = "query P($after: String) { changes(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { position entityType entityId version kind effectiveFrom occurredAt data } } } }";

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

/// A register that has been used: an adopted proposal, a revised clause, a client, a webhook.
async fn used(backend: Backend) -> TestApp {
    let app = TestApp::seeded(backend).await;
    let author = app.person("alice", Role::CommitteeMember).await;
    let secretary = app.person("sam", Role::CommitteeSecretary).await;
    let owner = app.person("mo", Role::Maintainer).await;
    let created = call(
        &app,
        &author,
        CREATE,
        json!({ "group": "MANAGER", "date": day(10) }),
    )
    .await;
    let n = created["data"]["createProposal"]["number"].clone();
    call(&app, &author, SUBMIT, json!({ "n": n, "v": 1 })).await;
    call(
        &app,
        &secretary,
        ADVISE,
        json!({ "n": n, "v": 2, "employers": ["a"], "unions": ["b"] }),
    )
    .await;
    let decided = call(
        &app,
        &owner,
        DECIDE,
        json!({ "n": n, "v": 3, "outcome": "ADOPTED" }),
    )
    .await;
    assert_eq!(
        decided["data"]["recordDecision"]["state"], "ADOPTED",
        "{decided}"
    );
    let revised = call(&app, &owner, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": 1, "from": day(3), "text": "Je legt de eed of belofte af." })).await;
    assert!(revised.get("errors").is_none(), "{revised}");
    let client = api_tokens::create(
        &app.db.conn,
        &Actor::cli(),
        "req",
        "tool",
        &BTreeSet::from([Scope::ChangesRead]),
        None,
    )
    .await
    .unwrap();
    fgr_api::push::webhooks::add(
        &app.db.conn,
        &Actor::cli(),
        "req",
        &client.client.public_id,
        "https://tool.example.nl/hook",
        false,
    )
    .await
    .unwrap();
    app
}

/// Everything a reader can ask, as FGR beheer: every console query, the catalogue export and
/// the whole change feed. Asked without signing in (which would add to the audit trail being
/// compared): as the principal, through the service the transport uses.
async fn answers(app: &TestApp) -> Vec<(String, Value)> {
    let maintainer = Principal::Person(Person {
        subject: "mo".into(),
        name: "mo".into(),
        email: None,
        roles: [Role::Viewer, Role::Maintainer].into(),
    });
    let ask = |query: &str, variables: Value| {
        let request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables));
        let service = app.service.clone();
        let principal = maintainer.clone();
        async move { serde_json::to_value(service.execute(request, principal).await).unwrap() }
    };
    let mut all = Vec::new();
    for operation in queries::READS {
        let variables = read_variables(operation.name, "EED_OF_BELOFTE", 1, 2);
        all.push((
            operation.name.to_owned(),
            ask(operation.document, variables).await,
        ));
    }
    let export = app
        .send(
            Request::builder()
                .uri("/api/catalogue.json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    all.push(("catalogue.json".into(), export.json()));
    let mut after = Value::Null;
    loop {
        let page = ask(FEED, json!({ "after": after })).await;
        let info = page["data"]["changes"]["pageInfo"].clone();
        all.push((format!("changes after {after}"), page));
        if info["hasNextPage"] != true {
            break;
        }
        after = info["endCursor"].clone();
    }
    all
}

fn selected_targets() -> Vec<Backend> {
    [Backend::Sqlite, Backend::Postgres, Backend::MariaDb]
        .into_iter()
        .filter(|b| b.selected())
        .collect()
}

on_every_backend! {
    async fn a_backup_restores_into_every_engine_with_the_same_answers_a_verifying_chain_and_the_feed_going_on(backend) {
        let source = used(backend).await;
        let expected = answers(&source).await;
        assert!(expected.iter().all(|(name, a)| a.get("errors").is_none() || panic!("{name}: {a}")));
        let file = backup::to_file(&backup::take(&source.db.conn).await.unwrap()).unwrap();
        assert_eq!(&file[..2], &[0x1f, 0x8b], "gzip");
        let taken = backup::from_file(&file).unwrap();
        let tables: Vec<&str> = taken.tables.iter().map(|t| t.name.as_str()).collect();
        assert!(!tables.contains(&"session") && !tables.contains(&"login_attempt"), "never sessions: {tables:?}");
        assert_eq!(tables, backup::tables::NAMES);

        for target in selected_targets() {
            let db = TestDb::empty(target).await;
            let restored = backup::restore(&db.owner, &taken).await.unwrap_or_else(|e| panic!("{target:?}: {e}"));
            assert_eq!(restored.rows, taken.rows());
            assert_eq!(restored.feed_head, taken.feed_head);
            let restored_app = TestApp::over(db, fgr_api::config::GraphqlLimits::default());
            let verified = audit::verify(&restored_app.db.conn).await.unwrap();
            assert_eq!(verified.first_broken, None, "{target:?}");
            assert_eq!(verified.checked, u64::try_from(taken.audit_head).unwrap());
            let got = answers(&restored_app).await;
            assert_eq!(got.len(), expected.len());
            for ((name, want), (_, have)) in expected.iter().zip(&got) {
                assert_eq!(have, want, "{name} on {target:?} after restoring a {backend:?} backup");
            }
            // The feed goes on from the same position, and so does every table's key.
            let owner = restored_app.person("mo", Role::Maintainer).await;
            let revised = call(&restored_app, &owner, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": 2, "from": day(5), "text": "Na het herstel." })).await;
            assert!(revised.get("errors").is_none(), "{target:?}: {revised}");
            let created = call(&restored_app, &owner, CREATE, json!({ "group": "MANAGER", "date": day(20) })).await;
            assert_eq!(created["data"]["createProposal"]["number"], 2, "{target:?}: {created}");
            let head = fgr_api::register::load::head(&restored_app.db.conn).await.unwrap();
            assert_eq!(head, taken.feed_head + 1, "{target:?}");
            assert_eq!(audit::verify(&restored_app.db.conn).await.unwrap().first_broken, None);
        }
    }
}

#[tokio::test]
async fn a_restore_refuses_a_non_empty_target_and_a_broken_chain_and_changes_nothing() {
    let source = used(Backend::Sqlite).await;
    let taken = backup::take(&source.db.conn).await.unwrap();
    // Into the source itself: it holds a register.
    let refused = backup::restore(&source.db.conn, &taken).await.unwrap_err();
    assert_eq!(refused.code().as_str(), "CONFLICT", "{refused}");

    // A file whose audit trail was edited: one action renamed.
    let mut tampered = backup::from_file(&backup::to_file(&taken).unwrap()).unwrap();
    let audit_rows = tampered
        .tables
        .iter_mut()
        .find(|t| t.name == "audit_event")
        .unwrap();
    audit_rows.rows[3]["action"] = json!("nothing.happened");
    let target = TestDb::empty(Backend::Sqlite).await;
    let refused = backup::restore(&target.owner, &tampered).await.unwrap_err();
    assert_eq!(refused.code().as_str(), "BAD_USER_INPUT", "{refused}");
    assert!(refused.to_string().contains("audit chain"), "{refused}");
    use sea_orm::{EntityTrait, PaginatorTrait};
    assert_eq!(
        fgr_entities::job_family::Entity::find()
            .count(&target.owner)
            .await
            .unwrap(),
        0,
        "nothing was restored"
    );
    assert_eq!(
        fgr_entities::audit_event::Entity::find()
            .count(&target.owner)
            .await
            .unwrap(),
        0
    );
    // The untouched file goes into the same target afterwards.
    backup::restore(&target.owner, &taken)
        .await
        .expect("a good file restores");

    // Not a backup, or one of another schema.
    assert_eq!(
        backup::from_file(b"not gzip").unwrap_err().code().as_str(),
        "BAD_USER_INPUT"
    );
    let mut older = taken;
    older.migrations.pop();
    let refused = backup::from_file(&backup::to_file(&older).unwrap()).unwrap_err();
    assert!(refused.to_string().contains("schema"), "{refused}");
}

on_every_backend! {
    async fn a_backup_taken_while_writers_run_is_consistent(backend) {
        let app = TestApp::seeded(backend).await;
        let owner = app.person("mo", Role::Maintainer).await;
        let writer = async {
            for v in 1..=6 {
                let revised = call(&app, &owner, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": v, "from": day(v), "text": format!("Tekst {v}.") })).await;
                assert!(revised.get("errors").is_none(), "{revised}");
            }
        };
        let backups = async {
            let mut taken = Vec::new();
            for _ in 0..3 {
                taken.push(backup::take(&app.db.conn).await.unwrap());
            }
            taken
        };
        let ((), taken) = futures::join!(writer, backups);
        for one in taken {
            let target = TestDb::empty(Backend::Sqlite).await;
            let restored = backup::restore(&target.owner, &one).await.expect("a consistent backup restores");
            assert_eq!(restored.feed_head, one.feed_head);
            let verified = audit::verify(&target.owner).await.unwrap();
            assert_eq!(verified.first_broken, None);
            assert_eq!(verified.checked, u64::try_from(one.audit_head).unwrap(), "the chain's head row and its entries are from one moment");
        }
    }
}
