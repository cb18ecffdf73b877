//! The GraphQL schema is a contract: the checked-in SDL equals the code's, and every operation
//! the console sends is valid against it.

use fgr_api::domain::access::Role;
use fgr_console::queries;
use serde_json::{json, Value};

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

/// Variables that fit every read of the console: each names a seeded thing (`clause` for the
/// clause reads), and the versions `from` and `to` for the diffs.
pub(crate) fn read_variables(name: &str, clause: &str, from: i64, to: i64) -> Value {
    let code = match name {
        "ConsoleFamily" => "LIJNMANAGEMENT",
        "ConsoleClause" | "ConsoleClauseVersionDiff" => clause,
        "ConsoleFormat" | "ConsoleFormatVersionDiff" => "PERSONEELSGESPREK_RIJK",
        _ => "MANAGER",
    };
    json!({
        "code": code, "asOf": null, "number": 1, "from": from, "to": to,
        "group": "MANAGER", "scale": 15, "on": null, "text": "manager",
    })
}

#[tokio::test]
async fn every_console_query_runs_without_errors_and_reads_into_its_generated_type() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    // As a committee member, who may read everything the console asks for.
    let cookie = app.person("contract", Role::CommitteeMember).await;
    for operation in queries::READS {
        let response = app
            .graphql_with(
                operation.document,
                read_variables(operation.name, "ABD_SOCIALE_VEILIGHEID", 1, 1),
                &[("cookie", cookie.as_str())],
            )
            .await
            .json();
        assert!(
            response.get("errors").is_none(),
            "{}: {response}",
            operation.name
        );
        decode(operation.name, response["data"].clone());
    }
}

/// Reads `data` into the type generated for the console's operation `name`.
fn decode(name: &str, data: Value) {
    if let Err(e) = (queries::listed(name).decode)(data) {
        panic!("the console cannot read the answer to {name}: {e}");
    }
}

/// Runs one of the console's workflow operations as `cookie`; its data.
async fn step(app: &TestApp, cookie: &str, name: &str, variables: Value) -> Value {
    let operation = queries::listed(name);
    let response = app
        .graphql_with(operation.document, variables, &[("cookie", cookie)])
        .await
        .json();
    assert!(response.get("errors").is_none(), "{name}: {response}");
    decode(name, response["data"].clone());
    response["data"].clone()
}

#[tokio::test]
async fn the_console_workflow_operations_carry_a_proposal_to_adoption() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let author = app.person("contract-author", Role::CommitteeMember).await;
    let secretary = app
        .person("contract-secretary", Role::CommitteeSecretary)
        .await;
    let owner = app.person("contract-owner", Role::Maintainer).await;
    let today = chrono::Utc::now().date_naive().to_string();

    let created = step(
        &app,
        &author,
        "ConsoleCreateProposal",
        json!({ "input": {
            "groupCode": "MANAGER", "title": "Sociale veiligheid", "rationale": "Motie Bamenga",
            "requestedEffectiveFrom": today,
        }}),
    )
    .await;
    let number = created["createProposal"]["number"].as_i64().unwrap();
    let read = app
        .graphql_with(
            queries::listed("ConsoleProposal").document,
            json!({ "number": number }),
            &[("cookie", author.as_str())],
        )
        .await
        .json();
    let mut content = read["data"]["proposal"]["content"].clone();
    content["coreProfile"]["resultAreas"][1]["behaviourIndicators"]
        .as_array_mut()
        .unwrap()
        .push(json!("Zorgt voor een veilige en inclusieve werkomgeving."));
    let preview = step(
        &app,
        &author,
        "ConsolePreviewDiff",
        json!({ "number": number, "content": content }),
    )
    .await;
    assert_eq!(
        preview["previewProposalDiff"].as_array().unwrap().len(),
        1,
        "{preview}"
    );

    let version = created["createProposal"]["version"].clone();
    let saved = step(
        &app,
        &author,
        "ConsoleUpdateProposal",
        json!({ "input": {
            "number": number, "expectedVersion": version, "content": content,
        }}),
    )
    .await;
    let submitted = step(
        &app,
        &author,
        "ConsoleSubmitProposal",
        json!({
            "number": number, "expectedVersion": saved["updateProposal"]["version"],
        }),
    )
    .await;
    assert_eq!(submitted["submitProposal"]["state"], "SUBMITTED");
    step(
        &app,
        &secretary,
        "ConsoleCommentOnProposal",
        json!({ "number": number, "text": "Helder." }),
    )
    .await;
    let advised = step(
        &app,
        &secretary,
        "ConsoleRecordAdvice",
        json!({ "input": {
            "number": number, "expectedVersion": submitted["submitProposal"]["version"],
            "meetingDate": today, "outcome": "POSITIVE", "rationale": "Dekt de motie.",
            "employerMembers": ["W. Gever"], "unionMembers": ["V. Bond"],
        }}),
    )
    .await;
    let decided = step(
        &app,
        &owner,
        "ConsoleRecordDecision",
        json!({ "input": {
            "number": number, "expectedVersion": advised["recordAdvice"]["version"],
            "outcome": "ADOPTED", "reference": "Besluit DGDOO 2026-1", "decisionDate": today,
        }}),
    )
    .await;
    assert_eq!(decided["recordDecision"]["state"], "ADOPTED");

    // Rebase and withdraw, on a second proposal.
    let second = step(&app, &author, "ConsoleCreateProposal", json!({ "input": {
        "groupCode": "TOPMANAGER", "title": "Tweede", "rationale": "r", "requestedEffectiveFrom": today,
    }}))
    .await;
    let n2 = second["createProposal"]["number"].clone();
    let rebased = step(
        &app,
        &author,
        "ConsoleRebaseProposal",
        json!({
            "number": n2, "expectedVersion": second["createProposal"]["version"],
        }),
    )
    .await;
    let withdrawn = step(
        &app,
        &author,
        "ConsoleWithdrawProposal",
        json!({
            "number": n2, "expectedVersion": rebased["rebaseProposal"]["version"],
        }),
    )
    .await;
    assert_eq!(withdrawn["withdrawProposal"]["state"], "WITHDRAWN");
}

#[tokio::test]
async fn the_console_clause_changes_add_revise_and_retire_a_clause() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let maintainer = app.person("contract-maintainer", Role::Maintainer).await;
    let today = chrono::Utc::now().date_naive();
    let fields = json!({
        "title": "Thuiswerken", "category": "TERMS_OF_EMPLOYMENT", "section": "OFFER", "sectionOrder": 10,
        "textNl": "Je kunt deels thuiswerken.", "textEn": null, "mandatory": false,
        "applicability": { "scaleMin": 8, "scaleMax": null, "managerOnly": false, "abdOnly": false, "familyCodes": [], "groupCodes": [] },
        "sourceReference": "Illustratief", "sourceUrl": null, "illustrative": true, "changeNote": null,
    });
    let created = step(
        &app,
        &maintainer,
        "ConsoleCreateClause",
        json!({ "input": {
            "code": "THUISWERKEN", "effectiveFrom": today.to_string(), "fields": fields,
        }}),
    )
    .await;
    assert_eq!(created["createVacancyClause"]["version"]["number"], 1);
    let mut revised_fields = fields.clone();
    revised_fields["textNl"] = json!("Je kunt gedeeltelijk thuiswerken.");
    let revised = step(&app, &maintainer, "ConsoleReviseClause", json!({ "input": {
        "code": "THUISWERKEN", "expectedVersion": 1, "effectiveFrom": (today + chrono::Duration::days(1)).to_string(), "fields": revised_fields,
    }}))
    .await;
    assert_eq!(revised["reviseVacancyClause"]["version"]["number"], 2);
    let retired = step(&app, &maintainer, "ConsoleRetireClause", json!({
        "code": "THUISWERKEN", "expectedVersion": 2, "on": (today + chrono::Duration::days(30)).to_string(),
    }))
    .await;
    assert_eq!(retired["retireVacancyClause"]["code"], "THUISWERKEN");
}

#[tokio::test]
async fn the_console_import_check_reads_the_per_group_outcome() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let owner = app.person("contract-owner", Role::Maintainer).await;
    let exported = app
        .send(
            axum::http::Request::builder()
                .uri("/api/catalogue.json")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .body;
    let response = app
        .graphql_with(
            queries::listed("ConsoleImportCatalogue").document,
            json!({ "input": { "document": exported, "dryRun": true } }),
            &[("cookie", owner.as_str())],
        )
        .await
        .json();
    assert!(response.get("errors").is_none(), "{response}");
    decode("ConsoleImportCatalogue", response["data"].clone());
    let groups = response["data"]["importCatalogue"]["groups"]
        .as_array()
        .unwrap();
    assert!(
        groups.iter().all(|g| g["action"] == "UNCHANGED"),
        "{groups:?}"
    );
}
