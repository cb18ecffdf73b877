//! `fgr serve`: its options and the server's life from start-up to a drained shutdown.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{ArgAction, Args};

use std::time::Duration;

use std::sync::Arc;

use crate::auth::oidc::{parse_role_map, OidcSettings};
use crate::auth::AuthConfig;
use crate::config::{GraphqlLimits, ServerConfig};
use crate::domain::access::AccessPolicy;
use crate::graphql::GraphqlService;
use crate::{db, http, seed};

use super::{is_empty, CliError};

/// Options of `fgr serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "FGR_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Folder holding the console's browser build (pkg/).
    #[arg(long, env = "FGR_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// Do not seed an empty database.
    #[arg(long, env = "FGR_NO_SEED")]
    pub no_seed: bool,
    /// GraphQL introspection (and field suggestions) on or off.
    #[arg(long, env = "FGR_GRAPHQL_INTROSPECTION", default_value_t = true, action = ArgAction::Set)]
    pub introspection: bool,
    /// Deepest query nesting accepted.
    #[arg(long, env = "FGR_GRAPHQL_MAX_DEPTH", default_value_t = GraphqlLimits::default().max_depth)]
    pub max_depth: usize,
    /// Highest query complexity accepted.
    #[arg(long, env = "FGR_GRAPHQL_MAX_COMPLEXITY", default_value_t = GraphqlLimits::default().max_complexity)]
    pub max_complexity: usize,
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "FGR_MAX_BODY_BYTES", default_value_t = GraphqlLimits::default().max_body_bytes)]
    pub max_body_bytes: usize,
    /// Highest cost of a query: the fields its answer can hold, lists multiplying by their length.
    #[arg(long, env = "FGR_GRAPHQL_MAX_COST", default_value_t = GraphqlLimits::default().max_cost)]
    pub max_cost: u64,
    /// Most aliased fields in one selection.
    #[arg(long, env = "FGR_GRAPHQL_MAX_ALIASES", default_value_t = GraphqlLimits::default().max_aliases)]
    pub max_aliases: usize,
    /// Most root fields in one operation.
    #[arg(long, env = "FGR_GRAPHQL_MAX_ROOT_FIELDS", default_value_t = GraphqlLimits::default().max_root_fields)]
    pub max_root_fields: usize,
    /// Longest a GraphQL request may run, in seconds.
    #[arg(long, env = "FGR_GRAPHQL_TIMEOUT_SECONDS", default_value_t = GraphqlLimits::default().timeout.as_secs())]
    pub timeout_seconds: u64,
    /// Largest request body accepted from FGR beheer (a catalogue import), in bytes.
    #[arg(long, env = "FGR_MAX_IMPORT_BYTES", default_value_t = GraphqlLimits::default().max_import_bytes)]
    pub max_import_bytes: usize,
    /// Failed bearer credentials accepted per source address per minute (then `429`).
    #[arg(long, env = "FGR_BAD_CREDENTIALS_PER_MINUTE", default_value_t = crate::auth::throttle::Limits::default().bad_credentials_per_minute)]
    pub bad_credentials_per_minute: u32,
    /// Sign-in attempts accepted per source address per minute (then `429`).
    #[arg(long, env = "FGR_SIGN_INS_PER_MINUTE", default_value_t = crate::auth::throttle::Limits::default().sign_ins_per_minute)]
    pub sign_ins_per_minute: u32,
    /// Seconds a connection has to send a request's headers (then it is closed).
    #[arg(long, env = "FGR_HEADER_READ_TIMEOUT_SECONDS", default_value_t = 10)]
    pub header_read_timeout_seconds: u64,
    /// Connections open at once; more are closed on arrival.
    #[arg(long, env = "FGR_MAX_CONNECTIONS", default_value_t = 1024)]
    pub max_connections: usize,
    /// Seconds a shutdown waits for requests in flight.
    #[arg(long, env = "FGR_SHUTDOWN_DEADLINE_SECONDS", default_value_t = 20)]
    pub shutdown_deadline_seconds: u64,
    /// Offer a local sign-in with a role of your choice (no identity provider; loopback only).
    #[arg(long, env = "FGR_DEV_LOGIN")]
    pub dev_login: bool,
    /// Public base URL of the site (default http://<bind>); https makes cookies Secure.
    #[arg(long, env = "FGR_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Whether the published catalogue is readable without signing in.
    #[arg(long, env = "FGR_PUBLIC_READ", default_value_t = true, action = ArgAction::Set)]
    pub public_read: bool,
    /// Minutes without requests after which a session ends.
    #[arg(long, env = "FGR_SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: u64,
    /// Hours after sign-in after which a session ends regardless.
    #[arg(long, env = "FGR_SESSION_MAX_HOURS", default_value_t = 12)]
    pub session_max_hours: u64,
    /// OpenID Provider issuer URL, exactly as the provider states it; enables sign-in.
    #[arg(long, env = "FGR_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    /// This application's client id at the provider.
    #[arg(long, env = "FGR_OIDC_CLIENT_ID", default_value = "fgr-console")]
    pub oidc_client_id: String,
    /// This application's client secret at the provider.
    #[arg(long, env = "FGR_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,
    /// Scopes asked for at sign-in (space-separated).
    #[arg(
        long,
        env = "FGR_OIDC_SCOPES",
        default_value = "openid email profile roles"
    )]
    pub oidc_scopes: String,
    /// The ID-token claim that carries roles.
    #[arg(long, env = "FGR_OIDC_ROLES_CLAIM", default_value = "roles")]
    pub oidc_roles_claim: String,
    /// Provider role names mapped to ours: `name=role,...` (a value equal to a role code always counts).
    #[arg(long, env = "FGR_OIDC_ROLE_MAP", default_value = "")]
    pub oidc_role_map: String,
    /// The audience that machine access tokens from the provider must carry.
    #[arg(long, env = "FGR_OIDC_API_AUDIENCE", default_value = "urn:fgr:api")]
    pub oidc_api_audience: String,
    /// Open `changeEvents` subscriptions per machine client, person or anonymous address.
    #[arg(long, env = "FGR_MAX_SUBSCRIPTIONS_PER_CLIENT", default_value_t = crate::push::SubscriptionLimits::default().per_credential)]
    pub max_subscriptions_per_client: usize,
    /// How often, in milliseconds, subscriptions read the change feed's head: besides
    /// `LISTEN/NOTIFY` on PostgreSQL (default 5000), instead of it on MariaDB (default 250) and
    /// SQLite (default 1000).
    #[arg(long, env = "FGR_FEED_POLL_MILLIS")]
    pub feed_poll_millis: Option<u64>,
    /// Proxies (load balancers) in front of the server, by IP address, comma-separated: their
    /// `x-request-id` is kept and their `X-Forwarded-For` names the client the rate limits count.
    #[arg(long, env = "FGR_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Also serve `GET /metrics` on this address, without a token (e.g. a port only the
    /// monitoring network reaches).
    #[arg(long, env = "FGR_METRICS_BIND")]
    pub metrics_bind: Option<SocketAddr>,
    /// Serve `GET /_bench/statements` (SQL statements run so far), for `cargo xtask bench`.
    #[arg(long, env = "FGR_EXPOSE_STATEMENT_COUNT")]
    pub expose_statement_count: bool,
}

impl ServeArgs {
    /// The server configuration these options describe.
    ///
    /// # Errors
    /// A message for an invalid role map.
    pub fn config(&self) -> Result<ServerConfig, String> {
        let oidc = match &self.oidc_issuer {
            None => None,
            Some(issuer) => Some(OidcSettings {
                issuer: issuer.clone(),
                client_id: self.oidc_client_id.clone(),
                client_secret: self.oidc_client_secret.clone(),
                scopes: self
                    .oidc_scopes
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                roles_claim: self.oidc_roles_claim.clone(),
                role_map: parse_role_map(&self.oidc_role_map)?,
                api_audience: self.oidc_api_audience.clone(),
                token_leeway_seconds: 30,
                now: Arc::new(chrono::Utc::now),
            }),
        };
        Ok(ServerConfig {
            expose_statement_count: self.expose_statement_count,
            trusted_proxies: self.trusted_proxies.clone(),
            metrics_bind: self.metrics_bind,
            bind: self.bind,
            site_root: self.site_root.clone(),
            auth: AuthConfig {
                public_url: self
                    .public_url
                    .clone()
                    .unwrap_or_else(|| format!("http://{}", self.bind))
                    .trim_end_matches('/')
                    .to_owned(),
                dev_login: self.dev_login,
                session_idle: Duration::from_secs(self.session_idle_minutes.max(1) * 60),
                session_max: Duration::from_secs(self.session_max_hours.max(1) * 3600),
                access: AccessPolicy {
                    public_read: self.public_read,
                },
                limits: crate::auth::throttle::Limits {
                    bad_credentials_per_minute: self.bad_credentials_per_minute,
                    sign_ins_per_minute: self.sign_ins_per_minute,
                },
                oidc,
            },
            graphql: GraphqlLimits {
                max_depth: self.max_depth,
                max_complexity: self.max_complexity,
                introspection: self.introspection,
                max_body_bytes: self.max_body_bytes,
                max_cost: self.max_cost,
                max_aliases: self.max_aliases,
                max_root_fields: self.max_root_fields,
                timeout: std::time::Duration::from_secs(self.timeout_seconds),
                max_import_bytes: self.max_import_bytes,
                subscriptions: crate::push::SubscriptionLimits {
                    per_credential: self.max_subscriptions_per_client,
                    feed_poll: self.feed_poll_millis.map(Duration::from_millis),
                    ..crate::push::SubscriptionLimits::default()
                },
            },
        })
    }
}

pub(super) async fn serve(
    database_url: &str,
    config: ServerConfig,
    seed_if_empty: bool,
    connections: crate::serve::ConnectionLimits,
) -> Result<(), CliError> {
    if config.auth.dev_login && !config.bind.ip().is_loopback() {
        return Err(CliError::Other(format!(
            "--dev-login is for local use only and refuses to listen on {}; bind to 127.0.0.1",
            config.bind
        )));
    }
    // The port first: a port in use is reported before the database is migrated or seeded.
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|cause| CliError::Bind {
            addr: config.bind,
            cause,
        })?;
    let metrics_listener = match config.metrics_bind {
        Some(addr) => Some(
            tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|cause| CliError::Bind { addr, cause })?,
        ),
        None => None,
    };
    let conn = db::connect(database_url).await?;
    db::migrate(&conn).await?;
    if seed_if_empty && is_empty(&conn).await? {
        let report = seed::run(&conn).await.map_err(CliError::Seed)?;
        tracing::info!(?report, "empty database seeded");
    }
    let (conn_for_sweep, config_for_sweep) = (conn.clone(), config.auth.clone());
    let service = GraphqlService::new(conn, &config.graphql, config.auth.access);
    // Read the register before taking requests: a database with unreadable content fails here.
    service
        .read_model()
        .fresh()
        .await
        .map_err(|e| CliError::Other(format!("cannot read the register: {e}")))?;
    let app = http::router(service.clone(), &config);
    if let Some(listener) = metrics_listener {
        let service = service.clone();
        let addr = listener.local_addr().ok();
        let metrics = axum::Router::new().route(
            "/metrics",
            axum::routing::get(move || {
                let service = service.clone();
                async move { http::scrape(&service).await }
            }),
        );
        tracing::info!(?addr, "metrics on /metrics without a token");
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, metrics).await {
                tracing::error!(error = %e, "the metrics listener stopped");
            }
        });
    }
    tracing::info!(
        "FGR Register on http://{} (console at /, GraphQL at /graphql)",
        config.bind
    );
    if config.auth.dev_login {
        tracing::info!(
            "dev sign-in (choose a role): {}/auth/dev-login",
            config.auth.public_url
        );
    }
    // Ended sessions and idle rate-limit keys are swept every ten minutes.
    {
        let (db, auth) = (conn_for_sweep.clone(), config_for_sweep.clone());
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(600));
            loop {
                every.tick().await;
                match crate::auth::sessions::sweep(&db, &auth).await {
                    Ok(n) if n > 0 => tracing::info!(sessions = n, "ended sessions swept"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "sweeping sessions failed"),
                }
            }
        });
    }
    let push = service.push().clone();
    let deliverer = crate::push::webhooks::Deliverer::start(
        service.db().clone(),
        &push,
        crate::push::webhooks::DeliveryOptions::default(),
    );
    let stopping = push.clone();
    crate::serve::run(listener, app, connections, async move {
        shutdown_signal().await;
        // Subscriptions close with 1001 at once; the HTTP requests in flight drain meanwhile.
        stopping.shut_down();
    })
    .await;
    push.closed(Duration::from_secs(2)).await;
    // After the delivery in flight; its leases go, so the next start (or a replica) resumes.
    deliverer.stop().await;
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
