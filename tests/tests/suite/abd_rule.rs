//! ABD membership as a dated rule: the vacancy text for a post follows the rule in force on the
//! date asked for; changing the rule is FGR beheer's audited change with an effective date, in
//! the change feed; bad or stale changes are refused and change nothing. Also the catalogue's
//! declared totals beside what the register holds.

use chrono::{Duration, Utc};
use fgr_api::domain::access::Role;
use fgr_entities::{abd_rule_version, audit_event};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::TestApp;

const CHANGE: &str = r#"mutation C($v: Int!, $min: Int!, $from: Date!) {
  changeAbdRule(input: { expectedVersion: $v, minScale: $min, effectiveFrom: $from,
    reference: "Besluit DGDOO 2026-0099 (test)", decidedOn: "2026-11-30" }) {
    number minScale effectiveFrom effectiveTo reference
  }
}"#;

const CLAUSES: &str = r#"query T($scale: Int!, $on: Date) {
  vacancyText(groupCode: "MANAGER", scale: $scale, on: $on) { sections { clauses { code } } }
}"#;

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

async fn clause_codes(app: &TestApp, scale: i32, on: &str) -> Vec<String> {
    let data = app.data(CLAUSES, json!({ "scale": scale, "on": on })).await;
    data["vacancyText"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["clauses"].as_array().unwrap().iter())
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

async fn call(app: &TestApp, cookie: &str, variables: Value) -> Value {
    app.graphql_with(CHANGE, variables, &[("cookie", cookie)])
        .await
        .json()
}

fn error_code(answer: &Value) -> Option<&str> {
    answer["errors"][0]["extensions"]["code"].as_str()
}

on_every_backend! {
    async fn the_vacancy_text_follows_the_abd_rule_from_its_effective_date(backend) {
        let app = TestApp::seeded(backend).await;
        let rule = app.data("{ abdRule { number minScale illustrative source { reference } } }", json!({})).await;
        assert_eq!(rule["abdRule"]["minScale"], 15);
        assert_eq!(rule["abdRule"]["source"]["reference"], "Kamerstukken II 2024/25, 30 950, nr. 451");
        let abd = |codes: &[String]| codes.iter().any(|c| c.starts_with("ABD_"));
        assert!(!abd(&clause_codes(&app, 14, &day(0)).await), "schaal 14 is no ABD post today");
        assert!(abd(&clause_codes(&app, 15, &day(0)).await));

        let owner = app.person("mo", Role::Maintainer).await;
        let effective = day(30);
        let changed = call(&app, &owner, json!({ "v": rule["abdRule"]["number"], "min": 14, "from": effective })).await;
        assert_eq!(changed["data"]["changeAbdRule"]["minScale"], 14, "{changed}");
        assert_eq!(changed["data"]["changeAbdRule"]["number"], 2);

        // The day before: the old rule; from the effective date: schaal 14 is an ABD post.
        assert!(!abd(&clause_codes(&app, 14, &day(29)).await), "the new rule applied a day early");
        assert!(abd(&clause_codes(&app, 14, &effective).await), "the new rule did not apply on its date");
        let versions = app.data("{ abdRuleVersions { number minScale effectiveFrom effectiveTo } }", json!({})).await;
        let versions = versions["abdRuleVersions"].as_array().unwrap();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0]["effectiveTo"], json!(effective), "the old rule is closed where the new begins");
        assert_eq!(versions[1]["effectiveFrom"], json!(effective));

        // Audited and in the change feed, for replicas and integrations.
        let audited = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("abd_rule.change"))
            .count(&app.db.conn).await.unwrap();
        assert_eq!(audited, 1);
        let mut events: Vec<Value> = Vec::new();
        let mut after = Value::Null;
        loop {
            let page = app.data(
                "query F($after: String) { changes(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { entityType entityId version kind effectiveFrom } } }",
                json!({ "after": after }),
            ).await;
            events.extend(page["changes"]["nodes"].as_array().unwrap().iter().filter(|e| e["entityType"] == "ABD_RULE").cloned());
            if page["changes"]["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = page["changes"]["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(events.len(), 2, "{events:?}");
        assert_eq!(events[1], json!({ "entityType": "ABD_RULE", "entityId": "ABD", "version": 2, "kind": "CHANGED", "effectiveFrom": effective }));
    }

    async fn a_bad_or_stale_change_of_the_abd_rule_is_refused_and_changes_nothing(backend) {
        let app = TestApp::seeded(backend).await;
        let owner = app.person("mo", Role::Maintainer).await;
        let recruiter = app.person("rita", Role::Recruiter).await;
        for (cookie, variables, expected) in [
            (&owner, json!({ "v": 1, "min": 20, "from": day(5) }), "BAD_USER_INPUT"),
            (&owner, json!({ "v": 1, "min": 14, "from": day(-1) }), "BAD_USER_INPUT"),
            (&owner, json!({ "v": 7, "min": 14, "from": day(5) }), "CONFLICT"),
            (&recruiter, json!({ "v": 1, "min": 14, "from": day(5) }), "FORBIDDEN"),
        ] {
            let answer = call(&app, cookie, variables.clone()).await;
            assert_eq!(error_code(&answer), Some(expected), "{variables}: {answer}");
        }
        assert_eq!(abd_rule_version::Entity::find().count(&app.db.conn).await.unwrap(), 1);
        let audited = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("abd_rule.change"))
            .count(&app.db.conn).await.unwrap();
        assert_eq!(audited, 0);
    }

    async fn the_catalogue_says_how_many_of_the_declared_groups_it_holds_and_cites_its_sources(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app.data("{ catalogueTotals { held declared { count quote source { code reference url } } } }", json!({})).await;
        let totals = &data["catalogueTotals"];
        let groups = app.data("{ functionGroups(first: 0) { totalCount } }", json!({})).await;
        assert_eq!(totals["held"], groups["functionGroups"]["totalCount"]);
        let declared: Vec<(i64, &str)> = totals["declared"].as_array().unwrap().iter()
            .map(|d| (d["count"].as_i64().unwrap(), d["source"]["code"].as_str().unwrap())).collect();
        assert_eq!(declared, [(61, "FGR_FAQ_FUNCTIEGROEP"), (63, "KAMERBRIEF_2025_04_14")]);
        assert!(totals["declared"][1]["quote"].as_str().unwrap().contains("63 functiegroepen"));

        // The requirements that come from the letter cite it as a source record.
        let reqs = app.data("{ responsibilityRequirements { code sourceDocument { code reference url } } }", json!({})).await;
        let cites = |code: &str| reqs["responsibilityRequirements"].as_array().unwrap().iter()
            .find(|r| r["code"] == code).unwrap()["sourceDocument"].clone();
        assert_eq!(cites("SOCIALE_VEILIGHEID_LEIDINGGEVENDEN")["reference"], "Kamerstukken II 2024/25, 30 950, nr. 451");
        assert!(cites("SOCIALE_VEILIGHEID_LEIDINGGEVENDEN")["url"].as_str().unwrap().starts_with("https://www.tweedekamer.nl/"));
        assert_eq!(cites("MOTIE_BAMENGA"), Value::Null, "the motion is its own source, not the letter");
    }
}
