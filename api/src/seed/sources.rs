//! Loading the seed's source documents and the records that cite them: requirements with their
//! family scopes, the declared totals, the ABD rule, and the FGR's published decision log.

use std::collections::HashMap;

use fgr_entities::{
    abd_rule_version, decision_log, declared_total, requirement_scope, responsibility_requirement,
    source_document,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::{data, date, SeedReport};
use crate::error::DomainResult;

/// Inserts the source documents the database lacks. Returns every source's id by code.
pub(super) async fn insert_sources(
    txn: &impl ConnectionTrait,
    report: &mut SeedReport,
) -> DomainResult<HashMap<&'static str, i32>> {
    let mut sources: HashMap<&str, i32> = HashMap::new();
    for (code, title, reference, url, published) in data::SOURCES {
        let existing = source_document::Entity::find()
            .filter(source_document::Column::Code.eq(*code))
            .one(txn)
            .await?;
        let id = match existing {
            Some(row) => row.id,
            None => {
                report.sources += 1;
                source_document::ActiveModel {
                    code: Set((*code).to_owned()),
                    title: Set((*title).to_owned()),
                    reference: Set((*reference).to_owned()),
                    url: Set(Some((*url).to_owned())),
                    published_on: Set(published.map(date).transpose()?),
                    ..Default::default()
                }
                .insert(txn)
                .await?
                .id
            }
        };
        sources.insert(code, id);
    }
    Ok(sources)
}

/// Inserts the requirements the database lacks, each with the families it is required in.
/// Returns every requirement's id by code.
pub(super) async fn insert_requirements(
    txn: &impl ConnectionTrait,
    families: &HashMap<&str, i32>,
    sources: &HashMap<&str, i32>,
    report: &mut SeedReport,
) -> DomainResult<HashMap<&'static str, i32>> {
    let mut requirements: HashMap<&str, i32> = HashMap::new();
    for (i, r) in data::REQUIREMENTS.iter().enumerate() {
        let existing = responsibility_requirement::Entity::find()
            .filter(responsibility_requirement::Column::Code.eq(r.code))
            .one(txn)
            .await?;
        let id = match existing {
            Some(row) => row.id,
            None => {
                report.requirements += 1;
                let row = responsibility_requirement::ActiveModel {
                    code: Set(r.code.to_owned()),
                    title: Set(r.title.to_owned()),
                    text: Set(r.text.to_owned()),
                    theme: Set(r.theme.to_owned()),
                    source_reference: Set(r.source_reference.to_owned()),
                    source_url: Set(r.source_url.map(str::to_owned)),
                    // Records from the minister's letter cite it as a source document too.
                    source_document_id: Set(
                        (r.source_reference == data::LETTER).then(|| sources[data::LETTER_CODE])
                    ),
                    required_from: Set(r.required_from.map(date).transpose()?),
                    illustrative: Set(r.illustrative),
                    sort_order: Set(i as i32 + 1),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                for family in r.families {
                    requirement_scope::ActiveModel {
                        requirement_id: Set(row.id),
                        family_id: Set(Some(families[family])),
                        group_id: Set(None),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                }
                row.id
            }
        };
        requirements.insert(r.code, id);
    }
    Ok(requirements)
}

/// Inserts the declared totals on a database that has none.
pub(super) async fn insert_declared_totals(
    txn: &impl ConnectionTrait,
    sources: &HashMap<&str, i32>,
) -> DomainResult<()> {
    if declared_total::Entity::find().one(txn).await?.is_none() {
        for (i, (count, source, quote, note)) in data::DECLARED_TOTALS.iter().enumerate() {
            declared_total::ActiveModel {
                group_count: Set(*count),
                source_document_id: Set(sources[source]),
                quote: Set(Some((*quote).to_owned())),
                note: Set(note.map(str::to_owned)),
                sort_order: Set(i as i32 + 1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// Inserts the ABD membership rule on a database that has none.
pub(super) async fn insert_abd_rule(
    txn: &impl ConnectionTrait,
    sources: &HashMap<&str, i32>,
    report: &mut SeedReport,
) -> DomainResult<()> {
    if abd_rule_version::Entity::find().one(txn).await?.is_none() {
        report.rules += 1;
        abd_rule_version::ActiveModel {
            version_no: Set(1),
            effective_from: Set(date(data::ABD_RULE_FROM)?),
            effective_to: Set(None),
            min_scale: Set(data::ABD_RULE_MIN_SCALE),
            source_document_id: Set(Some(sources[data::LETTER_CODE])),
            reference: Set(data::ABD_RULE_REFERENCE.to_owned()),
            url: Set(Some(data::SOURCES[0].3.to_owned())),
            decided_on: Set(None),
            illustrative: Set(true),
            note: Set(Some(data::ABD_RULE_NOTE.to_owned())),
            changed_by: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Inserts the decisions of the FGR version log the database lacks (by day and summary).
pub(super) async fn insert_decision_log(
    txn: &impl ConnectionTrait,
    report: &mut SeedReport,
) -> DomainResult<()> {
    for (day, decision, summary, groups) in data::DECISION_LOG {
        let day = date(day)?;
        let exists = decision_log::Entity::find()
            .filter(decision_log::Column::DecidedOn.eq(day))
            .filter(decision_log::Column::Summary.eq(*summary))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.decisions += 1;
        decision_log::ActiveModel {
            decided_on: Set(day),
            decision: Set((*decision).to_owned()),
            summary: Set((*summary).to_owned()),
            group_codes: Set((!groups.is_empty()).then(|| groups.join(","))),
            source_url: Set(data::VERSION_LOG.to_owned()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
