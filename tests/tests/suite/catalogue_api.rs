//! The catalogue read API: pagination, filters, search, dates and versions, global ids.

use chrono::NaiveDate;
use fgr_api::seed::catalogue::catalogue;
use fgr_entities::{function_group, group_version, typing};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::TestApp;

const PAGE: &str = r#"query Page($first: Int, $after: String, $filter: FunctionGroupFilter, $orderBy: FunctionGroupOrder, $asOf: Date) {
  functionGroups(first: $first, after: $after, filter: $filter, orderBy: $orderBy, asOf: $asOf) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { code } }
  }
}"#;

fn codes(page: &Value) -> Vec<String> {
    page["functionGroups"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["code"].as_str().unwrap().to_owned())
        .collect()
}

async fn all_codes(app: &TestApp, filter: Value) -> Vec<String> {
    let page = app
        .data(PAGE, json!({ "first": 100, "filter": filter }))
        .await;
    codes(&page)
}

on_every_backend! {
    async fn paging_with_cursors_visits_every_group_once(backend) {
        let app = TestApp::seeded(backend).await;
        let everything = all_codes(&app, json!({})).await;
        let held = catalogue().groups.len();
        assert_eq!(everything.len(), held);
        let mut seen = Vec::new();
        let mut after = Value::Null;
        let mut pages = 0;
        loop {
            let page = app.data(PAGE, json!({ "first": 4, "after": after })).await;
            let conn = &page["functionGroups"];
            assert_eq!(conn["totalCount"], held);
            assert_eq!(conn["pageInfo"]["hasPreviousPage"], pages > 0);
            seen.extend(codes(&page));
            pages += 1;
            if conn["pageInfo"]["hasNextPage"] == false {
                break;
            }
            after = conn["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(pages, held.div_ceil(4));
        assert_eq!(seen, everything, "pages must join up to the full listing, in order");
    }

    async fn filters_narrow_the_listing_by_family_scale_and_manager_families(backend) {
        let app = TestApp::seeded(backend).await;
        assert_eq!(
            all_codes(&app, json!({ "familyCode": "LIJNMANAGEMENT" })).await,
            ["OPERATIONEEL_MANAGER", "MANAGER", "TOPMANAGER", "TOPMANAGER_GENERAAL"]
        );
        let mut scale13 = all_codes(&app, json!({ "scale": 13 })).await;
        scale13.sort();
        assert_eq!(scale13, [
            "COORDINEREND_BELEIDSMEDEWERKER", "MANAGER", "MEDICUS_GEDRAGSWETENSCHAPPER",
            "PROJECT_PROGRAMMAMANAGER", "WETENSCHAPPELIJK_MEDEWERKER",
        ]);
        assert_eq!(all_codes(&app, json!({ "managerFamiliesOnly": true })).await.len(), 7);
        assert_eq!(
            all_codes(&app, json!({ "managerFamiliesOnly": true, "scale": 9 })).await,
            ["PROJECTLEIDER", "OPERATIONEEL_MANAGER"]
        );
        assert_eq!(all_codes(&app, json!({ "familyCode": "BELEID" })).await, ["COORDINEREND_BELEIDSMEDEWERKER"]);
    }

    async fn search_ignores_case_and_accents_and_takes_wildcards_literally(backend) {
        let app = TestApp::seeded(backend).await;
        assert_eq!(all_codes(&app, json!({ "search": "MÉDEWERKER advisering" })).await, ["MEDEWERKER_ADVISERING"]);
        assert_eq!(
            all_codes(&app, json!({ "search": "programma" })).await,
            ["PROJECT_PROGRAMMAMANAGER", "PROJECT_PROGRAMMADIRECTEUR"]
        );
        // Description text is searched too.
        assert_eq!(all_codes(&app, json!({ "search": "projectteam" })).await, ["PROJECTLEIDER"]);
        assert!(all_codes(&app, json!({ "search": "%" })).await.is_empty());
        assert!(all_codes(&app, json!({ "search": "_" })).await.is_empty());
    }

    async fn ordering_by_name_and_scale_works_both_ways(backend) {
        let app = TestApp::seeded(backend).await;
        let by_name = codes(&app.data(PAGE, json!({ "first": 3, "orderBy": { "field": "NAME" } })).await);
        // Punctuation is ignored: "(Inrichtings)beveiliger" sorts under I, not first.
        assert_eq!(by_name, ["ADVISEUR_BEDRIJFSVOERING", "ASSISTENT_MEDEWERKER_ADMINISTRATIE", "ASSISTENT_MEDEWERKER_FACILITAIR_MANAGEMENT"]);
        let top = codes(&app.data(PAGE, json!({ "first": 1, "orderBy": { "field": "SCALE", "direction": "DESC" } })).await);
        assert_eq!(top, ["TOPMANAGER_GENERAAL"]);
    }

    async fn as_of_answers_with_the_version_in_effect_on_that_date(backend) {
        let app = TestApp::seeded(backend).await;
        let q = r#"query G($asOf: Date) { functionGroup(code: "TOPMANAGER_GENERAAL", asOf: $asOf) { version { number effectiveFrom } } }"#;
        let before = app.data(q, json!({ "asOf": "2015-11-15" })).await;
        assert_eq!(before["functionGroup"], Value::Null, "the group did not exist before its decision");
        let on = app.data(q, json!({ "asOf": "2015-11-16" })).await;
        assert_eq!(on["functionGroup"]["version"]["effectiveFrom"], "2015-11-16");
        let listing = app.data(PAGE, json!({ "first": 100, "asOf": "2016-01-01" })).await;
        let seed = catalogue();
        let existing = seed.groups.iter()
            .filter(|g| seed.decision(&g.versions[0].decision).effective_from.as_str() <= "2016-01-01")
            .count();
        assert!(existing < seed.groups.len());
        assert_eq!(listing["functionGroups"]["totalCount"], existing, "on 2016-01-01 only the groups whose first version began by then exist");
    }

    async fn a_future_version_is_stored_but_not_current_until_its_date(backend) {
        let app = TestApp::seeded(backend).await;
        let db = &app.db.conn;
        let manager = function_group::Entity::find().filter(function_group::Column::Code.eq("MANAGER")).one(db).await.unwrap().unwrap();
        let v1 = group_version::Entity::find().filter(group_version::Column::GroupId.eq(manager.id)).one(db).await.unwrap().unwrap();
        let switch = NaiveDate::from_ymd_opt(2031, 1, 1).unwrap();
        let mut closing = v1.clone().into_active_model();
        closing.effective_to = Set(Some(switch));
        closing.update(db).await.unwrap();
        let v2 = group_version::ActiveModel {
            group_id: Set(manager.id),
            version_no: Set(2),
            effective_from: Set(switch),
            effective_to: Set(None),
            provenance_kind: Set("DECISION".into()),
            provenance_reference: Set(Some("Testbesluit".into())),
            provenance_url: Set(None),
            decided_on: Set(Some(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())),
            illustrative: Set(true),
            note: Set(None),
            ..Default::default()
        }.insert(db).await.unwrap();
        for scale in 12..=15 {
            typing::ActiveModel {
                group_version_id: Set(v2.id), scale: Set(scale), fuwasys_scores: Set(None),
                fuwasys_total: Set(None), source_url: Set(None), illustrative: Set(true), ..Default::default()
            }.insert(db).await.unwrap();
        }
        // Rows written behind the change feed's back: the register in memory is read again.
        app.reload().await;
        let q = r#"query G($asOf: Date) { functionGroup(code: "MANAGER", asOf: $asOf) {
            version { number inEffect provenance { kind reference } }
            versions { number effectiveFrom effectiveTo inEffect }
            typing(scale: 12) { fuwasys { total } }
        } }"#;
        let today = app.data(q, json!({})).await;
        assert_eq!(today["functionGroup"]["version"]["number"], 1);
        assert_eq!(today["functionGroup"]["typing"]["fuwasys"]["total"], 52);
        assert_eq!(today["functionGroup"]["versions"], json!([
            { "number": 1, "effectiveFrom": "2017-12-18", "effectiveTo": "2031-01-01", "inEffect": true },
            { "number": 2, "effectiveFrom": "2031-01-01", "effectiveTo": null, "inEffect": false },
        ]));
        let last_day = app.data(q, json!({ "asOf": "2030-12-31" })).await;
        assert_eq!(last_day["functionGroup"]["version"]["number"], 1);
        let later = app.data(q, json!({ "asOf": "2031-01-01" })).await;
        assert_eq!(later["functionGroup"]["version"]["number"], 2);
        assert_eq!(later["functionGroup"]["version"]["provenance"], json!({ "kind": "DECISION", "reference": "Testbesluit" }));
        assert_eq!(later["functionGroup"]["typing"]["fuwasys"], Value::Null);
    }

    async fn typings_and_nodes_are_reachable_by_code_scale_and_global_id(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app.data(
            r#"{ typing(groupCode: "TOPMANAGER", scale: 16) { id scale fuwasys { display } functionGroup { id name } sections { section label items { text } } } }"#,
            json!({}),
        ).await;
        let typing = &data["typing"];
        assert_eq!(typing["fuwasys"]["display"], "55445 45545 54 45 (64)");
        let labels: Vec<&str> = typing["sections"].as_array().unwrap().iter().map(|s| s["label"].as_str().unwrap()).collect();
        assert_eq!(labels, ["Algemene omschrijving", "Resultaten", "Speelruimte / Kaders", "Kennis & Vaardigheden", "Contacten"]);
        assert_eq!(typing["sections"][0]["items"][0]["text"], "verschillende samenhangende werkterreinen met een strategisch karakter");

        for (id, expected) in [
            (typing["id"].clone(), json!({ "__typename": "Typing" })),
            (typing["functionGroup"]["id"].clone(), json!({ "__typename": "FunctionGroup" })),
        ] {
            let node = app.data("query N($id: ID!) { node(id: $id) { __typename id } }", json!({ "id": id })).await;
            assert_eq!(node["node"]["__typename"], expected["__typename"]);
            assert_eq!(node["node"]["id"], id);
        }
        let missing = app.error_code(r#"{ node(id: "bm9wZQ") { id } }"#, json!({})).await;
        assert_eq!(missing, "BAD_USER_INPUT");
    }

    async fn a_group_shows_which_required_responsibilities_it_covers(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app.data(
            r#"{ functionGroup(code: "PROJECT_PROGRAMMAMANAGER") { requirements { covered requirement { code } coverage { quote illustrative } } } }"#,
            json!({}),
        ).await;
        let statuses = data["functionGroup"]["requirements"].as_array().unwrap();
        let by_code = |code: &str| statuses.iter().find(|s| s["requirement"]["code"] == code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(by_code("MOTIE_BAMENGA")["covered"], false);
        let safety = by_code("SOCIALE_VEILIGHEID_LEIDINGGEVENDEN");
        assert_eq!(safety["covered"], true);
        assert_eq!(safety["coverage"][0]["illustrative"], true, "our own reading is marked illustrative");
        assert!(safety["coverage"][0]["quote"].as_str().unwrap().contains("veilig en stimulerend werkklimaat"));
        // Non-manager groups carry only the integrity requirement.
        let other = app.data(r#"{ functionGroup(code: "MEDEWERKER_ADVISERING") { requirements { requirement { code } } } }"#, json!({})).await;
        assert_eq!(other["functionGroup"]["requirements"], json!([{ "requirement": { "code": "GIR_OMGANG_MET_ANDEREN" } }]));
    }
}
