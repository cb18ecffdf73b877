//! Webhooks: machine clients' addresses that receive the change feed, signed and in order, and
//! the log of every delivery attempt.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `webhook` and `webhook_delivery`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000014_webhooks"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Webhook {
    Table,
    Id,
    ApiClientId,
    Url,
    Secret,
    DeliveredThrough,
    Attempts,
    NextAttemptAt,
    LeaseOwner,
    LeaseUntil,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum WebhookDelivery {
    Table,
    Id,
    WebhookId,
    Position,
    DeliveryId,
    Attempt,
    AttemptedAt,
    StatusCode,
    Delivered,
    Error,
}

#[derive(DeriveIden, Clone, Copy)]
enum ApiClient {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Webhook::Table)
                    .col(pk_auto(Webhook::Id))
                    .col(integer(Webhook::ApiClientId))
                    .col(string_len(Webhook::Url, 2000))
                    .col(string_len(Webhook::Secret, 100))
                    .col(big_integer(Webhook::DeliveredThrough).default(0))
                    .col(integer(Webhook::Attempts).default(0))
                    .col(date_time_null(Webhook::NextAttemptAt))
                    .col(string_len_null(Webhook::LeaseOwner, 100))
                    .col(date_time_null(Webhook::LeaseUntil))
                    .col(date_time(Webhook::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Webhook::Table, Webhook::ApiClientId)
                            .to(ApiClient::Table, ApiClient::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookDelivery::Table)
                    .col(big_pk_auto(WebhookDelivery::Id))
                    .col(integer(WebhookDelivery::WebhookId))
                    .col(big_integer(WebhookDelivery::Position))
                    .col(string_len(WebhookDelivery::DeliveryId, 100))
                    .col(integer(WebhookDelivery::Attempt))
                    .col(date_time(WebhookDelivery::AttemptedAt))
                    .col(integer_null(WebhookDelivery::StatusCode))
                    .col(boolean(WebhookDelivery::Delivered))
                    .col(string_len_null(WebhookDelivery::Error, 500))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookDelivery::Table, WebhookDelivery::WebhookId)
                            .to(Webhook::Table, Webhook::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("webhook_delivery_by_webhook")
                    .table(WebhookDelivery::Table)
                    .col(WebhookDelivery::WebhookId)
                    .col(WebhookDelivery::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WebhookDelivery::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Webhook::Table).to_owned())
            .await
    }
}
