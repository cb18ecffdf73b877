//! Snapshots of answers clients are built against: the error envelope of each code, and the
//! answers of the console's main operations on the seed. Committed under `snapshots/`; a change
//! shows as a diff to review (`INSTA_UPDATE=always`, then `git diff`), never silently.
//! Request ids, error references, people's ids and timestamps are redacted: they differ per run.

use fgr_api::domain::access::Role;
use fgr_console::queries;
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

use crate::contract::read_variables;
use crate::support::{Backend, TestApp};

/// The fields whose values differ between runs, replaced by a marker.
const VOLATILE: [&str; 6] = [
    "requestId",
    "reference",
    "createdAt",
    "recordedAt",
    "at",
    "id",
];

fn redacted(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if VOLATILE.contains(&k.as_str()) && !v.is_null() && !v.is_object() {
                        json!("[redacted]")
                    } else {
                        redacted(v)
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(redacted).collect()),
        other => other,
    }
}

/// The HTTP status and the `errors` of an answer, as a client meets them.
fn envelope(status: u16, response: &Value) -> Value {
    json!({ "status": status, "errors": redacted(response["errors"].clone()) })
}

#[tokio::test]
async fn the_error_envelope_of_each_code() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let member = app.person("snap-member", Role::CommitteeMember).await;
    let viewer = app.person("snap-viewer", Role::Viewer).await;
    let create = r#"mutation { createProposal(input: { groupCode: "MANAGER", title: "t",
        rationale: "r", requestedEffectiveFrom: "2099-01-01" }) { number version } }"#;
    let created = app
        .graphql_with(create, json!({}), &[("cookie", member.as_str())])
        .await
        .json();
    let number = created["data"]["createProposal"]["number"].clone();
    let submit = "mutation S($n: Int!, $v: Int!) { submitProposal(number: $n, expectedVersion: $v) { state } }";
    let submitted = app
        .graphql_with(
            submit,
            json!({ "n": number, "v": 1 }),
            &[("cookie", member.as_str())],
        )
        .await
        .json();
    assert!(submitted.get("errors").is_none(), "{submitted}");
    let cases: Vec<(&str, &str, Value, Option<&str>)> =
        vec![
        ("BAD_USER_INPUT", "{ functionGroups(first: -1) { totalCount } }", json!({}), None),
        (
            "BAD_USER_INPUT_library",
            "query Q($d: Date) { jobFamilies(asOf: $d) { code } }",
            json!({ "d": "gisteren" }),
            None,
        ),
        ("GRAPHQL_VALIDATION_FAILED", "{ jobFamilies { kode } }", json!({}), None),
        ("UNAUTHENTICATED", create, json!({}), None),
        ("FORBIDDEN", create, json!({}), Some(viewer.as_str())),
        (
            "NOT_FOUND",
            submit,
            json!({ "n": 9999, "v": 1 }),
            Some(member.as_str()),
        ),
        (
            "CONFLICT",
            "mutation W($n: Int!) { withdrawProposal(number: $n, expectedVersion: 1) { state } }",
            json!({ "n": number }),
            Some(member.as_str()),
        ),
        (
            "INVALID_TRANSITION",
            submit,
            json!({ "n": number, "v": 2 }),
            Some(member.as_str()),
        ),
    ];
    for (name, query, variables, cookie) in cases {
        let headers: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
        let answer = app.graphql_with(query, variables, &headers).await;
        let response = answer.json();
        let code = name.split("_library").next().unwrap_or(name);
        assert_eq!(
            response["errors"][0]["extensions"]["code"], code,
            "{name}: {response}"
        );
        insta::assert_json_snapshot!(
            format!("error_{name}"),
            envelope(answer.status.as_u16(), &response)
        );
    }

    // A defect: the table under a read (outside the read model) is gone.
    app.db
        .owner
        .execute_unprepared("DROP TABLE proposal_comment")
        .await
        .expect("drop table");
    let answer = app
        .graphql_with(
            "query P($n: Int!) { proposal(number: $n) { comments { text } } }",
            json!({ "n": number }),
            &[("cookie", member.as_str())],
        )
        .await;
    let response = answer.json();
    assert_eq!(
        response["errors"][0]["extensions"]["code"], "INTERNAL",
        "{response}"
    );
    insta::assert_json_snapshot!(
        "error_INTERNAL",
        envelope(answer.status.as_u16(), &response)
    );
}

#[tokio::test]
async fn the_answers_of_the_consoles_main_operations_on_the_seed() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let member = app.person("snap-member", Role::CommitteeMember).await;
    let created = app
        .graphql_with(
            r#"mutation { createProposal(input: { groupCode: "MANAGER", title: "Sociale veiligheid",
                rationale: "Motie", requestedEffectiveFrom: "2099-01-01" }) { number } }"#,
            json!({}),
            &[("cookie", member.as_str())],
        )
        .await
        .json();
    assert!(created.get("errors").is_none(), "{created}");
    for name in [
        "ConsoleMe",
        "ConsoleFamilies",
        "ConsoleFamily",
        "ConsoleGroup",
        "ConsoleCoverage",
        "ConsoleProposals",
        "ConsoleProposal",
        "ConsoleClauses",
        "ConsoleFormats",
    ] {
        let operation = queries::listed(name);
        let mut variables = read_variables(name, "ABD_SOCIALE_VEILIGHEID", 1, 1);
        // A fixed peildatum, so the answers do not move with the calendar.
        variables["asOf"] = json!("2026-12-01");
        variables["on"] = json!("2026-12-01");
        let response = app
            .graphql_with(
                operation.document,
                variables,
                &[("cookie", member.as_str())],
            )
            .await
            .json();
        assert!(response.get("errors").is_none(), "{name}: {response}");
        (operation.decode)(response["data"].clone()).expect("the console reads it");
        insta::assert_json_snapshot!(name, redacted(response["data"].clone()));
    }
}
