//! Independent writes queue, they never fail for want of a lock: eight writers creating
//! proposals side by side for ten seconds all succeed, as do twenty sign-ins at once, and the audit chain they extend
//! verifies. Conflicts remain only for real ones (a stale `expectedVersion`, tested elsewhere).

use fgr_api::auth::{sessions, AuthConfig};
use fgr_api::domain::access::{Person, Role};
use fgr_api::domain::audit;
use fgr_entities::{amendment_proposal, audit_event};
use futures::future::join_all;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::on_every_backend;
use crate::support::TestApp;

const CREATE: &str = r#"mutation C($group: String!, $title: String!, $date: Date!) {
  createProposal(input: { groupCode: $group, title: $title, rationale: "Gelijktijdig schrijven (test).", requestedEffectiveFrom: $date }) { number }
}"#;

const WRITERS: usize = 8;
/// How long the writers keep writing (the probe that found half the writes failing ran 10 s).
const FOR: std::time::Duration = std::time::Duration::from_secs(10);

on_every_backend! {
    async fn eight_writers_for_ten_seconds_all_succeed_and_the_chain_verifies(backend) {
        let app = TestApp::seeded(backend).await;
        let before = audit_event::Entity::find().count(&app.db.conn).await.unwrap();
        let date = (chrono::Utc::now().date_naive() + chrono::Duration::days(30)).to_string();
        let mut cookies = Vec::new();
        for w in 0..WRITERS {
            cookies.push(app.person(&format!("writer-{w}"), Role::CommitteeMember).await);
        }
        let groups = ["MANAGER", "TOPMANAGER", "PROJECTLEIDER", "OPERATIONEEL_MANAGER"];
        let started = std::time::Instant::now();
        let writers = cookies.iter().enumerate().map(|(w, cookie)| {
            let app = &app;
            let date = date.clone();
            async move {
                let (mut failures, mut written) = (Vec::new(), 0_usize);
                for n in 0.. {
                    if started.elapsed() >= FOR {
                        break;
                    }
                    written += 1;
                    let variables = json!({ "group": groups[(w + n) % groups.len()], "title": format!("Voorstel {w}-{n}"), "date": date });
                    let answer = app.graphql_with(CREATE, variables, &[("cookie", cookie)]).await.json();
                    if answer.get("errors").is_some() {
                        failures.push(answer.to_string());
                    }
                }
                (failures, written)
            }
        });
        let outcomes = join_all(writers).await;
        let writes: usize = outcomes.iter().map(|(_, n)| n).sum();
        let failures: Vec<String> = outcomes.into_iter().flat_map(|(f, _)| f).collect();
        eprintln!("{backend:?}: {writes} writes by {WRITERS} writers in {:.1} s, {} failed", started.elapsed().as_secs_f64(), failures.len());
        assert!(failures.is_empty(), "{} of {writes} writes failed, e.g. {}", failures.len(), failures[0]);
        assert!(writes >= WRITERS * 2, "each writer wrote more than once: {writes}");
        let proposals = amendment_proposal::Entity::find().count(&app.db.conn).await.unwrap();
        assert_eq!(proposals as usize, writes);

        // Twenty sign-ins at once.
        let config = AuthConfig::default();
        let sign_ins = (0..20).map(|i| {
            let person = Person {
                subject: format!("oidc:gelijktijdig-{i}"),
                name: format!("Persoon {i}"),
                email: None,
                roles: [Role::Viewer].into(),
            };
            let (db, config) = (&app.db.conn, &config);
            async move { sessions::start(db, config, &person, None, "test", &format!("req-{i}")).await }
        });
        let refused: Vec<String> = join_all(sign_ins).await.into_iter().filter_map(|r| r.err().map(|e| e.to_string())).collect();
        assert!(refused.is_empty(), "{} of 20 sign-ins failed: {refused:?}", refused.len());

        let after = audit_event::Entity::find().count(&app.db.conn).await.unwrap();
        assert!(after >= before + writes as u64 + 20, "every write is audited");
        let verification = audit::verify(&app.db.conn).await.unwrap();
        assert_eq!(verification.first_broken, None);
        assert_eq!(verification.checked, after);
    }
}
