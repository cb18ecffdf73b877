//! Repeated reads are answered with the bytes kept from the first one, but never stale, never
//! someone else's: a change through another replica is seen by the next read, a person's answer,
//! an answer with errors and one that read the database are not kept, and a machine client gets
//! a kept answer only if it may read what it holds.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use fgr_api::auth::api_tokens;
use fgr_api::domain::access::{Role, Scope};
use fgr_api::domain::audit::Actor;
use serde_json::json;

use crate::amendments::call;
use crate::on_every_backend;
use crate::support::TestApp;
use crate::vacancy_clauses::REVISE;

const TEXT: &str = r#"query T($on: Date) { vacancyText(groupCode: "MANAGER", scale: 15, language: "nl", on: $on) { text } }"#;
const CRITERIA: &str =
    r#"{ appraisalCriteria(groupCode: "MANAGER", scale: 13) { formats sections { code } } }"#;

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

async fn token(app: &TestApp, name: &str, scope: Scope) -> String {
    let issued = api_tokens::create(
        &app.db.conn,
        &Actor::cli(),
        name,
        name,
        &[scope].into_iter().collect::<BTreeSet<_>>(),
        None,
    )
    .await
    .unwrap();
    format!("Bearer {}", issued.token)
}

on_every_backend! {
    async fn a_kept_answer_is_reused_until_a_change_through_any_replica(backend) {
        let a = TestApp::seeded(backend).await;
        let b = a.replica().await;
        let vars = json!({ "on": day(1) });
        let first = b.graphql_with(TEXT, vars.clone(), &[]).await;
        let again = b.graphql_with(TEXT, vars.clone(), &[]).await;
        assert_eq!(first.body, again.body);
        assert_eq!(b.service.kept_answers().len(), 1, "the answer is kept: {}", first.body);
        assert_eq!(again.headers["content-type"], "application/json");
        let listed = b
            .graphql_with(TEXT, vars.clone(), &[("accept", "application/graphql-response+json")])
            .await;
        assert_eq!(listed.headers["content-type"], "application/graphql-response+json");
        assert_eq!(listed.body, first.body);
        assert!(!first.body.contains("Je zweert of belooft trouw aan de Grondwet."), "{}", first.body);

        // A revision through A: B's next identical read has it.
        let owner = a.person("mo", Role::Maintainer).await;
        let revised = call(&a, &owner, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": 1, "from": day(1),
            "text": "Je zweert of belooft trouw aan de Grondwet." })).await;
        assert_eq!(revised["data"]["reviseVacancyClause"]["version"]["number"], 2, "{revised}");
        let after = b.graphql_with(TEXT, vars.clone(), &[]).await;
        assert!(after.body.contains("Je zweert of belooft trouw aan de Grondwet."), "B sees the revision: {}", after.body);
        assert_eq!(b.service.kept_answers().len(), 1, "the older snapshot's answers are dropped");
        // And on A itself, which kept nothing for the old snapshot.
        let on_a = a.graphql_with(TEXT, vars, &[]).await;
        assert_eq!(on_a.body, after.body);
    }

    async fn answers_of_people_with_errors_or_from_the_database_are_not_kept(backend) {
        let app = TestApp::seeded(backend).await;
        let viewer = app.person("vera", Role::Viewer).await;
        let group = r#"{ functionGroup(code: "MANAGER") { name } }"#;
        let person = app.graphql_with(group, json!({}), &[("cookie", viewer.as_str())]).await;
        assert!(person.body.contains("\"name\""), "{}", person.body);
        assert_eq!(app.service.kept_answers().len(), 0, "a person's answer is not kept");

        let wrong = app.graphql_with(r#"{ functionGroup(code: 5) { name } }"#, json!({}), &[]).await;
        assert!(wrong.body.contains("errors"), "{}", wrong.body);
        let me = app.graphql_with("{ me { kind } }", json!({}), &[]).await;
        assert!(me.body.contains("ANONYMOUS"), "{}", me.body);
        assert_eq!(app.service.kept_answers().len(), 0, "errors and answers about the caller are not kept");

        // The change feed is read from the database, not from the snapshot: never kept.
        let feed = app.graphql_with("{ changes(first: 2) { edges { cursor } } }", json!({}), &[]).await;
        assert!(feed.json()["errors"].is_null(), "{}", feed.body);
        assert_eq!(app.service.kept_answers().len(), 0);

        app.graphql_with(group, json!({}), &[]).await;
        assert_eq!(app.service.kept_answers().len(), 1, "an anonymous catalogue read is kept");
    }

    async fn a_kept_answer_goes_only_to_callers_who_may_read_it(backend) {
        let app = TestApp::seeded(backend).await;
        let criteria_tool = token(&app, "beoordeling", Scope::CriteriaRead).await;
        let clause_tool = token(&app, "vacatures", Scope::ClausesRead).await;
        let allowed = app.graphql_with(CRITERIA, json!({}), &[("authorization", criteria_tool.as_str())]).await;
        assert!(allowed.json()["errors"].is_null(), "{}", allowed.body);
        assert_eq!(app.service.kept_answers().len(), 1);
        let again = app.graphql_with(CRITERIA, json!({}), &[("authorization", criteria_tool.as_str())]).await;
        assert_eq!(again.body, allowed.body);

        let refused = app.graphql_with(CRITERIA, json!({}), &[("authorization", clause_tool.as_str())]).await;
        assert_eq!(refused.json()["errors"][0]["extensions"]["code"], "FORBIDDEN", "{}", refused.body);
        // Anonymous readers may read criteria (public reading is on): their own kept answer.
        let anonymous = app.graphql_with(CRITERIA, json!({}), &[]).await;
        assert_eq!(anonymous.body, allowed.body);
        assert_eq!(app.service.kept_answers().len(), 2);
    }
}
