//! Delivering to webhooks, from every replica without two delivering to one webhook at once.
//!
//! Each `fgr serve` runs a [`Deliverer`]. It wakes when the feed's head moves (see
//! [`crate::push::watch`]) and at least every [`DeliveryOptions::idle`], and for each webhook
//! behind the head whose retry time has come, takes the webhook's **lease** (a compare-and-set on
//! `lease_owner`/`lease_until`, so one replica delivers to a webhook at a time, and another takes
//! over when a replica dies) and sends the events after `delivered_through` one by one. An
//! acknowledged event moves `delivered_through` (again only under the lease); a failure records
//! the attempt and waits [`DeliveryOptions::backoff`] doubled per attempt, up to
//! [`DeliveryOptions::backoff_max`], before the same event is tried again. Nothing is skipped, so
//! order per webhook holds across failures and restarts, and an event whose acknowledgement was
//! not recorded (a crash between the two) is sent again under the same delivery id.

use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDateTime, Utc};
use fgr_entities::{api_client, change_event, webhook, webhook_delivery};
use hmac::{Hmac, Mac};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, Set,
};
use sha2::Sha256;
use tokio::sync::watch;

use crate::domain::changes;
use crate::error::DomainResult;
use crate::push::Push;

/// How deliveries are paced.
#[derive(Debug, Clone, Copy)]
pub struct DeliveryOptions {
    /// The wait after a first failure, doubled per further failure.
    pub backoff: Duration,
    /// The longest wait between attempts.
    pub backoff_max: Duration,
    /// How long a receiver has to answer.
    pub timeout: Duration,
    /// How long a replica holds a webhook after its last delivery before another may take it.
    pub lease: Duration,
    /// How often webhooks are looked at when the head does not move (retries come due).
    pub idle: Duration,
}

impl Default for DeliveryOptions {
    fn default() -> Self {
        Self {
            backoff: Duration::from_secs(1),
            backoff_max: Duration::from_secs(300),
            timeout: Duration::from_secs(10),
            lease: Duration::from_secs(30),
            idle: Duration::from_secs(1),
        }
    }
}

/// The wait before attempt `attempt + 1` after `attempt` failures.
fn backoff(options: &DeliveryOptions, attempt: i32) -> Duration {
    let doublings = u32::try_from(attempt.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    options
        .backoff
        .saturating_mul(1 << doublings)
        .min(options.backoff_max)
}

/// The signature header's value for `body` sent at `timestamp`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    let digest = mac.finalize().into_bytes();
    format!("sha256={}", crate::domain::text::hex(&digest))
}

/// The delivering task of one process.
pub struct Deliverer {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Deliverer {
    /// Starts delivering over `db`, woken by `push`'s view of the feed's head.
    pub fn start(db: DatabaseConnection, push: &Arc<Push>, options: DeliveryOptions) -> Self {
        let stop = watch::Sender::new(false);
        let worker = Worker {
            owner: format!("replica-{}", crate::auth::secrets::random_id()),
            http: reqwest::Client::builder()
                .timeout(options.timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            db,
            options,
            stop: stop.subscribe(),
        };
        let head = push.feed_head();
        let task = tokio::spawn(worker.run(head));
        Self { stop, task }
    }

    /// Stops after the delivery in flight, giving up its leases so another replica (or this
    /// one, restarted) takes over at once.
    pub async fn stop(self) {
        self.stop.send_replace(true);
        let _ = self.task.await;
    }
}

struct Worker {
    owner: String,
    http: reqwest::Client,
    db: DatabaseConnection,
    options: DeliveryOptions,
    stop: watch::Receiver<bool>,
}

impl Worker {
    async fn run(self, mut head: watch::Receiver<i64>) {
        loop {
            if *self.stop.borrow() {
                break;
            }
            let seen = *head.borrow_and_update();
            if let Err(e) = self.round(seen).await {
                tracing::debug!(error = %e, "a webhook round failed");
            }
            let mut stop = self.stop.clone();
            tokio::select! {
                _ = head.changed() => {}
                () = tokio::time::sleep(self.options.idle) => {}
                _ = stop.changed() => {}
            }
        }
        let released = webhook::Entity::update_many()
            .col_expr(
                webhook::Column::LeaseOwner,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                webhook::Column::LeaseUntil,
                Expr::value(Option::<NaiveDateTime>::None),
            )
            .filter(webhook::Column::LeaseOwner.eq(self.owner.clone()))
            .exec(&self.db)
            .await;
        if let Err(e) = released {
            tracing::warn!(error = %e, "webhook leases not released; they expire by themselves");
        }
    }

    /// Looks at every webhook once; delivers to those behind `head` whose time has come.
    async fn round(&self, head: i64) -> DomainResult<()> {
        // One statement a round while no webhook is registered.
        let hooks = webhook::Entity::find().all(&self.db).await?;
        if hooks.is_empty() {
            metrics::gauge!("fgr_webhook_backlog").set(0.0);
            return Ok(());
        }
        let head = head.max(crate::register::load::head(&self.db).await?);
        let backlog: i64 = hooks
            .iter()
            .map(|h| (head - h.delivered_through).max(0))
            .sum();
        metrics::gauge!("fgr_webhook_backlog").set(backlog as f64);
        let now = Utc::now().naive_utc();
        let due: Vec<webhook::Model> = hooks
            .into_iter()
            .filter(|h| h.delivered_through < head && h.next_attempt_at.is_none_or(|at| at <= now))
            .collect();
        if due.is_empty() {
            return Ok(());
        }
        // The clients once per round, not once per webhook.
        let clients = api_client::Entity::find().all(&self.db).await?;
        for hook in due {
            if *self.stop.borrow() {
                break;
            }
            let allowed = clients
                .iter()
                .find(|c| c.id == hook.api_client_id)
                .is_some_and(|c| super::paused(c).is_none());
            if !allowed {
                continue;
            }
            if let Some(hook) = self.claim(&hook).await? {
                self.deliver_pending(hook).await?;
            }
        }
        Ok(())
    }

    /// Takes the webhook's lease when it is free, expired or ours; the webhook as it is then.
    async fn claim(&self, hook: &webhook::Model) -> DomainResult<Option<webhook::Model>> {
        let now = Utc::now().naive_utc();
        let until = now + chrono::Duration::from_std(self.options.lease).unwrap_or_default();
        let taken = webhook::Entity::update_many()
            .col_expr(webhook::Column::LeaseOwner, Expr::value(self.owner.clone()))
            .col_expr(webhook::Column::LeaseUntil, Expr::value(until))
            .filter(webhook::Column::Id.eq(hook.id))
            .filter(
                Condition::any()
                    .add(webhook::Column::LeaseOwner.is_null())
                    .add(webhook::Column::LeaseUntil.lt(now))
                    .add(webhook::Column::LeaseOwner.eq(self.owner.clone())),
            )
            .exec(&self.db)
            .await?;
        if taken.rows_affected == 0 {
            return Ok(None);
        }
        Ok(webhook::Entity::find_by_id(hook.id).one(&self.db).await?)
    }

    /// Sends the events after `delivered_through`, in order, until one fails or the page ends.
    async fn deliver_pending(&self, mut hook: webhook::Model) -> DomainResult<()> {
        let (events, _) = changes::page(&self.db, hook.delivered_through, 100).await?;
        for event in events {
            if *self.stop.borrow() {
                return Ok(());
            }
            let attempt = hook.attempts + 1;
            let outcome = self.send(&hook, &event).await;
            webhook_delivery::ActiveModel {
                webhook_id: Set(hook.id),
                position: Set(event.seq),
                delivery_id: Set(delivery_id(&hook, &event)),
                attempt: Set(attempt),
                attempted_at: Set(Utc::now().naive_utc()),
                status_code: Set(outcome.status),
                delivered: Set(outcome.error.is_none()),
                error: Set(outcome.error.clone().map(|e| e.chars().take(500).collect())),
                ..Default::default()
            }
            .insert(&self.db)
            .await?;
            let now = Utc::now().naive_utc();
            let mine = webhook::Entity::update_many()
                .filter(webhook::Column::Id.eq(hook.id))
                .filter(webhook::Column::LeaseOwner.eq(self.owner.clone()))
                .filter(webhook::Column::DeliveredThrough.eq(hook.delivered_through));
            if outcome.error.is_some() {
                let wait = backoff(&self.options, attempt);
                let next = now + chrono::Duration::from_std(wait).unwrap_or_default();
                mine.col_expr(webhook::Column::Attempts, Expr::value(attempt))
                    .col_expr(webhook::Column::NextAttemptAt, Expr::value(next))
                    .exec(&self.db)
                    .await?;
                tracing::info!(webhook = hook.id, position = event.seq, attempt, ?wait, error = ?outcome.error, "webhook delivery failed; retrying later");
                return Ok(());
            }
            let until = now + chrono::Duration::from_std(self.options.lease).unwrap_or_default();
            let moved = mine
                .col_expr(webhook::Column::DeliveredThrough, Expr::value(event.seq))
                .col_expr(webhook::Column::Attempts, Expr::value(0))
                .col_expr(
                    webhook::Column::NextAttemptAt,
                    Expr::value(Option::<NaiveDateTime>::None),
                )
                .col_expr(webhook::Column::LeaseUntil, Expr::value(until))
                .exec(&self.db)
                .await?;
            if moved.rows_affected == 0 {
                // Another replica took over (our lease had run out): it goes on from its own view.
                return Ok(());
            }
            hook.delivered_through = event.seq;
            hook.attempts = 0;
        }
        Ok(())
    }

    async fn send(&self, hook: &webhook::Model, event: &change_event::Model) -> Outcome {
        let delivery = delivery_id(hook, event);
        let body = serde_json::json!({
            "deliveryId": delivery,
            "webhookId": hook.id,
            "event": changes::event_json(event),
        })
        .to_string();
        let timestamp = Utc::now().timestamp();
        let trace = crate::observe::TraceContext::of(&axum::http::HeaderMap::new());
        let sent = self
            .http
            .post(&hook.url)
            .header("content-type", "application/json")
            .header("user-agent", "fgr-register-webhooks")
            .header("x-fgr-delivery", &delivery)
            .header("x-fgr-event-position", event.seq.to_string())
            .header("x-fgr-timestamp", timestamp.to_string())
            .header("x-fgr-signature", signature(&hook.secret, timestamp, &body))
            .header("traceparent", trace.traceparent())
            .body(body)
            .send()
            .await;
        match sent {
            Ok(response) if response.status().is_success() => Outcome {
                status: Some(i32::from(response.status().as_u16())),
                error: None,
            },
            Ok(response) => Outcome {
                status: Some(i32::from(response.status().as_u16())),
                error: Some(format!("the receiver answered {}", response.status())),
            },
            Err(e) => Outcome {
                status: None,
                error: Some(if e.is_timeout() {
                    format!("no answer within {:?}", self.options.timeout)
                } else {
                    format!("not delivered: {e}")
                }),
            },
        }
    }
}

/// What one attempt came to.
struct Outcome {
    status: Option<i32>,
    error: Option<String>,
}

/// The id a receiver sees for `event` at `hook`: the same on every attempt.
fn delivery_id(hook: &webhook::Model, event: &change_event::Model) -> String {
    format!("{}-{}", hook.id, event.seq)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_per_failure_up_to_the_maximum() {
        let options = DeliveryOptions::default();
        let waits: Vec<u64> = (1..=12).map(|a| backoff(&options, a).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
    }

    #[test]
    fn the_signature_is_hmac_sha256_of_timestamp_dot_body() {
        // RFC 4231 has no such input; this pins the format: key "k", message "1.{}".
        let expected = {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"k").unwrap();
            mac.update(b"1.{}");
            mac.finalize()
                .into_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        assert_eq!(signature("k", 1, "{}"), format!("sha256={expected}"));
    }
}
