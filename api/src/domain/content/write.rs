//! Storing a content document as the rows of a version: core profile with result areas and
//! competences, typings with their items, and requirement coverage.

use std::collections::HashMap;

use fgr_entities::{
    competence, core_profile, core_profile_competence, core_profile_item, requirement_coverage,
    responsibility_requirement, result_area, typing, typing_item,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::GroupContent;
use crate::error::{DomainError, DomainResult};

/// Writes `content` under the (already inserted) version `version_id`.
///
/// # Errors
/// `INTERNAL` when the database fails (call [`validate`](super::validate) first for input errors).
pub async fn write(
    txn: &impl ConnectionTrait,
    version_id: i32,
    content: &GroupContent,
) -> DomainResult<()> {
    let profile = core_profile::ActiveModel {
        group_version_id: Set(version_id),
        purpose: Set(content.core_profile.purpose.clone()),
        source_url: Set(None),
        illustrative: Set(false),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for (n, area) in content.core_profile.result_areas.iter().enumerate() {
        let row = result_area::ActiveModel {
            core_profile_id: Set(profile.id),
            code: Set(area.code.clone()),
            label: Set(area.label.clone()),
            sort_order: Set(n as i32 + 1),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let items = area.results.iter().map(|t| ("RESULT", t)).chain(
            area.behaviour_indicators
                .iter()
                .map(|t| ("BEHAVIOUR_INDICATOR", t)),
        );
        for (m, (kind, text)) in items.enumerate() {
            core_profile_item::ActiveModel {
                result_area_id: Set(row.id),
                kind: Set(kind.to_owned()),
                text: Set(text.clone()),
                sort_order: Set(m as i32 + 1),
                illustrative: Set(false),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    if !content.core_profile.competences.is_empty() {
        let ids: HashMap<String, i32> = competence::Entity::find()
            .filter(competence::Column::Name.is_in(content.core_profile.competences.clone()))
            .all(txn)
            .await?
            .into_iter()
            .map(|c| (c.name, c.id))
            .collect();
        for (n, name) in content.core_profile.competences.iter().enumerate() {
            let id = ids
                .get(name)
                .ok_or_else(|| DomainError::internal(format!("competence {name} vanished")))?;
            core_profile_competence::ActiveModel {
                core_profile_id: Set(profile.id),
                competence_id: Set(*id),
                sort_order: Set(n as i32 + 1),
            }
            .insert(txn)
            .await?;
        }
    }
    for t in &content.typings {
        let row = typing::ActiveModel {
            group_version_id: Set(version_id),
            scale: Set(t.scale),
            variant_no: Set(t.variant.unwrap_or(0)),
            variant_name: Set(t.variant_name.clone()),
            fuwasys_scores: Set(t.fuwasys_scores.clone()),
            fuwasys_total: Set(t.fuwasys_total),
            note: Set(t.note.clone()),
            source_url: Set(None),
            illustrative: Set(false),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for (n, item) in t.items.iter().enumerate() {
            typing_item::ActiveModel {
                typing_id: Set(row.id),
                section: Set(item.section.clone()),
                sub_category: Set(item.sub_category.clone()),
                text: Set(item.text.clone()),
                sort_order: Set(n as i32 + 1),
                illustrative: Set(false),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    if !content.coverage.is_empty() {
        let ids: HashMap<String, i32> = responsibility_requirement::Entity::find()
            .all(txn)
            .await?
            .into_iter()
            .map(|r| (r.code, r.id))
            .collect();
        for c in &content.coverage {
            let id = ids.get(&c.requirement_code).ok_or_else(|| {
                DomainError::internal(format!("requirement {} vanished", c.requirement_code))
            })?;
            requirement_coverage::ActiveModel {
                group_version_id: Set(version_id),
                requirement_id: Set(*id),
                typing_scale: Set(c.typing_scale),
                location: Set(c.location.clone()),
                quote: Set(c.quote.clone()),
                illustrative: Set(false),
                note: Set(c.note.clone()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}
