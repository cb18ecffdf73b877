//! Writing the groups of a plan: the groups the register lacks (their rows first, so
//! requirements can name them, then their versions as the file has them), and the new versions
//! of held groups, closing the latest as an adoption does.

use std::collections::{BTreeMap, HashMap};

use fgr_entities::{function_group, group_version};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

use super::next_order;
use crate::domain::audit::{self, Actor, Change};
use crate::domain::caller::Caller;
use crate::domain::content;
use crate::domain::exchange::import::{last_content, GroupAction, GroupOutcome, Options};
use crate::domain::exchange::{Catalogue, Group};
use crate::domain::search;
use crate::error::{DomainError, DomainResult};
use crate::register::Register;

/// Adds the rows of the groups the plan adds. Returns every group's id by code, and the added
/// groups with their ids (their versions are written by [`write_added_versions`]).
pub(super) async fn add_groups<'a>(
    txn: &impl ConnectionTrait,
    register: &Register,
    doc: &'a Catalogue,
    families: &HashMap<String, i32>,
    added: &BTreeMap<&str, &GroupOutcome>,
) -> DomainResult<(HashMap<String, i32>, Vec<(&'a Group, i32)>)> {
    let mut groups: HashMap<String, i32> = register
        .groups()
        .iter()
        .map(|g| (g.group.code.clone(), g.group.id))
        .collect();
    let mut order = next_order(register.groups().iter().map(|g| g.group.sort_order));
    let mut new_groups = Vec::new();
    for g in &doc.groups {
        if added.get(g.code.as_str()).map(|o| o.action) != Some(GroupAction::Added) {
            continue;
        }
        let family = *families
            .get(&g.family)
            .ok_or_else(|| DomainError::internal(format!("family {} vanished", g.family)))?;
        let row = function_group::ActiveModel {
            family_id: Set(family),
            code: Set(g.code.clone()),
            name: Set(g.name.clone()),
            description: Set(g.description.clone()),
            scale_min: Set(g.scale_min),
            scale_max: Set(g.scale_max),
            work_levels: Set((!g.work_levels.is_empty()).then(|| g.work_levels.join(","))),
            fgr_site_id: Set(g.fgr_site_id),
            added_on: Set(g.added_on),
            search_text: Set(search::group_text(
                &g.name,
                &g.code,
                g.description.as_deref(),
            )),
            source_url: Set(g.source_url.clone()),
            illustrative: Set(g.illustrative),
            data_note: Set(g.data_note.clone()),
            sort_order: Set(order),
            family_inferred: Set(g.family_inferred),
            scales_inferred: Set(g.scales_inferred),
            ..Default::default()
        }
        .insert(txn)
        .await
        .map_err(|e| conflict_on_duplicate(e, &g.code))?;
        order += 1;
        groups.insert(g.code.clone(), row.id);
        new_groups.push((g, row.id));
    }
    Ok((groups, new_groups))
}

/// Added groups, with their versions as the file has them.
pub(super) async fn write_added_versions(
    txn: &impl ConnectionTrait,
    caller: &Caller<'_>,
    actor: &Actor,
    new_groups: Vec<(&Group, i32)>,
) -> DomainResult<()> {
    for (g, group_id) in new_groups {
        for v in &g.versions {
            let row = group_version::ActiveModel {
                group_id: Set(group_id),
                version_no: Set(v.number),
                effective_from: Set(v.effective_from),
                effective_to: Set(v.effective_to),
                provenance_kind: Set(v.provenance_kind.clone()),
                provenance_reference: Set(v.provenance_reference.clone()),
                provenance_url: Set(v.provenance_url.clone()),
                decided_on: Set(v.decided_on),
                illustrative: Set(v.illustrative),
                note: Set(v.note.clone()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let mut content = v.content.clone();
            content::normalize(&mut content);
            content::write(txn, row.id, &content).await?;
        }
        audit::append(
            txn,
            actor,
            caller.request_id,
            Change {
                action: "function_group.import".into(),
                target_type: "function_group".into(),
                target_id: g.code.clone(),
                before: None,
                after: Some(json!({
                    "name": g.name, "family": g.family,
                    "versions": g.versions.len(),
                })),
            },
        )
        .await?;
    }
    Ok(())
}

/// New versions of held groups, as an adoption writes them.
pub(super) async fn write_new_versions(
    txn: &impl ConnectionTrait,
    caller: &Caller<'_>,
    actor: &Actor,
    register: &Register,
    doc: &Catalogue,
    options: &Options,
    added: &BTreeMap<&str, &GroupOutcome>,
) -> DomainResult<()> {
    for g in &doc.groups {
        if added.get(g.code.as_str()).map(|o| o.action) != Some(GroupAction::NewVersion) {
            continue;
        }
        let (Some(decision), Some(effective)) = (&options.decision, options.effective_from) else {
            return Err(DomainError::internal("a new version without a decision"));
        };
        let held = register
            .group_by_code(&g.code)
            .and_then(|h| {
                h.versions
                    .all()
                    .last()
                    .map(|v| (h.group.id, v.version.clone()))
            })
            .ok_or_else(|| DomainError::internal(format!("group {} vanished", g.code)))?;
        let (group_id, latest) = held;
        // The latest version the check saw must still be the latest, and open.
        let closed = group_version::Entity::update_many()
            .col_expr(group_version::Column::EffectiveTo, Expr::value(effective))
            .filter(group_version::Column::Id.eq(latest.id))
            .filter(group_version::Column::EffectiveTo.is_null())
            .exec(txn)
            .await?;
        let newest = group_version::Entity::find()
            .filter(group_version::Column::GroupId.eq(group_id))
            .order_by_desc(group_version::Column::VersionNo)
            .one(txn)
            .await?;
        if closed.rows_affected != 1 || newest.map(|v| v.id) != Some(latest.id) {
            return Err(DomainError::Conflict(format!(
                "{} kreeg een nieuwe versie tijdens de import; controleer het bestand opnieuw",
                g.code
            )));
        }
        let row = group_version::ActiveModel {
            group_id: Set(group_id),
            version_no: Set(latest.version_no + 1),
            effective_from: Set(effective),
            effective_to: Set(None),
            provenance_kind: Set("DECISION".into()),
            provenance_reference: Set(Some(format!("{} (catalogusimport)", decision.trim()))),
            provenance_url: Set(None),
            decided_on: Set(Some(options.decided_on.unwrap_or(effective))),
            illustrative: Set(false),
            note: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let content = last_content(g).unwrap_or_default();
        content::write(txn, row.id, &content).await?;
        audit::append(
            txn,
            actor,
            caller.request_id,
            Change {
                action: "group_version.import".into(),
                target_type: "group_version".into(),
                target_id: row.id.to_string(),
                before: Some(
                    json!({ "target": g.code, "version": latest.version_no, "effectiveTo": null }),
                ),
                after: Some(json!({
                    "version": latest.version_no + 1,
                    "effectiveFrom": effective.to_string(),
                    "previousClosedAt": effective.to_string(),
                    "decision": decision.trim(),
                })),
            },
        )
        .await?;
    }
    Ok(())
}

/// A unique-key failure on a group's code means someone added it meanwhile.
fn conflict_on_duplicate(e: sea_orm::DbErr, code: &str) -> DomainError {
    let text = e.to_string().to_lowercase();
    if text.contains("unique") || text.contains("duplicate") {
        DomainError::Conflict(format!(
            "{code} werd tijdens de import toegevoegd; controleer het bestand opnieuw"
        ))
    } else {
        e.into()
    }
}
