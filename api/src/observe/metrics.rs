//! Prometheus metrics at `GET /metrics` (text format 0.0.4), through the `metrics` facade and its
//! Prometheus exporter, recorded for the whole process (one process is one replica):
//!
//! | metric | kind | labels |
//! |---|---|---|
//! | `fgr_http_requests_total` | counter | `route` (`graphql`, `api`, `auth`, `page`, …), `status` |
//! | `fgr_http_request_duration_seconds` | histogram | `route` |
//! | `fgr_graphql_operations_total` | counter | `operation` (the operation's name), `outcome` (`OK` or the first error's code) |
//! | `fgr_graphql_operation_duration_seconds` | histogram | `operation` |
//! | `fgr_db_pool_connections` | gauge | `state` (`in_use`, `idle`) |
//! | `fgr_register_revision` | gauge | the change-feed position of the snapshot in memory |
//! | `fgr_change_feed_head` | gauge | the feed's head in the database (read at scrape time) |
//! | `fgr_subscriptions_open` | gauge | open `changeEvents` subscriptions of this process |
//! | `fgr_webhook_backlog` | gauge | events not yet delivered to a webhook, over all clients |
//!
//! Operation names come from clients, so at most [`MAX_OPERATION_NAMES`] distinct ones are
//! labelled; the rest count as `other`.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use axum::http::StatusCode;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sea_orm::{DatabaseBackend, DatabaseConnection};

/// Distinct operation names labelled before the rest count as `other`.
pub const MAX_OPERATION_NAMES: usize = 200;

/// Latency buckets, in seconds: from half a millisecond (a read from memory) to ten seconds.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process's recorder (once; later calls find it). `None` when another recorder was
/// installed first, so nothing can be exported.
pub fn install() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new().set_buckets(BUCKETS).ok()?;
            match builder.install_recorder() {
                Ok(handle) => Some(handle),
                Err(e) => {
                    tracing::warn!(error = %e, "metrics recorder not installed");
                    None
                }
            }
        })
        .as_ref()
}

/// The metrics label of a path: a handful of fixed names, never the path itself.
pub fn route_of(path: &str) -> &'static str {
    match path {
        "/graphql" => "graphql",
        "/metrics" => "metrics",
        "/healthz" | "/readyz" => "health",
        _ if path.starts_with("/api/") => "api",
        _ if path.starts_with("/auth/") => "auth",
        _ if path.starts_with("/pkg/")
            || path.starts_with("/graphiql/")
            || path.ends_with(".css") =>
        {
            "static"
        }
        _ => "page",
    }
}

/// Counts an answered HTTP request.
pub fn http_answered(route: &'static str, status: StatusCode, took: Duration) {
    metrics::counter!("fgr_http_requests_total", "route" => route, "status" => status.as_str().to_owned())
        .increment(1);
    metrics::histogram!("fgr_http_request_duration_seconds", "route" => route)
        .record(took.as_secs_f64());
}

/// Counts an answered GraphQL operation.
pub fn graphql_answered(operation: String, outcome: &str, took: Duration) {
    metrics::counter!("fgr_graphql_operations_total", "operation" => operation.clone(), "outcome" => outcome.to_owned())
        .increment(1);
    metrics::histogram!("fgr_graphql_operation_duration_seconds", "operation" => operation)
        .record(took.as_secs_f64());
}

/// The label for an operation: `operationName` when given, else the name of the document's first
/// operation, else `anonymous`; a name not seen among the first [`MAX_OPERATION_NAMES`] is
/// `other`.
pub fn operation_label(query: &str, operation_name: Option<&str>) -> String {
    static SEEN: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    let Some(name) = operation_name
        .map(str::to_owned)
        .or_else(|| first_operation_name(query))
    else {
        return "anonymous".to_owned();
    };
    let plain = name.len() <= 64 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !plain {
        return "other".to_owned();
    }
    let mut seen = SEEN
        .get_or_init(Mutex::default)
        .lock()
        .expect("operation names lock");
    if seen.contains(&name) || seen.len() < MAX_OPERATION_NAMES {
        seen.insert(name.clone());
        name
    } else {
        "other".to_owned()
    }
}

/// The name in `query Name`, `mutation Name(` or `subscription Name {` at the document's start
/// (after comments and white space), without parsing the rest.
fn first_operation_name(query: &str) -> Option<String> {
    let mut rest = query;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '\u{feff}');
        match rest.strip_prefix('#') {
            Some(comment) => rest = comment.split_once('\n').map_or("", |(_, after)| after),
            None => break,
        }
    }
    let rest = ["query", "mutation", "subscription"]
        .iter()
        .find_map(|kind| rest.strip_prefix(kind))?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let name: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Sets the gauges read at scrape time.
pub fn pool_gauges(db: &DatabaseConnection) {
    let (size, idle) = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DatabaseBackend::MySql => {
            let pool = db.get_mysql_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DatabaseBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => return,
    };
    let idle = u32::try_from(idle).unwrap_or(u32::MAX);
    metrics::gauge!("fgr_db_pool_connections", "state" => "in_use")
        .set(f64::from(size.saturating_sub(idle)));
    metrics::gauge!("fgr_db_pool_connections", "state" => "idle").set(f64::from(idle));
}

/// The metrics as Prometheus text, or `None` when no recorder could be installed.
pub fn render() -> Option<String> {
    let handle = install()?;
    handle.run_upkeep();
    Some(handle.render())
}

#[cfg(test)]
mod tests {
    use super::first_operation_name;

    #[test]
    fn the_operation_name_is_read_from_the_documents_start() {
        assert_eq!(
            first_operation_name("query Families { jobFamilies { code } }").as_deref(),
            Some("Families")
        );
        assert_eq!(
            first_operation_name("# note\n  mutation Submit($n: Int!) { x }").as_deref(),
            Some("Submit")
        );
        assert_eq!(first_operation_name("{ jobFamilies { code } }"), None);
        assert_eq!(first_operation_name("query { x }"), None);
        assert_eq!(first_operation_name("queryX { x }"), None);
    }
}
