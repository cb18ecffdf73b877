//! Ending transactions explicitly: commit on success, roll back on failure. A transaction that
//! is merely dropped only queues its rollback until the pooled connection is next used, which
//! would keep its locks (e.g. on the audit chain's head) in the meantime.

use sea_orm::TransactionSession;

use crate::error::DomainResult;

/// Commits `txn` when `result` is a success, rolls it back otherwise; `result` either way.
///
/// # Errors
/// The failure in `result`, or `INTERNAL` when the commit fails.
pub async fn finish<S: TransactionSession, T>(txn: S, result: DomainResult<T>) -> DomainResult<T> {
    match result {
        Ok(value) => {
            txn.commit().await?;
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
