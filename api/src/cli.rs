//! The `fgr` command: serve, migrate, seed, schema.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, Args, Parser, Subcommand};
use fgr_migrations::{Migrator, MigratorTrait};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

use crate::config::{GraphqlLimits, ServerConfig, DEFAULT_DATABASE_URL};
use crate::graphql::GraphqlService;
use crate::{db, http, seed};

/// FGR Register: the system of record for the Functiegebouw Rijk.
#[derive(Debug, Parser)]
#[command(name = "fgr", version, about)]
pub struct Cli {
    /// Database URL: sqlite://FILE?mode=rwc, postgres://..., mysql://... (or mariadb://...).
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate, seed an empty database, and serve the API and the console.
    Serve(ServeArgs),
    /// Apply pending migrations (or roll them all back with --down).
    Migrate {
        /// Roll back every migration instead (drops all tables and their data).
        #[arg(long)]
        down: bool,
    },
    /// Load the seed data (idempotent: existing records are left alone).
    Seed,
    /// Print the GraphQL schema (SDL), as checked in at schema.graphql.
    Schema,
}

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
}

impl ServeArgs {
    /// The server configuration these options describe.
    pub fn config(&self) -> ServerConfig {
        ServerConfig {
            bind: self.bind,
            site_root: self.site_root.clone(),
            graphql: GraphqlLimits {
                max_depth: self.max_depth,
                max_complexity: self.max_complexity,
                introspection: self.introspection,
                max_body_bytes: self.max_body_bytes,
            },
        }
    }
}

/// A failure of a command, printed as one line.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Db(#[from] db::DbStartupError),
    #[error("cannot listen on {addr}: {cause}")]
    Bind {
        addr: SocketAddr,
        cause: std::io::Error,
    },
    #[error("seeding failed: {0}")]
    Seed(crate::error::DomainError),
    #[error("{0}")]
    Other(String),
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FGR_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Runs the command line; the process's exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("fgr: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fgr: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Schema => {
            print!("{}", crate::graphql::sdl());
            Ok(())
        }
        Command::Migrate { down } => {
            let conn = db::connect(&cli.database_url).await?;
            if down {
                Migrator::down(&conn, None)
                    .await
                    .map_err(|e| CliError::Other(format!("rolling back failed: {e}")))?;
                eprintln!("fgr: all migrations rolled back");
            } else {
                db::migrate(&conn).await?;
                eprintln!("fgr: database is up to date");
            }
            Ok(())
        }
        Command::Seed => {
            let conn = db::connect(&cli.database_url).await?;
            db::migrate(&conn).await?;
            let report = seed::run(&conn).await.map_err(CliError::Seed)?;
            eprintln!("fgr: seed loaded: {report:?}");
            Ok(())
        }
        Command::Serve(args) => serve(&cli.database_url, args.config(), !args.no_seed).await,
    }
}

/// Whether the database holds no catalogue yet.
async fn is_empty(conn: &DatabaseConnection) -> Result<bool, CliError> {
    fgr_entities::job_family::Entity::find()
        .count(conn)
        .await
        .map(|n| n == 0)
        .map_err(|e| CliError::Other(format!("cannot read the database: {e}")))
}

async fn serve(
    database_url: &str,
    config: ServerConfig,
    seed_if_empty: bool,
) -> Result<(), CliError> {
    let conn = db::connect(database_url).await?;
    db::migrate(&conn).await?;
    if seed_if_empty && is_empty(&conn).await? {
        let report = seed::run(&conn).await.map_err(CliError::Seed)?;
        tracing::info!(?report, "empty database seeded");
    }
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|cause| CliError::Bind {
            addr: config.bind,
            cause,
        })?;
    let service = GraphqlService::new(conn, &config.graphql);
    let app = http::router(service, &config);
    tracing::info!(
        "FGR Register on http://{} (console at /, GraphQL at /graphql)",
        config.bind
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| CliError::Other(format!("server failed: {e}")))
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
