//! The change feed: every change to groups, typings, requirements, clauses, formats and criteria,
//! numbered without gaps in the order the changes were committed.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the change feed.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000008_change_feed"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum ChangeEvent {
    Table,
    Seq,
    OccurredAt,
    EntityType,
    EntityId,
    Version,
    Kind,
    EffectiveFrom,
    DataJson,
    RequestId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChangeEvent::Table)
                    .col(big_integer(ChangeEvent::Seq).primary_key())
                    .col(date_time(ChangeEvent::OccurredAt))
                    .col(string_len(ChangeEvent::EntityType, 32))
                    .col(string_len(ChangeEvent::EntityId, 200))
                    .col(integer(ChangeEvent::Version))
                    .col(string_len(ChangeEvent::Kind, 16))
                    .col(date_null(ChangeEvent::EffectiveFrom))
                    .col(text_null(ChangeEvent::DataJson))
                    .col(string_len(ChangeEvent::RequestId, 100))
                    .check((
                        "ck_change_kind",
                        Expr::col(ChangeEvent::Kind).is_in(["CREATED", "CHANGED", "RETIRED"]),
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ChangeEvent::Table).to_owned())
            .await
    }
}
