//! Access: people's sessions, login attempts in flight, and machine clients' API tokens.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the access tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000002_access"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Session {
    Table,
    Id,
    Subject,
    DisplayName,
    Email,
    Roles,
    IdToken,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LoginAttempt {
    Table,
    Id,
    State,
    Nonce,
    PkceVerifier,
    ReturnTo,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ApiClient {
    Table,
    Id,
    PublicId,
    Name,
    Scopes,
    SecretHash,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
    LastUsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    // The SHA-256 of the cookie value; the value itself is never stored.
                    .col(string_len(Session::Id, 64).primary_key())
                    .col(string_len(Session::Subject, 300))
                    .col(string_len(Session::DisplayName, 300))
                    .col(string_len_null(Session::Email, 300))
                    .col(string_len(Session::Roles, 300))
                    .col(text_null(Session::IdToken))
                    .col(date_time(Session::CreatedAt))
                    .col(date_time(Session::LastSeenAt))
                    .col(date_time(Session::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginAttempt::Table)
                    .col(string_len(LoginAttempt::Id, 64).primary_key())
                    .col(string_len(LoginAttempt::State, 200))
                    .col(string_len(LoginAttempt::Nonce, 200))
                    .col(string_len(LoginAttempt::PkceVerifier, 200))
                    .col(string_len(LoginAttempt::ReturnTo, 2000))
                    .col(date_time(LoginAttempt::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiClient::Table)
                    .col(pk_auto(ApiClient::Id))
                    .col(string_len_uniq(ApiClient::PublicId, 64))
                    .col(string_len(ApiClient::Name, 200))
                    .col(string_len(ApiClient::Scopes, 300))
                    .col(string_len(ApiClient::SecretHash, 64))
                    .col(date_time(ApiClient::CreatedAt))
                    .col(date_time_null(ApiClient::ExpiresAt))
                    .col(date_time_null(ApiClient::RevokedAt))
                    .col(date_time_null(ApiClient::LastUsedAt))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ApiClient::Table.into_iden(),
            LoginAttempt::Table.into_iden(),
            Session::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
