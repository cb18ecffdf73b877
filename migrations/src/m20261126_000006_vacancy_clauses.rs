//! Standard vacancy clauses: a clause (its code) and its versions, each with a period of effect,
//! texts in Dutch and English, where it goes in a vacancy text, and when it applies.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the clause library.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000006_vacancy_clauses"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum VacancyClause {
    Table,
    Id,
    Code,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum VacancyClauseVersion {
    Table,
    Id,
    ClauseId,
    VersionNo,
    EffectiveFrom,
    EffectiveTo,
    Title,
    Category,
    Section,
    SectionOrder,
    TextNl,
    TextEn,
    Mandatory,
    ScaleMin,
    ScaleMax,
    ManagerOnly,
    AbdOnly,
    FamilyCodes,
    GroupCodes,
    SourceReference,
    SourceUrl,
    Illustrative,
    ChangeNote,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(VacancyClause::Table)
                    .col(pk_auto(VacancyClause::Id))
                    .col(string_len_uniq(VacancyClause::Code, 64))
                    .col(date_time(VacancyClause::CreatedAt))
                    .to_owned(),
            )
            .await?;
        let v = VacancyClauseVersion::Table;
        manager
            .create_table(
                Table::create()
                    .table(v)
                    .col(pk_auto(VacancyClauseVersion::Id))
                    .col(integer(VacancyClauseVersion::ClauseId))
                    .col(integer(VacancyClauseVersion::VersionNo))
                    .col(date(VacancyClauseVersion::EffectiveFrom))
                    .col(date_null(VacancyClauseVersion::EffectiveTo))
                    .col(string_len(VacancyClauseVersion::Title, 300))
                    .col(string_len(VacancyClauseVersion::Category, 32))
                    .col(string_len(VacancyClauseVersion::Section, 32))
                    .col(integer(VacancyClauseVersion::SectionOrder))
                    .col(text(VacancyClauseVersion::TextNl))
                    .col(text_null(VacancyClauseVersion::TextEn))
                    .col(boolean(VacancyClauseVersion::Mandatory))
                    .col(integer_null(VacancyClauseVersion::ScaleMin))
                    .col(integer_null(VacancyClauseVersion::ScaleMax))
                    .col(boolean(VacancyClauseVersion::ManagerOnly))
                    .col(boolean(VacancyClauseVersion::AbdOnly))
                    .col(string_len_null(VacancyClauseVersion::FamilyCodes, 500))
                    .col(string_len_null(VacancyClauseVersion::GroupCodes, 1000))
                    .col(text(VacancyClauseVersion::SourceReference))
                    .col(text_null(VacancyClauseVersion::SourceUrl))
                    .col(boolean(VacancyClauseVersion::Illustrative))
                    .col(text_null(VacancyClauseVersion::ChangeNote))
                    .col(string_len(VacancyClauseVersion::CreatedBy, 200))
                    .col(date_time(VacancyClauseVersion::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_vacancy_clause_version_clause")
                            .from(v, VacancyClauseVersion::ClauseId)
                            .to(VacancyClause::Table, VacancyClause::Id)
                            .on_delete(ForeignKeyAction::Restrict)
                            .on_update(ForeignKeyAction::Restrict),
                    )
                    .check((
                        "ck_clause_version_no",
                        Expr::col(VacancyClauseVersion::VersionNo).gte(1),
                    ))
                    // A version replaced on the day it would start is kept, with an empty period.
                    .check((
                        "ck_clause_period",
                        Expr::col(VacancyClauseVersion::EffectiveTo)
                            .is_null()
                            .or(Expr::col(VacancyClauseVersion::EffectiveTo)
                                .gte(Expr::col(VacancyClauseVersion::EffectiveFrom))),
                    ))
                    .check((
                        "ck_clause_scales",
                        Expr::col(VacancyClauseVersion::ScaleMin)
                            .is_null()
                            .or(Expr::col(VacancyClauseVersion::ScaleMin).between(1, 19)),
                    ))
                    .check((
                        "ck_clause_scale_max",
                        Expr::col(VacancyClauseVersion::ScaleMax)
                            .is_null()
                            .or(Expr::col(VacancyClauseVersion::ScaleMax).between(1, 19)),
                    ))
                    .check((
                        "ck_clause_scale_range",
                        Expr::col(VacancyClauseVersion::ScaleMin)
                            .is_null()
                            .or(Expr::col(VacancyClauseVersion::ScaleMax).is_null())
                            .or(Expr::col(VacancyClauseVersion::ScaleMin)
                                .lte(Expr::col(VacancyClauseVersion::ScaleMax))),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_clause_version_no")
                    .table(v)
                    .col(VacancyClauseVersion::ClauseId)
                    .col(VacancyClauseVersion::VersionNo)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(VacancyClauseVersion::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(VacancyClause::Table).to_owned())
            .await
    }
}
