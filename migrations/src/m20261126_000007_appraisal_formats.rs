//! Appraisal formats (the personeelsgesprek's forms) and rating scales. A format's versions hold
//! their sections and criteria as one JSON document, like a proposal's content, so a format
//! changes through the same amendment workflow as a profile.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the rating scales and appraisal formats.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000007_appraisal_formats"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum RatingScale {
    Table,
    Id,
    Code,
    Name,
    LevelsJson,
    SourceReference,
    SourceUrl,
    Illustrative,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppraisalFormat {
    Table,
    Id,
    Code,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppraisalFormatVersion {
    Table,
    Id,
    FormatId,
    VersionNo,
    EffectiveFrom,
    EffectiveTo,
    Name,
    Audience,
    AudienceCodes,
    ContentJson,
    ProvenanceKind,
    ProvenanceReference,
    Illustrative,
    Note,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RatingScale::Table)
                    .col(pk_auto(RatingScale::Id))
                    .col(string_len_uniq(RatingScale::Code, 64))
                    .col(string_len(RatingScale::Name, 200))
                    .col(text(RatingScale::LevelsJson))
                    .col(text(RatingScale::SourceReference))
                    .col(text_null(RatingScale::SourceUrl))
                    .col(boolean(RatingScale::Illustrative))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AppraisalFormat::Table)
                    .col(pk_auto(AppraisalFormat::Id))
                    .col(string_len_uniq(AppraisalFormat::Code, 64))
                    .col(date_time(AppraisalFormat::CreatedAt))
                    .to_owned(),
            )
            .await?;
        let v = AppraisalFormatVersion::Table;
        manager
            .create_table(
                Table::create()
                    .table(v)
                    .col(pk_auto(AppraisalFormatVersion::Id))
                    .col(integer(AppraisalFormatVersion::FormatId))
                    .col(integer(AppraisalFormatVersion::VersionNo))
                    .col(date(AppraisalFormatVersion::EffectiveFrom))
                    .col(date_null(AppraisalFormatVersion::EffectiveTo))
                    .col(string_len(AppraisalFormatVersion::Name, 300))
                    .col(string_len(AppraisalFormatVersion::Audience, 32))
                    .col(string_len_null(AppraisalFormatVersion::AudienceCodes, 1000))
                    .col(text(AppraisalFormatVersion::ContentJson))
                    .col(string_len(AppraisalFormatVersion::ProvenanceKind, 32))
                    .col(text_null(AppraisalFormatVersion::ProvenanceReference))
                    .col(boolean(AppraisalFormatVersion::Illustrative))
                    .col(text_null(AppraisalFormatVersion::Note))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_format_version_format")
                            .from(v, AppraisalFormatVersion::FormatId)
                            .to(AppraisalFormat::Table, AppraisalFormat::Id)
                            .on_delete(ForeignKeyAction::Restrict)
                            .on_update(ForeignKeyAction::Restrict),
                    )
                    .check((
                        "ck_format_version_no",
                        Expr::col(AppraisalFormatVersion::VersionNo).gte(1),
                    ))
                    .check((
                        "ck_format_period",
                        Expr::col(AppraisalFormatVersion::EffectiveTo)
                            .is_null()
                            .or(Expr::col(AppraisalFormatVersion::EffectiveTo)
                                .gt(Expr::col(AppraisalFormatVersion::EffectiveFrom))),
                    ))
                    .check((
                        "ck_format_audience",
                        Expr::col(AppraisalFormatVersion::Audience).is_in([
                            "ALL_STAFF",
                            "MANAGERS",
                            "FAMILIES",
                            "GROUPS",
                        ]),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_format_version_no")
                    .table(v)
                    .col(AppraisalFormatVersion::FormatId)
                    .col(AppraisalFormatVersion::VersionNo)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AppraisalFormatVersion::Table.into_iden(),
            AppraisalFormat::Table.into_iden(),
            RatingScale::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
