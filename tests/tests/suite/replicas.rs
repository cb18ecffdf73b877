//! Several replicas on one database: a change committed through one is visible through the other
//! in the very next request; concurrent changes through both keep one winner; the audit chain
//! and the change feed stay whole; a revoked token is refused everywhere within a second.

use std::collections::BTreeSet;
use std::time::Duration as StdDuration;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use fgr_api::auth::api_tokens;
use fgr_api::domain::access::{Role, Scope};
use fgr_api::domain::audit::{self, Actor};
use fgr_entities::change_event;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;

use crate::amendments::{call, code, ADVISE, CREATE, DECIDE, SUBMIT};
use crate::on_every_backend;
use crate::support::TestApp;
use crate::vacancy_clauses::{RETIRE, REVISE};

const MANAGER: &str = r#"query M($asOf: Date) { functionGroup(code: "MANAGER", asOf: $asOf) { version { number } versions { number } } }"#;
const CLAUSE: &str = r#"query C($on: Date) { vacancyClause(code: "VOG", on: $on) { status version { number effectiveTo } } }"#;

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

on_every_backend! {
    async fn a_change_through_one_replica_is_visible_through_the_other_in_the_next_request(backend) {
        let a = TestApp::seeded(backend).await;
        let b = a.replica().await;
        a.warm().await;
        b.warm().await;
        assert_eq!(b.data(MANAGER, json!({})).await["functionGroup"]["versions"], json!([{ "number": 1 }]));

        // A workflow adoption through A.
        let author = a.person("alice", Role::CommitteeMember).await;
        let secretary = a.person("sam", Role::CommitteeSecretary).await;
        let owner = a.person("mo", Role::Maintainer).await;
        let date = day(15);
        let created = call(&a, &author, CREATE, json!({ "group": "MANAGER", "date": date })).await;
        let n = created["data"]["createProposal"]["number"].clone();
        call(&a, &author, SUBMIT, json!({ "n": n, "v": 1 })).await;
        call(&a, &secretary, ADVISE, json!({ "n": n, "v": 2, "employers": ["a"], "unions": ["b"] })).await;
        let decided = call(&a, &owner, DECIDE, json!({ "n": n, "v": 3, "outcome": "ADOPTED" })).await;
        assert_eq!(decided["data"]["recordDecision"]["state"], "ADOPTED", "{decided}");
        let through_b = b.data(MANAGER, json!({ "asOf": date })).await;
        assert_eq!(through_b["functionGroup"]["version"]["number"], 2, "B's next read sees the adoption: {through_b}");
        assert_eq!(through_b["functionGroup"]["versions"], json!([{ "number": 1 }, { "number": 2 }]));

        // A clause retirement through A.
        let retired = call(&a, &owner, RETIRE, json!({ "code": "VOG", "v": 1, "on": day(3) })).await;
        assert_eq!(retired["data"]["retireVacancyClause"]["version"]["effectiveTo"], day(3), "{retired}");
        let vog = b.data(CLAUSE, json!({ "on": day(3) })).await;
        assert_eq!(vog["vacancyClause"]["status"], "RETIRED", "B's next read sees the retirement: {vog}");
        let vog = b.data(CLAUSE, json!({ "on": day(2) })).await;
        assert_eq!(vog["vacancyClause"]["status"], "ACTIVE");

        // And the other way round: a revision through B, read through A.
        let owner_b = b.person("mo", Role::Maintainer).await;
        let revised = call(&b, &owner_b, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": 1, "from": day(1), "text": "Je legt de eed of belofte af." })).await;
        assert_eq!(revised["data"]["reviseVacancyClause"]["version"]["number"], 2, "{revised}");
        let eed = a.data(r#"query E($on: Date) { vacancyClause(code: "EED_OF_BELOFTE", on: $on) { version { number textNl } } }"#, json!({ "on": day(1) })).await;
        assert_eq!(eed["vacancyClause"]["version"], json!({ "number": 2, "textNl": "Je legt de eed of belofte af." }));
    }

    async fn concurrent_changes_through_two_replicas_keep_one_winner_and_a_whole_chain_and_feed(backend) {
        let a = TestApp::seeded(backend).await;
        let b = a.replica().await;
        let owner_a = a.person("mo", Role::Maintainer).await;
        let owner_b = b.person("mia", Role::Maintainer).await;
        for round in 0..3 {
            // Both revise the same clause from the same version at once.
            let seen = a.data(r#"{ vacancyClause(code: "EED_OF_BELOFTE", on: "2999-01-01") { version { number } } }"#, json!({})).await;
            let v = seen["vacancyClause"]["version"]["number"].as_i64().unwrap();
            let (ra, rb) = futures::join!(
                call(&a, &owner_a, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": v, "from": day(1 + round), "text": format!("Tekst van A, ronde {round}.") })),
                call(&b, &owner_b, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": v, "from": day(1 + round), "text": format!("Tekst van B, ronde {round}.") })),
            );
            let won: Vec<bool> = [&ra, &rb].iter().map(|r| r["data"]["reviseVacancyClause"]["version"]["number"] == v + 1).collect();
            assert_eq!(won.iter().filter(|w| **w).count(), 1, "exactly one wins: {ra} {rb}");
            let loser = if won[0] { &rb } else { &ra };
            assert_eq!(code(loser), Some("CONFLICT"), "{loser}");
            // Both replicas now agree on the winner.
            let q = r#"{ vacancyClause(code: "EED_OF_BELOFTE", on: "2999-01-01") { version { number textNl } } }"#;
            assert_eq!(a.data(q, json!({})).await, b.data(q, json!({})).await);
        }
        let chain = audit::verify(&a.db.conn).await.unwrap();
        assert!(chain.first_broken.is_none(), "{:?}", chain.first_broken);
        let seqs: Vec<i64> = change_event::Entity::find()
            .order_by_asc(change_event::Column::Seq)
            .all(&a.db.conn)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.seq)
            .collect();
        assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>(), "the feed has no gaps");
        let revisions = change_event::Entity::find()
            .all(&a.db.conn)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.entity_id == "EED_OF_BELOFTE" && e.kind == "CHANGED")
            .count();
        assert_eq!(revisions, 3, "one event per winning revision");
    }

    async fn a_revoked_token_is_refused_by_every_replica_within_a_second(backend) {
        let a = TestApp::seeded(backend).await;
        let b = a.replica().await;
        let issued = api_tokens::create(&a.db.conn, &Actor::cli(), "test", "Beoordelingstool",
            &[Scope::CriteriaRead].into_iter().collect::<BTreeSet<_>>(), None).await.unwrap();
        let bearer = format!("Bearer {}", issued.token);
        let query = r#"{ appraisalCriteria(groupCode: "MANAGER", scale: 13) { formats } }"#;
        for app in [&a, &b] {
            let answer = app.graphql_with(query, json!({}), &[("authorization", &bearer)]).await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        }
        api_tokens::revoke(&a.db.conn, &Actor::cli(), "test", &issued.client.public_id).await.unwrap();
        // Cached checks last half a second; a second after the revocation both refuse.
        tokio::time::sleep(StdDuration::from_millis(1_000)).await;
        for app in [&a, &b] {
            let answer = app.graphql_with(query, json!({}), &[("authorization", &bearer)]).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
        }
    }
}

on_every_backend! {
    async fn concurrent_reads_after_a_change_elsewhere_all_see_it_and_share_the_checks(backend) {
        let a = TestApp::seeded(backend).await;
        let b = a.replica().await;
        a.warm().await;
        b.warm().await;
        let owner = a.person("mo", Role::Maintainer).await;
        let retired = call(&a, &owner, RETIRE, json!({ "code": "VOG", "v": 1, "on": day(0) })).await;
        assert_eq!(retired["data"]["retireVacancyClause"]["version"]["effectiveTo"], day(0), "{retired}");
        b.db.reset_statements();
        let reads = (0..40).map(|_| b.data(CLAUSE, json!({})));
        let answers = futures::future::join_all(reads).await;
        assert!(answers.iter().all(|d| d["vacancyClause"]["status"] == "RETIRED"), "every read sees the retirement");
        let checks = b.db.statements().iter().filter(|s| s.contains("MAX(seq) FROM change_event")).count();
        eprintln!("{backend:?}: 40 concurrent reads, {checks} head checks");
        // Reads that arrive while checks run start their own only when every running check
        // began before they arrived, at most a few at a time (`CHECKS_IN_FLIGHT`), and the
        // catch-up looks at the head once: a handful of waves, far fewer checks than reads.
        assert!((1..=12).contains(&checks), "40 reads share their freshness checks: {checks}");
    }
}
