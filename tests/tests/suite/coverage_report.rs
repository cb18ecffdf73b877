//! The coverage report: which manager groups and typings cover each required responsibility.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;

use crate::on_every_backend;
use crate::support::{Backend, TestApp};

const REPORT: &str = r#"query C($families: [String!], $asOf: Date) {
  profileCoverage(familyCodes: $families, asOf: $asOf) {
    asOf
    families {
      family { code }
      totals { groups checks covered partial missing typingChecks typingsCovered }
      groups { group { code } requirements { status requirement { code } typings { scale covered } coveredBy { typingScale quote } } }
    }
  }
}"#;

on_every_backend! {
    async fn the_seeded_manager_families_show_their_gaps(backend) {
        let app = TestApp::seeded(backend).await;
        app.warm().await;
        app.db.reset_statements();
        let data = app.data(REPORT, json!({})).await;
        assert!(crate::statement_counts::only_the_freshness_check(backend, &app.db.statements()), "the report is read from memory: {:?}", app.db.statements());
        let families = data["profileCoverage"]["families"].as_array().unwrap();
        let codes: Vec<&str> = families.iter().map(|f| f["family"]["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["PPM", "LIJNMANAGEMENT"]);
        assert_eq!(families[1]["totals"], json!({
            "groups": 4, "checks": 16, "covered": 0, "partial": 0, "missing": 16, "typingChecks": 52, "typingsCovered": 0
        }));
        assert_eq!(families[0]["totals"], json!({
            "groups": 3, "checks": 12, "covered": 0, "partial": 1, "missing": 11, "typingChecks": 36, "typingsCovered": 1
        }));
        let manager = families[0]["groups"].as_array().unwrap().iter()
            .find(|g| g["group"]["code"] == "PROJECT_PROGRAMMAMANAGER").unwrap();
        let safety = manager["requirements"].as_array().unwrap().iter()
            .find(|c| c["requirement"]["code"] == "SOCIALE_VEILIGHEID_LEIDINGGEVENDEN").unwrap();
        assert_eq!(safety["status"], "PARTIAL");
        assert_eq!(safety["typings"], json!([
            { "scale": 12, "covered": true }, { "scale": 13, "covered": false },
            { "scale": 14, "covered": false }, { "scale": 15, "covered": false },
        ]));
        assert_eq!(safety["coveredBy"][0]["typingScale"], 12);
        let bamenga = manager["requirements"].as_array().unwrap().iter()
            .find(|c| c["requirement"]["code"] == "MOTIE_BAMENGA").unwrap();
        assert_eq!(bamenga["status"], "MISSING");
    }
}

#[tokio::test]
async fn the_report_follows_the_date_and_the_families_asked_for() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let old = app
        .data(
            REPORT,
            json!({ "families": ["LIJNMANAGEMENT"], "asOf": "2016-06-01" }),
        )
        .await;
    let groups = &old["profileCoverage"]["families"][0]["groups"];
    assert_eq!(groups.as_array().unwrap().len(), 1);
    assert_eq!(groups[0]["group"]["code"], "TOPMANAGER_GENERAAL");
    let beleid = app.data(REPORT, json!({ "families": ["BELEID"] })).await;
    let held = fgr_api::seed::catalogue::catalogue()
        .groups
        .iter()
        .filter(|g| g.family == "BELEID")
        .count();
    assert!(held > 0);
    assert_eq!(
        beleid["profileCoverage"]["families"][0]["totals"]["groups"],
        held
    );
    assert_eq!(
        app.error_code(REPORT, json!({ "families": ["ICT"] })).await,
        "BAD_USER_INPUT"
    );
}

#[tokio::test]
async fn the_report_downloads_as_csv() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let answer = app
        .send(
            Request::builder()
                .uri("/api/coverage.csv?asOf=2026-01-01")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    assert!(answer.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("fgr-dekking-2026-01-01.csv"));
    let lines: Vec<&str> = answer.body.lines().collect();
    assert_eq!(lines[0], "as_of,family,group_code,group_name,version,requirement_code,status,typings_covered,typings_missing,covered_by");
    assert_eq!(lines.len(), 1 + 16 + 12);
    assert!(lines.contains(&"2026-01-01,Project-/Programmamanagement,PROJECT_PROGRAMMAMANAGER,Project-/Programmamanager,1,SOCIALE_VEILIGHEID_LEIDINGGEVENDEN,PARTIAL,12,13 14 15,Typering schaal 12 › Resultaten › project/programmamanagement"));
    let bad = app
        .send(
            Request::builder()
                .uri("/api/coverage.csv?asOf=gisteren")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_console_shows_the_matrix() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let page = |cookie: Option<String>| {
        let mut request = Request::builder().uri("/coverage");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        app.send(request.body(Body::empty()).unwrap())
    };
    let answer = page(None).await;
    assert_eq!(answer.status, StatusCode::OK);
    for text in [
        r#"id="coverage-LIJNMANAGEMENT""#,
        // Requirement titles head the columns; cells say in words how far a group is covered.
        "Actief zorgdragen voor een veilige en inclusieve werkomgeving vrij van racisme en discriminatie",
        r#"data-requirement="MOTIE_BAMENGA""#,
        "ontbreekt",
        "deels gedekt",
        "van 4 schalen gedekt",
        "Download als CSV",
    ] {
        assert!(answer.body.contains(text), "{text} missing");
    }
    assert!(
        !answer.body.contains("Voorstel maken"),
        "a signed-out reader is offered no proposal"
    );
    let committee = app
        .person(
            "test:committee",
            fgr_api::domain::access::Role::CommitteeMember,
        )
        .await;
    let answer = page(Some(committee)).await;
    assert!(answer.body.contains("Voorstel maken"));
    assert!(
        answer.body.contains("?dekking=MOTIE_BAMENGA#propose"),
        "a gap opens the group's proposal form for that requirement"
    );
}
