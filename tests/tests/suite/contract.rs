//! The GraphQL schema is a contract: the checked-in SDL equals the code's, and every operation
//! the console sends is valid against it.

use fgr_console::queries;
use serde_json::json;

use crate::support::{Backend, TestApp};

#[test]
fn schema_graphql_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql");
    let checked_in = std::fs::read_to_string(path).expect("schema.graphql is checked in");
    let current = fgr_api::graphql::sdl();
    assert!(
        checked_in == current,
        "schema.graphql is out of date; regenerate it with\n    cargo run -p fgr-api --bin fgr -- schema > schema.graphql\nand review the diff"
    );
}

#[tokio::test]
async fn every_console_operation_runs_without_errors() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    for (name, query) in queries::ALL {
        let variables = json!({ "code": if *name == "ConsoleFamily" { "LIJNMANAGEMENT" } else { "MANAGER" }, "asOf": null });
        let response = app.graphql(query, variables).await;
        assert!(response.get("errors").is_none(), "{name}: {response}");
    }
}
