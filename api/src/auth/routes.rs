//! The `/auth/*` routes: sign in, sign out.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use super::{cookies, dev_login, escape_html, is_cross_site, safe_return_to, sessions, AuthState};

/// Where to return after signing in.
#[derive(Debug, Deserialize)]
pub struct ReturnTo {
    /// A path on this site.
    pub return_to: Option<String>,
}

/// The authentication routes.
pub fn router(state: AuthState) -> Router {
    let mut router = Router::new()
        .route("/auth/login", get(login))
        .route("/auth/logout", post(logout));
    if state.config.dev_login {
        router = router.route(
            "/auth/dev-login",
            get(dev_login::form).post(dev_login::sign_in),
        );
    }
    router.with_state(state)
}

/// A `303 See Other` to `location`, with optional `Set-Cookie` values.
pub fn see_other(location: &str, set_cookies: &[String]) -> Response {
    let mut response = (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_owned())],
    )
        .into_response();
    for cookie in set_cookies {
        if let Ok(value) = cookie.parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// A small Dutch HTML page.
pub fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{t} · FGR Register</title>\
         <link rel=\"stylesheet\" href=\"{css}\"></head><body><header class=\"site-header\">\
         <a class=\"brand\" href=\"/\">FGR Register</a></header><main id=\"main\"><h1>{t}</h1>{body}</main></body></html>",
        t = escape_html(title),
        css = fgr_console::STYLESHEET_PATH,
    );
    (status, Html(html)).into_response()
}

async fn login(State(auth): State<AuthState>, Query(params): Query<ReturnTo>) -> Response {
    let return_to = safe_return_to(params.return_to.as_deref());
    if auth.config.dev_login {
        let query =
            serde_urlencoded::to_string([("return_to", return_to.as_str())]).unwrap_or_default();
        return see_other(&format!("/auth/dev-login?{query}"), &[]);
    }
    page(
        StatusCode::NOT_FOUND,
        "Inloggen niet ingericht",
        "<p>Op deze installatie is geen identiteitsprovider ingesteld. Zie de README (OpenID Connect).</p>",
    )
}

async fn logout(State(auth): State<AuthState>, headers: HeaderMap) -> Response {
    if is_cross_site(&headers) {
        return page(
            StatusCode::FORBIDDEN,
            "Geweigerd",
            "<p>Uitloggen kan alleen vanaf deze site.</p>",
        );
    }
    if let Some(token) = cookies::get(&headers, cookies::session_name(&auth.config)) {
        if let Err(e) = sessions::end(&auth.db, &token).await {
            tracing::error!(error = %e, "ending a session failed");
        }
    }
    let clear = cookies::set(&auth.config, cookies::session_name(&auth.config), "", 0);
    see_other("/", &[clear])
}
