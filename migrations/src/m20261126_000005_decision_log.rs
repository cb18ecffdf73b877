//! The FGR's own version log: the owner's decisions that changed the function building, as
//! published on the FGR site (historical decisions, before this register).

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the decision log.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000005_decision_log"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum DecisionLog {
    Table,
    Id,
    DecidedOn,
    Decision,
    Summary,
    GroupCodes,
    SourceUrl,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DecisionLog::Table)
                    .col(pk_auto(DecisionLog::Id))
                    .col(date(DecisionLog::DecidedOn))
                    .col(string_len(DecisionLog::Decision, 200))
                    .col(text(DecisionLog::Summary))
                    .col(string_len_null(DecisionLog::GroupCodes, 500))
                    .col(text(DecisionLog::SourceUrl))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DecisionLog::Table).to_owned())
            .await
    }
}
