//! `fgr webhooks`: register, list, inspect and remove webhooks (see [`crate::push::webhooks`]).

use crate::db;
use crate::domain::audit::Actor;
use crate::push::webhooks;

use super::{cli_request_id, CliError, WebhooksCommand};

pub(super) async fn run(database_url: &str, command: WebhooksCommand) -> Result<(), CliError> {
    let conn = db::connect(database_url).await?;
    db::migrate(&conn).await?;
    let failed = |e: crate::error::DomainError| CliError::Other(e.to_string());
    match command {
        WebhooksCommand::Add {
            client,
            url,
            from_start,
        } => {
            let added = webhooks::add(
                &conn,
                &Actor::cli(),
                &cli_request_id(),
                &client,
                &url,
                from_start,
            )
            .await
            .map_err(failed)?;
            eprintln!(
                "fgr: webhook {} for client {client} at {url}, from feed position {}; its signing secret is shown once:",
                added.id, added.delivered_through
            );
            outln!("{}", added.secret);
        }
        WebhooksCommand::List => {
            outln!(
                "{:<4} {:<14} {:<50} {:>10} {:>8} STATE",
                "ID",
                "CLIENT",
                "URL",
                "DELIVERED",
                "BACKLOG"
            );
            for listed in webhooks::list(&conn).await.map_err(failed)? {
                let w = &listed.webhook;
                let state = match (listed.paused, w.next_attempt_at) {
                    (Some(why), _) => format!("paused: {why}"),
                    (None, Some(at)) => format!("retrying after {at} UTC ({} failed)", w.attempts),
                    (None, None) => "ok".to_owned(),
                };
                outln!(
                    "{:<4} {:<14} {:<50} {:>10} {:>8} {state}",
                    w.id,
                    listed.client,
                    w.url,
                    w.delivered_through,
                    listed.backlog
                );
            }
        }
        WebhooksCommand::Deliveries { id, last } => {
            outln!(
                "{:<26} {:<16} {:>7} {:>6} OUTCOME",
                "ATTEMPTED (UTC)",
                "DELIVERY",
                "ATTEMPT",
                "STATUS"
            );
            for d in webhooks::deliveries(&conn, id, last)
                .await
                .map_err(failed)?
            {
                outln!(
                    "{:<26} {:<16} {:>7} {:>6} {}",
                    d.attempted_at.format("%Y-%m-%d %H:%M:%S%.3f").to_string(),
                    d.delivery_id,
                    d.attempt,
                    d.status_code
                        .map_or_else(|| "-".to_owned(), |s| s.to_string()),
                    if d.delivered {
                        "delivered".to_owned()
                    } else {
                        d.error.unwrap_or_default()
                    }
                );
            }
        }
        WebhooksCommand::Remove { id } => {
            webhooks::remove(&conn, &Actor::cli(), &cli_request_id(), id)
                .await
                .map_err(failed)?;
            eprintln!("fgr: webhook {id} removed");
        }
    }
    Ok(())
}
