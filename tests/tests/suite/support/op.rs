//! The real OpenID Provider (npm `oidc-provider`, in `tests/oidc/`) and a minimal browser that
//! walks through its sign-in pages.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use fgr_api::auth::oidc::OidcSettings;

use super::app::{Answer, TestApp};

/// Where the application under test says it lives (registered at the provider).
pub const APP_URL: &str = "http://127.0.0.1:3000";

/// A running provider: the one `cargo xtask test` started (`FGR_TEST_OIDC_ISSUER`), or one of
/// this test's own.
pub struct Op {
    /// Its issuer URL.
    pub issuer: String,
    child: Option<Child>,
}

impl Op {
    /// The shared provider, or a new one for this test.
    pub async fn start() -> Self {
        if let Ok(issuer) = std::env::var("FGR_TEST_OIDC_ISSUER") {
            return Self {
                issuer,
                child: None,
            };
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/oidc");
        assert!(
            std::path::Path::new(dir).join("node_modules/oidc-provider").exists(),
            "the test OpenID Provider is not installed: run `npm ci --prefix tests/oidc` (cargo xtask test does)"
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(dir)
            .env("OP_PORT", port.to_string())
            .env("OP_APP_URL", APP_URL)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs the test OpenID Provider");
        let op = Self {
            issuer: format!("http://127.0.0.1:{port}"),
            child: Some(child),
        };
        let discovery = format!("{}/.well-known/openid-configuration", op.issuer);
        let deadline = Instant::now() + Duration::from_secs(20);
        while !reqwest::get(&discovery)
            .await
            .map(|r| r.status().is_success())
            .unwrap_or(false)
        {
            assert!(
                Instant::now() < deadline,
                "the test OpenID Provider did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        op
    }

    /// Settings for signing in as the `console` client.
    pub fn settings(&self) -> OidcSettings {
        OidcSettings {
            issuer: self.issuer.clone(),
            client_id: "console".into(),
            client_secret: Some("console-secret".into()),
            scopes: vec![
                "openid".into(),
                "email".into(),
                "profile".into(),
                "roles".into(),
            ],
            roles_claim: "roles".into(),
            role_map: fgr_api::auth::oidc::parse_role_map("fgr-beheer=maintainer").unwrap(),
            api_audience: "urn:fgr:api".into(),
            token_leeway_seconds: 30,
            now: std::sync::Arc::new(chrono::Utc::now),
        }
    }

    /// A client-credentials access token for `client` with `scope` (and `resource`, if given).
    pub async fn machine_token(&self, client: &str, scope: &str, resource: Option<&str>) -> String {
        let mut form = vec![("grant_type", "client_credentials"), ("scope", scope)];
        if let Some(resource) = resource {
            form.push(("resource", resource));
        }
        let response = reqwest::Client::new()
            .post(format!("{}/token", self.issuer))
            .basic_auth(client, Some(format!("{client}-secret")))
            .form(&form)
            .send()
            .await
            .expect("token endpoint");
        let body: serde_json::Value = response.json().await.expect("token JSON");
        body["access_token"]
            .as_str()
            .unwrap_or_else(|| panic!("no token: {body}"))
            .to_owned()
    }
}

impl Drop for Op {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The provider's side of a browser: follows its redirects and fills in its login form.
#[derive(Default)]
pub struct Browser {
    cookies: HashMap<String, String>,
}

impl Browser {
    /// From the provider's authorization URL to the redirect back to the application, signing in
    /// as `user`; the callback as a path with query (`/auth/callback?code=…`).
    pub async fn sign_in_at_provider(&mut self, authorize_url: &str, user: &str) -> String {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut url = reqwest::Url::parse(authorize_url).unwrap();
        for _ in 0..10 {
            let mut response = self.send(http.get(url.clone())).await;
            if response.status() == reqwest::StatusCode::OK {
                let body = response.text().await.unwrap();
                assert!(
                    body.contains("name=\"prompt\" value=\"login\""),
                    "unexpected page at {url}: {body}"
                );
                response = self
                    .send(http.post(url.clone()).form(&[
                        ("prompt", "login"),
                        ("login", user),
                        ("password", "x"),
                    ]))
                    .await;
            }
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .unwrap_or_else(|| panic!("no redirect from {url}: {}", response.status()))
                .to_str()
                .unwrap()
                .to_owned();
            if let Some(rest) = location.strip_prefix(APP_URL) {
                return rest.to_owned();
            }
            url = url.join(&location).unwrap();
        }
        panic!("the provider never redirected back");
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> reqwest::Response {
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let response = request
            .header(reqwest::header::COOKIE, cookie.join("; "))
            .send()
            .await
            .unwrap();
        for value in response.headers().get_all(reqwest::header::SET_COOKIE) {
            let text = value.to_str().unwrap_or("");
            if let Some((name, rest)) = text.split(';').next().and_then(|p| p.split_once('=')) {
                if rest.is_empty()
                    || text
                        .to_ascii_lowercase()
                        .contains("expires=thu, 01 jan 1970")
                {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), rest.to_owned());
                }
            }
        }
        response
    }
}

/// Starts a sign-in at the application: the login-attempt cookie and the provider URL.
pub async fn start_login(app: &TestApp, return_to: &str) -> (String, String) {
    let uri = format!(
        "/auth/login?return_to={}",
        serde_urlencoded::to_string([("x", return_to)]).unwrap()[2..].to_owned()
    );
    let answer = app
        .send(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let cookie = answer.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    (
        cookie,
        answer.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned(),
    )
}

/// Delivers the provider's redirect to the application's callback with the login cookie.
pub async fn callback(app: &TestApp, path_and_query: &str, login_cookie: &str) -> Answer {
    app.send(
        Request::builder()
            .uri(path_and_query)
            .header(header::COOKIE, login_cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

/// The session cookie (`name=value`) an answer sets, if any.
pub fn session_cookie(answer: &Answer) -> Option<String> {
    answer
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("fgr_session=") && !v.contains("Max-Age=0"))
        .map(|v| v.split(';').next().unwrap().to_owned())
}
