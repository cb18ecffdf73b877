//! The `fgr` command: serve, migrate, seed, schema, clients, audit, clauses, coverage.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, Args, Parser, Subcommand};
use fgr_migrations::{Migrator, MigratorTrait};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

use std::time::Duration;

use std::sync::Arc;

use crate::auth::oidc::{parse_role_map, OidcSettings};
use crate::auth::{api_tokens, AuthConfig};
use crate::config::{GraphqlLimits, ServerConfig, DEFAULT_DATABASE_URL};
use crate::domain::access::AccessPolicy;
use crate::domain::audit::Actor;
use crate::graphql::GraphqlService;
use crate::{db, http, seed};

/// `print!` to standard output, except that a closed pipe (`fgr clients list | head`) ends the
/// command quietly with status 141, as a shell reports a tool stopped by `SIGPIPE`, instead of a
/// panic (Rust ignores `SIGPIPE`, so a write to a closed pipe is an error).
macro_rules! out {
    ($($arg:tt)*) => { write_out(format_args!($($arg)*)) };
}

/// `println!` the way [`out!`] prints.
macro_rules! outln {
    () => { write_out(format_args!("\n")) };
    ($($arg:tt)*) => { write_out(format_args!("{}\n", format_args!($($arg)*))) };
}

fn write_out(text: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(text).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
        eprintln!("fgr: cannot write the output: {e}");
        std::process::exit(1);
    }
}

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
    Serve(Box<ServeArgs>),
    /// Apply pending migrations (or roll them all back with --down).
    Migrate {
        /// Roll back every migration instead (drops all tables and their data).
        #[arg(long)]
        down: bool,
    },
    /// Load the seed data (idempotent: existing records are left alone).
    Seed {
        /// For benchmarks only: also copy every group so the register holds this many times the
        /// groups, typings and versions; the copies are marked SYNTHETISCH in name, code and note.
        #[arg(long, value_name = "N")]
        synthetic_scale: Option<u32>,
    },
    /// Print the GraphQL schema (SDL), as checked in at schema.graphql.
    Schema,
    /// Manage API tokens for machine clients.
    #[command(subcommand)]
    Clients(ClientsCommand),
    /// Persisted operations (trusted documents) that machine clients send by id.
    #[command(subcommand)]
    Operations(OperationsCommand),
    /// Check the audit trail's hash chain.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The standard vacancy clauses.
    #[command(subcommand)]
    Clauses(ClausesCommand),
    /// The whole catalogue in the exchange format.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
    /// Print the coverage report: which groups and typings cover each required responsibility.
    Coverage {
        /// Comma-separated family codes (default: the manager families).
        #[arg(long)]
        families: Option<String>,
        /// The date to judge (YYYY-MM-DD, default today).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CoverageFormat::Csv)]
        format: CoverageFormat,
    },
}

/// `fgr clauses ...`
#[derive(Debug, Subcommand)]
pub enum ClausesCommand {
    /// Write the whole clause library (every clause, every version) to standard output.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
}

/// `fgr catalogue ...`
#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// Write the catalogue to standard output: JSON in the `fgr-catalogue/1` format
    /// (`schema/catalogue-v1.schema.json`), or a CSV of every typing.
    Export {
        /// Only what was in effect on this date (YYYY-MM-DD); default: every version.
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
    /// Print the JSON Schema of the exchange format, as checked in at
    /// `schema/catalogue-v1.schema.json`.
    Schema,
    /// Take in a catalogue file (FGR beheer): check it all, print what changes per group, and
    /// (without `--dry-run`) add the groups the register lacks with their versions and a new
    /// version of every group whose content differs. Nothing is written on any error.
    Import {
        /// The `fgr-catalogue/1` JSON file.
        file: std::path::PathBuf,
        /// Check and print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The decision new versions rest on (needed when a group the register holds changes).
        #[arg(long)]
        decision: Option<String>,
        /// First day of those versions (YYYY-MM-DD, today or later).
        #[arg(long)]
        effective_from: Option<chrono::NaiveDate>,
        /// The decision's date (YYYY-MM-DD); default the effective date.
        #[arg(long)]
        decided_on: Option<chrono::NaiveDate>,
    },
}

/// Output formats of `fgr clauses export` and `fgr catalogue export`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON document.
    Json,
    /// RFC 4180 CSV, one line per version.
    Csv,
}

/// `fgr audit ...`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute every hash and link; name the first entry that does not fit (exit 1). With
    /// `--checkpoints`, also check the chain against signed checkpoints kept outside the database.
    Verify {
        /// A checkpoints file (`fgr audit checkpoint >> FILE`).
        #[arg(long)]
        checkpoints: Option<PathBuf>,
        /// The key the checkpoints are signed with (never stored in the database).
        #[arg(long, env = "FGR_AUDIT_KEY_FILE")]
        key_file: Option<PathBuf>,
    },
    /// Print a signed checkpoint of the chain's head as one JSON line, to append to a file kept
    /// outside the database.
    Checkpoint {
        /// The signing key: a file of at least 32 random bytes (never stored in the database).
        #[arg(long, env = "FGR_AUDIT_KEY_FILE")]
        key_file: PathBuf,
    },
}

/// Output formats of `fgr coverage`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CoverageFormat {
    /// RFC 4180 CSV, one line per group and requirement.
    Csv,
}

/// `fgr clients ...`
#[derive(Debug, Subcommand)]
pub enum ClientsCommand {
    /// Issue a token for a new client; the token is printed once and never stored.
    Create {
        /// The client's name, e.g. "Beoordelingstool P-Direkt".
        #[arg(long)]
        name: String,
        /// Comma-separated scopes: catalogue:read, criteria:read, clauses:read, changes:read.
        #[arg(long)]
        scopes: String,
        /// Last day the token works (YYYY-MM-DD); no expiry when left out.
        #[arg(long)]
        expires: Option<chrono::NaiveDate>,
        /// The client may only send registered operations (`{"documentId": "sha256:…"}`).
        #[arg(long)]
        trusted_documents_only: bool,
    },
    /// List the clients (never their tokens).
    List,
    /// Revoke a client's token at once.
    Revoke {
        /// The client id shown by `fgr clients list`.
        id: String,
    },
}

/// `fgr operations …`.
#[derive(Debug, Subcommand)]
pub enum OperationsCommand {
    /// Register a GraphQL document; prints its id (`sha256:…`), which clients send as
    /// `{"documentId": …}`. The same text again is the same id and changes nothing.
    Add {
        /// The document (a `.graphql` file), sent byte for byte as registered.
        file: PathBuf,
    },
    /// List the registered operations.
    List,
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
            },
        })
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
            out!("{}", crate::graphql::sdl());
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
        Command::Seed { synthetic_scale } => {
            let conn = db::connect(&cli.database_url).await?;
            db::migrate(&conn).await?;
            let report = seed::run(&conn).await.map_err(CliError::Seed)?;
            eprintln!("fgr: seed loaded: {report:?}");
            if let Some(scale) = synthetic_scale {
                let added = seed::synthetic::grow(&conn, scale)
                    .await
                    .map_err(CliError::Seed)?;
                eprintln!("fgr: {added} synthetic groups added (scale {scale})");
            }
            Ok(())
        }
        Command::Serve(args) => {
            let config = args.config().map_err(CliError::Other)?;
            let connections = crate::serve::ConnectionLimits {
                header_read_timeout: Duration::from_secs(args.header_read_timeout_seconds.max(1)),
                max_connections: args.max_connections,
                shutdown_deadline: Duration::from_secs(args.shutdown_deadline_seconds),
            };
            serve(&cli.database_url, config, !args.no_seed, connections).await
        }
        Command::Clients(command) => clients(&cli.database_url, command).await,
        Command::Operations(command) => operations(&cli.database_url, command).await,
        Command::Audit(AuditCommand::Verify {
            checkpoints,
            key_file,
        }) => {
            // The files first: a bad key or checkpoints file is reported before the database.
            let against = match (checkpoints, key_file) {
                (Some(file), Some(key_file)) => {
                    let key = crate::domain::checkpoints::key_from_file(&key_file)
                        .map_err(CliError::Other)?;
                    let text = std::fs::read_to_string(&file).map_err(|e| {
                        CliError::Other(format!("cannot read {}: {e}", file.display()))
                    })?;
                    let list = crate::domain::checkpoints::parse(&text)
                        .map_err(|e| CliError::Other(format!("{}: {e}", file.display())))?;
                    Some((key, list))
                }
                (Some(_), None) => {
                    return Err(CliError::Other(
                        "--checkpoints needs the key they are signed with: --key-file or FGR_AUDIT_KEY_FILE".into(),
                    ))
                }
                (None, _) => None,
            };
            let conn = db::connect(&cli.database_url).await?;
            db::migrate(&conn).await?;
            let result = crate::domain::audit::verify(&conn)
                .await
                .map_err(|e| CliError::Other(e.to_string()))?;
            if let Some((seq, reason)) = result.first_broken {
                return Err(CliError::Other(format!(
                    "audit trail broken at entry #{seq}: {reason} ({} entries before it check out)",
                    result.checked
                )));
            }
            if let Some((key, list)) = against {
                if let Some((seq, reason)) = crate::domain::checkpoints::check(&conn, &key, &list)
                    .await
                    .map_err(|e| CliError::Other(e.to_string()))?
                {
                    return Err(CliError::Other(format!(
                        "audit trail broken at entry #{seq}: {reason}"
                    )));
                }
                outln!(
                    "audit trail intact: {} entries, {} checkpoint(s) hold",
                    result.checked,
                    list.len()
                );
            } else {
                outln!("audit trail intact: {} entries", result.checked);
            }
            Ok(())
        }
        Command::Audit(AuditCommand::Checkpoint { key_file }) => {
            let key =
                crate::domain::checkpoints::key_from_file(&key_file).map_err(CliError::Other)?;
            let conn = db::connect(&cli.database_url).await?;
            db::migrate(&conn).await?;
            let checkpoint = crate::domain::checkpoints::take(&conn, &key)
                .await
                .map_err(|e| CliError::Other(e.to_string()))?;
            outln!("{}", checkpoint.to_line());
            Ok(())
        }
        Command::Clauses(ClausesCommand::Export { format }) => {
            let register = read_register(&cli.database_url).await?;
            let out = match format {
                ExportFormat::Json => {
                    format!("{:#}\n", crate::domain::clauses::export_json(&register))
                }
                ExportFormat::Csv => crate::domain::clauses::export_csv(&register),
            };
            out!("{out}");
            Ok(())
        }
        Command::Catalogue(CatalogueCommand::Schema) => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&crate::domain::exchange::json_schema())
                    .map_err(|e| CliError::Other(e.to_string()))?
            );
            Ok(())
        }
        Command::Catalogue(CatalogueCommand::Export { as_of, format }) => {
            let register = read_register(&cli.database_url).await?;
            let catalogue = crate::domain::exchange::export(&register, as_of);
            match format {
                ExportFormat::Json => outln!(
                    "{}",
                    serde_json::to_string_pretty(&catalogue)
                        .map_err(|e| CliError::Other(e.to_string()))?
                ),
                ExportFormat::Csv => out!("{}", crate::domain::exchange::typings_csv(&catalogue)),
            }
            Ok(())
        }
        Command::Catalogue(CatalogueCommand::Import {
            file,
            dry_run,
            decision,
            effective_from,
            decided_on,
        }) => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| CliError::Other(format!("cannot read {}: {e}", file.display())))?;
            let conn = db::connect(&cli.database_url).await?;
            db::migrate(&conn).await?;
            let register = crate::register::load::everything(&conn)
                .await
                .map_err(|e| CliError::Other(e.to_string()))?;
            let principal = cli_maintainer();
            let request_id = cli_request_id();
            let caller = crate::domain::caller::Caller {
                principal: &principal,
                policy: crate::domain::access::AccessPolicy::default(),
                request_id: &request_id,
            };
            let options = crate::domain::exchange::import::Options {
                decision,
                effective_from,
                decided_on,
                dry_run,
            };
            match crate::domain::exchange::import::run(&conn, &caller, &register, &text, &options)
                .await
            {
                Ok(outcome) => {
                    out!("{}", import_report(&outcome));
                    Ok(())
                }
                Err(crate::error::DomainError::Invalid(problems)) => {
                    for p in &problems {
                        eprintln!("{}: {}: {}", file.display(), p.place, p.message);
                    }
                    Err(CliError::Other(format!(
                        "{} fout(en) in het bestand; er is niets gewijzigd",
                        problems.len()
                    )))
                }
                Err(e) => Err(CliError::Other(e.to_string())),
            }
        }
        Command::Coverage {
            families,
            as_of,
            format: CoverageFormat::Csv,
        } => {
            let register = read_register(&cli.database_url).await?;
            let codes: Option<Vec<String>> = families.map(|f| {
                f.split(',')
                    .map(|c| c.trim().to_owned())
                    .filter(|c| !c.is_empty())
                    .collect()
            });
            let day = as_of.unwrap_or_else(crate::domain::dates::today);
            let report = crate::domain::coverage::report(&register, codes.as_deref(), day)
                .map_err(|e| CliError::Other(e.to_string()))?;
            out!("{}", crate::domain::coverage::to_csv(&report));
            Ok(())
        }
    }
}

/// The register as it stands in the database, read into memory as the server reads it.
async fn read_register(database_url: &str) -> Result<crate::register::Register, CliError> {
    let conn = db::connect(database_url).await?;
    db::migrate(&conn).await?;
    crate::register::load::everything(&conn)
        .await
        .map_err(|e| CliError::Other(e.to_string()))
}

async fn clients(database_url: &str, command: ClientsCommand) -> Result<(), CliError> {
    let conn = db::connect(database_url).await?;
    db::migrate(&conn).await?;
    match command {
        ClientsCommand::Create {
            name,
            scopes,
            expires,
            trusted_documents_only,
        } => {
            let scopes =
                api_tokens::parse_scopes(&scopes).map_err(|e| CliError::Other(e.to_string()))?;
            // A token works through the whole last day given.
            let expires_at = expires
                .and_then(|d| d.succ_opt())
                .and_then(|d| d.and_hms_opt(0, 0, 0));
            let issued = api_tokens::create_with(
                &conn,
                &Actor::cli(),
                &cli_request_id(),
                &name,
                &scopes,
                expires_at,
                trusted_documents_only,
            )
            .await
            .map_err(|e| CliError::Other(e.to_string()))?;
            eprintln!(
                "fgr: client {} ({}) created with scopes {}; this token is shown once, keep it secret:",
                issued.client.public_id, issued.client.name, issued.client.scopes
            );
            outln!("{}", issued.token);
        }
        ClientsCommand::List => {
            let rows = api_tokens::list(&conn)
                .await
                .map_err(|e| CliError::Other(e.to_string()))?;
            outln!(
                "{:<14} {:<30} {:<40} {:<20} {:<20} STATUS",
                "ID",
                "NAME",
                "SCOPES",
                "CREATED",
                "EXPIRES"
            );
            for c in rows {
                let status = match (c.revoked_at, c.last_used_at) {
                    (Some(t), _) => format!("revoked {}", t.format("%Y-%m-%d %H:%M")),
                    (None, Some(t)) => format!("last used {}", t.format("%Y-%m-%d %H:%M")),
                    (None, None) => "never used".to_owned(),
                };
                outln!(
                    "{:<14} {:<30} {:<40} {:<20} {:<20} {}",
                    c.public_id,
                    c.name,
                    c.scopes,
                    c.created_at.format("%Y-%m-%d %H:%M").to_string(),
                    c.expires_at
                        .map(|e| e.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_else(|| "-".into()),
                    status
                );
            }
        }
        ClientsCommand::Revoke { id } => {
            api_tokens::revoke(&conn, &Actor::cli(), &cli_request_id(), &id)
                .await
                .map_err(|e| CliError::Other(e.to_string()))?;
            eprintln!("fgr: client {id} revoked");
        }
    }
    Ok(())
}

async fn operations(database_url: &str, command: OperationsCommand) -> Result<(), CliError> {
    let conn = db::connect(database_url).await?;
    db::migrate(&conn).await?;
    match command {
        OperationsCommand::Add { file } => {
            let document = std::fs::read_to_string(&file)
                .map_err(|e| CliError::Other(format!("{}: {e}", file.display())))?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            let (operation, added) = crate::domain::operations::add(
                &conn,
                &Actor::cli(),
                &cli_request_id(),
                name.as_deref(),
                &document,
            )
            .await
            .map_err(|e| CliError::Other(format!("{}: {e}", file.display())))?;
            if !added {
                eprintln!("fgr: {} was registered before", file.display());
            }
            outln!("{}", operation.document_id);
        }
        OperationsCommand::List => {
            for op in crate::domain::operations::list(&conn)
                .await
                .map_err(|e| CliError::Other(e.to_string()))?
            {
                outln!(
                    "{} {} {}",
                    op.document_id,
                    op.added_at.format("%Y-%m-%d %H:%M"),
                    op.name.as_deref().unwrap_or("-")
                );
            }
        }
    }
    Ok(())
}

/// The operator at the command line, acting as FGR beheer (the audit trail records `cli`).
fn cli_maintainer() -> crate::domain::access::Principal {
    use crate::domain::access::{Person, Principal, Role};
    Principal::Person(Person {
        subject: "cli".into(),
        name: "operator".into(),
        email: None,
        roles: [Role::Viewer, Role::Maintainer].into_iter().collect(),
    })
}

/// What an import did or would do, for people: one line per group, its changes indented.
fn import_report(outcome: &crate::domain::exchange::import::Outcome) -> String {
    use crate::domain::exchange::import::GroupAction;
    use std::fmt::Write;
    let mut out = String::new();
    for g in &outcome.groups {
        let what = match g.action {
            GroupAction::Added => format!("toegevoegd met {} versie(s)", g.versions_added),
            GroupAction::NewVersion => format!("nieuwe versie, {} wijziging(en)", g.changes.len()),
            GroupAction::Unchanged => "ongewijzigd".into(),
        };
        let _ = writeln!(out, "{} ({}): {what}", g.code, g.name);
        if g.action == GroupAction::NewVersion {
            for c in &g.changes {
                let _ = writeln!(
                    out,
                    "  {}: {} → {}",
                    c.path,
                    c.before.as_deref().unwrap_or("—"),
                    c.after.as_deref().unwrap_or("—")
                );
            }
        }
    }
    for a in &outcome.added {
        let _ = writeln!(out, "+ {a}");
    }
    for r in &outcome.remarks {
        let _ = writeln!(out, "! {r}");
    }
    let _ = writeln!(
        out,
        "{}",
        if outcome.applied {
            "geïmporteerd"
        } else if outcome.changes_anything() {
            "proefimport: er is niets gewijzigd"
        } else {
            "er verandert niets"
        }
    );
    out
}

/// A request id for changes made at the command line.
fn cli_request_id() -> String {
    format!("cli-{}", crate::auth::secrets::random_id())
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
    let app = http::router(service, &config);
    tracing::info!(
        "FGR Register on http://{} (console at /, GraphQL at /graphql)",
        config.bind
    );
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
    crate::serve::run(listener, app, connections, shutdown_signal()).await;
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
