//! The audit trail: an append-only, hash-chained log of every change. The database itself
//! refuses to update or delete entries (triggers on SQLite, PostgreSQL and MariaDB).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// Creates the audit tables and their guards.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000003_audit"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditEvent {
    Table,
    Id,
    Seq,
    OccurredAt,
    Actor,
    ActorRole,
    Action,
    TargetType,
    TargetId,
    BeforeJson,
    AfterJson,
    RequestId,
    PrevHash,
    Hash,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditHead {
    Table,
    Id,
    LastSeq,
    LastHash,
}

/// The hash the first entry chains to.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(pk_auto(AuditEvent::Id))
                    .col(big_integer_uniq(AuditEvent::Seq))
                    .col(date_time(AuditEvent::OccurredAt))
                    .col(string_len(AuditEvent::Actor, 300))
                    .col(string_len(AuditEvent::ActorRole, 300))
                    .col(string_len(AuditEvent::Action, 100))
                    .col(string_len(AuditEvent::TargetType, 100))
                    .col(string_len(AuditEvent::TargetId, 200))
                    .col(text_null(AuditEvent::BeforeJson))
                    .col(text_null(AuditEvent::AfterJson))
                    .col(string_len(AuditEvent::RequestId, 100))
                    .col(string_len(AuditEvent::PrevHash, 64))
                    .col(string_len_uniq(AuditEvent::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditHead::Table)
                    .col(integer(AuditHead::Id).primary_key())
                    .col(big_integer(AuditHead::LastSeq))
                    .col(string_len(AuditHead::LastHash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(AuditHead::Table)
                    .columns([AuditHead::Id, AuditHead::LastSeq, AuditHead::LastHash])
                    .values_panic([1.into(), 0i64.into(), GENESIS.into()])
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        let statements: Vec<&str> = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => vec![
                "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event \
                 BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
                "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event \
                 BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
            ],
            DatabaseBackend::Postgres => vec![
                "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP; END $$",
                "CREATE TRIGGER audit_event_no_rewrite BEFORE UPDATE OR DELETE ON audit_event \
                 FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
                "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event \
                 FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
            ],
            DatabaseBackend::MySql => vec![
                "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW \
                 SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_event is append-only'",
                "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW \
                 SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_event is append-only'",
            ],
            _ => vec![],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // Dropping the table drops its triggers; PostgreSQL's function goes separately.
        manager
            .drop_table(Table::drop().table(AuditHead::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AuditEvent::Table).to_owned())
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION IF EXISTS audit_event_append_only()")
                .await?;
        }
        Ok(())
    }
}
