//! The audit trail: every change is recorded in the same transaction, the entries form a SHA-256
//! chain that `verify` checks, and the database refuses to rewrite them.

use std::collections::{BTreeSet, HashSet};

use fgr_api::auth::api_tokens;
use fgr_api::domain::access::{Role, Scope};
use fgr_api::domain::audit::{self, Actor};
use fgr_entities::audit_event;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::on_every_backend;
use crate::support::{Backend, TestApp, TestDb};

async fn issue(db: &TestDb, name: &str) -> Result<api_tokens::Issued, fgr_api::error::DomainError> {
    api_tokens::create(
        &db.conn,
        &Actor::cli(),
        "req-test",
        name,
        &BTreeSet::from([Scope::CriteriaRead]),
        None,
    )
    .await
}

fn disable_guards(backend: Backend) -> &'static [&'static str] {
    match backend {
        Backend::Sqlite => &[
            "DROP TRIGGER audit_event_no_update",
            "DROP TRIGGER audit_event_no_delete",
        ],
        Backend::Postgres => &["ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_rewrite"],
        Backend::MariaDb => &[
            "DROP TRIGGER audit_event_no_update",
            "DROP TRIGGER audit_event_no_delete",
        ],
    }
}

on_every_backend! {
    async fn changes_are_recorded_in_a_chain_that_verifies(backend) {
        let app = TestApp::seeded(backend).await;
        let issued = issue(&app.db, "Beoordelingstool").await.unwrap();
        api_tokens::revoke(&app.db.conn, &Actor::cli(), "req-revoke", &issued.client.public_id).await.unwrap();
        let check = audit::verify(&app.db.conn).await.unwrap();
        assert_eq!(check.first_broken, None);
        assert_eq!(check.checked, 3, "seed, create, revoke");

        let committee = app.person("test:committeemember", Role::CommitteeMember).await;
        let answer = app.graphql_with(
            "{ auditLog(first: 10) { totalCount edges { node { seq actor actorRole action targetType targetId actorLabel actionLabel targetLabel actorRoleLabel before after requestId } } } }",
            json!({}),
            &[("cookie", &committee)],
        ).await;
        let body = answer.json();
        let entries = &body["data"]["auditLog"]["edges"];
        assert_eq!(body["data"]["auditLog"]["totalCount"], 4, "{body}");
        let actions: Vec<&str> = entries.as_array().unwrap().iter().map(|e| e["node"]["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["session.start", "api_client.revoke", "api_client.create", "seed.load"]);
        let revoke = &entries[1]["node"];
        assert_eq!(revoke["actor"], "cli");
        assert_eq!(revoke["actorLabel"], "opdrachtregel");
        assert_eq!(revoke["actionLabel"], "API-koppeling ingetrokken");
        assert_eq!(revoke["actorRoleLabel"], "opdrachtregel");
        assert_eq!(revoke["targetLabel"], format!("API-koppeling {}", issued.client.public_id));
        assert_eq!(entries[0]["node"]["actorRoleLabel"], "Raadpleger, Lid Standaardisatiecommissie");
        assert_eq!(revoke["requestId"], "req-revoke");
        assert!(revoke["before"].as_str().unwrap().contains(r#""revokedAt":null"#));
        assert!(!revoke["after"].as_str().unwrap().contains(r#""revokedAt":null"#));
        assert!(!body.to_string().contains(&issued.token[17..]), "the secret reached the audit trail");

        let viewer = app.person("test:recruiter", Role::Recruiter).await;
        let refused = app.graphql_with("{ auditLog { totalCount } }", json!({}), &[("cookie", &viewer)]).await;
        assert_eq!(refused.json()["errors"][0]["extensions"]["code"], "FORBIDDEN");
    }

    async fn the_database_refuses_to_rewrite_or_delete_entries(backend) {
        let db = TestDb::seeded(backend).await;
        assert!(db.conn.execute_unprepared("UPDATE audit_event SET actor = 'mallory'").await.is_err(), "update allowed");
        assert!(db.conn.execute_unprepared("DELETE FROM audit_event").await.is_err(), "delete allowed");
        if backend == Backend::Postgres {
            // The app's role (the tests' `fgr_app`, as the README advises) owns nothing: it can
            // neither drop nor disable the guard, nor change the schema.
            for sql in [
                "DROP TRIGGER audit_event_no_rewrite ON audit_event",
                "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_rewrite",
                "DROP TABLE audit_event",
                "CREATE TABLE scratch (id int)",
            ] {
                let refused = db.conn.execute_unprepared(sql).await.expect_err(sql).to_string();
                assert!(refused.contains("must be owner") || refused.contains("permission denied"), "{sql}: {refused}");
            }
        }
        assert_eq!(audit_event::Entity::find().count(&db.conn).await.unwrap(), 1);
        assert_eq!(audit::verify(&db.conn).await.unwrap().first_broken, None);
    }

    async fn a_tampered_or_removed_entry_is_named_by_verify(backend) {
        let db = TestDb::seeded(backend).await;
        for name in ["een", "twee", "drie"] {
            issue(&db, name).await.unwrap();
        }
        for sql in disable_guards(backend) {
            db.owner.execute_unprepared(sql).await.unwrap();
        }
        db.owner.execute_unprepared("UPDATE audit_event SET actor = 'mallory' WHERE seq = 3").await.unwrap();
        let check = audit::verify(&db.conn).await.unwrap();
        assert_eq!(check.checked, 2);
        let (seq, reason) = check.first_broken.expect("the tampering is found");
        assert_eq!(seq, 3);
        assert!(reason.contains("does not match its hash"), "{reason}");

        db.owner.execute_unprepared("DELETE FROM audit_event WHERE seq = 2").await.unwrap();
        let (seq, reason) = audit::verify(&db.conn).await.unwrap().first_broken.unwrap();
        assert_eq!(seq, 2);
        assert!(reason.contains("missing"), "{reason}");
    }

    async fn a_refused_change_leaves_no_entry(backend) {
        let db = TestDb::seeded(backend).await;
        assert!(issue(&db, "   ").await.is_err());
        assert!(api_tokens::revoke(&db.conn, &Actor::cli(), "r", "does-not-exist").await.is_err());
        assert_eq!(audit_event::Entity::find().count(&db.conn).await.unwrap(), 1, "only the seed");
    }
}

#[tokio::test]
async fn concurrent_changes_never_fork_the_chain() {
    for backend in [Backend::Postgres, Backend::MariaDb] {
        if !backend.selected() {
            continue;
        }
        let db = TestDb::seeded(backend).await;
        let names: Vec<String> = (0..6).map(|i| format!("parallel {i}")).collect();
        let attempts = futures::future::join_all(names.iter().map(|name| issue(&db, name))).await;
        let succeeded = attempts.iter().filter(|r| r.is_ok()).count();
        for failure in attempts.iter().filter_map(|r| r.as_ref().err()) {
            assert!(
                matches!(failure.code().as_str(), "CONFLICT" | "INTERNAL"),
                "{failure:?}"
            );
        }
        assert!(succeeded >= 1);
        let check = audit::verify(&db.conn).await.unwrap();
        assert_eq!(check.first_broken, None, "{backend:?}");
        assert_eq!(
            check.checked as usize,
            1 + succeeded,
            "{backend:?}: one entry per successful change"
        );
        let hashes: HashSet<String> = audit_event::Entity::find()
            .all(&db.conn)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.prev_hash)
            .collect();
        assert_eq!(
            hashes.len(),
            1 + succeeded,
            "two entries chain to the same predecessor"
        );
    }
}

#[tokio::test]
async fn an_audit_entry_carries_the_server_issued_id_of_its_request() {
    use sea_orm::QueryOrder;
    let app = TestApp::seeded(Backend::Sqlite).await;
    let member = app.person("ria", Role::CommitteeMember).await;
    let date = (chrono::Utc::now().date_naive() + chrono::Duration::days(30)).to_string();
    let answer = app
        .graphql_with(
            r#"mutation C($date: Date!) { createProposal(input: { groupCode: "MANAGER", title: "Verzoek-id", rationale: "Test.", requestedEffectiveFrom: $date }) { number } }"#,
            json!({ "date": date }),
            &[("cookie", member.as_str()), ("x-request-id", "door-de-aanroeper-gekozen")],
        )
        .await;
    assert!(answer.json().get("errors").is_none(), "{}", answer.body);
    let issued = answer.headers["x-request-id"].to_str().unwrap().to_owned();
    assert!(issued.starts_with("req-"), "{issued}");
    let last = audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Seq)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(last.action, "proposal.create");
    assert_eq!(
        last.request_id, issued,
        "the entry names the request that made it, as the server issued it"
    );
}

on_every_backend! {
    async fn a_chain_rewritten_end_to_end_is_caught_by_a_signed_checkpoint(backend) {
        use fgr_api::domain::checkpoints;
        use sea_orm::{ActiveModelTrait, IntoActiveModel, QueryOrder, Set};
        let db = TestDb::seeded(backend).await;
        let config = fgr_api::auth::AuthConfig::default();
        let person = fgr_api::domain::access::Person { subject: "oidc:ria".into(), name: "Ria".into(), email: None, roles: [Role::Viewer].into() };
        fgr_api::auth::sessions::start(&db.conn, &config, &person, None, "test", "req-a").await.unwrap();
        let key = b"een-sleutel-van-minstens-32-bytes-lang".to_vec();
        let checkpoint = checkpoints::take(&db.conn, &key).await.unwrap();
        fgr_api::auth::sessions::start(&db.conn, &config, &person, None, "test", "req-b").await.unwrap();
        assert_eq!(checkpoints::check(&db.conn, &key, std::slice::from_ref(&checkpoint)).await.unwrap(), None, "an untouched chain holds");
        let line = checkpoint.to_line();
        assert_eq!(checkpoints::parse(&line).unwrap(), std::slice::from_ref(&checkpoint));

        // The attack: with the owner's database rights (on PostgreSQL the app's role has none,
        // see above), drop the triggers, change the first entry, recompute every hash after it
        // and the head.
        let drops: &[&str] = match backend {
            Backend::Sqlite => &["DROP TRIGGER audit_event_no_update"],
            Backend::Postgres => &["DROP TRIGGER audit_event_no_rewrite ON audit_event"],
            Backend::MariaDb => &["DROP TRIGGER audit_event_no_update"],
        };
        for sql in drops {
            db.owner.execute_unprepared(sql).await.unwrap();
        }
        let entries = audit_event::Entity::find().order_by_asc(audit_event::Column::Seq).all(&db.conn).await.unwrap();
        let mut prev = entries[0].prev_hash.clone();
        for (i, mut e) in entries.into_iter().enumerate() {
            if i == 0 {
                e.actor = "iemand-anders".into();
            }
            e.prev_hash = prev.clone();
            e.hash = audit::entry_hash(&e);
            prev = e.hash.clone();
            let mut active = e.clone().into_active_model();
            active.actor = Set(e.actor.clone());
            active.prev_hash = Set(e.prev_hash.clone());
            active.hash = Set(e.hash.clone());
            active.update(&db.owner).await.unwrap();
        }
        db.owner.execute_unprepared(&format!("UPDATE audit_head SET last_hash = '{prev}' WHERE id = 1")).await.unwrap();
        assert_eq!(audit::verify(&db.conn).await.unwrap().first_broken, None, "the rewrite fools the chain alone");

        let caught = checkpoints::check(&db.conn, &key, std::slice::from_ref(&checkpoint)).await.unwrap();
        let (seq, why) = caught.expect("the checkpoint catches the rewrite");
        assert_eq!(seq, checkpoint.seq);
        assert!(why.contains("rewritten"), "{why}");

        // A checkpoint the attacker makes without the key is not accepted in its place.
        let forged = checkpoints::take(&db.conn, b"een-andere-sleutel-ook-van-32-bytes-of-meer").await.unwrap();
        let (_, why) = checkpoints::check(&db.conn, &key, &[forged]).await.unwrap().expect("refused");
        assert!(why.contains("not signed"), "{why}");
    }
}
