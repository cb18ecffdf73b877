//! Subscriptions to the change feed, and the WebSocket they travel on.
//!
//! **Order and completeness.** A subscription first reads the events after its cursor from the
//! database, a page at a time, then waits for the feed's head ([`super::watch`]) to move past the
//! last event it sent and reads on from there. Events are numbered in commit order without gaps,
//! so the client gets every event after its cursor exactly once, in feed order, whichever replica
//! committed it. Events are read only as fast as the client takes them: nothing is buffered
//! beyond one page.
//!
//! **Access.** The connection needs what `changes` needs (`ReadChanges`: the scope
//! `changes:read` for machines), checked when it opens and again for every subscription; every
//! [`SubscriptionLimits::recheck`] the credential is resolved again, so a revoked token or an
//! ended session ends its subscriptions with `UNAUTHENTICATED`.
//!
//! **Bounds.** At most [`SubscriptionLimits::per_credential`] open subscriptions per client,
//! person or anonymous address (`RATE_LIMITED` beyond); a client that does not take a message
//! within [`SubscriptionLimits::send_timeout`] is disconnected. On shutdown every connection is
//! closed with close code 1001 ("going away").

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_graphql::http::{WebSocketProtocols, WsMessage, ALL_WEBSOCKET_PROTOCOLS};
use async_graphql::{Data, Executor};
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use fgr_entities::change_event;
use futures::{SinkExt, Stream, StreamExt};
use sea_orm::DatabaseConnection;
use tokio::sync::watch;

use super::watch::FeedWatch;
use crate::auth::AuthState;
use crate::domain::access::{AccessPolicy, Operation, Principal};
use crate::domain::changes;
use crate::error::{DomainError, DomainResult};

/// Events read from the database at a time.
const PAGE: u64 = 100;

/// The bounds on subscriptions.
#[derive(Debug, Clone, Copy)]
pub struct SubscriptionLimits {
    /// Open subscriptions per credential (machine client, person, or anonymous address).
    pub per_credential: usize,
    /// How long a message may wait for the client to take it before the connection is closed.
    pub send_timeout: Duration,
    /// How often an open subscription checks that its credential is still good.
    pub recheck: Duration,
    /// How often the feed's head is read besides being told (PostgreSQL) or instead (MariaDB,
    /// SQLite); `None`: the backend's default (see [`super::watch`]).
    pub feed_poll: Option<Duration>,
}

impl Default for SubscriptionLimits {
    fn default() -> Self {
        Self {
            per_credential: 10,
            send_timeout: Duration::from_secs(10),
            recheck: Duration::from_secs(5),
            feed_poll: None,
        }
    }
}

/// The subscriptions of this process: the feed's head, the open subscriptions per credential,
/// and the shutdown signal.
pub struct Push {
    watch: Arc<FeedWatch>,
    limits: SubscriptionLimits,
    open: Mutex<HashMap<String, usize>>,
    total: AtomicUsize,
    connections: watch::Sender<usize>,
    shutdown: watch::Sender<bool>,
}

impl Push {
    /// Subscriptions over `db`'s feed.
    pub fn new(db: DatabaseConnection, limits: SubscriptionLimits) -> Arc<Self> {
        Arc::new(Self {
            watch: FeedWatch::new(db, limits.feed_poll),
            limits,
            open: Mutex::default(),
            total: AtomicUsize::new(0),
            connections: watch::Sender::new(0),
            shutdown: watch::Sender::new(false),
        })
    }

    /// The feed's head as this process sees it (starts the watch on first use).
    pub fn feed_head(&self) -> watch::Receiver<i64> {
        self.watch.subscribe()
    }

    /// The bounds in force.
    pub fn limits(&self) -> SubscriptionLimits {
        self.limits
    }

    /// Subscriptions open now.
    pub fn open_subscriptions(&self) -> usize {
        self.total.load(Ordering::Relaxed)
    }

    /// Takes one of `key`'s subscription slots.
    ///
    /// # Errors
    /// `RATE_LIMITED` when `key` holds [`SubscriptionLimits::per_credential`] already.
    fn take_slot(self: &Arc<Self>, key: &str) -> DomainResult<Slot> {
        let mut open = self.open.lock().expect("subscriptions lock");
        let held = open.entry(key.to_owned()).or_default();
        if *held >= self.limits.per_credential {
            return Err(DomainError::TooMany(format!(
                "at most {} open subscriptions per client",
                self.limits.per_credential
            )));
        }
        *held += 1;
        let total = self.total.fetch_add(1, Ordering::Relaxed) + 1;
        metrics::gauge!("fgr_subscriptions_open").set(total as f64);
        Ok(Slot {
            push: self.clone(),
            key: key.to_owned(),
        })
    }

    /// Tells every connection to close (with 1001) and every subscription to end.
    pub fn shut_down(&self) {
        self.shutdown.send_replace(true);
    }

    /// Waits until every WebSocket connection has closed, at most `deadline`.
    pub async fn closed(&self, deadline: Duration) {
        let mut connections = self.connections.subscribe();
        let _ = tokio::time::timeout(deadline, connections.wait_for(|n| *n == 0)).await;
    }
}

/// One open subscription of one credential; given back when dropped.
struct Slot {
    push: Arc<Push>,
    key: String,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.push.open.lock().expect("subscriptions lock");
        if let Some(held) = open.get_mut(&self.key) {
            *held = held.saturating_sub(1);
            if *held == 0 {
                open.remove(&self.key);
            }
        }
        let total = self
            .push
            .total
            .fetch_sub(1, Ordering::Relaxed)
            .saturating_sub(1);
        metrics::gauge!("fgr_subscriptions_open").set(total as f64);
    }
}

/// What a connection knows of who opened it, to check again while it is open.
#[derive(Clone)]
pub struct Subscriber {
    /// Who opened it.
    pub principal: Principal,
    /// Whose slots its subscriptions take: the client, the person, or the anonymous address.
    pub key: String,
    /// The credential headers it opened with (`Authorization`, `Cookie`), resolved again every
    /// [`SubscriptionLimits::recheck`].
    pub credentials: axum::http::HeaderMap,
    /// How to resolve them.
    pub auth: AuthState,
    /// The access policy.
    pub policy: AccessPolicy,
}

impl Subscriber {
    /// Whether the credential still stands and still may read the feed. A database that is away
    /// does not end a subscription (it waits); a revoked token or an ended session does.
    async fn still_allowed(&self) -> bool {
        if matches!(self.principal, Principal::Anonymous) {
            return true;
        }
        match crate::auth::middleware::principal_of(
            &self.auth,
            &axum::http::Extensions::new(),
            &self.credentials,
        )
        .await
        {
            Ok(now) => self.policy.authorize(&now, Operation::ReadChanges).is_ok(),
            Err(refusal) => refusal.status() == axum::http::StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// The events after `after`, then each new one as it commits, for `subscriber`.
///
/// # Errors
/// `RATE_LIMITED` when the subscriber holds as many subscriptions as it may; `FORBIDDEN` or
/// `UNAUTHENTICATED` when it may not read the feed.
pub fn events(
    push: &Arc<Push>,
    db: DatabaseConnection,
    subscriber: Subscriber,
    after: i64,
) -> DomainResult<impl Stream<Item = DomainResult<change_event::Model>> + Send + 'static> {
    subscriber
        .policy
        .authorize(&subscriber.principal, Operation::ReadChanges)?;
    let slot = push.take_slot(&subscriber.key)?;
    let state = Follow {
        head: push.watch.subscribe(),
        shutdown: push.shutdown.subscribe(),
        recheck: push.limits.recheck,
        checked: Instant::now(),
        db,
        subscriber,
        after,
        buffer: VecDeque::new(),
        read: false,
        done: false,
        _slot: slot,
    };
    Ok(futures::stream::unfold(state, Follow::next))
}

/// The state of one subscription.
struct Follow {
    head: watch::Receiver<i64>,
    shutdown: watch::Receiver<bool>,
    recheck: Duration,
    checked: Instant,
    db: DatabaseConnection,
    subscriber: Subscriber,
    /// The last event sent.
    after: i64,
    buffer: VecDeque<change_event::Model>,
    /// Whether the database was read since the head last moved.
    read: bool,
    done: bool,
    _slot: Slot,
}

impl Follow {
    async fn next(mut self) -> Option<(DomainResult<change_event::Model>, Self)> {
        loop {
            if self.done || *self.shutdown.borrow() {
                return None;
            }
            if self.checked.elapsed() >= self.recheck {
                self.checked = Instant::now();
                if !self.subscriber.still_allowed().await {
                    self.done = true;
                    let ended = DomainError::Unauthenticated(
                        "the credential of this subscription is no longer valid".into(),
                    );
                    return Some((Err(ended), self));
                }
            }
            if let Some(event) = self.buffer.pop_front() {
                self.after = event.seq;
                return Some((Ok(event), self));
            }
            if !self.read || *self.head.borrow_and_update() > self.after {
                // Marked before reading, so a move of the head during the read wakes the wait.
                self.head.borrow_and_update();
                match changes::page(&self.db, self.after, PAGE).await {
                    Ok((rows, more)) => {
                        self.read = !more;
                        self.buffer.extend(rows);
                        if !self.buffer.is_empty() {
                            continue;
                        }
                    }
                    // The database is away: try again shortly, the cursor is where it was.
                    Err(DomainError::Unavailable { .. }) => {
                        self.read = false;
                        tokio::time::sleep(Duration::from_millis(500)).await;
                        continue;
                    }
                    Err(e) => {
                        self.done = true;
                        return Some((Err(e), self));
                    }
                }
            }
            let wait = self.recheck.saturating_sub(self.checked.elapsed());
            tokio::select! {
                changed = self.head.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                    self.read = false;
                }
                _ = self.shutdown.changed() => {}
                () = tokio::time::sleep(wait) => {}
            }
        }
    }
}

/// The `Sec-WebSocket-Protocol` the client offers that we speak, if any.
pub fn protocol_of(headers: &axum::http::HeaderMap) -> Option<WebSocketProtocols> {
    headers
        .get(axum::http::header::SEC_WEBSOCKET_PROTOCOL)?
        .to_str()
        .ok()?
        .split(',')
        .find_map(|p| p.trim().parse().ok())
}

/// The protocols offered in the handshake.
pub fn protocols() -> [&'static str; 2] {
    ALL_WEBSOCKET_PROTOCOLS
}

/// Serves one WebSocket: GraphQL over `protocol` with `data` in every request, until the client
/// goes, a send waits past the limit (a slow consumer), or the server shuts down (close 1001).
pub async fn serve_socket<E: Executor>(
    socket: WebSocket,
    executor: E,
    protocol: WebSocketProtocols,
    data: Data,
    push: Arc<Push>,
) {
    push.connections.send_modify(|n| *n += 1);
    let (mut sink, stream) = socket.split();
    let input = stream
        .take_while(|message| futures::future::ready(message.is_ok()))
        .filter_map(|message| {
            futures::future::ready(match message {
                Ok(m @ (Message::Text(_) | Message::Binary(_))) => Some(m.into_data()),
                _ => None,
            })
        });
    let messages = async_graphql::http::WebSocket::new(executor, input, protocol)
        .connection_data(data)
        .keepalive_timeout(None);
    futures::pin_mut!(messages);
    let mut shutdown = push.shutdown.subscribe();
    let send_timeout = push.limits.send_timeout;
    loop {
        let message = tokio::select! {
            message = messages.next() => message,
            () = async { let _ = shutdown.wait_for(|down| *down).await; } => {
                let close = Message::Close(Some(CloseFrame { code: 1001, reason: "server shutting down".into() }));
                let _ = tokio::time::timeout(Duration::from_secs(1), sink.send(close)).await;
                break;
            }
        };
        let (frame, last) = match message {
            Some(WsMessage::Text(text)) => (Message::Text(text.into()), false),
            Some(WsMessage::Close(code, reason)) => (
                Message::Close(Some(CloseFrame {
                    code,
                    reason: reason.into(),
                })),
                true,
            ),
            None => break,
        };
        match tokio::time::timeout(send_timeout, sink.send(frame)).await {
            Ok(Ok(())) if !last => {}
            Ok(_) => break,
            Err(_) => {
                tracing::warn!(
                    "a subscriber did not take a message within {send_timeout:?}; disconnected"
                );
                break;
            }
        }
    }
    push.connections.send_modify(|n| *n = n.saturating_sub(1));
}
