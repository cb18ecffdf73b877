//! The `/auth/*` routes: sign in, sign out.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use chrono::Utc;
use fgr_entities::login_attempt;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

use super::middleware::RequestId;
use super::oidc::OidcError;
use super::{
    cookies, dev_login, escape_html, is_cross_site, safe_return_to, secrets, sessions, AuthState,
};

/// Where to return after signing in.
#[derive(Debug, Deserialize)]
pub struct ReturnTo {
    /// A path on this site.
    pub return_to: Option<String>,
}

/// The authentication routes.
pub fn router(state: AuthState) -> Router {
    let mut sign_in = Router::new().route("/auth/login", get(login));
    if state.config.dev_login {
        sign_in = sign_in.route("/auth/dev-login", post(dev_login::sign_in));
    }
    let sign_in = sign_in.route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        throttle_sign_ins,
    ));
    let mut router = Router::new()
        .route("/auth/callback", get(callback))
        .route("/auth/logout", post(logout))
        .merge(sign_in);
    if state.config.dev_login {
        router = router.route("/auth/dev-login", get(dev_login::form));
    }
    router.with_state(state)
}

/// Counts every sign-in attempt against its source address's budget.
async fn throttle_sign_ins(
    axum::extract::State(auth): axum::extract::State<AuthState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let source = super::throttle::source(request.extensions(), request.headers());
    match auth.throttle.sign_in(source) {
        Ok(()) => next.run(request).await,
        Err(too_many) => *too_many,
    }
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
         <link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"{css}\"></head><body><header class=\"site-header\">\
         <a class=\"brand\" href=\"/\">FGR Register</a></header><main id=\"main\"><h1>{t}</h1>{body}</main></body></html>",
        t = escape_html(title),
        css = fgr_console::STYLESHEET_PATH,
    );
    (status, Html(html)).into_response()
}

async fn login(State(auth): State<AuthState>, Query(params): Query<ReturnTo>) -> Response {
    let return_to = safe_return_to(params.return_to.as_deref());
    if let Some(provider) = &auth.provider {
        let start = match provider.start_login().await {
            Ok(start) => start,
            Err(e) => {
                tracing::warn!(error = %e, "sign-in could not start");
                return provider_unavailable();
            }
        };
        let token = secrets::random_token();
        let attempt = login_attempt::ActiveModel {
            id: Set(secrets::hash(&token)),
            state: Set(start.state),
            nonce: Set(start.nonce),
            pkce_verifier: Set(start.pkce_verifier),
            return_to: Set(return_to),
            created_at: Set(Utc::now().naive_utc()),
        };
        if let Err(e) = attempt.insert(&auth.db).await {
            tracing::error!(error = %e, "storing a login attempt failed");
            return provider_unavailable();
        }
        let cookie = cookies::set(
            &auth.config,
            cookies::login_name(&auth.config),
            &token,
            LOGIN_TTL_SECONDS,
        );
        return see_other(&start.authorize_url, &[cookie]);
    }
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

async fn logout(
    State(auth): State<AuthState>,
    request_id: RequestId,
    headers: HeaderMap,
) -> Response {
    if is_cross_site(&headers, &auth.config.public_url) {
        return page(
            StatusCode::FORBIDDEN,
            "Geweigerd",
            "<p>Uitloggen kan alleen vanaf deze site.</p>",
        );
    }
    let mut id_token = None;
    if let Some(token) = cookies::get(&headers, cookies::session_name(&auth.config)) {
        match sessions::end(&auth.db, &token, &request_id.0).await {
            Ok(held) => id_token = held,
            Err(e) => tracing::error!(error = %e, "ending a session failed"),
        }
    }
    let clear = cookies::set(&auth.config, cookies::session_name(&auth.config), "", 0);
    // The local session is gone first; then the provider's, where it offers an endpoint.
    let next = match (&auth.provider, id_token) {
        (Some(provider), Some(id_token)) => provider
            .logout_url(Some(&id_token))
            .await
            .unwrap_or_else(|| "/".to_owned()),
        _ => "/".to_owned(),
    };
    see_other(&next, &[clear])
}

/// How long a sign-in may take at the provider.
const LOGIN_TTL_SECONDS: u64 = 600;

fn provider_unavailable() -> Response {
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Inloggen lukt nu niet",
        "<p>De identiteitsprovider is op dit moment niet bereikbaar. Probeer het over enkele minuten \
         opnieuw. Het openbare FGR blijft gewoon te raadplegen.</p><p><a href=\"/\">Naar het overzicht</a></p>",
    )
}

fn login_failed(status: StatusCode, reason: &str) -> Response {
    page(
        status,
        "Inloggen mislukt",
        &format!(
            "<p>Het inloggen is niet gelukt: {}.</p><p><a href=\"/auth/login\">Opnieuw inloggen</a></p>",
            escape_html(reason)
        ),
    )
}

/// The provider's answer at the callback.
#[derive(Debug, Deserialize)]
pub struct CallbackParams {
    code: Option<String>,
    state: Option<String>,
    iss: Option<String>,
    error: Option<String>,
}

async fn callback(
    State(auth): State<AuthState>,
    request_id: RequestId,
    headers: HeaderMap,
    Query(params): Query<CallbackParams>,
) -> Response {
    let Some(provider) = &auth.provider else {
        return login_failed(
            StatusCode::NOT_FOUND,
            "er is geen identiteitsprovider ingesteld",
        );
    };
    let clear_login = cookies::set(&auth.config, cookies::login_name(&auth.config), "", 0);
    let Some(cookie) = cookies::get(&headers, cookies::login_name(&auth.config)) else {
        return login_failed(
            StatusCode::BAD_REQUEST,
            "er loopt geen inlogpoging in deze browser",
        );
    };
    // The attempt is used once, whatever happens next.
    let attempt = match login_attempt::Entity::find_by_id(secrets::hash(&cookie))
        .one(&auth.db)
        .await
    {
        Ok(Some(attempt)) => attempt,
        Ok(None) => {
            return login_failed(
                StatusCode::BAD_REQUEST,
                "deze inlogpoging is onbekend of al gebruikt",
            )
        }
        Err(e) => {
            tracing::error!(error = %e, "reading a login attempt failed");
            return provider_unavailable();
        }
    };
    if let Err(e) = login_attempt::Entity::delete_by_id(attempt.id.clone())
        .exec(&auth.db)
        .await
    {
        tracing::error!(error = %e, "deleting a login attempt failed");
        return provider_unavailable();
    }
    let age = Utc::now().naive_utc() - attempt.created_at;
    if age > chrono::Duration::seconds(LOGIN_TTL_SECONDS as i64) {
        return login_failed(StatusCode::BAD_REQUEST, "de inlogpoging is verlopen");
    }
    if let Some(error) = params.error {
        return login_failed(
            StatusCode::BAD_REQUEST,
            &format!("de identiteitsprovider meldt '{error}'"),
        );
    }
    let state_ok = params
        .state
        .as_deref()
        .is_some_and(|state| secrets::constant_time_eq(state, &attempt.state));
    if !state_ok {
        return login_failed(StatusCode::BAD_REQUEST, "de state-parameter klopt niet");
    }
    let Some(code) = params.code else {
        return login_failed(
            StatusCode::BAD_REQUEST,
            "de identiteitsprovider stuurde geen code",
        );
    };
    let signed_in = match provider
        .finish_login(
            &code,
            params.iss.as_deref(),
            &attempt.nonce,
            &attempt.pkce_verifier,
        )
        .await
    {
        Ok(signed_in) => signed_in,
        Err(OidcError::Unavailable(e)) => {
            tracing::warn!(error = %e, "sign-in could not finish");
            return provider_unavailable();
        }
        Err(OidcError::Rejected(reason)) => {
            tracing::warn!(%reason, "sign-in rejected");
            return login_failed(StatusCode::UNAUTHORIZED, &reason);
        }
    };
    if let Some(old) = cookies::get(&headers, cookies::session_name(&auth.config)) {
        let _ = sessions::end(&auth.db, &old, &request_id.0).await;
    }
    match sessions::start(
        &auth.db,
        &auth.config,
        &signed_in.person,
        Some(signed_in.id_token),
        "oidc",
        &request_id.0,
    )
    .await
    {
        Ok(token) => {
            let session = cookies::set(
                &auth.config,
                cookies::session_name(&auth.config),
                &token,
                auth.config.session_max.as_secs(),
            );
            see_other(
                &safe_return_to(Some(&attempt.return_to)),
                &[session, clear_login],
            )
        }
        Err(_) => provider_unavailable(),
    }
}
