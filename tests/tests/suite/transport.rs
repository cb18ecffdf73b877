//! HTTP rules of `/graphql`: JSON POST, queries over GET, no CSRF, no batches, bounded bodies and
//! queries; health checks.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;

use crate::support::{Backend, TestApp};

fn post(content_type: Option<&str>) -> axum::http::request::Builder {
    let mut builder = Request::builder().method(Method::POST).uri("/graphql");
    if let Some(ct) = content_type {
        builder = builder.header(header::CONTENT_TYPE, ct);
    }
    builder
}

fn families_query() -> String {
    json!({ "query": "{ jobFamilies { code } }" }).to_string()
}

#[tokio::test]
async fn queries_work_over_get_but_mutations_do_not() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let get = |uri: &str| Request::builder().uri(uri).body(Body::empty()).unwrap();
    let ok = app
        .send(get("/graphql?query=%7BjobFamilies%7Bcode%7D%7D"))
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(
        ok.json()["data"]["jobFamilies"].as_array().unwrap().len(),
        8
    );
    let mutation = app.send(get("/graphql?query=mutation%7Bx%7D")).await;
    assert_eq!(mutation.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(mutation.headers[header::ALLOW], "POST");
    let graphiql = app.send(get("/graphql")).await;
    assert_eq!(graphiql.status, StatusCode::OK);
    assert!(graphiql
        .body
        .contains(r#"<script src="/graphiql/graphiql.min.js"></script>"#));
    // Nothing from elsewhere: no other origin in the page or its policy, no inline script.
    assert!(
        !graphiql.body.contains("https://") && !graphiql.body.contains("http://"),
        "{}",
        graphiql.body
    );
    assert!(!graphiql.body.contains("<script>"), "{}", graphiql.body);
    let policy = graphiql.headers["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(
        policy.contains("script-src 'self';") && !policy.contains("http"),
        "{policy}"
    );
}

#[tokio::test]
async fn posts_that_a_browser_could_send_cross_site_are_refused() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    for ct in [
        Some("text/plain"),
        None,
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
    ] {
        let answer = app
            .send(post(ct).body(Body::from(families_query())).unwrap())
            .await;
        assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct:?}");
    }
    let cross_site = app
        .send(
            post(Some("application/json"))
                .header("sec-fetch-site", "cross-site")
                .body(Body::from(families_query()))
                .unwrap(),
        )
        .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    let foreign_origin = app
        .send(
            post(Some("application/json"))
                .header(header::HOST, "fgr.example")
                .header(header::ORIGIN, "https://evil.example")
                .body(Body::from(families_query()))
                .unwrap(),
        )
        .await;
    assert_eq!(foreign_origin.status, StatusCode::FORBIDDEN);
    let same_origin = app
        .send(
            post(Some("application/json; charset=utf-8"))
                .header(header::HOST, "fgr.example")
                .header(header::ORIGIN, "https://fgr.example")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(families_query()))
                .unwrap(),
        )
        .await;
    // The default public URL is http://127.0.0.1:8080: a request from https://fgr.example is
    // another site's, whatever its Host header says.
    assert_eq!(
        same_origin.status,
        StatusCode::FORBIDDEN,
        "{}",
        same_origin.body
    );

    // Behind a proxy at https://fgr.example (which may rewrite Host), the public URL's origin is
    // this site's; another scheme or port, or a DNS-rebound name, is not.
    let mut config = fgr_api::config::ServerConfig::default();
    config.auth.public_url = "https://fgr.example".into();
    let proxied = TestApp::configured(
        crate::support::TestDb::seeded(Backend::Sqlite).await,
        config,
    );
    for (host, origin, status) in [
        ("fgr.example", "https://fgr.example", StatusCode::OK),
        ("10.0.0.7:8080", "https://fgr.example", StatusCode::OK),
        ("fgr.example", "http://fgr.example", StatusCode::FORBIDDEN),
        (
            "fgr.example",
            "https://fgr.example:8443",
            StatusCode::FORBIDDEN,
        ),
        (
            "rebound.evil.example",
            "https://rebound.evil.example",
            StatusCode::FORBIDDEN,
        ),
    ] {
        let answer = proxied
            .send(
                post(Some("application/json"))
                    .header(header::HOST, host)
                    .header(header::ORIGIN, origin)
                    .body(Body::from(families_query()))
                    .unwrap(),
            )
            .await;
        assert_eq!(
            answer.status, status,
            "Host {host}, Origin {origin}: {}",
            answer.body
        );
    }
}

#[tokio::test]
async fn batches_and_oversized_bodies_are_refused() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let batch =
        json!([{ "query": "{ jobFamilies { code } }" }, { "query": "{ competences { name } }" }])
            .to_string();
    let answer = app
        .send(
            post(Some("application/json"))
                .body(Body::from(batch))
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.json()["errors"][0]["extensions"]["code"],
        "BATCH_NOT_SUPPORTED"
    );

    let padding = " ".repeat(70 * 1024);
    let big = format!("{{\"query\": \"{{ jobFamilies {{ code }} }}{padding}\"}}");
    let answer = app
        .send(
            post(Some("application/json"))
                .header(header::CONTENT_LENGTH, big.len())
                .body(Body::from(big))
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);

    let garbage = app
        .send(
            post(Some("application/json"))
                .body(Body::from("{nope"))
                .unwrap(),
        )
        .await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
    assert!(
        !garbage.body.contains("line"),
        "parser internals leaked: {}",
        garbage.body
    );
}

#[tokio::test]
async fn deep_and_alias_heavy_queries_are_refused() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let deep = "{ jobFamilies { functionGroups { family { functionGroups { family { functionGroups { family { functionGroups { family { functionGroups { family { functionGroups { code } } } } } } } } } } } } }";
    // Refused for what its nested lists could answer, before the depth check.
    let response = app.graphql(deep, json!({})).await;
    assert_eq!(
        response["errors"][0]["extensions"]["code"], "QUERY_TOO_COSTLY",
        "{response}"
    );
    // Deep without lists: the depth limit.
    let nested_singles = format!(
        "{{ functionGroup(code: \"MANAGER\") {{ {}code{} }} }}",
        "typing(scale: 12) { functionGroup { ".repeat(7),
        " } }".repeat(7)
    );
    let response = app.graphql(&nested_singles, json!({})).await;
    assert!(
        response["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nested too deep"),
        "{response}"
    );
    assert_eq!(
        response["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
    let aliases: String = (0..2100)
        .map(|i| format!("a{i}: competences {{ name }} "))
        .collect();
    let response = app.graphql(&format!("{{ {aliases} }}"), json!({})).await;
    assert_eq!(
        response["errors"][0]["extensions"]["code"], "TOO_MANY_ROOT_FIELDS",
        "{response}"
    );
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    for path in ["/healthz", "/readyz"] {
        let answer = app
            .send(Request::builder().uri(path).body(Body::empty()).unwrap())
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn readiness_reads_the_database_and_a_locked_sqlite_file_is_not_ready() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::seeded(Backend::Sqlite).await;
    let ready = || async {
        app.send(
            Request::builder()
                .uri("/readyz")
                .body(Body::empty())
                .unwrap(),
        )
        .await
    };
    app.warm().await;
    assert_eq!(ready().await.status, StatusCode::OK);
    // Another process holds the file: one connection with an exclusive lock that even readers
    // wait for (in WAL mode only `locking_mode = EXCLUSIVE` does that).
    let mut options = sea_orm::ConnectOptions::new(app.db.url.clone());
    options.max_connections(1).sqlx_logging(false);
    let holder = sea_orm::Database::connect(options).await.unwrap();
    for sql in [
        "PRAGMA locking_mode = EXCLUSIVE",
        "BEGIN EXCLUSIVE",
        "INSERT INTO job_family (code, name, manager_family, sort_order, illustrative) VALUES ('SLOT', 'Slot', false, 99, true)",
    ] {
        holder.execute_unprepared(sql).await.unwrap();
    }
    let started = std::time::Instant::now();
    let locked = ready().await;
    assert_eq!(
        locked.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        locked.body
    );
    assert_eq!(locked.headers["retry-after"], "5");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "answered within about a second"
    );
    // Reads of the register come from memory meanwhile.
    let read = app
        .data("{ jobFamilies { code } }", serde_json::json!({}))
        .await;
    assert_eq!(read["jobFamilies"].as_array().unwrap().len(), 8);
    // The lock goes: ready again, without a restart.
    holder.execute_unprepared("ROLLBACK").await.unwrap();
    holder.close().await.unwrap();
    assert_eq!(ready().await.status, StatusCode::OK);
}

#[tokio::test]
async fn pages_carry_a_content_security_policy_whose_nonce_their_scripts_use() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let page = app
        .send(
            Request::builder()
                .uri("/groups/MANAGER")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let csp = page.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    for directive in [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "'wasm-unsafe-eval'",
    ] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce")
        .to_owned();
    assert!(nonce.len() >= 22, "{nonce}");
    // Every inline script of the page carries it; there is no other script.
    let scripts = page.body.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(
        page.body.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every script carries the nonce"
    );
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert_eq!(page.headers["referrer-policy"], "same-origin");
    assert!(
        !page.headers.contains_key("strict-transport-security"),
        "no HSTS over http"
    );
    // A fresh nonce per answer.
    let again = app
        .send(
            Request::builder()
                .uri("/groups/MANAGER")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_ne!(
        again.headers["content-security-policy"],
        page.headers["content-security-policy"]
    );

    // What a signed-in person is answered is not cached.
    let member = app
        .person("cas", fgr_api::domain::access::Role::CommitteeMember)
        .await;
    let personal = app
        .send(
            Request::builder()
                .uri("/proposals")
                .header("cookie", member)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(personal.headers["cache-control"], "no-store");

    // HSTS when the public URL is https.
    let config = fgr_api::config::ServerConfig {
        auth: fgr_api::auth::AuthConfig {
            public_url: "https://fgr.example.nl".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let https = TestApp::configured(
        crate::support::TestDb::seeded(Backend::Sqlite).await,
        config,
    );
    let answer = https
        .send(
            Request::builder()
                .uri("/healthz")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(answer.headers["strict-transport-security"]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
}

#[tokio::test]
async fn the_media_type_follows_accept_as_graphql_over_http_says() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let ask = |accept: Option<&'static str>, query: &'static str| {
        let mut builder = post(Some("application/json"));
        if let Some(accept) = accept {
            builder = builder.header(header::ACCEPT, accept);
        }
        builder
            .body(Body::from(json!({ "query": query }).to_string()))
            .unwrap()
    };
    let good = "{ jobFamilies { code } }";
    let broken = "{ jobFamilies { code }";
    let field_error = r#"{ typing(groupCode: "MANAGER", scale: 42) { scale } }"#;
    for accept in [Some("application/json"), Some("*/*"), None] {
        for query in [good, broken] {
            let answer = app.send(ask(accept, query)).await;
            assert_eq!(answer.status, StatusCode::OK, "{accept:?} {query}");
            assert_eq!(
                answer.headers[header::CONTENT_TYPE],
                "application/json",
                "{accept:?}"
            );
        }
    }
    let official = Some("application/graphql-response+json, application/json;q=0.9");
    let answer = app.send(ask(official, good)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers[header::CONTENT_TYPE],
        "application/graphql-response+json"
    );
    // A request error: 400, and no data at all.
    let answer = app.send(ask(official, broken)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.headers[header::CONTENT_TYPE],
        "application/graphql-response+json"
    );
    assert!(answer.json().get("data").is_none(), "{}", answer.body);
    assert_eq!(
        answer.json()["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
    // A field error is not a request error: 200 with data.
    let answer = app.send(ask(official, field_error)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.json().get("data").is_some());
}

#[tokio::test]
async fn a_panic_is_answered_as_a_masked_internal_error() {
    use tower::ServiceExt;
    // The layer production puts around every route, over a handler with a defect.
    let router = axum::Router::new()
        .route(
            "/boom",
            axum::routing::get(|| async {
                let path = "/srv/fgr/secret.db";
                panic!("cannot open {path}");
                #[allow(unreachable_code)]
                ""
            }),
        )
        .layer(fgr_api::http::masked_panics());
    let response = router
        .oneshot(Request::builder().uri("/boom").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "INTERNAL");
    assert!(!body.to_string().contains("secret"), "{body}");
}
