//! What the official catalogue data holds beyond the first model: whether a group's family and
//! scale range are stated on an official page or inferred by us; a note on a typing (e.g. an
//! official FUWASYS string that is not a valid score, kept verbatim); and named variants of a
//! typing at one scale (the FGR publishes a "Variant 1" and "Variant 2" for some scales).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{boolean, integer, text_null};

/// Adds `function_group.family_inferred`, `function_group.scales_inferred`, `typing.note`,
/// `typing.variant_no` (0 for a scale's only typing, 1, 2, … for its variants) and
/// `typing.variant_name`, and makes a typing unique per (version, scale, variant).
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000010_catalogue_provenance"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum FunctionGroup {
    Table,
    FamilyInferred,
    ScalesInferred,
}

#[derive(DeriveIden, Clone, Copy)]
enum Typing {
    Table,
    GroupVersionId,
    Scale,
    Note,
    VariantNo,
    VariantName,
}

fn unique_index(name: &str, columns: &[Typing]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(Typing::Table).unique();
    for c in columns {
        index.col(*c);
    }
    index.to_owned()
}

fn drop_index(name: &str) -> IndexDropStatement {
    Index::drop().name(name).table(Typing::Table).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for column in [FunctionGroup::FamilyInferred, FunctionGroup::ScalesInferred] {
            manager
                .alter_table(
                    Table::alter()
                        .table(FunctionGroup::Table)
                        .add_column(boolean(column).default(false))
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            text_null(Typing::Note),
            integer(Typing::VariantNo).default(0).to_owned(),
            text_null(Typing::VariantName),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Typing::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        // The new index first: MariaDB keeps an index on the version's foreign key at all times.
        manager
            .create_index(unique_index(
                "ux_typing_scale_variant",
                &[Typing::GroupVersionId, Typing::Scale, Typing::VariantNo],
            ))
            .await?;
        manager.drop_index(drop_index("ux_typing_scale")).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A one-typing-per-scale table cannot hold variants: like the dropped columns, they are
        // lost going down; the first variant of each scale stays as its typing.
        let db = manager.get_connection();
        db.execute_unprepared(
            "DELETE FROM typing_item WHERE typing_id IN (SELECT id FROM typing WHERE variant_no > 1)",
        )
        .await?;
        db.execute_unprepared("DELETE FROM typing WHERE variant_no > 1")
            .await?;
        manager
            .create_index(unique_index(
                "ux_typing_scale",
                &[Typing::GroupVersionId, Typing::Scale],
            ))
            .await?;
        manager
            .drop_index(drop_index("ux_typing_scale_variant"))
            .await?;
        for column in [Typing::VariantName, Typing::VariantNo, Typing::Note] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Typing::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [FunctionGroup::ScalesInferred, FunctionGroup::FamilyInferred] {
            manager
                .alter_table(
                    Table::alter()
                        .table(FunctionGroup::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
