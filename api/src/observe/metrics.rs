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

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, OnceLock, RwLock};
use std::time::Duration;

use axum::http::StatusCode;
use metrics::{Counter, Histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sea_orm::{DatabaseBackend, DatabaseConnection};

/// Distinct operation names labelled before the rest count as `other`.
pub const MAX_OPERATION_NAMES: usize = 200;

/// How often histograms are folded into their buckets (until then each sample is kept).
const UPKEEP: Duration = Duration::from_secs(5);

/// Latency buckets, in seconds: from half a millisecond (a read from memory) to ten seconds.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process's recorder (once; later calls find it) and the thread that folds
/// histogram samples into buckets every [`UPKEEP`], which keeps memory flat between scrapes.
/// `None` when another recorder was installed first, so nothing can be exported.
pub fn install() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new().set_buckets(BUCKETS).ok()?;
            match builder.install_recorder() {
                Ok(handle) => {
                    let upkept = handle.clone();
                    let _ = std::thread::Builder::new()
                        .name("metrics-upkeep".into())
                        .spawn(move || loop {
                            std::thread::sleep(UPKEEP);
                            upkept.run_upkeep();
                        });
                    Some(handle)
                }
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
            || path.starts_with("/style/")
            || path.starts_with("/graphiql/")
            || path.ends_with(".css") =>
        {
            "static"
        }
        _ => "page",
    }
}

/// The handles of one series, looked up once: the registry's look-up by name and labels costs
/// more than the increment, and a hot read is a few microseconds.
struct HttpSeries {
    requests: Counter,
    latency: Histogram,
}

static HTTP: LazyLock<RwLock<HashMap<(&'static str, u16), HttpSeries>>> =
    LazyLock::new(RwLock::default);

/// Counts an answered HTTP request.
pub fn http_answered(route: &'static str, status: StatusCode, took: Duration) {
    let key = (route, status.as_u16());
    let record = |series: &HttpSeries| {
        series.requests.increment(1);
        series.latency.record(took.as_secs_f64());
    };
    if let Some(series) = HTTP.read().expect("metrics lock").get(&key) {
        return record(series);
    }
    let series = HttpSeries {
        requests: metrics::counter!("fgr_http_requests_total", "route" => route, "status" => status.as_str().to_owned()),
        latency: metrics::histogram!("fgr_http_request_duration_seconds", "route" => route),
    };
    record(&series);
    HTTP.write().expect("metrics lock").insert(key, series);
}

/// The series of one GraphQL operation name: its latency and a counter per outcome.
pub struct Operation {
    name: String,
    latency: Histogram,
    outcomes: RwLock<Vec<(String, Counter)>>,
}

impl Operation {
    /// Counts one answer with `outcome` (`OK` or an error code) that took `took`.
    pub fn answered(&self, outcome: &str, took: Duration) {
        self.latency.record(took.as_secs_f64());
        if let Some((_, counter)) = self
            .outcomes
            .read()
            .expect("metrics lock")
            .iter()
            .find(|(o, _)| o == outcome)
        {
            return counter.increment(1);
        }
        let counter = metrics::counter!("fgr_graphql_operations_total", "operation" => self.name.clone(), "outcome" => outcome.to_owned());
        counter.increment(1);
        self.outcomes
            .write()
            .expect("metrics lock")
            .push((outcome.to_owned(), counter));
    }
}

static OPERATIONS: LazyLock<RwLock<HashMap<String, Arc<Operation>>>> =
    LazyLock::new(RwLock::default);

/// The series for an operation: by `operationName` when given, else the name of the document's
/// first operation, else `anonymous`; a name not among the first [`MAX_OPERATION_NAMES`] (or not
/// a plain name) is `other`.
pub fn operation(query: &str, operation_name: Option<&str>) -> Arc<Operation> {
    let name = operation_name
        .or_else(|| first_operation_name(query))
        .unwrap_or("anonymous");
    let plain = name.len() <= 64 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let name = if plain { name } else { "other" };
    if let Some(found) = OPERATIONS.read().expect("metrics lock").get(name) {
        return found.clone();
    }
    let mut operations = OPERATIONS.write().expect("metrics lock");
    let name = if operations.len() < MAX_OPERATION_NAMES || operations.contains_key(name) {
        name
    } else {
        "other"
    };
    operations
        .entry(name.to_owned())
        .or_insert_with(|| {
            Arc::new(Operation {
                name: name.to_owned(),
                latency: metrics::histogram!("fgr_graphql_operation_duration_seconds", "operation" => name.to_owned()),
                outcomes: RwLock::default(),
            })
        })
        .clone()
}

/// The name in `query Name`, `mutation Name(` or `subscription Name {` at the document's start
/// (after comments and white space), without parsing the rest.
fn first_operation_name(query: &str) -> Option<&str> {
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
    let rest = rest.trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
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
            first_operation_name("query Families { jobFamilies { code } }"),
            Some("Families")
        );
        assert_eq!(
            first_operation_name("# note\n  mutation Submit($n: Int!) { x }"),
            Some("Submit")
        );
        assert_eq!(first_operation_name("{ jobFamilies { code } }"), None);
        assert_eq!(first_operation_name("query { x }"), None);
        assert_eq!(first_operation_name("queryX { x }"), None);
    }
}
