//! Source documents (the minister's letter of 14 April 2025, the FGR FAQ) as records that others
//! cite; the catalogue's declared totals with their sources; and ABD membership as a dated rule
//! (which posts are ABD posts on a date) instead of a constant in the code. And the date of the
//! decision an appraisal-format version rests on, apart from its first day in effect, and the
//! source document a responsibility requirement comes from.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `source_document`, `declared_total` and `abd_rule_version`; adds
/// `appraisal_format_version.decided_on`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000011_sources_and_abd_rule"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum SourceDocument {
    Table,
    Id,
    Code,
    Title,
    Reference,
    Url,
    PublishedOn,
}

#[derive(DeriveIden, Clone, Copy)]
enum DeclaredTotal {
    Table,
    Id,
    GroupCount,
    SourceDocumentId,
    Quote,
    Note,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
enum AbdRuleVersion {
    Table,
    Id,
    VersionNo,
    EffectiveFrom,
    EffectiveTo,
    MinScale,
    SourceDocumentId,
    Reference,
    Url,
    DecidedOn,
    Illustrative,
    Note,
    ChangedBy,
}

fn to_source<T: IntoIden + Clone, C: IntoIden>(table: T, column: C) -> ForeignKeyCreateStatement {
    let name = format!("fk_{}_source_document", table.clone().into_iden());
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(SourceDocument::Table, SourceDocument::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .on_update(ForeignKeyAction::Restrict)
        .to_owned()
}

#[derive(DeriveIden, Clone, Copy)]
enum AppraisalFormatVersion {
    Table,
    DecidedOn,
}

#[derive(DeriveIden, Clone, Copy)]
enum ResponsibilityRequirement {
    Table,
    SourceDocumentId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SourceDocument::Table)
                    .col(pk_auto(SourceDocument::Id))
                    .col(string_len_uniq(SourceDocument::Code, 64))
                    .col(text(SourceDocument::Title))
                    .col(text(SourceDocument::Reference))
                    .col(text_null(SourceDocument::Url))
                    .col(date_null(SourceDocument::PublishedOn))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeclaredTotal::Table)
                    .col(pk_auto(DeclaredTotal::Id))
                    .col(integer(DeclaredTotal::GroupCount))
                    .col(integer(DeclaredTotal::SourceDocumentId))
                    .col(text_null(DeclaredTotal::Quote))
                    .col(text_null(DeclaredTotal::Note))
                    .col(integer(DeclaredTotal::SortOrder))
                    .foreign_key(&mut to_source(
                        DeclaredTotal::Table,
                        DeclaredTotal::SourceDocumentId,
                    ))
                    .check((
                        "ck_declared_total_count",
                        Expr::col(DeclaredTotal::GroupCount).gt(0),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AbdRuleVersion::Table)
                    .col(pk_auto(AbdRuleVersion::Id))
                    .col(integer_uniq(AbdRuleVersion::VersionNo))
                    .col(date(AbdRuleVersion::EffectiveFrom))
                    .col(date_null(AbdRuleVersion::EffectiveTo))
                    .col(integer(AbdRuleVersion::MinScale))
                    .col(integer_null(AbdRuleVersion::SourceDocumentId))
                    .col(text(AbdRuleVersion::Reference))
                    .col(text_null(AbdRuleVersion::Url))
                    .col(date_null(AbdRuleVersion::DecidedOn))
                    .col(boolean(AbdRuleVersion::Illustrative))
                    .col(text_null(AbdRuleVersion::Note))
                    .col(string_len_null(AbdRuleVersion::ChangedBy, 200))
                    .foreign_key(&mut to_source(
                        AbdRuleVersion::Table,
                        AbdRuleVersion::SourceDocumentId,
                    ))
                    .check((
                        "ck_abd_rule_min_scale",
                        Expr::col(AbdRuleVersion::MinScale)
                            .gte(1)
                            .and(Expr::col(AbdRuleVersion::MinScale).lte(19)),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AppraisalFormatVersion::Table)
                    .add_column(date_null(AppraisalFormatVersion::DecidedOn))
                    .to_owned(),
            )
            .await?;
        // A plain column: SQLite cannot add a foreign key to an existing table; the seed and
        // the domain only ever set ids of `source_document` rows.
        manager
            .alter_table(
                Table::alter()
                    .table(ResponsibilityRequirement::Table)
                    .add_column(integer_null(ResponsibilityRequirement::SourceDocumentId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ResponsibilityRequirement::Table)
                    .drop_column(ResponsibilityRequirement::SourceDocumentId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AppraisalFormatVersion::Table)
                    .drop_column(AppraisalFormatVersion::DecidedOn)
                    .to_owned(),
            )
            .await?;
        for table in [
            AbdRuleVersion::Table.into_iden(),
            DeclaredTotal::Table.into_iden(),
            SourceDocument::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
