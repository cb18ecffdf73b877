//! The seed data is the real FGR as far as public sources confirm it, and seeding is idempotent.

use fgr_api::domain::fuwasys::{FuwasysScore, Published};
use fgr_api::seed::{self, catalogue::catalogue};
use fgr_entities::{function_group, group_version, typing};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::on_every_backend;
use crate::support::{TestApp, TestDb};

#[test]
fn every_published_fuwasys_string_in_the_seed_file_is_read_as_a_score_or_kept_as_a_note() {
    let mut valid = 0;
    let mut invalid = Vec::new();
    for group in &catalogue().groups {
        for typing in group.versions.iter().flat_map(|v| &v.typings) {
            match typing.fuwasys.as_deref().map(Published::read) {
                Some(Published::Valid(score)) => {
                    // The total is the digit sum (parse checks it) and the canonical form parses.
                    FuwasysScore::parse(&score.scores(), score.total).unwrap();
                    valid += 1;
                }
                Some(Published::Invalid(_)) => invalid.push((group.code.as_str(), typing.scale)),
                None => {}
            }
        }
    }
    assert!(
        valid >= 80,
        "only {valid} valid FUWASYS strings in the seed"
    );
    invalid.sort();
    // The two strings official pages publish with 13 digits (fgr-facts-2 §4 and the research).
    assert_eq!(
        invalid,
        [
            ("MEDEWERKER_BEGELEIDING_AANLEG_BEHEER_EN_ONDERHOUD", 6),
            ("MEDEWERKER_BEVEILIGING", 3),
        ]
    );
}

#[test]
fn every_group_of_the_seed_file_names_its_sources_and_says_what_is_inferred() {
    let seed = catalogue();
    assert!(seed.groups.len() >= 35, "{} groups", seed.groups.len());
    for g in &seed.groups {
        assert!(g.source_url.starts_with("https://"), "{}", g.code);
        assert!(!g.versions.is_empty(), "{} has no version", g.code);
        if g.family_inferred || g.scales_inferred {
            assert!(g.data_note.is_some(), "{} infers without saying so", g.code);
        }
        for v in &g.versions {
            seed.decision(&v.decision);
            for t in &v.typings {
                assert!(
                    (g.scale_min..=g.scale_max).contains(&t.scale),
                    "{} schaal {}",
                    g.code,
                    t.scale
                );
            }
        }
    }
}

on_every_backend! {
    async fn the_catalogue_holds_exactly_the_eight_official_families(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app.data("{ jobFamilies { name isManagerFamily } }", json!({})).await;
        let names: Vec<&str> = data["jobFamilies"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(names, [
            "Uitvoering", "Advisering", "Bedrijfsvoering", "Toezicht",
            "Project-/Programmamanagement", "Lijnmanagement", "Kennis en Onderzoek", "Beleid",
        ]);
        let managers: Vec<&str> = data["jobFamilies"].as_array().unwrap().iter()
            .filter(|f| f["isManagerFamily"] == true).map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(managers, ["Project-/Programmamanagement", "Lijnmanagement"]);
    }

    async fn the_manager_families_hold_their_confirmed_groups_scales_and_scores(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app.data(
            r#"{ jobFamily(code: "LIJNMANAGEMENT") { functionGroups { name scaleRange { min max } fgrSiteId typings { scale fuwasys { scores total } } } } }"#,
            json!({}),
        ).await;
        let groups = data["jobFamily"]["functionGroups"].as_array().unwrap();
        let summary: Vec<(String, i64, i64)> = groups.iter().map(|g| (
            g["name"].as_str().unwrap().to_owned(),
            g["scaleRange"]["min"].as_i64().unwrap(),
            g["scaleRange"]["max"].as_i64().unwrap(),
        )).collect();
        assert_eq!(summary, [
            ("Operationeel Manager".to_owned(), 7, 11),
            ("Manager".to_owned(), 12, 15),
            ("Topmanager".to_owned(), 16, 18),
            ("Topmanager-generaal".to_owned(), 19, 19),
        ]);
        let manager = &groups[1];
        assert_eq!(manager["fgrSiteId"], 517);
        let scores: Vec<(i64, &str, i64)> = manager["typings"].as_array().unwrap().iter().map(|t| (
            t["scale"].as_i64().unwrap(),
            t["fuwasys"]["scores"].as_str().unwrap(),
            t["fuwasys"]["total"].as_i64().unwrap(),
        )).collect();
        assert_eq!(scores, [
            (12, "44443 44434 43 43", 52), (13, "44444 44444 44 44", 56),
            (14, "45444 45544 44 44", 59), (15, "45445 45545 44 45", 62),
        ]);
        // Unconfirmed scores stay empty rather than invented.
        let generaal = &groups[3];
        assert_eq!(generaal["typings"][0]["fuwasys"], serde_json::Value::Null);
    }

    async fn every_seeded_record_names_its_source(backend) {
        let db = TestDb::seeded(backend).await;
        for g in function_group::Entity::find().all(&db.conn).await.unwrap() {
            assert!(g.source_url.is_some(), "group {} has no source", g.code);
        }
        for t in typing::Entity::find().all(&db.conn).await.unwrap() {
            assert!(t.source_url.is_some(), "typing {} has no source", t.id);
        }
        for v in group_version::Entity::find().all(&db.conn).await.unwrap() {
            assert!(v.provenance_reference.is_some() && v.provenance_url.is_some(), "version {} has no provenance", v.id);
        }
    }

    async fn seeding_twice_adds_nothing(backend) {
        let db = TestDb::seeded(backend).await;
        let groups = function_group::Entity::find().count(&db.conn).await.unwrap();
        let typings = typing::Entity::find().count(&db.conn).await.unwrap();
        let report = seed::run(&db.conn).await.expect("second seed");
        assert!(report.is_empty(), "second run inserted {report:?}");
        assert_eq!(function_group::Entity::find().count(&db.conn).await.unwrap(), groups);
        assert_eq!(typing::Entity::find().count(&db.conn).await.unwrap(), typings);
    }

    async fn the_catalogue_holds_every_seeded_group_with_its_scores_and_inferences(backend) {
        let app = TestApp::seeded(backend).await;
        let db = &app.db;
        let groups = function_group::Entity::find().all(&db.conn).await.unwrap();
        assert_eq!(groups.len(), catalogue().groups.len());
        assert!(groups.len() >= 35);
        let mut scored = 0;
        for t in typing::Entity::find().all(&db.conn).await.unwrap() {
            if let (Some(scores), Some(total)) = (&t.fuwasys_scores, t.fuwasys_total) {
                let parsed = FuwasysScore::parse(scores, total).expect("stored score parses");
                assert_eq!(&parsed.scores(), scores, "stored in canonical form");
                scored += 1;
            }
        }
        assert!(scored >= 80, "{scored} scored typings");

        let data = app.data(
            r#"{ v: functionGroup(code: "MEDEWERKER_VERWERKEN_EN_BEHANDELEN") { familyInferred scalesInferred dataNote
                    typing(scale: 4) { fuwasys { scores total } note } }
                 b: functionGroup(code: "MEDEWERKER_BEGELEIDING_AANLEG_BEHEER_EN_ONDERHOUD") { typing(scale: 6) { fuwasys { total } note } }
                 e: functionGroup(code: "MEDEWERKER_EDUCATIE_EN_VORMING") { familyInferred scalesInferred scaleRange { min max } } }"#,
            json!({}),
        ).await;
        // Published as `22122  21122  22  22 (25)`: read, stored canonical.
        assert_eq!(data["v"]["typing"]["fuwasys"], json!({ "scores": "22122 21122 22 22", "total": 25 }));
        assert_eq!(data["v"]["familyInferred"], true);
        assert_eq!(data["v"]["scalesInferred"], true);
        assert!(data["v"]["dataNote"].as_str().unwrap().contains("Hoogste schaal"));
        // Published as `322333222 22 22 (32)`: 13 digits; no score, the string quoted.
        assert_eq!(data["b"]["typing"]["fuwasys"], serde_json::Value::Null);
        assert!(data["b"]["typing"]["note"].as_str().unwrap().contains("'322333222 22 22 (32)'"));
        assert_eq!(data["e"], json!({ "familyInferred": false, "scalesInferred": false, "scaleRange": { "min": 5, "max": 9 } }));
    }

    async fn the_motie_bamenga_is_required_verbatim_in_both_manager_families(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app.data(
            "{ responsibilityRequirements { code text theme sourceReference illustrative requiredInFamilies { code } } }",
            json!({}),
        ).await;
        let bamenga = data["responsibilityRequirements"].as_array().unwrap().iter()
            .find(|r| r["code"] == "MOTIE_BAMENGA").expect("MOTIE_BAMENGA seeded");
        assert!(bamenga["text"].as_str().unwrap().contains(
            "de expliciete verantwoordelijkheid op te nemen om actief zorg te dragen voor een veilige en inclusieve werkomgeving vrij van racisme en discriminatie"
        ));
        assert_eq!(bamenga["sourceReference"], "Motie Bamenga, Kamerstukken II 2024/25, 30 950, nr. 415");
        assert_eq!(bamenga["theme"], "DISCRIMINATION_RACISM");
        assert_eq!(bamenga["illustrative"], false);
        assert_eq!(bamenga["requiredInFamilies"], json!([{ "code": "PPM" }, { "code": "LIJNMANAGEMENT" }]));
    }
}

#[tokio::test]
async fn the_fgr_version_log_is_seeded_as_historical_decisions() {
    let app = TestApp::seeded(crate::support::Backend::Sqlite).await;
    let all = app
        .data(
            "{ decisionLog { decidedOn decision summary groupCodes } }",
            json!({}),
        )
        .await;
    let entries = all["decisionLog"].as_array().unwrap();
    assert_eq!(entries.len(), 10);
    assert_eq!(entries[0]["decidedOn"], "2015-11-16");
    assert_eq!(entries[0]["decision"], "Besluit DGOBR");
    let ppm = app
        .data(
            r#"{ decisionLog(groupCode: "PROJECTLEIDER") { decidedOn summary } }"#,
            json!({}),
        )
        .await;
    assert_eq!(ppm["decisionLog"].as_array().unwrap().len(), 1);
    assert_eq!(ppm["decisionLog"][0]["decidedOn"], "2016-12-20");
    assert!(ppm["decisionLog"][0]["summary"]
        .as_str()
        .unwrap()
        .contains("Projectleider (9-11)"));
}
