//! Loading the appraisal seed ([`super::appraisal`]): rating scales with their levels, and
//! appraisal formats whose content is checked like any other input before it is stored.

use fgr_entities::{appraisal_format, appraisal_format_version, rating_scale};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::{appraisal, date, SeedReport};
use crate::error::{DomainError, DomainResult};

/// Inserts the rating scales the database lacks (by code).
pub(super) async fn insert_rating_scales(
    txn: &impl ConnectionTrait,
    report: &mut SeedReport,
) -> DomainResult<()> {
    for scale in appraisal::SCALES {
        let exists = rating_scale::Entity::find()
            .filter(rating_scale::Column::Code.eq(scale.code))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.rating_scales += 1;
        let levels: Vec<crate::domain::appraisal::Level> = scale
            .levels
            .iter()
            .map(
                |(code, label, description)| crate::domain::appraisal::Level {
                    code: (*code).to_owned(),
                    label: (*label).to_owned(),
                    description: (*description).to_owned(),
                },
            )
            .collect();
        rating_scale::ActiveModel {
            code: Set(scale.code.to_owned()),
            name: Set(scale.name.to_owned()),
            levels_json: Set(serde_json::to_string(&levels).map_err(DomainError::internal)?),
            source_reference: Set(scale.source_reference.to_owned()),
            source_url: Set(Some(scale.source_url.to_owned())),
            illustrative: Set(false),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Inserts the appraisal formats the database lacks (by code), with all their versions.
pub(super) async fn insert_formats(
    txn: &impl ConnectionTrait,
    report: &mut SeedReport,
) -> DomainResult<()> {
    for f in appraisal::formats() {
        let exists = appraisal_format::Entity::find()
            .filter(appraisal_format::Column::Code.eq(f.code))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.formats += 1;
        let format = appraisal_format::ActiveModel {
            code: Set(f.code.to_owned()),
            created_at: Set(chrono::Utc::now().naive_utc()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for (i, v) in f.versions.iter().enumerate() {
            // Seed content is checked like any other input.
            let content: crate::domain::appraisal::FormatContent =
                serde_json::from_value(v.content.clone()).map_err(DomainError::internal)?;
            crate::domain::appraisal::validate(txn, &content)
                .await
                .map_err(|e| DomainError::internal(format!("seed format {}: {e}", f.code)))?;
            appraisal_format_version::ActiveModel {
                format_id: Set(format.id),
                version_no: Set(i32::try_from(i).unwrap_or(0) + 1),
                effective_from: Set(date(v.from)?),
                effective_to: Set(v.to.map(date).transpose()?),
                name: Set(v.name.to_owned()),
                audience: Set(f.audience.to_owned()),
                audience_codes: Set(None),
                content_json: Set(serde_json::to_string(&content).map_err(DomainError::internal)?),
                provenance_kind: Set("SEED".into()),
                provenance_reference: Set(Some(v.reference.to_owned())),
                illustrative: Set(v.illustrative),
                decided_on: Set(v.decided_on.map(date).transpose()?),
                note: Set(Some(v.note.to_owned())),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}
