//! `GET /graphql/ws`: GraphQL subscriptions over WebSocket (`graphql-transport-ws`, and the older
//! `graphql-ws`), as whoever opens the connection (its bearer token or session cookie, resolved as
//! for every request). Refused before the upgrade: a cross-site browser (`403`), and a caller who
//! may not read the change feed (`401`/`403`, the usual JSON error).

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::auth::AuthState;
use crate::domain::access::{Operation, Principal};
use crate::error::DomainError;
use crate::graphql::GraphqlService;
use crate::observe::ClientAddr;
use crate::push::subscriptions::{self, Subscriber};

/// What the handler needs.
#[derive(Clone)]
pub struct SubscriptionState {
    /// The GraphQL service (its schema, database and subscriptions).
    pub service: GraphqlService,
    /// To resolve the connection's credential again while it is open.
    pub auth: AuthState,
}

/// Upgrades to a WebSocket carrying GraphQL subscriptions.
pub async fn upgrade(
    State(state): State<SubscriptionState>,
    principal: Principal,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    let Ok(upgrade) = upgrade else {
        return DomainError::bad_input(
            "upgrade",
            "GET /graphql/ws is a WebSocket (graphql-transport-ws)",
        )
        .into_response();
    };
    let Some(protocol) = subscriptions::protocol_of(&headers) else {
        return DomainError::bad_input(
            "Sec-WebSocket-Protocol",
            "speak graphql-transport-ws (or graphql-ws)",
        )
        .into_response();
    };
    if crate::auth::is_cross_site(&headers, &state.auth.config.public_url) {
        return (StatusCode::FORBIDDEN, "cross-site requests are refused").into_response();
    }
    let policy = state.service.policy();
    if let Err(refused) = policy.authorize(&principal, Operation::ReadChanges) {
        return refused.into_response();
    }
    let key = match &principal {
        Principal::Machine(m) => format!("machine:{}", m.client_id),
        Principal::Person(p) => format!("person:{}", p.subject),
        Principal::Anonymous => format!(
            "anonymous:{}",
            client.map_or_else(|| "?".to_owned(), |Extension(c)| c.0.to_string())
        ),
    };
    let mut credentials = HeaderMap::new();
    for name in [header::AUTHORIZATION, header::COOKIE] {
        for value in headers.get_all(&name) {
            credentials.append(name.clone(), value.clone());
        }
    }
    let subscriber = Subscriber {
        principal: principal.clone(),
        key,
        credentials,
        auth: state.auth.clone(),
        policy,
    };
    let service = state.service;
    upgrade
        .protocols(subscriptions::protocols())
        .on_upgrade(move |socket| async move {
            let push = service.push().clone();
            let data = service.subscription_data(principal, subscriber);
            subscriptions::serve_socket(
                socket,
                service.subscription_schema(),
                protocol,
                data,
                push,
            )
            .await;
        })
}
