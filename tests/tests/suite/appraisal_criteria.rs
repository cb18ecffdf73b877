//! Appraisal formats and criteria for appraisal tools: which criteria apply to an employee in a
//! typing on a date, with the official conclusion scale, and whether the manager formats appraise
//! every responsibility required of managers.

use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::{Backend, TestApp};

const CRITERIA: &str = r#"query C($group: String!, $scale: Int!, $on: Date) {
  appraisalCriteria(groupCode: $group, scale: $scale, on: $on) {
    on formats
    sections { code title criteria { code text mandatory illustrative formatCode formatVersion
      appraises { requirementCode resultArea } ratingScale { code levels { code label description } } } }
  }
}"#;

fn criterion_codes(data: &Value) -> Vec<String> {
    data["appraisalCriteria"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["criteria"].as_array().unwrap().iter())
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

on_every_backend! {
    async fn a_manager_is_appraised_on_the_responsibility_once_the_manager_format_is_in_effect(backend) {
        let app = TestApp::seeded(backend).await;
        let before = app.data(CRITERIA, json!({ "group": "MANAGER", "scale": 13, "on": "2025-08-31" })).await;
        // 2016 Regeling until 2020, then CAO Rijk §12.1: two versions.
        assert_eq!(before["appraisalCriteria"]["formats"], json!(["PERSONEELSGESPREK_RIJK@2"]));
        let regeling = app.data(CRITERIA, json!({ "group": "MANAGER", "scale": 13, "on": "2019-12-31" })).await;
        assert_eq!(regeling["appraisalCriteria"]["formats"], json!(["PERSONEELSGESPREK_RIJK@1"]));
        assert!(!criterion_codes(&before).contains(&"VEILIGE_INCLUSIEVE_WERKOMGEVING".to_owned()));

        let after = app.data(CRITERIA, json!({ "group": "MANAGER", "scale": 13, "on": "2025-09-01" })).await;
        assert_eq!(
            after["appraisalCriteria"]["formats"],
            json!(["PERSONEELSGESPREK_LEIDINGGEVENDEN@1", "PERSONEELSGESPREK_RIJK@3"])
        );
        let sections: Vec<&str> = after["appraisalCriteria"]["sections"].as_array().unwrap().iter()
            .map(|s| s["code"].as_str().unwrap()).collect();
        assert_eq!(sections, [
            "PLANNEN", "REFLECTEREN_OP_FUNCTIONEREN", "EVALUEREN_MET_CONCLUSIE", "INTEGRITEIT",
            "SOCIALE_VEILIGHEID", "DISCRIMINATIE_RACISME", "LEIDINGGEVEN",
        ]);
        let all: Vec<Value> = after["appraisalCriteria"]["sections"].as_array().unwrap().iter()
            .flat_map(|s| s["criteria"].as_array().unwrap().clone()).collect();
        let responsibility = all.iter().find(|c| c["code"] == "VEILIGE_INCLUSIEVE_WERKOMGEVING").unwrap();
        assert_eq!(responsibility["appraises"]["requirementCode"], "MOTIE_BAMENGA");
        assert_eq!(responsibility["formatCode"], "PERSONEELSGESPREK_LEIDINGGEVENDEN");
        let levels = &responsibility["ratingScale"]["levels"];
        assert_eq!(levels.as_array().unwrap().iter().map(|l| l["label"].as_str().unwrap()).collect::<Vec<_>>(), ["++", "+", "+/-", "-"]);
        assert_eq!(levels[0]["description"], "prestaties zijn ruim boven de afspraken en verwachtingen");
        assert_eq!(levels[3]["description"], "prestaties blijven duidelijk achter bij afspraken en verwachtingen. Verbetertraject is noodzakelijk");

        // An employee outside the manager families gets the themes, not the manager criteria.
        let staff = app.data(CRITERIA, json!({ "group": "MEDEWERKER_ADVISERING", "scale": 10, "on": "2025-09-01" })).await;
        let codes = criterion_codes(&staff);
        assert!(codes.contains(&"ERVARINGEN_DISCRIMINATIE_RACISME".to_owned()));
        assert!(!codes.contains(&"VEILIGE_INCLUSIEVE_WERKOMGEVING".to_owned()));
    }

    async fn the_manager_formats_appraise_every_responsibility_required_of_managers(backend) {
        let app = TestApp::seeded(backend).await;
        let query = r#"query F($on: Date) { formatCoverage(asOf: $on) { requiredCodes formats { formatCode missing requirements { requirementCode covered criteria } } } }"#;
        let before = app.data(query, json!({ "on": "2025-08-31" })).await;
        assert_eq!(before["formatCoverage"]["formats"], json!([]), "no manager format yet");
        let after = app.data(query, json!({ "on": "2025-09-01" })).await;
        let required = after["formatCoverage"]["requiredCodes"].as_array().unwrap();
        assert!(required.contains(&json!("MOTIE_BAMENGA")) && required.len() >= 3, "{after}");
        let format = &after["formatCoverage"]["formats"][0];
        assert_eq!(format["formatCode"], "PERSONEELSGESPREK_LEIDINGGEVENDEN");
        assert_eq!(format["missing"], 0, "{format}");
        assert_eq!(format["requirements"].as_array().unwrap().len(), required.len());
    }
}

#[tokio::test]
async fn formats_list_their_versions_and_bad_input_is_typed() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let data = app
        .data(
            r#"{ appraisalFormats(asOf: "2025-06-01") { totalCount nodes { code version { number name audience } versions { number effectiveFrom effectiveTo } } }
                 ratingScales { code levels { label } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["appraisalFormats"]["totalCount"], 2);
    let nodes = data["appraisalFormats"]["nodes"].as_array().unwrap();
    let manager = nodes
        .iter()
        .find(|n| n["code"] == "PERSONEELSGESPREK_LEIDINGGEVENDEN")
        .unwrap();
    assert_eq!(
        manager["version"],
        Value::Null,
        "not in effect before September 2025"
    );
    let general = nodes
        .iter()
        .find(|n| n["code"] == "PERSONEELSGESPREK_RIJK")
        .unwrap();
    assert_eq!(general["version"]["number"], 2, "CAO Rijk §12.1 since 2020");
    assert_eq!(general["versions"][0]["effectiveFrom"], "2016-07-01");
    assert_eq!(general["versions"][0]["effectiveTo"], "2020-01-01");
    for i in 0..2 {
        assert_eq!(
            general["versions"][i]["effectiveTo"],
            general["versions"][i + 1]["effectiveFrom"]
        );
    }
    assert_eq!(
        data["ratingScales"][0]["levels"].as_array().unwrap().len(),
        4
    );
    assert_eq!(
        app.error_code(CRITERIA, json!({ "group": "MANAGER", "scale": 11 }))
            .await,
        "BAD_USER_INPUT"
    );
    assert_eq!(
        app.error_code(
            CRITERIA,
            json!({ "group": "MANAGER", "scale": 13, "on": "13-09-2025" })
        )
        .await,
        "BAD_USER_INPUT"
    );
}
