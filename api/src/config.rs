//! Configuration of the server: one typed struct, filled from flags and `FGR_` environment
//! variables by the CLI (see the README's configuration table).

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::auth::AuthConfig;

/// The default database: a SQLite file in the working directory, created when missing.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://fgr.db?mode=rwc";

/// Limits and switches of the GraphQL endpoint.
#[derive(Debug, Clone)]
pub struct GraphqlLimits {
    /// Deepest nesting of selections accepted.
    pub max_depth: usize,
    /// Highest query complexity accepted (each field costs 1; lists cost their page size).
    pub max_complexity: usize,
    /// Whether introspection (and GraphiQL's schema view) is on. When off, "did you mean"
    /// suggestions are off too, so the schema cannot be guessed from error messages.
    pub introspection: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Highest cost of a query: fields its answer can hold, lists multiplying by their length
    /// (see `graphql::cost`).
    pub max_cost: u64,
    /// Most aliased fields in one selection.
    pub max_aliases: usize,
    /// Most root fields in one operation.
    pub max_root_fields: usize,
    /// Longest a request may run before it is answered `TIMEOUT`.
    pub timeout: std::time::Duration,
    /// Largest request body accepted from FGR beheer, who may send a whole catalogue file
    /// (`importCatalogue`), in bytes.
    pub max_import_bytes: usize,
    /// Bounds on `changeEvents` subscriptions.
    pub subscriptions: crate::push::SubscriptionLimits,
}

impl Default for GraphqlLimits {
    fn default() -> Self {
        Self {
            max_depth: 12,
            max_complexity: 2_000,
            introspection: true,
            max_body_bytes: 64 * 1024,
            max_cost: 150_000,
            max_aliases: 30,
            max_root_fields: 20,
            timeout: std::time::Duration::from_secs(15),
            max_import_bytes: 8 * 1024 * 1024,
            subscriptions: crate::push::SubscriptionLimits::default(),
        }
    }
}

/// Everything `fgr serve` needs.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Where to listen.
    pub bind: SocketAddr,
    /// The GraphQL endpoint's limits.
    pub graphql: GraphqlLimits,
    /// The folder with the console's compiled browser code (`pkg/`).
    pub site_root: PathBuf,
    /// Sign-in, sessions and access.
    pub auth: AuthConfig,
    /// Serve `GET /_bench/statements`: the number of SQL statements run so far (benchmarks).
    pub expose_statement_count: bool,
    /// Proxies (load balancers) whose `x-request-id` and `X-Forwarded-For` are believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// A second address serving only `GET /metrics`, without a token.
    pub metrics_bind: Option<SocketAddr>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            graphql: GraphqlLimits::default(),
            site_root: PathBuf::from("target/site"),
            auth: AuthConfig::default(),
            expose_statement_count: false,
            trusted_proxies: Vec::new(),
            metrics_bind: None,
        }
    }
}
