//! Webhooks: a receiver on loopback gets every event after registration, each signed with the
//! webhook's secret, in feed order; a failure is retried (same delivery id) until acknowledged,
//! and nothing after it is sent before; a restart (a new process's deliverer) goes on where the
//! last acknowledged event left off; every attempt is listed.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration as StdDuration, Instant};

use axum::http::{HeaderMap, StatusCode};
use chrono::{Duration, Utc};
use fgr_api::auth::api_tokens;
use fgr_api::domain::access::{Role, Scope};
use fgr_api::domain::audit::Actor;
use fgr_api::push::webhooks::{self, deliver, Deliverer, DeliveryOptions};
use serde_json::{json, Value};

use crate::amendments::call;
use crate::on_every_backend;
use crate::support::TestApp;
use crate::vacancy_clauses::REVISE;

/// One request the receiver got.
#[derive(Clone, Debug)]
struct Received {
    headers: HeaderMap,
    body: String,
    answered: StatusCode,
}

/// A webhook receiver on a loopback port that fails the first `fail` requests with 500.
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Received>>>,
    fail: Arc<AtomicUsize>,
}

impl Receiver {
    async fn start(fail: usize) -> Self {
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let fail = Arc::new(AtomicUsize::new(fail));
        let (log, failing) = (got.clone(), fail.clone());
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: String| {
                let (log, failing) = (log.clone(), failing.clone());
                async move {
                    let answered = if failing
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok()
                    {
                        StatusCode::INTERNAL_SERVER_ERROR
                    } else {
                        StatusCode::NO_CONTENT
                    };
                    log.lock().unwrap().push(Received {
                        headers,
                        body,
                        answered,
                    });
                    answered
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, got, fail }
    }

    fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits until `n` events were acknowledged; the acknowledged positions.
    async fn acknowledged(&self, n: usize) -> Vec<i64> {
        let deadline = Instant::now() + StdDuration::from_secs(30);
        loop {
            let positions: Vec<i64> = self
                .received()
                .iter()
                .filter(|r| r.answered.is_success())
                .map(|r| {
                    r.headers["x-fgr-event-position"]
                        .to_str()
                        .unwrap()
                        .parse()
                        .unwrap()
                })
                .collect();
            if positions.len() >= n {
                return positions;
            }
            assert!(
                Instant::now() < deadline,
                "{n} events acknowledged; got {positions:?}"
            );
            tokio::time::sleep(StdDuration::from_millis(50)).await;
        }
    }
}

fn quick() -> DeliveryOptions {
    DeliveryOptions {
        backoff: StdDuration::from_millis(100),
        idle: StdDuration::from_millis(50),
        ..DeliveryOptions::default()
    }
}

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

on_every_backend! {
    async fn a_receiver_gets_every_event_signed_in_order_with_retries_and_across_a_restart(backend) {
        let app = TestApp::seeded(backend).await;
        let issued = api_tokens::create(&app.db.conn, &Actor::cli(), "req-test", "beoordelingstool", &BTreeSet::from([Scope::ChangesRead]), None).await.unwrap();
        let receiver = Receiver::start(2).await;
        let hook = webhooks::add(&app.db.conn, &Actor::cli(), "req-test", &issued.client.public_id, &receiver.url, false).await.expect("registered");
        let from = hook.delivered_through;
        assert!(from > 0, "starts after the feed's head at registration");
        let mut deliverer = Deliverer::start(app.db.conn.clone(), app.service.push(), quick());

        let owner = app.person("mo", Role::Maintainer).await;
        for v in 1..=3 {
            let revised = call(&app, &owner, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": v, "from": day(v), "text": format!("Tekst {v}.") })).await;
            assert!(revised.get("errors").is_none(), "{revised}");
        }
        let first_three = receiver.acknowledged(3).await;
        assert_eq!(first_three[..3].to_vec(), vec![from + 1, from + 2, from + 3], "in feed order, from after the head");

        // The first event failed twice, was retried under the same delivery id, and nothing later
        // was sent before it was acknowledged.
        let received = receiver.received();
        let positions: Vec<i64> = received.iter().map(|r| r.headers["x-fgr-event-position"].to_str().unwrap().parse().unwrap()).collect();
        assert_eq!(&positions[..3], &[from + 1, from + 1, from + 1], "{positions:?}");
        assert_eq!(received[0].answered, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(received[2].answered, StatusCode::NO_CONTENT);
        let ids: BTreeSet<&str> = received[..3].iter().map(|r| r.headers["x-fgr-delivery"].to_str().unwrap()).collect();
        assert_eq!(ids.len(), 1, "one delivery id for every attempt at one event");
        // Every request is signed: HMAC-SHA256 of "<timestamp>.<body>" under the secret.
        for r in &received {
            let timestamp: i64 = r.headers["x-fgr-timestamp"].to_str().unwrap().parse().unwrap();
            assert_eq!(r.headers["x-fgr-signature"].to_str().unwrap(), deliver::signature(&hook.secret, timestamp, &r.body));
            assert!(deliver::signature("another secret", timestamp, &r.body) != r.headers["x-fgr-signature"].to_str().unwrap());
            let body: Value = serde_json::from_str(&r.body).unwrap();
            assert_eq!(body["event"]["position"].to_string(), r.headers["x-fgr-event-position"].to_str().unwrap());
            assert_eq!(body["deliveryId"], r.headers["x-fgr-delivery"].to_str().unwrap());
            assert!(r.headers["traceparent"].to_str().unwrap().starts_with("00-"));
        }
        let body: Value = serde_json::from_str(&received[2].body).unwrap();
        assert_eq!(body["event"]["entityType"], "VACANCY_CLAUSE", "{body}");
        assert_eq!(body["event"]["entityId"], "EED_OF_BELOFTE", "{body}");

        // The process stops; two changes meanwhile; a new process's deliverer goes on from there.
        deliverer.stop().await;
        for v in 4..=5 {
            let revised = call(&app, &owner, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": v, "from": day(v), "text": format!("Tekst {v}.") })).await;
            assert!(revised.get("errors").is_none(), "{revised}");
        }
        receiver.fail.store(1, Ordering::SeqCst);
        let restarted = app.replica().await;
        deliverer = Deliverer::start(restarted.db.conn.clone(), restarted.service.push(), quick());
        let all = receiver.acknowledged(5).await;
        assert_eq!(all, (from + 1..=from + 5).collect::<Vec<_>>(), "each event acknowledged once, in order, across the restart");
        deliverer.stop().await;

        // What operators see.
        let listed = webhooks::list(&app.db.conn).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].webhook.delivered_through, from + 5);
        assert_eq!(listed[0].backlog, 0);
        assert_eq!(listed[0].paused, None);
        let attempts = webhooks::deliveries(&app.db.conn, hook.id, 50).await.unwrap();
        assert_eq!(attempts.len(), received_total(&receiver), "every attempt is logged");
        assert_eq!(attempts.iter().filter(|d| d.delivered).count(), 5);
        let failed: Vec<_> = attempts.iter().filter(|d| !d.delivered).collect();
        assert_eq!(failed.len(), 3, "two at the first event, one after the restart");
        assert!(failed.iter().all(|d| d.status_code == Some(500)), "{failed:?}");
        let retried = attempts.iter().find(|d| d.position == from + 1 && d.delivered).unwrap();
        assert_eq!(retried.attempt, 3);

        // A revoked client's webhook pauses.
        api_tokens::revoke(&app.db.conn, &Actor::cli(), "req-revoke", &issued.client.public_id).await.unwrap();
        let listed = webhooks::list(&app.db.conn).await.unwrap();
        assert_eq!(listed[0].paused, Some("client revoked"));
    }
}

fn received_total(receiver: &Receiver) -> usize {
    receiver.received().len()
}

#[tokio::test]
async fn only_https_or_loopback_addresses_and_clients_that_read_the_feed_get_webhooks() {
    let app = TestApp::seeded(crate::support::Backend::Sqlite).await;
    let reader = api_tokens::create(
        &app.db.conn,
        &Actor::cli(),
        "r",
        "site",
        &BTreeSet::from([Scope::ClausesRead]),
        None,
    )
    .await
    .unwrap();
    let refused = webhooks::add(
        &app.db.conn,
        &Actor::cli(),
        "r",
        &reader.client.public_id,
        "https://site.example.nl/hook",
        false,
    )
    .await;
    assert_eq!(
        refused.unwrap_err().code().as_str(),
        "BAD_USER_INPUT",
        "a client without changes:read"
    );
    let feed = api_tokens::create(
        &app.db.conn,
        &Actor::cli(),
        "r",
        "tool",
        &BTreeSet::from([Scope::ChangesRead]),
        None,
    )
    .await
    .unwrap();
    let plain = webhooks::add(
        &app.db.conn,
        &Actor::cli(),
        "r",
        &feed.client.public_id,
        "http://tool.example.nl/hook",
        false,
    )
    .await;
    assert_eq!(
        plain.unwrap_err().code().as_str(),
        "BAD_USER_INPUT",
        "plain http off this machine"
    );
    let unknown = webhooks::add(
        &app.db.conn,
        &Actor::cli(),
        "r",
        "nobody",
        "https://tool.example.nl/hook",
        false,
    )
    .await;
    assert_eq!(unknown.unwrap_err().code().as_str(), "NOT_FOUND");
    let added = webhooks::add(
        &app.db.conn,
        &Actor::cli(),
        "r",
        &feed.client.public_id,
        "https://tool.example.nl/hook",
        true,
    )
    .await
    .unwrap();
    assert_eq!(
        added.delivered_through, 0,
        "--from-start delivers the whole feed"
    );
    assert!(added.secret.starts_with("whsec_") && added.secret.len() > 40);
    assert_eq!(
        webhooks::list(&app.db.conn).await.unwrap()[0].backlog,
        app.service.read_model().fresh().await.unwrap().revision()
    );
}
