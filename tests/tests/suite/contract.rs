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
    // As a committee member, who may read everything the console asks for.
    let person = fgr_api::domain::access::Person {
        subject: "contract".into(),
        name: "Contract".into(),
        email: None,
        roles: [
            fgr_api::domain::access::Role::Viewer,
            fgr_api::domain::access::Role::CommitteeMember,
        ]
        .into(),
    };
    let token = fgr_api::auth::sessions::start(
        &app.db.conn,
        &fgr_api::auth::AuthConfig::default(),
        &person,
        None,
        "test",
        "test",
    )
    .await
    .unwrap();
    let cookie = format!("fgr_session={token}");
    for (name, query) in queries::ALL {
        let variables = json!({ "code": if *name == "ConsoleFamily" { "LIJNMANAGEMENT" } else { "MANAGER" }, "asOf": null });
        let mut variables = variables;
        variables["number"] = json!(1);
        let response = app
            .graphql_with(query, variables, &[("cookie", cookie.as_str())])
            .await
            .json();
        assert!(response.get("errors").is_none(), "{name}: {response}");
    }
}
