//! Loading the standard vacancy clauses: each clause the database lacks gets its row and a first
//! version from the seed's text.

use fgr_entities::{vacancy_clause, vacancy_clause_version};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::{data, date, SeedReport};
use crate::error::DomainResult;

/// Inserts the clauses the database lacks (by code), each with its first version.
pub(super) async fn insert_clauses(
    txn: &impl ConnectionTrait,
    report: &mut SeedReport,
) -> DomainResult<()> {
    for c in data::CLAUSES {
        let exists = vacancy_clause::Entity::find()
            .filter(vacancy_clause::Column::Code.eq(c.code))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.clauses += 1;
        let now = chrono::Utc::now().naive_utc();
        let clause = vacancy_clause::ActiveModel {
            code: Set(c.code.to_owned()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        vacancy_clause_version::ActiveModel {
            clause_id: Set(clause.id),
            version_no: Set(1),
            effective_from: Set(date(c.effective_from)?),
            effective_to: Set(None),
            title: Set(c.title.to_owned()),
            category: Set(c.category.to_owned()),
            section: Set(c.section.to_owned()),
            section_order: Set(c.section_order),
            text_nl: Set(c.text_nl.to_owned()),
            text_en: Set(c.text_en.map(str::to_owned)),
            mandatory: Set(c.mandatory),
            scale_min: Set(c.scale_min),
            scale_max: Set(None),
            manager_only: Set(false),
            abd_only: Set(c.abd_only),
            family_codes: Set(None),
            group_codes: Set(None),
            source_reference: Set(c.source_reference.to_owned()),
            source_url: Set(c.source_url.map(str::to_owned)),
            illustrative: Set(c.illustrative),
            change_note: Set(Some(c.note.to_owned())),
            created_by: Set("seed".into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
