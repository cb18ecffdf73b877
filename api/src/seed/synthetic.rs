//! A synthetic register for the benchmark: every seeded group copied so the register holds `scale`
//! times the groups, typings and versions. Each copy says what it is in its name, its code
//! (`…_S007`), `illustrative` and its data note, so nobody mistakes it for FGR content; nothing
//! but `fgr seed --synthetic-scale` makes it.

use fgr_entities::{function_group, group_version};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use crate::domain::{audit, changes, content, search, tx};
use crate::error::{DomainError, DomainResult};

/// The note every synthetic record carries.
pub const NOTE: &str =
    "SYNTHETISCH: kopie voor de benchmark (cargo xtask bench --scale); geen gegevens van het FGR.";

/// Copies every non-synthetic group `scale - 1` times, with all its versions and their content,
/// and records the copies in the change feed. Copies that exist already are left alone, so
/// running it twice with the same scale changes nothing. Returns the number of groups added.
///
/// # Errors
/// `BAD_USER_INPUT` for a scale outside 1–1000; `INTERNAL` when the database fails.
pub async fn grow<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    scale: u32,
) -> DomainResult<usize> {
    if !(1..=1000).contains(&scale) {
        return Err(DomainError::bad_input("scale", "kies 1 t/m 1000"));
    }
    let originals: Vec<function_group::Model> = function_group::Entity::find()
        .order_by_asc(function_group::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|g| g.data_note.as_deref() != Some(NOTE))
        .collect();
    let txn = db.begin().await?;
    let result = async {
        let mut added = 0;
        for original in &originals {
            let versions = group_version::Entity::find()
                .filter(group_version::Column::GroupId.eq(original.id))
                .order_by_asc(group_version::Column::VersionNo)
                .all(&txn)
                .await?;
            let mut documents = Vec::new();
            for v in &versions {
                documents.push(content::of_version(&txn, v.id).await?);
            }
            for copy in 2..=scale {
                let code = format!("{}_S{copy:03}", original.code);
                let exists = function_group::Entity::find()
                    .filter(function_group::Column::Code.eq(code.as_str()))
                    .one(&txn)
                    .await?
                    .is_some();
                if exists {
                    continue;
                }
                let name = format!("{} (synthetisch {copy})", original.name);
                let group = function_group::ActiveModel {
                    family_id: Set(original.family_id),
                    code: Set(code.clone()),
                    search_text: Set(search::fold(&format!("{name} {}", code.replace('_', " ")))),
                    name: Set(name),
                    description: Set(original.description.clone()),
                    scale_min: Set(original.scale_min),
                    scale_max: Set(original.scale_max),
                    work_levels: Set(original.work_levels.clone()),
                    fgr_site_id: Set(None),
                    added_on: Set(None),
                    source_url: Set(None),
                    illustrative: Set(true),
                    data_note: Set(Some(NOTE.to_owned())),
                    sort_order: Set(original.sort_order * 10_000 + copy as i32),
                    family_inferred: Set(original.family_inferred),
                    scales_inferred: Set(original.scales_inferred),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                for (v, document) in versions.iter().zip(&documents) {
                    let row = group_version::ActiveModel {
                        group_id: Set(group.id),
                        version_no: Set(v.version_no),
                        effective_from: Set(v.effective_from),
                        effective_to: Set(v.effective_to),
                        provenance_kind: Set(v.provenance_kind.clone()),
                        provenance_reference: Set(Some(NOTE.to_owned())),
                        provenance_url: Set(None),
                        decided_on: Set(v.decided_on),
                        illustrative: Set(true),
                        note: Set(Some(NOTE.to_owned())),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                    content::write(&txn, row.id, document).await?;
                }
                added += 1;
            }
        }
        audit::append(
            &txn,
            &audit::Actor::cli(),
            "synthetic",
            audit::Change {
                action: "synthetic.grow".into(),
                target_type: "register".into(),
                target_id: format!("scale {scale}"),
                before: None,
                after: Some(serde_json::json!({ "groupsAdded": added, "note": NOTE })),
            },
        )
        .await?;
        changes::sync_all(&txn, "synthetic").await?;
        Ok(added)
    }
    .await;
    tx::finish(txn, result).await
}
