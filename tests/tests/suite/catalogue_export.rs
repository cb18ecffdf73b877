//! The catalogue exchange format: `GET /api/catalogue.json` (and `fgr catalogue export`) give the
//! whole catalogue as one deterministic document of the `fgr-catalogue/1` format, whose JSON
//! Schema is checked in; `?asOf=` narrows it to what was in effect; the CSV has every typing.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use fgr_api::domain::exchange::{self, Catalogue};
use fgr_api::seed::catalogue::catalogue;
use serde_json::Value;

use crate::on_every_backend;
use crate::support::{Answer, TestApp};

async fn get(app: &TestApp, path: &str) -> Answer {
    app.send(Request::builder().uri(path).body(Body::empty()).unwrap())
        .await
}

#[test]
fn the_checked_in_json_schema_matches_the_code() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../schema/catalogue-v1.schema.json"
    );
    let checked_in: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the schema is checked in"))
            .unwrap();
    assert_eq!(
        checked_in,
        exchange::json_schema(),
        "schema/catalogue-v1.schema.json is out of date; regenerate it with\n    cargo run -p fgr-api --bin fgr -- catalogue schema > schema/catalogue-v1.schema.json"
    );
}

on_every_backend! {
    async fn the_export_holds_the_whole_catalogue_and_is_the_same_each_time(backend) {
        let app = TestApp::seeded(backend).await;
        let first = get(&app, "/api/catalogue.json").await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        assert!(first.headers["content-disposition"].to_str().unwrap().contains("fgr-catalogus.json"));
        let second = get(&app, "/api/catalogue.json").await;
        assert_eq!(first.body, second.body, "the export is deterministic");
        // It reads back as the format (unknown fields are refused), with everything in it.
        let doc: Catalogue = serde_json::from_str(&first.body).expect("an fgr-catalogue/1 document");
        assert_eq!(doc.format, exchange::FORMAT);
        assert_eq!(doc.families.len(), 8);
        assert_eq!(doc.groups.len(), catalogue().groups.len());
        let versions: usize = doc.groups.iter().map(|g| g.versions.len()).sum();
        let seeded: usize = catalogue().groups.iter().map(|g| g.versions.len()).sum();
        assert_eq!(versions, seeded);
        let guard = doc.groups.iter().find(|g| g.code == "INRICHTINGSBEVEILIGER").unwrap();
        let variants: Vec<Option<i32>> = guard.versions[0].content.typings.iter()
            .filter(|t| t.scale == 5).map(|t| t.variant).collect();
        assert_eq!(variants, [Some(1), Some(2)]);
        assert_eq!(doc.abd_rule[0].min_scale, 15);
        assert_eq!(doc.abd_rule[0].source.as_deref(), Some("KAMERBRIEF_2025_04_14"));
        assert_eq!(doc.declared_totals.iter().map(|t| t.count).collect::<Vec<_>>(), [61, 63]);

        // On a date: only the groups that existed then, each with the version then in effect.
        let old = get(&app, "/api/catalogue.json?asOf=2016-01-01").await;
        let old: Catalogue = serde_json::from_str(&old.body).unwrap();
        assert!(old.groups.len() < doc.groups.len());
        assert!(old.groups.iter().all(|g| g.versions.len() == 1));
        assert!(!old.groups.iter().any(|g| g.code == "PROJECTLEIDER"), "PPM versions start in 2018");

        // The CSV: a header and one line per typing of every version.
        let csv = get(&app, "/api/catalogue.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        let typings: usize = doc.groups.iter().flat_map(|g| &g.versions).map(|v| v.content.typings.len()).sum();
        assert_eq!(csv.body.lines().count(), typings + 1);
        assert!(csv.body.starts_with(&exchange::CSV_COLUMNS.join(",")));

        let bad = get(&app, "/api/catalogue.json?asOf=gisteren").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("BAD_USER_INPUT"));
    }
}
