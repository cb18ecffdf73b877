//! Backup, restore and moving a register between engines.
//!
//! A **backup** (`fgr backup --out FILE`) is one gzip-compressed JSON document in the format
//! `fgr-backup/1`: every row of every table the register keeps (the catalogue and all its
//! versions, proposals, advice, decisions, clauses, formats, the change feed, the audit chain, API
//! clients with their secrets' hashes, persisted operations, webhooks), read in one consistent
//! read-only transaction, so it is taken while the server runs; never sessions. It names the
//! migrations its schema had, the feed's head and the audit chain's head.
//!
//! A **restore** (`fgr restore FILE`) migrates the target, refuses one that holds anything, writes
//! every row as it was (keys included, so the feed continues from the same position), then checks
//! the audit chain on what it wrote and commits only if it verifies: all in one transaction, so a
//! refused restore leaves the target empty. A **copy** (`fgr db copy --from --to`) is a backup of
//! one database restored into another, without a file.

pub mod tables;

use std::io::{Read, Write};

use chrono::Utc;
use fgr_migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, PaginatorTrait,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::{audit, tx};
use crate::error::{DomainError, DomainResult};

/// The format's name and version; a file of another version is refused.
pub const FORMAT: &str = "fgr-backup/1";

/// A whole register, as a backup file holds it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    /// [`FORMAT`].
    pub format: String,
    /// When it was taken (UTC, ISO 8601).
    pub taken_at: String,
    /// The engine it was taken from: `sqlite`, `postgres` or `mysql`.
    pub engine: String,
    /// The migrations the schema had, oldest first.
    pub migrations: Vec<String>,
    /// The change feed's last position.
    pub feed_head: i64,
    /// The audit chain's last entry.
    pub audit_head: i64,
    /// Every table's rows, in restore order.
    pub tables: Vec<Table>,
}

/// One table's rows.
#[derive(Debug, Serialize, Deserialize)]
pub struct Table {
    /// The table.
    pub name: String,
    /// Its rows, each as its entity serializes.
    pub rows: Vec<Value>,
}

impl Backup {
    /// Rows in all tables.
    pub fn rows(&self) -> usize {
        self.tables.iter().map(|t| t.rows.len()).sum()
    }
}

fn engine(db: &impl ConnectionTrait) -> &'static str {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => "postgres",
        DatabaseBackend::MySql => "mysql",
        _ => "sqlite",
    }
}

/// Takes a backup of `db` in one consistent read.
///
/// # Errors
/// When the database fails.
pub async fn take(db: &DatabaseConnection) -> DomainResult<Backup> {
    let txn = crate::register::load::consistent(db).await?;
    let read = async {
        let tables = tables::read_all(&txn).await?;
        let feed_head = crate::register::load::head(&txn).await?;
        let audit_head = fgr_entities::audit_head::Entity::find()
            .one(&txn)
            .await?
            .map_or(0, |h| h.last_seq);
        Ok((tables, feed_head, audit_head))
    }
    .await;
    let (tables, feed_head, audit_head) = tx::finish_read(txn, read).await?;
    Ok(Backup {
        format: FORMAT.to_owned(),
        taken_at: Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        engine: engine(db).to_owned(),
        migrations: Migrator::migrations()
            .iter()
            .map(|m| m.name().to_owned())
            .collect(),
        feed_head,
        audit_head,
        tables: tables
            .into_iter()
            .map(|(name, rows)| Table {
                name: name.to_owned(),
                rows,
            })
            .collect(),
    })
}

/// `backup` as the file's bytes: gzip-compressed JSON.
///
/// # Errors
/// `INTERNAL` when it cannot be serialized.
pub fn to_file(backup: &Backup) -> DomainResult<Vec<u8>> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    serde_json::to_writer(&mut gz, backup).map_err(DomainError::internal)?;
    gz.flush().map_err(DomainError::internal)?;
    gz.finish().map_err(DomainError::internal)
}

/// The backup in a file's bytes.
///
/// # Errors
/// `BAD_USER_INPUT` when the bytes are not a backup of [`FORMAT`] made by this version's
/// migrations.
pub fn from_file(bytes: &[u8]) -> DomainResult<Backup> {
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut json)
        .map_err(|e| {
            DomainError::bad_input("file", format!("not a gzip-compressed backup: {e}"))
        })?;
    let backup: Backup = serde_json::from_slice(&json)
        .map_err(|e| DomainError::bad_input("file", format!("not an {FORMAT} file: {e}")))?;
    if backup.format != FORMAT {
        return Err(DomainError::bad_input(
            "file",
            format!("the file is {}, this version reads {FORMAT}", backup.format),
        ));
    }
    let ours: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    if backup.migrations != ours {
        return Err(DomainError::bad_input(
            "file",
            format!(
                "the file was taken at schema {} and this version is at {}: restore it with the version that took it, then upgrade",
                backup.migrations.last().map_or("(none)", String::as_str),
                ours.last().map_or("(none)", String::as_str)
            ),
        ));
    }
    Ok(backup)
}

/// What a restore wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Rows written.
    pub rows: usize,
    /// Audit entries that verified.
    pub audit_entries: u64,
    /// The feed's head afterwards.
    pub feed_head: i64,
}

/// Restores `backup` into `db`, which must be empty (it is migrated first).
///
/// # Errors
/// `CONFLICT` when `db` holds a register already; `BAD_USER_INPUT` when the audit chain in the
/// backup does not verify, or a row is unreadable. Nothing is written then.
pub async fn restore(db: &DatabaseConnection, backup: &Backup) -> DomainResult<Restored> {
    crate::db::migrate(db)
        .await
        .map_err(|e| DomainError::internal(e.to_string()))?;
    let held = fgr_entities::job_family::Entity::find().count(db).await?
        + fgr_entities::audit_event::Entity::find().count(db).await?
        + fgr_entities::change_event::Entity::find().count(db).await?
        + fgr_entities::api_client::Entity::find().count(db).await?;
    if held > 0 {
        return Err(DomainError::Conflict(
            "the target database is not empty: restore into an empty database".into(),
        ));
    }
    let txn = db.begin().await?;
    let written = async {
        // The migration starts every chain with a head row at entry 0; the file brings its own.
        fgr_entities::audit_head::Entity::delete_many().exec(&txn).await?;
        for table in &backup.tables {
            tables::write_one(&txn, &table.name, &table.rows).await?;
        }
        let verified = audit::verify(&txn).await?;
        if let Some((seq, reason)) = verified.first_broken {
            return Err(DomainError::bad_input(
                "file",
                format!("the audit chain in the file is broken at entry #{seq}: {reason}; nothing was restored"),
            ));
        }
        Ok(Restored {
            rows: backup.rows(),
            audit_entries: verified.checked,
            feed_head: crate::register::load::head(&txn).await?,
        })
    }
    .await;
    tx::finish(txn, written).await
}

/// Copies the register in `from` into the empty `to`.
///
/// # Errors
/// As [`take`] and [`restore`].
pub async fn copy(from: &DatabaseConnection, to: &DatabaseConnection) -> DomainResult<Restored> {
    let backup = take(from).await?;
    restore(to, &backup).await
}
