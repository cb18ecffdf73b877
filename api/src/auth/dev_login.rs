//! The local dev sign-in (`fgr serve --dev-login`): pick a role and get a session, without an
//! identity provider. It is clearly marked, and the server refuses to offer it on anything but a
//! loopback address.

use std::collections::BTreeSet;

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::middleware::RequestId;
use super::routes::{page as html_page, see_other, ReturnTo};
use super::{cookies, escape_html, is_cross_site, safe_return_to, sessions, AuthState};
use crate::domain::access::{Person, Role};

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct DevLoginForm {
    /// Role code.
    pub role: String,
    /// Display name.
    pub name: Option<String>,
    /// Where to go afterwards.
    pub return_to: Option<String>,
}

/// The page with the role choice.
pub async fn form(Query(params): Query<ReturnTo>) -> Response {
    let return_to = escape_html(&safe_return_to(params.return_to.as_deref()));
    let roles: String = Role::ALL
        .iter()
        .map(|r| {
            format!(
                "<li><label><input type=\"radio\" name=\"role\" value=\"{code}\"{checked}> {label} <code>{code}</code></label></li>",
                code = r.code(),
                label = escape_html(r.label()),
                checked = if *r == Role::Viewer { " checked" } else { "" },
            )
        })
        .collect();
    page_html(&return_to, &roles)
}

fn page_html(return_to: &str, roles: &str) -> Response {
    html_page(
        StatusCode::OK,
        "Lokale ontwikkel-login",
        &format!(
            "<p class=\"error\" role=\"note\"><strong>Alleen voor lokaal gebruik.</strong> Deze login vraagt geen \
             wachtwoord en is alleen beschikbaar omdat de server met <code>--dev-login</code> op een \
             loopback-adres draait.</p>\
             <form method=\"post\" action=\"/auth/dev-login\" id=\"dev-login\">\
             <p><label>Naam <input name=\"name\" value=\"Ontwikkelaar\" maxlength=\"100\"></label></p>\
             <fieldset><legend>Rol</legend><ul>{roles}</ul></fieldset>\
             <input type=\"hidden\" name=\"return_to\" value=\"{return_to}\">\
             <button type=\"submit\">Inloggen</button></form>"
        ),
    )
}

/// Starts a session with the chosen role.
pub async fn sign_in(
    State(auth): State<AuthState>,
    request_id: RequestId,
    headers: HeaderMap,
    Form(form): Form<DevLoginForm>,
) -> Response {
    if is_cross_site(&headers, &auth.config.public_url) {
        return html_page(
            StatusCode::FORBIDDEN,
            "Geweigerd",
            "<p>Inloggen kan alleen vanaf deze site.</p>",
        );
    }
    let Some(role) = Role::from_code(&form.role) else {
        return html_page(
            StatusCode::BAD_REQUEST,
            "Onbekende rol",
            "<p>Kies een van de rollen.</p>",
        );
    };
    let name = form
        .name
        .map(|n| n.trim().chars().take(100).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Ontwikkelaar".to_owned());
    let person = Person {
        // Each name its own identity: two committee members signing in locally are two people.
        subject: format!(
            "dev:{}:{}",
            role.code(),
            crate::domain::search::fold(&name).replace(' ', "-")
        ),
        name,
        email: None,
        roles: BTreeSet::from([Role::Viewer, role]),
    };
    // A new session id at every sign-in; the old session (if any) ends.
    if let Some(old) = cookies::get(&headers, cookies::session_name(&auth.config)) {
        let _ = sessions::end(&auth.db, &old, &request_id.0).await;
    }
    match sessions::start(
        &auth.db,
        &auth.config,
        &person,
        None,
        "dev-login",
        &request_id.0,
    )
    .await
    {
        Ok(token) => {
            let max_age = auth.config.session_max.as_secs();
            let cookie = cookies::set(
                &auth.config,
                cookies::session_name(&auth.config),
                &token,
                max_age,
            );
            see_other(&safe_return_to(form.return_to.as_deref()), &[cookie])
        }
        Err(_) => html_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Inloggen mislukt",
            "<p>De sessie kon niet worden opgeslagen. Probeer het later opnieuw.</p>",
        ),
    }
}
