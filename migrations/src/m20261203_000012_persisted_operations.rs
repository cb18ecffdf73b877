//! Persisted operations (trusted documents) for machine clients: GraphQL documents registered
//! by a maintainer and sent by their SHA-256 id instead of their text, and the clients that may
//! only send such documents.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `persisted_operation`; adds `api_client.trusted_documents_only`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000012_persisted_operations"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum PersistedOperation {
    Table,
    Id,
    DocumentId,
    Name,
    Document,
    AddedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ApiClient {
    Table,
    TrustedDocumentsOnly,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PersistedOperation::Table)
                    .col(pk_auto(PersistedOperation::Id))
                    // `sha256:` and 64 hex digits.
                    .col(string_len_uniq(PersistedOperation::DocumentId, 71))
                    .col(string_len_null(PersistedOperation::Name, 200))
                    .col(text(PersistedOperation::Document))
                    .col(date_time(PersistedOperation::AddedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ApiClient::Table)
                    .add_column(boolean(ApiClient::TrustedDocumentsOnly).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ApiClient::Table)
                    .drop_column(ApiClient::TrustedDocumentsOnly)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(PersistedOperation::Table).to_owned())
            .await
    }
}
