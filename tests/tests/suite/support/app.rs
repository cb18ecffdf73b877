//! The application, as production builds it, over a fresh database; requests go through the
//! real axum router (no network needed).

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use fgr_api::config::{GraphqlLimits, ServerConfig};
use fgr_api::graphql::GraphqlService;
use serde_json::{json, Value};
use tower::ServiceExt;

use super::db::{Backend, TestDb};

/// The application over a seeded database.
pub struct TestApp {
    /// The database.
    pub db: TestDb,
    /// The router production serves.
    pub router: Router,
    /// The service behind it (and its register in memory).
    pub service: GraphqlService,
}

/// An HTTP answer, read whole.
pub struct Answer {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body as text.
    pub body: String,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl TestApp {
    /// A session for a person with `role` (and `viewer`), as the `cookie` header value.
    pub async fn person(&self, subject: &str, role: fgr_api::domain::access::Role) -> String {
        let who = fgr_api::domain::access::Person {
            subject: subject.into(),
            name: subject.into(),
            email: None,
            roles: [fgr_api::domain::access::Role::Viewer, role].into(),
        };
        let token = fgr_api::auth::sessions::start(
            &self.db.conn,
            &fgr_api::auth::AuthConfig::default(),
            &who,
            None,
            "test",
            "req-test",
        )
        .await
        .expect("a session");
        format!("fgr_session={token}")
    }

    /// The application over a seeded database with default limits.
    pub async fn seeded(backend: Backend) -> Self {
        Self::over(TestDb::seeded(backend).await, GraphqlLimits::default())
    }

    /// The application over `db` with `limits`.
    pub fn over(db: TestDb, limits: GraphqlLimits) -> Self {
        Self::configured(
            db,
            ServerConfig {
                graphql: limits,
                ..ServerConfig::default()
            },
        )
    }

    /// The application over `db` as `config` describes.
    pub fn configured(db: TestDb, config: ServerConfig) -> Self {
        let service = GraphqlService::new(db.conn.clone(), &config.graphql, config.auth.access);
        let router = fgr_api::http::router(service.clone(), &config);
        Self {
            db,
            router,
            service,
        }
    }

    /// A second replica over the same database: its own pool, its own register in memory, its
    /// own router, as a second `fgr serve` process would have.
    pub async fn replica(&self) -> Self {
        Self::over(self.db.another_pool().await, GraphqlLimits::default())
    }

    /// Reads the register into memory now (as `fgr serve` does at start-up), so that what a
    /// test counts afterwards is what a request costs on a running server.
    pub async fn warm(&self) {
        self.service
            .read_model()
            .fresh()
            .await
            .expect("the register loads");
    }

    /// Reads the whole register again, after a test changed tables behind the feed's back.
    pub async fn reload(&self) {
        self.service
            .read_model()
            .reload()
            .await
            .expect("the register reloads");
    }

    /// POSTs a GraphQL request with extra headers (cookies, credentials); the whole answer.
    pub async fn graphql_with(
        &self,
        query: &str,
        variables: Value,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut builder = Request::builder()
            .method(Method::POST)
            .uri("/graphql")
            .header(header::CONTENT_TYPE, "application/json");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let body = json!({ "query": query, "variables": variables }).to_string();
        self.send(builder.body(Body::from(body)).expect("request"))
            .await
    }

    /// `GET path` as a browser would, with the session `cookie` if any.
    pub async fn page(&self, path: &str, cookie: Option<&str>) -> Answer {
        let mut request = Request::builder()
            .uri(path)
            .header(axum::http::header::ACCEPT, "text/html");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }

    /// Sends `request` through the router.
    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// POSTs a GraphQL request as a same-origin JSON client would; the whole response.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let body = json!({ "query": query, "variables": variables }).to_string();
        let answer = self
            .send(
                Request::builder()
                    .method(Method::POST)
                    .uri("/graphql")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body))
                    .expect("request"),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        answer.json()
    }

    /// Like [`TestApp::graphql`], asserting there are no errors; the `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let response = self.graphql(query, variables).await;
        assert!(
            response.get("errors").is_none(),
            "unexpected errors: {response}"
        );
        response["data"].clone()
    }

    /// Like [`TestApp::graphql`], asserting exactly one error; its `extensions.code`.
    pub async fn error_code(&self, query: &str, variables: Value) -> String {
        let response = self.graphql(query, variables).await;
        let errors = response["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("no errors: {response}"));
        assert_eq!(errors.len(), 1, "{response}");
        errors[0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("error without code: {response}"))
            .to_owned()
    }
}
