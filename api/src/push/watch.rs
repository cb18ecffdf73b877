//! The change feed's head as this process knows it, kept current while anyone listens: on
//! PostgreSQL by `LISTEN fgr_changes` (the trigger of migration 000013 notifies at every commit
//! that adds events, through any replica), on MariaDB by reading the head every
//! [`POLL_MARIADB`], on SQLite (one process) after each of this process's commits and every
//! [`POLL_SQLITE`] for changes made by another process such as `fgr catalogue import`. On
//! PostgreSQL the head is also read every [`POLL_POSTGRES`] and after the listening connection
//! was lost, since notifications sent meanwhile are not replayed.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use sea_orm::{DatabaseBackend, DatabaseConnection};
use tokio::sync::watch;

use crate::domain::tx;
use crate::register::load;

/// How often MariaDB replicas read the feed's head while a subscription is open.
pub const POLL_MARIADB: Duration = Duration::from_millis(250);
/// How often a SQLite process reads it (for changes made by another process).
pub const POLL_SQLITE: Duration = Duration::from_secs(1);
/// How often PostgreSQL replicas read it besides listening (a safety net).
pub const POLL_POSTGRES: Duration = Duration::from_secs(5);
/// The channel the trigger notifies.
const CHANNEL: &str = "fgr_changes";

/// The feed's head, watched.
pub struct FeedWatch {
    db: DatabaseConnection,
    /// The polling interval when set, instead of the backend's default.
    poll: Option<Duration>,
    head: watch::Sender<i64>,
    started: OnceLock<()>,
}

impl FeedWatch {
    /// A watch over `db`'s feed, polling every `poll` instead of the backend's default when
    /// given; nothing runs until the first [`FeedWatch::subscribe`].
    pub fn new(db: DatabaseConnection, poll: Option<Duration>) -> Arc<Self> {
        Arc::new(Self {
            db,
            poll,
            head: watch::Sender::new(0),
            started: OnceLock::new(),
        })
    }

    /// A receiver of the head: it changes whenever the head moves (never backwards). Starts the
    /// watching task on first use.
    pub fn subscribe(self: &Arc<Self>) -> watch::Receiver<i64> {
        let receiver = self.head.subscribe();
        self.started.get_or_init(|| {
            let me = self.clone();
            tokio::spawn(async move { me.run().await });
        });
        receiver
    }

    /// Moves the head forward to `seq` (later values only).
    fn advance(&self, seq: i64) {
        self.head.send_if_modified(|head| {
            let moved = seq > *head;
            if moved {
                *head = seq;
            }
            moved
        });
    }

    async fn read_head(&self) {
        match load::head(&self.db).await {
            Ok(seq) => self.advance(seq),
            Err(e) => tracing::debug!(error = %e, "reading the feed's head failed"),
        }
    }

    async fn run(self: Arc<Self>) {
        self.read_head().await;
        match self.db.get_database_backend() {
            DatabaseBackend::Postgres => self.listen(self.poll.unwrap_or(POLL_POSTGRES)).await,
            DatabaseBackend::MySql => self.poll(self.poll.unwrap_or(POLL_MARIADB)).await,
            _ => self.poll(self.poll.unwrap_or(POLL_SQLITE)).await,
        }
    }

    /// Reads the head at `interval` and after each of this process's commits.
    async fn poll(&self, interval: Duration) {
        let mut commits = tx::commits();
        let mut every = tokio::time::interval(interval);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = every.tick() => {}
                changed = commits.changed() => if changed.is_err() { return },
            }
            self.read_head().await;
        }
    }

    /// `LISTEN`s on the channel, reading the head on every notification; polls while the
    /// listening connection cannot be had.
    async fn listen(&self, poll: Duration) {
        use sea_orm::sqlx::postgres::PgListener;
        let mut commits = tx::commits();
        loop {
            let listener = match PgListener::connect_with(self.db.get_postgres_connection_pool())
                .await
            {
                Ok(mut listener) => match listener.listen(CHANNEL).await {
                    Ok(()) => Some(listener),
                    Err(e) => {
                        tracing::warn!(error = %e, "LISTEN failed; polling the feed's head");
                        None
                    }
                },
                Err(e) => {
                    tracing::debug!(error = %e, "no listening connection; polling the feed's head");
                    None
                }
            };
            let Some(mut listener) = listener else {
                tokio::time::sleep(Duration::from_secs(1)).await;
                self.read_head().await;
                continue;
            };
            // Whatever was notified before LISTEN took effect.
            self.read_head().await;
            loop {
                tokio::select! {
                    notified = listener.try_recv() => match notified {
                        Ok(Some(_)) => {}
                        // The connection was lost: it reconnects on the next call, and
                        // what was notified meanwhile is gone, so read the head.
                        Ok(None) => tokio::time::sleep(Duration::from_millis(200)).await,
                        Err(e) => {
                            tracing::debug!(error = %e, "listening failed");
                            break;
                        }
                    },
                    () = tokio::time::sleep(poll) => {}
                    changed = commits.changed() => if changed.is_err() { return },
                }
                self.read_head().await;
            }
        }
    }
}
