//! The change feed pushed over WebSocket: a subscription on replica B replays from its cursor and
//! then receives what is committed through replica A, in feed order, with no gap and no duplicate;
//! it needs the feed's scope, ends when its token is revoked, is bounded per client, and is closed
//! with 1001 when the server shuts down.

use std::collections::BTreeSet;
use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use fgr_api::auth::api_tokens;
use fgr_api::config::GraphqlLimits;
use fgr_api::domain::access::{Role, Scope};
use fgr_api::domain::audit::Actor;
use fgr_api::push::SubscriptionLimits;
use serde_json::{json, Value};

use crate::amendments::call;
use crate::on_every_backend;
use crate::support::served::{Frame, GqlWs, Served};
use crate::support::{TestApp, TestDb};
use crate::vacancy_clauses::REVISE;

const SUBSCRIBE: &str = "subscription S($after: String) { changeEvents(after: $after) { cursor event { position entityType entityId version kind } } }";
const PAGE: &str = "query P($after: String) { changes(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { position entityType entityId version kind } } } }";

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

async fn token(app: &TestApp, scopes: &[Scope]) -> (String, String) {
    let issued = api_tokens::create(
        &app.db.conn,
        &Actor::cli(),
        "req-test",
        "beoordelingstool",
        &scopes.iter().copied().collect::<BTreeSet<_>>(),
        None,
    )
    .await
    .expect("a client");
    (issued.token, issued.client.public_id)
}

/// The whole feed as `changes` pages it: `(cursor, event)` pairs.
async fn feed(app: &TestApp, bearer: &str) -> Vec<(String, Value)> {
    let mut all = Vec::new();
    let mut after = Value::Null;
    loop {
        let page = app
            .graphql_with(
                PAGE,
                json!({ "after": after }),
                &[("authorization", bearer)],
            )
            .await
            .json();
        let changes = &page["data"]["changes"];
        for edge in changes["edges"]
            .as_array()
            .unwrap_or_else(|| panic!("{page}"))
        {
            all.push((
                edge["cursor"].as_str().unwrap().to_owned(),
                edge["node"].clone(),
            ));
        }
        if changes["pageInfo"]["hasNextPage"] != true {
            return all;
        }
        after = changes["pageInfo"]["endCursor"].clone();
    }
}

on_every_backend! {
    async fn a_subscription_on_one_replica_replays_then_streams_what_another_commits_without_gap_or_duplicate(backend) {
        let a = TestApp::seeded(backend).await;
        let b = a.replica().await;
        let served_b = Served::start(&b).await;
        let (bearer, _) = token(&a, &[Scope::ChangesRead]).await;
        let bearer = format!("Bearer {bearer}");
        let before = feed(&a, &bearer).await;
        assert!(before.len() > 10, "the seed's feed");
        // Subscribe on B from five events before the head.
        let (cursor, _) = before[before.len() - 6].clone();
        let mut client = GqlWs::connect(served_b.addr, &[("authorization", &bearer)]).await.expect("connects");
        client.subscribe("1", SUBSCRIBE, json!({ "after": cursor })).await;
        let replayed = client.events("1", 5).await;
        let replayed_events: Vec<Value> = replayed.iter().map(|e| e["event"].clone()).collect();
        let expected: Vec<Value> = before[before.len() - 5..].iter().map(|(_, e)| e.clone()).collect();
        assert_eq!(replayed_events, expected, "the replay is the feed after the cursor");

        // Three revisions through A arrive on B, in order, each once.
        let owner = a.person("mo", Role::Maintainer).await;
        for (v, offset) in [(1, 1), (2, 2), (3, 3)] {
            let revised = call(&a, &owner, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": v, "from": day(offset), "text": format!("Tekst {v}.") })).await;
            assert!(revised.get("errors").is_none(), "{revised}");
        }
        let after_changes = feed(&a, &bearer).await;
        let new: Vec<Value> = after_changes[before.len()..].iter().map(|(_, e)| e.clone()).collect();
        assert!(new.len() >= 3, "each revision adds to the feed: {new:?}");
        let streamed = client.events("1", new.len()).await;
        let streamed_events: Vec<Value> = streamed.iter().map(|e| e["event"].clone()).collect();
        assert_eq!(streamed_events, new, "streamed: the same events as the feed, in its order");
        let positions: Vec<i64> = replayed_events.iter().chain(&streamed_events).map(|e| e["position"].as_i64().unwrap()).collect();
        let first = positions[0];
        assert_eq!(positions, (first..first + positions.len() as i64).collect::<Vec<_>>(), "no gap, no duplicate");
        // The last cursor resumes exactly after the last event: a new subscription gets nothing
        // old, and the next change.
        let last_cursor = streamed.last().unwrap()["cursor"].as_str().unwrap().to_owned();
        client.subscribe("2", SUBSCRIBE, json!({ "after": last_cursor })).await;
        let revised = call(&a, &owner, REVISE, json!({ "code": "EED_OF_BELOFTE", "v": 4, "from": day(4), "text": "Tekst 4." })).await;
        assert!(revised.get("errors").is_none(), "{revised}");
        let mut seen = Vec::new();
        while seen.len() < 2 {
            let message = client.message().await;
            assert_eq!(message["type"], "next", "{message}");
            seen.push((message["id"].as_str().unwrap().to_owned(), message["payload"]["data"]["changeEvents"]["event"]["position"].as_i64().unwrap()));
        }
        seen.sort();
        let next = positions.last().unwrap() + 1;
        assert_eq!(seen, vec![("1".to_owned(), next), ("2".to_owned(), next)], "both subscriptions get the new event once");
        drop(client);
        served_b.stop().await;
    }
}

fn bounded(db: TestDb) -> TestApp {
    TestApp::over(
        db,
        GraphqlLimits {
            subscriptions: SubscriptionLimits {
                per_credential: 2,
                recheck: StdDuration::from_millis(300),
                ..SubscriptionLimits::default()
            },
            ..GraphqlLimits::default()
        },
    )
}

#[tokio::test]
async fn subscriptions_need_the_scope_are_bounded_per_client_and_end_when_the_token_is_revoked() {
    let app = bounded(TestDb::seeded(crate::support::Backend::Sqlite).await);
    let served = Served::start(&app).await;
    let (reader, _) = token(&app, &[Scope::CatalogueRead]).await;
    let refused = GqlWs::connect(
        served.addr,
        &[("authorization", &format!("Bearer {reader}"))],
    )
    .await;
    assert_eq!(
        refused.err(),
        Some(403),
        "without changes:read the upgrade is refused"
    );
    let forged = GqlWs::connect(served.addr, &[("authorization", "Bearer fgr_forged_token")]).await;
    assert_eq!(forged.err(), Some(401));

    let (feed_token, client_id) = token(&app, &[Scope::ChangesRead]).await;
    let bearer = format!("Bearer {feed_token}");
    let head = feed(&app, &bearer).await;
    let (last_cursor, _) = head.last().unwrap().clone();
    let mut client = GqlWs::connect(served.addr, &[("authorization", &bearer)])
        .await
        .expect("connects");
    client
        .subscribe("1", SUBSCRIBE, json!({ "after": last_cursor }))
        .await;
    client
        .subscribe("2", SUBSCRIBE, json!({ "after": last_cursor }))
        .await;
    client
        .subscribe("3", SUBSCRIBE, json!({ "after": last_cursor }))
        .await;
    // Which of the three is refused depends on the order they start in; one is.
    let refused = client.message().await;
    assert!(
        refused.to_string().contains("RATE_LIMITED"),
        "the third subscription of one client: {refused}"
    );
    let live: Vec<&str> = ["1", "2", "3"]
        .into_iter()
        .filter(|id| refused["id"] != *id)
        .collect();
    assert_eq!(live.len(), 2, "{refused}");
    api_tokens::revoke(&app.db.conn, &Actor::cli(), "req-revoke", &client_id)
        .await
        .expect("revoked");
    let mut ended: Vec<Value> = Vec::new();
    while !live.iter().all(|id| {
        ended
            .iter()
            .any(|m| m["id"] == *id && m["type"] == "complete")
    }) {
        ended.push(client.message().await);
    }
    for id in live {
        let errors: Vec<&Value> = ended
            .iter()
            .filter(|m| m["id"] == id && m["type"] != "complete")
            .collect();
        assert!(
            errors
                .iter()
                .any(|m| m.to_string().contains("UNAUTHENTICATED")),
            "subscription {id} ends with UNAUTHENTICATED: {ended:?}"
        );
        assert!(
            ended
                .iter()
                .any(|m| m["id"] == id && m["type"] == "complete"),
            "{ended:?}"
        );
    }
    assert_eq!(
        app.service.push().open_subscriptions(),
        0,
        "their slots are given back"
    );
    served.stop().await;
}

#[tokio::test]
async fn shutting_down_closes_every_subscription_with_going_away() {
    let app = TestApp::seeded(crate::support::Backend::Sqlite).await;
    let served = Served::start(&app).await;
    let mut client = GqlWs::connect(served.addr, &[])
        .await
        .expect("anonymous, the feed is public");
    client.subscribe("1", SUBSCRIBE, json!({})).await;
    client.events("1", 3).await;
    let stopping = tokio::spawn(served.stop());
    loop {
        match client.frame().await {
            Frame::Text(message) => assert!(
                message["type"] == "next" || message["type"] == "complete",
                "{message}"
            ),
            Frame::Closed(close) => {
                let close = close.expect("a close frame");
                assert_eq!(u16::from(close.code), 1001, "{close:?}");
                break;
            }
        }
    }
    stopping.await.unwrap();
}

#[tokio::test]
async fn a_client_that_stops_reading_is_disconnected_not_buffered_without_bound() {
    use futures::SinkExt;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    use tokio_tungstenite::tungstenite::Message;
    let app = TestApp::over(
        TestDb::seeded(crate::support::Backend::Sqlite).await,
        GraphqlLimits {
            subscriptions: SubscriptionLimits {
                per_credential: 500,
                send_timeout: StdDuration::from_millis(300),
                ..SubscriptionLimits::default()
            },
            ..GraphqlLimits::default()
        },
    );
    let served = Served::start(&app).await;
    // A socket that takes little at a time, and a client that stops reading after the handshake
    // while 150 subscriptions replay the whole feed (more than every buffer on the way holds).
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let stream = socket.connect(served.addr).await.unwrap();
    let mut request = format!("ws://{}/graphql/ws", served.addr)
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut ws, _) = tokio_tungstenite::client_async(request, stream)
        .await
        .expect("upgraded");
    ws.send(Message::Text(
        json!({ "type": "connection_init" }).to_string().into(),
    ))
    .await
    .unwrap();
    let ack = futures::StreamExt::next(&mut ws).await.unwrap().unwrap();
    assert!(ack.to_text().unwrap().contains("connection_ack"), "{ack:?}");
    for id in 0..150 {
        let subscribe =
            json!({ "id": id.to_string(), "type": "subscribe", "payload": { "query": SUBSCRIBE } });
        ws.send(Message::Text(subscribe.to_string().into()))
            .await
            .unwrap();
    }
    let push = app.service.push().clone();
    let deadline = std::time::Instant::now() + StdDuration::from_secs(20);
    while push.open_subscriptions() == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the subscriptions start"
        );
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
    // Nothing is read from here on: the server gives up on the connection and its subscriptions.
    while push.open_subscriptions() > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "a connection that takes nothing is closed ({} subscriptions still open)",
            push.open_subscriptions()
        );
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    drop(ws);
    served.stop().await;
}
