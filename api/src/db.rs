//! Connecting to the database and migrating it, with failures that say what went wrong in one
//! line.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use fgr_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// A database failure at start-up, worded for the operator.
#[derive(Debug, thiserror::Error)]
pub enum DbStartupError {
    /// The URL is not one we can use.
    #[error("invalid database URL '{url}': {reason}")]
    InvalidUrl {
        /// The URL with any password removed.
        url: String,
        /// What is wrong with it: an unsupported scheme, or the driver's message.
        reason: String,
    },
    /// The database did not answer.
    #[error("cannot connect to the database at '{url}': {cause}")]
    Unreachable {
        /// The URL with any password removed.
        url: String,
        /// The driver's message.
        cause: String,
    },
    /// Migrating failed.
    #[error("migrating the database failed: {0}")]
    Migration(String),
}

/// The URL with the password (if any, in the user part or as a `password=` parameter) replaced
/// by `***`, safe to print.
pub fn redact(url: &str) -> String {
    let url = redact_user_part(url);
    match url.split_once('?') {
        Some((base, query)) => {
            let params: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => p.to_owned(),
                })
                .collect();
            format!("{base}?{}", params.join("&"))
        }
        None => url,
    }
}

fn redact_user_part(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &creds[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// How long a statement waits for a pooled connection before the database counts as unreachable.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(1);

/// Opens a connection pool to `url` (`sqlite:`, `postgres:` or `mysql:`/`mariadb:`).
///
/// # Errors
/// [`DbStartupError`] when the URL is not usable or the database does not answer.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbStartupError> {
    let shown = redact(url);
    let url = url
        .strip_prefix("mariadb:")
        .map_or_else(|| url.to_owned(), |rest| format!("mysql:{rest}"));
    let scheme_ok = ["sqlite:", "postgres:", "postgresql:", "mysql:"]
        .iter()
        .any(|s| url.starts_with(s));
    if !scheme_ok {
        return Err(DbStartupError::InvalidUrl {
            url: shown,
            reason: "expected a sqlite:, postgres: or mysql:/mariadb: URL".into(),
        });
    }
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(10)
        .connect_timeout(Duration::from_secs(5))
        // A request that cannot get a connection within a second is answered `UNAVAILABLE`
        // (503, Retry-After) rather than kept waiting: the database is down, restarting, or
        // every connection is busy far beyond what a healthy register sees.
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .sqlx_logging(false)
        // Reads are answered from the register in memory, so SQLite's page cache serves only
        // writes and catch-ups: a small one per connection (the default is 2 MiB each).
        .map_sqlx_sqlite_opts(|o| o.pragma("cache_size", "-256"));
    let mut conn = Database::connect(options).await.map_err(|e| match e {
        DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => DbStartupError::Unreachable {
            url: shown,
            cause: e.to_string(),
        },
        other => DbStartupError::InvalidUrl {
            url: shown,
            reason: other.to_string(),
        },
    })?;
    conn.set_metric_callback(|_| {
        STATEMENTS.fetch_add(1, Ordering::Relaxed);
    });
    Ok(conn)
}

/// SQL statements run by every pool [`connect`] opened in this process.
static STATEMENTS: AtomicU64 = AtomicU64::new(0);

/// How many SQL statements this process has run so far (for the benchmark's statements per
/// request; see `fgr serve --expose-statement-count`).
pub fn statements_run() -> u64 {
    STATEMENTS.load(Ordering::Relaxed)
}

/// Applies every pending migration. When none is pending this only reads the migration table,
/// so a server whose database role has no DDL rights (the README's `fgr_app`) starts on a schema
/// the owner migrated; with one pending, such a role gets a clear error instead.
///
/// # Errors
/// [`DbStartupError::Migration`] when a migration fails.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbStartupError> {
    if !pending(db).await {
        return Ok(());
    }
    Migrator::up(db, None).await.map_err(|e| {
        DbStartupError::Migration(format!(
            "{e} (a role without DDL rights cannot migrate: run `fgr migrate` as the database's owner)"
        ))
    })
}

/// Whether a migration is not yet applied, read without creating anything (the migrator's own
/// status check creates its table first, which needs DDL rights). An unreadable table counts as
/// pending, so [`migrate`] then does the whole work and reports what fails.
async fn pending(db: &DatabaseConnection) -> bool {
    use sea_orm::{ConnectionTrait, Statement};
    let Ok(rows) = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM seaql_migrations",
        ))
        .await
    else {
        return true;
    };
    let applied: std::collections::HashSet<String> = rows
        .iter()
        .filter_map(|row| row.try_get_by_index::<String>(0).ok())
        .collect();
    Migrator::migrations()
        .iter()
        .any(|m| !applied.contains(m.name()))
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_the_log() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/fgr"),
            "postgres://app:***@db:5432/fgr"
        );
        assert_eq!(
            redact("postgres://db/fgr?user=app&password=s3cret&sslmode=require"),
            "postgres://db/fgr?user=app&password=***&sslmode=require"
        );
        assert_eq!(
            redact("sqlite://fgr.db?mode=rwc"),
            "sqlite://fgr.db?mode=rwc"
        );
        assert_eq!(
            redact("mysql://root@127.0.0.1/test"),
            "mysql://root@127.0.0.1/test"
        );
    }
}
