//! An index on the change feed by entity, so that recording a change looks up only the events of
//! the thing changed, whatever the length of the feed.

use sea_orm_migration::prelude::*;

/// Adds `ix_change_event_entity`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000009_change_feed_index"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum ChangeEvent {
    Table,
    EntityType,
    EntityId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_change_event_entity")
                    .table(ChangeEvent::Table)
                    .col(ChangeEvent::EntityType)
                    .col(ChangeEvent::EntityId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_change_event_entity")
                    .table(ChangeEvent::Table)
                    .to_owned(),
            )
            .await
    }
}
