//! `fgr audit verify` and `fgr audit checkpoint`: the audit chain checked whole, and against
//! signed checkpoints kept outside the database.

use crate::db;

use super::{AuditCommand, CliError};

pub(super) async fn run(database_url: &str, command: AuditCommand) -> Result<(), CliError> {
    match command {
        AuditCommand::Verify {
            checkpoints,
            key_file,
        } => {
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
            let conn = db::connect(database_url).await?;
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
        AuditCommand::Checkpoint { key_file } => {
            let key =
                crate::domain::checkpoints::key_from_file(&key_file).map_err(CliError::Other)?;
            let conn = db::connect(database_url).await?;
            db::migrate(&conn).await?;
            let checkpoint = crate::domain::checkpoints::take(&conn, &key)
                .await
                .map_err(|e| CliError::Other(e.to_string()))?;
            outln!("{}", checkpoint.to_line());
            Ok(())
        }
    }
}
