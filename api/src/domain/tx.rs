//! Ending transactions explicitly: commit on success, roll back on failure. A transaction that
//! is merely dropped only queues its rollback until the pooled connection is next used, which
//! would keep its locks (e.g. on the audit chain's head) in the meantime.

use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::TransactionSession;

use crate::error::DomainResult;

/// Transactions this process committed through [`finish`], counted *after* each commit.
static COMMITTED: AtomicU64 = AtomicU64::new(0);

/// Told of every commit [`finish`] counts: what this process's subscriptions wake on.
static COMMITS: std::sync::LazyLock<tokio::sync::watch::Sender<u64>> =
    std::sync::LazyLock::new(|| tokio::sync::watch::Sender::new(0));

/// A receiver that sees a change after each commit this process makes (the value is
/// [`committed`] at that moment).
pub fn commits() -> tokio::sync::watch::Receiver<u64> {
    COMMITS.subscribe()
}

/// How many transactions this process has committed so far. When it has not moved, this
/// process changed nothing: what the read model uses on SQLite, whose file one process owns.
pub fn committed() -> u64 {
    COMMITTED.load(Ordering::SeqCst)
}

/// Commits `txn` when `result` is a success, rolls it back otherwise; `result` either way.
///
/// # Errors
/// The failure in `result`, or `INTERNAL` when the commit fails.
pub async fn finish<S: TransactionSession, T>(txn: S, result: DomainResult<T>) -> DomainResult<T> {
    end(txn, result, true).await
}

/// Like [`finish`], for a transaction that only read: it is not counted in [`committed`].
///
/// # Errors
/// The failure in `result`, or `INTERNAL` when the commit fails.
pub async fn finish_read<S: TransactionSession, T>(
    txn: S,
    result: DomainResult<T>,
) -> DomainResult<T> {
    end(txn, result, false).await
}

async fn end<S: TransactionSession, T>(
    txn: S,
    result: DomainResult<T>,
    counted: bool,
) -> DomainResult<T> {
    match result {
        Ok(value) => {
            txn.commit().await?;
            if counted {
                let n = COMMITTED.fetch_add(1, Ordering::SeqCst) + 1;
                COMMITS.send_replace(n);
            }
            Ok(value)
        }
        Err(e) => {
            if let Err(rollback) = txn.rollback().await {
                tracing::warn!(error = %rollback, "rolling back failed");
            }
            Err(e)
        }
    }
}
