//! `fgr backup`, `fgr restore` and `fgr db copy` (see [`crate::backup`]).

use std::path::Path;

use crate::backup::{self, Restored};
use crate::db;

use super::CliError;

fn failed(e: crate::error::DomainError) -> CliError {
    CliError::Other(e.to_string())
}

fn report(restored: &Restored, into: &str) {
    eprintln!(
        "fgr: {} rows restored into {}; the audit chain verifies ({} entries); the change feed goes on after position {}",
        restored.rows,
        db::redact(into),
        restored.audit_entries,
        restored.feed_head
    );
}

pub(super) async fn take(database_url: &str, out: &Path) -> Result<(), CliError> {
    let conn = db::connect(database_url).await?;
    let taken = backup::take(&conn).await.map_err(failed)?;
    let bytes = backup::to_file(&taken).map_err(failed)?;
    // Written next to the target first, so an interrupted backup never leaves half a file
    // under the name.
    let partial = out.with_extension("partial");
    std::fs::write(&partial, &bytes)
        .and_then(|()| std::fs::rename(&partial, out))
        .map_err(|e| CliError::Other(format!("cannot write {}: {e}", out.display())))?;
    eprintln!(
        "fgr: backup of {} rows in {} tables written to {} ({} bytes); feed position {}, audit entry {}",
        taken.rows(),
        taken.tables.len(),
        out.display(),
        bytes.len(),
        taken.feed_head,
        taken.audit_head
    );
    Ok(())
}

pub(super) async fn restore(database_url: &str, file: &Path) -> Result<(), CliError> {
    let bytes = std::fs::read(file)
        .map_err(|e| CliError::Other(format!("cannot read {}: {e}", file.display())))?;
    let taken = backup::from_file(&bytes).map_err(failed)?;
    let conn = db::connect(database_url).await?;
    let restored = backup::restore(&conn, &taken).await.map_err(failed)?;
    report(&restored, database_url);
    Ok(())
}

pub(super) async fn copy(from: &str, to: &str) -> Result<(), CliError> {
    let source = db::connect(from).await?;
    let target = db::connect(to).await?;
    let restored = backup::copy(&source, &target).await.map_err(failed)?;
    report(&restored, to);
    Ok(())
}
