//! The header's search: one query over groups, typings, requirements and clauses, case and
//! accents ignored, from the read model.

use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::TestApp;

const SEARCH: &str = "query S($text: String!, $first: Int) { search(text: $text, first: $first) { kind code scale title context } }";

async fn hits(app: &TestApp, text: &str) -> Vec<Value> {
    let data = app.data(SEARCH, json!({ "text": text })).await;
    data["search"].as_array().cloned().unwrap_or_default()
}

on_every_backend! {
    async fn a_group_is_found_whatever_its_accents_and_case(backend) {
        let app = TestApp::seeded(backend).await;
        for text in ["Coördinerend Beleidsmedewerker", "coordinerend beleid", "COÒRDINEREND", "coórdinerend"] {
            let found = hits(&app, text).await;
            assert_eq!(found[0]["kind"], "FUNCTION_GROUP", "{text}: {found:?}");
            assert_eq!(found[0]["title"], "Coördinerend Beleidsmedewerker", "{text}: {found:?}");
            assert!(found[0]["context"].as_str().unwrap().starts_with("functiegroep in "), "{found:?}");
        }
    }
}

#[tokio::test]
async fn typings_requirements_and_clauses_are_found_and_bad_input_is_refused() {
    let app = TestApp::seeded(crate::support::Backend::Sqlite).await;
    let typing = hits(&app, "manager 13").await;
    assert!(
        typing
            .iter()
            .any(|h| h["kind"] == "TYPING" && h["code"] == "MANAGER" && h["scale"] == 13),
        "{typing:?}"
    );
    assert!(
        typing
            .iter()
            .all(|h| h["kind"] != "TYPING" || h["scale"] == 13),
        "{typing:?}"
    );
    let requirement = hits(&app, "bamenga").await;
    assert!(
        requirement
            .iter()
            .any(|h| h["kind"] == "REQUIREMENT" && h["code"] == "MOTIE_BAMENGA"),
        "{requirement:?}"
    );
    let clause = hits(&app, "sociale veiligheid diversiteit").await;
    assert!(
        clause
            .iter()
            .any(|h| h["kind"] == "VACANCY_CLAUSE" && h["code"] == "ABD_SOCIALE_VEILIGHEID"),
        "{clause:?}"
    );
    assert!(hits(&app, "geen enkele groep heet zo").await.is_empty());
    let five = app.data(SEARCH, json!({ "text": "e", "first": 5 })).await;
    assert_eq!(five["search"].as_array().map(Vec::len), Some(5), "{five}");
    for (text, first) in [
        ("   ", 20),
        (&"x".repeat(101)[..], 20),
        ("manager", 0),
        ("manager", 51),
    ] {
        let code = app
            .error_code(SEARCH, json!({ "text": text, "first": first }))
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{text:?} {first}");
    }
}
