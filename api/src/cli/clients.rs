//! `fgr clients` and `fgr operations`: machine clients' tokens and their persisted operations.

use crate::auth::api_tokens;
use crate::db;
use crate::domain::audit::Actor;

use super::{cli_request_id, CliError, ClientsCommand, OperationsCommand};

pub(super) async fn clients(database_url: &str, command: ClientsCommand) -> Result<(), CliError> {
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

pub(super) async fn operations(
    database_url: &str,
    command: OperationsCommand,
) -> Result<(), CliError> {
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
