//! PostgreSQL only: every insert into the change feed notifies the channel `fgr_changes` (at
//! commit, once per transaction), so each replica's subscriptions learn of a change committed
//! through any other at once instead of polling. Elsewhere nothing changes (MariaDB replicas poll
//! the feed's head; SQLite has one process).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// Adds the trigger `change_event_notify` on PostgreSQL.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000013_change_notify"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        db.execute_unprepared(
            "CREATE OR REPLACE FUNCTION fgr_notify_change() RETURNS trigger AS $$ \
             BEGIN PERFORM pg_notify('fgr_changes', ''); RETURN NULL; END $$ LANGUAGE plpgsql",
        )
        .await?;
        db.execute_unprepared(
            "CREATE TRIGGER change_event_notify AFTER INSERT ON change_event \
             FOR EACH STATEMENT EXECUTE FUNCTION fgr_notify_change()",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        db.execute_unprepared("DROP TRIGGER IF EXISTS change_event_notify ON change_event")
            .await?;
        db.execute_unprepared("DROP FUNCTION IF EXISTS fgr_notify_change()")
            .await?;
        Ok(())
    }
}
