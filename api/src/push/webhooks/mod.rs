//! Webhooks: for integrations that cannot hold a socket, every change-feed event is POSTed to an
//! address the operator registers for a machine client (`fgr webhooks add`), signed with
//! HMAC-SHA256, in feed order, at least once, retried with backoff ([`deliver`]). Every attempt
//! is kept (`fgr webhooks deliveries`).
//!
//! **What a receiver gets.** `POST` with a JSON body `{"deliveryId", "webhookId", "event"}`
//! (`event` as the GraphQL `ChangeEvent`, with `position`) and the headers
//! `X-FGR-Delivery` (`<webhook>-<position>`: the same on every attempt at one event, so a
//! receiver can drop a repeat), `X-FGR-Event-Position`, `X-FGR-Timestamp` (Unix seconds) and
//! `X-FGR-Signature: sha256=<hex>`, the HMAC-SHA256 under the webhook's secret of
//! `<timestamp>.<body>`; also a W3C `traceparent`. Any 2xx acknowledges the event; the next one
//! is sent only after that. Anything else, or no answer within the timeout, is retried.

pub mod deliver;

use chrono::Utc;
use fgr_entities::{api_client, webhook, webhook_delivery};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use crate::domain::access::Scope;
use crate::domain::audit::{self, Actor, Change};
use crate::domain::tx;
use crate::error::{DomainError, DomainResult};
use crate::register::load;

pub use deliver::{Deliverer, DeliveryOptions};

/// Whether `url` may receive events: `https://`, or `http://` to this machine (loopback) for
/// receivers on the same host and tests.
///
/// # Errors
/// `BAD_USER_INPUT` otherwise.
pub fn check_url(url: &str) -> DomainResult<()> {
    let refuse = || {
        DomainError::bad_input(
            "url",
            "een webhook-adres is https://… (of http:// naar 127.0.0.1, localhost of [::1])",
        )
    };
    if url.len() > 2000 || crate::domain::text::has_control_characters(url) {
        return Err(refuse());
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(refuse());
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let name = if host.starts_with('[') {
        host.split_once(']')
            .map_or(host, |(h, _)| h)
            .trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or("")
    };
    match scheme {
        "https" if !name.is_empty() => Ok(()),
        "http" if matches!(name, "127.0.0.1" | "localhost" | "::1") => Ok(()),
        _ => Err(refuse()),
    }
}

/// A registered webhook with its client and how far behind it is.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The webhook.
    pub webhook: webhook::Model,
    /// Its client's public id.
    pub client: String,
    /// Events in the feed it has not acknowledged yet.
    pub backlog: i64,
    /// Why nothing is delivered now, if so (the client revoked, expired, or without the scope).
    pub paused: Option<&'static str>,
}

/// Why deliveries to `client` pause, if they do.
fn paused(client: &api_client::Model) -> Option<&'static str> {
    let now = Utc::now().naive_utc();
    if client.revoked_at.is_some() {
        Some("client revoked")
    } else if client.expires_at.is_some_and(|e| e <= now) {
        Some("client expired")
    } else if !client
        .scopes
        .split(',')
        .any(|s| s.trim() == Scope::ChangesRead.code())
    {
        Some("client lacks changes:read")
    } else {
        None
    }
}

/// Registers `url` for the client `public_id`, which must hold `changes:read`; deliveries start
/// after the feed's current head, or with its first event when `from_start`. The new webhook,
/// with its secret (shown once).
///
/// # Errors
/// `NOT_FOUND` for an unknown client; `BAD_USER_INPUT` for a bad address or a client that may not
/// read the feed.
pub async fn add<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    request_id: &str,
    public_id: &str,
    url: &str,
    from_start: bool,
) -> DomainResult<webhook::Model> {
    check_url(url)?;
    let txn = db.begin().await?;
    let result = async {
        let client = api_client::Entity::find()
            .filter(api_client::Column::PublicId.eq(public_id))
            .one(&txn)
            .await?
            .ok_or_else(|| DomainError::NotFound(format!("client {public_id}")))?;
        if let Some(why) = paused(&client) {
            return Err(DomainError::bad_input("client", why));
        }
        let start = if from_start {
            0
        } else {
            load::head(&txn).await?
        };
        let added = webhook::ActiveModel {
            api_client_id: Set(client.id),
            url: Set(url.to_owned()),
            secret: Set(format!("whsec_{}", crate::auth::secrets::random_token())),
            delivered_through: Set(start),
            attempts: Set(0),
            next_attempt_at: Set(None),
            lease_owner: Set(None),
            lease_until: Set(None),
            created_at: Set(Utc::now().naive_utc()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            actor,
            request_id,
            Change {
                action: "webhook.add".into(),
                target_type: "webhook".into(),
                target_id: added.id.to_string(),
                before: None,
                after: Some(json!({ "client": public_id, "url": url, "from": start })),
            },
        )
        .await?;
        Ok(added)
    }
    .await;
    tx::finish(txn, result).await
}

/// Removes webhook `id` and its delivery log.
///
/// # Errors
/// `NOT_FOUND` for an unknown webhook.
pub async fn remove<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    request_id: &str,
    id: i32,
) -> DomainResult<()> {
    let txn = db.begin().await?;
    let result = async {
        let hook = webhook::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| DomainError::NotFound(format!("webhook {id}")))?;
        webhook_delivery::Entity::delete_many()
            .filter(webhook_delivery::Column::WebhookId.eq(id))
            .exec(&txn)
            .await?;
        webhook::Entity::delete_by_id(id).exec(&txn).await?;
        audit::append(
            &txn,
            actor,
            request_id,
            Change {
                action: "webhook.remove".into(),
                target_type: "webhook".into(),
                target_id: id.to_string(),
                before: Some(
                    json!({ "url": hook.url, "deliveredThrough": hook.delivered_through }),
                ),
                after: None,
            },
        )
        .await?;
        Ok(())
    }
    .await;
    tx::finish(txn, result).await
}

/// Every webhook with its client and backlog.
///
/// # Errors
/// `INTERNAL` or `UNAVAILABLE` when the database fails.
pub async fn list(db: &impl ConnectionTrait) -> DomainResult<Vec<Listed>> {
    let head = load::head(db).await?;
    let hooks = webhook::Entity::find()
        .order_by_asc(webhook::Column::Id)
        .all(db)
        .await?;
    let clients = api_client::Entity::find().all(db).await?;
    Ok(hooks
        .into_iter()
        .map(|webhook| {
            let client = clients.iter().find(|c| c.id == webhook.api_client_id);
            Listed {
                client: client.map_or_else(String::new, |c| c.public_id.clone()),
                paused: client.map_or(Some("client removed"), paused),
                backlog: (head - webhook.delivered_through).max(0),
                webhook,
            }
        })
        .collect())
}

/// The last `last` delivery attempts of webhook `id`, newest first.
///
/// # Errors
/// `NOT_FOUND` for an unknown webhook.
pub async fn deliveries(
    db: &impl ConnectionTrait,
    id: i32,
    last: u64,
) -> DomainResult<Vec<webhook_delivery::Model>> {
    if webhook::Entity::find_by_id(id).one(db).await?.is_none() {
        return Err(DomainError::NotFound(format!("webhook {id}")));
    }
    Ok(webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .order_by_desc(webhook_delivery::Column::Id)
        .limit(last)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn webhooks_go_to_https_or_to_this_machine() {
        for good in [
            "https://tool.example.nl/fgr",
            "http://127.0.0.1:9000/hook",
            "http://localhost/x",
            "http://[::1]:8080/",
        ] {
            assert!(check_url(good).is_ok(), "{good}");
        }
        for bad in [
            "http://tool.example.nl/fgr",
            "ftp://x",
            "https://",
            "http://127.0.0.1.evil.nl/",
            "http://user@evil.nl/",
            "javascript:alert(1)",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
