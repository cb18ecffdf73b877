//! API tokens for machine clients: valid, revoked, expired, malformed, out of scope.

use std::collections::BTreeSet;

use axum::http::{header, StatusCode};
use fgr_api::auth::api_tokens;
use fgr_api::domain::access::Scope;
use fgr_api::domain::audit::Actor;
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::on_every_backend;
use crate::support::{Backend, TestApp};

const QUERY: &str = "{ jobFamilies { code } }";

async fn issue(app: &TestApp, scopes: &[Scope]) -> api_tokens::Issued {
    api_tokens::create(
        &app.db.conn,
        &Actor::cli(),
        "test",
        "Beoordelingstool",
        &scopes.iter().copied().collect::<BTreeSet<_>>(),
        None,
    )
    .await
    .unwrap()
}

on_every_backend! {
    async fn a_valid_token_reads_as_its_machine_and_stores_only_a_hash(backend) {
        let app = TestApp::seeded(backend).await;
        let issued = issue(&app, &[Scope::CatalogueRead, Scope::CriteriaRead]).await;
        assert!(issued.token.starts_with("fgr_"));
        assert_ne!(issued.client.secret_hash, issued.token);
        assert!(!issued.token.contains(&issued.client.secret_hash));
        let bearer = format!("Bearer {}", issued.token);
        let answer = app.graphql_with("{ me { kind id scopes } jobFamilies { code } }", json!({}), &[("authorization", &bearer)]).await;
        assert_eq!(answer.status, StatusCode::OK);
        let body = answer.json();
        assert_eq!(body["data"]["me"], json!({ "kind": "MACHINE", "id": issued.client.public_id, "scopes": ["catalogue:read", "criteria:read"] }));
        assert_eq!(body["data"]["jobFamilies"].as_array().unwrap().len(), 8);
    }

    async fn revoked_and_expired_tokens_are_refused_with_a_challenge(backend) {
        let app = TestApp::seeded(backend).await;
        let revoked = issue(&app, &[Scope::CatalogueRead]).await;
        api_tokens::revoke(&app.db.conn, &Actor::cli(), "test", &revoked.client.public_id).await.unwrap();
        let expired = issue(&app, &[Scope::CatalogueRead]).await;
        app.db.conn.execute_unprepared(&format!(
            "UPDATE api_client SET expires_at = '2001-01-01 00:00:00' WHERE public_id = '{}'", expired.client.public_id
        )).await.unwrap();
        for (token, reason) in [(revoked.token, "revoked"), (expired.token, "expired")] {
            let bearer = format!("Bearer {token}");
            let answer = app.graphql_with(QUERY, json!({}), &[("authorization", &bearer)]).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{reason}");
            let challenge = answer.headers[header::WWW_AUTHENTICATE].to_str().unwrap();
            assert!(challenge.starts_with("Bearer ") && challenge.contains(r#"error="invalid_token""#), "{challenge}");
            assert!(challenge.contains(reason), "{challenge}");
            assert_eq!(answer.json()["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
        }
    }
}

#[tokio::test]
async fn malformed_and_unknown_credentials_are_refused() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let good = issue(&app, &[Scope::CatalogueRead]).await;
    let tampered = format!("{}x", good.token);
    for header_value in [
        "Bearer".to_owned(),
        "Basic dXNlcjpwYXNz".to_owned(),
        "Bearer fgr_short".to_owned(),
        format!("Bearer {tampered}"),
        "Bearer fgr_AAAAAAAAAAAA_notarealsecretnotarealsecretnotarealsecret0".to_owned(),
    ] {
        let answer = app
            .graphql_with(QUERY, json!({}), &[("authorization", &header_value)])
            .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{header_value}");
        assert!(answer.headers.contains_key(header::WWW_AUTHENTICATE));
        assert!(!answer.body.contains(&good.token), "the token was echoed");
    }
}

#[tokio::test]
async fn a_token_without_the_needed_scope_gets_403_insufficient_scope() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let clauses_only = issue(&app, &[Scope::ClausesRead]).await;
    let bearer = format!("Bearer {}", clauses_only.token);
    let answer = app
        .graphql_with(QUERY, json!({}), &[("authorization", &bearer)])
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let challenge = answer.headers[header::WWW_AUTHENTICATE].to_str().unwrap();
    assert_eq!(
        challenge,
        r#"Bearer realm="fgr", error="insufficient_scope", scope="catalogue:read""#
    );
    assert_eq!(
        answer.json()["errors"][0]["extensions"]["code"],
        "FORBIDDEN"
    );
    // Asking who it is stays allowed.
    let me = app
        .graphql_with("{ me { kind } }", json!({}), &[("authorization", &bearer)])
        .await;
    assert_eq!(me.status, StatusCode::OK);
}
