//! The FGR catalogue: families, function groups, their versioned content (core profile, typings,
//! requirement coverage), competences and responsibility requirements.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the catalogue tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000001_catalogue"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum JobFamily {
    Table,
    Id,
    Code,
    Name,
    Definition,
    ManagerFamily,
    SortOrder,
    SourceUrl,
    Illustrative,
    DataNote,
}

#[derive(DeriveIden, Clone, Copy)]
enum FunctionGroup {
    Table,
    Id,
    FamilyId,
    Code,
    Name,
    Description,
    ScaleMin,
    ScaleMax,
    WorkLevels,
    FgrSiteId,
    AddedOn,
    SearchText,
    SourceUrl,
    Illustrative,
    DataNote,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupVersion {
    Table,
    Id,
    GroupId,
    VersionNo,
    EffectiveFrom,
    EffectiveTo,
    ProvenanceKind,
    ProvenanceReference,
    ProvenanceUrl,
    DecidedOn,
    Illustrative,
    Note,
}

#[derive(DeriveIden, Clone, Copy)]
enum CoreProfile {
    Table,
    Id,
    GroupVersionId,
    Purpose,
    SourceUrl,
    Illustrative,
}

#[derive(DeriveIden, Clone, Copy)]
enum ResultArea {
    Table,
    Id,
    CoreProfileId,
    Code,
    Label,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
enum CoreProfileItem {
    Table,
    Id,
    ResultAreaId,
    Kind,
    Text,
    SortOrder,
    Illustrative,
}

#[derive(DeriveIden, Clone, Copy)]
enum Competence {
    Table,
    Id,
    Name,
    Description,
    SourceUrl,
    Illustrative,
}

#[derive(DeriveIden, Clone, Copy)]
enum CoreProfileCompetence {
    Table,
    CoreProfileId,
    CompetenceId,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
enum Typing {
    Table,
    Id,
    GroupVersionId,
    Scale,
    FuwasysScores,
    FuwasysTotal,
    SourceUrl,
    Illustrative,
}

#[derive(DeriveIden, Clone, Copy)]
enum TypingItem {
    Table,
    Id,
    TypingId,
    Section,
    SubCategory,
    Text,
    SortOrder,
    Illustrative,
}

#[derive(DeriveIden, Clone, Copy)]
enum ResponsibilityRequirement {
    Table,
    Id,
    Code,
    Title,
    Text,
    Theme,
    SourceReference,
    SourceUrl,
    RequiredFrom,
    Illustrative,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
enum RequirementScope {
    Table,
    Id,
    RequirementId,
    FamilyId,
    GroupId,
}

#[derive(DeriveIden, Clone, Copy)]
enum RequirementCoverage {
    Table,
    Id,
    GroupVersionId,
    RequirementId,
    TypingScale,
    Location,
    Quote,
    Illustrative,
    Note,
}

/// A foreign key from `table.column` to `to.id`, named after the pair.
fn fk<T: IntoIden + Clone, C: IntoIden, U: IntoIden + Clone, D: IntoIden>(
    table: T,
    column: C,
    to: U,
    to_id: D,
) -> ForeignKeyCreateStatement {
    let table_name = table.clone().into_iden().to_string();
    let to_name = to.clone().into_iden().to_string();
    ForeignKey::create()
        .name(format!("fk_{table_name}_{to_name}"))
        .from(table, column)
        .to(to, to_id)
        .on_delete(ForeignKeyAction::Restrict)
        .on_update(ForeignKeyAction::Restrict)
        .to_owned()
}

/// `low <= column <= high`, as a named CHECK constraint.
fn between(name: &str, column: impl IntoIden + Clone, low: i32, high: i32) -> (String, Expr) {
    (
        name.to_owned(),
        Expr::col(column.clone())
            .gte(low)
            .and(Expr::col(column).lte(high)),
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(JobFamily::Table)
                    .col(pk_auto(JobFamily::Id))
                    .col(string_len_uniq(JobFamily::Code, 64))
                    .col(string_len(JobFamily::Name, 200))
                    .col(text_null(JobFamily::Definition))
                    .col(boolean(JobFamily::ManagerFamily))
                    .col(integer(JobFamily::SortOrder))
                    .col(text_null(JobFamily::SourceUrl))
                    .col(boolean(JobFamily::Illustrative))
                    .col(text_null(JobFamily::DataNote))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FunctionGroup::Table)
                    .col(pk_auto(FunctionGroup::Id))
                    .col(integer(FunctionGroup::FamilyId))
                    .col(string_len_uniq(FunctionGroup::Code, 64))
                    .col(string_len(FunctionGroup::Name, 200))
                    .col(text_null(FunctionGroup::Description))
                    .col(integer(FunctionGroup::ScaleMin))
                    .col(integer(FunctionGroup::ScaleMax))
                    .col(string_len_null(FunctionGroup::WorkLevels, 200))
                    .col(integer_null(FunctionGroup::FgrSiteId))
                    .col(date_null(FunctionGroup::AddedOn))
                    .col(text(FunctionGroup::SearchText))
                    .col(text_null(FunctionGroup::SourceUrl))
                    .col(boolean(FunctionGroup::Illustrative))
                    .col(text_null(FunctionGroup::DataNote))
                    .col(integer(FunctionGroup::SortOrder))
                    .foreign_key(&mut fk(
                        FunctionGroup::Table,
                        FunctionGroup::FamilyId,
                        JobFamily::Table,
                        JobFamily::Id,
                    ))
                    .check(between(
                        "ck_group_scale_min",
                        FunctionGroup::ScaleMin,
                        1,
                        19,
                    ))
                    .check(between(
                        "ck_group_scale_max",
                        FunctionGroup::ScaleMax,
                        1,
                        19,
                    ))
                    .check((
                        "ck_group_scale_order",
                        Expr::col(FunctionGroup::ScaleMin).lte(Expr::col(FunctionGroup::ScaleMax)),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_function_group_family")
                    .table(FunctionGroup::Table)
                    .col(FunctionGroup::FamilyId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(GroupVersion::Table)
                    .col(pk_auto(GroupVersion::Id))
                    .col(integer(GroupVersion::GroupId))
                    .col(integer(GroupVersion::VersionNo))
                    .col(date(GroupVersion::EffectiveFrom))
                    .col(date_null(GroupVersion::EffectiveTo))
                    .col(string_len(GroupVersion::ProvenanceKind, 32))
                    .col(text_null(GroupVersion::ProvenanceReference))
                    .col(text_null(GroupVersion::ProvenanceUrl))
                    .col(date_null(GroupVersion::DecidedOn))
                    .col(boolean(GroupVersion::Illustrative))
                    .col(text_null(GroupVersion::Note))
                    .foreign_key(&mut fk(
                        GroupVersion::Table,
                        GroupVersion::GroupId,
                        FunctionGroup::Table,
                        FunctionGroup::Id,
                    ))
                    .check(("ck_version_no", Expr::col(GroupVersion::VersionNo).gte(1)))
                    .check((
                        "ck_version_period",
                        Expr::col(GroupVersion::EffectiveTo)
                            .is_null()
                            .or(Expr::col(GroupVersion::EffectiveTo)
                                .gt(Expr::col(GroupVersion::EffectiveFrom))),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_group_version_no")
                    .table(GroupVersion::Table)
                    .col(GroupVersion::GroupId)
                    .col(GroupVersion::VersionNo)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CoreProfile::Table)
                    .col(pk_auto(CoreProfile::Id))
                    .col(integer_uniq(CoreProfile::GroupVersionId))
                    .col(text_null(CoreProfile::Purpose))
                    .col(text_null(CoreProfile::SourceUrl))
                    .col(boolean(CoreProfile::Illustrative))
                    .foreign_key(&mut fk(
                        CoreProfile::Table,
                        CoreProfile::GroupVersionId,
                        GroupVersion::Table,
                        GroupVersion::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ResultArea::Table)
                    .col(pk_auto(ResultArea::Id))
                    .col(integer(ResultArea::CoreProfileId))
                    .col(string_len(ResultArea::Code, 64))
                    .col(string_len(ResultArea::Label, 200))
                    .col(integer(ResultArea::SortOrder))
                    .foreign_key(&mut fk(
                        ResultArea::Table,
                        ResultArea::CoreProfileId,
                        CoreProfile::Table,
                        CoreProfile::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_result_area_code")
                    .table(ResultArea::Table)
                    .col(ResultArea::CoreProfileId)
                    .col(ResultArea::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CoreProfileItem::Table)
                    .col(pk_auto(CoreProfileItem::Id))
                    .col(integer(CoreProfileItem::ResultAreaId))
                    .col(string_len(CoreProfileItem::Kind, 32))
                    .col(text(CoreProfileItem::Text))
                    .col(integer(CoreProfileItem::SortOrder))
                    .col(boolean(CoreProfileItem::Illustrative))
                    .foreign_key(&mut fk(
                        CoreProfileItem::Table,
                        CoreProfileItem::ResultAreaId,
                        ResultArea::Table,
                        ResultArea::Id,
                    ))
                    .check((
                        "ck_core_profile_item_kind",
                        Expr::col(CoreProfileItem::Kind).is_in(["RESULT", "BEHAVIOUR_INDICATOR"]),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Competence::Table)
                    .col(pk_auto(Competence::Id))
                    .col(string_len_uniq(Competence::Name, 200))
                    .col(text_null(Competence::Description))
                    .col(text_null(Competence::SourceUrl))
                    .col(boolean(Competence::Illustrative))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CoreProfileCompetence::Table)
                    .col(integer(CoreProfileCompetence::CoreProfileId))
                    .col(integer(CoreProfileCompetence::CompetenceId))
                    .col(integer(CoreProfileCompetence::SortOrder))
                    .primary_key(
                        Index::create()
                            .col(CoreProfileCompetence::CoreProfileId)
                            .col(CoreProfileCompetence::CompetenceId),
                    )
                    .foreign_key(&mut fk(
                        CoreProfileCompetence::Table,
                        CoreProfileCompetence::CoreProfileId,
                        CoreProfile::Table,
                        CoreProfile::Id,
                    ))
                    .foreign_key(&mut fk(
                        CoreProfileCompetence::Table,
                        CoreProfileCompetence::CompetenceId,
                        Competence::Table,
                        Competence::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Typing::Table)
                    .col(pk_auto(Typing::Id))
                    .col(integer(Typing::GroupVersionId))
                    .col(integer(Typing::Scale))
                    .col(string_len_null(Typing::FuwasysScores, 17))
                    .col(integer_null(Typing::FuwasysTotal))
                    .col(text_null(Typing::SourceUrl))
                    .col(boolean(Typing::Illustrative))
                    .foreign_key(&mut fk(
                        Typing::Table,
                        Typing::GroupVersionId,
                        GroupVersion::Table,
                        GroupVersion::Id,
                    ))
                    .check(between("ck_typing_scale", Typing::Scale, 1, 19))
                    .check((
                        "ck_typing_fuwasys_total",
                        Expr::col(Typing::FuwasysTotal).is_null().or(Expr::col(
                            Typing::FuwasysTotal,
                        )
                        .gte(14)
                        .and(Expr::col(Typing::FuwasysTotal).lte(126))),
                    ))
                    .check((
                        "ck_typing_fuwasys_pair",
                        Expr::col(Typing::FuwasysScores)
                            .is_null()
                            .and(Expr::col(Typing::FuwasysTotal).is_null())
                            .or(Expr::col(Typing::FuwasysScores)
                                .is_not_null()
                                .and(Expr::col(Typing::FuwasysTotal).is_not_null())),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_typing_scale")
                    .table(Typing::Table)
                    .col(Typing::GroupVersionId)
                    .col(Typing::Scale)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TypingItem::Table)
                    .col(pk_auto(TypingItem::Id))
                    .col(integer(TypingItem::TypingId))
                    .col(string_len(TypingItem::Section, 32))
                    .col(string_len_null(TypingItem::SubCategory, 300))
                    .col(text(TypingItem::Text))
                    .col(integer(TypingItem::SortOrder))
                    .col(boolean(TypingItem::Illustrative))
                    .foreign_key(&mut fk(
                        TypingItem::Table,
                        TypingItem::TypingId,
                        Typing::Table,
                        Typing::Id,
                    ))
                    .check((
                        "ck_typing_item_section",
                        Expr::col(TypingItem::Section).is_in([
                            "ALGEMENE_OMSCHRIJVING",
                            "RESULTATEN",
                            "SPEELRUIMTE_KADERS",
                            "KENNIS_VAARDIGHEDEN",
                            "CONTACTEN",
                        ]),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_typing_item_typing")
                    .table(TypingItem::Table)
                    .col(TypingItem::TypingId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ResponsibilityRequirement::Table)
                    .col(pk_auto(ResponsibilityRequirement::Id))
                    .col(string_len_uniq(ResponsibilityRequirement::Code, 64))
                    .col(string_len(ResponsibilityRequirement::Title, 300))
                    .col(text(ResponsibilityRequirement::Text))
                    .col(string_len(ResponsibilityRequirement::Theme, 32))
                    .col(text(ResponsibilityRequirement::SourceReference))
                    .col(text_null(ResponsibilityRequirement::SourceUrl))
                    .col(date_null(ResponsibilityRequirement::RequiredFrom))
                    .col(boolean(ResponsibilityRequirement::Illustrative))
                    .col(integer(ResponsibilityRequirement::SortOrder))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RequirementScope::Table)
                    .col(pk_auto(RequirementScope::Id))
                    .col(integer(RequirementScope::RequirementId))
                    .col(integer_null(RequirementScope::FamilyId))
                    .col(integer_null(RequirementScope::GroupId))
                    .foreign_key(&mut fk(
                        RequirementScope::Table,
                        RequirementScope::RequirementId,
                        ResponsibilityRequirement::Table,
                        ResponsibilityRequirement::Id,
                    ))
                    .foreign_key(&mut fk(
                        RequirementScope::Table,
                        RequirementScope::FamilyId,
                        JobFamily::Table,
                        JobFamily::Id,
                    ))
                    .foreign_key(&mut fk(
                        RequirementScope::Table,
                        RequirementScope::GroupId,
                        FunctionGroup::Table,
                        FunctionGroup::Id,
                    ))
                    .check((
                        "ck_requirement_scope_target",
                        Expr::col(RequirementScope::FamilyId)
                            .is_null()
                            .and(Expr::col(RequirementScope::GroupId).is_not_null())
                            .or(Expr::col(RequirementScope::FamilyId)
                                .is_not_null()
                                .and(Expr::col(RequirementScope::GroupId).is_null())),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RequirementCoverage::Table)
                    .col(pk_auto(RequirementCoverage::Id))
                    .col(integer(RequirementCoverage::GroupVersionId))
                    .col(integer(RequirementCoverage::RequirementId))
                    .col(integer_null(RequirementCoverage::TypingScale))
                    .col(string_len(RequirementCoverage::Location, 300))
                    .col(text(RequirementCoverage::Quote))
                    .col(boolean(RequirementCoverage::Illustrative))
                    .col(text_null(RequirementCoverage::Note))
                    .foreign_key(&mut fk(
                        RequirementCoverage::Table,
                        RequirementCoverage::GroupVersionId,
                        GroupVersion::Table,
                        GroupVersion::Id,
                    ))
                    .foreign_key(&mut fk(
                        RequirementCoverage::Table,
                        RequirementCoverage::RequirementId,
                        ResponsibilityRequirement::Table,
                        ResponsibilityRequirement::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children before parents, the mirror of `up`.
        for table in [
            RequirementCoverage::Table.into_iden(),
            RequirementScope::Table.into_iden(),
            ResponsibilityRequirement::Table.into_iden(),
            TypingItem::Table.into_iden(),
            Typing::Table.into_iden(),
            CoreProfileCompetence::Table.into_iden(),
            Competence::Table.into_iden(),
            CoreProfileItem::Table.into_iden(),
            ResultArea::Table.into_iden(),
            CoreProfile::Table.into_iden(),
            GroupVersion::Table.into_iden(),
            FunctionGroup::Table.into_iden(),
            JobFamily::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
