//! The `fgr` command: serve, migrate, seed, schema, clients, operations, audit, clauses, catalogue,
//! coverage. One file a group of subcommands: [`args`] (their options), [`serve`], [`clients`];
//! each command parses its options, calls the domain and prints; the rules are the domain's.

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use fgr_migrations::{Migrator, MigratorTrait};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

use std::time::Duration;

use crate::config::DEFAULT_DATABASE_URL;
use crate::{db, seed};

/// `print!` to standard output, except that a closed pipe (`fgr clients list | head`) ends the
/// command quietly with status 141, as a shell reports a tool stopped by `SIGPIPE`, instead of a
/// panic (Rust ignores `SIGPIPE`, so a write to a closed pipe is an error).
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::write_out(format_args!($($arg)*)) };
}

/// `println!` the way [`out!`] prints.
macro_rules! outln {
    () => { $crate::cli::write_out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::write_out(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) fn write_out(text: std::fmt::Arguments<'_>) {
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

mod args;
mod audit;
mod backup;
mod clients;
mod serve;
mod webhooks;

pub use args::*;
pub use serve::ServeArgs;

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
    /// Webhooks: addresses that receive the change feed, signed and in order.
    #[command(subcommand)]
    Webhooks(WebhooksCommand),
    /// Write one consistent, compressed backup of the whole register (taken while it serves;
    /// never sessions).
    Backup {
        /// The file to write (`fgr-backup/1`, gzip-compressed JSON).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Restore a backup into the empty database at --database-url (any engine): refused for a
    /// database that holds anything, or a file whose audit chain does not verify.
    Restore {
        /// A file `fgr backup` wrote.
        file: std::path::PathBuf,
    },
    /// Move a register between databases.
    #[command(subcommand)]
    Db(DbCommand),
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

/// Logs to stderr: text, or JSON lines with `FGR_LOG_FORMAT=json` (each with the fields of the
/// request's span: `request_id`, `trace_id`, method, path).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FGR_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = std::env::var("FGR_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init()
    } else {
        builder.try_init()
    };
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
            serve::serve(&cli.database_url, config, !args.no_seed, connections).await
        }
        Command::Clients(command) => clients::clients(&cli.database_url, command).await,
        Command::Operations(command) => clients::operations(&cli.database_url, command).await,
        Command::Webhooks(command) => webhooks::run(&cli.database_url, command).await,
        Command::Backup { out } => backup::take(&cli.database_url, &out).await,
        Command::Restore { file } => backup::restore(&cli.database_url, &file).await,
        Command::Db(DbCommand::Copy { from, to }) => backup::copy(&from, &to).await,
        Command::Audit(command) => audit::run(&cli.database_url, command).await,
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
