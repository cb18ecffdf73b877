//! The catalogue import (FGR beheer): a file in the `fgr-catalogue/1` format is checked whole,
//! what would change is shown per group as the committee's diff, and only on confirmation are
//! groups added and new versions written, audited and in the change feed. A file with one bad
//! row writes nothing and names the row; importing twice changes nothing; an export imported
//! into an empty database exports the same bytes.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use chrono::{Duration, Utc};
use fgr_api::config::GraphqlLimits;
use fgr_api::domain::access::Role;
use fgr_entities::{audit_event, change_event, function_group, group_version, typing};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::{Answer, Backend, TestApp, TestDb};

const IMPORT: &str = r#"mutation I($doc: String!, $decision: String, $from: Date, $dry: Boolean) {
  importCatalogue(input: { document: $doc, decision: $decision, effectiveFrom: $from, dryRun: $dry }) {
    applied added remarks
    groups { code action versionsAdded changes { path kind before after } }
  }
}"#;

fn tomorrow() -> String {
    (Utc::now().date_naive() + Duration::days(1)).to_string()
}

async fn export(app: &TestApp) -> String {
    let answer = app
        .send(
            Request::builder()
                .uri("/api/catalogue.json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body
}

async fn import(
    app: &TestApp,
    cookie: &str,
    doc: &str,
    decision: Option<&str>,
    dry: bool,
) -> Value {
    let variables = json!({ "doc": doc, "decision": decision, "from": decision.map(|_| tomorrow()), "dry": dry });
    let answer = app
        .graphql_with(IMPORT, variables, &[("cookie", cookie)])
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

/// Rows that an import would write, table by table.
async fn counts(db: &DatabaseConnection) -> [u64; 5] {
    [
        function_group::Entity::find().count(db).await.unwrap(),
        group_version::Entity::find().count(db).await.unwrap(),
        typing::Entity::find().count(db).await.unwrap(),
        audit_event::Entity::find().count(db).await.unwrap(),
        change_event::Entity::find().count(db).await.unwrap(),
    ]
}

/// The exported document with one more bullet in the Manager's latest typing at scale 14.
fn with_new_bullet(exported: &str, text: &str) -> String {
    let mut doc: Value = serde_json::from_str(exported).unwrap();
    let manager = doc["groups"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|g| g["code"] == "MANAGER")
        .unwrap();
    let latest = manager["versions"]
        .as_array_mut()
        .unwrap()
        .last_mut()
        .unwrap();
    let typing = latest["content"]["typings"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["scale"] == 14)
        .unwrap();
    typing["items"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "section": "RESULTATEN", "subCategory": null, "text": text }));
    serde_json::to_string_pretty(&doc).unwrap()
}

fn group<'a>(outcome: &'a Value, code: &str) -> &'a Value {
    outcome["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == code)
        .unwrap_or_else(|| panic!("{code} in {outcome}"))
}

const TEXT: &str =
    "Draagt zorg voor een veilige en inclusieve werkomgeving (uit de volledige brontekst).";

on_every_backend! {
    async fn a_dry_run_shows_the_change_per_group_and_writes_nothing(backend) {
        let app = TestApp::seeded(backend).await;
        let owner = app.person("mo", Role::Maintainer).await;
        let doc = with_new_bullet(&export(&app).await, TEXT);
        let before = counts(&app.db.conn).await;
        let response = import(&app, &owner, &doc, Some("Besluit DGDOO 2026-0123 (test)"), true).await;
        assert!(response.get("errors").is_none(), "{response}");
        let outcome = &response["data"]["importCatalogue"];
        assert_eq!(outcome["applied"], false);
        let manager = group(outcome, "MANAGER");
        assert_eq!(manager["action"], "NEW_VERSION");
        assert_eq!(manager["changes"].as_array().unwrap().len(), 1, "{manager}");
        assert_eq!(manager["changes"][0]["kind"], "ADDED");
        assert_eq!(manager["changes"][0]["after"], TEXT);
        assert!(manager["changes"][0]["path"].as_str().unwrap().contains("14"), "{manager}");
        let unchanged = outcome["groups"].as_array().unwrap().iter().filter(|g| g["action"] == "UNCHANGED").count();
        assert_eq!(unchanged, outcome["groups"].as_array().unwrap().len() - 1);
        assert_eq!(counts(&app.db.conn).await, before, "a dry run writes nothing");
    }

    async fn confirming_adds_a_version_like_an_adoption_and_a_second_import_changes_nothing(backend) {
        let app = TestApp::seeded(backend).await;
        let owner = app.person("mo", Role::Maintainer).await;
        let doc = with_new_bullet(&export(&app).await, TEXT);
        let latest = |data: &Value| data["functionGroup"]["version"]["number"].as_i64().unwrap();
        const GROUP: &str = r#"query G($on: Date) { functionGroup(code: "MANAGER", asOf: $on) {
            version { number effectiveFrom provenance { reference } }
            typings { scale sections { items { text } } } } }"#;
        let today = app.data(GROUP, json!({ "on": null })).await;

        let response = import(&app, &owner, &doc, Some("Besluit DGDOO 2026-0123 (test)"), false).await;
        assert!(response.get("errors").is_none(), "{response}");
        assert_eq!(response["data"]["importCatalogue"]["applied"], true);

        // From the effective date the new version holds the new text; today the old one still does.
        let next = app.data(GROUP, json!({ "on": tomorrow() })).await;
        assert_eq!(latest(&next), latest(&today) + 1);
        assert_eq!(next["functionGroup"]["version"]["effectiveFrom"], tomorrow());
        assert!(next["functionGroup"]["version"]["provenance"]["reference"].as_str().unwrap().contains("Besluit DGDOO 2026-0123"));
        assert!(next.to_string().contains(TEXT));
        let still = app.data(GROUP, json!({ "on": null })).await;
        assert_eq!(still, today, "what holds today is not rewritten");

        // Audited, and in the change feed, as an adoption is.
        let audited = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("group_version.import"))
            .count(&app.db.conn).await.unwrap();
        assert_eq!(audited, 1);
        let event = change_event::Entity::find()
            .filter(change_event::Column::EntityType.eq("FUNCTION_GROUP"))
            .filter(change_event::Column::EntityId.eq("MANAGER"))
            .filter(change_event::Column::Version.eq(i32::try_from(latest(&next)).unwrap()))
            .one(&app.db.conn).await.unwrap()
            .expect("the new version is in the change feed");
        assert_eq!(event.kind, "CHANGED");

        // The same file again: every group unchanged, nothing written.
        let before = counts(&app.db.conn).await;
        let again = import(&app, &owner, &doc, Some("Besluit DGDOO 2026-0123 (test)"), false).await;
        assert!(again.get("errors").is_none(), "{again}");
        let outcome = &again["data"]["importCatalogue"];
        assert_eq!(outcome["applied"], false);
        assert!(outcome["groups"].as_array().unwrap().iter().all(|g| g["action"] == "UNCHANGED"), "{outcome}");
        assert_eq!(counts(&app.db.conn).await, before);
    }

    async fn a_file_with_one_bad_row_writes_nothing_and_names_the_row(backend) {
        let app = TestApp::seeded(backend).await;
        let owner = app.person("mo", Role::Maintainer).await;
        let mut doc: Value = serde_json::from_str(&export(&app).await).unwrap();
        // A valid new group beside one bad typing: the good part is not written either.
        let mut added = doc["groups"][0].clone();
        added["code"] = json!("PROEFGROEP");
        added["name"] = json!("Proefgroep");
        doc["groups"].as_array_mut().unwrap().push(added);
        let position = doc["groups"].as_array().unwrap().iter().position(|g| g["code"] == "MANAGER").unwrap();
        let versions = doc["groups"][position]["versions"].as_array().unwrap().len();
        let bad = &mut doc["groups"][position]["versions"][versions - 1]["content"]["typings"][0];
        bad["fuwasysScores"] = json!("44444 44444 44 44");
        bad["fuwasysTotal"] = json!(3);
        let before = counts(&app.db.conn).await;

        let response = import(&app, &owner, &doc.to_string(), Some("Besluit (test)"), false).await;
        let error = &response["errors"][0];
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{response}");
        let problems = error["extensions"]["problems"].as_array().unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0]["place"],
            format!("groups[{position}] MANAGER.versions[{}].content.typings[0].fuwasys", versions - 1)
        );
        assert!(problems[0]["message"].as_str().unwrap().contains("niet de som"), "{problems:?}");
        assert!(error["message"].as_str().unwrap().contains("niets gewijzigd"));
        assert_eq!(counts(&app.db.conn).await, before, "nothing is written on an error");
        let found = app.data(r#"{ functionGroup(code: "PROEFGROEP") { code } }"#, json!({})).await;
        assert_eq!(found["functionGroup"], Value::Null);

        // A file that is not the format: the line and column, and the path in the document.
        let broken = import(&app, &owner, "{\n  \"format\": \"fgr-catalogue/1\",\n  \"families\": [ { \"code\": 3 } ]\n}", None, true).await;
        let place = broken["errors"][0]["extensions"]["problems"][0]["place"].as_str().unwrap().to_owned();
        assert!(place.starts_with("regel 3, kolom"), "{place}");
        assert!(place.contains("families[0].code"), "{place}");

        // A changed group without a decision and date: both are asked for.
        let doc = with_new_bullet(&export(&app).await, TEXT);
        let missing = import(&app, &owner, &doc, None, true).await;
        let places: Vec<&str> = missing["errors"][0]["extensions"]["problems"].as_array().unwrap()
            .iter().map(|p| p["place"].as_str().unwrap()).collect();
        assert_eq!(places, ["decision", "effectiveFrom"]);
    }

    async fn an_export_imported_into_an_empty_database_exports_the_same_bytes(backend) {
        let source = TestApp::seeded(backend).await;
        let exported = export(&source).await;
        assert!(exported.len() > GraphqlLimits::default().max_body_bytes, "the file is larger than an ordinary request may be");
        let target = TestApp::over(TestDb::migrated(backend).await, GraphqlLimits::default());
        let owner = target.person("mo", Role::Maintainer).await;

        let dry = import(&target, &owner, &exported, None, true).await;
        assert!(dry.get("errors").is_none(), "{dry}");
        let outcome = &dry["data"]["importCatalogue"];
        assert!(outcome["groups"].as_array().unwrap().iter().all(|g| g["action"] == "ADDED"));
        assert_eq!(counts(&target.db.conn).await[..3], [0, 0, 0]);

        let done = import(&target, &owner, &exported, None, false).await;
        assert!(done.get("errors").is_none(), "{done}");
        assert_eq!(done["data"]["importCatalogue"]["applied"], true);
        assert_eq!(export(&target).await, exported, "export → import → export is the same file");

        let again = import(&target, &owner, &exported, None, false).await;
        assert_eq!(again["data"]["importCatalogue"]["applied"], false, "{again}");
    }
}

async fn post(app: &TestApp, body: String, cookie: Option<&str>) -> Answer {
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri("/graphql")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(cookie) = cookie {
        builder = builder.header("cookie", cookie);
    }
    app.send(builder.body(Body::from(body)).unwrap()).await
}

#[tokio::test]
async fn only_fgr_beheer_imports_and_only_they_may_send_a_whole_catalogue() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let small = json!({ "query": IMPORT, "variables": { "doc": "{}", "dry": true } }).to_string();
    let anonymous = post(&app, small.clone(), None).await.json();
    assert_eq!(
        anonymous["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{anonymous}"
    );
    let member = app.person("cas", Role::CommitteeMember).await;
    let refused = post(&app, small, Some(&member)).await.json();
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{refused}"
    );

    let exported = export(&app).await;
    let large =
        json!({ "query": IMPORT, "variables": { "doc": exported, "dry": true } }).to_string();
    assert_eq!(
        post(&app, large.clone(), None).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert_eq!(
        post(&app, large.clone(), Some(&member)).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let owner = app.person("mo", Role::Maintainer).await;
    let accepted = post(&app, large, Some(&owner)).await;
    assert_eq!(accepted.status, StatusCode::OK);
    assert_eq!(accepted.json()["data"]["importCatalogue"]["applied"], false);
}
