//! The options of the subcommands other than `fgr serve`.

use std::path::PathBuf;

use clap::Subcommand;

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
        /// Comma-separated scopes: catalogue:read, criteria:read, clauses:read, changes:read, metrics:read.
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

/// `fgr webhooks …`.
#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// Register an address that receives every change-feed event of a machine client (which
    /// needs `changes:read`), signed; prints the webhook's id, and its signing secret once.
    Add {
        /// The client id shown by `fgr clients list`.
        #[arg(long)]
        client: String,
        /// `https://…` (or `http://` to 127.0.0.1, localhost or [::1]).
        #[arg(long)]
        url: String,
        /// Deliver the whole feed from its first event (default: only what comes after now).
        #[arg(long)]
        from_start: bool,
    },
    /// List the webhooks: client, address, position delivered, backlog, and why one pauses.
    List,
    /// The latest delivery attempts of a webhook, newest first.
    Deliveries {
        /// The webhook's id.
        id: i32,
        /// How many.
        #[arg(long, default_value_t = 20)]
        last: u64,
    },
    /// Remove a webhook and its delivery log.
    Remove {
        /// The webhook's id.
        id: i32,
    },
}

/// `fgr db …`.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copy the whole register from one database into another, empty one (any two of SQLite,
    /// PostgreSQL and MariaDB); the target is migrated first and must hold nothing.
    Copy {
        /// The source database URL.
        #[arg(long)]
        from: String,
        /// The target database URL (run as its owner: the copy migrates it).
        #[arg(long)]
        to: String,
    },
}
