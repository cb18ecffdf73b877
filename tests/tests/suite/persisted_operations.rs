//! Persisted operations: a document FGR beheer registered is run by its id, byte for byte as
//! registered; unknown or malformed ids and mixed requests are refused; a client created
//! `--trusted-documents-only` can send nothing else, over POST or GET.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use fgr_api::auth::api_tokens;
use fgr_api::domain::access::Scope;
use fgr_api::domain::audit::Actor;
use fgr_api::domain::operations;
use serde_json::json;

use crate::on_every_backend;
use crate::support::TestApp;

const CRITERIA: &str = "query Criteria($scale: Int!) {\n  appraisalCriteria(groupCode: \"MANAGER\", scale: $scale) { formats sections { code } }\n}\n";

async fn post(
    app: &TestApp,
    body: serde_json::Value,
    bearer: Option<&str>,
) -> crate::support::Answer {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/graphql")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = bearer {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    app.send(request.body(Body::from(body.to_string())).unwrap())
        .await
}

fn code(answer: &crate::support::Answer) -> String {
    answer.json()["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

on_every_backend! {
    async fn a_registered_document_runs_by_its_id(backend) {
        let app = TestApp::seeded(backend).await;
        let (registered, added) = operations::add(&app.db.conn, &Actor::cli(), "req-op", Some("criteria.graphql"), CRITERIA).await.unwrap();
        assert!(added);
        assert_eq!(registered.document_id, operations::document_id(CRITERIA));
        let (again, added) = operations::add(&app.db.conn, &Actor::cli(), "req-op", None, CRITERIA).await.unwrap();
        assert!(!added, "the same text is the same operation");
        assert_eq!(again.id, registered.id);

        let by_text = post(&app, json!({ "query": CRITERIA, "variables": { "scale": 13 } }), None).await;
        let by_id = post(&app, json!({ "documentId": registered.document_id, "variables": { "scale": 13 } }), None).await;
        assert_eq!(by_id.status, StatusCode::OK, "{}", by_id.body);
        assert_eq!(by_id.json()["data"], by_text.json()["data"]);
        assert!(by_id.json()["data"]["appraisalCriteria"]["sections"].as_array().is_some_and(|s| !s.is_empty()), "{}", by_id.body);

        let unknown = post(&app, json!({ "documentId": operations::document_id("{ me { kind } }") }), None).await;
        assert_eq!((unknown.status, code(&unknown)), (StatusCode::BAD_REQUEST, "DOCUMENT_NOT_FOUND".into()));
        let malformed = post(&app, json!({ "documentId": "sha256:nope" }), None).await;
        assert_eq!((malformed.status, code(&malformed)), (StatusCode::BAD_REQUEST, "BAD_REQUEST".into()));
        let both = post(&app, json!({ "documentId": registered.document_id, "query": "{ me { kind } }" }), None).await;
        assert_eq!((both.status, code(&both)), (StatusCode::BAD_REQUEST, "BAD_REQUEST".into()));

        let not_graphql = operations::add(&app.db.conn, &Actor::cli(), "req-op", None, "this is not graphql {").await.unwrap_err();
        assert_eq!(not_graphql.code().as_str(), "BAD_USER_INPUT");
        assert_eq!(operations::list(&app.db.conn).await.unwrap().len(), 1, "nothing else was registered");
    }

    async fn a_trusted_documents_only_client_sends_nothing_else(backend) {
        let app = TestApp::seeded(backend).await;
        let (registered, _) = operations::add(&app.db.conn, &Actor::cli(), "req-op", None, CRITERIA).await.unwrap();
        let scopes: BTreeSet<Scope> = [Scope::CriteriaRead].into_iter().collect();
        let strict = api_tokens::create_with(&app.db.conn, &Actor::cli(), "req", "Beoordelingstool", &scopes, None, true).await.unwrap();
        let open = api_tokens::create(&app.db.conn, &Actor::cli(), "req", "Andere tool", &scopes, None).await.unwrap();

        let text = post(&app, json!({ "query": CRITERIA, "variables": { "scale": 13 } }), Some(&strict.token)).await;
        assert_eq!((text.status, code(&text)), (StatusCode::FORBIDDEN, "TRUSTED_DOCUMENTS_ONLY".into()), "{}", text.body);
        let by_id = post(&app, json!({ "documentId": registered.document_id, "variables": { "scale": 13 } }), Some(&strict.token)).await;
        assert_eq!(by_id.status, StatusCode::OK, "{}", by_id.body);
        assert!(by_id.json()["errors"].is_null(), "{}", by_id.body);
        // The same rule over GET.
        let get = |uri: String, token: &str| Request::builder().uri(uri).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
        let variables = "%7B%22scale%22%3A13%7D";
        let by_id_get = app.send(get(format!("/graphql?documentId={}&variables={variables}", registered.document_id), &strict.token)).await;
        assert_eq!(by_id_get.status, StatusCode::OK, "{}", by_id_get.body);
        assert_eq!(by_id_get.json()["data"], by_id.json()["data"]);
        let text_get = app.send(get("/graphql?query=%7Bme%7Bkind%7D%7D".into(), &strict.token)).await;
        assert_eq!((text_get.status, code(&text_get)), (StatusCode::FORBIDDEN, "TRUSTED_DOCUMENTS_ONLY".into()));
        // Another client without the restriction may send text.
        let other = post(&app, json!({ "query": CRITERIA, "variables": { "scale": 13 } }), Some(&open.token)).await;
        assert_eq!(other.json()["data"], by_id.json()["data"]);
    }
}
