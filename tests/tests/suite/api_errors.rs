//! Bad input gets a typed error and changes nothing; internal failures are logged, not shown.

use fgr_api::config::GraphqlLimits;
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::{Backend, TestApp, TestDb};

on_every_backend! {
    async fn bad_arguments_are_bad_user_input(backend) {
        let app = TestApp::seeded(backend).await;
        for (query, variables) in [
            ("{ functionGroups(first: -1) { totalCount } }", json!({})),
            ("{ functionGroups(first: 101) { totalCount } }", json!({})),
            (r#"{ functionGroups(after: "not-a-cursor") { totalCount } }"#, json!({})),
            ("{ functionGroups(filter: { scale: 42 }) { totalCount } }", json!({})),
            (r#"{ typing(groupCode: "MANAGER", scale: 42) { scale } }"#, json!({})),
            (r#"{ typing(groupCode: "MANAGER", scale: 5) { scale } }"#, json!({})),
            (r#"{ functionGroup(code: "MANAGER") { typing(scale: 0) { scale } } }"#, json!({})),
            (r#"{ jobFamilies(asOf: "2025-13-45") { code } }"#, json!({})),
            ("query Q($d: Date) { jobFamilies(asOf: $d) { code } }", json!({ "d": "gisteren" })),
        ] {
            let code = app.error_code(query, variables).await;
            assert_eq!(code, "BAD_USER_INPUT", "{query}");
        }
    }

    async fn unknown_codes_answer_null_without_an_error(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app.data(
            r#"{ jobFamily(code: "ICT") { name } functionGroup(code: "GEEN_GROEP") { name } typing(groupCode: "GEEN_GROEP", scale: 9) { scale } }"#,
            json!({}),
        ).await;
        assert_eq!(data, json!({ "jobFamily": null, "functionGroup": null, "typing": null }));
    }

    async fn a_database_failure_is_masked_as_internal_with_a_reference(backend) {
        let app = TestApp::seeded(backend).await;
        let drop_fk_child = match backend {
            Backend::Postgres => "DROP TABLE typing_item CASCADE",
            _ => "DROP TABLE typing_item",
        };
        app.db.owner.execute_unprepared(drop_fk_child).await.expect("drop table");
        let response = app.graphql(r#"{ typing(groupCode: "MANAGER", scale: 12) { scale } }"#, json!({})).await;
        let error = &response["errors"][0];
        assert_eq!(error["extensions"]["code"], "INTERNAL");
        assert_eq!(error["message"], fgr_api::error::INTERNAL_MESSAGE);
        assert!(error["extensions"]["reference"].as_str().is_some_and(|r| r.starts_with('E')));
        let text = response.to_string().to_lowercase();
        for leak in ["typing_item", "sqlx", "select", "no such table", "doesn't exist", "does not exist"] {
            assert!(!text.contains(leak), "response leaks '{leak}': {response}");
        }
    }
}

#[tokio::test]
async fn unknown_fields_fail_validation_and_suggest_nothing_when_introspection_is_off() {
    let limits = GraphqlLimits {
        introspection: false,
        ..GraphqlLimits::default()
    };
    let app = TestApp::over(TestDb::seeded(Backend::Sqlite).await, limits);
    let response = app.graphql("{ jobFamilie { name } }", json!({})).await;
    assert_eq!(
        response["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
    assert!(!response.to_string().contains("Did you mean"), "{response}");
    // Nor do messages name types or required arguments.
    for probe in [
        "{ auditLog }",
        "{ functionGroup { code } }",
        "{ jobFamilies { nope } }",
    ] {
        let response = app.graphql(probe, json!({})).await;
        let text = response["errors"].to_string();
        assert_eq!(
            response["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED",
            "{response}"
        );
        for leak in [
            "AuditEntryConnection",
            "String!",
            "JobFamily",
            "nope",
            "subfields",
            "argument",
        ] {
            assert!(!text.contains(leak), "{probe}: {text}");
        }
    }
    let schema = app
        .graphql("{ __schema { types { name } } }", json!({}))
        .await;
    assert_eq!(schema["data"]["__schema"], Value::Null);
}

#[tokio::test]
async fn with_introspection_on_unknown_fields_still_carry_a_code() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let response = app.graphql("{ jobFamilie { name } }", json!({})).await;
    assert_eq!(
        response["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
}

/// The downloads outside GraphQL refuse with the JSON error body and the code's status.
#[tokio::test]
async fn the_downloads_refuse_with_the_json_error_body_and_the_codes_status() {
    use axum::body::Body;
    use axum::http::Request;
    let closed = crate::support::TestApp::configured(
        crate::support::TestDb::seeded(crate::support::Backend::Sqlite).await,
        fgr_api::config::ServerConfig {
            auth: fgr_api::auth::AuthConfig {
                access: fgr_api::domain::access::AccessPolicy { public_read: false },
                ..fgr_api::auth::AuthConfig::default()
            },
            ..fgr_api::config::ServerConfig::default()
        },
    );
    let clauses_only = fgr_api::auth::api_tokens::create(
        &closed.db.conn,
        &fgr_api::domain::audit::Actor::cli(),
        "req",
        "site",
        &[fgr_api::domain::access::Scope::ClausesRead].into(),
        None,
    )
    .await
    .unwrap()
    .token;
    let get = |path: &'static str, bearer: Option<String>| {
        let mut request = Request::builder().uri(path);
        if let Some(token) = bearer {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        closed.send(request.body(Body::empty()).unwrap())
    };
    for (path, bearer, status, code) in [
        ("/api/coverage.csv", None, 401, "UNAUTHENTICATED"),
        ("/api/catalogue.json", None, 401, "UNAUTHENTICATED"),
        (
            "/api/coverage.csv",
            Some(clauses_only.clone()),
            403,
            "FORBIDDEN",
        ),
        (
            "/api/catalogue.csv",
            Some(clauses_only.clone()),
            403,
            "FORBIDDEN",
        ),
    ] {
        let answer = get(path, bearer).await;
        assert_eq!(answer.status.as_u16(), status, "{path}: {}", answer.body);
        assert_eq!(
            answer.json()["errors"][0]["extensions"]["code"],
            code,
            "{path}"
        );
    }
    let open = crate::support::TestApp::seeded(crate::support::Backend::Sqlite).await;
    for path in [
        "/api/coverage.csv?asOf=2025-13-01",
        "/api/coverage.csv?families=GEEN_FAMILIE",
        "/api/catalogue.json?asOf=gisteren",
    ] {
        let answer = open
            .send(Request::builder().uri(path).body(Body::empty()).unwrap())
            .await;
        assert_eq!(answer.status.as_u16(), 400, "{path}: {}", answer.body);
        let body = answer.json();
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{path}"
        );
        assert!(
            body["errors"][0]["extensions"]["field"].is_string(),
            "{path}: {body}"
        );
    }
}

#[tokio::test]
async fn a_required_variable_left_out_is_bad_user_input_and_changes_nothing() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let cookie = app
        .person("alice", fgr_api::domain::access::Role::CommitteeMember)
        .await;
    let create = r#"mutation C($title: String!) { createProposal(input: { groupCode: "MANAGER", title: $title,
        rationale: "r", requestedEffectiveFrom: "2099-01-01" }) { number } }"#;
    for (query, variables) in [
        (
            "query P($number: Int!, $content: JSON!) { previewProposalDiff(number: $number, content: $content) { path } }",
            json!({ "number": 1 }),
        ),
        (create, json!({})),
    ] {
        let response = app
            .graphql_with(query, variables, &[("cookie", cookie.as_str())])
            .await
            .json();
        assert_eq!(
            response["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{response}"
        );
    }
    let listed = app
        .graphql_with(
            "{ proposals { number } }",
            json!({}),
            &[("cookie", cookie.as_str())],
        )
        .await
        .json();
    assert_eq!(listed["data"]["proposals"], json!([]), "{listed}");
}

/// The library's own input errors are told apart by where they sit (at an argument), not by their
/// wording, so each names the argument it is about; an unknown field is a document error.
#[tokio::test]
async fn library_input_errors_name_their_argument_and_document_errors_do_not() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    for (query, variables, argument) in [
        (
            r#"{ jobFamilies(asOf: "2025-13-45") { code } }"#,
            json!({}),
            "asOf",
        ),
        (
            "query Q($d: Date) { jobFamilies(asOf: $d) { code } }",
            json!({ "d": "gisteren" }),
            "asOf",
        ),
        (
            "query Q($s: Int!) { typing(groupCode: \"MANAGER\", scale: $s) { scale } }",
            json!({ "s": "twaalf" }),
            "scale",
        ),
        (
            "query Q($s: Int!) { typing(groupCode: \"MANAGER\", scale: $s) { scale } }",
            json!({}),
            "scale",
        ),
        (
            "{ functionGroups(filter: { scale: \"x\" }) { totalCount } }",
            json!({}),
            "filter",
        ),
        (
            "query Q($b: Boolean!) { jobFamilies { code @include(if: $b) } }",
            json!({ "b": "ja" }),
            "if",
        ),
    ] {
        let response = app.graphql(query, variables).await;
        let error = &response["errors"][0];
        assert_eq!(
            error["extensions"]["code"], "BAD_USER_INPUT",
            "{query}: {response}"
        );
        assert_eq!(
            error["extensions"]["field"], argument,
            "{query}: {response}"
        );
    }
    let unknown = app.graphql("{ jobFamilies { kode } }", json!({})).await;
    let error = &unknown["errors"][0];
    assert_eq!(
        error["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED",
        "{unknown}"
    );
    assert!(error["extensions"].get("field").is_none(), "{unknown}");
}
